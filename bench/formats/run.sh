#!/usr/bin/env bash
# Extraction speed per format: kb-bench-extract (ExtractFile, in process) against the Debian
# tool that reads the same files, in one run, best of REPEAT runs per file.
#   bash bench/formats/run.sh BUILD [FORMATS_DIR] [REPEAT]
# Reference tools: docx2txt, odt2txt, catdoc (doc, rtf), html2text, unzip + sed (pptx, the
# slides' XML), unzip + html2text (epub), pdftoppm -r 300 -gray | tesseract -l nld (scans).
# Prints one line per format: files, pages, our files/s and pages/s, the tool's files/s, ratio.
set -euo pipefail
build=${1:?usage: run.sh BUILD [FORMATS_DIR] [REPEAT]}
formats=${2:-"$(dirname "$0")/../../../shared/corpus/formats"}
repeat=${3:-3}
export OMP_THREAD_LIMIT=1  # Tesseract single-threaded, as in kb-extract-worker

reference() {  # reference FORMAT FILE
  case "$1" in
    docx) docx2txt < "$2" ;;
    odt) odt2txt --encoding=UTF-8 "$2" ;;
    doc|rtf) catdoc -d utf-8 "$2" ;;
    html) html2text -utf8 "$2" ;;
    pptx) unzip -p "$2" 'ppt/slides/slide*.xml' | sed -e 's/<[^>]*>/ /g' ;;
    epub) unzip -p "$2" '*.xhtml' '*.html' 2>/dev/null | html2text -utf8 ;;
    scanned-pdf) pdftoppm -r 300 -gray "$2" | tesseract - - -l nld 2>/dev/null ;;
  esac
}

printf "%-12s %5s %6s %12s %12s %14s %8s\n" format files pages "ours files/s" "ours pages/s" "tool files/s" "ratio"
for folder in docx odt doc rtf html pptx epub scanned-pdf; do
  files=("$formats/$folder"/*)
  ours=$("$build/bench/kb-bench-extract" --repeat "$repeat" "${files[@]}")
  our_seconds=$(awk -F'\t' '{s += $5} END {printf "%.6f", s}' <<< "$ours")
  pages=$(awk -F'\t' '{p += $3} END {print p}' <<< "$ours")
  tool_seconds=0
  for file in "${files[@]}"; do
    best=""
    for _ in $(seq "$repeat"); do
      start=$(date +%s.%N)
      reference "$folder" "$file" > /dev/null || true
      end=$(date +%s.%N)
      t=$(echo "$end - $start" | bc -l)
      if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    done
    tool_seconds=$(echo "$tool_seconds + $best" | bc -l)
  done
  n=${#files[@]}
  printf "%-12s %5d %6d %12.1f %12.1f %14.1f %7.2fx\n" "$folder" "$n" "$pages" \
    "$(echo "$n / $our_seconds" | bc -l)" "$(echo "$pages / $our_seconds" | bc -l)" \
    "$(echo "$n / $tool_seconds" | bc -l)" "$(echo "$tool_seconds / $our_seconds" | bc -l)"
done
