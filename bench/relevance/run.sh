#!/usr/bin/env bash
# Relevance on legal-dutch-aqa (102 Dutch questions, 4,653 law articles, judged):
# kb-indexer + kb-searchd over HTTP, against plain Xapian BM25 (dutch stemmer, and no stemmer)
# and Xapian Omega (omindex + the omega CGI), all on the same article files.
# Usage: bench/relevance/run.sh [--ours-only] [--text] [BUILD_DIR] [OUT_DIR]
#   (defaults: build, bench/relevance/results). --ours-only runs kb-searchd alone (about 30 s),
#   for trying an analysis change; the full run adds the diagnostic and the baselines. --text
#   writes the articles as plain text files (title on the first line) instead of Markdown.
# Prints nDCG@10, MRR@10 and R@100 per system (kb-searchd-or is a diagnostic: the question's words
# joined with OR, to separate the default operator from the analysis); OUT_DIR gets the runs, per-query figures and
# per-query.tsv (all systems side by side, worst first) for ANALYSIS.md.
# Needs python3-xapian (/usr/bin/python3) for the BM25 baseline and the id map, and xapian-omega.
set -euo pipefail
cd "$(dirname "$0")/../.."
OURS_ONLY=
LAYOUT=
if [ "${1:-}" = "--ours-only" ]; then OURS_ONLY=1; shift; fi
if [ "${1:-}" = "--text" ]; then LAYOUT=--text; shift; fi
BUILD=$(realpath "${1:-build}")
OUT=$(realpath -m "${2:-bench/relevance/results}")
DATA=$(realpath ../shared/refdata/ir/legal-dutch-aqa)
HERE=bench/relevance
WORK=$(mktemp -d)
SEARCHD_PID=
cleanup() {
  if [ -n "$SEARCHD_PID" ]; then kill "$SEARCHD_PID" 2>/dev/null || true; wait "$SEARCHD_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

python3 "$HERE/make_articles.py" "$DATA/knowledge_corpus_small.csv" "$WORK/articles" $LAYOUT >/dev/null

# Ours: index, serve, ask over HTTP.
"$BUILD/indexer/kb-indexer" --db "$WORK/kb" --data corpus --progress log "$WORK/articles" \
  >"$WORK/indexer.log" 2>&1 || { tail -5 "$WORK/indexer.log"; exit 1; }
echo "kb-indexer: $(tail -1 "$WORK/indexer.log")"
/usr/bin/python3 "$HERE/index_id_map.py" "$WORK/kb" >"$WORK/ids.tsv"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BUILD/searchd/kb-searchd" --db "$WORK/kb" --listen "127.0.0.1:$PORT" 2>"$WORK/searchd.log" &
SEARCHD_PID=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 "$SEARCHD_PID" 2>/dev/null || { echo "kb-searchd exited:"; tail -5 "$WORK/searchd.log"; exit 1; }
  sleep 0.1
done
python3 "$HERE/searchd_run.py" "http://127.0.0.1:$PORT" "$DATA/queries.tsv" "$WORK/ids.tsv" \
  "$OUT/kb-searchd.run" --details "$OUT/kb-searchd.details.tsv"
if [ -n "$OURS_ONLY" ]; then
  kill "$SEARCHD_PID"; wait "$SEARCHD_PID" 2>/dev/null || true; SEARCHD_PID=
  python3 "$HERE/evaluate.py" "$DATA/qrels.trec" "$OUT/kb-searchd.run" --label kb-searchd \
    --per-query "$OUT/kb-searchd.per-query.tsv"
  exit 0
fi
# Diagnostic only (not the evaluation): the same words joined with OR.
python3 "$HERE/searchd_run.py" "http://127.0.0.1:$PORT" "$DATA/queries.tsv" "$WORK/ids.tsv" \
  "$OUT/kb-searchd-or.run" --details "$OUT/kb-searchd-or.details.tsv" --or-words
kill "$SEARCHD_PID"; wait "$SEARCHD_PID" 2>/dev/null || true; SEARCHD_PID=
# Which query terms the relevant articles lack (for ANALYSIS.md).
if [ -x "$BUILD/analyzers/kb-analyze" ]; then
  /usr/bin/python3 "$HERE/term_coverage.py" "$WORK/kb" "$BUILD/analyzers/kb-analyze" "$DATA" \
    >"$OUT/term-coverage.tsv"
fi

# Baselines on the same files.
/usr/bin/python3 "$HERE/bm25_baseline.py" "$WORK/articles" "$DATA/queries.tsv" "$OUT/bm25-dutch.run" --stemmer dutch
/usr/bin/python3 "$HERE/bm25_baseline.py" "$WORK/articles" "$DATA/queries.tsv" "$OUT/bm25-none.run" --stemmer none
python3 "$HERE/omega_baseline.py" "$WORK/articles" "$DATA/queries.tsv" "$OUT/omega-or.run" --work "$WORK/omega"

echo
printf '| system | nDCG@10 | MRR@10 | R@100 |\n|---|---|---|---|\n'
for system in kb-searchd kb-searchd-or bm25-dutch bm25-none omega-or; do
  python3 "$HERE/evaluate.py" "$DATA/qrels.trec" "$OUT/$system.run" --label "$system" \
    --per-query "$OUT/$system.per-query.tsv" |
    awk -F'\t' '{ for (i = 3; i <= 5; i++) sub(/.*=/, "", $i); printf "| %s | %s | %s | %s |\n", $1, $3, $4, $5 }'
done
python3 "$HERE/compare_queries.py" "$DATA" "$OUT" >"$OUT/per-query.tsv"
echo
echo "per-query comparison (worst for kb-searchd first): $OUT/per-query.tsv"
