#!/usr/bin/env bash
# Query latency under load: kb-searchd against Xapian Omega's omega CGI on the same corpus.
#
#   bench/searchd/run.sh [BUILD_DIR] [DURATION]     (defaults: build, 30s)
#
# 1. kb-indexer indexes ../shared/corpus/docs; kb-searchd serves it (16 worker threads).
# 2. wrk -t2 -d$DURATION at 1, 16 and 64 connections, rotating through the query mix of
#    bench/searchd/queries.tsv (free text, provincie/gemeente filters, theme filters with years;
#    facets on, 10 hits with snippets).
# 3. The floor: kb-search-floor runs the same mix through kb_search in-process (no HTTP, no
#    JSON) on 1 and 2 threads.
# 4. omindex indexes the same folder; apache2 runs the omega CGI once per request (as deployed:
#    fork + exec per request) and wrk sends each query's nearest Omega equivalent (second column
#    of queries.tsv: filters become words, DEFAULTOP=and; Omega has no facets).
# Prints one Markdown table row per system and connection count, and the ratios.
# Needs wrk, omindex, apache2; build the kb-search-floor target too.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
DURATION=${2:-30s}
CORPUS=${KB_SHARED_DIR:-../shared}/corpus/docs
PORT_KB=${KB_BENCH_PORT:-18380}
PORT_OMEGA=$((PORT_KB + 1))
LUA=bench/searchd/search.lua
QUERIES=bench/searchd/queries.tsv
CONNECTIONS=${KB_BENCH_CONNECTIONS:-"1 16 64"}

for tool in wrk omindex apache2; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done
for binary in searchd/kb-searchd bench/kb-search-floor; do
  [ -x "$BUILD/$binary" ] || { echo "run.sh: build $BUILD/$binary first" >&2; exit 1; }
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/kb-searchd-bench-XXXXXX)
chmod 755 "$WORK"
KB_PID=""
cleanup() {
  [ -n "$KB_PID" ] && kill "$KB_PID" 2>/dev/null || true
  [ -f "$WORK/httpd.pid" ] && kill "$(cat "$WORK/httpd.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # URL
  for _ in $(seq 100); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "run.sh: $1 does not answer" >&2
  return 1
}

run_wrk() {  # NAME CONNECTIONS URL_BASE PATHS_FILE
  local threads=2
  [ "$2" -lt 2 ] && threads=1
  KB_BENCH_PATHS="$4" wrk -t"$threads" -c"$2" -d"$DURATION" --timeout 10s -s "$LUA" "$3" \
    | grep '^RESULT' | sed "s/^RESULT/$1 $2/"
}

# The two columns of the mix as request paths, one file per system.
grep -v '^#' "$QUERIES" | cut -f1 | sed 's|^|/api/search?|' >"$WORK/kb-paths"
grep -v '^#' "$QUERIES" | cut -f2 | sed 's|^|/cgi-bin/omega?DB=docs\&|' >"$WORK/omega-paths"
LINES=()

# --- kb-searchd ---
"$BUILD/indexer/kb-indexer" --progress log --db "$WORK/kb-index" "$CORPUS" >"$WORK/kb-indexer.log" 2>&1
"$BUILD/searchd/kb-searchd" --db "$WORK/kb-index" --listen "127.0.0.1:$PORT_KB" --threads 16 \
  --quiet 2>"$WORK/kb-searchd.log" &
KB_PID=$!
wait_for "http://127.0.0.1:$PORT_KB/api/health"
while read -r path; do  # warm: facet table, page index, document cache
  curl -sf -o /dev/null "http://127.0.0.1:$PORT_KB$path" || echo "run.sh: $path failed" >&2
