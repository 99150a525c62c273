"""Background jobs shared by every session: demo seeding and topic refits, one of each kind at a time.

A job runs in a daemon thread; sessions poll its :class:`JobStatus` (e.g. from an ``st.fragment`` with
``run_every``) so nobody's page is frozen while it works. The registry is an ``st.cache_resource``
on purpose: "one refit at a time" must hold across sessions. Each job guards its state with a lock.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from insight.errors import EarshotError
from insight.records import ProgressCallback

log = logging.getLogger("ui.jobs")


@dataclass(frozen=True)
class JobStatus:
    """A snapshot of a job, safe to render."""

    name: str
    running: bool
    stage: str
    done: int
    total: int
    started_at: float
    finished_at: float | None
    error: str | None
    result: Any = None

    @property
    def fraction(self) -> float:
        """Share of the current stage done, 0–1 (0 when the total is unknown)."""
        return min(1.0, self.done / self.total) if self.total else 0.0

    @property
    def seconds(self) -> float:
        """How long it ran (or has been running)."""
        return (self.finished_at or time.time()) - self.started_at


class Job:
    """One run of a function in a thread, reporting progress as (stage, done, total)."""

    def __init__(self, name: str, work: Callable[[ProgressCallback], Any]) -> None:
        self.name = name
        self._work = work
        self._lock = threading.Lock()
        self._status = JobStatus(name, True, "starting", 0, 0, time.time(), None, None)
        self._thread = threading.Thread(target=self._run, name=f"earshot-job-{name}", daemon=True)

    def start(self) -> Job:
        """Start the thread; returns self."""
        self._thread.start()
        return self

    def _update(self, **changes: Any) -> None:
        with self._lock:
            self._status = JobStatus(**{**self._status.__dict__, **changes})

    def progress(self, stage: str, done: int, total: int) -> None:
        """The callback handed to the work function."""
        self._update(stage=stage, done=done, total=total)

    def _run(self) -> None:
        try:
            result = self._work(self.progress)
        except EarshotError as exc:
            log.warning("job %s failed: %s", self.name, exc, exc_info=True)
            self._update(running=False, finished_at=time.time(), error=f"{exc.title}: {exc.message}", stage="failed")
        except Exception as exc:  # shown to the admin as one line; the traceback goes to the log
            log.error("job %s crashed\n%s", self.name, traceback.format_exc())
            self._update(running=False, finished_at=time.time(), error=f"Unexpected error: {exc}", stage="failed")
        else:
            self._update(running=False, finished_at=time.time(), result=result, stage="done")

    def status(self) -> JobStatus:
        """The latest snapshot."""
        with self._lock:
            return self._status

    def wait(self, timeout: float | None = None) -> JobStatus:
        """Block until the job ends (tests and scripts)."""
        self._thread.join(timeout)
        return self.status()


class JobRegistry:
    """The latest job of each name; starting one while another of that name runs returns the running one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    def start(self, name: str, work: Callable[[ProgressCallback], Any]) -> tuple[Job, bool]:
        """Start ``work`` as job ``name`` unless one is running; returns (the job, whether it is new)."""
        with self._lock:
            current = self._jobs.get(name)
            if current is not None and current.status().running:
                return current, False
            job = self._jobs[name] = Job(name, work)
        return job.start(), True

    def get(self, name: str) -> Job | None:
        """The latest job of that name, running or finished."""
        with self._lock:
            return self._jobs.get(name)


@st.cache_resource(show_spinner=False)
def registry() -> JobRegistry:
    """The server-wide job registry."""
    return JobRegistry()
