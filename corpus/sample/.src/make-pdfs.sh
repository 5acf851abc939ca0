#!/bin/sh
# Regenerates the sample-corpus PDFs in corpus/sample/ from the groff -ms sources next to this
# script. Needs groff (with gropdf) and, for the checks, poppler-utils (pdfinfo, pdftotext).
#
# Usage: corpus/sample/.src/make-pdfs.sh [name.ms ...]   (default: every *.ms here)
#
# - preconv (groff -k) turns the UTF-8 sources into groff glyphs, so diacritics survive;
# - preamble.tmac switches off hyphenation so pdftotext gives whole words back;
# - each source names its publication date in a `.\" kb-sample-date: YYYY-MM-DD` line, which
#   becomes the PDF CreationDate through SOURCE_DATE_EPOCH. This keeps the output reproducible and
#   keeps the build date out of the metadata (an indexer reading CreationDate must not see 2026).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$here")
cd "$here"

[ "$#" -gt 0 ] || set -- *.ms

for src in "$@"; do
  name=$(basename "$src" .ms)
  day=$(sed -n 's/^\.\\" kb-sample-date: *\([0-9-]*\).*/\1/p' "$src")
  if [ -z "$day" ]; then
    echo "make-pdfs: $src has no 'kb-sample-date:' line; add one (YYYY-MM-DD)" >&2
    exit 1
  fi
  epoch=$(date -u -d "$day" +%s)
  SOURCE_DATE_EPOCH=$epoch groff -k -ms -mpdf -Tpdf -wall preamble.tmac "$src" >"$out/$name.pdf.tmp"
  mv "$out/$name.pdf.tmp" "$out/$name.pdf"
  pages=$(pdfinfo "$out/$name.pdf" | sed -n 's/^Pages: *//p')
  echo "$name.pdf: $pages page(s), dated $day"
done
