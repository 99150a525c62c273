"""First run: seed the default database with generated demo data (in the background, with progress),
and the banner that says the data is a demo and how to start empty."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from insight.demo_data import demo_note_count, demo_was_removed, note_count, remove_demo_notes
from insight.filter_options import has_notes
from insight.settings import PROJECT_ROOT, Settings
from insight.store import Store
from ui import data, jobs, render, resources, state

SEED_JOB = "seed-demo"
DEFAULT_DB = PROJECT_ROOT / "data" / "earshot.duckdb"
NOTES_PER_WEEK = 300  # tests lower this to keep seeding quick


def is_demo_location(settings: Settings) -> bool:
    """Whether this database should get demo data when empty: the default file only.

    Pointing ``EARSHOT_DB`` anywhere else starts empty, which is how people start for real.
    """
    wanted = settings.demo_data.strip().lower()
    if wanted in ("on", "true", "yes", "1"):
        return True
    if wanted in ("off", "false", "no", "0"):
        return False
    return Path(settings.db).resolve() == DEFAULT_DB.resolve()


def seeding_needed(store: Store, settings: Settings) -> bool:
    """True while the demo is being seeded, or when the default database is new/empty."""
    job = jobs.registry().get(SEED_JOB)
    if job is not None:
        return job.status().running or job.status().error is not None
    return is_demo_location(settings) and not has_notes(store) and not demo_was_removed(store)


def start_seeding(store: Store, settings: Settings) -> None:
    """Start the seeding job (a no-op while one runs): from the server's start-up, else the first page view."""
    embedder = resources.get_embedder()

    def work(progress: jobs.ProgressCallback) -> object:
        # The slow loads happen here, in the job's thread, so the welcome screen shows progress at once.
        from ingest.demo import seed_demo

        progress("starting", 0, 0)
        redactor = resources.get_redactor()
        return seed_demo(
            store,
            embedder=embedder,
            redactor=redactor,
            settings=settings,
            progress=progress,
            notes_per_week=NOTES_PER_WEEK,
        )

    jobs.registry().start(SEED_JOB, work)


_STAGES = {
    "starting": "Loading the redactor (personal-data recognisers) and the language model",
    "reading": "Generating notes",
    "embedding": "Embedding notes",
    "writing": "Saving notes",
    "topics": "Finding topics",
}


def seeding_screen(store: Store, settings: Settings) -> None:
    """The first-run screen: starts the seeding job once and shows its progress until it ends."""
    st.title("Welcome to Earshot")
    st.write(
        "This is a fresh install, so Earshot is generating a demo data set — a made-up telecom's contact "
        "centre over the last 14 weeks, about 3,400 notes — and finding its topics, to show what the "
        "dashboards do. Every note goes through the real pipeline (redaction, the language model, the "
        "topic engine); the bar below shows each stage as it runs. It started with the server."
    )
    job = jobs.registry().get(SEED_JOB)
    if job is None:
        start_seeding(store, settings)

    @st.fragment(run_every=1.0)
    def progress() -> None:
        current = jobs.registry().get(SEED_JOB)
        status = current.status() if current else None
        if status is None:
            return
        if status.error:
            st.error(f"Seeding the demo failed — {render.escape_markdown(status.error)}")
            st.caption("To start empty instead: `EARSHOT_DB=/path/to/earshot.duckdb ./earshot run`.")
            return
        if not status.running:
            data.changed()
            st.rerun()
        label = _STAGES.get(status.stage, status.stage.capitalize())
        counts = f" — {status.done:,} of {status.total:,}" if status.total else ""
        st.progress(status.fraction, text=f"{label}{counts} ({status.seconds:.0f} s)")

    progress()


def demo_banner(store: Store, settings: Settings, *, can_remove: bool) -> None:
    """While demo notes exist: say so (and whether they are mixed with real ones) and how to leave the demo.

    ``can_remove``: admins get the "Remove demo data" button (the CLI equivalent is
    ``earshot remove-demo``).
    """
    demo = data.cached(demo_note_count, store)
    if demo == 0:
        return
    total = data.cached(note_count, store)
    if total > demo:
        what = (
            f"**{demo:,} generated demo notes** (Brightline, a made-up telecom) are mixed with "
            f"{total - demo:,} {'note' if total - demo == 1 else 'notes'} of your own, and count in every chart."
        )
    else:
        what = "You are looking at **generated demo data** (Brightline, a made-up telecom)."
    leave = (
        "Remove them below to keep only your own notes"
        if can_remove
        else "An admin can remove them (Admin role → *Remove demo data*)"
    )
    with st.container(border=True):
        st.markdown(
            f":material/science: {what} {leave}; to start on a separate empty database instead, run "
            "`EARSHOT_DB=/path/to/earshot.duckdb ./earshot run`."
        )
        if can_remove and st.button("Remove demo data", icon=":material/delete:", key="demo-remove"):
            _confirm_removal(store, settings, demo)


@st.dialog("Remove the demo data?")
def _confirm_removal(store: Store, settings: Settings, count: int) -> None:
    st.write(
        f"This deletes the {count:,} generated demo notes, and only them: notes you logged or imported stay. "
        "Topics are then refitted on what is left. It cannot be undone, and the demo is not generated again."
    )
    st.caption("Command line: `earshot remove-demo` (add `--db PATH` for another database).")
    if st.button("Remove demo data", type="primary", key="demo-remove-confirm"):
        result = remove_demo_notes(store, settings)
        data.changed()
        if result.needs_refit:
            from ui import refit

            refit.start_refit(store, settings, reason="demo data removed")
        state.remember("demo-removed", result.message)
        st.rerun()


def removal_notice() -> None:
    """After a removal: what it did (once)."""
    message = state.recall("demo-removed")
    if message:
        state.forget("demo-removed")
        st.success(render.escape_markdown(message), icon=":material/check_circle:")
