"""Fading below the topic level: places in embedding space that were busy in the baseline weeks and have
gone quiet in the last ``fading_weeks`` weeks, wherever they sit among the topics.

A need that fades is often invisible at the topic level, the mirror image of a rise inside a twin: the
topic model splits one steady intent over several small topics (each too small for its own fall to be
sure), or files it with neighbours that carry on (the topic's count barely drops). So the fall is looked
for on the note vectors, like a rise (:mod:`insight.trends.pockets`), with the roles of the weeks swapped.

**Screen.** By default by local geometry (:mod:`insight.trends.fading_knn`: baseline notes whose nearest
neighbours hold far fewer notes of the last weeks than those weeks' share predicts, grouped through each
other's neighbours and calibrated by shuffling the week labels). With ``fading_neighbours = 0``, by radius:
around each of (up to :data:`MAX_CENTRES`) baseline notes, at three neighbourhood sizes, the
baseline weeks' notes give a Gamma posterior for the local weekly rate (scaled by the window's volume, so a
quiet holiday week makes nothing fade); the window's count is negative binomial and its *lower* tail is
the test. Every (note, size) test goes through one Benjamini–Hochberg correction. Significant notes are
grouped and each group's region found as for a rise.

**Confirm.** A group is a signal only when the topic detector calls its region's own weekly history
``fading`` (baseline of at least ``fading_min_baseline`` a week, the last weeks below ``fading_max_ratio``
of what it predicts, ``trend_max_p`` — multiplied by the regions tried for one group), and no topic
already fading this week holds most of it (:func:`insight.trends.signals.fade_signals`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from insight.settings import Settings
from insight.store import notes as notes_sql
from insight.store.db import Store
from insight.trends.detectors import TrendDetector, surprise
from insight.trends.fading_knn import knn_fade_screen
from insight.trends.pocket_signals import pocket_label
from insight.trends.pockets import (
    PocketCandidate,
    PocketInput,
    _group,
    benjamini_hochberg,
    parent_topics,
    radii,
    region_counts,
)
from insight.trends.records import Detection, TopicHistory

MAX_CENTRES = 1500  # baseline notes tested (a random sample beyond): bounds the cost at large corpora
_CHUNK = 256
MAX_OVERLAP = 0.5


@dataclass(frozen=True)
class FadeFinding:
    """A confirmed fade below the topic level: the detector's verdict on its region's own history.

    ``note_ids`` are the region's notes of the baseline weeks (what it held before it went quiet), most
    central first; ``history.topic_id`` is the topic that held most of them.
    """

    detection: Detection
    history: TopicHistory
    parents: tuple[int, ...]
    note_ids: tuple[int, ...]
    note_topics: tuple[int, ...] = ()  # the topic of each of ``note_ids`` (now)
    label: str = ""
    keywords: tuple[str, ...] = ()


def screen_fades(
    data: PocketInput,
    *,
    baseline_weeks: int,
    window_weeks: int,
    min_similarity: float,
    fdr: float,
    prior_weeks: float = 1.0,
    min_members: int = 2,
) -> list[PocketCandidate]:
    """Groups of baseline notes around which the last ``window_weeks`` weeks are emptier than predicted."""
    from scipy import sparse
    from scipy.stats import nbinom

    last = data.n_weeks - 1
    first_base = last - window_weeks + 1 - baseline_weeks
    if first_base < 0 or not all(data.observed[first_base:]) or data.vectors.ndim != 2:
        return []
    in_window = data.week_index > last - window_weeks
    in_base = (data.week_index >= first_base) & ~in_window
    centres = np.flatnonzero(in_base)
    if len(centres) == 0 or not in_window.any():
        return []
    if len(centres) > MAX_CENTRES:  # a fixed sample: the same week judged twice gives the same answer
        centres = np.sort(np.random.default_rng(0).choice(centres, MAX_CENTRES, replace=False))
    exposure = in_window.sum() / (in_base.sum() / baseline_weeks)
    base_weight = float(in_window.sum() / in_base.sum())
    window_vectors, base_vectors = data.vectors[in_window], data.vectors[in_base]
    sizes = radii(min_similarity)
    p = np.ones((len(centres), len(sizes)))
    alpha_prior, beta = 0.5 * prior_weeks, prior_weeks + baseline_weeks
    for start in range(0, len(centres), _CHUNK):
        rows = data.vectors[centres[start : start + _CHUNK]]
        near_window, near_base = rows @ window_vectors.T, rows @ base_vectors.T
        for j, r in enumerate(sizes):
            # The same balanced one-step mean shift as for a rise, so the centre is not drawn to either period.
            pull = sparse.csr_matrix(near_window >= r, dtype=np.float32) @ window_vectors
            pull += base_weight * (sparse.csr_matrix(near_base >= r, dtype=np.float32) @ base_vectors)
            block = pull / (np.linalg.norm(pull, axis=1, keepdims=True) + 1e-12)
            seen = (block @ window_vectors.T >= r).sum(axis=1)
            before = (block @ base_vectors.T >= r).sum(axis=1)
            p[start : start + _CHUNK, j] = nbinom.cdf(seen, alpha_prior + before, beta / (beta + exposure))
    q = benjamini_hochberg(p.ravel()).reshape(p.shape)
    best: dict[int, tuple[float, int, float]] = {}
    for i, j in zip(*np.nonzero(q <= fdr), strict=True):
        centre, value = int(centres[i]), float(q[i, j])
        if centre not in best or value < best[centre][0]:
            best[centre] = (value, window_weeks, sizes[j])
    if not best:
        return []
    return _group(data, best, min_members, baseline_weeks, min_similarity)


def confirm_fades(
    data: PocketInput,
    candidates: list[PocketCandidate],
    weeks: tuple[str, ...],
    totals: tuple[int, ...],
    detector: TrendDetector,
    window_weeks: int,
    baseline_weeks: int,
    max_p: float = 1.0,
) -> list[FadeFinding]:
    """The candidates whose region the detector calls ``fading`` on its own weekly counts, strongest first."""
    last = data.n_weeks - 1
    tries = Counter(c.seed for c in candidates)
    found: list[FadeFinding] = []
    for cand in candidates:
        week = data.week_index[cand.region]
        before = cand.region[(week <= last - window_weeks) & (week > last - window_weeks - baseline_weeks)]
        if len(before) == 0:
            continue
        counts, agent_weeks = region_counts(data, cand.region)
        parents = parent_topics(data.topic_ids[before])
        history = TopicHistory(
            topic_id=parents[0],
            weeks=weeks,
            counts=counts,
            totals=tuple(max(0, t - c) for t, c in zip(totals, counts, strict=True)),
            observed=data.observed,
            agents=agent_weeks,
        )
        fade = next((d for d in detector.detect(history) if d.kind == "fading"), None)
        if fade is None:
            continue
        if tries[cand.seed] > 1:  # several regions tried for one group: Bonferroni over them
            p_value = min(1.0, fade.p_value * tries[cand.seed])
            if p_value > max_p:
                continue
            fade = replace(fade, p_value=p_value, score=round(surprise(p_value), 3), confidence=round(1 - p_value, 6))
        central = before[np.argsort(-(data.vectors[before] @ cand.centroid), kind="stable")]
        ids = tuple(int(data.note_ids[r]) for r in central)
        if any(len(set(ids) & set(f.note_ids)) > MAX_OVERLAP * len(ids) for f in found):
            continue
        found.append(FadeFinding(fade, history, parents, ids, tuple(int(t) for t in data.topic_ids[central])))
    found.sort(key=lambda f: -f.detection.score)
    return found


def fade_candidates(data: PocketInput, settings: Settings) -> list[PocketCandidate]:
    """The fading screen's candidates: by neighbour share (``fading_neighbours`` > 0) or by radius."""
    window = max(1, settings.fading_weeks)
    if settings.fading_neighbours > 0:
        return knn_fade_screen(
            data,
            baseline_weeks=settings.baseline_weeks,
            window_weeks=window,
            k=settings.fading_neighbours,
            fdr=settings.pocket_fdr,
        )
    return screen_fades(
        data,
        baseline_weeks=settings.baseline_weeks,
        window_weeks=window,
        min_similarity=settings.pocket_min_similarity,
        fdr=settings.pocket_fdr,
        prior_weeks=settings.trend_prior_weeks,
    )


def fade_findings(
    data: PocketInput, weeks: tuple[str, ...], totals: tuple[int, ...], detector: TrendDetector, settings: Settings
) -> list[FadeFinding]:
    """Confirmed fades of the last of ``weeks``, strongest first, unnamed (no store: benchmarks call this)."""
    candidates = fade_candidates(data, settings)
    window = max(1, settings.fading_weeks)
    return confirm_fades(
        data, candidates, weeks, totals, detector, window, settings.baseline_weeks, settings.trend_max_p
    )


def find_fades(
    store: Store,
    settings: Settings,
    loaded: tuple[PocketInput, str] | None,
    weeks: tuple[str, ...],
    totals: tuple[int, ...],
    detector: TrendDetector,
) -> list[FadeFinding]:
    """Confirmed fades below the topic level for the last of ``weeks``, named; empty without vectors."""
    if loaded is None or not settings.pocket_search:
        return []
    data, _ = loaded
    found = fade_findings(data, weeks, totals, detector, settings)
    named = []
    for f in found:
        with store.read() as con:
            texts = [n.text for n in notes_sql.get_notes(con, list(f.note_ids[:60]))]
        label, words = pocket_label(texts, [])
        named.append(replace(f, label=label, keywords=words))
    return named
