"""Would splitting a topic in two or three tell a rising need from its flat near-twin? (A report, #8.)

The emerging benchmark's hard case is a riser whose notes sit in its flat twin's topic. This asks, offline
and with the planted truth, whether a *local* split of such a topic would show the rise earlier than the
topic's own count: for every riser planted beside a twin (``benchmarks/stream.py``), at onset and the week
after, it takes an ideal topic holding the riser, its twin and the twin's ``--neighbours`` nearest intents
(the best a topic model could draw around them), splits its notes of the window and the four weeks before by
2- and 3-means, and tests each part's share of the window against the window's share of all notes (binomial,
volume-adjusted, Bonferroni over the parts). Beside it: the same test on the whole topic, on an ideal
topic holding exactly the riser (perfect separation), and a *shift* test that needs no split — a classifier
two-sample test inside the topic (logistic regression, window against the four weeks before, 5-fold held-out
scores, one-sided Mann–Whitney of the window's scores over the baseline's): does the topic's mix of meanings
change, even when its count does not? The same is done for background needs with their
neighbours (nothing planted) to read the false rate. Seconds, no CLI, no refit:

    .venv/bin/python benchmarks/twin_split.py --seeds 1 2 3 4
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from scipy.stats import binom, mannwhitneyu
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from benchmarks.stream import SOURCES, generate_stream, load_pool, note_vector

BASELINE_WEEKS = 4


@dataclass(frozen=True)
class Case:
    """One need in one judged week: the chance of its rise read three ways."""

    stream: str
    need: str
    planted: bool  # a riser beside its twin (True) or a background need (False)
    weeks_after_onset: int
    own_notes: int
    p_topic: float
    p_split: float
    p_ideal: float
    p_shift: float


def _week_index(stream, note) -> int:
    return next(i for i, w in enumerate(stream.weeks) if w.start <= note.created_at < w.end)


def _tail(hits: int, n: int, share: float) -> float:
    return float(binom.sf(hits - 1, n, share)) if hits else 1.0


def _shift(x: np.ndarray, window: np.ndarray) -> float:
    """One-sided chance that the window's notes are told from the baseline's no better than by luck."""
    y = window.astype(int)
    if y.sum() < 5 or (1 - y).sum() < 5:
        return 1.0
    held_out = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
        model = LogisticRegression(C=1.0, max_iter=300).fit(x[train], y[train])
        held_out[test] = model.decision_function(x[test])
    return float(mannwhitneyu(held_out[y == 1], held_out[y == 0], alternative="greater").pvalue)


def cases_for(source: str, seeds: list[int], neighbours: int) -> list[Case]:
    """Every planted riser beside a twin (at onset and the week after) and six background needs a stream."""
    pool = load_pool(source)
    rows = pool.by_label()
    names = sorted(rows)
    cent = np.vstack([pool.vectors[rows[n]].mean(axis=0) for n in names])
    cent /= np.linalg.norm(cent, axis=1, keepdims=True)
    sims = cent @ cent.T
    out: list[Case] = []
    for seed in seeds:
        stream = generate_stream(pool, seed)
        weeks = np.array([_week_index(stream, n) for n in stream.notes])
        labels = np.array([n.label for n in stream.notes])
        vectors = np.vstack([note_vector(pool, n) for n in stream.notes])
        rising = stream.rising()
        twin_of = {p.twin_of: p.label for p in stream.plans if p.role == "twin"}
        todo: list[tuple[str, int, list[str], bool]] = []
        for riser, onset in rising.items():
            if riser in twin_of:
                twin = twin_of[riser]
                near = [names[j] for j in np.argsort(-sims[names.index(twin)]) if names[j] not in (twin, riser)]
                todo.append((riser, onset, [riser, twin, *near[:neighbours]], True))
        rng = np.random.default_rng(seed)
        background = [p.label for p in stream.plans if p.role == "background"]
        for need in rng.choice(background, size=6, replace=False):
            order = np.argsort(-sims[names.index(need)])
            near = [names[j] for j in order if names[j] != need and names[j] not in rising]
            todo.append((str(need), int(rng.integers(6, 11)), [str(need), *near[: neighbours + 1]], False))
        for need, onset, members, planted in todo:
            for week in (onset, onset + 1):
                if week >= len(stream.weeks):
                    continue
                window = weeks == week
                base = (weeks >= week - BASELINE_WEEKS) & (weeks < week)
                share = window.sum() / (window.sum() + base.sum())
                keep = np.isin(labels, members) & (window | base)
                x, lab, win = vectors[keep], labels[keep], window[keep]
                p_split = 1.0
                for k in (2, 3):  # five parts tried in all: Bonferroni over five
                    parts = KMeans(k, n_init=10, random_state=0).fit_predict(x - x.mean(axis=0))
                    for part in range(k):
                        inside = parts == part
                        p_split = min(p_split, _tail(int(win[inside].sum()), int(inside.sum()), share) * 5)
                own_window, own_base = int((lab[win] == need).sum()), int((lab[~win] == need).sum())
                out.append(
                    Case(
                        stream.name,
                        need,
                        planted,
                        week - onset,
                        own_window,
                        _tail(int(win.sum()), len(win), share),
                        p_split,
                        _tail(own_window, own_window + own_base, share),
                        _shift(x, win),
                    )
                )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", nargs="+", choices=SOURCES, default=list(SOURCES))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--neighbours", type=int, default=2, help="the twin's nearest intents also in the topic")
    args = parser.parse_args()
    cases = [c for source in args.sources for c in cases_for(source, args.seeds, args.neighbours)]
    risers = sorted({(c.stream, c.need) for c in cases if c.planted})
    nulls = [c for c in cases if not c.planted]
    print(f"{len(risers)} risers beside a twin, {len(nulls)} background need-weeks; found within a week of onset:")
    hows = ("p_topic", "p_split", "p_ideal", "p_shift")
    print(
        f"  {'level':>7}  {'whole topic':>12}  {'2-3 parts':>10}  {'riser alone':>11}  {'shift':>9}"
        "  false (topic / parts / alone / shift)"
    )
    for level in (1e-3, 1e-4):
        found = {
            how: sum(
                any(getattr(c, how) <= level for c in cases if c.planted and (c.stream, c.need) == r) for r in risers
            )
            for how in hows
        }
        false = " / ".join(str(sum(getattr(c, how) <= level for c in nulls)) for how in hows)
        print(
            f"  {level:>7.0e}  {found['p_topic']:>5} of {len(risers):<3}  {found['p_split']:>3} of {len(risers):<3}"
            f"  {found['p_ideal']:>4} of {len(risers):<3}  {found['p_shift']:>2} of {len(risers):<3}"
            f"  {false} of {len(nulls)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
