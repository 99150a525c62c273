"""Trend detectors: pure functions from a topic's weekly history to signals (no store, no clock).

The default :class:`PoissonGammaDetector` treats a topic's weekly count as Poisson with a rate that
has a Gamma prior, updated by the baseline weeks. The posterior predictive for the weeks being judged
is then a negative binomial, whose tail gives the chance of seeing at least (or, for fading, at most)
the observed count if nothing had changed. Counts are scaled by each week's volume in other topics
(the exposure), so a busy week does not look like a trend everywhere.

A rise is judged over the last 1, 2 … ``emerging_window_weeks`` weeks against the baseline weeks before
that window, so a topic creeping up over three weeks is caught as well as one that jumps; the chance is
multiplied by the number of windows tried (Bonferroni). A window of several weeks must also show in its
last week alone (:data:`ONGOING_P` against the same baseline): otherwise a background need's one busy week
two weeks ago carries a three-week window to "emerging" while this week is ordinary. One agent repeating
themselves is not a trend: the count tested is the *corroborated* count, where no agent counts for more
than the ``emerging_min_agents``-th most active agent in the window.

A fall may be judged with ``overdispersion`` (``fading_overdispersion``, off by default): a steady need's
weekly count swings more than chance alone would make it (the week's mix, campaigns, how a refit draws the
topic's border), so two quiet weeks of a need at 8 a week are less surprising than a Poisson rate says. The
predictive is then widened — its Gamma shape ``α`` becomes ``1 / (1/α + overdispersion)``, the same mean with
more spread — which matters for a topic with a long, busy baseline (large ``α``) and hardly at all for one
with little history.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from scipy.stats import nbinom

from insight.settings import Settings
from insight.trends.records import Detection, TopicHistory
from insight.trends.wording import chance_words, rounded_growth

_MIN_EXPOSURE, _MAX_EXPOSURE = 0.25, 4.0
ONGOING_P = 0.05  # a rise judged over several weeks must also show in the last week alone at this level


class TrendDetector(Protocol):
    """Anything that reads one topic's weekly history and says which signals it shows."""

    def detect(self, history: TopicHistory) -> list[Detection]:
        """Return zero or more detections (at most one per kind) for the last week of ``history``."""
        ...


