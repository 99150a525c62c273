"""Why is a planted riser missed below the topic level? The pocket detector alone, on the emerging streams.

A diagnostic, not the benchmark (``benchmarks/emerging.py`` operates the whole product through its CLI).
For each stream of the family (``benchmarks/stream.py``) and each judged week, the pocket detector
(:func:`insight.trends.pocket_signals.confirm_pockets`, the product's code) reads the notes of the weeks a
``trends`` run reads, with their cached real embeddings — no ingest, no refit, so a stream takes seconds.
Topics are not fitted: a note's "topic" is its true intent, used only to name parents. It prints:

* per planted riser, at its onset and the week after: its notes and agents that week, its twin's notes,
  the screen's best test among its notes (window, size, the count around it and the baseline count,
  the raw p and the Benjamini–Hochberg q, the q a note needed), whether a candidate held its notes, and
  what the confirmation said about that candidate (the detector's windows: count, corroborated count,
  baseline mean, agents, p) — so one sees which step lost it;
* pocket-only scores per stream: recall within ≤ 1 week of onset, label and flag precision (a flag is
  right when the majority true label of its notes is a riser on or after its onset).

Run: ``OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/pocket_diagnose.py --size full``.
"""

from __future__ import annotations

import argparse
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
from benchmarks.stream import SOURCES, Stream, TextPool, generate_stream, load_pool, note_vector  # noqa: E402
from insight.settings import Settings, load_settings  # noqa: E402
from insight.trends.detectors import PoissonGammaDetector  # noqa: E402
from insight.trends.pocket_signals import _rise, confirm_pockets, region_history  # noqa: E402
from insight.trends.pockets import PocketInput, balanced_centre, benjamini_hochberg, radii, screen_tests  # noqa: E402
from insight.trends.signals import history_weeks  # noqa: E402


def week_input(stream: Stream, pool: TextPool, settings: Settings, target: int):
    """The pocket input a ``trends --week`` run on week ``target`` reads, the true labels and week totals."""
    weeks = history_weeks(settings, stream.weeks[target])
    position = {w.monday: i for i, w in enumerate(weeks)}
    first = stream.weeks[0]
    notes = [n for n in stream.notes if weeks[0].start <= n.created_at < weeks[-1].end]
    labels = sorted({n.label for n in stream.notes})
    topic = {lbl: i for i, lbl in enumerate(labels)}
    index = np.array([position[w.monday] for n in notes for w in weeks if w.start <= n.created_at < w.end])
    data = PocketInput(
        note_ids=np.arange(len(notes), dtype=np.int64),
        vectors=np.vstack([note_vector(pool, n) for n in notes]).astype(np.float32),
        week_index=index,
        agents=tuple(n.agent_id for n in notes),
        topic_ids=np.array([topic[n.label] for n in notes], dtype=np.int64),
        n_weeks=len(weeks),
        observed=tuple(w >= first for w in weeks),
    )
    totals = {w.monday: int((index == i).sum()) for i, w in enumerate(weeks)}
    return data, np.array([n.label for n in notes]), weeks, totals


def _explain_screen(data: PocketInput, truth: np.ndarray, label: str, settings: Settings) -> str:
    """The screen's best test among the riser's notes of the week, and how it fared in the correction."""
    tests = screen_tests(
        data,
        baseline_weeks=settings.baseline_weeks,
        window_weeks=settings.emerging_window_weeks,
        min_similarity=settings.pocket_min_similarity,
        prior_weeks=settings.trend_prior_weeks,
    )
    if tests is None:
        return "screen: nothing to judge"
    q = benjamini_hochberg(tests.p.ravel()).reshape(tests.p.shape)
    mine = np.flatnonzero(truth[tests.centres] == label)
    if len(mine) == 0:
        return "screen: no notes of it among the centres"
    sub = tests.p[:, mine, :]
    k, i, j = np.unravel_index(int(np.argmin(sub)), sub.shape)
    centre = int(tests.centres[mine[i]])
    sims = data.vectors @ data.vectors[centre]
    last = data.n_weeks - 1
    window = tests.windows[k]
    near = sims >= tests.sizes[j]
    in_window = data.week_index > last - window
    in_base = (data.week_index <= last - window) & (data.week_index > last - window - settings.baseline_weeks)
    seen = int((near & in_window).sum()) - 1
    own = int((near & in_window & (truth == label)).sum()) - 1
    before = int((near & in_base).sum())
    passed = q <= settings.pocket_fdr
    n_sig = int(passed.any(axis=(0, 2))[mine].sum())
    needed = float(tests.p[passed].max()) if passed.any() else 0.0
    return (
        f"screen best: window {window}, cos≥{tests.sizes[j]:.2f}: {seen} near in window ({own} its own) vs "
        f"{before} in {settings.baseline_weeks} baseline weeks; p {sub[k, i, j]:.1e}, q {q[k, mine[i], j]:.2f} "
        f"(largest p passing {needed:.1e}; {int(passed.sum())} of {passed.size} tests pass); "
        f"{n_sig}/{len(mine)} of its notes significant"
    )


