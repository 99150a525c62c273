"""Refitting topics on the stored notes while keeping their identity: the service behind ``python -m insight refit``.

Order of work: take the refit lock (one refit per database, across processes) → read notes, vectors and
the current placements in one short read → check the corpus size and the input hash (nothing changed →
nothing to do) → fit, outside any transaction → match the new topics to the previous run's → write the
run, topics, placements, profiles and lineage in one short transaction, placing on the new topics any
note that arrived during the fit.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np

from insight.embedder import Embedder
from insight.errors import NotEnoughNotesError
from insight.records import ProgressCallback
from insight.settings import Settings
from insight.store import Store
from insight.store import notes as notes_sql
from insight.store import placements as placements_sql
from insight.store import profiles as profiles_sql
from insight.store import runs as runs_sql
from insight.store import signals as signals_sql
from insight.store import topics as topics_sql
from insight.store import vectors as vectors_sql
from insight.store.topics import TopicCentroids
from insight.store.vectors import note_weeks
from insight.topics.assign import RunCentroids
from insight.topics.cluster import unit_centroids
from insight.topics.llm_labels import TopicLabeller, apply_labeller, labeller_from_settings
from insight.topics.lock import refit_lock, refit_running
from insight.topics.matching import TopicMatch, match_topics
from insight.topics.pm_merges import MergedTopic, keep_pm_merges
from insight.topics.pocket_births import PocketSeed, as_births, carve_pockets
from insight.topics.records import RefitResult, TopicFit, TopicParams
from insight.topics.sampling import centroid_scores, fit_corpus, sample_rows
from insight.topics.sticky_names import keep_continuing_names
from insight.topics.themes import stable_theme_ids

log = logging.getLogger(__name__)

# reading, engine, neighbours, layout, communities, clustering, describing, matching, saving
REFIT_STEPS = 9
ARRIVAL_WEIGHT = 0.5  # what a note placed on arrival since the last fit weighs in matching, against 1 for a fitted one


def placed_on_arrival(note_ids: np.ndarray, old_notes: np.ndarray, old_placed: np.ndarray) -> np.ndarray:
    """For each of ``note_ids``, whether its current topic was only given on arrival since the last fit.

    Such a topic is a guess (the nearest centroid): 600 imported requests of another make, each dropped in
    the nearest demo topic, are new ground for the refit, not members of those topics (see
    :func:`insight.topics.cluster.fresh_communities`). Matching still counts them, at half weight.
    """
    if len(old_notes) == 0:
        return np.zeros(len(note_ids), dtype=bool)
    pos = np.clip(np.searchsorted(old_notes, note_ids), 0, len(old_notes) - 1)
    return (old_notes[pos] == note_ids) & old_placed[pos]


def input_hash(note_ids: np.ndarray, model_id: str, params: TopicParams) -> str:
    """Content address of a fit: which notes, which vectors' model, which parameters."""
    digest = hashlib.sha256()
    digest.update(model_id.encode())
    digest.update(params.to_json().encode())
    digest.update(np.asarray(note_ids, dtype=np.int64).tobytes())
    return digest.hexdigest()


def _not_enough(n_embedded: int, n_stored: int, needed: int, model_id: str) -> NotEnoughNotesError:
    more = needed - n_embedded
    message = (
        f"Topics need at least {needed} notes; there {'is' if n_embedded == 1 else 'are'} {n_embedded}, "
        f"so {more} more {'is' if more == 1 else 'are'} needed."
    )
    if n_stored > n_embedded:
        missing = n_stored - n_embedded
        message += f" ({missing} stored notes have no {model_id} vector yet; `earshot reembed` embeds them.)"
    return NotEnoughNotesError(message)


def _fold(fit: TopicFit, folded: dict[int, int], vectors: np.ndarray) -> TopicFit:
    """Fold clusters into others (PM merges kept): move notes, recompute sizes and centroids."""
    if not folded:
        return fit
    labels = fit.labels.copy()
    for source, target in folded.items():
        labels[labels == source] = target
    k = max((t.index for t in fit.topics), default=-1) + 1  # pocket clusters may leave gaps in the indexes
    centroids = unit_centroids(vectors, labels, k)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    topics = tuple(
        replace(t, size=int(sizes[t.index]), centroid=centroids[t.index]) for t in fit.topics if t.index not in folded
    )
    scores = centroid_scores(vectors, labels, centroids, fit.scores)
    return TopicFit(labels, scores, topics, fit.threshold, fit.quality)


