#!/usr/bin/env bash
# Indexing throughput, side by side on the same files, in rounds:
#   kb-indexer (first run and unchanged rerun), Xapian Omega's omindex, Recoll's recollindex,
#   and the floor: Poppler's pdftotext over every PDF.
# Usage: bench/indexing/compare.sh [DOCS_DIR] [BUILD_DIR] [ROUNDS]
#   (defaults: ../shared/corpus/docs, build, 3)
# Each round runs every tool once, one after the other, into fresh folders; the two goal ratios
# (omindex wall / kb-indexer wall, kb-indexer CPU / pdftotext CPU) are taken within a round, so
# both sides saw the same machine. Prints one table of medians over the rounds and one line
# per round. Wall and CPU (user+sys, children included) come from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCS=$(realpath "${1:-../shared/corpus/docs}")
BUILD=$(realpath "${2:-build}")
ROUNDS=${3:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# measure ROUND NAME CMD...: appends "ROUND NAME wall cpu maxrss_kb" to $WORK/results
measure() {
  local round=$1 name=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "$name failed:"; tail -5 "$WORK/$name.err"; }
  read -r wall user sys rss <"$WORK/time"
  echo "$round $name $wall $(echo "$user + $sys" | bc) $rss" >>"$WORK/results"
}

pdfs=$(find "$DOCS" -type f -iname '*.pdf' | wc -l)
files=$(find "$DOCS" -type f \( -iname '*.pdf' -o -iname '*.txt' -o -iname '*.md' \) | wc -l)
mb=$(du -sm "$DOCS" | cut -f1)
find "$DOCS" -type f -iname '*.pdf' -print0 >"$WORK/pdfs"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

for round in $(seq "$ROUNDS"); do
  rm -rf "$WORK/kb" "$WORK/omega" "$WORK/recoll"
  measure "$round" kb-indexer "$BUILD/indexer/kb-indexer" --db "$WORK/kb" --progress log "$DOCS"
  measure "$round" kb-indexer-rerun "$BUILD/indexer/kb-indexer" --db "$WORK/kb" --progress log "$DOCS"
  measure "$round" omindex omindex --db "$WORK/omega" --url / --stemmer=dutch \
    --mime-type=md:text/plain "$DOCS"
  mkdir -p "$WORK/recoll"
  cat >"$WORK/recoll/recoll.conf" <<CONF
topdirs = $DOCS
dbdir = $WORK/recoll/xapiandb
indexstemminglanguages = dutch
CONF
  measure "$round" recollindex env RECOLL_CONFDIR="$WORK/recoll" recollindex -c "$WORK/recoll" -z
  # The floor: text extraction alone, one pdftotext per PDF, sequentially (CPU time counts).
  measure "$round" pdftotext sh -c "xargs -0 -I{} pdftotext -q {} /dev/null <'$WORK/pdfs'"
done

size_kb() { du -sk "$1" 2>/dev/null | cut -f1; }
# median COLUMN NAME: the median of one column of one tool's rounds
median() {
  awk -v n="$2" -v c="$1" '$2 == n { print $c }' "$WORK/results" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
kb_wall=$(median 3 kb-indexer)
kb_cpu=$(median 4 kb-indexer)
echo "Corpus: $DOCS ($files files, $pdfs PDF, ${mb} MB); $(nproc) cores; $(date -u +%F);" \
     "$ROUNDS rounds, medians; load before: $LOAD_BEFORE"
echo
echo "| tool | wall s | CPU s | peak RSS MB | index MB | wall vs kb-indexer | CPU vs kb-indexer |"
echo "|---|---|---|---|---|---|---|"
for name in kb-indexer kb-indexer-rerun omindex recollindex pdftotext; do
  case $name in
    kb-indexer|kb-indexer-rerun) idx=$(size_kb "$WORK/kb") ;;
    omindex) idx=$(size_kb "$WORK/omega") ;;
    recollindex) idx=$(size_kb "$WORK/recoll/xapiandb") ;;
    *) idx="" ;;
  esac
  wall=$(median 3 "$name")
  cpu=$(median 4 "$name")
  rss=$(median 5 "$name")
  printf "| %s | %.2f | %.2f | %d | %s | %.2fx | %.2fx |\n" "$name" "$wall" "$cpu" \
    "$(printf '%.0f' "$(echo "$rss / 1024" | bc -l)")" "${idx:+$((idx / 1024))}" \
    "$(echo "$wall / $kb_wall" | bc -l)" "$(echo "$cpu / $kb_cpu" | bc -l)"
done
echo
echo "Goal ratios per round (issue 2: omindex wall / kb-indexer wall >= 3; kb-indexer CPU /" \
     "pdftotext CPU <= 1.5):"
for round in $(seq "$ROUNDS"); do
  awk -v r="$round" '$1 == r { wall[$2] = $3; cpu[$2] = $4 }
    END { printf "round %d: omindex/kb wall %.2fx (%.2f / %.2f s); kb/pdftotext CPU %.2fx (%.2f / %.2f s)\n",
          r, wall["omindex"] / wall["kb-indexer"], wall["omindex"], wall["kb-indexer"],
          cpu["kb-indexer"] / cpu["pdftotext"], cpu["kb-indexer"], cpu["pdftotext"] }' "$WORK/results"
done
# The medians of the per-round ratios: the figures to quote against the goals.
awk '{ wall[$1, $2] = $3; cpu[$1, $2] = $4; rounds[$1] = 1 }
  END { for (r in rounds) print wall[r, "omindex"] / wall[r, "kb-indexer"],
                                cpu[r, "kb-indexer"] / cpu[r, "pdftotext"] }' "$WORK/results" >"$WORK/ratios"
middle() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf "median of the rounds: omindex/kb wall %.2fx, kb/pdftotext CPU %.2fx\n" \
  "$(cut -d' ' -f1 "$WORK/ratios" | middle)" "$(cut -d' ' -f2 "$WORK/ratios" | middle)"
echo
echo "kb-indexer summary: $(tail -1 "$WORK/kb-indexer.out")"
echo "kb-indexer rerun:   $(tail -1 "$WORK/kb-indexer-rerun.out")"
