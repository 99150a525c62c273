"""Emerging-needs benchmark: a family of streams, operated week by week exactly as a user would.

Streams come from ``benchmarks/stream.py`` (Banking77, the CLINC150 half, Bitext, HWU64; several seeds each),
with the hard cases planted on purpose: every intent as background, risers beside a flat near-twin, onsets of
3–6 notes a week, slow ramps, one-agent bursts, a general volume rise, a holiday week, fading intents and
out-of-scope noise. Each week of a stream is run through the command line, in-process (the same argument
parsing and code paths as ``python -m …``, without paying the imports three times a week):

1. ``python -m ingest week.csv --db … --source bench`` (validation, redaction, embedding, storage, placement);
2. ``python -m insight refit --db …``;
3. ``python -m insight trends --week W --json --db …``.

The embedder the ingest command builds is swapped for one that returns the same all-MiniLM-L6-v2 vectors
from the benchmark cache (a text changed by redaction is encoded by the real model). Nothing else is given
to the product: the truth is only used to score what ``trends --json`` printed. A flag's notes are the
pocket's ``note_ids`` when it has them, else its topic's notes that week — for a fade, the topic's notes of
the baseline weeks before its window, since a faded topic has next to none in the week flagged; its need is
their majority true label.

Scores per stream, worst stream first:

* recall — share of planted rises flagged ``emerging`` in their onset week or the week after (≤ 1 week);
* label precision — distinct needs flagged (majority labels) that really rise, flagged on or after onset;
* flag precision — the same per (week × flag);
* fading recall — fading intents flagged ``fading`` at some point after the fade starts;
* fading precision — per (week × fading flag): right when the flag's notes' majority true label is a planted
  fading intent and the week is on or after its fade's start (a background intent's run of quiet weeks,
  or a fade flagged before it began, is a false flag);
* seconds per weekly cycle (ingest + refit + trends).

``--topics oracle`` runs step 2 differently: the planted intents become the topics (out-of-scope notes stay
outliers), so the same detectors are scored on a perfect topic model — a ceiling that says which part of a miss
is the clustering's and which the test's, never a figure for what a user gets.

``--scale-check N`` also times one weekly cycle on a database of about N notes. Run (dev size, one stream,
a few minutes): ``.venv/bin/python benchmarks/emerging.py --size dev``; the full family:
``nice -n 10 .venv/bin/python benchmarks/emerging.py --size full --scale-check 50000``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

from benchmarks.stream import SOURCES, Stream, TextPool, generate_stream, load_pool, note_text  # noqa: E402

WARMUP_WEEKS = 5  # weeks before any week is judged (the baseline needs four, plus one to judge from)
SIZES = {  # weeks, scale, sources, seeds
    "dev": (10, 1.0, ("hwu64",), (1,)),
    "full": (12, 1.0, SOURCES, (1, 2)),
}


class CachedEmbedder:
    """The configured model's vectors looked up from the benchmark cache; the real model runs on a miss."""

    def __init__(self, pool: TextPool) -> None:
        self.model_id = pool.model_id
        self.dimension = pool.vectors.shape[1]
        self._vectors = dict(zip(pool.texts, pool.vectors, strict=True))
        self._vectors.update(zip(pool.noise, pool.noise_vectors, strict=True))
        self._model = None
        self.misses = 0

    def embed(self, texts, progress=None):
        """Vectors for ``texts`` (same model as the product's; looked up, or encoded on a miss)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            from insight.embedder import SentenceTransformerEmbedder
            from insight.settings import load_settings

            self._model = self._model or SentenceTransformerEmbedder(load_settings().embedding_model)
            self.misses += len(missing)
            self._vectors.update(zip(missing, self._model.embed(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        return np.vstack([self._vectors[t] for t in texts]).astype(np.float32)


@contextlib.contextmanager
def cached_embeddings(pool: TextPool):
    """Make ``python -m ingest`` use the cached embedder instead of loading the model (same vectors)."""
    import insight.runtime as runtime

    original = runtime.embedder_for
    embedder = CachedEmbedder(pool)
    runtime.embedder_for = lambda *a, **k: embedder
    try:
        yield embedder
    finally:
        runtime.embedder_for = original


def _cli(module: str, argv: list[str]) -> tuple[int, str]:
    """Run ``python -m <module> argv`` in-process; return (exit status, standard output)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        if module == "ingest":
            from ingest.cli import main
        else:
            from insight.cli import main
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse errors
            status = int(exc.code or 0)
    return status, out.getvalue()


