#!/bin/sh
# Rebuild the PDF fixtures of parser/pdfread and parser/geom.
# Needs: python3, LibreOffice (libreoffice-writer-nogui), fonts-liberation,
# qpdf, Go. Run from anywhere: testdata/pdf/make.sh
#
# appendix_*.pdf   the appendix of Kế hoạch 458/KH-UBND (truth:
#                  src/seed001_tasks.tsv): bordered, borderless, split (a
#                  row over the page break), split_norepeat and norepeat
#                  (no repeated header), landscape, cid (Type0 Identity-H
#                  fonts, by fpdf); rotated (/Rotate 90), pdf20 (PDF 2.0
#                  header), encrypted_open (RC4, empty user password),
#                  damaged_xref and shifted (cross-reference table garbled or
#                  offsets off: read with a rebuilt table)
# merged.pdf       two-level header, section rows, a cell over two rows
# plan30.pdf       a 29-page plan, 3 appendices, 111 tasks (benchmark)
# bad/             files that must give an error, never a panic
set -eu
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# 1. HTML sources (the 458/KH-UBND appendix in four layouts; a 30-page plan).
python3 src/make_html.py

# 2. LibreOffice renders them in Liberation Serif on A4.
soffice -env:UserInstallation="file://$profile" --headless --infilter="HTML (StarWriter)" \
	--convert-to pdf:writer_pdf_Export --outdir . \
	src/appendix_bordered.html src/appendix_borderless.html src/appendix_split.html \
	src/appendix_landscape.html src/appendix_norepeat.html src/appendix_split_norepeat.html src/plan30.html src/merged.html >/dev/null

# 3. The same appendix in a CID (Identity-H) font, written by fpdf.
(cd src/cidpdf && go run . ../seed001_tasks.tsv ../../appendix_cid.pdf)

# 4. Broken files.
mkdir -p bad
# cut in the middle: no cross-reference table, no %%EOF
head -c 20000 appendix_bordered.pdf > bad/truncated.pdf
python3 - <<'PY'
import random
# the cross-reference table overwritten with junk: read with a rebuilt table
data = bytearray(open("appendix_bordered.pdf", "rb").read())
i = data.rindex(b"\nxref") + 1
data[i:i + 200] = b"garbage!" * 25
open("damaged_xref.pdf", "wb").write(bytes(data))
# every offset wrong: a comment inserted after the header
data = open("appendix_borderless.pdf", "rb").read()
i = data.index(b"\n") + 1
open("shifted.pdf", "wb").write(data[:i] + b"%" + b"x" * 99 + b"\n" + data[i:])
# random bytes between a header and an end marker
rnd = random.Random(6)
open("bad/junk.pdf", "wb").write(b"%PDF-1.4\n" + bytes(rnd.randrange(256) for _ in range(3000)) + b"\n%%EOF\n")
# a catalog without pages
open("bad/no_pages.pdf", "wb").write(b"%PDF-1.4\n1 0 obj\n<</Type/Catalog>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n45\n%%EOF\n")
# a PDF 2.0 header on a good file: must be read
open("pdf20.pdf", "wb").write(open("appendix_borderless.pdf", "rb").read().replace(b"%PDF-1.", b"%PDF-2.", 1))
# a file that stops right after its header
open("bad/header_only.pdf", "wb").write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
PY
# encrypted with a user password (must be refused with a named error) and
# with an owner password only (the empty user password opens it: read it)
qpdf --allow-weak-crypto --encrypt secret owner 128 --use-aes=n -- appendix_borderless.pdf bad/encrypted.pdf
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- appendix_borderless.pdf encrypted_open.pdf
# a page that is rotated by /Rotate 90 with its content drawn turned
qpdf --rotate=+90:1 appendix_borderless.pdf rotated.pdf
# AES-256 (PDF 2.0 security handler), owner password only: the library does
# not implement it, so it must give the named encryption error
qpdf --encrypt "" owner 256 -- appendix_borderless.pdf bad/encrypted_aes256.pdf