def _similarity(old: TopicCentroids | None, fit: TopicFit) -> dict[tuple[int, int], float]:
    """Cosine between every old topic's centroid and every new cluster's, keyed (old topic id, cluster index)."""
    if old is None or not len(old.topic_ids) or not fit.topics:
        return {}
    old_ids, old_vectors = old.topic_ids, old.centroids
    new = np.stack([t.centroid for t in fit.topics]).astype(np.float32)
    new /= np.linalg.norm(new, axis=1, keepdims=True) + 1e-12
    olds = np.asarray(old_vectors, dtype=np.float32)
    olds = olds / (np.linalg.norm(olds, axis=1, keepdims=True) + 1e-12)
    scores = olds @ new.T
    return {
        (int(o), int(t.index)): float(scores[i, j]) for i, o in enumerate(old_ids) for j, t in enumerate(fit.topics)
    }


def _apply_merges_made_during_the_fit(con, run_id: int, live: set[int]) -> None:
    """A PM may merge topics while the fit runs; a merged topic that the new run continued is merged again."""
    targets = profiles_sql.merge_targets(con)  # chains followed (a → b → c)
    for source in sorted(live & targets.keys()):
        target = targets[source]
        if target in live and target != source:
            topics_sql.merge_into(con, run_id, [source], target)
            profiles_sql.update_profile(con, source, died_run_id=run_id)


def _write(
    store: Store,
    *,
    model_id: str,
    note_ids: np.ndarray,
    fit: TopicFit,
    match: TopicMatch,
    params: TopicParams,
    digest: str,
    seconds: float,
    theme_ids: dict[int, int],
    summaries: dict[int, str],
    pocket_topics: dict[int, int] | None = None,
) -> tuple[int, int]:
    """Write the run in one transaction; return (run id, notes placed that arrived during the fit)."""
    ids_of = np.array([match.ids[t.index] for t in fit.topics], dtype=np.int64)
    index_to_id = np.full(max((t.index for t in fit.topics), default=-1) + 2, -1, dtype=np.int64)
    index_to_id[[t.index for t in fit.topics]] = ids_of  # the last slot stays -1: unclear (-1) reads it
    placed = fit.labels >= 0
    topic_of_note = index_to_id[fit.labels]
    n_themes = len({t.theme for t in fit.topics if t.theme is not None})
    rows = [
        {
            "topic_id": int(match.ids[t.index]),
            "label": t.label,
            "keywords": t.keywords,
            "size": t.size,
            "centroid": t.centroid,
            "theme_id": theme_ids.get(t.theme) if t.theme is not None else None,
            "theme_label": t.theme_label,
            "representative_note_ids": [int(note_ids[i]) for i in t.representatives],
            "summary": summaries.get(t.index),
        }
        for t in fit.topics
    ]
    unclear = int((~placed).sum())
    rows.append(
        {"topic_id": -1, "label": "Unclear", "keywords": (), "size": unclear, "centroid": None,
         "theme_id": None, "theme_label": None, "representative_note_ids": []}
    )  # fmt: skip
    ended = [e.topic_id for e in match.events if e.event in ("merge", "death")]
    with store.transaction() as con:
        run_id = runs_sql.insert_run(
            con,
            created_at=datetime.now(UTC).replace(tzinfo=None),
            model_id=model_id,
            n_notes=len(note_ids),
            n_topics=len(fit.topics),
            n_themes=n_themes,
            unclear_share=fit.unclear_share,
            input_hash=digest,
            params=params.as_dict(),
            quality=fit.quality,
            fit_seconds=round(seconds, 2),
            assign_threshold=fit.threshold,
        )
        topics_sql.insert_topics(con, run_id, rows)
        placements_sql.place_notes(con, run_id, note_ids, topic_of_note, fit.scores, "fit", replace_all=True)
        profiles_sql.ensure_profiles(con, [int(i) for i in ids_of], run_id)
        profiles_sql.mark_ended(con, ended, run_id)
        profiles_sql.insert_lineage(con, run_id, match.events)
        for pocket_id, topic_id in (pocket_topics or {}).items():
            signals_sql.mark_pocket_born(con, pocket_id, topic_id, run_id)
        _apply_merges_made_during_the_fit(con, run_id, {int(i) for i in ids_of})
        late = placements_sql.unplaced_note_ids(con, run_id, model_id)
        if late:
            late_ids, late_vectors = vectors_sql.vectors_for(con, late, model_id)
            run = RunCentroids(run_id, 0, ids_of, np.stack([t.centroid for t in fit.topics]),
                               tuple(t.label for t in fit.topics), fit.threshold)  # fmt: skip
            late_topics, late_scores = run.place(late_vectors)
            placements_sql.place_notes(con, run_id, late_ids, late_topics, late_scores, "arrival")
    return run_id, len(late)