def write_week_csv(path: Path, stream: Stream, pool: TextPool, notes) -> None:
    """The week's notes as a helpdesk export would have them."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["note_id", "created_at", "text", "agent_id", "team", "channel", "product", "kind"])
        for n in notes:
            writer.writerow(
                [
                    n.external_id,
                    n.created_at.isoformat(),
                    note_text(pool, n),
                    n.agent_id,
                    n.team,
                    n.channel,
                    n.product,
                    n.kind,
                ]
            )


@dataclass
class Run:
    """What Earshot said over one stream."""

    flags: list[tuple[int, str, str]] = field(default_factory=list)  # (week index, majority label, scope)
    fading: list[tuple[int, str, str]] = field(default_factory=list)  # (week index, majority label, scope)
    seconds: list[dict[str, float]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    births: int = 0
    misses: int = 0


def _majority(labels: list[str]) -> str:
    return Counter(labels).most_common(1)[0][0] if labels else "?"


def evidence_weeks(signal: dict, week: int, baseline_weeks: int = 4) -> list[int]:
    """The weeks whose notes say which need a flag is about (indices into the stream's weeks).

    A rise is about the flagged week's notes. A fade is about what the topic held *before* it faded: the
    baseline weeks before the signal's window. (Reading the flagged week, where a faded topic has next to
    no notes, labelled every fade "?" and scored fading recall 0.00.)
    """
    if signal["kind"] != "fading":
        return [week]
    window = max(1, int(signal.get("window_weeks") or 1))
    return [k for k in range(week - window - baseline_weeks + 1, week - window + 1) if k >= 0]


def simulate(stream: Stream, pool: TextPool, workdir: Path, topics: str = "earshot") -> Run:
    """Operate Earshot over ``stream`` week by week with the three commands; collect what it flagged.

    ``topics="oracle"`` replaces ``python -m insight refit`` with the planted intents as topics (a perfect topic
    model, see :class:`benchmarks.topic_engines.OracleTopics`): what the detectors could do if the notes were
    grouped exactly by need. It is a ceiling for reading the figures, not what a user gets.
    """
    from benchmarks.topic_engines import OracleTopics
    from insight.store import Store
    from insight.trends import VolumeFilters, notes_behind
    from tests import store_fixtures as fixtures

    db = workdir / "earshot.duckdb"
    label_of = {n.external_id: n.label for n in stream.notes}
    truth: dict[int, str] = {}
    run = Run()
    oracle = OracleTopics() if topics == "oracle" else None
    with cached_embeddings(pool) as embedder:
        for w, week in enumerate(stream.weeks):
            batch = [n for n in stream.notes if week.start <= n.created_at < week.end]
            csv_path = workdir / f"{week.label}.csv"
            write_week_csv(csv_path, stream, pool, batch)
            t0 = time.perf_counter()
            status, _ = _cli("ingest", [str(csv_path), "--db", str(db), "--source", "bench", "--no-progress"])
            assert status == 0, f"ingest failed for {week.label}"
            t1 = time.perf_counter()
            store = Store(db)
            with store.read() as con:
                ids = fixtures.note_ids_by_external_id(con, [n.external_id for n in batch])
            truth.update({i: label_of[e] for e, i in ids.items()})
            if oracle is not None:
                oracle.update(store, week, {i: lbl for i, lbl in truth.items() if lbl != "noise"})  # noise: outliers
                store.release()
            else:
                store.release()
                _cli("insight", ["refit", "--db", str(db), "--no-progress"])  # too few notes in week 1: exit 2, fine
            t2 = time.perf_counter()
            status, out = _cli("insight", ["trends", "--week", week.label, "--json", "--db", str(db)])
            t3 = time.perf_counter()
            assert status == 0, f"trends failed for {week.label}"
            run.seconds.append({"ingest": t1 - t0, "refit": t2 - t1, "trends": t3 - t2})
            store = Store(db)
            if w < WARMUP_WEEKS:
                store.release()
                continue
            for s in json.loads(out):
                if s["kind"] not in ("emerging", "fading"):
                    continue
                members = s.get("note_ids") or [
                    i
                    for k in evidence_weeks(s, w)
                    for i in notes_behind(store, stream.weeks[k], VolumeFilters(topic_ids=(s["topic_id"],)))
                ]
                need = _majority([truth.get(i, "?") for i in members])
                if s["kind"] == "fading":
                    run.fading.append((w, need, s.get("scope", "topic")))
                    continue
                run.flags.append((w, need, s.get("scope", "topic")))
                if len(run.examples) < 40:
                    run.examples.append(
                        f"{week.label} {s.get('scope', 'topic')}: {s['label']!r} = {need} · {s.get('change', '')} · "
                        f"{s.get('distinct_agents')} agents · {s.get('chance', '')}"
                    )
            store.release()
        run.misses = embedder.misses
    return run


@dataclass(frozen=True)
class Score:
    """One stream's result."""

    stream: str
    recall: float
    label_precision: float
    flag_precision: float
    fading_recall: float
    fading_precision: float
    fading_flags: int
    flags: int
    false_flags: tuple[str, ...]
    false_fades: tuple[str, ...]
    fades_found: tuple[str, ...]
    missed: tuple[str, ...]
    delays: tuple[tuple[str, int], ...]
    cycle_s: float


