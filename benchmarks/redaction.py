"""Redaction benchmark: recall per identifier type, clean notes changed, survivors lost, cost per note with NER.

    nice -n 10 .venv/bin/python -m benchmarks.redaction [--no-ner] [--show-misses]

Two families of golden notes (``tests/redaction_golden.py``, the first set, and ``tests/redaction_golden_hard.py``,
written as an attacker for issue #9), each note with its planted identifiers and the substrings that must survive.
Recall counts a planted value as removed when it no longer appears in the output (typed recall also needs the right
placeholder). A clean note counts as changed when a placeholder appears in it; normalisation alone (NFKC, invisible
characters) is counted separately. Cost: one note at a time (median, p95) and in batches of 64 (``redact_many``,
what imports use). Worst type first, then the rest.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.redaction_golden import CLEAN_NOTES, PII_NOTES, GoldenNote
from tests.redaction_golden_hard import HARD_CLEAN_NOTES, HARD_PII_NOTES
from tests.redaction_golden_heldout import (
    HELDOUT2_CLEAN_NOTES,
    HELDOUT2_PII_NOTES,
    HELDOUT_CLEAN_NOTES,
    HELDOUT_PII_NOTES,
)

FAMILIES = ("first set", "hard set", "held out", "held out 2")

STRUCTURED = ("EMAIL", "PHONE", "CARD", "IBAN", "SSN/NI", "IP")
TARGETS = {**dict.fromkeys(STRUCTURED, 0.99), "PERSON": 0.95}
GROUP = {"SSN": "SSN/NI", "NATIONAL_ID": "SSN/NI"}
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")


def _family_rows(name: str, pii: tuple[GoldenNote, ...], clean: tuple[GoldenNote, ...]) -> list[tuple]:
    return [(name, note, True) for note in pii] + [(name, note, False) for note in clean]


def run(use_ner: bool, show_misses: bool) -> None:
    """Print the report."""
    from ingest.normalise import normalise
    from ingest.redaction import PresidioRedactor

    started = time.perf_counter()
    redactor = PresidioRedactor(use_ner=use_ner)
    load_s = time.perf_counter() - started
    rows = _family_rows("first set", PII_NOTES, CLEAN_NOTES)
    rows += _family_rows("hard set", HARD_PII_NOTES, HARD_CLEAN_NOTES)
    rows += _family_rows("held out", HELDOUT_PII_NOTES, HELDOUT_CLEAN_NOTES)
    rows += _family_rows("held out 2", HELDOUT2_PII_NOTES, HELDOUT2_CLEAN_NOTES)
    texts = [note.text for _, note, _ in rows]
    batched_started = time.perf_counter()
    outputs = [r.text for first in range(0, len(texts), 64) for r in redactor.redact_many(texts[first : first + 64])]
    batched_s = time.perf_counter() - batched_started
    single = []
    for text in texts:
        t = time.perf_counter()
        redactor.redact(text)
        single.append((time.perf_counter() - t) * 1000)

    planted: dict[str, int] = defaultdict(int)
    removed: dict[str, int] = defaultdict(int)
    typed: dict[str, int] = defaultdict(int)
    by_family: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    clean_changed, clean_normalised, clean_total = 0, 0, 0
    family_clean: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    survivors, lost = 0, []
    for (family, note, has_pii), out in zip(rows, outputs, strict=True):
        for keep in note.keep:
            survivors += 1
            if normalise(keep) not in out:
                lost.append(f"{keep!r} in {note.text!r} -> {out!r}")
        if not has_pii:
            clean_total += 1
            family_clean[family][0] += 1
            if _PLACEHOLDER.search(out):
                clean_changed += 1
                family_clean[family][1] += 1
                misses.append(f"CLEAN changed: {note.text!r} -> {out!r}")
            elif out != note.text:
                clean_normalised += 1
            continue
        for kind, value in note.pii:
            group = GROUP.get(kind, kind)
            planted[group] += 1
            by_family[(family, group)][0] += 1
            gone = normalise(value) not in out and value not in out
            if gone:
                removed[group] += 1
                by_family[(family, group)][1] += 1
                typed[group] += f"<{kind}>" in out
            else:
                misses.append(f"{group} missed {value!r}: {out!r}")

    print(f"redaction benchmark — {'NER + cue recognizers' if use_ner else 'cue recognizers only (no NER)'}")
    print(f"  notes: {sum(1 for r in rows if r[2])} with identifiers, {clean_total} clean, {len(rows)} in all")
    print(f"  model load {load_s:.1f} s")
    print()
    print(f"  {'type':<8} {'planted':>7} {'recall':>7} {'typed':>7} {'target':>7}   " + " / ".join(FAMILIES))
    order = sorted(planted, key=lambda g: (removed[g] / planted[g], g))
    for group in order:
        recall = removed[group] / planted[group]
        target = TARGETS.get(group)
        mark = "" if target is None else ("  ok" if recall >= target else "  MISSED")
        fam = " / ".join(f"{by_family[(f, group)][1]}/{by_family[(f, group)][0]}" for f in FAMILIES)
        print(
            f"  {group:<8} {planted[group]:>7} {recall:>7.3f} {typed[group] / planted[group]:>7.3f} "
            f"{'' if target is None else f'{target:.2f}':>7}{mark}   {fam}"
        )
    total_planted, total_removed = sum(planted.values()), sum(removed.values())
    print(f"  {'all':<8} {total_planted:>7} {total_removed / total_planted:>7.3f}")
    print()
    share = clean_changed / clean_total
    print(
        f"  clean notes changed: {clean_changed}/{clean_total} = {share:.1%} (target ≤ 1 %)"
        f"{'  ok' if share <= 0.01 else '  MISSED'}; normalisation only: {clean_normalised}; "
        + " / ".join(f"{f} {family_clean[f][1]}/{family_clean[f][0]}" for f in FAMILIES)
    )
    for family in FAMILIES:
        got = sum(by_family[(f, g)][1] for f, g in by_family if f == family)
        all_ = sum(by_family[(f, g)][0] for f, g in by_family if f == family)
        print(f"  {family}: {got}/{all_} identifiers removed = {got / all_:.3f}")
    print(f"  must-survive substrings lost: {len(lost)}/{survivors}{'  ok' if not lost else '  MISSED'}")
    single.sort()
    p95 = single[int(len(single) * 0.95)]
    print(
        f"  cost per note, one at a time: median {statistics.median(single):.1f} ms, p95 {p95:.1f} ms; "
        f"batched (64): {batched_s / len(texts) * 1000:.1f} ms/note = {len(texts) / batched_s:.0f} notes/s"
    )
    if show_misses:
        print()
        for line in misses + [f"LOST {x}" for x in lost]:
            print("  " + line)


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-ner", action="store_true", help="cue recognizers only (the baseline)")
    parser.add_argument("--show-misses", action="store_true", help="list every miss, false positive and lost survivor")
    args = parser.parse_args()
    run(use_ner=not args.no_ner, show_misses=args.show_misses)


if __name__ == "__main__":
    main()
