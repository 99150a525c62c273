"""Can the words find a riser the embedding blurs? Phrase bursts against the planted truth, offline.

A feasibility report beside ``benchmarks/pocket_diagnose.py`` and ``benchmarks/knn_purity.py`` (#8): no CLI,
no refit, no topics. For every stream of the emerging family (``benchmarks/stream.py``) and every judged week,
it reads the notes of the weeks a ``trends`` run reads (a window of the last 1–3 weeks and the four baseline
weeks before it) and tests every word n-gram for a burst:

* a note's terms: lower-case words of two or more letters, crudely stemmed (the topic labeller's stem, so
  "cards"/"card" are one), stop words and agent-note filler left out (the topic labeller's list), then the
  1–3-grams of what is left (``--keep-stop``: stop words stay in the sequence and an n-gram needs one content
  word, so "what is my credit limit" keeps "what ... limit"-side grams); a note counts a term once;
* the test, volume-adjusted and exact: of the notes holding a term in the window and its baseline, how many
  are in the window, against the binomial with the window's share of all the notes — a busy week, a
  holiday or a general rise moves every term alike and flags none;
* the guards a topic's rise has: at least ``EARSHOT_EMERGING_MIN_COUNT`` notes and
  ``EARSHOT_EMERGING_MIN_AGENTS`` distinct agents, the test read on the capped count (no agent counting for
  more than the third most active one, so one agent repeating a phrase is not a burst), and a rise over two
  or three weeks must show in its last week (at least half the window's weekly mean);
* the correction: Bonferroni over the terms × windows that could reach the level at all (Tarone's trick for
  discrete tests: a term held by three notes in all can never reach 10⁻⁵, so it costs nothing), family-wise
  at ``alpha`` per judged week; for the trade, also fixed per-test levels without correction;
* terms that burst on mostly the same notes ("credit", "credit limit", "limit") are one burst: greedily, from
  the strongest, a term whose window notes are mostly (70 %) another's joins it.

A burst is *right* when its window notes' majority true label is a planted riser on or after its onset (the
benchmark's rule for flags), else *false*. Printed:

1. per stream, worst first: each riser's best burst test at its onset and the week after (the term, how
   many of its notes hold it, p) against the best test of that week whose notes are *not* a new riser (what
   chance and ordinary swings reach) and the corrected level — the separability of the words;
2. per operating point (corrected α, or a fixed level): risers found within ≤ 1 week of onset, false bursts
   per judged week, burst precision, and — with ``--with-pockets`` (the product's pocket step on the same
   stream, ``benchmarks/pocket_diagnose.py``) — the risers the words would *add* to what pockets find in time.

Run: ``OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/phrase_bursts.py --seeds 1 2 --with-pockets``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.stats import binom  # noqa: E402

from benchmarks.emerging import SIZES, WARMUP_WEEKS  # noqa: E402
from benchmarks.stream import SOURCES, Stream, TextPool, generate_stream, load_pool, note_text  # noqa: E402
from insight.settings import Settings, load_settings  # noqa: E402
from insight.topics.labels import STOP_WORDS, _stem  # noqa: E402

WORD = re.compile(r"[^\W\d_][^\W\d_]+")
OVERLAP = 0.7  # a term whose window notes are this share of another's is the same burst
# Operating points: ("corrected", family-wise alpha per judged week) or ("fixed", per-test level).
POINTS = (("corrected", 0.05), ("corrected", 0.5), ("fixed", 1e-4), ("fixed", 1e-3), ("fixed", 1e-2))


def terms_of(text: str, max_n: int = 3, keep_stop: bool = False, lemmas: list[str] | None = None) -> set[str]:
    """The note's distinct terms: stemmed (or, given ``lemmas`` per word, lemmatised) content-word 1…``max_n``-grams."""
    words = [w.lower() for w in WORD.findall(text)]
    roots = lemmas if lemmas is not None and len(lemmas) == len(words) else [_stem(w) for w in words]
    seq = [(r, w not in STOP_WORDS) for w, r in zip(words, roots, strict=True) if keep_stop or w not in STOP_WORDS]
    return {
        " ".join(w for w, _ in seq[i : i + n])
        for n in range(1, max_n + 1)
        for i in range(len(seq) - n + 1)
        if any(content for _, content in seq[i : i + n])
    }


