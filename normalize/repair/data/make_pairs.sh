#!/usr/bin/env bash
# make_pairs.sh — regenerate normalize/repair/data/pairs.tsv: aligned (English-model OCR token →
# truth token) pairs, the training data of the OCR channel model in normalize/repair.
#
# WHAT IT READS
#   ../shared/corpus (CORPUS=…): tnt305_official_docs.txt, vbai_lamdong_admin_docs.txt,
#     johnPa02_tvpl_crawl_legal.txt, khanhng29_admin_docs.txt — clean NFC Vietnamese, one paragraph
#     a line. Never the seeds: no file under ../shared/seeds is read, and every window of text that
#     mentions 458/KH-UBND, 01-KH/BCĐ or 52/KH-BCĐ (the sample plans) is skipped.
#   ../shared/tools/ocrsim (OCRSIM=…): renders text/HTML with LibreOffice, rasterises, degrades
#     like a scan, OCRs with tesseract -l eng and matches OCR word boxes to the text-layer boxes
#     (lib/boxtruth.py → ocr/eng/pairs.tsv).
#   tessdata "main" (tessdata 4.0.0 eng, legacy+LSTM) in TESSDATA_MAIN (default
#     /var/cache/kehoach/tessdata/main); fetched through npm (@tesseract.js-data/eng@1.0.0) when
#     missing, as ocrsim's get_models.sh does.
#
# WHAT IT MAKES
#   Documents are built deterministically (doc k ← file k mod 4, window k div 4 starting at
#   1/2, 1/4, 3/4, 1/8, … of the file's lines; python's Random seeded by k for the table rows): a header block (issuing
#   agency and place in capitals, number, date), an uppercase title, ~900 words of consecutive
#   corpus paragraphs (short heading-like lines set in capitals, as plans do), a "Nơi nhận" list,
#   then a landscape task table (STT | content | lead agency | supporting agencies | deadline | note,
#   header row repeated per page, uppercase section rows) whose content cells are task-like
#   sentences from the same files, agency cells are agency names found in the same files (comma-
#   separated list items that start with Sở, Ban, Bộ, UBND, Văn phòng, …, seen ≥ 3 times), and
#   deadlines are drawn from the genre's forms (Tháng m/yyyy, Quý IV/yyyy, dd/mm/yyyy, Thường xuyên…).
#   Each document is run through ocrsim with its recommended settings
#     ocrsim.sh -m main -r 200 -d 2 -z 14 -l eng -s SEED     (SEED = 1 + k mod 3: three noise seeds)
#   and every overlap group of ocr/eng/pairs.tsv is counted:
#     kinds 1:1, 1:n, n:1, n:m → (OCR words joined by " ", truth words joined by " ")
#     kind miss (a printed word tesseract did not return) → ("", truth)
#     kind extra (OCR debris over no printed word) is dropped.
#
# OUTPUT  pairs.tsv, no header line, UTF-8, columns
#     ocr_token <TAB> truth_token <TAB> count
#   tokens as they stand (case and attached punctuation kept; a field holds a space only where
#   tesseract split or merged words), sorted by count descending, then ocr_token, then truth_token
#   (byte order).
#
# USAGE   normalize/repair/data/make_pairs.sh [-n DOCS] [-j JOBS] [-w WORKDIR]
#   -n DOCS  number of documents (default 48 ≈ 250 pages); runs already in WORKDIR with the same
#            input are reused, so a larger -n only renders the new documents
#   -j JOBS  tesseract/ImageMagick page jobs per document (default 1; the machine is shared)
#   -w DIR   work directory (default /tmp/kehoach-pairs)
#
# NEEDS   Debian: /work/shared/tools/ocrsim/install.sh (tesseract-ocr tesseract-ocr-eng
#   tesseract-ocr-vie poppler-utils libreoffice-writer-nogui fonts-liberation2 imagemagick …),
#   python3, npm (only to fetch the model once).
# TIME    about 3.5 s per page on one core (eng only: degrade 1.6 s + OCR 1.5 s + raster), plus ~1.5 s
#   per document for LibreOffice: 48 documents (252 pages) ≈ 15 minutes with -j 1 on an idle machine
#   (took 40 minutes while the machine was shared).
# DETERMINISM  same corpus, same package versions → byte-identical pairs.tsv (ocrsim is
#   deterministic: fixed noise seeds, one tesseract thread).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="${CORPUS:-/work/shared/corpus}"
OCRSIM="${OCRSIM:-/work/shared/tools/ocrsim}"
TESSDATA_MAIN="${TESSDATA_MAIN:-/var/cache/kehoach/tessdata/main}"
NDOCS=48; JOBS=1; WORK=/tmp/kehoach-pairs
while getopts "n:j:w:h" opt; do
  case "$opt" in
    n) NDOCS="$OPTARG";; j) JOBS="$OPTARG";; w) WORK="$OPTARG";;
    *) sed -n '2,60p' "$0"; exit 2;;
  esac
