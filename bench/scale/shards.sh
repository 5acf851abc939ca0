#!/usr/bin/env bash
# Shards against one index (issue 23): the generated corpus of N documents (bench/scale/run.sh's)
# indexed once as one index and once as three shards (kb-indexer --shard I/3, one after the
# other), the shards served by xapian-tcpsrv on loopback; then bench/scale/latency.py (sequential)
# and wrk at 16 connections for 20 s over the same query mix, against kb-searchd --db and
# kb-searchd --shard x3, side by side in one run.
# Usage: bench/scale/shards.sh [N] [BUILD_DIR] [WORK_DIR]   (needs wrk and xapian-tcpsrv)
# Prints Markdown table rows: setup, index wall s (sum over shards), median/p95/p99 ms, errors,
# requests/s at 16 connections.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
BUILD=$(realpath "${2:-build}")
WORK=$(realpath -m "${3:-/tmp/kb-scale}")
CORPUS="$WORK/corpus-$N"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
mkdir -p "$WORK"
if [ ! -f "$CORPUS/.complete" ]; then
  python3 bench/scale/generate.py --docs "$N" --out "$CORPUS" >&2
  touch "$CORPUS/.complete"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
index() {  # DB [ARGS...]: prints the wall seconds
  local db=$1
  shift
  rm -rf "$db"
  local start
  start=$(date +%s.%N)
  "$BUILD/indexer/kb-indexer" --db "$db" --progress log "$@" "$CORPUS" >"$db.log" 2>&1 ||
    { tail -5 "$db.log" >&2; exit 1; }
  echo "$(date +%s.%N) - $start" | bc
}
serve() {  # PORT ARGS...: kb-searchd, waited for
  local port=$1
  shift
  setsid "$BUILD/searchd/kb-searchd" --listen "127.0.0.1:$port" --quiet "$@" 2>"$WORK/searchd-$port.log" &
  pids+=("$!")
  for _ in $(seq 600); do
    curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "kb-searchd on $port did not start" >&2
  cat "$WORK/searchd-$port.log" >&2
  exit 1
}
measure() {  # LABEL PORT INDEX_SECONDS
  local latency field
  latency=$(python3 bench/scale/latency.py "http://127.0.0.1:$2" --label "$1")
  field() { echo "$latency" | tr '\t' '\n' | sed -n "s/^$1=//p"; }
  python3 - "$2" >"$WORK/paths-$2" <<'PY'
import sys, urllib.parse
sys.path.insert(0, "bench/scale")
from latency import QUERIES, FILTERS
for f in FILTERS:
    for q in QUERIES:
        print("/api/search?" + urllib.parse.urlencode(dict(q=q, size=10, **f)))
PY
  local rps
  rps=$(KB_BENCH_PATHS="$WORK/paths-$2" wrk -t2 -c16 -d20s --timeout 10s -s bench/searchd/search.lua \
    "http://127.0.0.1:$2" | sed -n 's/^RESULT.*rps=\([0-9.]*\).*/\1/p')
  printf '| %s | %s | %.1f | %s | %s | %s | %s | %s |\n' "$1" "$N" "$3" "$(field median_ms)" \
    "$(field p95_ms)" "$(field p99_ms)" "$(field errors)" "${rps:-?}"
}

single_s=$(index "$WORK/single-$N")
shard_s=0
for i in 0 1 2; do
  s=$(index "$WORK/shard-$N-$i" --shard "$i/3")
  shard_s=$(echo "$shard_s + $s" | bc)
  port=$(free_port)
  setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 "$WORK/shard-$N-$i" >/dev/null 2>&1 </dev/null &
  pids+=("$!")
  shard_ports[$i]=$port
done
p1=$(free_port)
serve "$p1" --db "$WORK/single-$N"
measure "one index" "$p1" "$single_s"
kill -- "-${pids[-1]}"
p2=$(free_port)
serve "$p2" --shard "127.0.0.1:${shard_ports[0]}" --shard "127.0.0.1:${shard_ports[1]}" \
  --shard "127.0.0.1:${shard_ports[2]}"
measure "3 shards (xapian-tcpsrv, loopback)" "$p2" "$shard_s"
