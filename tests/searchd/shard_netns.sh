#!/usr/bin/env bash
# Shards across network namespaces (issue 23; ctest shard_netns): three shard hosts, each a stock
# xapian-tcpsrv in a network namespace of its own, and one searcher namespace, linked by veth
# pairs. kb-indexer --shard I/3 writes the shards from ../shared/corpus/docs; kb-searchd --shard
# searches them from the searcher namespace.
#  1. Every query and filter of shard_compare.py answers over the shards as over one index of
#     the same documents (total, facets, top 10).
#  2. One shard down (its xapian-tcpsrv killed): every answer is HTTP 200 within the time limit,
#     says it is partial and which shard failed, and equals the answer of the two other shards.
#  3. One more shard frozen (SIGSTOP, so it accepts connections and never answers): the same,
#     within the time limit, without both.
#  4. Both back: after kShardRetry the answers are complete again.
# /metrics counts the failed shards (2, then 0).
# Usage: shard_netns.sh KB_INDEXER KB_SEARCHD DOCS_DIR SINGLE_INDEX
# Needs root (ip netns); exits 77 (skipped) without it.
set -euo pipefail
indexer=$1
searchd=$2
docs=$3
single_index=$4
here=$(cd "$(dirname "$0")" && pwd)
timeout_ms=1000
# A search may wait once for the frozen shard and once for its reconnection: 2 timeouts, plus
# the search itself.
max_seconds=3.5

if [ "$(id -u)" != 0 ]; then
  echo "shard_netns: needs root for ip netns; skipped" >&2
  exit 77
fi
tag=$$
ns_q="kbq$tag"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -CONT -- "-$pid" 2>/dev/null || true; kill -- "-$pid" 2>/dev/null || true; done
  for ns in "$ns_q" "kbs${tag}0" "kbs${tag}1" "kbs${tag}2"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns_q" 2>"$work/netns.err"; then
  echo "shard_netns: ip netns does not work here ($(cat "$work/netns.err")); skipped" >&2
  exit 77
fi
ip netns exec "$ns_q" ip link set lo up

echo "== indexing three shards"
for i in 0 1 2; do
  "$indexer" --db "$work/shard-$i" --shard "$i/3" --progress log "$docs" >"$work/indexer-$i.log" 2>&1 ||
    { cat "$work/indexer-$i.log" >&2; exit 1; }
  tail -1 "$work/indexer-$i.log"
done
cp -r "$single_index" "$work/single"

echo "== three shard namespaces, each linked to the searcher's by a veth pair"
address=()
for i in 0 1 2; do
  ns="kbs$tag$i"
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  ip link add "kq$tag$i" type veth peer name "ks$tag$i"
  ip link set "kq$tag$i" netns "$ns_q"
  ip link set "ks$tag$i" netns "$ns"
  ip netns exec "$ns_q" ip addr add "10.231.$i.1/24" dev "kq$tag$i"
  ip netns exec "$ns_q" ip link set "kq$tag$i" up
  ip netns exec "$ns" ip addr add "10.231.$i.2/24" dev "ks$tag$i"
  ip netns exec "$ns" ip link set "ks$tag$i" up
  address[$i]="10.231.$i.2:7700"
done

start_shard() {  # start_shard I: xapian-tcpsrv for shard I in its namespace (own process group)
  ip netns exec "kbs$tag$1" setsid xapian-tcpsrv --port 7700 --interface "10.231.$1.2" \
    "$work/shard-$1" >"$work/tcpsrv-$1.log" 2>&1 </dev/null &
  shard_pid[$1]=$!
  pids+=("$!")
}
declare -a shard_pid
for i in 0 1 2; do start_shard "$i"; done

start_searchd() {  # start_searchd PORT ARGS...: kb-searchd in the searcher's namespace
  local port=$1
  shift
  ip netns exec "$ns_q" setsid "$searchd" --listen "127.0.0.1:$port" --quiet \
    --shard-timeout "$timeout_ms" "$@" >"$work/searchd-$port.log" 2>&1 </dev/null &
  pids+=("$!")
  for _ in $(seq 100); do
    if ip netns exec "$ns_q" curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "kb-searchd on port $port did not start:" >&2
  cat "$work/searchd-$port.log" >&2
  exit 1
}
start_searchd 8400 --db "$work/single"
start_searchd 8401 --shard "${address[0]}" --shard "${address[1]}" --shard "${address[2]}"
start_searchd 8402 --shard "${address[0]}" --shard "${address[2]}"
start_searchd 8403 --shard "${address[0]}"
compare() { ip netns exec "$ns_q" /usr/bin/python3 "$here/shard_compare.py" --max-seconds "$max_seconds" "$@"; }
failed_metric() {  # EXPECTED: /metrics of the sharded kb-searchd counts that many failed shards
  local line
  line=$(ip netns exec "$ns_q" curl -fs http://127.0.0.1:8401/metrics | grep '^kb_shards_failed ')
  if [ "$line" != "kb_shards_failed $1" ]; then
    echo "/metrics says '$line', not kb_shards_failed $1" >&2
    exit 1
  fi
}

echo "== 1. three shards against one index"
compare http://127.0.0.1:8400 http://127.0.0.1:8401

echo "== 2. shard 1 down"
kill -- "-${shard_pid[1]}"
compare --failed "${address[1]}" http://127.0.0.1:8402 http://127.0.0.1:8401

echo "== 3. shard 2 frozen as well"
kill -STOP -- "-${shard_pid[2]}"
compare --failed "${address[1]}" --failed "${address[2]}" http://127.0.0.1:8403 http://127.0.0.1:8401
failed_metric 2

echo "== 4. both back"
kill -CONT -- "-${shard_pid[2]}"
start_shard 1
sleep 6  # kShardRetry (5 s): kb-searchd tries them again and the searches follow
compare http://127.0.0.1:8400 http://127.0.0.1:8401
failed_metric 0
echo "shard_netns: passed"
