#!/usr/bin/env bash
# The Debian package in a clean Debian 12 root: installs the .deb of `make package` into a root
# that debootstrap makes (or one unpacked from a cached tarball of it), with apt resolving its
# dependencies from Debian, then, inside that root and as the service user the units run as:
#   1. the installed kb-indexer --watch (with the installed /etc/wat-weten-we-al/config.toml)
#      indexes the installed sample corpus copied into /srv/wat-weten-we-al/corpus into
#      /var/lib/wat-weten-we-al/index;
#   2. the installed kb-searchd serves it (/api/health, /api/search, the web page);
#   3. a PDF copied into the corpus folder is searchable within 5 s (the figure is printed).
# systemd does not run in a chroot, so the programs run as the units' ExecStart lines say, as
# user kb (runuser); the units themselves are checked by tests/systemd_check.sh.
#
# Usage (as root): tests/package_check.sh PACKAGE.deb [ROOT.tar]
#   ROOT.tar: a tarball of a debootstrap root to start from (debootstrap --variant=minbase
#   bookworm DIR; tar -C DIR -cf ROOT.tar .), to save its download; without it debootstrap runs.
# Exit status: 0 passed, 1 failed, 77 skipped (not root, or no debootstrap and no tarball).
set -euo pipefail
deb=$(realpath "$1")
cache=${2:-}
mirror=${KB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
limit_ms=5000

if [ "$(id -u)" -ne 0 ]; then echo "SKIP: needs root (chroot, mount)"; exit 77; fi
if [ -z "$cache" ] && ! command -v debootstrap >/dev/null; then
  echo "SKIP: debootstrap is not installed (apt-get install debootstrap)"; exit 77
fi

root=$(mktemp -d /tmp/kb-package-root.XXXXXX)
chmod 0755 "$root"  # a root directory every user may enter (mktemp makes it 0700)
pids=()
cleanup() {
  # SIGTERM is the programs' clean shutdown (as systemd stops them); SIGKILL after 5 s.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for m in proc dev/pts dev; do umount "$root/$m" 2>/dev/null || true; done
  rm -rf "$root"
}
trap cleanup EXIT
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

started=$(date +%s)
if [ -n "$cache" ]; then
  tar -C "$root" -xf "$cache"
else
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log"; fail "debootstrap"; }
  rm -f "$root.debootstrap.log"
fi
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "deb $mirror bookworm main" > "$root/etc/apt/sources.list"
cp "$deb" "$root/tmp/"
echo "root ready after $(( $(date +%s) - started )) s; installing $(basename "$deb") with apt"
in_root apt-get update -qq > /dev/null
if ! in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
     "/tmp/$(basename "$deb")" > "$root/tmp/apt.log" 2>&1; then
  tail -30 "$root/tmp/apt.log"; fail "apt-get install of the package"
fi
echo "installed after $(( $(date +%s) - started )) s"

# What the package put in place.
for path in /usr/bin/kb-indexer /usr/bin/kb-searchd /usr/bin/kb-extract-worker /usr/bin/kb-admin \
  /etc/wat-weten-we-al/config.toml /lib/systemd/system/kb-searchd.service \
  /usr/share/wat-weten-we-al/web/index.html /usr/share/wat-weten-we-al/sample; do
  [ -e "$root$path" ] || fail "missing after install: $path"
done
in_root getent passwd kb > /dev/null || fail "the package made no user kb"
[ "$(in_root stat -c %U /var/lib/wat-weten-we-al)" = kb ] || fail "/var/lib/wat-weten-we-al is not kb's"
in_root kb-searchd --version

# The sample corpus in the organisation's corpus folder, as an administrator would copy it.
cp -r "$root/usr/share/wat-weten-we-al/sample/." "$root/srv/wat-weten-we-al/corpus/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# The units' ExecStart lines, as user kb; the configuration file gives every other setting.
setsid chroot "$root" runuser -u kb -- /usr/bin/kb-indexer --config /etc/wat-weten-we-al/config.toml \
  > "$root/tmp/indexer.log" 2>&1 &
pids+=($!)
# kb-searchd needs an index to open (under systemd, Restart= covers the first seconds): it starts
# once the first run has indexed every file (the status file kb-indexer keeps beside the index).
status_file="$root/var/lib/wat-weten-we-al/index.indexer-status.json"
first_run_done() {
  python3 - "$status_file" <<'PY' 2>/dev/null
import json, sys
s = json.load(open(sys.argv[1]))
sys.exit(0 if s.get("files_total", 0) > 0 and s.get("files_done") == s.get("files_total") else 1)
PY
}
deadline=$(( $(date +%s) + 120 ))
until first_run_done; do
  [ "$(date +%s)" -le "$deadline" ] || { tail -20 "$root/tmp/indexer.log"; fail "kb-indexer did not index the corpus within 120 s"; }
  sleep 0.2
done
samples=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["indexed"])' "$status_file")
[ "$samples" -ge 10 ] || fail "kb-indexer indexed only $samples files of the sample corpus"
setsid chroot "$root" runuser -u kb -- /usr/bin/kb-searchd --config /etc/wat-weten-we-al/config.toml \
  --listen "127.0.0.1:$port" > "$root/tmp/searchd.log" 2>&1 &
pids+=($!)

documents() { curl -fsS "$base/api/search?size=0" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null || echo -1; }
deadline=$(( $(date +%s) + 120 ))
while [ "$(documents)" != "$samples" ]; do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    tail -20 "$root/tmp/indexer.log"; tail -20 "$root/tmp/searchd.log"
    fail "kb-searchd did not serve the $samples sample documents within 120 s (it says $(documents))"
  fi
  sleep 0.2
done
echo "kb-searchd serves $samples sample documents from /var/lib/wat-weten-we-al/index"
curl -fsS "$base/api/health" | grep -q '"status":"ok"' || fail "/api/health"
curl -fsS "$base/" | grep -q "Wat weten we al?" || fail "the web page"
curl -fsS "$base/api/search?q=schuldhulpverlening" | grep -q '"total":[1-9]' || fail "a search"

# A PDF saved into the watched folder: searchable within 5 s.
pdf=$(find "$root/srv/wat-weten-we-al/corpus" -name '*.pdf' | head -1)
[ -n "$pdf" ] || fail "no PDF in the sample corpus"
sleep 1  # the watch is set up after the first run
before=$(documents)
t0=$(date +%s%N)
cp "$pdf" "$root/srv/wat-weten-we-al/corpus/nieuw-rapport.pdf"
while [ "$(documents)" -le "$before" ]; do
  elapsed=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [ "$elapsed" -gt 30000 ]; then tail -20 "$root/tmp/indexer.log"; fail "the copied PDF was not indexed within 30 s"; fi
  sleep 0.05
done
elapsed=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "[figure] a PDF copied into the watched folder was searchable after ${elapsed} ms (limit ${limit_ms} ms)"
[ "$elapsed" -le "$limit_ms" ] || fail "the copied PDF took ${elapsed} ms, more than ${limit_ms} ms"
echo "package check passed in $(( $(date +%s) - started )) s"
