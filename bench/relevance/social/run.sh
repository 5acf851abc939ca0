#!/usr/bin/env bash
# The social-domain development set: kb-searchd, Omega (omindex + quest) and Recoll on
# ../shared/corpus/docs, nDCG@10 / Recall@10 / MRR@10 per query kind (see evaluate.py).
# Usage: bench/relevance/social/run.sh [BUILD_DIR] [WORK_DIR]
#   WORK_DIR keeps the peers' indexes between runs (default: a temporary directory).
# Needs python3-xapian (/usr/bin/python3), xapian-omega, recoll and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BUILD=$(realpath "${1:-build}")
args=(--build "$BUILD" --out bench/relevance/social/results)
if [ -n "${2:-}" ]; then args+=(--work "$2"); fi
exec /usr/bin/python3 bench/relevance/social/evaluate.py "${args[@]}"
