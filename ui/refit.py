"""Topic refits from the app: one at a time per server, in a background thread, with progress.

The admin page starts one on demand; :func:`maybe_auto_refit` starts one when the topics service's
``needs_refit`` says enough new notes arrived (checked at most once a minute per server).
"""

from __future__ import annotations

import logging
import time

import streamlit as st

from insight.settings import Settings
from insight.store import Store
from insight.topics import needs_refit, refit
from ui import data, jobs, resources

log = logging.getLogger("ui.refit")

REFIT_JOB = "topic-refit"
_CHECK_EVERY_S = 60.0


def start_refit(store: Store, settings: Settings, *, reason: str = "manual") -> tuple[jobs.Job, bool]:
    """Start a refit unless one is running; returns (the job, whether it was started now)."""
    embedder = resources.get_embedder()

    def work(progress: jobs.ProgressCallback) -> object:
        log.info("topic refit started (%s)", reason)
        try:
            return refit(store, settings, embedder.model_id, progress=progress, embedder=embedder)
        finally:
            data.changed()

    return jobs.registry().start(REFIT_JOB, work)


def current() -> jobs.JobStatus | None:
    """The latest refit's status (running or finished), if any ran in this server."""
    job = jobs.registry().get(REFIT_JOB)
    return job.status() if job else None


@st.cache_resource(show_spinner=False)
def _last_check() -> dict[str, float]:
    return {"at": 0.0}


def maybe_auto_refit(store: Store, settings: Settings) -> bool:
    """Start a refit when ``needs_refit`` says so; cheap to call on every rerun. Returns whether it started."""
    checked = _last_check()
    now = time.monotonic()
    if now - checked["at"] < _CHECK_EVERY_S:
        return False
    checked["at"] = now
    try:
        decision = needs_refit(store, settings)
    except Exception:  # a failed check must never break a page
        log.exception("needs_refit failed")
        return False
    if not decision:
        return False
    _, started = start_refit(store, settings, reason="automatic")
    return started
