"""Trend detectors: pure functions from a topic's weekly history to signals (no store, no clock).

The default :class:`PoissonGammaDetector` treats a topic's weekly count as Poisson with a rate that
has a Gamma prior, updated by the baseline weeks. The posterior predictive for this week is then a
negative binomial, whose tail gives the chance of seeing at least (or, for fading, at most) the
observed count if nothing had changed. Counts are scaled by each week's volume in other topics
(the exposure), so a busy week does not look like a trend everywhere.

One agent repeating themselves is not a trend: the count that is tested is the *corroborated* count,
where no agent counts for more than the ``emerging_min_agents``-th most active agent of the week.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from scipy.stats import nbinom

from insight.settings import Settings
from insight.trends.records import Detection, TopicHistory

_MIN_EXPOSURE, _MAX_EXPOSURE = 0.25, 4.0


class TrendDetector(Protocol):
    """Anything that reads one topic's weekly history and says which signals it shows."""

    def detect(self, history: TopicHistory) -> list[Detection]:
        """Return zero or more detections (at most one per kind) for the last week of ``history``."""
        ...


def corroborated_count(agent_counts: Sequence[int], total: int, min_agents: int) -> int:
    """This week's count with no agent counting for more than the ``min_agents``-th most active agent.

    With ``min_agents <= 1`` every note counts (including notes without an agent); otherwise notes
    without an agent count for nothing and fewer than ``min_agents`` agents give zero.
    """
    if min_agents <= 1:
        return total
    ranked = sorted((c for c in agent_counts if c > 0), reverse=True)
    if len(ranked) < min_agents:
        return 0
    cap = ranked[min_agents - 1]
    return sum(min(c, cap) for c in ranked)


def surprise(p_value: float) -> float:
    """``-log10(p)``: 2 means a 1-in-100 chance, 6 one in a million (capped at 300)."""
    return min(300.0, -math.log10(max(p_value, 1e-300)))


@dataclass(frozen=True)
class _Baseline:
    mean: float  # raw mean count per observed baseline week
    alpha: float  # Gamma posterior shape
    beta: float  # Gamma posterior rate (in exposure units)
    variance: float  # sample variance of the baseline counts
    weeks: int  # observed baseline weeks
    reference: float  # mean weekly volume in other topics, the unit of exposure


def _exposures(totals: Sequence[int], reference: float) -> list[float]:
    if reference <= 0:
        return [1.0] * len(totals)
    return [min(_MAX_EXPOSURE, max(_MIN_EXPOSURE, t / reference)) for t in totals]


def _fmt_p(p: float) -> str:
    if p <= 0:
        return "essentially nil"
    return f"1 in {1 / p:,.0f}" if p < 0.5 else f"{p:.2f}"


