#!/usr/bin/env bash
# The corpus_index fixture of ctest (tests/CMakeLists.txt): indexes ../shared/corpus/docs once
# with the real kb-indexer into OUT/db, then marks OUT/complete. The tests that need the whole
# corpus indexed copy it (tests/support/corpus_index.h).
# Usage: corpus_index.sh KB_INDEXER DOCS_DIR OUT
set -euo pipefail
indexer=$1
docs=$2
out=$3
rm -rf "$out"
mkdir -p "$out"
if ! "$indexer" --db "$out/db" --progress log "$docs" >"$out/indexer.log" 2>&1; then
  echo "kb-indexer failed on $docs; its output:" >&2
  cat "$out/indexer.log" >&2
  exit 1
fi
touch "$out/complete"