def refit(
    store: Store,
    settings: Settings,
    embedder_model_id: str,
    progress: ProgressCallback | None = None,
    *,
    force: bool = False,
    labeller: TopicLabeller | None = None,
    embedder: Embedder | None = None,
) -> RefitResult:
    """Fit a new topic run on every stored note with a vector from ``embedder_model_id``, keeping identity.

    Args:
        store: the database.
        settings: fit parameters (``topic_*``, ``random_seed``, ``min_notes_for_topics``).
        embedder_model_id: whose stored vectors to fit on (notes are never re-embedded here).
        progress: optional ``(stage, step, steps)`` callback, called as each stage starts.
        force: fit even when nothing changed since the current run (benchmarks).
        labeller: names topics from their quotes (see :mod:`insight.topics.llm_labels`); by default the
            one ``settings.label_model`` points at, if any. The phrase names are kept wherever it fails.
        embedder: optional, the embedder whose vectors are fitted (its ``model_id`` must be
            ``embedder_model_id``); with it, candidate names are also judged by meaning.

    Raises:
        NotEnoughNotesError: fewer than ``settings.min_notes_for_topics`` notes.
        RefitRunningError: another process is refitting this database.
    """
    started = time.perf_counter()
    params = TopicParams.from_settings(settings)

    steps = [0]

    def report(stage: str, done: int = 0, total: int = 0) -> None:
        """Forward each stage as (stage, step number, number of steps)."""
        log.info("refit: %s", stage)
        steps[0] = min(steps[0] + 1, REFIT_STEPS)
        if progress is not None:
            progress(stage, steps[0], REFIT_STEPS)

    with refit_lock(store.path):
        report("reading notes")
        with store.read() as con:
            note_ids, weeks = note_weeks(con, embedder_model_id)
            current = runs_sql.current_run(con)
            old_notes, old_topics = placements_sql.placements(con)
            # A note placed on arrival since the last fit counts half towards a topic's identity: 60 imported notes
            # of another need, dropped beside a topic's 55, must not carry its name, status and owner off to that
            # need at the next refit; ignoring them altogether cost a weekly stream its twin's identity (see
            # benchmarks/RESULTS.md, "Identity after an import").
            old_placed = placements_sql.placed_since_fit(con)  # per note of ``old_notes``
            arrival_weights = np.where(old_placed, ARRIVAL_WEIGHT, 1.0)
            n_stored = notes_sql.count_notes(con)
            digest = input_hash(note_ids, embedder_model_id, params)
            unchanged = current is not None and current.input_hash == digest and not force
            previous, rows = None, None
            vectors, texts = np.zeros((0, 0), dtype=np.float32), []
            if len(note_ids) >= settings.min_notes_for_topics and not unchanged:
                if len(old_notes):
                    pos = np.clip(np.searchsorted(old_notes, note_ids), 0, len(old_notes) - 1)
                    previous = np.where(old_notes[pos] == note_ids, old_topics[pos], -1)
                rows = sample_rows(note_ids, weeks, previous, params)
                # Vectors of every note (streamed into one float32 matrix), texts of the fitted notes only.
                vectors = vectors_sql.vectors_of(con, embedder_model_id, note_ids)
                texts = notes_sql.texts_of(con, note_ids if rows is None else note_ids[rows])
            sticky = set(profiles_sql.merged_map(con).values())
            old_rows = topics_sql.topic_rows(con)
            pm_merged = [
                MergedTopic(row.topic_id, row.generated_label, row.keywords, old_notes[old_topics == row.topic_id])
                for row in old_rows
                if row.topic_id in sticky
            ]
            old_labels = {row.topic_id: row.generated_label for row in old_rows}
            old_theme_labels = {row.theme_id: row.theme_label for row in old_rows if row.theme_id is not None}
            next_id = topics_sql.next_topic_id(con)
            old_themes, next_theme = topics_sql.theme_membership(con)
            old_centroids = topics_sql.run_centroids(con, current.run_id) if current is not None else None
            seeds = [
                PocketSeed(p.pocket_id, p.label, p.keywords, p.centroid, p.radius, p.note_ids)
                for p in signals_sql.pockets(con, embedder_model_id)
            ]
        store.release()  # DuckDB frees the buffers of that read now, not when the fit is over
        if len(note_ids) < settings.min_notes_for_topics:
            raise _not_enough(len(note_ids), n_stored, settings.min_notes_for_topics, embedder_model_id)
        if unchanged:
            assert current is not None
            return RefitResult(
                run_id=current.run_id,
                skipped=True,
                message=f"Nothing changed since run {current.run_id} (same {len(note_ids)} notes, model and "
                "settings): the topics are up to date.",
                n_notes=current.n_notes,
                n_topics=current.n_topics,
                n_themes=current.n_themes,
                unclear_share=current.unclear_share,
                seconds=time.perf_counter() - started,
            )
        communities = int(current.quality.get("n_communities", 0)) if current is not None else 0
        fit = fit_corpus(
            texts,
            vectors,
            params,
            rows=rows,
            cache_dir=settings.topic_cache_dir,
            previous=previous,
            placed=placed_on_arrival(note_ids, old_notes, old_placed) if previous is not None else None,
            previous_communities=communities or None,
            progress=report,
            embed=embedder.embed if embedder is not None and embedder.model_id == embedder_model_id else None,
        )
        # The labeller quotes representatives, which are always fitted notes: their texts are at hand.
        fitted_texts = texts if rows is None else dict(zip(rows.tolist(), texts, strict=True))
        del texts
        fit, summaries = apply_labeller(fit, fitted_texts, labeller or labeller_from_settings(settings))
        # A PM's merge holds even where the new fit gave each part back to a neighbour.
        fit = keep_pm_merges(fit, note_ids, vectors, pm_merged)
        # Confirmed emerging pockets get their own cluster, so the matcher gives them a topic (a birth).
        fit, pocket_clusters = carve_pockets(fit, note_ids, vectors, seeds, params.min_topic_size)
        report("matching topics to the previous run")
        match = match_topics(
            (old_notes, old_topics), (note_ids, fit.labels), next_id, sticky_ids=sticky,
            similarity=_similarity(old_centroids, fit), old_weights=arrival_weights,
        )  # fmt: skip
        pocket_topics = {pocket_id: match.ids[index] for index, pocket_id in pocket_clusters.items()}
        match = replace(match, events=as_births(match.events, set(pocket_topics.values())))
        fit = _fold(fit, match.folded, vectors)
        theme_ids = stable_theme_ids(
            old_themes,
            {match.ids[t.index]: t.theme for t in fit.topics if t.theme is not None},
            {match.ids[t.index]: t.size for t in fit.topics},
            next_theme,
        )
        # a topic that continues keeps its name while the name still fits it (insight.topics.sticky_names)
        continued = {e.topic_id for e in match.events if e.event == "continue"}
        fit = keep_continuing_names(fit, match.ids, continued, old_labels, theme_ids, old_theme_labels)
        report("saving")
        seconds = time.perf_counter() - started
        run_id, late = _write(
            store, model_id=embedder_model_id, note_ids=note_ids, fit=fit, match=match, params=params,
            digest=digest, seconds=seconds, theme_ids=theme_ids, summaries=summaries, pocket_topics=pocket_topics,
        )  # fmt: skip
    counts = match.counts()
    seconds = time.perf_counter() - started
    changes = ", ".join(f"{n} {event}" for event, n in sorted(counts.items())) or "no previous run"
    return RefitResult(
        run_id=run_id,
        skipped=False,
        message=f"Run {run_id}: {len(fit.topics)} topics from {len(note_ids)} notes "
        f"({fit.unclear_share:.1%} unclear) in {seconds:.1f} s; {changes}.",
        n_notes=len(note_ids),
        n_topics=len(fit.topics),
        n_themes=len({t.theme for t in fit.topics if t.theme is not None}),
        unclear_share=fit.unclear_share,
        seconds=seconds,
        events=counts,
        placed_after_fit=late,
    )


def needs_refit(store: Store, settings: Settings) -> bool:
    """Whether enough new notes arrived for an automatic refit (and none is running).

    True when there is no run yet and at least ``min_notes_for_topics`` notes are stored, or when at least
    ``auto_refit_new_notes`` notes — or ``auto_refit_new_share`` of the last run's notes — arrived since
    the last run. ``auto_refit_new_notes = 0`` turns automatic refits off.
    """
    if settings.auto_refit_new_notes <= 0 or refit_running(store.path):
        return False
    with store.read() as con:
        current = runs_sql.current_run(con)
        n_now = notes_sql.count_notes(con)
    if current is None:
        return n_now >= settings.min_notes_for_topics
    new = n_now - current.n_notes
    if new <= 0:
        return False
    by_share = settings.auto_refit_new_share > 0 and new >= settings.auto_refit_new_share * max(current.n_notes, 1)
    return new >= settings.auto_refit_new_notes or by_share
