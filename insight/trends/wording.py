"""Numbers a product manager can believe: bounded chances in words, changes from zero, rounded growth."""

from __future__ import annotations

import math

# (upper bound on p, words) from the strongest down; a chance is never shown more precisely than this.
_CHANCE = (
    (0.001, "very unlikely by chance (p < 0.001)"),
    (0.01, "unlikely by chance (p < 0.01)"),
    (0.05, "somewhat unlikely by chance (p < 0.05)"),
)
GROWTH_MIN_BASELINE = 1.0  # below one note a week, a ratio means nothing ("+7000 %"): say "new" instead


def chance_words(p_value: float) -> str:
    """The chance of the evidence under "nothing changed", in words with a bounded figure."""
    for bound, words in _CHANCE:
        if p_value < bound:
            return words
    return f"could well be chance (p = {min(1.0, max(p_value, 0.0)):.2f})"


def rounded_growth(count: float, baseline: float) -> float | None:
    """``count / baseline`` to one decimal; ``None`` from (almost) zero, where a ratio is meaningless."""
    if baseline < GROWTH_MIN_BASELINE or not math.isfinite(baseline):
        return None
    return round(count / baseline, 1)


def _level(value: float) -> str:
    """A weekly level as people say it: whole notes, "<1" for a trickle."""
    if value <= 0:
        return "0"
    if value < 1:
        return "<1"
    return f"{value:.0f}"


def change_words(baseline: float, count: int, window_weeks: int = 1) -> str:
    """``"0 → 14 a week"``, ``"<1 → 9 a week"``, ``"6 → 18 a week (3.0×)"``; over a longer window
    ``"… rising over 3 weeks"`` or, for a fade, ``"14 → 2 a week (0.1×), falling over 2 weeks"``.

    ``baseline`` is the weekly mean before the evidence window; ``count`` this week's notes.
    """
    growth = rounded_growth(count, baseline)
    text = f"{_level(baseline)} → {count} a week"
    if growth is not None:
        text += f" ({growth:.1f}×)"
    if window_weeks > 1:
        # The same window serves rises and fades: say which way it went.
        text += f", {'falling' if count < baseline else 'rising'} over {window_weeks} weeks"
    return text
