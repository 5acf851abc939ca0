#!/usr/bin/env bash
# Every C++ source and header of the repository is formatted as .clang-format says. Run by ctest
# (test format_check) and so by `make test` and CI; names the files that are not.
set -euo pipefail
cd "$1"
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else  # an unpacked source tree without git
  mapfile -t files < <(find . -path './build*' -prune -o \( -name '*.cpp' -o -name '*.h' \) -print)
fi
unformatted=$(clang-format --dry-run "${files[@]}" 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: code should be clang-formatted.*/\1/p' | sort -u)
if [ -n "$unformatted" ]; then
  echo "These files are not formatted as .clang-format says; run clang-format -i on them:"
  echo "$unformatted"
  exit 1
fi
echo "${#files[@]} C++ files formatted as .clang-format says"
