#!/usr/bin/env bash
# `cmake --install` lays the build out as the FHS wants it, and the installed programs run:
#   tests/install_check.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
status=0
for path in bin/kb-indexer bin/kb-extract-worker bin/kb-searchd bin/kb-admin bin/kb-analyze \
  share/wat-weten-we-al/web/index.html share/wat-weten-we-al/web/redactie \
  share/wat-weten-we-al/data/themes.toml share/wat-weten-we-al/data/synonyms.toml \
  share/wat-weten-we-al/sample lib/systemd/system/kb-searchd.service \
  lib/systemd/system/kb-indexer.service lib/sysusers.d/wat-weten-we-al.conf \
  share/doc/wat-weten-we-al/README.md share/doc/wat-weten-we-al/examples/nginx \
  etc/wat-weten-we-al/config.toml; do
  [ -e "$prefix/$path" ] || { echo "missing after install: $path"; status=1; }
done
# Nothing of the build or the tests is installed.
if find "$prefix" -name '*test*' -o -name '*.o' -o -name 'CMakeFiles' | grep -q .; then
  echo "test or build files were installed:"; find "$prefix" -name '*test*' -o -name '*.o'
  status=1
fi
# The installed programs run from there: versions, and the indexer finds its worker beside it.
for program in kb-indexer kb-searchd kb-admin kb-analyze kb-extract-worker; do
  "$prefix/bin/$program" --version | grep -q "^$program " || { echo "$program --version"; status=1; }
done
corpus=$(mktemp -d)
echo "Het wijkteam helpt gezinnen met schulden in de gemeente Zwolle." > "$corpus/notitie.txt"
if ! "$prefix/bin/kb-indexer" --progress log --db "$corpus/db" \
  --data "$prefix/share/wat-weten-we-al/data" "$corpus/notitie.txt" | grep -q "^indexed 1,"; then
  echo "the installed kb-indexer did not index a file"
  status=1
fi
rm -rf "$corpus"
exit $status
