#!/bin/bash
# The fourth redaction attack family, through every real entry point, printed from one run (about 5 minutes):
#   bash benchmarks/redaction_fourth/run.sh
# Builds the inputs (build.py), imports them with the CLI, sends the rest to a real API server (notes API, signed
# Zendesk and Intercom webhooks) and through the Log page's save_note, then reads every table and column of the
# DuckDB file back and prints, per kind of identifier and per entry point, how many planted values survived
# (check.py). Everything it writes stays in this folder and is ignored by git.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
PORT=${PORT:-8799}
cd "$ROOT"
rm -rf "$HERE"/attack.duckdb* "$HERE"/inputs
"$PY" "$HERE/build.py" > /dev/null
"$PY" -m ingest "$HERE"/inputs/* --db "$HERE/attack.duckdb" --json --no-progress > "$HERE/cli_stdout.json" 2> "$HERE/cli_stderr.txt"
TOKEN=$(EARSHOT_DB="$HERE/attack.duckdb" "$PY" -m insight tokens create --name crm --scope ingest --json \
  | "$PY" -c "import json, sys; print(json.load(sys.stdin)['token'])")
EARSHOT_DB="$HERE/attack.duckdb" EARSHOT_ZENDESK_WEBHOOK_SECRET=zsecret EARSHOT_INTERCOM_WEBHOOK_SECRET=isecret \
  "$PY" -m insight serve-api --port "$PORT" --no-schedule > "$HERE/api_stdout.txt" 2> "$HERE/api_stderr.txt" &
SERVER=$!
for _ in $(seq 1 90); do curl -s "http://127.0.0.1:$PORT/api/v1/health" > /dev/null 2>&1 && break; sleep 1; done
"$PY" "$HERE/api_attack.py" "http://127.0.0.1:$PORT" "$TOKEN" zsecret isecret > /dev/null
kill "$SERVER"; wait "$SERVER" 2> /dev/null
EARSHOT_DB="$HERE/attack.duckdb" "$PY" "$HERE/quicklog_attack.py" > "$HERE/quicklog_out.txt" 2>&1
"$PY" "$HERE/check.py"
