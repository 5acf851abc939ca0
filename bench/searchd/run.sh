#!/usr/bin/env bash
# Query latency under load: kb-searchd against Xapian Omega's omega CGI on the same corpus.
#
#   bench/searchd/run.sh [BUILD_DIR] [DURATION]     (defaults: build, 30s)
#
# 1. kb-indexer indexes ../shared/corpus/docs; kb-searchd serves it (16 worker threads).
# 2. wrk -t2 -c16 -d$DURATION on /api/search?q=jeugdhulp&provincie=Groningen (facets on, 10 hits
#    with snippets).
# 3. omindex indexes the same folder; apache2 runs the omega CGI once per request (as deployed:
#    fork + exec per request) and wrk sends the nearest Omega equivalent: P=jeugdhulp groningen
#    with DEFAULTOP=and (omindex has no provincie filter terms, and Omega has no facets).
# Prints one Markdown table row per system and the ratio. Needs wrk, omindex, apache2, pdftotext.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
DURATION=${2:-30s}
CORPUS=${KB_SHARED_DIR:-../shared}/corpus/docs
PORT_KB=${KB_BENCH_PORT:-18380}
PORT_OMEGA=$((PORT_KB + 1))
LUA=bench/searchd/search.lua

for tool in wrk omindex apache2; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$BUILD/searchd/kb-searchd" ] || { echo "run.sh: build $BUILD/searchd/kb-searchd first" >&2; exit 1; }

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

run_wrk() {  # NAME URL_BASE PATH
  KB_BENCH_PATH="$3" wrk -t2 -c16 -d"$DURATION" --timeout 10s -s "$LUA" "$2" \
    | grep '^RESULT' | sed "s/^RESULT/$1/"
}

# --- kb-searchd ---
"$BUILD/indexer/kb-indexer" --progress log --db "$WORK/kb-index" "$CORPUS" >"$WORK/kb-indexer.log" 2>&1
"$BUILD/searchd/kb-searchd" --db "$WORK/kb-index" --listen "127.0.0.1:$PORT_KB" --threads 16 \
  --quiet 2>"$WORK/kb-searchd.log" &
KB_PID=$!
KB_PATH="/api/search?q=jeugdhulp&provincie=Groningen"
wait_for "http://127.0.0.1:$PORT_KB/api/health"
curl -sf -o /dev/null "http://127.0.0.1:$PORT_KB$KB_PATH"  # warm: facet table, page index
KB_LINE=$(run_wrk kb-searchd "http://127.0.0.1:$PORT_KB" "$KB_PATH")
kill "$KB_PID"
KB_PID=""

# --- omega CGI under apache2 ---
mkdir -p "$WORK/omega/dbs" "$WORK/omega/log" "$WORK/apache"
omindex --db "$WORK/omega/dbs/docs" --url / --mime-type=md:text/plain "$CORPUS" >"$WORK/omindex.log" 2>&1 || true
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
OMEGA_PATH="/cgi-bin/omega?DB=docs&P=jeugdhulp%20groningen&DEFAULTOP=and"
wait_for "http://127.0.0.1:$PORT_OMEGA$OMEGA_PATH"
OMEGA_LINE=$(run_wrk omega "http://127.0.0.1:$PORT_OMEGA" "$OMEGA_PATH")
apache2 -f "$WORK/apache/httpd.conf" -k stop || true

KB_DOCS=$(grep -o 'indexed [0-9]*' "$WORK/kb-indexer.log" | tail -1 | cut -d' ' -f2)
OMEGA_DOCS=$(/usr/bin/python3 -c "import xapian; print(xapian.Database('$WORK/omega/dbs/docs').get_doccount())" 2>/dev/null || echo "?")
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
echo "Corpus: $CORPUS ($KB_DOCS documents in kb-index, $OMEGA_DOCS in the omindex index);" \
     "wrk -t2 -c16 -d$DURATION; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| system | request | req/s | median ms | p90 ms | p99 ms | max ms | non-200 | socket errors |"
echo "|---|---|---|---|---|---|---|---|---|"
for line in "$KB_LINE" "$OMEGA_LINE"; do
  name=${line%% *}
  path=$KB_PATH
  [ "$name" = omega ] && path=$OMEGA_PATH
  echo "| $name | \`$path\` | $(field "$line" rps) | $(field "$line" median_ms) | $(field "$line" p90_ms) |" \
       "$(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" non200) | $(field "$line" socket_errors) |"
done
ratio() { /usr/bin/python3 -c "a=float('$1'); b=float('$2'); print(f'{a/b:.1f}' if b else '?')"; }
echo
echo "kb-searchd vs omega: $(ratio "$(field "$KB_LINE" rps)" "$(field "$OMEGA_LINE" rps)")x the requests/s," \
     "p99 $(ratio "$(field "$OMEGA_LINE" p99_ms)" "$(field "$KB_LINE" p99_ms)")x lower," \
     "median $(ratio "$(field "$OMEGA_LINE" median_ms)" "$(field "$KB_LINE" median_ms)")x lower."
