"""How long each page takes to render as the data grows: 10k and 100k generated notes.

    .venv/bin/python benchmarks/app_pages.py            # 10k and 100k
    .venv/bin/python benchmarks/app_pages.py 10000      # one size

Each size gets a database under ``.cache/bench`` (built once: demo notes through the ingest service
with a 384-dimension hashing embedder — the vector size of all-MiniLM-L6-v2, so the SQL costs are the
real ones; the real model would take ~11 minutes to embed 100k notes — plus the answer-key topic
run). Pages run in AppTest inside one process, so the server is warm (store, embedder, redactor
cached once). Two numbers per page: **fresh** (data caches cleared before the run: what the first
person after a data change waits) and **cached** (the rerun that follows). Target: fresh <= 2 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CACHE = REPO / ".cache" / "bench"
EMBEDDER = "hashing-384"
PAGES = ("log_note", "my_notes", "trends", "topic", "explore", "brief", "import_notes", "topics_admin", "settings")
ROLE = {"log_note": "agent", "my_notes": "agent"}
TARGET_S = 2.0


def build(size: int) -> Path:
    """The benchmark database for ``size`` notes (reused when it exists)."""
    from ingest.demo import generate_demo_notes
    from ingest.redaction import default_redactor
    from ingest.service import ingest_drafts
    from insight.embedder import HashingEmbedder
    from insight.settings import load_settings
    from insight.store import Store
    from tests.store_fixtures import write_answer_key_topics

    path = CACHE / f"app-pages-{size}.duckdb"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    drafts = generate_demo_notes(notes_per_week=round(size / 11.3), agents=max(36, size // 250))
    settings = load_settings({}, db=path, embedding_model=EMBEDDER, import_batch_size=4096)
    store = Store(path)
    embedder = HashingEmbedder(384)
    report = ingest_drafts(store, drafts, embedder=embedder, redactor=default_redactor(), settings=settings)
    write_answer_key_topics(store, embedder.model_id)
    store.release()
    print(f"built {path.name}: {report.imported:,} notes in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _app(role: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.session_state["demo_role"] = role
    return at


def _interact(at, page: str) -> None:
    """What a person does first on the page (a search on Explore); part of the timed render."""
    if page == "explore":
        at.text_input(key="explore-q").set_value("customer wants to pause the subscription while abroad").run()


def time_pages(db: Path, runs: int = 3) -> dict[str, tuple[float, float]]:
    """Median (fresh, cached) seconds per page against ``db``."""
    import streamlit as st

    os.environ["EARSHOT_DB"] = str(db)
    os.environ["EARSHOT_EMBEDDING_MODEL"] = EMBEDDER
    st.cache_data.clear()
    st.cache_resource.clear()
    results = {}
    for page in PAGES:
        at = _app(ROLE.get(page, "admin")).run()  # warm the server: resources, imports
        at.switch_page(f"app_pages/{page}.py").run()
        _interact(at, page)
        fresh, cached = [], []
        for _ in range(runs):
            st.cache_data.clear()
            t0 = time.perf_counter()
            at.run()
            fresh.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            at.run()
            cached.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
        results[page] = (statistics.median(fresh), statistics.median(cached))
    return results


def main(sizes: list[int]) -> None:
    """Build, time and print a table (Markdown) with the growth from the smallest to the largest size."""
    logging_quiet()
    table = {size: time_pages(build(size)) for size in sizes}
    header = " | ".join(f"{s // 1000}k fresh | {s // 1000}k cached" for s in sizes)
    print(f"| page | {header} |" + (" growth |" if len(sizes) > 1 else ""))
    print("|---" * (1 + 2 * len(sizes) + (len(sizes) > 1)) + "|")
    worst = 0.0
    for page in PAGES:
        cells = " | ".join(f"{table[s][page][0]:.2f} s | {table[s][page][1]:.2f} s" for s in sizes)
        growth = f" {table[sizes[-1]][page][0] / max(table[sizes[0]][page][0], 1e-3):.1f}× |" if len(sizes) > 1 else ""
        print(f"| {page} | {cells} |{growth}")
        worst = max(worst, table[sizes[-1]][page][0])
    verdict = "meets" if worst <= TARGET_S else "MISSES"
    print(f"\nslowest page at {sizes[-1]:,} notes: {worst:.2f} s — {verdict} the {TARGET_S:.0f} s target")


def logging_quiet() -> None:
    """Silence Streamlit's 'missing ScriptRunContext' chatter in bare mode."""
    import logging

    for name in ("streamlit", "streamlit.runtime"):
        logging.getLogger(name).setLevel(logging.ERROR)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