done
mkdir -p "$WORK/docs" "$WORK/runs"

if [ ! -f "$TESSDATA_MAIN/eng.traineddata" ]; then
  echo "[pairs] fetching tessdata main/eng through npm into $TESSDATA_MAIN" >&2
  tmp="$(mktemp -d)"; mkdir -p "$TESSDATA_MAIN"
  (cd "$tmp" && npm pack --silent "@tesseract.js-data/eng@1.0.0" >/dev/null && tar xzf tesseract.js-data-eng-1.0.0.tgz)
  gunzip -c "$tmp/package/4.0.0/eng.traineddata.gz" > "$TESSDATA_MAIN/eng.traineddata"
  rm -rf "$tmp"
fi

# ------------------------------------------------------------------ 1. documents (HTML) from the corpus
python3 - "$CORPUS" "$WORK/docs" "$NDOCS" <<'PYEOF'
import html, os, random, re, sys
from collections import Counter

corpus, outdir, ndocs = sys.argv[1], sys.argv[2], int(sys.argv[3])
FILES = ["tnt305_official_docs.txt", "vbai_lamdong_admin_docs.txt",
         "johnPa02_tvpl_crawl_legal.txt", "khanhng29_admin_docs.txt"]
FORBIDDEN = ("458/KH-UBND", "01-KH/BCĐ", "52/KH-BCĐ")
BODY_WORDS = 900

texts = {f: open(os.path.join(corpus, f), encoding="utf-8").read().split("\n") for f in FILES}


def vdc(n):
    # van der Corput sequence 1/2, 1/4, 3/4, 1/8, …: window j of a file starts at vdc(j+1) of its
    # length, so the first documents spread over the whole file and adding documents keeps the old ones
    x, d = 0.0, 0.5
    while n:
        x += d * (n & 1)
        n >>= 1
        d /= 2
    return x


def glued(tok):
    # "NAMĐộc": a heading glued to the next line by the source's extraction
    up = 0
    for i, ch in enumerate(tok):
        if ch.isupper():
            up += 1
        elif ch.islower():
            if up >= 3 and len(tok) - i >= 2 and tok[i:i + 2].islower():
                return True
            up = 0
        else:
            up = 0
    return False


def usable(line):
    line = line.strip()
    if not line or any(m in line for m in FORBIDDEN) or "|" in line or "\t" in line:
        return False
    toks = line.split()
    if len(toks) > 160 or any(glued(t) for t in toks):
        return False
    letters = sum(ch.isalpha() for ch in line)
    return letters >= 0.6 * len(line.replace(" ", ""))


def is_heading(line):
    toks = line.split()
    if len(toks) > 10 or line.endswith((".", ";", ",", ":")) and not re.match(r"^[IVX]+\.", line):
        return False
    return bool(re.match(r"^([IVX]+\.|Chương |Mục |Phần |[A-ZĐ]\. )", line)) or len(toks) <= 7


# agency names: comma/semicolon-separated list items that start with an agency head word
HEADS = ("Sở ", "Ban ", "Bộ ", "UBND ", "Ủy ban nhân dân ", "Văn phòng ", "Công an ", "Trung tâm ",
         "Cục ", "Chi cục ", "Phòng ", "Đài ", "Báo ", "Kho bạc ", "Bảo hiểm xã hội ", "Thanh tra ",
         "Liên đoàn ", "Hội ", "Mặt trận ", "Đoàn ", "Tỉnh đoàn ", "Trường ", "Viện ", "Bộ Chỉ huy ",
         "Ngân hàng ", "Các sở", "Các cơ quan", "Các đơn vị", "Cơ quan ")
agc = Counter()
for f in FILES:
    for line in texts[f]:
        if any(m in line for m in FORBIDDEN):
            continue
        for seg in re.split(r"[,;:()“”\"]| và các | và ", line):
            seg = seg.strip(" .-–")
            n = len(seg.split())
            if 2 <= n <= 9 and seg.startswith(HEADS) and not glued(seg) and not re.search(r"\d", seg):
                agc[seg] += 1
agencies = sorted([a for a, c in agc.items() if c >= 3], key=lambda a: (-agc[a], a))[:600]
places = Counter()
for f in FILES:
    for m in re.finditer(r"\b(tỉnh|thành phố) ([A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\s,.;:()]*(?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\s,.;:()]*)?)", "\n".join(texts[f])):
        p = m.group(2).strip()
        if len(p.split()) <= 2 and not glued(p) and not any(ch.isdigit() for ch in p):
            places[(m.group(1), p)] += 1
places = sorted([p for p, c in places.items() if c >= 5], key=lambda p: (-places[p], p))[:80]