class PoissonGammaDetector:
    """Emerging, spike, fading and new, decided from weekly counts with a Gamma–Poisson model.

    Args:
        settings: thresholds from the trends section of :class:`~insight.settings.Settings`.
    """

    def __init__(self, settings: Settings) -> None:
        self.s = settings

    # -- model ------------------------------------------------------------------------------------
    def _baseline(self, counts: Sequence[int], totals: Sequence[int], observed: Sequence[bool]) -> _Baseline | None:
        pairs = [(c, t) for c, t, o in zip(counts, totals, observed, strict=True) if o]
        if not pairs:
            return None
        base_counts = [c for c, _ in pairs]
        reference = sum(t for _, t in pairs) / len(pairs)
        exposures = _exposures([t for _, t in pairs], reference)
        mean = sum(base_counts) / len(base_counts)
        variance = sum((c - mean) ** 2 for c in base_counts) / max(1, len(base_counts) - 1)
        prior_w = self.s.trend_prior_weeks
        return _Baseline(
            mean=mean,
            alpha=self.s.trend_prior_rate * prior_w + sum(base_counts),
            beta=prior_w + sum(exposures),
            variance=variance,
            weeks=len(pairs),
            reference=reference,
        )

    def detect(self, history: TopicHistory) -> list[Detection]:
        """Signals for the last week of ``history`` (see the module docstring for the model)."""
        s = self.s
        count = history.counts[-1]
        corroborated = corroborated_count(history.agent_counts, count, s.emerging_min_agents)
        window = slice(-1 - s.baseline_weeks, -1)
        base = self._baseline(history.counts[window], history.totals[window], history.observed[window])
        out: list[Detection] = []
        if base is None:  # nothing observed before this week: only the run can say a topic is new
            if history.is_new:
                out.append(self._detection("new", 1.0, count, corroborated, 0.0, 0.0, None, "born this week"))
            return out
        exposure = _exposures([history.totals[-1]], base.reference)[0]
        expected = base.alpha / base.beta * exposure
        p_up = float(nbinom.sf(corroborated - 1, base.alpha, base.beta / (base.beta + exposure)))
        growth = count / base.mean if base.mean > 0 else None
        evidence = (
            f"{corroborated} corroborated of {count} notes from {history.distinct_agents} agents vs. "
            f"{base.mean:.1f} a week before (expected {expected:.1f}; chance {_fmt_p(p_up)})"
        )
        enough_agents = history.distinct_agents >= s.emerging_min_agents

        def make(kind: str, reason: str = evidence) -> Detection:
            return self._detection(kind, p_up, count, corroborated, base.mean, expected, growth, reason)

        if history.is_new:
            out.append(make("new"))
        if base.mean <= s.emerging_max_baseline:
            if enough_agents and corroborated >= s.emerging_min_count and p_up <= s.trend_max_p:
                out.append(make("emerging"))
        elif enough_agents:
            spread = math.sqrt(max(base.variance, expected, 1.0))
            z = (corroborated - expected) / spread
            if z >= s.spike_z and corroborated >= s.spike_min_ratio * expected:
                out.append(make("spike", f"{evidence}; z = {z:.1f}"))
        fading = self._fading(history)
        if fading is not None:
            out.append(fading)
        return out

    def _fading(self, history: TopicHistory) -> Detection | None:
        s = self.s
        recent_n = max(1, s.fading_weeks)
        if len(history.counts) < recent_n + 1 or not all(history.observed[-recent_n:]):
            return None
        window = slice(-recent_n - s.baseline_weeks, -recent_n)
        base = self._baseline(history.counts[window], history.totals[window], history.observed[window])
        if base is None or base.mean < s.fading_min_baseline:
            return None
        exposure = sum(_exposures(history.totals[-recent_n:], base.reference))
        expected = base.alpha / base.beta * exposure
        recent = sum(history.counts[-recent_n:])
        if recent > s.fading_max_ratio * expected:
            return None
        p_down = float(nbinom.cdf(recent, base.alpha, base.beta / (base.beta + exposure)))
        if p_down > s.trend_max_p:
            return None
        count = history.counts[-1]
        reason = (
            f"{recent} notes in the last {recent_n} weeks vs. {base.mean:.1f} a week before "
            f"(expected {expected:.1f}; chance {_fmt_p(p_down)})"
        )
        growth = count / base.mean if base.mean > 0 else None
        return self._detection("fading", p_down, count, count, base.mean, expected / recent_n, growth, reason)

    @staticmethod
    def _detection(
        kind: str,
        p_value: float,
        count: int,
        corroborated: int,
        baseline: float,
        expected: float,
        growth: float | None,
        reason: str,
    ) -> Detection:
        return Detection(
            kind=kind,
            score=round(surprise(p_value), 3),
            confidence=round(1.0 - p_value, 6),
            p_value=p_value,
            count=count,
            corroborated_count=corroborated,
            baseline=round(baseline, 3),
            expected=round(expected, 3),
            growth=None if growth is None else round(growth, 3),
            reason=reason,
        )
