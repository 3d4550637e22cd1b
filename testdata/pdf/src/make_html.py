#!/usr/bin/env python3
"""Write the HTML sources of the PDF fixtures (run by ../make.sh).

appendix_*.html: the appendix of Kế hoạch 458/KH-UBND (the 10 tasks of
seeds/001, kept in seed001_tasks.tsv beside this script, which is also the
truth the tests compare with) in four layouts: bordered, borderless, a row
split across two pages, landscape.

plan30.html: a ~30-page plan in the genre, written for the benchmark: body
paragraphs taken from the administrative corpus (/work/shared/corpus, never
from the seeds) under the usual headings, and three appendices with
different column sets and 100+ tasks composed from the phrase lists below.
Deterministic (fixed random seed).
"""
import html
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
e = html.escape

rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(here, "seed001_tasks.tsv"), encoding="utf-8")]
header, tasks = rows[0], rows[1:]

STYLE = """<style>
body { font-family: 'Liberation Serif'; font-size: 13pt; }
p { margin: 0 0 6pt 0; }
td, th { font-family: 'Liberation Serif'; font-size: 12pt; vertical-align: top; }
.c { text-align: center; }
</style>"""


def page(body, landscape=False):
    size = "29.7cm 21cm" if landscape else "21cm 29.7cm"
    return ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>kehoach</title>\n'
            + STYLE.replace("</style>", "@page { size: %s; margin: 2cm 1.5cm 2cm 2cm; }\n</style>" % size)
            + "</head><body>\n" + body + "\n</body></html>\n")


def caption():
    return ('<p class="c"><b>Phụ lục</b></p>\n'
            '<p class="c"><b>NHIỆM VỤ CỤ THỂ RÀ SOÁT, ĐÔN ĐỐC TRIỂN KHAI NGHỊ QUYẾT<br>57-NQ/TW (QUÝ IV NĂM 2025)</b></p>\n'
            '<p class="c"><i>(Kèm theo Kế hoạch số: 458/KH-UBND ngày 25 tháng 11 năm 2025 của UBND thành phố Huế)</i></p>\n')


def table(head, body_rows, border=True, widths=None, sections=(), repeat=True):
    attrs = 'border="1" cellspacing="0" cellpadding="4"' if border else 'border="0" cellspacing="0" cellpadding="4"'
    out = ['<table width="100%%" %s>' % attrs]
    ws = widths or [int(100 / len(head))] * len(head)
    hr = "<tr>" + "".join('<th class="c" width="%d%%">%s</th>' % (w, e(h)) for w, h in zip(ws, head)) + "</tr>"
    out.append("<thead>" + hr + "</thead><tbody>" if repeat else "<tbody>" + hr)
    for r in body_rows:
        if isinstance(r, str):  # a section row across the table
            out.append('<tr><td colspan="%d"><b>%s</b></td></tr>' % (len(head), e(r)))
            continue
        cells = []
        for j, c in enumerate(r):
            cls = ' class="c"' if j == 0 else ""
            cells.append("<td%s>%s</td>" % (cls, e(c)))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out) + "\n"


W6 = [6, 38, 14, 18, 13, 11]


def write(name, text):
    with open(os.path.join(here, name), "w", encoding="utf-8") as fh:
        fh.write(text)


write("appendix_bordered.html", page(caption() + table(header, tasks, True, W6)))
write("appendix_borderless.html", page(caption() + table(header, tasks, False, W6)))
# A row split over the page break: push the table down the first page so that
# a tall row starts just above its bottom margin.
spacer = "".join("<p>&nbsp;</p>\n" for _ in range(18))
write("appendix_split.html", page(spacer + caption() + table(header, tasks, True, W6)))
# Borderless, the header not repeated on the next page, a row split.
write("appendix_norepeat.html", page(spacer + caption() + table(header, tasks, False, W6, repeat=False)))
# Bordered, the header not repeated, a row split.
write("appendix_split_norepeat.html", page(spacer + caption() + table(header, tasks, True, W6, repeat=False)))
write("appendix_landscape.html", page(caption() + table(header, tasks, True, [5, 39, 13, 19, 13, 11]), landscape=True))

