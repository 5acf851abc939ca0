#!/usr/bin/env bash
# kb-indexer --watch under many file events: its resident memory before and after EVENTS file
# events (files created, then deleted, in batches), and the time from the last event to an index
# that holds what is left.
#   bash bench/watch/memory.sh BUILD [EVENTS]
set -euo pipefail
build=${1:?usage: memory.sh BUILD [EVENTS]}
events=${2:-10000}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
echo "Het wijkteam helpt gezinnen met schulden." > "$work/corpus/begin.txt"
"$build/indexer/kb-indexer" --progress log --watch --watch-quiet 200 --db "$work/db" \
  "$work/corpus" > "$work/out.log" 2> "$work/err.log" &
pid=$!
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
until grep -q '^indexed' "$work/out.log"; do sleep 0.1; done
before=$(rss)
# Each file gives two events (create, close_write), and half of them are deleted again (one
# more): 2.5 events per file.
files=$((events * 2 / 5))
for ((i = 0; i < files; i++)); do
  echo "Notitie $i over eenzaamheid en mantelzorg in de wijk." > "$work/corpus/n$i.txt"
  if ((i % 2 == 1)); then rm "$work/corpus/n$((i - 1)).txt"; fi
done
last_event=$(date +%s.%N)
expected=$((files - files / 2 + 1))  # what is left, and begin.txt
until [ "$(xapian-delve "$work/db" 2>/dev/null | sed -n 's/^number of documents = //p')" = "$expected" ]; do
  sleep 0.1
done
settled=$(date +%s.%N)
sleep 1
after=$(rss)
runs=$(grep -c '^indexed' "$work/out.log")
echo "events: about $((files * 2 + files / 2)) ($files files written, $((files / 2)) deleted)"
echo "runs: $runs; index settled $(echo "$settled - $last_event" | bc -l | cut -c1-5) s after the last event"
echo "resident memory: ${before} KB before, ${after} KB after"
