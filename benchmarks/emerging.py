"""Emerging-topic benchmark: does Earshot flag what really emerges, early, and nothing else?

For each seed, a 12-week stream is generated from labelled intent datasets (see ``benchmarks/stream.py``)
with planted truth: topics rising from near zero (fast, or over three weeks), fading topics, flat
near-duplicate intents, sparse topics and a single-agent burst decoy. Earshot is then run week by week as
in production: the week's notes go through the ingest service (redaction, real embeddings — cached —,
storage, placement on arrival), topics are refitted (``benchmarks/topic_engines.py``: Earshot's engine
with its automatic refit policy or weekly, a UMAP+HDBSCAN stand-in, or the true labels as an oracle),
and ``detect_signals`` is asked for that week's signals.

Scored against the truth, per seed and as mean ± sd [min–max] over seeds:

* recall — share of rising topics flagged ``emerging`` on or after their onset;
* precision — share of emerging flags (week × topic) whose notes are mostly a truly rising label,
  flagged on or after its onset (anything else — background, fading, decoy — counts against it);
* alert precision — the same over distinct labels ever flagged (re-flagging a riser counts once);
* delay — weeks from onset to the first correct flag.

Baselines, on the TRUE labels: flag a label when this week ≥ 3 × the mean of the previous 4 weeks
(as such, and with at least ``emerging_min_count`` notes). Run (about 40 s a seed with the defaults):
``.venv/bin/python benchmarks/emerging.py [--seeds 1 2 3] [--topics earshot earshot-weekly standin oracle]
[--set NAME=VALUE …]``
"""

from __future__ import annotations

import argparse
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

from benchmarks.stream import Stream, TextPool, generate_stream, load_pool  # noqa: E402
from benchmarks.topic_engines import EarshotTopics, OracleTopics, StandinTopics, TopicEngine  # noqa: E402
from insight.records import NoteDraft  # noqa: E402
from insight.settings import Settings, load_settings  # noqa: E402
from insight.store import Store, analytics  # noqa: E402
from insight.trends import VolumeFilters, detect_signals, notes_behind  # noqa: E402

WARMUP_WEEKS = 4  # weeks before any week is judged (the baseline needs them)


