#!/bin/sh
# Lists every pair of documents in ../shared/corpus/docs whose estimated MinHash similarity is at
# least 0.2 (compared exhaustively, not through the LSH bands), most similar first, for choosing
# the near-duplicate thresholds (kb/index/duplicate_finder.h) and judging the pairs
# (tests/indexer/data/duplicate_pairs.tsv), and the CPU cost of the signatures. Runs the duplicates
# test, which indexes the corpus with the real kb-indexer.
#   bench/duplicates/run.sh [BUILD_DIR] [OUT_FILE]
set -eu
build=${1:-build}
out=${2:-bench/duplicates/pairs.tsv}
cmake --build "$build" --target test_index_duplicates >/dev/null
report=$(mktemp)
KB_DUPLICATES_REPORT="$report" "$build/tests/indexer/test_index_duplicates" \
  "near-duplicates in the corpus are proposed with the judged precision" >/dev/null || true
sort -t "$(printf '\t')" -k1,1gr "$report" > "$out"
rm -f "$report"
echo "$(wc -l < "$out") pairs with similarity >= 0.2 in $out"
# The CPU the signatures cost, against the analysis of the same texts.
"$build/tests/indexer/test_index_duplicates" "[bench]" | grep '^documents'
