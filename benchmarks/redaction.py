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

from tests.redaction_attack import ATTACK_CLEAN_NOTES, ATTACK_PII_NOTES, leaked
from tests.redaction_golden import CLEAN_NOTES, PII_NOTES
from tests.redaction_golden_hard import HARD_CLEAN_NOTES, HARD_PII_NOTES
from tests.redaction_golden_heldout import (
    HELDOUT2_CLEAN_NOTES,
    HELDOUT2_PII_NOTES,
    HELDOUT_CLEAN_NOTES,
    HELDOUT_PII_NOTES,
)

TUNED = ("first set", "hard set", "held out", "held out 2")
ATTACK = ("attack: generated", "attack: real text")

STRUCTURED = ("EMAIL", "PHONE", "CARD", "IBAN", "SSN/NI", "IP")
TARGETS = {**dict.fromkeys(STRUCTURED, 0.99), "PERSON": 0.95}
GROUP = {"SSN": "SSN/NI", "NATIONAL_ID": "SSN/NI"}
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")


def _family_rows(name: str, pii, clean) -> list[tuple]:
    return [(name, note, True) for note in pii] + [(name, note, False) for note in clean]


def _score(rows, outputs, families) -> dict:
    """Per-type planted/removed/typed counts, clean notes changed, survivors lost, for ``families``."""
    from ingest.normalise import normalise

    s = {"planted": defaultdict(int), "removed": defaultdict(int), "typed": defaultdict(int),
         "by_family": defaultdict(lambda: [0, 0]), "clean": defaultdict(lambda: [0, 0, 0]), "survivors": 0,
         "lost": [], "misses": []}  # fmt: skip
    for (family, note, has_pii), out in zip(rows, outputs, strict=True):
        if family not in families:
            continue
        for keep in note.keep:
            s["survivors"] += 1
            if normalise(keep) not in out:
                s["lost"].append(f"{keep!r} in {note.text!r} -> {out!r}")
        if not has_pii:
            s["clean"][family][0] += 1
            if _PLACEHOLDER.search(out):
                s["clean"][family][1] += 1
                s["misses"].append(f"CLEAN changed: {note.text!r} -> {out!r}")
            elif out != note.text:
                s["clean"][family][2] += 1
            continue
        for kind, value in note.pii:
            group = GROUP.get(kind, kind)
            s["planted"][group] += 1
            s["by_family"][(family, group)][0] += 1
            if not leaked(kind, value, out):
                s["removed"][group] += 1
                s["by_family"][(family, group)][1] += 1
                s["typed"][group] += f"<{kind}>" in out
            else:
                s["misses"].append(f"{family}: {group} missed {value!r}: {out!r}")
    return s


def _print_table(title: str, s: dict, families: tuple[str, ...]) -> None:
    planted, removed, typed = s["planted"], s["removed"], s["typed"]
    print(title)
    print(f"  {'type':<8} {'planted':>7} {'recall':>7} {'typed':>7} {'target':>7}   " + " / ".join(families))
    for group in sorted(planted, key=lambda g: (removed[g] / planted[g], g)):
        recall = removed[group] / planted[group]
        target = TARGETS.get(group)
        mark = "" if target is None else ("  ok" if recall >= target else "  MISSED")
        fam = " / ".join(f"{s['by_family'][(f, group)][1]}/{s['by_family'][(f, group)][0]}" for f in families)
        print(
            f"  {group:<8} {planted[group]:>7} {recall:>7.3f} {typed[group] / planted[group]:>7.3f} "
            f"{'' if target is None else f'{target:.2f}':>7}{mark}   {fam}"
        )
    total_planted, total_removed = sum(planted.values()), sum(removed.values())
    print(f"  {'all':<8} {total_planted:>7} {total_removed / max(total_planted, 1):>7.3f}")
    total = sum(v[0] for v in s["clean"].values())
    changed = sum(v[1] for v in s["clean"].values())
    share = changed / max(total, 1)
    print(
        f"  clean notes changed: {changed}/{total} = {share:.1%} (target ≤ 1 %)"
        f"{'  ok' if share <= 0.01 else '  MISSED'};"
        f" normalisation only: {sum(v[2] for v in s['clean'].values())}; "
        + " / ".join(f"{f} {s['clean'][f][1]}/{s['clean'][f][0]}" for f in families if s["clean"][f][0])
    )
    print(f"  must-survive substrings lost: {len(s['lost'])}/{s['survivors']}{'  ok' if not s['lost'] else '  MISSED'}")
    print()


def run(use_ner: bool, show_misses: bool) -> None:
    """Print the report: the attack family (held out, never tuned on) first, then the tuned golden sets."""
    from benchmarks._redaction_real import real_carriers
    from ingest.redaction import PresidioRedactor

    started = time.perf_counter()
    redactor = PresidioRedactor(use_ner=use_ner)
    load_s = time.perf_counter() - started
    real_pii, real_clean = real_carriers()
    rows = _family_rows("attack: generated", ATTACK_PII_NOTES, ATTACK_CLEAN_NOTES)
    rows += _family_rows("attack: real text", real_pii, real_clean)
    rows += _family_rows("first set", PII_NOTES, CLEAN_NOTES)
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

    print(f"redaction benchmark — {'NER + cue recognizers' if use_ner else 'cue recognizers only (no NER)'}")
    n_pii = sum(1 for r in rows if r[2])
    print(
        f"  notes: {n_pii} with identifiers, {len(rows) - n_pii} clean, {len(rows)} in all; model load {load_s:.1f} s"
    )
    print("  a name counts as removed only when none of its words is left; another identifier when no 6 of its")
    print("  letters/digits in a row are left")
    print()
    attack = _score(rows, outputs, ATTACK)
    tuned = _score(rows, outputs, TUNED)
    _print_table("HELD OUT — attack family (generated + real customer text; never tuned on)", attack, ATTACK)
    _print_table("TUNED — golden sets the recognizers were written against", tuned, TUNED)
    single.sort()
    p95 = single[int(len(single) * 0.95)]
    lengths = sorted(len(t) for t in texts)
    print(
        f"  cost per note (median {statistics.median(lengths):.0f} chars), one at a time: median "
        f"{statistics.median(single):.1f} ms, p95 {p95:.1f} ms; batched (64): {batched_s / len(texts) * 1000:.1f} "
        f"ms/note = {len(texts) / batched_s:.0f} notes/s"
    )
    if show_misses:
        print()
        for line in attack["misses"] + tuned["misses"] + [f"LOST {x}" for x in attack["lost"] + tuned["lost"]]:
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
