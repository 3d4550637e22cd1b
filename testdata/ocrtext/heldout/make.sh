#!/usr/bin/env bash
# make.sh — rebuild the held-out English-model OCR texts in this folder.
#
# Held-out: none of them comes from seeds 003/004 (which ocrtable was tuned on). Sources are the
# PDF fixtures' HTML in ../../pdf/src, whose stored registers (<name>.register.yaml, copied here)
# are the truth:
#   plan30.txt        plan30.html: a ~30-page plan of the genre, body from the administrative corpus,
#                     three appendices with different column sets (111 tasks: Phụ lục I STT/Nội dung/
#                     chủ trì/phối hợp/Thời gian/Ghi chú with section rows; II TT/Tên nhiệm vụ/Đơn vị
#                     chủ trì/phối hợp/Sản phẩm/Thời hạn with A. B. C. sections; III borderless
#                     STT/Nhiệm vụ/Đơn vị thực hiện/Tiến độ), appendices on landscape pages; noise seed 1
#   landscape.txt     appendix_landscape.html: the 10-task appendix, bordered, landscape; seed 2
#   borderless.txt    appendix_borderless.html: the same appendix, no rules, portrait; seed 3
#   split.txt         appendix_split_norepeat.html: bordered, portrait, a row broken by the page,
#                     the header not repeated; seed 4
#   plan30s5.txt      plan30.html again with noise seed 5 and its appendices on portrait pages
#                     (narrower columns: more names wrap)
# and three made as the table rebuild's lead/support work began and not looked at until it
# ended (its untouched check; no rule was tuned on them):
#   merged.txt        merged.html (a short table with merged cells, 3 tasks), portrait; seed 6
#   bordered.txt      appendix_bordered.html, portrait; seed 8
#   plan30l7.txt      plan30.html with noise seed 7, the whole document on landscape pages
# Each is printed by /work/shared/tools/ocrsim (LibreOffice, Liberation Serif 14 pt), scanned
# (200 dpi, degradation 2 = skew, blur, noise, JPEG, its noise drawn from the seed above) and read
# by tesseract's ENGLISH model, tessdata 4.0.0 "main" (`-m main -r 200 -d 2 -z 14`, ocrsim's
# recommended seed-like settings), pages joined as the seeds are (form feed → space).
# ocrhtml.py only rewrites the HTML's layout for ocrsim's reader (widths, borders, landscape).
# Deterministic: same inputs, options and package versions give the same text.
#
# NEEDS   /work/shared/tools/ocrsim (OCRSIM=…) and its install.sh packages; tessdata "main" eng in
#         TESSDATA_MAIN (default /var/cache/kehoach/tessdata/main; ocrsim's get_models.sh or
#         normalize/repair/data/make_pairs.sh fetch it).
# TIME    about 10 minutes on one core (one tesseract at a time).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/../../pdf/src"
OCRSIM="${OCRSIM:-/work/shared/tools/ocrsim}"
TESSDATA_MAIN="${TESSDATA_MAIN:-/var/cache/kehoach/tessdata/main}"
[ -f "$TESSDATA_MAIN/eng.traineddata" ] || { echo "no $TESSDATA_MAIN/eng.traineddata" >&2; exit 3; }
W="$(mktemp -d /tmp/kehoach-heldout.XXXXXX)"
trap 'rm -rf "$W"' EXIT
export OCRSIM_LO_PROFILE="$W/lo" OMP_THREAD_LIMIT=1

one() { # name source seed [ocrhtml mode]
  local name="$1" src="$2" seed="$3" mode="${4:-}"
  python3 "$HERE/ocrhtml.py" $mode "$SRC/$src.html" "$W/$name.html"
  "$OCRSIM/ocrsim.sh" -q -j 1 -l eng -m "$TESSDATA_MAIN" -r 200 -d 2 -z 14 -s "$seed" -o "$W/$name" "$W/$name.html" >/dev/null
  cp "$W/$name/eng.seedstyle.txt" "$HERE/$name.txt"
  cp "$SRC/$src.register.yaml" "$HERE/$name.register.yaml"
  echo "$name: $(grep -c . "$HERE/$name.txt") lines" >&2
}
one landscape appendix_landscape 2 --landscape
one borderless appendix_borderless 3
one split appendix_split_norepeat 4
one plan30 plan30 1 --landscape-appendices
one plan30s5 plan30 5
one merged merged 6
one bordered appendix_bordered 8
one plan30l7 plan30 7 --landscape
