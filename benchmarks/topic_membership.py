"""Are the topic-level false rises a need's own count swing, or the topic's membership drifting? Offline, in seconds.

Reads the recordings of ``benchmarks/topic_diagnose.py record --vectors`` (per judged week: every topic's history
and the notes the pocket search read — ids, week, current topic, true label, agent, vector) and answers three
questions, each printed as a table:

* ``decompose`` — for every false rising topic flag (as ``topic_diagnose.py replay`` scores them): the flagged need's
  own weekly counts (all of its notes, whatever topic they sit in) and the chance the same test gives them (the
  low-base gate set aside, so a busy need is still judged); and the topic's share of the need's notes in the
  baseline weeks and in the judged window, under three membership rules — the run's own placement, every note on
  its nearest current centroid, and the flagged topic's centroid drawn *without* the window's notes. A swing shows in
  the need's own counts; membership drift shows as a share that rises in the window; a topic the refit drew around
  this week's notes loses that rise when its centroid is drawn without them.
* ``calibrate`` — how often the topic test fires on counts whose membership is fixed and known: every background
  need's own counts and fixed pseudo-random halves and quarters of them (a week-blind rule, no refit), beside the
  false topic flags, per 1,000 judged weeks that pass the low-base gate. The gap between the whole needs and the
  nominal chance is the streams' count swing; the gap between the topics and fixed pieces of the needs is membership.
* ``guards`` — the membership checks tried on that finding, replayed as the benchmark scores them: a flagged topic
  must rise also when every week is counted by the same nearest-centroid rule; when its centroid is drawn without
  the window's notes (for every flagged topic, or only one with at least as many notes before its window as in
  it); under the run fitted before this week (its placements of past weeks, this week's notes on its
  centroids, as they were placed on arrival); or must have been from a low base before this refit redrew it.

Run: ``.venv/bin/python benchmarks/topic_membership.py --dirs /tmp/rec12 /tmp/rec34 /tmp/rec56`` (each made by
``topic_diagnose.py record --size full --seeds … --vectors --out DIR``).
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.topic_diagnose import _history, replay  # noqa: E402
from insight.settings import load_settings  # noqa: E402
from insight.trends.detectors import PoissonGammaDetector  # noqa: E402

Membership = Callable[[dict, int, int], np.ndarray]  # (week's notes, topic, window weeks) → topic per note


def recordings(dirs: list[str]) -> list[tuple[Path, dict]]:
    """Every recorded stream of ``dirs`` (sorted), with the path its per-week notes sit beside."""
    return [(p, json.loads(p.read_text())) for d in dirs for p in sorted(Path(d).glob("*.json"))]


def notes_of(path: Path, week_index: int) -> dict | None:
    """The notes the pocket search read for one judged week (``record --vectors``), or ``None``."""
    npz = path.with_suffix("") / f"w{week_index:02d}.npz"
    if not npz.exists():
        return None
    z = np.load(npz)
    return {k: z[k] for k in z.files} | {"vectors": z["vectors"].astype(np.float32)}


def history_of(h: dict, mask: np.ndarray, notes: dict) -> dict:
    """``h`` recounted over the notes in ``mask``: counts, exposure, agents and true labels per week."""
    wi, agents, labels = notes["week_index"], notes["agents"], notes["labels"]
    n = len(h["counts"])
    week_total = [t + c for t, c in zip(h["totals"], h["counts"], strict=True)]
    counts = [int((mask & (wi == k)).sum()) for k in range(n)]
    return {
        **h,
        "counts": counts,
        "totals": [max(0, t - c) for t, c in zip(week_total, counts, strict=True)],
        "agents": [
            [[a, m] for a, m in Counter(x for x in agents[mask & (wi == k)].tolist() if x).items()] for k in range(n)
        ],
        "labels": [dict(Counter(labels[mask & (wi == k)].tolist()).most_common(4)) for k in range(n)],
    }


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v, axis=-1, keepdims=True) + 1e-12)


def nearest(notes: dict, centroid_rows: Callable[[int], np.ndarray] | None = None) -> np.ndarray:
    """Each placed note's nearest topic centroid (unclear notes stay -1); centroids from ``centroid_rows(t)``."""
    tid, vec = notes["topic_ids"], notes["vectors"]
    ids = np.unique(tid[tid >= 0])
    rows = [centroid_rows(int(t)) if centroid_rows else tid == t for t in ids]
    cents = np.stack([_unit(vec[r].mean(0)) if r.any() else np.zeros(vec.shape[1], np.float32) for r in rows])
    return np.where(tid >= 0, ids[np.argmax(vec @ cents.T, axis=1)], -1)


def without_window(notes: dict, topic: int, weeks: int, min_notes: int = 3) -> np.ndarray | None:
    """Nearest centroid, the flagged topic's drawn from its notes outside the window (``None``: too few there)."""
    wi, tid = notes["week_index"], notes["topic_ids"]
    outside = (tid == topic) & (wi < wi.max() + 1 - weeks)
    if outside.sum() < min_notes:
        return None
    return nearest(notes, lambda t: outside if t == topic else tid == t)


