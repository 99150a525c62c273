"""Why is a planted fade missed? The fading detectors alone, on the emerging streams, in seconds.

A diagnostic, not the benchmark (``benchmarks/emerging.py`` operates the whole product through its CLI).
For each stream of the family (``benchmarks/stream.py``) and each judged week, the below-topic fading step
(:func:`insight.trends.fading_pockets.fade_findings`, the product's code) reads the notes of the weeks a
``trends`` run reads, with their cached real embeddings — no ingest, no refit. Topics are not fitted: a
note's "topic" is its true intent, used only to name parents, so the guard that leaves a fade to its fading
topic is not applied here. It prints, per planted fade and judged week from its start:

* its notes per week, and the topic-level fading test on an *ideal* topic holding exactly its notes (the
  window's count, what the baseline predicts, the ratio and the chance) — what a perfect topic model gives;
* where its baseline notes sit: how many of their ``k`` nearest neighbours are of the same intent, and
  from the window (the neighbour-share screen) — or, under the radius screen, its best test;
* the screen's group holding most of its notes (score, shuffled-weeks p) and the candidate built from it:
  the region's weekly counts, how much of the region's baseline is the fading intent, and the detector's
  fading verdict on the region;

and the pocket-only scores per stream: fading recall (a planted fade flagged in some week from its start)
and precision (a flag is right when the majority true label of its notes is a planted fading intent,
flagged in a week from its start).

Run: ``OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/fading_diagnose.py --size full --seeds 1 2``.
"""

from __future__ import annotations

import os
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from benchmarks.emerging import SIZES, WARMUP_WEEKS  # noqa: E402
from benchmarks.pocket_diagnose import diagnose_args, week_input  # noqa: E402
from benchmarks.stream import Stream, TextPool, generate_stream, load_pool  # noqa: E402
from insight.settings import Settings  # noqa: E402
from insight.trends.detectors import PoissonGammaDetector  # noqa: E402
from insight.trends.fading_knn import fade_groups, fade_neighbourhoods, lower_surprise  # noqa: E402
from insight.trends.fading_pockets import fade_candidates, fade_findings  # noqa: E402
from insight.trends.pockets import region_counts  # noqa: E402
from insight.trends.records import TopicHistory  # noqa: E402


def _verdict(detector: PoissonGammaDetector, history: TopicHistory, settings: Settings) -> str:
    """The fading test's evidence on a history (the detector's private window: this is a diagnostic)."""
    w = detector._window(history, max(1, settings.fading_weeks))
    if w is None:
        return "no window"
    fade = next((d for d in detector.detect(history) if d.kind == "fading"), None)
    ratio = w.count / w.expected if w.expected else float("nan")
    return (
        f"window {w.count} vs expected {w.expected:.1f} (ratio {ratio:.2f}), base {w.base.mean:.1f}/wk, "
        f"p {w.p_down:.0e} → {'FADING' if fade else 'not fading'}"
    )


def _history(counts: np.ndarray, totals: dict, weeks, data) -> TopicHistory:
    week_totals = [totals.get(w.monday, 0) for w in weeks]
    return TopicHistory(
        topic_id=0,
        weeks=tuple(w.label for w in weeks),
        counts=tuple(int(c) for c in counts),
        totals=tuple(max(0, t - int(c)) for t, c in zip(week_totals, counts, strict=True)),
        observed=data.observed,
        agents=tuple(() for _ in weeks),
    )


def _explain_screen(data, truth, label, settings) -> list[str]:
    """What the neighbour-share screen saw among the fading intent's baseline notes."""
    k = settings.fading_neighbours
    if k <= 0:
        return ["(radius screen: no neighbour detail)"]
    hoods = fade_neighbourhoods(
        data, baseline_weeks=settings.baseline_weeks, window_weeks=max(1, settings.fading_weeks), k=k
    )
    if hoods is None:
        return ["screen: nothing to judge"]
    mine = np.flatnonzero(truth[hoods.centres] == label)
    if len(mine) == 0:
        return ["screen: none of its notes among the baseline centres"]
    seen = hoods.window_neighbours()
    own = (truth[hoods.pool[hoods.neighbours[mine]]] == label).sum(axis=1)
    surprise = lower_surprise(k, hoods.share)
    group, scores = fade_groups(hoods, seen, surprise)
    hot = int((surprise[seen[mine]] > 0).sum())
    spread = dict(sorted(Counter(seen[mine].tolist()).items()))
    out = [
        f"screen (share {hoods.share:.2f}): window notes among its k={k} {spread}; "
        f"own intent among k: median {np.median(own):.0f}, mean {own.mean():.1f}; hot {hot}/{len(mine)}"
    ]
    gs = group[mine][group[mine] >= 0]
    if len(gs):
        g = Counter(gs.tolist()).most_common(1)[0][0]
        members = np.flatnonzero(group == g)
        purity = (truth[hoods.centres[members]] == label).mean()
        rank = int((scores > scores[g]).sum()) + 1
        out.append(
            f"its main group: {len(members)} notes ({purity:.0%} its own), score {scores[g]:.1f} (rank {rank} of "
            f"{len(scores)} groups; best {scores.max():.1f})"
        )
    return out