# task-like sentences for the table's content cells
VERBS = ("Triển khai", "Tổ chức", "Xây dựng", "Rà soát", "Hoàn thiện", "Tăng cường", "Đẩy mạnh",
         "Thực hiện", "Nghiên cứu", "Tham mưu", "Kiểm tra", "Hướng dẫn", "Tiếp tục", "Nâng cao",
         "Phối hợp", "Đôn đốc", "Xây dựng", "Ban hành", "Chỉ đạo", "Theo dõi", "Đánh giá", "Phát triển",
         "Cập nhật", "Bố trí", "Tuyên truyền", "Đầu tư", "Hỗ trợ", "Chủ trì", "Số hóa", "Kiện toàn")
tasks = []
for f in FILES:
    for line in texts[f]:
        s = re.sub(r"^[-+•*]\s*|^\d+(\.\d+)*\.\s*|^[a-zđ]\)\s*", "", line.strip())
        n = len(s.split())
        if 10 <= n <= 45 and s.startswith(VERBS) and usable(s):
            tasks.append(s.rstrip(";,"))
tasks = sorted(set(tasks))
print(f"[pairs] lexicon: {len(agencies)} agencies, {len(places)} places, {len(tasks)} task sentences", file=sys.stderr)

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def deadline(r):
    y = r.choice([2024, 2025, 2025, 2026, 2027])
    m, d = r.randint(1, 12), r.randint(1, 28)
    forms = [f"Tháng {m}/{y}", f"Quý {ROMAN[r.randint(0, 3)]}/{y}", f"{d:02d}/{m:02d}/{y}",
             f"Trước ngày {d}/{m}/{y}", "Thường xuyên", "Hằng năm", f"Năm {y}",
             f"Trong tháng {m}/{y}", f"6 tháng đầu năm {y}", f"Trước {d:02d}/{m:02d}/{y}",
             f"Hằng tháng", f"Quý {ROMAN[r.randint(0, 3)]} năm {y}", f"Tháng {m:02d}/{y}",
             f"Định kỳ hằng quý", f"Trước ngày {d:02d} tháng {m} năm {y}", f"{y} - {y + 1}"]
    return r.choice(forms)


def upper_vi(s):
    return s.upper()