def _late(delay: int | None) -> str:
    return "never flagged" if delay is None else f"flagged {delay} weeks after"


def _fades_found(right: list[tuple[int, str, str]]) -> tuple[str, ...]:
    """Each planted fade flagged: its first week and the scopes (topic, pocket) that flagged it."""
    first: dict[str, int] = {}
    scopes: dict[str, set[str]] = {}
    for w, lbl, scope in right:
        first[lbl] = min(w, first.get(lbl, w))
        scopes.setdefault(lbl, set()).add(scope)
    return tuple(f"{lbl} (first week {first[lbl] + 1}, {'/'.join(sorted(scopes[lbl]))})" for lbl in sorted(first))


def score(stream: Stream, run: Run) -> Score:
    """Score what was flagged against the planted truth."""
    rising, fading = stream.rising(), stream.fading()
    roles = {p.label: p.role for p in stream.plans}
    good = [(w, lbl) for w, lbl, _ in run.flags if lbl in rising and w >= rising[lbl]]
    bad = [(w, lbl, scope) for w, lbl, scope in run.flags if not (lbl in rising and w >= rising[lbl])]
    first: dict[str, int] = {}
    for w, lbl in sorted(good):
        first.setdefault(lbl, w)
    delays = {lbl: first[lbl] - rising[lbl] for lbl in first}
    in_time = [lbl for lbl, d in delays.items() if d <= 1]
    flagged = {lbl for _, lbl, _ in run.flags}
    right = {lbl for _, lbl in good}
    right_fades = [(w, lbl, scope) for w, lbl, scope in run.fading if lbl in fading and w >= fading[lbl]]
    faded = {lbl for _, lbl, _ in right_fades}
    cycles = [sum(s.values()) for s in run.seconds[1:]] or [0.0]
    return Score(
        stream=stream.name,
        recall=len(in_time) / len(rising) if rising else 1.0,
        label_precision=len(right) / len(flagged) if flagged else 1.0,
        flag_precision=len(good) / len(run.flags) if run.flags else 1.0,
        fading_recall=len(faded) / len(fading) if fading else 1.0,
        fading_precision=len(right_fades) / len(run.fading) if run.fading else 1.0,
        fading_flags=len(run.fading),
        false_fades=tuple(
            f"{lbl} (week {w + 1}, {scope})" for w, lbl, scope in run.fading if (w, lbl, scope) not in right_fades
        ),
        fades_found=_fades_found(right_fades),
        flags=len(run.flags),
        false_flags=tuple(f"{lbl} ({roles.get(lbl, lbl)}, week {w + 1}, {scope})" for w, lbl, scope in bad),
        missed=tuple(
            sorted(
                f"{lbl} (onset week {rising[lbl] + 1}, {_late(delays.get(lbl))})"
                for lbl in rising
                if lbl not in in_time
            )
        ),
        delays=tuple(sorted(delays.items())),
        cycle_s=statistics.mean(cycles),
    )