# ---------------------------------------------------------------- plan30
rnd = random.Random(57)
corpus = "/work/shared/corpus/tnt305_official_docs.txt"
paras = []
if os.path.exists(corpus):
    for line in open(corpus, encoding="utf-8"):
        line = line.strip()
        if 200 <= len(line) <= 700 and "|" not in line and "458" not in line:
            paras.append(line)
        if len(paras) > 20000:
            break
rnd.shuffle(paras)

verbs = ["Rà soát", "Xây dựng", "Triển khai", "Tổ chức", "Hoàn thiện", "Đẩy mạnh", "Nâng cấp", "Đánh giá",
         "Tăng cường", "Ban hành", "Kiểm tra", "Hướng dẫn", "Tuyên truyền", "Số hóa", "Chuẩn hóa", "Kết nối"]
objects = ["hệ thống thông tin giải quyết thủ tục hành chính", "cơ sở dữ liệu dân cư", "nền tảng chia sẻ dữ liệu",
           "hạ tầng mạng cáp quang đến cấp xã", "kho dữ liệu dùng chung", "dịch vụ công trực tuyến toàn trình",
           "hồ sơ sức khỏe điện tử", "sổ tay chuyển đổi số", "trung tâm điều hành đô thị thông minh",
           "hệ thống quản lý văn bản và điều hành", "chữ ký số cho cán bộ, công chức",
           "mạng lưới tổ công nghệ số cộng đồng", "chương trình đào tạo kỹ năng số", "quy chế bảo đảm an toàn thông tin",
           "danh mục cơ sở dữ liệu chuyên ngành", "hoạt động của các doanh nghiệp khởi nghiệp sáng tạo",
           "cơ chế đặt hàng nhiệm vụ khoa học và công nghệ", "phần mềm quản lý đất đai", "thanh toán không dùng tiền mặt"]
goals = ["bảo đảm kết nối thông suốt với hệ thống của Trung ương", "phục vụ người dân, doanh nghiệp",
         "theo đúng lộ trình được phê duyệt", "gắn với cải cách hành chính", "nâng cao hiệu quả quản lý nhà nước",
         "đáp ứng yêu cầu của Nghị quyết số 57-NQ/TW", "trên địa bàn tỉnh", "tại các cơ quan, đơn vị, địa phương"]
agencies = ["Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng",
            "Công an tỉnh", "Văn phòng UBND tỉnh", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
            "Sở Văn hóa, Thể thao và Du lịch", "Sở Tư pháp", "Ngân hàng Nhà nước chi nhánh tỉnh"]
supports = ["Các sở, ban, ngành", "UBND các xã, phường", "Các cơ quan, đơn vị liên quan", "Viễn thông tỉnh",
            "Hiệp hội doanh nghiệp tỉnh", "Các trường đại học, cao đẳng", "Báo và Phát thanh, Truyền hình tỉnh"]
deadlines = ["Quý I/2026", "Quý II/2026", "Tháng 6/2026", "Trước ngày 30/6/2026", "Thường xuyên", "Năm 2026",
             "Hằng năm", "31/12/2026", "Tháng 9/2026", "Quý IV/2026"]
products = ["Kế hoạch được ban hành", "Báo cáo kết quả", "Hệ thống được đưa vào vận hành", "Quyết định phê duyệt",
            "Cơ sở dữ liệu được cập nhật", "Văn bản hướng dẫn"]


def task_text():
    t = "%s %s" % (rnd.choice(verbs), rnd.choice(objects))
    for _ in range(rnd.randint(0, 2)):
        t += ", " + rnd.choice(goals)
    if rnd.random() < 0.3:
        t += "; " + rnd.choice(verbs).lower() + " " + rnd.choice(objects)
    return t


def support_text():
    return "; ".join(rnd.sample(supports, rnd.randint(1, 3)))


body = []
w = body.append
w('<table width="100%" border="0"><tr><td class="c">ỦY BAN NHÂN DÂN<br><b>TỈNH MẪU</b></td>'
  '<td class="c"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>'
  '<tr><td class="c">Số: 123/KH-UBND</td><td class="c"><i>Tỉnh Mẫu, ngày 15 tháng 01 năm 2026</i></td></tr></table>')
w('<p class="c"><b>KẾ HOẠCH</b></p>')
w('<p class="c"><b>Thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026</b></p>')
headings = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "III. KINH PHÍ THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"]
pi = 0
for h in headings:
    w("<p><b>%s</b></p>" % e(h))
    for k in range(1, 4):
        w("<p><b>%d. %s</b></p>" % (k, e(rnd.choice(objects).capitalize())))
        for _ in range(13):
            if pi < len(paras):
                w("<p>%s</p>" % e(paras[pi]))
                pi += 1
