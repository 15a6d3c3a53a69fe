#!/usr/bin/env bash
# Checks that a real office suite accepts the files planeval writes: LibreOffice (headless) converts
# every workbook (.xlsx) and Word report (.docx) of a folder to PDF, and any failure — soffice exiting
# non-zero or reporting an error, a file without its PDF, an empty PDF — fails the check (exit 1).
#
#   scripts/check-with-libreoffice.sh OUTPUT_DIR [PDF_DIR]
#
# OUTPUT_DIR is e.g. the folder of `planeval evaluate --out`. The PDFs go to PDF_DIR (default: a
# temporary folder, removed afterwards); keep them to look at the pages, e.g.
#   pdftoppm -png -r 80 PDF_DIR/中期评估报告-2023.pdf page
# Without soffice on PATH (or $SOFFICE) it says so and exits 2. All files go through one soffice run
# (its start-up dominates), with a private LibreOffice profile so that a desktop session of the same
# user neither blocks nor is disturbed by the conversion.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 OUTPUT_DIR [PDF_DIR]" >&2
  exit 2
fi
in_dir=$1
soffice=${SOFFICE:-soffice}
if ! command -v "$soffice" >/dev/null 2>&1; then
  echo "$0: soffice (LibreOffice) not found; install LibreOffice or set SOFFICE" >&2
  exit 2
fi

keep=1
if [ $# -ge 2 ]; then
  pdf_dir=$2
  mkdir -p "$pdf_dir"
else
  pdf_dir=$(mktemp -d)
  keep=0
fi
profile=$(mktemp -d)
log=$(mktemp)
cleanup() {
  rm -rf "$profile" "$log"
  if [ "$keep" = 0 ]; then rm -rf "$pdf_dir"; fi
}
trap cleanup EXIT

shopt -s nullglob
files=("$in_dir"/*.xlsx "$in_dir"/*.docx)
if [ ${#files[@]} -eq 0 ]; then
  echo "$0: no .xlsx or .docx files in $in_dir" >&2
  exit 1
fi
pdf_of() {
  local name
  name=$(basename "$1")
  echo "$pdf_dir/${name%.*}.pdf"
}
for f in "${files[@]}"; do
  rm -f "$(pdf_of "$f")"
done

failed=0
if ! timeout 900 "$soffice" --headless --norestore -env:UserInstallation="file://$profile" \
    --convert-to pdf --outdir "$pdf_dir" "${files[@]}" >"$log" 2>&1; then
  echo "FAIL  soffice exited with an error:" >&2
  cat "$log" >&2
  failed=1
fi
if grep -qi "error" "$log"; then
  echo "FAIL  soffice reported an error:" >&2
  grep -i "error" "$log" >&2
  failed=1
fi
for f in "${files[@]}"; do
  pdf=$(pdf_of "$f")
  if [ ! -s "$pdf" ]; then
    echo "FAIL  $f: no PDF was produced" >&2
    failed=1
    continue
  fi
  pages=""
  if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    if [ -z "$pages" ] || [ "$pages" = 0 ]; then
      echo "FAIL  $f: the PDF has no pages" >&2
      failed=1
      continue
    fi
    pages=" ($pages pages)"
  fi
  echo "ok    $f$pages"
done
exit $failed