def time_large(pool: TextPool, n_notes: int, workdir: Path) -> dict[str, float]:
    """Seconds for one weekly cycle (ingest, refit, trends) on a database of about ``n_notes`` notes."""
    weeks = 12
    stream = generate_stream(pool, seed=7, n_weeks=weeks, scale=n_notes / 5400)
    db = workdir / "large.duckdb"
    last = stream.weeks[-1]
    history = [n for n in stream.notes if n.created_at < last.start]
    final = [n for n in stream.notes if n.created_at >= last.start]
    with cached_embeddings(pool) as embedder:
        # Setup, not timed: the earlier weeks go straight into the store (dataset texts need no redaction),
        # then one refit and the earlier weeks judged, as a user would have had them.
        from insight.privacy import synthetic_draft
        from insight.records import NoteDraft
        from insight.store import Store
        from insight.store.notes import insert_notes

        store = Store(db)
        for first in range(0, len(history), 5000):
            chunk = history[first : first + 5000]
            drafts = [
                NoteDraft(text=note_text(pool, n), created_at=n.created_at, agent_id=n.agent_id, team=n.team,
                          channel=n.channel, product=n.product, kind=n.kind, source="bench", external_id=n.external_id)
                for n in chunk
            ]  # fmt: skip
            with store.transaction() as con:
                insert_notes(con, [synthetic_draft(d) for d in drafts], [f"bench:{n.external_id}" for n in chunk],
                             [()] * len(chunk),
                             embedder.embed([d.text for d in drafts]), embedder.model_id)  # fmt: skip
        store.release()
        _cli("insight", ["refit", "--db", str(db), "--no-progress"])
        for w in stream.weeks[-6:-1]:
            _cli("insight", ["trends", "--week", w.label, "--json", "--db", str(db)])
        write_week_csv(workdir / "final.csv", stream, pool, final)
        t0 = time.perf_counter()
        _cli("ingest", [str(workdir / "final.csv"), "--db", str(db), "--source", "bench", "--no-progress"])
        t1 = time.perf_counter()
        _cli("insight", ["refit", "--db", str(db), "--no-progress"])
        t2 = time.perf_counter()
        _cli("insight", ["trends", "--week", last.label, "--json", "--db", str(db)])
        t3 = time.perf_counter()
    return {"notes": len(stream.notes), "week": len(final), "ingest": t1 - t0, "refit": t2 - t1, "trends": t3 - t2}


