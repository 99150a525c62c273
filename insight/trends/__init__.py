"""Trends: weekly volumes per topic and the signals read from them (emerging, new, spike, fading).

The service functions here are what the CLI, the brief and the dashboard call; the SQL lives in
:mod:`insight.store.weekly` and the statistics in :mod:`insight.trends.detectors`.
"""

from insight.trends.detectors import PoissonGammaDetector, TrendDetector, corroborated_count
from insight.trends.ledger import signals_for_page, stored_weeks, weekly_signals
from insight.trends.records import (
    SIGNAL_KINDS,
    Detection,
    Quote,
    TopicHistory,
    TopicInfo,
    TrendSignal,
    VolumeFilters,
    WeeklyCount,
    WeeklyTotal,
)
from insight.trends.signals import compute_signals, detect_signals
from insight.trends.volume import (
    notes_behind,
    pocket_topic_ids,
    resolve_week,
    topic_catalogue,
    topic_quotes,
    weekly_breakdown,
    weekly_topic_volume,
    weekly_totals,
)
from insight.trends.weeks import Week

__all__ = [
    "SIGNAL_KINDS",
    "Detection",
    "PoissonGammaDetector",
    "Quote",
    "TopicHistory",
    "TopicInfo",
    "TrendDetector",
    "TrendSignal",
    "VolumeFilters",
    "Week",
    "WeeklyCount",
    "WeeklyTotal",
    "compute_signals",
    "corroborated_count",
    "detect_signals",
    "notes_behind",
    "pocket_topic_ids",
    "resolve_week",
    "signals_for_page",
    "stored_weeks",
    "topic_catalogue",
    "topic_quotes",
    "weekly_breakdown",
    "weekly_signals",
    "weekly_topic_volume",
    "weekly_totals",
]
