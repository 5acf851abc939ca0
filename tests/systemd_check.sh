#!/usr/bin/env bash
# The systemd units in deploy/systemd: `systemd-analyze verify` reports nothing (no unknown key,
# no missing binary: the build's binaries stand in for /usr/bin's), and the hardening keeps
# `systemd-analyze security` at an exposure of 4.0 or less ("OK"; 10 is an unconfined service).
#   tests/systemd_check.sh SOURCE_DIR KB_SEARCHD KB_INDEXER
set -euo pipefail
source_dir=$1
searchd=$2
indexer=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s|/usr/bin/kb-searchd|$searchd|" "$source_dir/deploy/systemd/kb-searchd.service" \
  > "$work/kb-searchd.service"
sed -e "s|/usr/bin/kb-indexer|$indexer|" "$source_dir/deploy/systemd/kb-indexer.service" \
  > "$work/kb-indexer.service"
status=0
for unit in kb-searchd kb-indexer; do
  if ! report=$(systemd-analyze verify "$work/$unit.service" 2>&1) || [ -n "$report" ]; then
    echo "systemd-analyze verify $unit.service:"
    echo "$report"
    status=1
  fi
  exposure=$(systemd-analyze security --offline=yes "$work/$unit.service" 2>&1 |
    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  echo "$unit.service: exposure $exposure"
  if [ -z "$exposure" ] || awk -v e="$exposure" 'BEGIN { exit !(e > 4.0) }'; then
    echo "$unit.service: exposure '$exposure' is above 4.0"
    status=1
  fi
done
# The sysusers file names the user both units run as.
grep -q '^u kb ' "$source_dir/deploy/systemd/wat-weten-we-al.sysusers" || {
  echo "wat-weten-we-al.sysusers does not create the user 'kb'"
  status=1
}
exit $status