w('<p>Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh để xem xét, điều chỉnh./.</p>')
w('<p style="page-break-before: always" class="c"><b>Phụ lục I</b></p>')
w('<p class="c"><b>NHIỆM VỤ TRỌNG TÂM NĂM 2026</b></p>')
w('<p class="c"><i>(Kèm theo Kế hoạch số 123/KH-UBND ngày 15 tháng 01 năm 2026 của UBND tỉnh)</i></p>')
r1 = []
n = 0
for sec in ["I. HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH", "II. PHÁT TRIỂN HẠ TẦNG SỐ", "III. PHÁT TRIỂN NGUỒN NHÂN LỰC"]:
    r1.append(sec)
    for _ in range(15):
        n += 1
        r1.append([str(n), task_text(), rnd.choice(agencies), support_text(), rnd.choice(deadlines), ""])
w(table(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"], r1, True, W6))
w('<p style="page-break-before: always" class="c"><b>Phụ lục II</b></p>')
w('<p class="c"><b>DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ</b></p>')
r2 = []
for sec in ["A. CHÍNH QUYỀN SỐ", "B. KINH TẾ SỐ", "C. XÃ HỘI SỐ"]:
    r2.append(sec)
    for k in range(12):
        r2.append(["%d" % (k + 1), task_text(), rnd.choice(agencies), support_text(), rnd.choice(products), rnd.choice(deadlines)])
w(table(["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm", "Thời hạn"], r2, True, [6, 36, 15, 17, 14, 12]))
w('<p style="page-break-before: always" class="c"><b>Phụ lục III</b></p>')
w('<p class="c"><b>NHIỆM VỤ GIAO CÁC ĐỊA PHƯƠNG</b></p>')
r3 = []
for k in range(30):
    r3.append([str(k + 1), task_text(), rnd.choice(agencies + ["UBND các huyện, thị xã, thành phố"]), rnd.choice(deadlines)])
w(table(["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Tiến độ"], r3, False, [7, 55, 22, 16]))
write("plan30.html", page("\n".join(body)))

# ---------------------------------------------------------------- merged
# A bordered table with a two-level header (Cơ quan thực hiện over Chủ trì
# and Phối hợp), section rows, a lead agency cell spanning two rows, and a
# cell with two paragraphs.
m = ['<table width="100%" border="1" cellspacing="0" cellpadding="4">',
     '<thead><tr><th rowspan="2" width="7%">STT</th><th rowspan="2" width="43%">Nội dung nhiệm vụ</th>'
     '<th colspan="2" width="34%">Cơ quan thực hiện</th><th rowspan="2" width="16%">Thời hạn</th></tr>'
     '<tr><th width="17%">Chủ trì</th><th width="17%">Phối hợp</th></tr></thead><tbody>',
     '<tr><td colspan="5"><b>I. CÔNG TÁC TUYÊN TRUYỀN</b></td></tr>',
     '<tr><td class="c">1</td><td>Tổ chức hội nghị quán triệt nội dung kế hoạch đến cán bộ, công chức</td>'
     '<td rowspan="2">Sở Nội vụ</td><td>Các sở, ban, ngành</td><td>Quý I/2026</td></tr>',
     '<tr><td class="c">2</td><td>Biên soạn tài liệu hướng dẫn</td><td>Sở Tư pháp</td><td>Tháng 3/2026</td></tr>',
     '<tr><td colspan="5"><b>II. CÔNG TÁC KIỂM TRA</b></td></tr>',
     '<tr><td class="c">3</td><td><p>Kiểm tra việc thực hiện tại các xã, phường;</p><p>- Báo cáo kết quả kiểm tra</p></td>'
     '<td>Văn phòng UBND tỉnh</td><td>Sở Tài chính; Công an tỉnh</td><td>Hằng năm</td></tr>',
     '</tbody></table>']
write("merged.html", page('<p class="c"><b>Phụ lục IV</b></p>\n' + "\n".join(m)))
print("wrote appendix_*.html and plan30.html;", pi, "corpus paragraphs,", n + 36 + 30, "plan tasks", file=sys.stderr)
