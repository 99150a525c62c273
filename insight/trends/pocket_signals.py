"""Emerging needs below the topic level: find pockets, confirm each on its own weekly counts, name and quote it.

The screen (:func:`insight.trends.pockets.screen`) proposes groups of this week's notes that are denser
than the baseline weeks predict. Each group's region gets a weekly history exactly like a topic's — counts,
the week's volume elsewhere as exposure, agents — and only the groups the topic detector calls
``emerging`` on that history (Gamma–Poisson with volume-adjusted baseline, window correction, at least
``emerging_min_agents`` agents, no agent counting for more than the third most active) become signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from insight.records import Note
from insight.settings import Settings
from insight.store import notes as notes_sql
from insight.store import runs as runs_sql
from insight.store import weekly as weekly_sql
from insight.store.db import Store
from insight.trends.detectors import TrendDetector, surprise
from insight.trends.pocket_knn import KNN_FLOOR, knn_screen
from insight.trends.pockets import (
    PocketCandidate,
    PocketInput,
    balanced_centre,
    parent_topics,
    radii,
    region_counts,
    screen,
)
from insight.trends.records import Detection, Quote, TopicHistory
from insight.trends.weeks import Week

MAX_OVERLAP = 0.5  # a pocket sharing more of its notes than this with a stronger one is the same pocket
CONTEXT_NOTES = 200  # parent-topic notes a pocket's label is contrasted with
LABEL_NOTES = 60  # a pocket's most central notes its name is read from


@dataclass(frozen=True)
class PocketFinding:
    """A confirmed pocket of one week: the detector's verdict on its own history, and what it is.

    ``history.topic_id`` is the main parent topic; ``note_ids`` are the pocket's notes of the week (what
    its count was counted from), ``member_ids`` the ones the screen found, most central first.
    """

    detection: Detection
    history: TopicHistory
    parents: tuple[int, ...]
    note_ids: tuple[int, ...]
    member_ids: tuple[int, ...]
    centroid: np.ndarray
    radius: float
    model_id: str
    label: str = ""
    keywords: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()


def load_pocket_input(store: Store, weeks: list[Week], first_week: Week | None) -> tuple[PocketInput, str] | None:
    """The notes of ``weeks`` (oldest first) with their vectors, and the model that made them; ``None`` without."""
    with store.read() as con:
        model_id = runs_sql.trends_model_id(con)
        if model_id is None:
            return None
        ids, week_starts, agents, topics, vectors = weekly_sql.week_vectors(
            con, weeks[0].start, weeks[-1].end, model_id
        )
    if len(ids) == 0:
        return None
    position = {w.monday: i for i, w in enumerate(weeks)}
    data = PocketInput(
        note_ids=ids,
        vectors=vectors,
        week_index=np.array([position[d] for d in week_starts], dtype=np.int64),
        agents=tuple(agents),
        topic_ids=topics,
        n_weeks=len(weeks),
        observed=tuple(first_week is not None and w >= first_week for w in weeks),
    )
    return data, model_id


def find_pockets(
    store: Store,
    settings: Settings,
    weeks: list[Week],
    totals: dict[date, int],
    first_week: Week | None,
    detector: TrendDetector,
    quotes: int = 0,
    loaded: tuple[PocketInput, str] | None = None,
) -> list[PocketFinding]:
    """Confirmed pockets of the last of ``weeks`` (oldest first), strongest first; empty without vectors.

    ``loaded`` is :func:`load_pocket_input`'s result when the caller has it already.
    """
    if not settings.pocket_search:
        return []
    loaded = loaded or load_pocket_input(store, weeks, first_week)
    if loaded is None:
        return []
    data, model_id = loaded
    found = [
        PocketFinding(
            detection=emerging,
            history=history,
            parents=parents,
            note_ids=note_ids,
            member_ids=member_ids,
            centroid=cand.centroid,
            radius=cand.radius,
            model_id=model_id,
        )
        for emerging, history, parents, cand, note_ids, member_ids in confirm_pockets(
            data, weeks, totals, detector, settings
        )
    ]
    return [_describe(store, f, data, quotes) for f in found]


Confirmed = tuple[Detection, TopicHistory, tuple[int, ...], PocketCandidate, tuple[int, ...], tuple[int, ...]]


def confirm_pockets(
    data: PocketInput, weeks: list[Week], totals: dict[date, int], detector: TrendDetector, settings: Settings
) -> list[Confirmed]:
    """The screen's candidates that pass the detector on their own counts, strongest first (no store).

    Each is (verdict, history, parent topics, candidate, the week's note ids, the members' note ids most
    central first); a candidate sharing most of its notes with a stronger one is the same pocket.
    """
    by_share = settings.pocket_neighbours > 0
    if by_share:
        candidates = knn_screen(
            data,
            baseline_weeks=settings.baseline_weeks,
            window_weeks=settings.emerging_window_weeks,
            k=settings.pocket_neighbours,
            floor=KNN_FLOOR,
            fdr=settings.pocket_fdr,
            min_members=max(2, settings.emerging_min_agents),
            hubness="csls" if settings.pocket_hub_discount else "none",
        )
    else:
        candidates = screen(
            data,
            baseline_weeks=settings.baseline_weeks,
            window_weeks=settings.emerging_window_weeks,
            prior_weeks=settings.trend_prior_weeks,
            min_similarity=settings.pocket_min_similarity,
            fdr=settings.pocket_fdr,
            min_members=max(2, settings.emerging_min_agents),
        )
    last = len(weeks) - 1
    found: list[Confirmed] = []
    for cand in candidates:
        if by_share:
            judged = _judge_region(data, cand, weeks, totals, detector, settings)
        else:
            judged = _judge(data, cand, weeks, totals, detector, settings)
        if judged is None:
            continue
        emerging, history, parents, cand = judged
        this_week = cand.region[data.week_index[cand.region] == last]
        note_ids = {int(n) for n in data.note_ids[this_week]}
        if any(len(note_ids & set(f[4])) > MAX_OVERLAP * len(note_ids) for f in found):
            continue
        central = cand.members[np.argsort(-(data.vectors[cand.members] @ cand.centroid), kind="stable")]
        members = tuple(int(data.note_ids[m]) for m in central)
        found.append((emerging, history, parents, cand, tuple(sorted(note_ids)), members))
    found.sort(key=lambda f: -f[0].score)
    return found


def region_history(
    data: PocketInput, region: np.ndarray, weeks: list[Week], totals: dict[date, int]
) -> tuple[TopicHistory, tuple[int, ...]]:
    """A region's weekly history, read as a topic's (exposure: the week's other notes), and its parent topics."""
    last = len(weeks) - 1
    this_week = region[data.week_index[region] == last]
    counts, agent_weeks = region_counts(data, region)
    parents = parent_topics(data.topic_ids[this_week]) if len(this_week) else (-1,)
    history = TopicHistory(
        topic_id=parents[0],
        weeks=tuple(w.label for w in weeks),
        counts=counts,
        totals=tuple(max(0, totals.get(w.monday, 0) - c) for w, c in zip(weeks, counts, strict=True)),
        observed=data.observed,
        agents=agent_weeks,
    )
    return history, parents


def _judge_region(
    data: PocketInput,
    cand: PocketCandidate,
    weeks: list[Week],
    totals: dict[date, int],
    detector: TrendDetector,
    settings: Settings,
) -> tuple[Detection, TopicHistory, tuple[int, ...], PocketCandidate] | None:
    """A neighbour-share candidate's rise on its own region's weekly counts, or ``None``.

    The region is settled by the screen (one region, no search over sizes, so no correction for regions
    tried); the screen's shuffled-weeks calibration already corrected for every note and group tested.
    """
    if not (data.week_index[cand.region] == len(weeks) - 1).any():
        return None
    history, parents = region_history(data, cand.region, weeks, totals)
    rise = _rise(detector.detect(history))
    if rise is None or rise.p_value > settings.trend_max_p:
        return None
    return rise, history, parents, cand


def _judge(
    data: PocketInput,
    cand: PocketCandidate,
    weeks: list[Week],
    totals: dict[date, int],
    detector: TrendDetector,
    settings: Settings,
) -> tuple[Detection, TopicHistory, tuple[int, ...], PocketCandidate] | None:
    """The candidate's rise on its own weekly counts, at the size that shows it best, or ``None``.

    The screen says where; the size is settled here: around its strongest note and around the centre of
    its notes, at the radius it passed at and each tighter one (a new need beside a busy twin only stands
    out once the twin's notes are left outside), the region's history goes to the detector. The chance
    is multiplied by the number of regions tried (Bonferroni).
    """
    last = len(weeks) - 1
    mean = data.vectors[cand.members].sum(axis=0)
    starts = [data.vectors[cand.seed], mean / (np.linalg.norm(mean) + 1e-12)] if cand.seed >= 0 else [mean]
    sizes = [r for r in radii(settings.pocket_min_similarity) if r >= cand.radius - 1e-9]
    tries = [(start, radius) for start in starts for radius in sizes]
    best: tuple[Detection, TopicHistory, tuple[int, ...], PocketCandidate] | None = None
    for start, radius in tries:
        centroid = balanced_centre(data, start, radius, cand.window_weeks, settings.baseline_weeks)
        region = np.flatnonzero(data.vectors @ centroid >= radius)
        if not (data.week_index[region] == last).any():
            continue
        history, parents = region_history(data, region, weeks, totals)
        rise = _rise(detector.detect(history))
        if rise is None:
            continue
        p_value = min(1.0, rise.p_value * len(tries))
        if p_value > settings.trend_max_p or (best is not None and p_value >= best[0].p_value):
            continue
        rise = replace(rise, p_value=p_value, score=round(surprise(p_value), 3), confidence=round(1.0 - p_value, 6))
        members = cand.members[data.vectors[cand.members] @ centroid >= radius]
        members = members if len(members) else cand.members
        best = (rise, history, parents, replace(cand, members=members, centroid=centroid, radius=radius, region=region))
    return best


def _rise(detections: Sequence[Detection]) -> Detection | None:
    """The pocket's rise: the detector's ``emerging`` verdict on its own counts, if any.

    A pocket whose region already held many notes (a spike over a steady base) is not taken: on the
    benchmark streams such pockets were mostly a busy neighbour's ordinary swings, not a new need.
    """
    return next((d for d in detections if d.kind == "emerging"), None)


def _describe(store: Store, finding: PocketFinding, data: PocketInput, quotes: int) -> PocketFinding:
    """Name the pocket against its parent topics' other notes of the week, and pick its quotes."""
    last = data.n_weeks - 1
    own = set(finding.note_ids)
    context_rows = np.flatnonzero((data.week_index == last) & np.isin(data.topic_ids, finding.parents))
    context = [int(data.note_ids[r]) for r in context_rows if int(data.note_ids[r]) not in own][:CONTEXT_NOTES]
    with store.read() as con:
        members = notes_sql.get_notes(con, list(finding.member_ids))
        others = notes_sql.get_notes(con, context)
    label, words = pocket_label([n.text for n in members], [n.text for n in others])
    return replace(finding, label=label, keywords=words, quotes=tuple(_quotes(members, quotes)))


def _quotes(members: Sequence[Note], limit: int) -> list[Quote]:
    """Up to ``limit`` notes, most central first, one per agent while agents last."""
    chosen: list[Note] = []
    seen: set[str | None] = set()
    for note in members:
        if len(chosen) < limit and note.agent_id not in seen:
            chosen.append(note)
            seen.add(note.agent_id)
    for note in members:
        if len(chosen) < limit and note not in chosen:
            chosen.append(note)
    return [Quote(n.id, n.text, n.created_at, n.agent_id, n.channel, n.product, n.kind) for n in chosen]


def pocket_label(texts: Sequence[str], context: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """A name a PM would write for a pocket, and its keywords, from the topic namer (:mod:`insight.topics.naming`).

    ``texts`` are the pocket's notes, most central first; ``context`` the other notes of its parent topics
    that week. The pocket and its context are named as two groups, so a phrase both use ("credit limit"
    inside "change credit limit") is not distinctive and the pocket gets what only it says.
    """
    from insight.topics.naming import PhraseSample, name_groups, rank_candidates
    from insight.topics.phrases import extract_phrases

    own, other = list(texts[:LABEL_NOTES]), list(context[:CONTEXT_NOTES])
    if not own:
        return "New need", ()
    rows = own + other
    sample = PhraseSample(np.arange(len(rows)), tuple(tuple(p) for p in extract_phrases(rows)), tuple(rows))
    groups = np.array([0] * len(own) + [1] * len(other), dtype=np.int64)
    sizes = [len(texts), max(len(context), 1)]
    name = name_groups(sample, groups, sizes, default="New need")[0]
    surface = sample.surface()
    ranked = rank_candidates(sample, groups, sizes)[0]
    return name, tuple(surface.get(key, " ".join(key)) for key, _, _ in ranked[:8])