def capped_count(agents: list[str]) -> int:
    """Notes counted with no agent above the third most active one (the product's one-agent guard)."""
    per = sorted(Counter(agents).values(), reverse=True)
    if len(per) < 3:
        return 0
    return sum(min(c, per[2]) for c in per)


@dataclass(frozen=True)
class TermTest:
    """One term's burst test in one window: its notes (row indices) in the window, capped count, chance."""

    term: str
    window: int
    rows: np.ndarray
    count: int
    baseline_mean: float
    agents: int
    p: float


@dataclass(frozen=True)
class WeekTests:
    """Every guarded term test of a judged week, and each test's smallest reachable p (for Tarone)."""

    tests: list[TermTest]
    min_ps: np.ndarray

    def level(self, kind: str, value: float) -> float:
        """The per-test level of an operating point: Tarone–Bonferroni at ``value``, or ``value`` itself."""
        if kind == "fixed":
            return value
        m = 1
        while (self.min_ps <= value / m).sum() > m:
            m += 1
        return value / m


def week_tests(
    matrix: sparse.csc_matrix, vocab: np.ndarray, weeks: np.ndarray, agents: np.ndarray, last: int, settings: Settings
) -> WeekTests:
    """The term tests of week ``last`` over windows of 1…``emerging_window_weeks``, guards applied."""
    tests: list[TermTest] = []
    min_ps: list[np.ndarray] = []
    base_w = settings.baseline_weeks
    for k in range(1, settings.emerging_window_weeks + 1):
        in_w = (weeks > last - k) & (weeks <= last)
        in_b = (weeks > last - k - base_w) & (weeks <= last - k)
        if not in_b.any():
            continue
        share = in_w.sum() / (in_w.sum() + in_b.sum())
        cw = np.asarray(matrix[in_w].sum(axis=0)).ravel()
        cb = np.asarray(matrix[in_b].sum(axis=0)).ravel()
        # The smallest p a term can reach is every one of its notes in the window; the capped count only
        # lowers that, so counting on the raw notes overstates the tests (conservative).
        min_ps.append(share ** (cw + cb))
        for j in np.flatnonzero(cw >= settings.emerging_min_count):
            col = matrix[:, j].toarray().ravel() > 0
            rows = np.flatnonzero(col & in_w)
            count = capped_count(list(agents[rows]))  # one agent repeating a phrase is not a burst
            n_agents = len(set(agents[rows]))
            if count < settings.emerging_min_count or n_agents < settings.emerging_min_agents:
                continue
            if k > 1 and (col & (weeks == last)).sum() * k < len(rows) / 2:  # must show in its last week too
                continue
            p = float(binom.sf(count - 1, count + cb[j], share))
            tests.append(TermTest(str(vocab[j]), k, rows, count, float(cb[j]) / base_w, n_agents, p))
    return WeekTests(sorted(tests, key=lambda t: t.p), np.concatenate(min_ps) if min_ps else np.zeros(0))


def bursts(week: WeekTests, level: float) -> list[TermTest]:
    """The week's bursts at ``level``: significant terms, those on mostly the same notes merged."""
    heads: list[tuple[TermTest, set[int]]] = []
    for t in week.tests:
        if t.p > level:
            break
        rows = set(t.rows.tolist())
        if not any(len(rows & h) >= OVERLAP * min(len(rows), len(h)) for _, h in heads):
            heads.append((t, rows))
    return [t for t, _ in heads]


def lemmas_of(texts: list[str]) -> list[list[str]]:
    """spaCy's lemmas (the packaged English pipeline, tagger + lemmatizer) of each text's words, in order."""
    from insight.nlp import english_pipeline

    nlp = english_pipeline(("tok2vec", "tagger", "attribute_ruler", "lemmatizer"))
    out = []
    for doc in nlp.pipe(texts, batch_size=256):
        out.append([t.lemma_.lower() for t in doc if WORD.fullmatch(t.text)])
    return out


