#!/usr/bin/env bash
# Scale: generate a realistic corpus of N documents, index it with kb-indexer, and measure
# indexing time, index size and query latency (kb-searchd over HTTP).
# Usage: bench/scale/run.sh [N] [BUILD_DIR] [WORK_DIR]
#   N defaults to 10000 (the quick mode); the full targets are 100000 and 1000000 (about 0.8 and
#   8 GB of text; check `df -h` first). WORK_DIR (default /tmp/kb-scale) keeps the generated
#   corpora between runs, since generating 1M documents takes a while; the index is rebuilt.
# Prints one Markdown table row: docs, MB of text, index wall/CPU s, docs/s, peak RSS, index MB,
# bytes of index per byte of text, and the latency figures of latency.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
BUILD=$(realpath "${2:-build}")
WORK=$(realpath -m "${3:-/tmp/kb-scale}")
CORPUS="$WORK/corpus-$N"
DB="$WORK/index-$N"
SEARCHD_PID=
cleanup() {
  if [ -n "$SEARCHD_PID" ]; then kill "$SEARCHD_PID" 2>/dev/null || true; wait "$SEARCHD_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
mkdir -p "$WORK"

if [ ! -f "$CORPUS/.complete" ]; then
  python3 bench/scale/generate.py --docs "$N" --out "$CORPUS" >&2
  touch "$CORPUS/.complete"
fi
text_mb=$(du -sm --exclude=.sentences.txt "$CORPUS" | cut -f1)

rm -rf "$DB"
/usr/bin/time -f "%e %U %S %M" -o "$WORK/time-$N" \
  "$BUILD/indexer/kb-indexer" --db "$DB" --data corpus --progress log "$CORPUS" >"$WORK/indexer-$N.log" 2>&1 ||
  { echo "kb-indexer failed:" >&2; tail -5 "$WORK/indexer-$N.log" >&2; exit 1; }
read -r wall user sys rss <"$WORK/time-$N"
index_mb=$(du -sm "$DB" | cut -f1)
echo "kb-indexer ($N): $(tail -1 "$WORK/indexer-$N.log")" >&2

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BUILD/searchd/kb-searchd" --db "$DB" --listen "127.0.0.1:$PORT" 2>"$WORK/searchd-$N.log" &
SEARCHD_PID=$!
for _ in $(seq 300); do
  curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 "$SEARCHD_PID" 2>/dev/null || { echo "kb-searchd exited:" >&2; tail -5 "$WORK/searchd-$N.log" >&2; exit 1; }
  sleep 0.1
done
latency=$(python3 bench/scale/latency.py "http://127.0.0.1:$PORT" --label "$N")

field() { echo "$latency" | tr '\t' '\n' | sed -n "s/^$1=//p"; }
printf '| %s | %s | %.1f | %.1f | %.0f | %d | %s | %.2f | %s | %s | %s | %s | %s |\n' \
  "$N" "$text_mb" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$N / $wall" | bc -l)" $((rss / 1024)) \
  "$index_mb" "$(echo "$index_mb / $text_mb" | bc -l)" "$(field median_ms)" "$(field p95_ms)" \
  "$(field p99_ms)" "$(field errors)" "$(field mean_total_hits)"