def time_trends_large(pool: TextPool, n_notes: int, workdir: Path) -> dict[str, float]:
    """Seconds for ``python -m insight trends`` on a database of about ``n_notes`` notes (12 weeks).

    The notes go straight into the store with their cached vectors, placed in topics by their true intent
    (no refit: this times the trends command alone, pockets included, at that size).
    """
    from insight.privacy import synthetic_draft  # dataset texts: nothing to redact
    from insight.records import NoteDraft
    from insight.store import Store
    from insight.store.notes import insert_notes
    from tests import store_fixtures as fixtures

    stream = generate_stream(pool, seed=7, n_weeks=12, scale=n_notes / 5400)
    db = workdir / "trends-large.duckdb"
    store = Store(db)
    topic_of = {lbl: i + 1 for i, lbl in enumerate(sorted({n.label for n in stream.notes}))}
    vectors = {t: v for t, v in zip(pool.texts, pool.vectors, strict=True)}
    vectors.update(zip(pool.noise, pool.noise_vectors, strict=True))
    placed = []
    for first in range(0, len(stream.notes), 5000):
        chunk = stream.notes[first : first + 5000]
        drafts = [NoteDraft(text=note_text(pool, n), created_at=n.created_at, agent_id=n.agent_id, source="bench",
                            external_id=n.external_id) for n in chunk]  # fmt: skip
        with store.transaction() as con:
            ids = insert_notes(con, [synthetic_draft(d) for d in drafts], [f"bench:{n.external_id}" for n in chunk],
                               [()] * len(chunk),
                               np.vstack([vectors[d.text] for d in drafts]), pool.model_id)  # fmt: skip
        placed += [(i, topic_of[n.label], 0.8) for i, n in zip(ids, chunk, strict=True)]
    with store.transaction() as con:
        run = fixtures.record_topic_run(con, stream.weeks[-1].end, [(t, lbl, [], 0) for lbl, t in topic_of.items()],
                                         model_id=pool.model_id)  # fmt: skip
        fixtures.record_assignments(con, run, placed)
    store.release()
    t0 = time.perf_counter()
    _cli("insight", ["trends", "--week", stream.weeks[-1].label, "--json", "--db", str(db)])
    return {"notes": len(stream.notes), "trends": time.perf_counter() - t0}