class CachedEmbedder:
    """Real all-MiniLM-L6-v2 vectors looked up from the cached dataset embeddings (model run on a miss)."""

    def __init__(self, pool: TextPool) -> None:
        self.model_id = pool.model_id
        self.dimension = pool.vectors.shape[1]
        self._vectors = {t: pool.vectors[i] for i, t in enumerate(pool.texts)}
        self._model = None
        self.misses = 0

    def embed(self, texts, progress=None):
        """Vectors for ``texts`` (redaction may have changed a few; those are encoded for real)."""
        missing = [t for t in texts if t not in self._vectors]
        if missing:
            from insight.embedder import SentenceTransformerEmbedder

            self._model = self._model or SentenceTransformerEmbedder()
            self.misses += len(missing)
            self._vectors.update(zip(missing, self._model.embed(missing), strict=True))
        return np.vstack([self._vectors[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)


@dataclass(frozen=True)
class Score:
    """One method's result on one seed."""

    recall: float
    precision: float  # per flag (week × topic)
    alert_precision: float  # per distinct label flagged: true risers / all labels ever flagged
    mean_delay: float | None
    flags: int
    false_flags: int
    delays: tuple[tuple[str, int], ...]
    missed: tuple[str, ...]
    false_labels: tuple[str, ...]


def score(stream: Stream, flags: list[tuple[int, str]]) -> Score:
    """Score ``(week index, majority true label)`` emerging flags against the planted truth."""
    rising = stream.rising()
    roles = {p.label: p.role for p in stream.plans}
    good = [(w, lbl) for w, lbl in flags if lbl in rising and w >= rising[lbl]]
    bad = [(w, lbl) for w, lbl in flags if (w, lbl) not in good]
    first = {}
    for w, lbl in sorted(good):
        first.setdefault(lbl, w)
    delays = {lbl: first[lbl] - rising[lbl] for lbl in first}
    alerted = {lbl for _, lbl in flags}
    wrong = {lbl for _, lbl in bad} - set(first)
    return Score(
        recall=len(first) / len(rising) if rising else 1.0,
        precision=len(good) / len(flags) if flags else 1.0,
        alert_precision=(len(alerted) - len(wrong)) / len(alerted) if alerted else 1.0,
        mean_delay=statistics.mean(delays.values()) if delays else None,
        flags=len(flags),
        false_flags=len(bad),
        delays=tuple(sorted(delays.items())),
        missed=tuple(sorted(set(rising) - set(first))),
        false_labels=tuple(f"{lbl} ({roles.get(lbl, '?')}, week {w + 1})" for w, lbl in bad),
    )


def baseline_flags(stream: Stream, min_count: int) -> list[tuple[int, str]]:
    """The naive rule on TRUE labels: this week ≥ 3 × the mean of the previous 4 weeks, and ≥ ``min_count``."""
    index = {w.label: i for i, w in enumerate(stream.weeks)}
    counts: Counter[tuple[int, str]] = Counter()
    for n in stream.notes:
        iso = n.created_at.isocalendar()
        counts[(index[f"{iso.year}-W{iso.week:02d}"], n.label)] += 1
    flags = []
    for w in range(WARMUP_WEEKS, len(stream.weeks)):
        for plan in stream.plans:
            before = statistics.mean(counts[(w - k, plan.label)] for k in range(1, 5))
            if counts[(w, plan.label)] >= max(3 * before, min_count):
                flags.append((w, plan.label))
    return flags


@dataclass
class Run:
    """What Earshot said over one stream."""

    flags: list[tuple[int, str]] = field(default_factory=list)  # (week index, majority true label)
    other: Counter[str] = field(default_factory=Counter)  # other signal kinds by the true role flagged
    seconds: Counter[str] = field(default_factory=Counter)
    embed_misses: int = 0


def simulate(stream: Stream, pool: TextPool, engine: TopicEngine, settings: Settings, workdir: Path) -> Run:
    """Operate Earshot week by week over ``stream``: ingest the week, refit topics, ask for the week's signals."""
    from ingest.redaction import default_redactor
    from ingest.service import ingest_drafts

    store = Store(workdir / f"{engine.name}.duckdb")
    embedder = CachedEmbedder(pool)
    redactor = default_redactor()
    roles = {p.label: p.role for p in stream.plans}
    truth: dict[int, str] = {}
    run = Run()
    for w, week in enumerate(stream.weeks):
        batch = [n for n in stream.notes if week.start <= n.created_at < week.end]
        drafts = [
            NoteDraft(
                text=pool.texts[n.pool_index],
                created_at=n.created_at,
                agent_id=n.agent_id,
                team=n.team,
                channel=n.channel,
                product=n.product,
                kind=n.kind,
                source="bench",
                external_id=n.external_id,
            )
            for n in batch
        ]
        t0 = time.perf_counter()
        ingest_drafts(store, drafts, embedder=embedder, redactor=redactor, settings=settings, source_name="bench")
        with store.read() as con:
            ids = analytics.note_ids_by_external_id(con, [n.external_id for n in batch])
        truth.update({ids[n.external_id]: n.label for n in batch if n.external_id in ids})
        t1 = time.perf_counter()
        engine.update(store, week, truth)
        t2 = time.perf_counter()
        if w >= WARMUP_WEEKS:
            for signal in detect_signals(store, settings, week, quotes=0):
                members = notes_behind(store, week, VolumeFilters(topic_ids=(signal.topic_id,)))
                majority = Counter(truth.get(i, "?") for i in members).most_common(1)[0][0] if members else "?"
                if signal.kind == "emerging":
                    run.flags.append((w, majority))
                else:
                    run.other[f"{signal.kind}:{roles.get(majority, '?')}"] += 1
        run.seconds.update({"ingest": t1 - t0, "topics": t2 - t1, "detect": time.perf_counter() - t2})
    store.release()
    run.embed_misses = embedder.misses
    return run


def _spread(values: list[float | None]) -> str:
    vals = [v for v in values if v is not None]
    if not vals:
        return "—"
    sd = statistics.stdev(vals) if len(vals) > 1 else 0.0
    return f"{statistics.mean(vals):.2f} ± {sd:.2f} [{min(vals):.2f}–{max(vals):.2f}]"


def _line(name: str, s: Score, detail: bool) -> str:
    delay = "—" if s.mean_delay is None else f"{s.mean_delay:.2f}"
    text = (
        f"  {name:<26} recall {s.recall:.2f}  precision {s.precision:.2f} ({s.flags} flags, {s.false_flags} false)"
        f"  alert precision {s.alert_precision:.2f}  delay {delay}"
    )
    if s.missed:
        text += f"\n{'':<30}missed: {', '.join(s.missed)}"
    if detail and s.false_labels:
        text += f"\n{'':<30}false: {'; '.join(s.false_labels[:8])}"
    if detail and s.delays:
        text += f"\n{'':<30}delays: {', '.join(f'{lbl} {d}' for lbl, d in s.delays)}"
    return text


def _engine(name: str, pool: TextPool, seed: int, settings: Settings) -> TopicEngine:
    if name == "oracle":
        return OracleTopics()
    if name == "standin":
        return StandinTopics(pool.model_id, seed)
    return EarshotTopics(settings, pool.model_id, policy="weekly" if name == "earshot-weekly" else "auto")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument(
        "--topics",
        nargs="+",
        default=["earshot", "oracle"],
        choices=["earshot", "earshot-weekly", "standin", "oracle"],
        help="topic engines to run (default: earshot oracle)",
    )
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE", help="override settings, e.g. spike_z=4")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    overrides = dict(item.split("=", 1) for item in args.set)
    settings = load_settings(environ={f"EARSHOT_{k.upper()}": v for k, v in overrides.items()})
    if overrides:
        print(f"settings changed: {overrides}")
    pool = load_pool()
    naive, guarded = "3x rule (true labels)", f"3x rule, >={settings.emerging_min_count} (true)"
    results: dict[str, list[Score]] = {naive: [], guarded: [], **{f"earshot/{t}": [] for t in args.topics}}
    started = time.perf_counter()
    for seed in args.seeds:
        stream = generate_stream(pool, seed, args.weeks)
        risers = [p for p in stream.plans if p.role.startswith("rising")]
        rising = ", ".join(f"{p.label} ({p.role.removeprefix('rising-')}, week {(p.onset or 0) + 1})" for p in risers)
        print(f"\nseed {seed}: {len(stream.notes)} notes in {args.weeks} weeks; rising: {rising}")
        results[naive].append(score(stream, baseline_flags(stream, 1)))
        results[guarded].append(score(stream, baseline_flags(stream, settings.emerging_min_count)))
        for name in args.topics:
            with tempfile.TemporaryDirectory() as tmp:
                run = simulate(stream, pool, _engine(name, pool, seed, settings), settings, Path(tmp))
            results[f"earshot/{name}"].append(score(stream, run.flags))
            t = run.seconds
            print(
                f"  earshot/{name}: ingest {t['ingest']:.0f} s, topics {t['topics']:.0f} s, detect {t['detect']:.0f} s;"
                f" other signals by true role: {dict(sorted(run.other.items()))}"
            )
        for name, scores in results.items():
            print(_line(name, scores[-1], detail=name.startswith("earshot")))
    print(f"\nOver seeds {args.seeds}: mean ± sd [min–max]; {time.perf_counter() - started:.0f} s in all")
    for name, scores in results.items():
        print(
            f"  {name:<26} recall {_spread([s.recall for s in scores])}  precision "
            f"{_spread([s.precision for s in scores])}  alert precision {_spread([s.alert_precision for s in scores])}"
            f"  delay {_spread([s.mean_delay for s in scores])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
