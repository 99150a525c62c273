"""Which false flags are topic-level, and what a topic-level detector change does to them — in seconds.

A diagnostic beside ``benchmarks/emerging.py``, in two steps:

* ``record`` operates the emerging streams exactly as the benchmark does (CLI ingest, refit, trends, week by
  week) and, after each judged week, saves every topic's history — what the topic detector read — with the
  true labels of the topic's notes per week, and the week's ``trends --json`` (pockets carry their notes'
  true labels). About 2 minutes a stream, once.
* ``replay`` runs the topic detector (with ``--set`` settings, or ``--without`` one of its rise checks) on those
  histories, takes the recorded pocket signals as they were, and scores both as the benchmark does:
  recall (≤ 1 week), label and flag precision, fading recall and precision, and the false flags split into
  topic-level and pocket ones (``-v`` prints each false topic flag's counts and true labels per week).

``record --vectors`` also saves, per judged week, the notes the pocket search read (ids, week, topic, true label,
agent, vector as float16) beside each stream's JSON, so below-topic variants (the fading pockets, neighbour
statistics of a flagged topic's notes) can be replayed offline with the product's own functions.

Run: ``OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/topic_diagnose.py record --size full --seeds 1 2
--out /tmp/topics12`` then ``.venv/bin/python benchmarks/topic_diagnose.py replay --dir /tmp/topics12 -v``.
A topic-level change replays exactly; what it would change in the pockets (through ``merge_pockets``) does not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.emerging import SIZES, WARMUP_WEEKS, _cli, cached_embeddings, write_week_csv  # noqa: E402
from benchmarks.stream import generate_stream, load_pool  # noqa: E402
from insight.settings import load_settings  # noqa: E402
from insight.trends.detectors import PoissonGammaDetector  # noqa: E402
from insight.trends.records import TopicHistory  # noqa: E402


def record(stream, pool, workdir: Path, vectors_dir: Path | None = None) -> dict:
    """Operate the stream; return per judged week the histories, label composition and signals."""
    from insight.store import Store
    from insight.store import notes as notes_sql
    from insight.store import profiles as profiles_sql
    from insight.store import runs as runs_sql
    from insight.store import weekly as weekly_sql
    from insight.trends.pocket_signals import load_pocket_input
    from insight.trends.signals import build_histories, history_weeks
    from insight.trends.weeks import Week
    from tests import store_fixtures as fixtures

    settings = load_settings()
    db = workdir / "earshot.duckdb"
    label_of = {n.external_id: n.label for n in stream.notes}
    truth: dict[int, str] = {}
    out = {"stream": stream.name, "plans": {p.label: [p.role, p.onset] for p in stream.plans}, "weeks": []}
    with cached_embeddings(pool):
        for w, week in enumerate(stream.weeks):
            batch = [n for n in stream.notes if week.start <= n.created_at < week.end]
            csv_path = workdir / f"{week.label}.csv"
            write_week_csv(csv_path, stream, pool, batch)
            _cli("ingest", [str(csv_path), "--db", str(db), "--source", "bench", "--no-progress"])
            _cli("insight", ["refit", "--db", str(db), "--no-progress"])
            status, text = _cli("insight", ["trends", "--week", week.label, "--json", "--db", str(db)])
            store = Store(db)
            with store.read() as con:
                ids = fixtures.note_ids_by_external_id(con, [n.external_id for n in batch])
            truth.update({i: label_of[e] for e, i in ids.items()})
            if w < WARMUP_WEEKS:
                store.release()
                continue
            weeks = history_weeks(settings, week)
            with store.read() as con:
                agent_rows = weekly_sql.weekly_topic_agent_counts(con, weeks[0].start, week.end, None)
                totals = {ws: int(n) for ws, n, _, _ in weekly_sql.weekly_totals(con, weeks[0].start, week.end, None)}
                first, _ = notes_sql.note_time_range(con, until=week.end)
                born = profiles_sql.topics_born_between(con, week.start, week.end)
                run_id = runs_sql.current_run_id(con)
                events = con.execute(
                    "SELECT event, topic_id, related_topic_ids, overlap FROM topic_lineage WHERE run_id = ?", [run_id]
                ).fetchall()
                sizes = con.execute(
                    "SELECT run_id, topic_id, size FROM topics WHERE run_id IN "
                    "(SELECT run_id FROM topic_runs ORDER BY run_id DESC LIMIT 2)"
                ).fetchall()
            first_week = Week.containing(first) if first is not None else None
            histories = build_histories(weeks, agent_rows, totals, first_week, set(born))
            loaded = load_pocket_input(store, weeks, first_week)
            comp: dict[int, list[Counter]] = {}
            if loaded is not None:
                data, _ = loaded
                if vectors_dir is not None:  # the notes as the pocket search read them, for offline variants
                    np.savez_compressed(
                        vectors_dir / f"w{w:02d}.npz",
                        note_ids=data.note_ids,
                        week_index=data.week_index,
                        topic_ids=data.topic_ids,
                        vectors=data.vectors.astype(np.float16),
                        labels=np.array([truth.get(int(i), "?") for i in data.note_ids]),
                        agents=np.array([a or "" for a in data.agents]),
                    )
                for nid, wi, t in zip(data.note_ids, data.week_index, data.topic_ids, strict=True):
                    if int(t) not in comp:
                        comp[int(t)] = [Counter() for _ in weeks]
                    comp[int(t)][int(wi)][truth.get(int(nid), "?")] += 1
            signals = json.loads(text) if status == 0 else []
            for sig in signals:  # the true need behind a pocket's notes, for scoring offline
                if sig.get("note_ids"):
                    sig["truth"] = dict(Counter(truth.get(int(i), "?") for i in sig["note_ids"]).most_common(4))
            out["weeks"].append(
                {
                    "index": w,
                    "label": week.label,
                    "signals": signals,
                    "run_id": run_id,
                    "lineage": [[e, int(t), [int(x) for x in (rel or [])], ov] for e, t, rel, ov in events],
                    "sizes": [[int(r), int(t), int(n)] for r, t, n in sizes],
                    "histories": [
                        {
                            "topic_id": h.topic_id,
                            "weeks": list(h.weeks),
                            "counts": list(h.counts),
                            "totals": list(h.totals),
                            "observed": list(h.observed),
                            "agents": [[list(a) for a in wk] for wk in h.agents],
                            "is_new": h.is_new,
                            "labels": [dict(c.most_common(4)) for c in comp.get(h.topic_id, [Counter()] * len(weeks))],
                        }
                        for h in histories
                    ],
                }
            )
            store.release()
    return out


def _history(h: dict) -> TopicHistory:
    return TopicHistory(
        topic_id=h["topic_id"],
        weeks=tuple(h["weeks"]),
        counts=tuple(h["counts"]),
        totals=tuple(h["totals"]),
        observed=tuple(h["observed"]),
        agents=tuple(tuple((a, n) for a, n in wk) for wk in h["agents"]),
        is_new=h["is_new"],
    )


def _major(c: dict) -> str:
    return max(c.items(), key=lambda kv: kv[1])[0] if c else "?"


def replay(rec: dict, detector, verbose: bool, baseline_weeks: int = 4) -> dict:
    plans = rec["plans"]
    rising = {lbl: on for lbl, (role, on) in plans.items() if role.startswith("rising")}
    fading = {lbl: on for lbl, (role, on) in plans.items() if role == "fading"}
    flags, fades = [], []
    for wk in rec["weeks"]:
        w = wk["index"]
        recorded_topic = {(s["topic_id"], s["kind"]) for s in wk["signals"] if s.get("scope", "topic") == "topic"}
        for s in wk["signals"]:
            if s.get("scope") == "pocket" and s["kind"] in ("emerging", "fading"):
                need = _major(s.get("truth", {}))
                (flags if s["kind"] == "emerging" else fades).append((w, need, "pocket", s["topic_id"], ""))
        for h in wk["histories"]:
            for d in detector.detect(_history(h)):
                if d.kind not in ("emerging", "fading"):
                    continue
                if d.kind == "emerging":
                    need = _major(h["labels"][-1])
                    replaced = (h["topic_id"], "emerging") not in recorded_topic and any(
                        s.get("scope") == "pocket" and s["topic_id"] == h["topic_id"] for s in wk["signals"]
                    )
                    if replaced:
                        continue
                    flags.append((w, need, "topic", h["topic_id"], d.reason, h))
                else:
                    win = d.window_weeks
                    comp: Counter = Counter()
                    for c in h["labels"][-win - baseline_weeks : -win]:
                        comp.update(c)
                    fades.append((w, _major(comp), "topic", h["topic_id"], d.reason, h))
    good = [f for f in flags if f[1] in rising and f[0] >= rising[f[1]]]
    first: dict[str, int] = {}
    for f in sorted(good):
        first.setdefault(f[1], f[0])
    in_time = [lbl for lbl, w in first.items() if w - rising[lbl] <= 1]
    flagged = {f[1] for f in flags}
    right = {f[1] for f in good}
    good_f = [f for f in fades if f[1] in fading and f[0] >= fading[f[1]]]
    out = {
        "recall": len(in_time) / len(rising),
        "label": len(right) / len(flagged) if flagged else 1.0,
        "flag": len(good) / len(flags) if flags else 1.0,
        "fading": len({f[1] for f in good_f}) / len(fading),
        "fade_prec": len(good_f) / len(fades) if fades else 1.0,
        "flags": len(flags),
        "fades": len(fades),
        "false_topic": [f for f in flags if f not in good and f[2] == "topic"],
        "false_pocket": [f for f in flags if f not in good and f[2] == "pocket"],
        "false_fades": [f for f in fades if f not in good_f],
    }
    if verbose:
        for f in out["false_topic"] + out["false_fades"]:
            h = f[5] if len(f) > 5 else None
            print(f"   FALSE wk {f[0] + 1} {f[2]} {f[1]} ({plans.get(f[1], ['?'])[0]}) t{f[3]}: {f[4]}")
            if h:
                print(f"      counts {h['counts']} totals {h['totals']}")
                print(f"      labels {[_major(c) + ':' + str(c.get(_major(c), 0)) for c in h['labels']]}")
                print(f"      agents now {sorted((n for _, n in h['agents'][-1]), reverse=True)}")
        for f in out["false_pocket"]:
            print(f"   FALSE wk {f[0] + 1} pocket {f[1]} ({plans.get(f[1], ['?'])[0]}) t{f[3]}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("record", "replay"))
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--sources", nargs="+")
    parser.add_argument("--seeds", type=int, nargs="+")
    parser.add_argument("--out", "--dir", dest="dir", default="/tmp/earshot-topic-diagnose")
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE", help="settings for replay")
    parser.add_argument("--without", nargs="*", default=[], choices=("ongoing",), help="replay without a rise check")
    parser.add_argument("-v", action="store_true", help="print every false topic flag")
    parser.add_argument("--vectors", action="store_true", help="record: also save each judged week's note vectors")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    if args.step == "record":
        n_weeks, scale, sources, seeds = SIZES[args.size]
        Path(args.dir).mkdir(parents=True, exist_ok=True)
        for source in args.sources or sources:
            pool = load_pool(source)
            for seed in args.seeds or seeds:
                stream = generate_stream(pool, seed, n_weeks, scale)
                t0 = time.perf_counter()
                path = Path(args.dir) / f"{stream.name.replace('/', '_')}.json"
                vectors_dir = path.with_suffix("") if args.vectors else None
                if vectors_dir is not None:
                    vectors_dir.mkdir(exist_ok=True)
                with tempfile.TemporaryDirectory() as tmp:
                    rec = record(stream, pool, Path(tmp), vectors_dir)
                path.write_text(json.dumps(rec, default=str))
                print(f"{stream.name}: {time.perf_counter() - t0:.0f} s → {path}", flush=True)
        return 0
    import insight.trends.detectors as detectors

    if "ongoing" in args.without:  # a rise over weeks need not show in its last week
        detectors.ONGOING_P = 1.0
    settings = load_settings(environ={f"EARSHOT_{k.upper()}": v for k, v in (s.split("=", 1) for s in args.set)})
    detector = PoissonGammaDetector(settings, overdispersion=settings.fading_overdispersion)  # as trends' topics
    rows = []
    for path in sorted(Path(args.dir).glob("*.json")):
        rec = json.loads(path.read_text())
        if args.v:
            print(rec["stream"])
        rows.append((rec["stream"], replay(rec, detector, args.v)))
    print(f"{'stream':<13} recall label flag fading fprec (flags fades) false: topic/pocket rises, fades")
    for name, r in sorted(rows, key=lambda x: (x[1]["label"], x[1]["flag"])):
        scores = " ".join(f"{r[k]:.2f}" for k in ("recall", "label", "flag", "fading", "fade_prec"))
        false = f"{len(r['false_topic'])}/{len(r['false_pocket'])}, {len(r['false_fades'])}"
        print(f"{name:<13} {scores}  ({r['flags']} {r['fades']})  {false}")
    for key in ("recall", "label", "flag", "fading", "fade_prec"):
        v = [r[key] for _, r in rows]
        print(f"  {key}: mean {statistics.mean(v):.2f} [{min(v):.2f}–{max(v):.2f}]")
    topic = sum(len(r["false_topic"]) for _, r in rows)
    pocket = sum(len(r["false_pocket"]) for _, r in rows)
    print(f"  false rising flags: {topic} topic-level, {pocket} pocket")
    return 0


if __name__ == "__main__":
    sys.exit(main())