done <"$WORK/kb-paths"
for c in $CONNECTIONS; do
  LINES+=("$(run_wrk kb-searchd "$c" "http://127.0.0.1:$PORT_KB" "$WORK/kb-paths")")
done
kill "$KB_PID"
KB_PID=""
FLOOR_SECONDS=${DURATION%s}
for t in 1 2; do
  LINES+=("$("$BUILD/bench/kb-search-floor" --db "$WORK/kb-index" --queries "$QUERIES" \
    --threads "$t" --seconds "$FLOOR_SECONDS" | sed "s/^RESULT/floor-in-process $t/")")
done

# --- omega CGI under apache2 ---
mkdir -p "$WORK/omega/dbs" "$WORK/omega/log" "$WORK/apache"
omindex --db "$WORK/omega/dbs/docs" --url / --stemmer=dutch --mime-type=md:text/plain "$CORPUS" >"$WORK/omindex.log" 2>&1 || true
chmod -R a+rX "$WORK/omega"
cat >"$WORK/omega/omega.conf" <<CONF
database_dir $WORK/omega/dbs
template_dir /usr/share/xapian-omega/templates
log_dir $WORK/omega/log
CONF
MODULES=/usr/lib/apache2/modules
cat >"$WORK/apache/httpd.conf" <<CONF
ServerRoot $WORK/apache
ServerName localhost
Listen 127.0.0.1:$PORT_OMEGA
PidFile $WORK/httpd.pid
ErrorLog $WORK/apache/error.log
LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule alias_module $MODULES/mod_alias.so
LoadModule env_module $MODULES/mod_env.so
LoadModule cgid_module $MODULES/mod_cgid.so
ScriptSock $WORK/apache/cgid.sock
User nobody
Group nogroup
StartServers 2
ThreadsPerChild 16
MaxRequestWorkers 64
SetEnv OMEGA_CONFIG_FILE $WORK/omega/omega.conf
ScriptAlias /cgi-bin/ /usr/lib/cgi-bin/omega/
<Directory /usr/lib/cgi-bin/omega>
  Require all granted
</Directory>
CONF
apache2 -f "$WORK/apache/httpd.conf" -k start
wait_for "http://127.0.0.1:$PORT_OMEGA$(head -1 "$WORK/omega-paths")"
for c in $CONNECTIONS; do
  LINES+=("$(run_wrk omega "$c" "http://127.0.0.1:$PORT_OMEGA" "$WORK/omega-paths")")
done
apache2 -f "$WORK/apache/httpd.conf" -k stop || true

KB_DOCS=$(grep -o 'indexed [0-9]*' "$WORK/kb-indexer.log" | tail -1 | cut -d' ' -f2)
OMEGA_DOCS=$(/usr/bin/python3 -c "import xapian; print(xapian.Database('$WORK/omega/dbs/docs').get_doccount())" 2>/dev/null || echo "?")
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
echo "Corpus: $CORPUS ($KB_DOCS documents in kb-index, $OMEGA_DOCS in the omindex index);" \
     "query mix: $(grep -vc '^#' "$QUERIES") requests of $QUERIES; wrk -d$DURATION;" \
     "$(nproc) cores; load before: $LOAD_BEFORE"
echo
echo "| system | connections (threads) | req/s | median ms | p90 ms | p99 ms | max ms | non-200 | socket errors |"
echo "|---|---|---|---|---|---|---|---|---|"
for line in "${LINES[@]}"; do
  read -r name conns _ <<<"$line"
  echo "| $name | $conns | $(field "$line" rps) | $(field "$line" median_ms) | $(field "$line" p90_ms) |" \
       "$(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" non200) | $(field "$line" socket_errors) |"
done
ratio() { /usr/bin/python3 -c "a=float('$1'); b=float('$2'); print(f'{a/b:.1f}' if b else '?')"; }
line_of() { for line in "${LINES[@]}"; do [[ $line == "$1 $2 "* ]] && echo "$line"; done; return 0; }
echo
for c in $CONNECTIONS; do
  kb=$(line_of kb-searchd "$c")
  om=$(line_of omega "$c")
  echo "- $c connections: kb-searchd $(ratio "$(field "$kb" rps)" "$(field "$om" rps)")x omega's requests/s," \
       "median $(ratio "$(field "$om" median_ms)" "$(field "$kb" median_ms)")x lower," \
       "p99 $(ratio "$(field "$om" p99_ms)" "$(field "$kb" p99_ms)")x lower."
done
floor=$(line_of floor-in-process 2)
best=$(for c in $CONNECTIONS; do field "$(line_of kb-searchd "$c")" rps; done | sort -g | tail -1)
echo "- HTTP + JSON cost: kb-searchd's best req/s is $(ratio "$best" "$(field "$floor" rps)")x the" \
     "in-process floor on 2 threads; at 1 connection the median is" \
     "$(ratio "$(field "$(line_of kb-searchd 1)" median_ms)" "$(field "$(line_of floor-in-process 1)" median_ms)")x the floor's on 1 thread."
