"""Judging a finished week in the background, for pages that must not wait for the pocket screen.

On a large database (``trends_inline_max_notes``) the Trends and Brief pages show a week's topic signals at
once and call :func:`judge_in_background`; the job runs ``weekly_signals`` — which stores the week with its
pockets — then marks the data changed, so the next rerun shows the stored week. One such job per server.
"""

from __future__ import annotations

import logging

import streamlit as st

from insight.settings import Settings
from insight.store import Store
from insight.trends import weekly_signals
from ui import data, jobs

log = logging.getLogger("ui.judging")

JOB = "judge-week"


def judge_in_background(store: Store, settings: Settings, week: str) -> jobs.JobStatus:
    """Start judging ``week`` unless a judging job is running; return its status."""

    def work(progress: jobs.Progress) -> object:
        progress(f"looking for new needs in {week}", 0, 0)
        log.info("judging week %s in the background", week)
        try:
            return len(weekly_signals(store, settings, week))
        finally:
            data.changed()

    job, _ = jobs.registry().start(JOB, work)
    return job.status()


def pending_notice(store: Store, settings: Settings, week: str) -> None:
    """Start the job and say, on the page, what is shown meanwhile."""
    status = judge_in_background(store, settings, week)
    if status.error:
        st.warning(f"Looking for new needs in {week} failed: {status.error}", icon=":material/error:")
        return
    st.info(
        f"Looking for new needs inside topics in {week} in the background — on a database this size it takes "
        "a few minutes. Topic signals are shown meanwhile; reload the page to see the pockets.",
        icon=":material/hourglass_top:",
    )