def stream_matrix(stream: Stream, pool: TextPool, keep_stop: bool, max_n: int, lemmas: bool = False):
    """Note × term incidence (CSC) over the whole stream, the vocabulary and each note's week index."""
    texts = {n.pool_index: note_text(pool, n) for n in stream.notes}
    roots = dict(zip(texts, lemmas_of(list(texts.values())), strict=True)) if lemmas else {}
    cache = {i: terms_of(t, max_n, keep_stop, roots.get(i)) for i, t in texts.items()}
    matrix, vocab = incidence([cache[n.pool_index] for n in stream.notes])
    weeks = np.array([(n.created_at - stream.weeks[0].start).days // 7 for n in stream.notes])
    return matrix, vocab, weeks


def incidence(per_note: list[set[str]]) -> tuple[sparse.csc_matrix, np.ndarray]:
    """Note × term incidence (CSC) of each note's terms, and the vocabulary (column order)."""
    vocab = sorted(set().union(*per_note))
    where = {t: i for i, t in enumerate(vocab)}
    indptr, indices = [0], []
    for ts in per_note:
        indices += [where[t] for t in ts]
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.int32), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(per_note), len(vocab)),
    )
    return matrix.tocsc(), np.array(vocab)


def pocket_risers(stream: Stream, pool: TextPool, settings: Settings) -> set[str]:
    """Risers the product's pocket step flags in time on this stream (cached in /tmp: ~10 s a stream)."""
    from benchmarks.pocket_diagnose import diagnose

    path = Path("/tmp") / f"phrase-bursts-pockets-{stream.name.replace('/', '_')}.json"
    if not path.exists():
        outcome = diagnose(stream, pool, settings, verbose=False)["outcome"]
        path.write_text(json.dumps(sorted(lbl for lbl, o in outcome.items() if o == "flagged in time")))
    return set(json.loads(path.read_text()))


def evaluate(stream: Stream, pool: TextPool, settings: Settings, args: argparse.Namespace) -> dict:
    """Every judged week's term tests, scored against the truth at each operating point."""
    matrix, vocab, weeks = stream_matrix(stream, pool, args.keep_stop, args.max_n, args.lemmas)
    labels = np.array([n.label for n in stream.notes])
    agents = np.array([n.agent_id for n in stream.notes])
    rising = stream.rising()
    role = {p.label: p.role for p in stream.plans}

    def need_of(t: TermTest) -> str:
        return Counter(labels[t.rows]).most_common(1)[0][0]

    def right(t: TermTest, last: int) -> bool:
        need = need_of(t)
        return need in rising and last >= rising[need]

    judged = range(WARMUP_WEEKS, len(stream.weeks))
    weekly = {last: week_tests(matrix, vocab, weeks, agents, last, settings) for last in judged}
    # Separability: each riser's best test at onset / the week after against the best false test of that week.
    riser_lines, riser_best, chance_best = [], [], []
    for lbl, on in sorted(rising.items(), key=lambda kv: kv[1]):
        cells = []
        for last in (on, on + 1):
            if last not in weekly:
                continue
            wk = weekly[last]
            own = next((t for t in wk.tests if need_of(t) == lbl), None)
            false = next((t for t in wk.tests if not right(t, last)), None)
            chance_best.append(false.p if false else 1.0)
            riser_best.append((own.p if own else 1.0, wk.level("corrected", 0.05), false.p if false else 1.0))
            n_now = int(((weeks == last) & (labels == lbl)).sum())
            mine = (
                f"'{own.term}' w{own.window} {int((labels[own.rows] == lbl).sum())}/{n_now} of its notes "
                f"({len(own.rows)} in all, base {own.baseline_mean:.1f}/wk) p {own.p:.0e}"
                if own
                else f"no term in ≥{settings.emerging_min_count} notes mostly its own ({n_now} notes)"
            )
            cells.append(
                f"+{last - on}: {mine}; best false p {false.p if false else 1:.0e}, level "
                f"{wk.level('corrected', 0.05):.0e}"
            )
        twin = next((p.label for p in stream.plans if p.twin_of == lbl), None)
        riser_lines.append(f"  {lbl} (onset wk {on + 1}{', twin ' + twin if twin else ''})")
        riser_lines += [f"      {c}" for c in cells]
    pockets = pocket_risers(stream, pool, settings) if args.with_pockets else set()
    points = {}
    for kind, value in POINTS:
        found: set[str] = set()
        good = bad = 0
        false_lines = []
        for last, wk in weekly.items():
            for t in bursts(wk, wk.level(kind, value)):
                if right(t, last):
                    good += 1
                    if last - rising[need_of(t)] <= 1:
                        found.add(need_of(t))
                else:
                    bad += 1
                    false_lines.append(f"wk {last + 1} '{t.term}' = {need_of(t)} ({role.get(need_of(t), '?')})")
        points[kind, value] = {
            "recall": len(found) / len(rising),
            "false_per_week": bad / len(weekly),
            "precision": good / (good + bad) if good + bad else 1.0,
            "added": sorted(found - pockets),
            "union": len(found | pockets) / len(rising),
            "false": false_lines,
        }
    return {
        "risers": riser_lines,
        "riser_best": riser_best,
        "chance_best": chance_best,
        "pockets": len(pockets) / len(rising),
        "points": points,
    }