def corroborated_count(agent_counts: Sequence[int], total: int, min_agents: int) -> int:
    """The count with no agent counting for more than the ``min_agents``-th most active agent.

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


def _fmt_p(p: float) -> str:
    """A chance as people can read it: bounded ("p < 0.001"), never "1 in 769,306,223,020,156"."""
    return chance_words(p)


def _exposures(totals: Sequence[int], reference: float) -> list[float]:
    if reference <= 0:
        return [1.0] * len(totals)
    return [min(_MAX_EXPOSURE, max(_MIN_EXPOSURE, t / reference)) for t in totals]


@dataclass(frozen=True)
class _Baseline:
    mean: float  # raw mean count per observed baseline week
    alpha: float  # Gamma posterior shape
    beta: float  # Gamma posterior rate (in exposure units)
    variance: float  # sample variance of the baseline counts
    reference: float  # mean weekly volume in other topics, the unit of exposure


@dataclass(frozen=True)
class _Window:
    """The last ``weeks`` weeks of a history, tested against the baseline weeks before them."""

    weeks: int
    count: int
    corroborated: int
    agents: int
    base: _Baseline
    expected: float  # for the whole window
    p_up: float
    p_down: float


class PoissonGammaDetector:
    """Emerging, spike, fading and new, decided from weekly counts with a Gamma–Poisson model.

    Args:
        settings: thresholds from the trends section of :class:`~insight.settings.Settings`.
    """

    def __init__(self, settings: Settings, overdispersion: float = 0.0) -> None:
        self.s = settings
        self.overdispersion = max(0.0, overdispersion)  # used by the fading test (see the module docstring)

    def _baseline(self, history: TopicHistory, window: slice) -> _Baseline | None:
        rows = zip(history.counts[window], history.totals[window], history.observed[window], strict=True)
        pairs = [(c, t) for c, t, seen in rows if seen]
        if not pairs:
            return None
        counts = [c for c, _ in pairs]
        reference = sum(t for _, t in pairs) / len(pairs)
        mean = sum(counts) / len(counts)
        prior_w = self.s.trend_prior_weeks
        return _Baseline(
            mean=mean,
            alpha=self.s.trend_prior_rate * prior_w + sum(counts),
            beta=prior_w + sum(_exposures([t for _, t in pairs], reference)),
            variance=sum((c - mean) ** 2 for c in counts) / max(1, len(counts) - 1),
            reference=reference,
        )

    def _window(self, history: TopicHistory, weeks: int) -> _Window | None:
        """Test the last ``weeks`` weeks; ``None`` when they or their baseline were not observed.

        A window longer than one week needs a fully observed baseline before it: otherwise it would be
        compared with the first weeks of data only, which are often incomplete.
        """
        if weeks >= len(history.counts) or not all(history.observed[-weeks:]):
            return None
        window = slice(-weeks - self.s.baseline_weeks, -weeks)
        if weeks > 1 and not (len(history.observed[window]) == self.s.baseline_weeks and all(history.observed[window])):
            return None
        base = self._baseline(history, window)
        if base is None:
            return None
        count = sum(history.counts[-weeks:])
        per_agent = history.agent_counts(weeks)
        corroborated = corroborated_count(per_agent, count, self.s.emerging_min_agents)
        exposure = sum(_exposures(history.totals[-weeks:], base.reference))
        p = base.beta / (base.beta + exposure)
        return _Window(
            weeks=weeks,
            count=count,
            corroborated=corroborated,
            agents=len(per_agent),
            base=base,
            expected=base.alpha / base.beta * exposure,
            p_up=float(nbinom.sf(corroborated - 1, base.alpha, p)),
            p_down=float(nbinom.cdf(count, base.alpha, p)),
        )

    def _ongoing(self, history: TopicHistory, w: _Window) -> bool:
        """Whether the last week alone is above what the window's baseline predicts (:data:`ONGOING_P`).

        A window of several weeks can be carried by one busy week two weeks ago (a background need's
        burst); a rise that is emerging still shows this week.
        """
        if w.weeks == 1:
            return True
        last = corroborated_count(history.agent_counts(1), history.counts[-1], self.s.emerging_min_agents)
        exposure = _exposures(history.totals[-1:], w.base.reference)[0]
        p = float(nbinom.sf(last - 1, w.base.alpha, w.base.beta / (w.base.beta + exposure)))
        return p <= ONGOING_P

    def detect(self, history: TopicHistory) -> list[Detection]:
        """Signals for the last week of ``history`` (see the module docstring for the model)."""
        out: list[Detection] = []
        week = self._window(history, 1)
        if history.is_new:
            out.append(self._new(history, week))
        if week is None:
            return out
        emerging = self._emerging(history)
        if emerging is not None:
            out.append(emerging)
        elif week.base.mean > self.s.emerging_max_baseline:
            spike = self._spike(history, week)
            if spike is not None:
                out.append(spike)
        fading = self._fading(history)
        if fading is not None:
            out.append(fading)
        return out

    def _emerging(self, history: TopicHistory) -> Detection | None:
        s = self.s
        tries = max(1, s.emerging_window_weeks)
        best: tuple[float, _Window] | None = None
        this_week = history.counts[-1]
        for weeks in range(1, tries + 1):
            w = self._window(history, weeks)
            if w is None:
                break
            p_adjusted = min(1.0, w.p_up * tries)
            if (
                w.base.mean <= s.emerging_max_baseline
                and w.agents >= s.emerging_min_agents
                and w.corroborated >= s.emerging_min_count
                and p_adjusted <= s.trend_max_p
                and this_week >= math.ceil(s.emerging_min_count / weeks)  # the rise goes on this week
                and (best is None or p_adjusted < best[0])
                and self._ongoing(history, w)
            ):
                best = (p_adjusted, w)  # the window with the strongest evidence
        if best is None:
            return None
        p_adjusted, w = best
        span = "this week" if w.weeks == 1 else f"in the last {w.weeks} weeks"
        reason = (
            f"{w.count} notes {span} from {w.agents} agents ({w.corroborated} corroborated) vs. "
            f"{w.base.mean:.1f} a week before (expected {w.expected:.1f} {span}; {_fmt_p(p_adjusted)})"
        )
        return self._detection("emerging", p_adjusted, history, w, reason)

    def _spike(self, history: TopicHistory, w: _Window) -> Detection | None:
        s = self.s
        if w.agents < s.emerging_min_agents:
            return None
        z = (w.corroborated - w.expected) / math.sqrt(max(w.base.variance, w.expected, 1.0))
        if z < s.spike_z or w.corroborated < s.spike_min_ratio * w.expected:
            return None
        reason = (
            f"{w.count} notes this week from {w.agents} agents vs. {w.base.mean:.1f} a week before "
            f"(expected {w.expected:.1f}; z = {z:.1f}; {_fmt_p(w.p_up)})"
        )
        return self._detection("spike", w.p_up, history, w, reason)

    def _fading(self, history: TopicHistory) -> Detection | None:
        s = self.s
        w = self._window(history, max(1, s.fading_weeks))
        if w is None or w.base.mean < s.fading_min_baseline:
            return None
        if self.overdispersion > 0:
            w = replace(w, p_down=self._widened_p_down(w))
        if w.count > s.fading_max_ratio * w.expected or w.p_down > s.trend_max_p:
            return None
        reason = (
            f"{w.count} notes in the last {w.weeks} weeks vs. {w.base.mean:.1f} a week before "
            f"(expected {w.expected:.1f} in those weeks; {_fmt_p(w.p_down)})"
        )
        return self._detection("fading", w.p_down, history, w, reason)

    def _widened_p_down(self, w: _Window) -> float:
        """The chance of at most ``w.count`` when the rate also swings from week to week (``overdispersion``)."""
        alpha = 1.0 / (1.0 / w.base.alpha + self.overdispersion)
        beta = w.base.beta * alpha / w.base.alpha  # the same expected rate
        exposure = w.expected * w.base.beta / w.base.alpha
        return float(nbinom.cdf(w.count, alpha, beta / (beta + exposure)))

    def _new(self, history: TopicHistory, w: _Window | None) -> Detection:
        if w is None:  # nothing observed before this week
            count = history.counts[-1]
            return Detection(
                kind="new",
                score=0.0,
                confidence=0.0,
                p_value=1.0,
                count=count,
                corroborated_count=count,
                baseline=0.0,
                expected=0.0,
                growth=None,
                reason="born this week",
                distinct_agents=history.distinct_agents,
            )
        reason = f"born this week; {w.count} notes from {w.agents} agents vs. {w.base.mean:.1f} a week before"
        return self._detection("new", w.p_up, history, w, reason)

    @staticmethod
    def _detection(kind: str, p_value: float, history: TopicHistory, w: _Window, reason: str) -> Detection:
        """Count and agents are this week's; the baseline is the weekly mean before the evidence window."""
        count, baseline = history.counts[-1], w.base.mean
        return Detection(
            kind=kind,
            score=round(surprise(p_value), 3),
            confidence=round(1.0 - p_value, 6),
            p_value=p_value,
            count=count,
            corroborated_count=w.corroborated,
            baseline=round(baseline, 3),
            expected=round(w.expected / w.weeks, 3),
            growth=rounded_growth(count, baseline),
            reason=reason,
            distinct_agents=history.distinct_agents,
            window_weeks=w.weeks,
            window_agents=w.agents,
        )