def diagnose(stream: Stream, pool: TextPool, settings: Settings, verbose: bool = True) -> dict:
    """Print why each planted fade was (not) found; return the pocket-only scores."""
    detector = PoissonGammaDetector(settings)
    fading = stream.fading()
    flags: list[tuple[int, str]] = []
    ideal: set[str] = set()
    for target in range(WARMUP_WEEKS, len(stream.weeks)):
        data, truth, weeks, totals = week_input(stream, pool, settings, target)
        labels = tuple(w.label for w in weeks)
        week_totals = tuple(totals.get(w.monday, 0) for w in weeks)
        found = fade_findings(data, labels, week_totals, detector, settings)
        rows_of = {int(n): i for i, n in enumerate(data.note_ids)}
        for f in found:
            need = Counter(truth[[rows_of[n] for n in f.note_ids]]).most_common(1)[0][0]
            flags.append((target, need))
            if verbose:
                print(f"    wk {target + 1}: fade = {need} (counts {f.history.counts}, p {f.detection.p_value:.1e})")
        for label, start in fading.items():
            counts = np.bincount(data.week_index[truth == label], minlength=data.n_weeks)
            verdict = _verdict(detector, _history(counts, totals, weeks, data), settings)
            if "FADING" in verdict and target >= start:
                ideal.add(label)
            if not verbose or not start <= target <= start + 3:
                continue
            hit = [f for f in found if np.mean([truth[rows_of[n]] == label for n in f.note_ids]) > 0.5]
            print(f"  {label} wk {target + 1} (start+{target - start}): counts {counts.tolist()}"
                  + (" → FLAGGED" if hit else " → missed"))  # fmt: skip
            print(f"      ideal topic: {verdict}")
            if hit:
                continue
            for line in _explain_screen(data, truth, label, settings):
                print(f"      {line}")
            cands = fade_candidates(data, settings)
            held = [c for c in cands if (truth[c.members] == label).mean() > 0.3]
            if not held:
                print(f"      no candidate is mostly its notes ({len(cands)} candidates)")
            last = data.n_weeks - 1
            for c in held[:2]:
                region_counts_, _ = region_counts(data, c.region)
                window = max(1, settings.fading_weeks)
                base = c.region[(data.week_index[c.region] <= last - window)]
                purity = (truth[base] == label).mean() if len(base) else 0.0
                history = _history(np.array(region_counts_), totals, weeks, data)
                print(f"      candidate p {c.screen_q:.3f}, {len(c.members)} members: region {list(region_counts_)} "
                      f"({purity:.0%} its own before) | {_verdict(detector, history, settings)}")  # fmt: skip
    good = [(w, lbl) for w, lbl in flags if lbl in fading and w >= fading[lbl]]
    found_labels = {lbl for _, lbl in good}
    return {
        "recall": len(found_labels) / len(fading) if fading else 1.0,
        "precision": len(good) / len(flags) if flags else 1.0,
        "ideal": len(ideal) / len(fading) if fading else 1.0,
        "flags": len(flags),
        "false": [f"{lbl} wk {w + 1}" for w, lbl in flags if (w, lbl) not in good],
    }


def main() -> int:
    args, settings = diagnose_args(__doc__, "fading_neighbours=0")
    n_weeks, scale, sources, seeds = SIZES[args.size]
    results = []
    for source in args.sources or sources:
        pool = load_pool(source)
        for seed in args.seeds or seeds:
            stream = generate_stream(pool, seed, n_weeks, scale)
            plans = {p.label: p for p in stream.plans}
            described = ", ".join(
                f"{lbl} (from wk {start + 1}, {plans[lbl].rates[0]:.0f}/wk)" for lbl, start in stream.fading().items()
            )
            print(f"\n{stream.name}: fading {described}; volume ×1.5 from wk {stream.volume_rise_week + 1}, "
                  f"holiday wk {stream.holiday_week + 1}", flush=True)  # fmt: skip
            r = diagnose(stream, pool, settings, verbose=not args.quiet)
            results.append((stream.name, r))
            print(
                f"  pocket-only: fading recall {r['recall']:.2f}  precision {r['precision']:.2f} ({r['flags']} flags)"
                f"  ideal topic {r['ideal']:.2f}  false: {', '.join(r['false'][:8])}",
                flush=True,
            )
    print("\nworst first:")
    for name, r in sorted(results, key=lambda x: (x[1]["recall"], x[1]["precision"])):
        print(f"  {name:<14} recall {r['recall']:.2f}  precision {r['precision']:.2f} ({r['flags']} flags)")
    for key in ("recall", "precision"):
        values = [r[key] for _, r in results]
        print(f"  {key}: mean {statistics.mean(values):.2f} [{min(values):.2f}–{max(values):.2f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