def _spread(values: list[float]) -> str:
    return f"{statistics.mean(values):.2f} [{min(values):.2f}–{max(values):.2f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", nargs="+", choices=SOURCES)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--max-n", type=int, default=3, help="longest n-gram")
    parser.add_argument("--keep-stop", action="store_true", help="n-grams over all words, one content word each")
    parser.add_argument("--lemmas", action="store_true", help="spaCy lemmas instead of the crude stem")
    parser.add_argument("--with-pockets", action="store_true", help="also run the pocket step: risers the words add")
    parser.add_argument("--quiet", action="store_true", help="operating points only")
    args = parser.parse_args()
    settings = load_settings(environ={})
    n_weeks, scale, sources, _ = SIZES["full"]
    results = {}
    for source in args.sources or sources:
        pool = load_pool(source)
        for seed in args.seeds:
            stream = generate_stream(pool, seed, n_weeks, scale)
            results[stream.name] = evaluate(stream, pool, settings, args)
    default = POINTS[0]
    order = sorted(results, key=lambda s: (results[s]["points"][default]["recall"], results[s]["pockets"]))
    if not args.quiet:
        print("Each riser's best burst test (onset, onset+1), against the week's best false test and the level:")
        for name in order:
            print(name)
            print("\n".join(results[name]["risers"]))
    tests = [b for r in results.values() for b in r["riser_best"]]
    beats_level = sum(p <= level for p, level, _ in tests)
    beats_chance = sum(p < false for p, _, false in tests)
    print(
        f"\nRiser-weeks (onset and onset+1): {len(tests)}; best term reaches the corrected level in {beats_level}, "
        f"beats the week's best false term in {beats_chance}. Median best p: risers "
        f"{statistics.median(p for p, _, _ in tests):.0e}, false terms "
        f"{statistics.median(b for r in results.values() for b in r['chance_best']):.0e}."
    )
    print("\nOperating points (risers found ≤ 1 week of onset; false bursts per judged week; burst precision):")
    for point in POINTS:
        name = f"{point[0]} {point[1]:g}"
        rows = {s: results[s]["points"][point] for s in order}
        print(
            f"  {name:<16} recall {_spread([r['recall'] for r in rows.values()])}  false/wk "
            f"{_spread([r['false_per_week'] for r in rows.values()])}  precision "
            f"{_spread([r['precision'] for r in rows.values()])}"
        )
        if args.with_pockets:
            print(
                f"  {'':<16} pockets alone {_spread([results[s]['pockets'] for s in order])} → with the words "
                f"{_spread([r['union'] for r in rows.values()])}; added: "
                + ", ".join(f"{s} {', '.join(r['added'])}" for s, r in rows.items() if r["added"])
            )
    print(f"\nPer stream at {default[0]} α {default[1]:g}, worst first:")
    for s in order:
        r = results[s]["points"][default]
        print(
            f"  {s:<14} recall {r['recall']:.2f}  false/wk {r['false_per_week']:.2f}  precision {r['precision']:.2f}"
            + (f"  pockets {results[s]['pockets']:.2f} → {r['union']:.2f}" if args.with_pockets else "")
            + (f"  false: {'; '.join(r['false'])}" if r["false"] else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
