#!/usr/bin/env bash
# What a new user does: `npm start` without DATABASE_URL, then the printed token's `{ trays { kind count } }`.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir="$(mktemp -d)"
chmod 755 "$data_dir"
log="$data_dir/start.log"
port=4791
pg_port=54391
# Its own process group, so the Ctrl-C below reaches every process of it, as a terminal's does.
setsid env -u DATABASE_URL -u REDIS_URL DATA_DIR="$data_dir/data" PORT="$port" EMBEDDED_PG_PORT="$pg_port" \
  npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -INT -- "-$pid" 2>/dev/null || true; }
trap cleanup EXIT

token=""
for _ in $(seq 1 120); do
  token="$(grep -A1 '^Admin token' "$log" | tail -n 1 | tr -d '[:space:]' || true)"
  [[ "$token" == ots_* ]] && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start exited early" >&2; exit 1; fi
  sleep 1
done
[[ "$token" == ots_* ]] || { cat "$log"; echo "no token printed" >&2; exit 1; }

answer="$(curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -H "authorization: Bearer $token" -d '{"query":"{ trays { kind count } }"}')"
echo "$answer"
echo "$answer" | grep -q '"kind":"ACTIVE"' || { cat "$log"; echo "unexpected answer" >&2; exit 1; }

# Ctrl-C stops everything, the embedded database included.
kill -INT -- "-$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
trap - EXIT
if kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start did not stop on SIGINT" >&2; exit 1; fi
tail -n 3 "$log"
if pgrep -f "postgres.*-p $pg_port" >/dev/null || pgrep -f "$data_dir/data/postgres" >/dev/null; then
  echo "the embedded PostgreSQL is still running after SIGINT" >&2
  exit 1
fi
rm -rf "$data_dir"
echo "quick start OK"
