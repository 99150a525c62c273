"""First run: seed the default database with generated demo data (in the background, with progress),
and the banner that says the data is a demo and how to start empty."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from insight.search import demo_note_count, has_notes
from insight.settings import PROJECT_ROOT, Settings
from insight.store import Store
from ui import data, jobs, render, resources

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
    return is_demo_location(settings) and not has_notes(store)


def _start_seeding(store: Store, settings: Settings) -> None:
    embedder = resources.get_embedder()

    def work(progress: jobs.Progress) -> object:
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
    "starting": "Loading the language model",
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
        "centre over the last 14 weeks — to show what the dashboards do. It takes under a minute."
    )
    job = jobs.registry().get(SEED_JOB)
    if job is None:
        _start_seeding(store, settings)

    @st.fragment(run_every=1.0)
    def progress() -> None:
        current = jobs.registry().get(SEED_JOB)
        status = current.status() if current else None
        if status is None:
            return
        if status.error:
            st.error(f"Seeding the demo failed — {render.escape_markdown(status.error)}")
            st.caption("To start empty instead, run with EARSHOT_DB=/path/to/earshot.duckdb.")
            return
        if not status.running:
            data.changed()
            st.rerun()
        label = _STAGES.get(status.stage, status.stage.capitalize())
        counts = f" — {status.done:,} of {status.total:,}" if status.total else ""
        st.progress(status.fraction, text=f"{label}{counts} ({status.seconds:.0f} s)")

    progress()


def demo_banner(store: Store) -> None:
    """Tell people they are looking at demo data, and how to start empty or bring their own."""
    if data.cached(demo_note_count, store) == 0:
        return
    st.info(
        "You are looking at **generated demo data** (Brightline, a made-up telecom). To start empty, run "
        "`EARSHOT_DB=/path/to/earshot.duckdb streamlit run app.py`; to bring your own notes, use "
        "**Admin → Import**.",
        icon=":material/science:",
    )