def _regions_tried(data, cand, weeks, totals, detector, settings):
    """The regions the confirmation tries for a candidate (as ``pocket_signals._judge`` does), each with
    its radius, weekly history and the detector's evidence per window (its private ``_window``: this is
    a diagnostic)."""
    mean = data.vectors[cand.members].sum(axis=0)
    starts = [data.vectors[cand.seed], mean / (np.linalg.norm(mean) + 1e-12)] if cand.seed >= 0 else [mean]
    for start in starts:
        for radius in [r for r in radii(settings.pocket_min_similarity) if r >= cand.radius - 1e-9]:
            centroid = balanced_centre(data, start, radius, cand.window_weeks, settings.baseline_weeks)
            history, _ = region_history(data, np.flatnonzero(data.vectors @ centroid >= radius), weeks, totals)
            windows = [detector._window(history, k) for k in range(1, settings.emerging_window_weeks + 1)]
            yield radius, history, [w for w in windows if w is not None]


def _explain_confirm(data, truth, label, weeks, totals, detector, settings) -> list[str]:
    """What the confirmation saw for candidates made mostly of the riser's notes: each region tried."""
    from insight.trends.pockets import screen

    out = []
    cands = screen(
        data,
        baseline_weeks=settings.baseline_weeks,
        window_weeks=settings.emerging_window_weeks,
        prior_weeks=settings.trend_prior_weeks,
        min_similarity=settings.pocket_min_similarity,
        fdr=settings.pocket_fdr,
        min_members=max(2, settings.emerging_min_agents),
    )
    mine = [c for c in cands if (truth[c.members] == label).mean() > 0.3]
    if not mine:
        out.append(f"no candidate is mostly its notes ({len(cands)} candidates)")
    for c in mine[:2]:
        share = (truth[c.members] == label).mean()
        out.append(
            f"candidate: {len(c.members)} members ({share:.0%} its own), r {c.radius:.2f}, window {c.window_weeks}"
        )
        for radius, history, windows in _regions_tried(data, c, weeks, totals, detector, settings):
            described = "; ".join(
                f"w{w.weeks}: {w.count} ({w.corroborated} corr, {w.agents} ag) vs base {w.base.mean:.1f} p {w.p_up:.0e}"
                for w in windows
            )
            out.append(f"  r {radius:.2f}: counts {history.counts} | {described}")
    return out


def _why_not(history, detector, settings) -> str:
    """Which guard of the emerging test stops a region's history, in its most telling window."""
    tries = max(1, settings.emerging_window_weeks)
    windows = [w for w in (detector._window(history, n) for n in range(1, tries + 1)) if w is not None]
    if not windows:
        return "no judgeable window"
    w = min(windows, key=lambda x: x.p_up)
    s = settings
    checks = (
        (f"baseline {w.base.mean:.1f} > {s.emerging_max_baseline:g}", w.base.mean > s.emerging_max_baseline),
        (f"{w.agents} agents", w.agents < s.emerging_min_agents),
        (f"{w.corroborated} corroborated < {s.emerging_min_count}", w.corroborated < s.emerging_min_count),
        (f"p {w.p_up:.0e} ×{tries} > {s.trend_max_p:g}", w.p_up * tries > s.trend_max_p),
    )
    failed = [name for name, bad in checks if bad]
    return f"w{w.weeks}: " + (", ".join(failed) or "passes in this window (another stops it)")


