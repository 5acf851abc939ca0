#!/usr/bin/env bash
# Indexing throughput, side by side in one run on the same files:
#   kb-indexer (first run and unchanged rerun), Xapian Omega's omindex, Recoll's recollindex,
#   and the floor: Poppler's pdftotext over every PDF.
# Usage: bench/indexing/compare.sh [DOCS_DIR] [BUILD_DIR]   (defaults: ../shared/corpus/docs, build)
# Prints a Markdown table; wall and CPU (user+sys, children included) from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCS=$(realpath "${1:-../shared/corpus/docs}")
BUILD=$(realpath "${2:-build}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# measure NAME CMD...: appends "NAME wall cpu maxrss_kb" to $WORK/results
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "$name failed:"; tail -5 "$WORK/$name.err"; }
  read -r wall user sys rss <"$WORK/time"
  echo "$name $wall $(echo "$user + $sys" | bc) $rss" >>"$WORK/results"
}

pdfs=$(find "$DOCS" -type f -iname '*.pdf' | wc -l)
files=$(find "$DOCS" -type f \( -iname '*.pdf' -o -iname '*.txt' -o -iname '*.md' \) | wc -l)
mb=$(du -sm "$DOCS" | cut -f1)

measure kb-indexer "$BUILD/indexer/kb-indexer" --db "$WORK/kb" --progress log "$DOCS"
measure kb-indexer-rerun "$BUILD/indexer/kb-indexer" --db "$WORK/kb" --progress log "$DOCS"
measure omindex omindex --db "$WORK/omega" --url / --stemmer=dutch --mime-type=md:text/plain "$DOCS"
mkdir -p "$WORK/recoll"
cat >"$WORK/recoll/recoll.conf" <<CONF
topdirs = $DOCS
dbdir = $WORK/recoll/xapiandb
indexstemminglanguages = dutch
CONF
measure recollindex env RECOLL_CONFDIR="$WORK/recoll" recollindex -c "$WORK/recoll" -z
# The floor: text extraction alone, one pdftotext per PDF, sequentially (CPU time is what counts).
find "$DOCS" -type f -iname '*.pdf' -print0 >"$WORK/pdfs"
measure pdftotext sh -c "xargs -0 -I{} pdftotext -q {} /dev/null <'$WORK/pdfs'"

size_kb() { du -sk "$1" 2>/dev/null | cut -f1; }
echo "Corpus: $DOCS ($files files, $pdfs PDF, ${mb} MB); $(nproc) cores; $(date -u +%F)"
echo
echo "| tool | wall s | CPU s | peak RSS MB | index MB | wall vs kb-indexer | CPU vs kb-indexer |"
echo "|---|---|---|---|---|---|---|"
read -r _ kb_wall kb_cpu _ < <(grep '^kb-indexer ' "$WORK/results")
while read -r name wall cpu rss; do
  case $name in
    kb-indexer|kb-indexer-rerun) idx=$(size_kb "$WORK/kb") ;;
    omindex) idx=$(size_kb "$WORK/omega") ;;
    recollindex) idx=$(size_kb "$WORK/recoll/xapiandb") ;;
    *) idx="" ;;
  esac
  printf "| %s | %.2f | %.2f | %d | %s | %.2fx | %.2fx |\n" "$name" "$wall" "$cpu" $((rss / 1024)) \
    "${idx:+$((idx / 1024))}" "$(echo "$wall / $kb_wall" | bc -l)" "$(echo "$cpu / $kb_cpu" | bc -l)"
done <"$WORK/results"
echo
echo "kb-indexer summary: $(tail -1 "$WORK/kb-indexer.out")"
echo "kb-indexer rerun:   $(tail -1 "$WORK/kb-indexer-rerun.out")"