class Judge:
    """The topic detector as ``trends`` runs it, and its best window's chance with the low-base gate set aside."""

    def __init__(self) -> None:
        self.settings = load_settings()
        self.detector = PoissonGammaDetector(self.settings, overdispersion=self.settings.fading_overdispersion)

    def emerging(self, h: dict):
        """The emerging detection of ``h``, or ``None``."""
        return next((d for d in self.detector.detect(_history(h)) if d.kind == "emerging"), None)

    def best_p(self, h: dict) -> float:
        """Smallest window-corrected chance of a rise over 1 … ``emerging_window_weeks`` weeks (any baseline)."""
        history, tries, best = _history(h), max(1, self.settings.emerging_window_weeks), 1.0
        for weeks in range(1, tries + 1):
            w = self.detector._window(history, weeks)
            if w is None:
                break
            if self.detector._ongoing(history, w):
                best = min(best, w.p_up * tries)
        return best


def shares(notes: dict, member: np.ndarray, topic: int, need: str, weeks: int, baseline: int) -> tuple[float, float]:
    """The topic's share of the need's notes in the baseline weeks and in the window."""
    wi, own = notes["week_index"], notes["labels"] == need
    last = int(wi.max())
    base = own & (wi > last - weeks - baseline) & (wi <= last - weeks)
    window = own & (wi > last - weeks)
    return float((member[base] == topic).mean()) if base.any() else 0.0, float((member[window] == topic).mean())


def decompose(recs: list[tuple[Path, dict]], judge: Judge) -> list[dict]:
    """One row per false rising topic flag: the need's own counts and chance, the topic's share under three rules."""
    rows = []
    for path, rec in recs:
        for w, need, _, topic, _, h in replay(rec, judge.detector, False)["false_topic"]:
            notes = notes_of(path, w)
            d = judge.emerging(h)
            if notes is None or d is None:
                continue
            own = history_of(h, notes["labels"] == need, notes)
            rules = {
                "run": notes["topic_ids"],
                "nearest": nearest(notes),
                "no_window": without_window(notes, topic, d.window_weeks),
            }
            share = {
                k: shares(notes, m, topic, need, d.window_weeks, judge.settings.baseline_weeks)
                for k, m in rules.items() if m is not None
            }  # fmt: skip
            rows.append({
                "stream": rec["stream"], "week": w + 1, "need": need, "role": rec["plans"].get(need, ["background"])[0],
                "topic_counts": h["counts"], "p": d.p_value, "window": d.window_weeks,
                "own_counts": own["counts"], "own_p": judge.best_p(own), "shares": share,
            })  # fmt: skip
    return rows


def verdict(row: dict, level: float, drift: float = 1.5) -> str:
    """'swing' (the need's own counts rise as much), 'membership', 'both', or 'part' (only the topic's part swung)."""
    base, window = row["shares"]["run"]
    moved = window >= drift * max(base, 1e-9) and window - base >= 0.1
    swing = row["own_p"] <= level
    return "both" if swing and moved else "swing" if swing else "membership" if moved else "part"


def calibrate(recs: list[tuple[Path, dict]], judge: Judge) -> dict[str, tuple[int, int]]:
    """(flags, judged weeks from a low base) for topics' false rises, whole background needs, fixed pieces of them."""
    out: dict[str, list[int]] = {k: [0, 0] for k in ("topics", "needs", "halves", "quarters")}
    cap = judge.settings.emerging_max_baseline

    def low_base(h: dict) -> bool:
        w = judge.detector._window(_history(h), 1)
        return w is not None and w.base.mean <= cap

    for path, rec in recs:
        background = {lbl for lbl, (role, _) in rec["plans"].items() if role == "background"}
        out["topics"][0] += len(replay(rec, judge.detector, False)["false_topic"])
        for wk in rec["weeks"]:
            out["topics"][1] += sum(low_base(h) for h in wk["histories"])
            notes = notes_of(path, wk["index"])
            if notes is None or not wk["histories"]:
                continue
            share = (notes["note_ids"].astype(np.int64) * 2654435761 % 1000) / 1000.0  # fixed per note, week-blind
            for need in background & set(notes["labels"].tolist()):
                own = notes["labels"] == need
                for key, q in (("needs", 1.0), ("halves", 0.5), ("quarters", 0.25)):
                    for part in range(round(1 / q)):
                        h = history_of(wk["histories"][0], own & (share >= part * q) & (share < (part + 1) * q), notes)
                        if low_base(h):
                            out[key][1] += 1
                            out[key][0] += judge.emerging(h) is not None
    return {k: (v[0], v[1]) for k, v in out.items()}


