"""Redaction on real customer messages nobody planted anything in: how many change, to what, and how many
lose every word.

Banking77, the CLINC150 half, HWU64 and Bitext (``../shared/datasets``) are people's own requests to a bank,
an assistant or a shop. Nothing was planted in them, but many name real or made-up people ("text kim saying
no", "call me bobby", "my invoice from Anna Freeman"), so a changed message is not a mistake by itself; the
report prints a sample of each set so a person can read which are. What is a mistake on sight is a message
left with no word of its own ("spell aaron" → "<PERSON>", "sunny in oslo" → "<PERSON>"): those are listed in
full.

    .venv/bin/python benchmarks/redaction_messages.py [--sample 15] [--sets banking77 clinc150 hwu64 bitext]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._data import banking77_frame, bitext_frame, clinc150_frame, hwu64_frame

SETS = {"banking77": banking77_frame, "clinc150": clinc150_frame, "hwu64": hwu64_frame, "bitext": bitext_frame}
PLACEHOLDER = re.compile(r"<([A-Z_]+)>")
ONLY_PLACEHOLDERS = re.compile(r"\W*(?:<[A-Z_]+>\W*)+")


def redact_all(redactor, texts: list[str], batch: int = 256) -> list[str]:
    """Every text redacted, in batches (as an import does)."""
    out: list[str] = []
    for start in range(0, len(texts), batch):
        out += [str(r.text) for r in redactor.redact_many(texts[start : start + batch])]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--sample", type=int, default=15, help="changed messages printed per set (random, seed 1)")
    args = parser.parse_args(argv)

    from ingest.redaction import default_redactor

    redactor = default_redactor()
    print("set         messages  changed          emptied  placeholders")
    details: list[str] = []
    for name in args.sets:
        texts = list(dict.fromkeys(SETS[name]()["text"].astype(str)))
        began = time.perf_counter()
        redacted = redact_all(redactor, texts)
        seconds = time.perf_counter() - began
        changed = [(t, r) for t, r in zip(texts, redacted, strict=True) if PLACEHOLDER.search(r) and r != t]
        emptied = [(t, r) for t, r in changed if ONLY_PLACEHOLDERS.fullmatch(r)]
        kinds = Counter(k for _, r in changed for k in PLACEHOLDER.findall(r))
        share = len(changed) / len(texts)
        print(
            f"{name:<11} {len(texts):>8}  {len(changed):>5} ({share:6.2%})  {len(emptied):>7}  "
            + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
            + f"   ({seconds:.0f} s)"
        )
        details.append(f"\n{name}: every message left with no word of its own ({len(emptied)})")
        details += [f"  {t!r} → {r!r}" for t, r in emptied]
        sample = random.Random(1).sample(changed, min(args.sample, len(changed)))
        details.append(f"{name}: {len(sample)} changed messages at random (seed 1)")
        details += [f"  {t!r} → {r!r}" for t, r in sample]
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
