"""API benchmark: many clients posting notes at once while the dashboard and a refit run.

One run prints:

1. **Integrity under load** — ``--clients`` (50) concurrent clients post ``--notes`` (20,000) notes, most in
   batches and the rest one by one, to ``python -m insight serve-api`` (its own process, the real model)
   while a dashboard process renders pages (Trends, My notes, Explore search, Weekly brief) in a loop and
   ``python -m insight refit`` runs. Planted on purpose: 5 % of the notes are posted a second time by
   another client at the same moment (a helpdesk retrying), batches with a note repeated inside them, and
   invalid notes (blank text) that must be rejected. Counted from the database afterwards: **lost**
   (acknowledged but not stored), **duplicated** (stored twice), **5xx** answers — target 0, 0, 0.
2. **Batched throughput vs the file import** — the same ``--throughput-notes`` notes posted in batches of
   ``--batch`` by 4 clients to an idle server, against ``import_file`` of the same notes as a CSV (same
   model, same machine, one after the other) — target ≥ 0.9×.
3. **Single-note latency** — p50/p95 of one-note posts (idle server, and during the stress run) next to
   the form's save (``save_note`` in-process).

Run (under nice on a shared machine): ``nice -n 10 .venv/bin/python benchmarks/api.py [--notes N]``.
``--embedder hashing`` swaps in the fake embedder to check the harness quickly (figures then mean nothing).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
DATASETS = ROOT.parent / "shared" / "datasets"
PAGES = ("trends", "my_notes", "explore", "brief")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def load_texts(n: int) -> list[str]:
    """Customer messages from Banking77 and CLINC150 (real wording, many near-duplicates), ``n`` of them."""
    import pandas as pd

    frames = [pd.read_csv(DATASETS / "banking77" / f)["text"] for f in ("train.csv", "test.csv")]
    frames.append(pd.read_csv(DATASETS / "clinc150" / "clinc150_shared.csv")["text"])
    texts = [str(t) for t in pd.concat(frames, ignore_index=True).tolist() if len(str(t).strip()) >= 3]
    random.Random(7).shuffle(texts)
    while len(texts) < n:
        texts += [t + " (again)" for t in texts[: n - len(texts)]]
    return texts[:n]


def make_notes(texts: list[str], prefix: str) -> list[dict]:
    """Notes with unique external ids, spread over 12 weeks, 40 agents and the usual channels."""
    channels = ("phone", "chat", "email", "social")
    now = time.time()
    notes = []
    for i, text in enumerate(texts):
        created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - (i * 7919) % (84 * 86400) - 3600))
        notes.append(
            {
                "text": text,
                "external_id": f"{prefix}-{i}",
                "source": "bench",
                "created_at": created,
                "agent_id": f"agent-{i % 40:02d}",
                "team": f"team-{i % 5}",
                "channel": channels[i % 4],
                "kind": "need",
            }
        )
    return notes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "insight", "serve-api", "--port", str(port), "--db", str(db), "--no-schedule"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900  # a loaded shared machine takes minutes to load the model
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("serve-api exited: " + proc.stderr.read())
        try:
            if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()  # never leave a server behind
    raise SystemExit("serve-api did not come up in 900 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def make_tokens(db: Path, env: dict[str, str], n: int) -> list[str]:
    tokens = []
    for i in range(n):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "insight",
                "tokens",
                "create",
                "--name",
                f"client-{i}",
                "--scope",
                "ingest",
                "--json",
                "--db",
                str(db),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        tokens.append(json.loads(out.stdout)["token"])
    return tokens


class Log:
    """Thread-safe record of every request: status codes, per-note outcomes, single-note latencies."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.outcomes: dict[str, list[tuple[str, int | None]]] = {}
        self.single_ms: list[float] = []
        self.retries_429 = 0

    def record(self, status: int, notes: list[dict], body: dict | None, single_ms: float | None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if single_ms is not None:
                self.single_ms.append(single_ms)
            if body and "results" in body:
                for note, result in zip(notes, body["results"], strict=True):
                    key = note.get("external_id") or "(none)"
                    self.outcomes.setdefault(key, []).append((result["status"], result.get("note_id")))


def post(client, notes: list[dict], log: Log, single: bool) -> None:
    payload = notes[0] if single else {"notes": notes}
    for _ in range(20):
        started = time.perf_counter()
        r = client.post("/api/v1/notes", json=payload)
        elapsed = (time.perf_counter() - started) * 1000
        if r.status_code == 429:
            with log.lock:
                log.retries_429 += 1
            time.sleep(float(r.headers.get("retry-after", "1")))
            continue
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else None
        log.record(r.status_code, notes, body, elapsed if single else None)
        return
    log.record(429, notes, None, None)


def run_clients(url: str, tokens: list[str], work: list[list[tuple[list[dict], bool]]], log: Log) -> float:
    """Each client posts its own list of (notes, single?) requests; returns the wall time."""
    import httpx

    def client_loop(token: str, items: list[tuple[list[dict], bool]]) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=300) as client:
            for notes, single in items:
                try:
                    post(client, notes, log, single)
                except httpx.HTTPError as exc:
                    log.record(-1, notes, None, None)
                    print(f"client error: {exc!r}", file=sys.stderr)

    threads = [
        threading.Thread(target=client_loop, args=(tokens[i % len(tokens)], items)) for i, items in enumerate(work)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def dashboard_worker(db: str, stop_file: str, out_file: str) -> None:
    """Render dashboard pages with Streamlit's AppTest in a loop until ``stop_file`` exists."""
    from streamlit.testing.v1 import AppTest

    renders, failures, seconds = Counter(), Counter(), []
    while not os.path.exists(stop_file):
        for page in PAGES:
            started = time.perf_counter()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            at.session_state["demo_role"] = "agent" if page == "my_notes" else "pm"
            try:
                at.run()
                at.switch_page(f"app_pages/{page}.py").run()
                if page == "explore" and at.text_input:
                    box = next((t for t in at.text_input if t.key == "explore-q"), None)
                    if box is not None:
                        box.set_value("card payment declined abroad").run()
                ok = not at.exception
            except Exception as exc:  # a render that throws is a failure to report, not a crash
                print(f"dashboard {page}: {exc!r}", file=sys.stderr)
                ok = False
            seconds.append(time.perf_counter() - started)
            renders[page] += 1
            if not ok:
                failures[page] += 1
                print(f"dashboard {page} exceptions: {[e.message for e in at.exception][:2]}", file=sys.stderr)
    Path(out_file).write_text(
        json.dumps({"renders": renders, "failures": failures, "p50_s": statistics.median(seconds) if seconds else None})
    )


def stress_work(notes: list[dict], clients: int, batch: int, single_share: float, seed: int = 11):
    """Split notes among clients: batches and singles, plus planted re-posts, in-batch repeats and bad notes."""
    rng = random.Random(seed)
    n_single = int(len(notes) * single_share)
    singles, batched = notes[:n_single], notes[n_single:]
    requests: list[tuple[list[dict], bool]] = [([n], True) for n in singles]
    for i in range(0, len(batched), batch):
        chunk = list(batched[i : i + batch])
        if rng.random() < 0.2:  # a batch that carries one of its notes twice
            chunk.append(dict(chunk[0]))
        if rng.random() < 0.2:  # and one invalid note
            chunk.insert(1, {"text": "  ", "external_id": f"bad-{i}", "source": "bench"})
        requests.append((chunk, False))
    resent = rng.sample(notes, len(notes) // 20)  # 5 %: posted again by another client (a retry)
    requests += [([dict(n)], True) for n in resent]
    rng.shuffle(requests)
    work = [requests[k::clients] for k in range(clients)]
    return work, len(resent)


def stored(db: Path) -> tuple[Counter[str], int]:
    from insight.store import Store

    store = Store(db)
    with store.read() as con:
        rows = con.execute("SELECT external_id FROM notes WHERE source = 'bench'").fetchall()
        total = con.execute("SELECT count(*) FROM notes").fetchall()[0][0]
    store.release()
    return Counter(r[0] for r in rows), int(total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=20_000, help="notes posted in the stress run (default 20,000)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--batch", type=int, default=200, help="notes per batch (default 200)")
    parser.add_argument("--single-share", type=float, default=0.1, help="share of notes posted one by one")
    parser.add_argument("--throughput-notes", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5, help="alternating file/API rounds for the throughput")
    parser.add_argument("--singles", type=int, default=200, help="idle single-note posts and form saves to time")
    parser.add_argument("--no-refit", action="store_true", help="skip the concurrent refit (harness checks only)")
    parser.add_argument("--embedder", default=None, help="EARSHOT_EMBEDDING_MODEL for every process")
    parser.add_argument("--dashboard-worker", nargs=3, metavar=("DB", "STOP", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dashboard_worker:
        dashboard_worker(*args.dashboard_worker)
        return 0

    env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")}
    if args.embedder:
        env["EARSHOT_EMBEDDING_MODEL"] = args.embedder
        os.environ["EARSHOT_EMBEDDING_MODEL"] = args.embedder
    env["EARSHOT_DEMO_DATA"] = "off"
    env["EARSHOT_AUTO_REFIT_NEW_NOTES"] = "0"  # the one refit of this run is the explicit one below
    env["NUMBA_CACHE_DIR"] = env.get("NUMBA_CACHE_DIR", str(ROOT / ".cache" / "numba"))

    from ingest.file_import import import_file
    from ingest.redaction import default_redactor
    from ingest.service import save_note
    from insight.runtime import embedder_for
    from insight.settings import load_settings
    from insight.store import Store

    texts = load_texts(args.throughput_notes + args.notes + args.singles)
    tp_notes = make_notes(texts[: args.throughput_notes], "tp")
    stress_notes = make_notes(texts[args.throughput_notes : args.throughput_notes + args.notes], "st")
    idle_notes = make_notes(texts[-args.singles :], "idle")
    tmp = Path(tempfile.mkdtemp(prefix="earshot-api-bench-"))
    print(f"work folder {tmp}", file=sys.stderr, flush=True)

    # The machine is shared: load drifts by minutes. So the file import and the API take turns on equal
    # rounds of notes (and form saves alternate with single posts), and each side sums its own rounds.
    settings_file = load_settings(
        environ={k: v for k, v in env.items() if k.startswith("EARSHOT_")}, db=tmp / "file.duckdb"
    )
    embedder = embedder_for(settings_file)
    redactor = default_redactor()
    if hasattr(embedder, "warm_up"):
        embedder.warm_up()
    redactor.redact("warm up, call 555-123-4567")
    file_store = Store(settings_file.db)
    db = tmp / "api.duckdb"
    tokens = make_tokens(db, env, args.clients)
    server, url = start_server(db, env)
    try:
        # -- 2. batched API vs file import, in alternating rounds ----------------------------------------
        rounds = max(1, args.rounds)
        size = -(-len(tp_notes) // rounds)
        file_s = api_s = 0.0
        file_imported = 0
        log_tp = Log()
        for r in range(rounds):
            part = tp_notes[r * size : (r + 1) * size]
            file_part = [{**n, "external_id": "file-" + n["external_id"]} for n in part]
            csv_path = tmp / f"notes-{r}.csv"
            with csv_path.open("w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=list(file_part[0]))
                writer.writeheader()
                writer.writerows(file_part)
            started = time.perf_counter()
            report = import_file(
                csv_path,
                file_store,
                embedder=embedder,
                redactor=redactor,
                settings=settings_file,
                rejected_path=tmp / "rejected.csv",
            )
            file_s += time.perf_counter() - started
            file_imported += report.imported
            file_store.release()  # as a CLI import would: the file is not held between imports
            chunks = [part[i : i + args.batch] for i in range(0, len(part), args.batch)]
            api_s += run_clients(url, tokens, [[(c, False) for c in chunks[k::4]] for k in range(4)], log_tp)
            posted = len(tp_notes[: (r + 1) * size])
            print(
                f"round {r + 1}/{rounds}: file {file_imported / file_s:.0f}/s, API {posted / api_s:.0f}/s",
                file=sys.stderr,
                flush=True,
            )
        file_rate = file_imported / file_s
        api_rate = len(tp_notes) / api_s

        # -- 3. single-note posts alternating with the form's save -----------------------------------------
        log_idle = Log()
        form_ms = []
        with __import__("httpx").Client(
            base_url=url, headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=300
        ) as client:
            for note in idle_notes:
                post(client, [note], log_idle, True)
                fields = {k: v for k, v in note.items() if k not in ("external_id", "source")}
                started = time.perf_counter()
                save_note(file_store, fields, embedder=embedder, redactor=redactor, settings=settings_file)
                form_ms.append((time.perf_counter() - started) * 1000)
                file_store.release()
        del embedder

        # 1. the stress run: dashboard loop + refit + 50 clients
        stop_file, dash_out = tmp / "stop", tmp / "dashboard.json"
        dash_env = {**env, "EARSHOT_DB": str(db)}
        dashboard = subprocess.Popen(
            [sys.executable, __file__, "--dashboard-worker", str(db), str(stop_file), str(dash_out)],
            cwd=ROOT,
            env=dash_env,
            stderr=subprocess.PIPE,
            text=True,
        )
        refit_cmd = [sys.executable, "-m", "insight", "refit", "--db", str(db), "--no-progress", "--force"]
        if args.no_refit:
            refit_cmd = [sys.executable, "-c", "print('skipped (--no-refit)')"]
        refit = subprocess.Popen(
            refit_cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        work, n_resent = stress_work(stress_notes, args.clients, args.batch, args.single_share)
        log = Log()
        stress_s = run_clients(url, tokens, work, log)
        refit_out, refit_err = refit.communicate(timeout=1800)
        stop_file.touch()
        _, dash_err = dashboard.communicate(timeout=600)
    finally:
        stop(server)
    dash = json.loads(dash_out.read_text()) if dash_out.exists() else {"renders": {}, "failures": {}}

    # -- integrity, from the database ---------------------------------------------------------------------
    counts, total = stored(db)
    acknowledged = {k for k, outs in log.outcomes.items() if any(s in ("created", "duplicate") for s, _ in outs)}
    acknowledged |= {k for k, outs in log_tp.outcomes.items() if any(s in ("created", "duplicate") for s, _ in outs)}
    acknowledged |= {k for k, outs in log_idle.outcomes.items() if any(s in ("created", "duplicate") for s, _ in outs)}
    expected = {n["external_id"] for n in tp_notes + stress_notes + idle_notes}
    lost = len(expected - set(counts))
    lost_acknowledged = len(acknowledged - set(counts) - {"(none)"})
    duplicated = sum(c - 1 for c in counts.values() if c > 1)
    bad_stored = sum(1 for k in counts if k.startswith("bad-"))
    created_ids = [i for outs in log.outcomes.values() for s, i in outs if s == "created"]
    five_xx = sum(c for s, c in {**log.statuses, **log_tp.statuses}.items() if s >= 500)
    transport_errors = log.statuses.get(-1, 0) + log_tp.statuses.get(-1, 0)
    rejected = sum(1 for outs in log.outcomes.values() for s, _ in outs if s == "rejected")
    dup_answers = sum(1 for outs in log.outcomes.values() for s, _ in outs if s == "duplicate")

    single_ratio = statistics.median(log_idle.single_ms) / statistics.median(form_ms)
    print(
        f"API benchmark — {args.notes:,} notes from {args.clients} clients (batches of {args.batch}, "
        f"{args.single_share:.0%} singly, {n_resent:,} re-posted), embedder "
        f"{args.embedder or 'all-MiniLM-L6-v2'}; dashboard + refit running"
    )
    print()
    print("| measure | value | target |")
    print("|---|---|---|")
    print(
        f"| notes lost (expected but not stored) | {lost} (of {len(expected):,}; acknowledged-but-missing "
        f"{lost_acknowledged}) | 0 {'✓' if lost == 0 else '✗ MISSED'} |"
    )
    print(
        f"| notes stored twice | {duplicated} (+{len(created_ids) - len(set(created_ids))} repeated ids) | "
        f"0 {'✓' if duplicated == 0 else '✗ MISSED'} |"
    )
    print(f"| 5xx answers / transport errors | {five_xx} / {transport_errors} | 0 {'✓' if five_xx == 0 else '✗'} |")
    print(f"| planted re-posts answered duplicate | {dup_answers:,} answers | ≥ {n_resent:,} |")
    print(f"| planted invalid notes rejected / stored | {rejected} / {bad_stored} | all / 0 |")
    print(f"| 429 answers (clients waited and retried) | {log.retries_429 + log_tp.retries_429} | |")
    print(f"| stress run wall time | {stress_s:.0f} s ({args.notes / stress_s:.0f} notes/s) | |")
    print(
        f"| batched API throughput, idle server | {api_rate:.0f} notes/s ({len(tp_notes):,} notes, 4 clients, "
        f"{args.rounds} rounds) | |"
    )
    print(f"| file import throughput (import_file, the same notes, rounds alternating) | {file_rate:.0f} notes/s | |")
    ratio = api_rate / file_rate
    print(f"| batched API / file import | {ratio:.2f}× | ≥ 0.90× {'✓' if ratio >= 0.9 else '✗ MISSED'} |")
    idle_p50 = statistics.median(log_idle.single_ms)
    print(
        f"| single-note post p50 / p95, idle (alternating with form saves) | {idle_p50:.1f} / "
        f"{_pct(log_idle.single_ms, 0.95):.1f} ms | |"
    )
    print(
        f"| single-note post p50 / p95, during the stress run | {statistics.median(log.single_ms):.0f} / "
        f"{_pct(log.single_ms, 0.95):.0f} ms | |"
    )
    print(f"| form save (save_note) p50 / p95 | {statistics.median(form_ms):.1f} / {_pct(form_ms, 0.95):.1f} ms | |")
    print(f"| single post / form save (p50, idle) | {single_ratio:.2f}× | |")
    renders, failed = sum(dash["renders"].values()), sum(dash["failures"].values())
    print(f"| dashboard page renders during the run (failed) | {renders} ({failed}) | 0 failed |")
    print(f"| refit during the run | {(refit_out or refit_err).strip().splitlines()[-1][:90]} | |")
    print(f"| notes in the database | {total:,} | |")
    if dash_err.strip():
        print(
            "\ndashboard worker stderr (last lines):\n" + "\n".join(dash_err.strip().splitlines()[-5:]), file=sys.stderr
        )
    return 0 if lost == 0 and duplicated == 0 and five_xx == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