def _previous_run(notes: dict, previous: dict, topic: int, rule: str) -> np.ndarray | None:
    """Membership under the run fitted before this week: its placements of past weeks, this week on its centroids."""
    if topic not in set(previous["topic_ids"].tolist()):
        return None  # born at this refit: nothing drew it before
    ids = np.unique(previous["topic_ids"][previous["topic_ids"] >= 0])
    cents = np.stack([_unit(previous["vectors"][previous["topic_ids"] == t].mean(0)) for t in ids])
    placed = np.where(notes["topic_ids"] >= 0, ids[np.argmax(notes["vectors"] @ cents.T, axis=1)], -1)
    if rule == "centroids":
        return placed
    before = dict(zip(previous["note_ids"].tolist(), previous["topic_ids"].tolist(), strict=True))
    last = int(notes["week_index"].max())
    return np.array([
        c if k == last else before.get(int(i), -1)
        for i, k, c in zip(notes["note_ids"].tolist(), notes["week_index"].tolist(), placed.tolist(), strict=True)
    ])  # fmt: skip


def guarded(recs: list[tuple[Path, dict]], judge: Judge, guard: str) -> list[tuple[str, dict]]:
    """Replay with a membership check on every emerging topic flag; a flag that fails it is dropped."""
    rows = []
    for path, rec in recs:
        rec = copy.deepcopy(rec)
        for wk in rec["weeks"]:
            notes = previous = None
            for i, h in enumerate(wk["histories"]):
                d = judge.emerging(h)
                if d is None:
                    continue
                notes = notes or notes_of(path, wk["index"])
                if notes is None:
                    break
                topic, member = h["topic_id"], None
                if guard == "nearest":
                    member = nearest(notes)
                elif guard == "no-window":
                    member = without_window(notes, topic, d.window_weeks)
                elif guard == "no-window-established":  # only a topic mostly older than its window
                    inside = sum(h["counts"][-d.window_weeks :])
                    if sum(h["counts"][: -d.window_weeks]) >= inside:
                        member = without_window(notes, topic, d.window_weeks)
                elif guard.startswith("previous"):
                    previous = previous or notes_of(path, wk["index"] - 1)
                    if previous is not None:
                        member = _previous_run(notes, previous, topic, "placed")
                if member is None:
                    continue
                again = history_of(h, member == topic, notes)
                if guard == "previous-low-base":
                    w = judge.detector._window(_history(again), d.window_weeks)
                    keep = w is None or w.base.mean <= judge.settings.emerging_max_baseline
                else:
                    keep = judge.emerging(again) is not None
                if not keep:
                    wk["histories"][i] = {**h, "counts": [0] * len(h["counts"])}  # no flag this week
        rows.append((rec["stream"], replay(rec, judge.detector, False)))
    return rows


def _summary(rows: list[tuple[str, dict]]) -> str:
    worst = min(rows, key=lambda r: (r[1]["label"], r[1]["flag"]))
    mean = {k: statistics.mean(r[k] for _, r in rows) for k in ("recall", "label", "flag")}
    low = {k: min(r[k] for _, r in rows) for k in ("recall", "label", "flag")}
    false = sum(len(r["false_topic"]) for _, r in rows)
    return (
        f"recall {mean['recall']:.2f} [{low['recall']:.2f}], label {mean['label']:.2f} [{low['label']:.2f} "
        f"{worst[0]}], flag {mean['flag']:.2f} [{low['flag']:.2f}], false topic rises {false}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dirs", nargs="+", required=True, help="recordings (topic_diagnose.py record --vectors)")
    parser.add_argument("--steps", nargs="+", default=["decompose", "calibrate", "guards"])
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    judge = Judge()
    level = judge.settings.trend_max_p
    if "decompose" in args.steps:
        for d in args.dirs:
            print(f"{Path(d).name}: false rising topic flags (need's own counts: all of its notes)")
            for r in decompose(recordings([d]), judge):
                s = "  ".join(f"{k} {b:.2f}→{w:.2f}" for k, (b, w) in r["shares"].items())
                print(
                    f"  {r['stream']:<12} wk {r['week']:<2} {r['need']:<28} [{verdict(r, level)}] topic "
                    f"{r['topic_counts']} p {r['p']:.1e} ({r['window']} wk) | need {r['own_counts']} p "
                    f"{r['own_p']:.1e} | share base→window: {s}"
                )
    if "calibrate" in args.steps:
        print("false rises per 1,000 weeks judged from a low base (fixed membership = the truth, no refit)")
        for d in args.dirs:
            c = calibrate(recordings([d]), judge)
            cells = "; ".join(f"{k} {n}/{m} = {1000 * n / max(m, 1):.1f}" for k, (n, m) in c.items())
            print(f"  {Path(d).name}: {cells}")
    if "guards" in args.steps:
        for guard in ("none", "nearest", "no-window", "no-window-established", "previous-run", "previous-low-base"):
            print(f"guard {guard}")
            for d in args.dirs:
                recs = recordings([d])
                rows = (
                    [(rec["stream"], replay(rec, judge.detector, False)) for _, rec in recs]
                    if guard == "none"
                    else guarded(recs, judge, guard)
                )
                print(f"  {Path(d).name}: {_summary(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
