#!/bin/bash
# The fifth redaction attack family (other languages and countries), through every real entry point, printed from
# one run (a few minutes; the first run loads the language models):
#   bash benchmarks/redaction_fifth/run.sh
# Builds the inputs (build.py), imports them with the CLI, sends the rest to a real API server (notes API, signed
# Zendesk and Intercom webhooks) and through the Log page's save_note, then reads every table and column of the
# DuckDB file back, plus the rejected-rows files and everything printed, and prints per category, entry point,
# trick and language how many planted values survived, the leaks in context and the clean notes that changed
# (check.py). Everything it writes stays in this folder and is ignored by git.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
PORT=${PORT:-8797}
cd "$ROOT"
rm -rf "$HERE"/attack.duckdb* "$HERE"/inputs "$HERE"/*.json "$HERE"/*.txt
"$PY" "$HERE/build.py" > /dev/null
"$PY" -m ingest "$HERE"/inputs/* --db "$HERE/attack.duckdb" --json --no-progress > "$HERE/cli_stdout.json" 2> "$HERE/cli_stderr.txt"
TOKEN=$(EARSHOT_DB="$HERE/attack.duckdb" "$PY" -m insight tokens create --name crm --scope ingest --json \
  | "$PY" -c "import json, sys; print(json.load(sys.stdin)['token'])")
EARSHOT_DB="$HERE/attack.duckdb" EARSHOT_ZENDESK_WEBHOOK_SECRET=zsecret EARSHOT_INTERCOM_WEBHOOK_SECRET=isecret \
  "$PY" -m insight serve-api --port "$PORT" --no-schedule > "$HERE/api_stdout.txt" 2> "$HERE/api_stderr.txt" &
SERVER=$!
for _ in $(seq 1 120); do curl -s "http://127.0.0.1:$PORT/api/v1/health" > /dev/null 2>&1 && break; sleep 1; done
"$PY" "$HERE/api_attack.py" "http://127.0.0.1:$PORT" "$TOKEN" zsecret isecret > /dev/null
kill "$SERVER"; wait "$SERVER" 2> /dev/null
EARSHOT_DB="$HERE/attack.duckdb" "$PY" "$HERE/quicklog_attack.py" > "$HERE/quicklog_out.txt" 2>&1
"$PY" "$HERE/check.py"