def _explain_knn(data, truth, label, weeks, totals, detector, settings, found) -> tuple[list[str], str]:
    """What the neighbour-share screen and the confirmation did with the riser's notes, and the stage lost at.

    Stages: flagged; flagged under another need (a pocket holds its notes, but mostly another need's);
    fewer than 3 notes; the screen made no group of at least 2 of its notes; the group's territory holds no
    note this week (empty) or is mostly other needs' notes; a guard of the emerging test stopped the
    territory's history (which one, in its most telling window); or dropped in favour of a stronger,
    overlapping pocket. A best group that did not beat the shuffles is followed on: "not significant; then
    region: empty" says the screen was not the only step to lose it, "not significant; territory would
    pass" that it was.
    """
    from scipy.stats import binom

    from insight.trends.pocket_knn import KNN_FLOOR, knn_groups, neighbourhoods, territory

    k = settings.pocket_neighbours
    hubness = "csls" if settings.pocket_hub_discount else "none"
    last = data.n_weeks - 1
    now = np.flatnonzero((truth == label) & (data.week_index == last))
    share_of = [(f, (truth[np.isin(data.note_ids, f[4])] == label)) for f in found]
    if any(m.mean() > 0.5 for _, m in share_of):
        stage = "flagged"
    elif any(m.sum() >= 2 for _, m in share_of):
        stage = "flagged under another need"
    elif len(now) < 3:
        return [f"{len(now)} notes this week"], "fewer than 3 notes"
    else:
        stage = ""
    centres, hoods = neighbourhoods(
        data, baseline_weeks=settings.baseline_weeks, window_weeks=settings.emerging_window_weeks, k=k,
        floor=KNN_FLOOR, hubness=hubness,
    )  # fmt: skip
    mine = np.flatnonzero(truth[centres] == label)
    out = []
    for hood in hoods:
        seen = (hood.in_window[hood.neighbours[mine]] & hood.counts[mine]).sum(axis=1)
        own = (truth[hood.pool[hood.neighbours[mine]]] == label).sum(axis=1)
        tail = binom.sf(seen - 1, k, hood.share)
        out.append(
            f"window {hood.weeks} (share {hood.share:.2f}): window notes among k={k} "
            f"{sorted(seen.tolist(), reverse=True)}, its own {sorted(own.tolist(), reverse=True)}; "
            f"hot {int((tail <= 0.05).sum())}/{len(mine)}"
        )
    groups = knn_groups(
        data, baseline_weeks=settings.baseline_weeks, window_weeks=settings.emerging_window_weeks, k=k,
        floor=KNN_FLOOR, hubness=hubness,
    )  # fmt: skip
    held = [g for g in groups if (truth[g.rows] == label).sum() >= 2]
    if not held:
        return [*out, f"no group holds 2 or more of its notes ({len(groups)} groups)"], stage or "screen: no group"
    best = max(held, key=lambda g: g.score)
    own = int((truth[best.rows] == label).sum())
    out.append(
        f"best group: window {best.window_weeks}, {len(best.rows)} notes ({own} its own), score {best.score:.1f}, "
        f"p {best.p:.3f} (needs ≤ {settings.pocket_fdr:g})"
    )
    region, _, _ = territory(data, best.rows, best.window_weeks, k)
    history, _ = region_history(data, region, weeks, totals)
    region_now = region[data.week_index[region] == last]
    purity = float((truth[region_now] == label).mean()) if len(region_now) else 0.0
    held_now = int((truth[region_now] == label).sum())
    out.append(
        f"territory: counts {history.counts}, {held_now} of its {len(now)} notes this week, "
        f"{purity:.0%} its own; {_why_not(history, detector, settings)}"
    )
    if stage:
        return out, stage
    # A group that did not beat the shuffles is still followed to its territory, so the stage says whether
    # the screen alone lost it or a later step would have too. An empty territory is its own stage: a group of
    # fewer than about six notes cannot seed a majority of any note's nearest window notes.
    later = (
        "region: empty"
        if len(region_now) == 0
        else "region: mostly other needs"
        if purity <= 0.5
        else "confirm: a guard stops it"
        if _rise(detector.detect(history)) is None
        else ""
    )
    if best.p > settings.pocket_fdr:
        return out, "not significant; " + (f"then {later}" if later else "territory would pass")
    return out, later or "dropped for a stronger overlapping pocket"


