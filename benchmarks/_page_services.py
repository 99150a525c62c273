"""What each page waits for: the service calls a page makes, timed one by one on a database (no Streamlit).

    nice -n 10 .venv/bin/python benchmarks/_page_services.py DB [--model-id ID]

Each page script makes a few service calls and renders them; when a page is slow, one of these is. The
calls run in one warm process (store open, embedder loaded, the search index loaded by a first search)
in the order the page makes them, twice: the second figure is what a page pays when Streamlit's data
cache is cold but the process is warm. Prints a Markdown table, slowest first.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def calls(db: Path, embedding_model: str) -> list[tuple[str, str, Callable[[], object]]]:
    """(page, call, thunk) for every service call a page makes with its default inputs."""
    from insight.agent_notes import notes_by_agent
    from insight.brief import build_brief
    from insight.demo_data import demo_note_count, note_count
    from insight.filter_options import filter_options
    from insight.records import NoteFilters
    from insight.runtime import embedder_for
    from insight.search import search_notes
    from insight.settings import load_settings
    from insight.similar import similar_this_week
    from insight.store import Store
    from insight.theme_view import theme_trends
    from insight.topic_activity import topic_activity
    from insight.topic_map import similar_topics, topic_map
    from insight.topics import get_topic, list_runs, list_topics, needs_refit
    from insight.trend_view import topic_overview
    from insight.trends import resolve_week, topic_catalogue

    settings = load_settings({}, db=db, embedding_model=embedding_model)
    store = Store(db)
    embedder = embedder_for(settings)
    embedder.warm_up()
    options = filter_options(store)
    agent = options.agents[0][0] if options.agents else "nobody"
    topics = list_topics(store)
    biggest = max(topics, key=lambda t: t.size).topic_id if topics else 0
    from datetime import timedelta

    with store.read() as con:
        last_note = con.execute("SELECT max(id) FROM notes").fetchall()[0][0]
    twelve = NoteFilters(start=options.last - timedelta(weeks=12), end=options.last) if options.last else NoteFilters()
    query = "customer wants to pause the subscription while abroad"
    return [
        ("every page", "needs_refit (auto-refit check)", lambda: needs_refit(store, settings)),
        ("every page", "demo_note_count + note_count (banner)", lambda: (demo_note_count(store), note_count(store))),
        ("every page", "filter_options", lambda: filter_options(store)),
        ("trends", "topic_overview (last 12 weeks)", lambda: topic_overview(store, settings, twelve)),
        ("trends", "theme_trends", lambda: theme_trends(topic_overview(store, settings, twelve))),
        ("topic", "list_topics", lambda: list_topics(store)),
        ("topic", "topic_catalogue", lambda: topic_catalogue(store)),
        ("topic", "get_topic (largest)", lambda: get_topic(store, biggest)),
        ("topic", "topic_activity (largest)", lambda: topic_activity(store, biggest)),
        ("topic", "similar_topics", lambda: similar_topics(store, biggest)),
        ("explore", "search_notes (50, no filter)", lambda: search_notes(store, query, embedder=embedder, limit=50)),
        (
            "explore",
            "search_notes (50, last 12 weeks)",
            lambda: search_notes(store, query, embedder=embedder, filters=twelve, limit=50),
        ),
        ("explore", "topic_map", lambda: topic_map(store)),
        ("brief", "resolve_week", lambda: resolve_week(store)),
        ("brief", "build_brief (latest week)", lambda: build_brief(store, settings, resolve_week(store), wait=False)),
        ("my_notes", "notes_by_agent", lambda: notes_by_agent(store, agent)),
        (
            "log_note",
            "similar_this_week (after a save)",
            lambda: similar_this_week(store, embedder=embedder, note_id=last_note, agent_id=agent),
        ),
        ("topics_admin", "list_runs", lambda: list_runs(store)),
    ]


def main() -> None:
    """Time every call twice; print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--embedding-model", default="packaged:all-MiniLM-L6-v2")
    args = parser.parse_args()
    table = []
    for page, name, thunk in calls(args.db, args.embedding_model):
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            thunk()
            times.append(time.perf_counter() - t0)
        table.append((page, name, *times))
        print(f"  {page}: {name}: {times[0]:.2f} s, {times[1]:.2f} s", file=sys.stderr)
    print("| page | service call | first | again |\n|---|---|---|---|")
    for page, name, first, again in sorted(table, key=lambda r: -r[3]):
        print(f"| {page} | {name} | {first:.2f} s | {again:.2f} s |")


if __name__ == "__main__":
    main()