e = html.escape
for k in range(ndocs):
    f = FILES[k % len(FILES)]
    j = k // len(FILES)
    lines = texts[f]
    start = int(vdc(j + 1) * len(lines))
    body, words, i = [], 0, start
    while words < BODY_WORDS and i < len(lines):
        l = lines[i].strip()
        i += 1
        if any(m in l for m in FORBIDDEN):      # skip the whole neighbourhood of a sample plan
            body, words = [], 0
            continue
        if usable(l):
            body.append(l)
            words += len(l.split())
    r = random.Random(k)
    kind, code = r.choice([("KẾ HOẠCH", "KH"), ("QUYẾT ĐỊNH", "QĐ"), ("BÁO CÁO", "BC"),
                           ("CÔNG VĂN", "CV"), ("THÔNG BÁO", "TB"), ("CHƯƠNG TRÌNH", "CTr")])
    lvl, place = places[r.randrange(len(places))] if places else ("tỉnh", "Lâm Đồng")
    org = r.choice(["UBND", "ỦY BAN NHÂN DÂN", "SỞ NỘI VỤ", "BAN CHỈ ĐẠO", "VĂN PHÒNG"])
    year = r.choice([2024, 2025, 2026])
    out = ['<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>doc</title></head><body>',
           '<table class="noborder"><col width="42%"><col width="58%">',
           f'<tr><td><p class="center" style="font-size:12pt">{e(org)}<br><b>{e(upper_vi(lvl + " " + place))}</b></p></td>'
           '<td><p class="center bold" style="font-size:12pt">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>'
           '<p class="center bold">Độc lập - Tự do - Hạnh phúc</p></td></tr>',
           f'<tr><td><p class="center">Số: {r.randint(10, 999)}/{code}-{r.choice(["UBND", "SNV", "BCĐ", "VP", "STC"])}</p></td>'
           f'<td><p class="center italic">{e(place)}, ngày {r.randint(1, 28):02d} tháng {r.randint(1, 12):02d} năm {year}</p></td></tr></table>',
           f'<p class="center bold">{kind}</p>']
    if body:
        sub = body[0] if len(body[0].split()) <= 40 else " ".join(body[0].split()[:30])
        out.append(f'<p class="center bold">{e(sub)}</p><p class="center">___________</p>')
    for l in body[1:]:
        if is_heading(l):
            out.append(f'<p class="bold">{e(upper_vi(l))}</p>')
        else:
            out.append(f"<p>{e(l)}</p>")
    if agencies:
        out.append('<p class="bold italic noindent">Nơi nhận:</p>')
        for a in r.sample(agencies[:200], 4):
            out.append(f'<p class="noindent" style="font-size:11pt">- {e(a)};</p>')
        out.append('<p class="noindent" style="font-size:11pt">- Lưu: VT.</p>')
    # the task table (landscape appendix)
    if tasks and agencies:
        out.append('<div class="landscape">')
        out.append(f'<p class="center bold">PHỤ LỤC</p><p class="center bold">{e(upper_vi(r.choice(tasks)[:90].rsplit(" ", 1)[0]))}</p>')
        out.append(f'<p class="center italic">(Kèm theo {kind.capitalize()} số {r.randint(10, 999)}/{code} ngày {r.randint(1, 28)}/{r.randint(1, 12)}/{year})</p>')
        cols = r.choice([("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"),
                         ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm"),
                         ("STT", "Nội dung công việc", "Cơ quan thực hiện", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú")])
        out.append('<table><col width="5%"><col width="40%"><col width="15%"><col width="18%"><col width="12%"><col width="10%">')
        out.append("<tr>" + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr>")
        n = 0
        for s in range(r.randint(2, 3)):
            sec = r.choice(tasks)
            sec = " ".join(sec.split()[:r.randint(4, 9)]).rstrip(",;")
            out.append(f'<tr><td class="bold">{ROMAN[s]}</td><td colspan="5" class="bold">{e(upper_vi(sec))}</td></tr>')
            for _ in range(r.randint(3, 5)):
                n += 1
                lead = r.choice(agencies[:300])
                sup = ", ".join(r.sample(agencies[:300], r.randint(1, 3)))
                note = r.choice(["", "", "", "Báo cáo kết quả", "Kế hoạch", "Văn bản", "Quyết định"])
                out.append(f'<tr><td class="center">{n}</td><td>{e(r.choice(tasks))}</td><td>{e(lead)}</td>'
                           f'<td>{e(sup)}</td><td class="center">{e(deadline(r))}</td><td>{e(note)}</td></tr>')
        out.append("</table></div>")
    out.append("</body></html>\n")
    path = os.path.join(outdir, f"doc-{k:03d}.html")
    data = "\n".join(out)
    if not os.path.exists(path) or open(path, encoding="utf-8").read() != data:
        open(path, "w", encoding="utf-8").write(data)
PYEOF

# ------------------------------------------------------------------ 2. render + scan + eng-OCR + box truth
export OCRSIM_LO_PROFILE="$WORK/lo-profile"
for k in $(seq 0 $((NDOCS - 1))); do
  id=$(printf 'doc-%03d' "$k"); in="$WORK/docs/$id.html"; run="$WORK/runs/$id"; seed=$((1 + k % 3))
  if [ -f "$run/ocr/eng/pairs.tsv" ] && cmp -s "$in" "$run/input.html" && grep -q "\"seed\": $seed," "$run/run.json"; then
    continue
  fi
  rm -rf "$run"
  t0=$(date +%s)
  "$OCRSIM/ocrsim.sh" -q -o "$run" -m "$TESSDATA_MAIN" -r 200 -d 2 -z 14 -l eng -s "$seed" -j "$JOBS" "$in" >/dev/null
  echo "[pairs] $id: $(python3 -c "import json;print(json.load(open('$run/run.json'))['pages'])") pages, seed $seed, $(( $(date +%s) - t0 )) s" >&2
done

# ------------------------------------------------------------------ 3. aggregate
python3 - "$WORK/runs" "$NDOCS" "$HERE/pairs.tsv" <<'PYEOF'
import os, sys, unicodedata
from collections import Counter
runs, ndocs, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
c, pages = Counter(), 0
for k in range(ndocs):
    d = os.path.join(runs, f"doc-{k:03d}")
    pages += sum(1 for n in os.listdir(os.path.join(d, "pages")) if n.endswith(".scan.png"))
    rows = open(os.path.join(d, "ocr", "eng", "pairs.tsv"), encoding="utf-8").read().split("\n")[1:]
    for row in rows:
        f = row.split("\t")
        if len(f) < 8 or f[7] == "extra":
            continue
        ocr = unicodedata.normalize("NFC", f[3]) if f[7] != "miss" else ""
        c[(ocr, unicodedata.normalize("NFC", f[2]))] += 1
items = sorted(c.items(), key=lambda kv: (-kv[1], kv[0][0].encode(), kv[0][1].encode()))
with open(dst, "w", encoding="utf-8") as fh:
    for (o, t), n in items:
        fh.write(f"{o}\t{t}\t{n}\n")
print(f"[pairs] {ndocs} documents, {pages} pages, {sum(c.values())} groups, {len(c)} distinct pairs -> {dst}", file=sys.stderr)
PYEOF