def diagnose(stream: Stream, pool: TextPool, settings: Settings, verbose: bool = True) -> dict[str, float]:
    """Print why each riser was (not) found at onset and onset+1; return the pocket-only scores."""
    detector = PoissonGammaDetector(settings)
    rising, twins = stream.rising(), {p.twin_of: p.label for p in stream.plans if p.twin_of}
    flags: list[tuple[int, str]] = []
    stages: dict[tuple[str, int], str] = {}  # (riser, weeks after onset) → where it was lost, or "flagged"
    for target in range(WARMUP_WEEKS, len(stream.weeks)):
        data, truth, weeks, totals = week_input(stream, pool, settings, target)
        found = confirm_pockets(data, weeks, totals, detector, settings)
        last = data.n_weeks - 1
        for f in found:
            rows = np.flatnonzero(np.isin(data.note_ids, f[4]))
            need = Counter(truth[rows]).most_common(1)[0][0]
            flags.append((target, need))
            if verbose:
                d = f[0]
                print(f"    wk {target + 1}: pocket = {need} (counts {f[1].counts}, p {d.p_value:.1e}, "
                      f"window {d.window_weeks}, r {f[3].radius:.2f})")  # fmt: skip
        for label, onset in rising.items():
            if target not in (onset, onset + 1):
                continue
            now = (truth == label) & (data.week_index == last)
            agents = len({data.agents[r] for r in np.flatnonzero(now)})
            twin = twins.get(label)
            twin_now = int(((truth == twin) & (data.week_index == last)).sum()) if twin else 0
            hit = [f for f in found if (truth[np.isin(data.note_ids, f[4])] == label).mean() > 0.5]
            if verbose:
                print(
                    f"  {label} wk {target + 1} (onset+{target - onset}): {int(now.sum())} notes, {agents} agents"
                    + (f"; twin {twin} {twin_now}" if twin else "; no twin")
                    + (" → FLAGGED" if hit else " → missed")
                )
            if settings.pocket_neighbours > 0:
                lines, stage = _explain_knn(data, truth, label, weeks, totals, detector, settings, found)
                stages[label, target - onset] = stage
                for line in [*lines, f"stage: {stage}"] if verbose else []:
                    print(f"      {line}")
                continue
            if not verbose:
                continue
            print(f"      {_explain_screen(data, truth, label, settings)}")
            if not hit:
                for line in _explain_confirm(data, truth, label, weeks, totals, detector, settings):
                    print(f"      {line}")
    good = [(w, lbl) for w, lbl in flags if lbl in rising and w >= rising[lbl]]
    first: dict[str, int] = {}
    for w, lbl in sorted(good):
        first.setdefault(lbl, w)
    in_time = [lbl for lbl, w in first.items() if w - rising[lbl] <= 1]
    flagged = {lbl for _, lbl in flags}
    right = {lbl for _, lbl in good}
    return {
        "recall": len(in_time) / len(rising),
        "label_precision": len(right) / len(flagged) if flagged else 1.0,
        "flag_precision": len(good) / len(flags) if flags else 1.0,
        "flags": len(flags),
        "false": [f"{lbl} wk {w + 1}" for w, lbl in flags if (w, lbl) not in good],
        "stages": stages,
        # per riser: flagged in time, else the stage it was lost at the week after onset
        "outcome": {
            lbl: "flagged in time" if lbl in in_time else stages.get((lbl, 1), "no week after onset") for lbl in rising
        },
    }


def diagnose_args(doc: str | None, example: str) -> tuple[argparse.Namespace, Settings]:
    """The diagnostics' shared command line (size, sources, seeds, --quiet, --set NAME=VALUE) and its settings."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="dev")
    parser.add_argument("--sources", nargs="+", choices=SOURCES)
    parser.add_argument("--seeds", type=int, nargs="+")
    parser.add_argument("--quiet", action="store_true", help="scores only")
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE", help=f"settings, e.g. {example}")
    args = parser.parse_args()
    settings = load_settings(environ={f"EARSHOT_{k.upper()}": v for k, v in (s.split("=", 1) for s in args.set)})
    return args, settings


def main() -> int:
    args, settings = diagnose_args(__doc__, "pocket_fdr=0.05")
    n_weeks, scale, sources, seeds = SIZES[args.size]
    results = []
    for source in args.sources or sources:
        pool = load_pool(source)
        for seed in args.seeds or seeds:
            stream = generate_stream(pool, seed, n_weeks, scale)
            print(f"\n{stream.name}: rising {stream.rising()}", flush=True)
            r = diagnose(stream, pool, settings, verbose=not args.quiet)
            results.append((stream.name, r))
            print(
                f"  pocket-only: recall {r['recall']:.2f}  label prec {r['label_precision']:.2f}  flag prec "
                f"{r['flag_precision']:.2f} ({r['flags']} flags)  false: {', '.join(r['false'][:8])}",
                flush=True,
            )
    print("\nworst first:")
    for name, r in sorted(results, key=lambda x: (x[1]["recall"], x[1]["label_precision"], x[1]["flag_precision"])):
        print(
            f"  {name:<14} recall {r['recall']:.2f}  label {r['label_precision']:.2f}  flag {r['flag_precision']:.2f}"
        )
    for key in ("recall", "label_precision", "flag_precision"):
        values = [r[key] for _, r in results]
        print(f"  {key}: mean {statistics.mean(values):.2f} [{min(values):.2f}–{max(values):.2f}]")
    if settings.pocket_neighbours > 0:
        print("\nwhere each riser is lost (all streams): at onset / the week after / riser (flagged ≤ 1 week, else")
        print("the stage the week after onset)")
        at = [Counter(v for _, r in results for (_, off), v in r["stages"].items() if off == o) for o in (0, 1)]
        riser = Counter(v for _, r in results for v in r["outcome"].values())
        for stage in sorted(set(at[0]) | set(at[1]) | set(riser), key=lambda x: -riser.get(x, 0)):
            print(f"  {stage:<42} {at[0].get(stage, 0):>3} / {at[1].get(stage, 0):>3} / {riser.get(stage, 0):>3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
