#!/usr/bin/env bash
# Print every artifact of the demo campaign the way an officer would, to look at the pages:
# blank form, per-unit form, filled form, feedback file, ward summary, province summary, and the
# Word documents (unit report, draft report, survey notice, list of award proposals), each to
# PDF (LibreOffice) and PNG (one per page) under an en-US and a Vietnamese locale, each with a
# fresh LibreOffice profile.
#
#   tests/render.sh [OUT]        (default OUT: target/render)
#
# Needs: soffice (libreoffice-calc), pdftoppm and pdftotext (poppler-utils), the locales
# en_US.UTF-8 and vi_VN.UTF-8 (Debian: apt-get install libreoffice-calc poppler-utils locales;
# uncomment both in /etc/locale.gen; locale-gen). Not part of CI: it is for looking, not asserting.
# Every number must read "1.602" and "81,1%" in both locales: OUT/*/numbers.txt lists what the
# pages print that looks like a number, to grep for "," thousands or "." decimals.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/render}
for tool in soffice pdftoppm pdftotext; do
  command -v "$tool" >/dev/null || { echo "render.sh: $tool is missing (see the header of this script)" >&2; exit 2; }
done
cargo build --quiet --bin soket
BIN=$PWD/target/debug/soket
rm -rf "$OUT"
mkdir -p "$OUT/xlsx"
DEMO=$OUT/demo
"$BIN" demo -o "$DEMO" --units 30 >"$OUT/demo.log" 2>&1 || [ $? -eq 1 ] # exit 1: the demo plants problems
"$BIN" template -o "$OUT/xlsx/1-bieu-mau-trong.xlsx"
cp "$(ls "$DEMO"/bieu-mau/AG-0023-*.xlsx | head -1)" "$OUT/xlsx/2-bieu-mau-don-vi.xlsx"
cp "$DEMO/bao-cao/AG-0001.xlsx" "$OUT/xlsx/3-bao-cao-da-dien.xlsx"
cp "$DEMO/can-sua/AG-0004-can-sua.xlsx" "$OUT/xlsx/4-can-sua.xlsx"
cp "$DEMO/bao-cao/tong-hop-phuong-rach-gia.xlsx" "$OUT/xlsx/5-tong-hop-phuong.xlsx"
cp "$DEMO/tong-hop-tinh.xlsx" "$OUT/xlsx/6-tong-hop-tinh.xlsx"
# The Word documents of report and select (LibreOffice Writer).
for d in bao-cao-don-vi du-thao-bao-cao-tinh thong-bao-khao-sat de-nghi-khen-thuong; do
  cp "$DEMO/$d.docx" "$OUT/xlsx/7-$d.docx"
done

for loc in en_US.UTF-8 vi_VN.UTF-8; do
  dir=$OUT/${loc%%.*}
  mkdir -p "$dir"
  profile=$(mktemp -d)
  for x in "$OUT"/xlsx/*.xlsx "$OUT"/xlsx/*.docx; do
    LANG=$loc LC_ALL=$loc soffice -env:UserInstallation=file://"$profile" --headless \
      --convert-to pdf --outdir "$dir" "$x" >/dev/null 2>&1
    base=$(basename "$x"); pdf=$dir/${base%.*}.pdf
    pdftoppm -png -r 60 "$pdf" "${pdf%.pdf}"
    pdftotext -layout "$pdf" "${pdf%.pdf}.txt"
  done
  rm -rf "$profile"
  # Every token with a digit and a separator, to spot a locale's "1,602" or "81.1%".
  grep -ohE '[0-9][0-9.,]*[0-9]%?' "$dir"/*.txt | grep -E '[.,]' | sort -u >"$dir/numbers.txt" || true
  echo "$loc: $(ls "$dir"/*.png | wc -l) pages in $dir"
done
