#!/usr/bin/env bash
# make_fixtures.sh — rebuild the OCR fixtures in testdata/ocr from the seeds/001 sample document
# (ocrsim's samples/seed001.html: header, body and the landscape appendix of 10 tasks; test
# fixtures may use the seeds, training data may not).
#
#   seed001.scan.pdf     5 pages, images only, NO text layer: ocrsim -r 300 -d 1 (light scan: skew
#                        ≤0.3°, blur, sensor noise, contrast), thresholded to 1 bit, CCITT G4 in the
#                        PDF (img2pdf). Pages 1–3 body, 4–5 the appendix table. For `--ocr` (tesseract
#                        -l vie). About 220 KB.
#   seed001.engocr.pdf   5 pages, image + invisible text layer made by tesseract's ENGLISH model, as a
#                        clerk gets it from a scanner: ocrsim's recommended seed-like scan
#                        (-m main -r 200 -d 2 -z 14 -s 1), OCR'd with tessdata "main" eng
#                        (`-c textonly_pdf=1`), laid over the same scan thresholded to 1 bit at 65 %
#                        (qpdf --overlay). About 200 KB.
#   seed001.engocr.txt   the English OCR text of the same pages (tesseract's txt, pages separated
#                        by form feeds), i.e. what `pdftotext` of a real OCR-layer PDF looks like.
#   bench10.scan.pdf     10 pages, images only: the 5 pages of seed001.scan.pdf and the same
#                        document scanned again with noise seed 2. For BenchmarkOCR10Pages.
#   seed001-p4.vie.tsv   `tesseract page-4.pgm - -l vie --dpi 300 tsv` of seed001.scan.pdf's page 4
#                        (first appendix page) rasterised as parser/ocr does (pdftoppm -r 300 -gray)
#                        and read as it is, borders included (tesseract reports them as blank
#                        words): a real TSV for the TSV parser's unit tests, which run without
#                        tesseract.
#   seed001.truth.txt    ocrsim's truth_layout.txt of the -d 1 render (the printed lines).
#   appendix_landscape.scan.pdf, appendix_split_norepeat.scan.pdf
#                        other layouts: ../pdf's appendices (a landscape table; a table split over
#                        two pages without its header repeated, a row broken by the page) printed
#                        at 300 dpi grey and thresholded to 1 bit at 70 %; their truth is
#                        ../pdf/<name>.register.yaml.
#
# NEEDS   /work/shared/tools/ocrsim (OCRSIM=…) and its install.sh packages; img2pdf, qpdf
#         (apt-get install img2pdf qpdf); tessdata "main" eng in TESSDATA_MAIN (default
#         /var/cache/kehoach/tessdata/main; normalize/repair/data/make_pairs.sh fetches it).
# TIME    about 1.5 minutes on one core.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OCRSIM="${OCRSIM:-/work/shared/tools/ocrsim}"
TESSDATA_MAIN="${TESSDATA_MAIN:-/var/cache/kehoach/tessdata/main}"
CONVERT=/usr/bin/convert
for t in img2pdf qpdf tesseract pdftoppm "$CONVERT"; do command -v "$t" >/dev/null || { echo "missing $t" >&2; exit 3; }; done
[ -f "$TESSDATA_MAIN/eng.traineddata" ] || { echo "no $TESSDATA_MAIN/eng.traineddata (run normalize/repair/data/make_pairs.sh -n 0)" >&2; exit 3; }
W="$(mktemp -d /tmp/kehoach-ocrfx.XXXXXX)"
trap 'rm -rf "$W"' EXIT
export OCRSIM_LO_PROFILE="$W/lo"
SRC="$OCRSIM/samples/seed001.html"
if [ ! -f "$SRC" ]; then python3 "$OCRSIM/samples/make_seed001_html.py"; fi

sim() { "$OCRSIM/ocrsim.sh" -q -j 1 -z 14 "$@" >/dev/null; }
bilevel() { # $1 in.png, $2 dpi, $3 out.tif, $4 threshold (% of white below which a pixel is black)
  "$CONVERT" "$1" -threshold "${4:-50}%" -type bilevel -compress Group4 -density "$2" -units PixelsPerInch "$3"
}

# (a) scanned, no text layer
sim -o "$W/d1s1" -m fast -r 300 -d 1 -s 1 -l "" "$SRC"
sim -o "$W/d1s2" -m fast -r 300 -d 1 -s 2 -l "" "$SRC"
for run in d1s1 d1s2; do
  for f in "$W/$run"/pages/page-*.scan.png; do bilevel "$f" 300 "${f%.scan.png}.tif"; done
done
img2pdf -o "$HERE/seed001.scan.pdf" "$W"/d1s1/pages/page-*.tif
img2pdf -o "$HERE/bench10.scan.pdf" "$W"/d1s1/pages/page-*.tif "$W"/d1s2/pages/page-*.tif
cp "$W/d1s1/truth_layout.txt" "$HERE/seed001.truth.txt"

# TSV sample: page 4 exactly as parser/ocr rasterises and reads it
pdftoppm -r 300 -gray -f 4 -l 4 -singlefile "$HERE/seed001.scan.pdf" "$W/p4"
OMP_THREAD_LIMIT=1 tesseract "$W/p4.pgm" - -l vie --dpi 300 tsv > "$HERE/seed001-p4.vie.tsv" 2>/dev/null

# (b)+(c) English-model OCR layer over the seed-like scan
sim -o "$W/d2" -m "$TESSDATA_MAIN" -r 200 -d 2 -s 1 -l eng "$SRC"
ls "$W"/d2/pages/page-*.scan.png | sort > "$W/list.txt"
# 65 %: at 200 dpi the blurred 0.5 pt table borders are lighter than mid-grey and would vanish at 50 %
for f in $(cat "$W/list.txt"); do bilevel "$f" 200 "${f%.scan.png}.tif" 65; done
img2pdf -o "$W/image.pdf" $(ls "$W"/d2/pages/page-*.tif | sort)
OMP_THREAD_LIMIT=1 tesseract "$W/list.txt" "$W/text" --tessdata-dir "$TESSDATA_MAIN" -l eng --psm 3 --dpi 200 \
  -c tessedit_create_pdf=1 -c textonly_pdf=1 -c tessedit_create_txt=1 >/dev/null 2>&1
qpdf "$W/image.pdf" --overlay "$W/text.pdf" -- "$HERE/seed001.engocr.pdf"
cp "$W/text.txt" "$HERE/seed001.engocr.txt"
# (d) other layouts, from the text PDFs of ../pdf
for f in appendix_landscape appendix_split_norepeat; do
  pdftoppm -r 300 -gray "$HERE/../pdf/$f.pdf" "$W/$f"
  for p in "$W/$f"-*.pgm; do bilevel "$p" 300 "${p%.pgm}.tif" 70; done
  img2pdf -o "$HERE/$f.scan.pdf" $(ls "$W/$f"-*.tif | sort)
done
ls -l "$HERE"
