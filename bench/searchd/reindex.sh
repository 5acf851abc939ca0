#!/usr/bin/env bash
# Search latency while kb-indexer re-indexes the index being served (issue 15/23: "the p99 at
# 64 connections during a full re-index is within 2x of the idle p99").
#
#   bench/searchd/reindex.sh [BUILD_DIR] [DURATION] [-- extra kb-indexer flags]
#
# 1. Copies ../shared/corpus/docs to a work folder, indexes it, serves it (16 workers).
# 2. wrk -c64 for DURATION (default 20s) through bench/searchd/queries.tsv: the idle figures.
# 3. Appends a newline to every file (new content, so each is extracted and replaced again: a
#    full re-index), starts kb-indexer on the served index and runs the same wrk while it works.
# Prints both rows (requests/s, p50, p99, max, non-200) and the p99 ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
DURATION=${2:-20s}
shift $(($# < 2 ? $# : 2))
[ "${1:-}" = "--" ] && shift
INDEXER_FLAGS=("$@")
CORPUS=${KB_SHARED_DIR:-../shared}/corpus/docs
PORT=${KB_BENCH_PORT:-18390}
command -v wrk >/dev/null || { echo "reindex.sh: wrk is not installed (make bench installs it)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/kb-reindex-bench-XXXXXX)
KB_PID=""
INDEXER_PID=""
cleanup() {
  [ -n "$KB_PID" ] && kill "$KB_PID" 2>/dev/null || true
  [ -n "$INDEXER_PID" ] && kill "$INDEXER_PID" 2>/dev/null || true
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

cp -r "$CORPUS" "$WORK/corpus"
grep -v '^#' bench/searchd/queries.tsv | cut -f1 | sed 's|^|/api/search?|' >"$WORK/paths"
"$BUILD/indexer/kb-indexer" --progress log --db "$WORK/db" "$WORK/corpus" >"$WORK/first.log" 2>&1
"$BUILD/searchd/kb-searchd" --db "$WORK/db" --listen "127.0.0.1:$PORT" --threads 16 --quiet \
  2>"$WORK/searchd.log" &
KB_PID=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health" && break; sleep 0.1; done
while read -r path; do curl -sf -o /dev/null "http://127.0.0.1:$PORT$path" || true; done <"$WORK/paths"

measure() {  # NAME
  KB_BENCH_PATHS="$WORK/paths" wrk -t2 -c64 -d"$DURATION" --timeout 10s \
    -s bench/searchd/search.lua "http://127.0.0.1:$PORT" | grep '^RESULT' | sed "s/^RESULT/$1/"
}

IDLE=$(measure idle)
echo "$IDLE"
find "$WORK/corpus" -type f -exec sh -c 'for f; do printf "\n" >>"$f"; done' sh {} +
START=$(date +%s.%N)
"$BUILD/indexer/kb-indexer" --progress log --db "$WORK/db" "${INDEXER_FLAGS[@]}" "$WORK/corpus" \
  >"$WORK/second.log" 2>&1 &
INDEXER_PID=$!
sleep 1
BUSY=$(measure reindexing)
echo "$BUSY"
if kill -0 "$INDEXER_PID" 2>/dev/null; then
  echo "reindex.sh: kb-indexer was still running when wrk ended (the figures cover its run)"
else
  echo "reindex.sh: kb-indexer ended before wrk: make DURATION shorter than its run" >&2
fi
wait "$INDEXER_PID" || { echo "reindex.sh: kb-indexer failed:"; tail -5 "$WORK/second.log"; }
INDEXER_PID=""
END=$(date +%s.%N)
echo "re-index took $(echo "$END - $START" | bc) s for $(find "$WORK/corpus" -type f | wc -l) files: $(tail -1 "$WORK/second.log")"
p99() { sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$1"; }
echo "p99 ratio (reindexing / idle): $(echo "scale=2; $(p99 "$BUSY") / $(p99 "$IDLE")" | bc)"
