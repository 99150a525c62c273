"""Peak memory and outcome of ``python -m ingest`` on the hostile and huge inputs of the bad-input corpus.

    nice -n 10 .venv/bin/python benchmarks/bad_inputs.py

Each file is generated (tests/bad_inputs.py), imported by a fresh ``python -m ingest`` started from a
small wrapper (so the child's peak RSS is its own), and reported: exit status, the first line on
stderr, peak resident memory. Worst peak first. The target is ≤ 300 MB for every case.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import bad_inputs as corpus  # noqa: E402

WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def run(path: Path, db: Path, **env_extra: str) -> tuple[int, str, float, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    env |= {"EARSHOT_EMBEDDING_MODEL": "hashing:32", "EARSHOT_DB": str(db), **env_extra}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-m", "ingest", str(path), "--no-progress"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    *lines, peak = done.stderr.rstrip("\n").split("\n")
    first = next((line for line in lines if line.startswith("error:")), lines[0] if lines else "")
    return done.returncode, first, int(peak) / 1024, time.perf_counter() - started


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="earshot-bad-"))
    print("building the corpus…", file=sys.stderr)
    cases = [
        ("xlsx expanding to 1.5 GiB (default limit)", corpus.workbook_expanding(folder / "x.xlsx", 1536 << 20), {}),
        (
            "same, limit lifted to 4 GiB, rows limit 20k",
            folder / "x.xlsx",
            {"EARSHOT_IMPORT_MAX_EXPANDED_MB": "4096", "EARSHOT_IMPORT_MAX_ROWS": "20000"},
        ),
        ("xlsx entity bomb (billion laughs)", corpus.workbook_entity_bomb(folder / "bomb.xlsx"), {}),
        ("xlsx malformed workbook.xml", corpus.workbook_malformed(folder / "bad.xlsx"), {}),
        ("xlsx ZIP directory understates sizes", corpus.workbook_lying_sizes(folder / "lie.xlsx"), {}),
        ("xlsx damaged at row 650 of 700", corpus.workbook_damaged_at(folder / "d.xlsx", 700, 650), {}),
        ("jsonl, row 601 carries 20 MB", corpus.jsonl_with_huge_row(folder / "j.jsonl", 700, 601, 20 << 20), {}),
    ]
    big = folder / "big.csv"
    rows = corpus.big_csv(big, 200)
    cases.append((f"csv 200 MB ({rows:,} rows) over the rows limit", big, {}))
    results = []
    for name, path, env in cases:
        print(f"running: {name}", file=sys.stderr)
        code, first, peak, seconds = run(path, folder / f"{len(results)}.duckdb", **env)
        results.append((peak, name, code, seconds, first))
    print(f"{'peak MB':>8} {'exit':>4} {'seconds':>7}  case — first line on stderr")
    for peak, name, code, seconds, first in sorted(results, reverse=True):
        print(f"{peak:>8.0f} {code:>4} {seconds:>7.1f}  {name} — {first[:150]}")
    print(f"worst peak {max(r[0] for r in results):.0f} MB (target ≤ 300 MB)")


if __name__ == "__main__":
    main()