def _spread(values: list[float]) -> str:
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.2f} ± {sd:.2f} [{min(values):.2f}–{max(values):.2f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="dev")
    parser.add_argument("--sources", nargs="+", choices=SOURCES, help="override the size's sources")
    parser.add_argument("--seeds", type=int, nargs="+", help="override the size's seeds")
    parser.add_argument("--noise-from", nargs="+", choices=SOURCES, default=SOURCES, help="sources of the noise")
    parser.add_argument("--trends-at", type=int, default=0, metavar="N", help="only time trends at ~N notes")
    parser.add_argument("--scale-check", type=int, default=0, metavar="N", help="also time a cycle at ~N notes")
    parser.add_argument(
        "--topics",
        choices=("earshot", "oracle"),
        default="earshot",
        help="earshot: refit as a user would (the benchmark); oracle: the planted intents as topics (a ceiling)",
    )
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE", help="settings, e.g. pocket_fdr=0.05")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    for item in args.set:
        name, value = item.split("=", 1)
        os.environ[f"EARSHOT_{name.upper()}"] = value
    if args.trends_at:
        source = (args.sources or ["banking77"])[0]
        with tempfile.TemporaryDirectory() as tmp:
            t = time_trends_large(load_pool(source), args.trends_at, Path(tmp))
        print(f"python -m insight trends at {t['notes']:,.0f} notes ({source}): {t['trends']:.1f} s")
        return 0
    n_weeks, scale, sources, seeds = SIZES[args.size]
    sources, seeds = args.sources or sources, args.seeds or seeds
    print(
        f"size {args.size}: {n_weeks} weeks, scale {scale}, sources {', '.join(sources)}, seeds {seeds}"
        + (f"; settings changed: {args.set}" if args.set else "")
        + ("; topics: the planted intents (oracle)" if args.topics == "oracle" else "")
    )
    started = time.perf_counter()
    scores: list[Score] = []
    pools: dict[str, TextPool] = {}
    for source in sources:
        pools[source] = load_pool(source, noise_from=tuple(args.noise_from))
        for seed in seeds:
            stream = generate_stream(pools[source], seed, n_weeks, scale)
            rising = ", ".join(
                f"{p.label} ({p.role.removeprefix('rising-')}, wk {(p.onset or 0) + 1}"
                + (
                    ", twin " + next(q.label for q in stream.plans if q.twin_of == p.label) + ")"
                    if any(q.twin_of == p.label for q in stream.plans)
                    else ")"
                )
                for p in stream.plans
                if p.role.startswith("rising")
            )
            print(
                f"\n{stream.name}: {len(stream.notes)} notes; volume ×1.5 from week {stream.volume_rise_week + 1}, "
                f"holiday week {stream.holiday_week + 1}; rising: {rising}",
                flush=True,
            )
            with tempfile.TemporaryDirectory() as tmp:
                run = simulate(stream, pools[source], Path(tmp), args.topics)
            s = score(stream, run)
            scores.append(s)
            for line in run.examples:
                print(f"    {line}")
            print(
                f"  recall(≤1 wk) {s.recall:.2f}  label precision {s.label_precision:.2f}  flag precision "
                f"{s.flag_precision:.2f} ({s.flags} flags)  fading recall {s.fading_recall:.2f}  fading precision "
                f"{s.fading_precision:.2f} ({s.fading_flags} fades)  "
                f"cycle {s.cycle_s:.1f} s  (embedding misses {run.misses})",
                flush=True,
            )
            parts = {k: statistics.mean(t[k] for t in run.seconds[1:]) for k in ("ingest", "refit", "trends")}
            print("    seconds per weekly cycle: " + ", ".join(f"{k} {v:.1f}" for k, v in parts.items()))
            if s.missed:
                print(f"    missed in time: {'; '.join(s.missed)}")
            if s.false_flags:
                print(f"    false: {'; '.join(s.false_flags[:10])}")
            missed_fades = sorted(set(stream.fading()) - {f.split(" (")[0] for f in s.fades_found})
            print(f"    fades found: {'; '.join(s.fades_found) or 'none'}; missed: {', '.join(missed_fades) or 'none'}")
            if s.false_fades:
                print(f"    false fades: {'; '.join(s.false_fades[:10])}")
    print(f"\nEvery stream, worst first ({time.perf_counter() - started:.0f} s in all):")
    print(
        f"  {'stream':<14} {'recall≤1wk':>10} {'label prec':>10} {'flag prec':>9} {'fading':>7} {'fade prec':>9} "
        f"{'cycle s':>8}"
    )
    for s in sorted(scores, key=lambda s: (s.recall, s.label_precision, s.flag_precision, s.fading_recall)):
        print(
            f"  {s.stream:<14} {s.recall:>10.2f} {s.label_precision:>10.2f} {s.flag_precision:>9.2f} "
            f"{s.fading_recall:>7.2f} {s.fading_precision:>9.2f} {s.cycle_s:>8.1f}"
        )
    print("  fading, worst first: " + ", ".join(
        f"{s.stream} {s.fading_recall:.2f} / {s.fading_precision:.2f} ({s.fading_flags} fades)"
        for s in sorted(scores, key=lambda s: (s.fading_recall, s.fading_precision))
    ))  # fmt: skip
    for name in ("recall", "label_precision", "flag_precision", "fading_recall", "fading_precision"):
        print(
            f"  {name.replace('_', ' ')} over streams (mean ± sd [min–max]): "
            f"{_spread([getattr(s, name) for s in scores])}"
        )
    if args.scale_check:
        source = sources[0]
        with tempfile.TemporaryDirectory() as tmp:
            t = time_large(pools[source], args.scale_check, Path(tmp))
        print(
            f"\nOne weekly cycle at {t['notes']:,.0f} notes ({t['week']:,.0f} new this week, {source}): ingest "
            f"{t['ingest']:.1f} s, refit {t['refit']:.1f} s, trends {t['trends']:.1f} s, "
            f"total {t['ingest'] + t['refit'] + t['trends']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
