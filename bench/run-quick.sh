#!/usr/bin/env bash
# The quick benchmarks (minutes, not hours), one after the other, for `make bench`:
#   1. indexing throughput against omindex, recollindex and pdftotext (bench/indexing/compare.sh)
#   2. the analysis pipeline against Xapian's TermGenerator (bench/analysis, kb-bench-analysis)
#   3. relevance on legal-dutch-aqa against Xapian BM25 and Omega (bench/relevance/run.sh)
#   4. scale at 10k generated documents (bench/scale/run.sh 10000)
#   5. kb-searchd under load, if bench/searchd/ provides a quick run
# Usage: bench/run-quick.sh [BUILD_DIR]   (default: build; the binaries must be built)
# Full targets: bench/scale/run.sh 100000 and 1000000; see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
for binary in indexer/kb-indexer indexer/kb-extract-worker searchd/kb-searchd; do
  if [ ! -x "$BUILD/$binary" ]; then
    echo "run-quick: $BUILD/$binary is missing; build first (make build, or cmake --build $BUILD)" >&2
    exit 1
  fi
done
if ! /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
  echo "run-quick: the relevance baselines need python3-xapian (apt-get install python3-xapian)" >&2
  exit 1
fi

echo "# Benchmarks, $(date -u '+%F %H:%M') UTC, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## Indexing throughput (../shared/corpus/docs)"
bench/indexing/compare.sh ../shared/corpus/docs "$BUILD"
echo
echo "## Analysis speed against Xapian's TermGenerator (laws, one thread)"
"$BUILD/bench/kb-bench-analysis"
echo
echo "## Relevance (legal-dutch-aqa)"
bench/relevance/run.sh "$BUILD"
echo
echo "## Scale (10k generated documents)"
echo "| docs | text MB | index wall s | index CPU s | docs/s | peak RSS MB | index MB | index/text | median ms | p95 ms | p99 ms | errors | mean hits |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
bench/scale/run.sh 10000 "$BUILD"
for quick in bench/searchd/run-quick.sh bench/searchd/quick.sh bench/searchd/run.sh; do
  if [ -x "$quick" ]; then
    echo
    echo "## Query load (kb-searchd, $quick)"
    "$quick" "$BUILD" 10s
    break
  fi
done
