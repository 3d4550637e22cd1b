// Command gen writes the DOCX, HTML and legacy-encoding fixtures of the
// parser tests, and beside each the tasks its register must hold
// (<fixture>.want.json). Run it from the module root:
//
//	go run ./testdata/docx/gen
//
// The plan is the appendix of Kế hoạch 458/KH-UBND (ten tasks), in two
// layouts: as published (flat table) and a variant grouped in sections
// whose lead agencies span several rows. The files are written byte for
// byte the same on every run.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kehoach/kehoach/normalize/vnenc"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

type task struct {
	STT      string   `json:"stt"`
	Section  string   `json:"section"`
	Content  string   `json:"content"`
	Lead     []string `json:"lead"`
	Support  []string `json:"support"`
	Deadline string   `json:"deadline"`
	Note     string   `json:"note"`
}

type want struct {
	Number string `json:"number"`
	Tasks  []task `json:"tasks"`
}

var tasks = []task{
	{"1", "", "Rà soát, đánh giá tiến độ triển khai các nhiệm vụ chuyển đổi số, phát triển KH&CN, đổi mới sáng tạo tại các cơ quan, đơn vị, địa phương; tổng hợp, báo cáo UBND thành phố",
		[]string{"Sở KH&CN"}, []string{"Các sở, ban, ngành", "UBND các xã, phường"}, "Tháng 11/2025", ""},
	{"2", "", "Hoàn thiện hạ tầng kỹ thuật, hang thiết bị, nhân lực, an toàn thông tin cho Trung tâm phục vụ hành chính công cấp xã",
		[]string{"Văn phòng UBND thành phố"}, []string{"Sở KH&CN", "UBND các xã, phường"}, "30/11/2025", ""},
	{"3", "", "Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình; kết nối, chia sẻ dữ liệu hành chính theo nguyên tắc “một cửa - một lần khai”",
		[]string{"Sở KH&CN"}, []string{"Văn phòng UBND thành phố", "các cơ quan, đơn vị liên quan"}, "31/12/2025", ""},
	{"4", "", "Triển khai đánh giá mức độ hài lòng người dân, doanh nghiệp về TTHC, dịch vụ công trực tuyến; cập nhật kết quả trên hệ thống giám sát",
		[]string{"Văn phòng UBND thành phố"}, []string{"Sở KH&CN", "UBND các xã, phường"}, "Hàng tháng", ""},
	{"5", "", "Rà soát, đề xuất phương án cắt giảm, đơn giản hóa thủ tục hành chính cấp xã, cấp thành phố; trình UBND thành phố xem xét",
		[]string{"Văn phòng UBND thành phố"}, []string{"Các sở, ban, ngành", "UBND các xã, phường"}, "Thường xuyên", ""},
	{"6", "", "Triển khai mô hình hợp tác “Ba nhà” (Nhà nước - Nhà khoa học - Doanh nghiệp) thúc đẩy đổi mới sáng tạo trong các lĩnh vực trọng điểm",
		[]string{"Sở KH&CN"}, []string{"Sở Kế hoạch và Đầu tư", "Hiệp hội doanh nghiệp", "các viện, trường"}, "30/11/2025", ""},
	{"7", "", "Đảm bảo kinh phí cho các hoạt động KH&CN, đổi mới sáng tạo, chuyển đổi số; ưu tiên bố trí đúng tiến độ, hiệu quả",
		[]string{"Sở Tài chính"}, []string{"Sở KH&CN", "các sở, ban, ngành, UBND xã, phường"}, "Quý IV/2025", ""},
	{"8", "", "Báo cáo kết quả, minh chứng thực hiện Nghị quyết 57-NQ/TW và các nhiệm vụ liên quan trên hệ thống giám sát",
		[]string{"Các sở, ban, ngành", "UBND các xã, phường"}, []string{"Sở KH&CN (tổng hợp)"}, "Hàng tháng", ""},
	{"9", "", "Tổ chức kiểm tra, hướng dẫn các xã, phường hoàn thiện điều kiện hoạt động Trung tâm phục vụ hành chính công cấp xã",
		[]string{"Văn phòng UBND thành phố"}, []string{"Sở KH&CN"}, "Tháng 11/2025", ""},
	{"10", "", "Báo cáo tổng kết và đề xuất nhiệm vụ, giải pháp năm 2026 về KH&CN, đổi mới sáng tạo, chuyển đổi số",
		[]string{"Sở KH&CN"}, []string{"Văn phòng UBND thành phố", "Sở Tài chính"}, "31/12/2025", ""},
}

// sections regroups the same tasks under section rows, so that one lead
// agency covers several consecutive rows (vMerge, rowspan).
var sections = []struct {
	title string
	tasks []int // 1-based numbers in tasks
}{
	{"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", []int{1, 10}},
	{"II. HẠ TẦNG VÀ DỊCH VỤ CÔNG TRỰC TUYẾN", []int{2, 4, 5, 9, 3}},
	{"III. NGUỒN LỰC VÀ HỢP TÁC", []int{6, 7, 8}},
}

// sectioned is the variant's task list, renumbered as printed.
func sectioned() []task {
	var out []task
	n := 0
	for _, s := range sections {
		for _, k := range s.tasks {
			t := tasks[k-1]
			n++
			t.STT = fmt.Sprint(n)
			t.Section = s.title
			out = append(out, t)
		}
	}
	return out
}

var header = []string{"STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"}

var preamble = []string{
	"ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ",
	"Số: 458/KH-UBND",
	"Huế, ngày 25 tháng 11 năm 2025",
	"KẾ HOẠCH",
	"Triển khai Kế hoạch số 02-KH/TU ngày 21/10/2025 của Thành ủy",
	"Căn cứ nội dung Kế hoạch này, yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện.",
	"TM. ỦY BAN NHÂN DÂN",
	"Nguyễn Thanh Bình",
	"PHỤ LỤC",
	"NHIỆM VỤ CỤ THỂ RÀ SOÁT, ĐÔN ĐỐC TRIỂN KHAI NGHỊ QUYẾT 57-NQ/TW (QUÝ IV NĂM 2025)",
	"(Kèm theo Kế hoạch số: 458/KH-UBND ngày 25 tháng 11 năm 2025 của UBND thành phố Huế)",
}

func main() {
	log.SetFlags(0)
	must(os.MkdirAll("testdata/docx", 0o755))
	must(os.MkdirAll("testdata/html", 0o755))
	must(os.MkdirAll("testdata/legacy", 0o755))

	writeDOCX("testdata/docx/plan_merged.docx", docOptions{}, tasks)
	writeDOCX("testdata/docx/plan_sections.docx", docOptions{sections: true, autoNumber: true, paraAgencies: true}, sectioned())
	writeDOCX("testdata/docx/plan_tcvn3.docx", docOptions{sections: true, legacy: vnenc.FontTCVN3}, tcvnWant(sectioned()))
	writeDOCX("testdata/docx/plan_vni.docx", docOptions{legacy: vnenc.FontVNI}, tasks)

	writeHTML("testdata/html/plan_legaldb.html", sectioned())

	web := webText(tasks)
	writeText("testdata/legacy/plan_tcvn3.txt", tcvn3Bytes(web), tcvnWant(tasks))
	writeText("testdata/legacy/plan_vni.txt", latin1(vnenc.EncodeVNI(web)), tasks)
	writeText("testdata/legacy/plan_viqr.txt", []byte(toVIQR(web)), viqrWant(tasks))
	writeText("testdata/legacy/plan_nfd.txt", []byte(norm.NFD.String(web)), tasks)
	cp, err := charmap.Windows1258.NewEncoder().Bytes([]byte(to1258(web)))
	must(err)
	writeText("testdata/legacy/plan_cp1258.txt", cp, tasks)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func writeWant(path string, ts []task) {
	b, err := json.MarshalIndent(want{Number: "458/KH-UBND", Tasks: ts}, "", "  ")
	must(err)
	must(os.WriteFile(strings.TrimSuffix(path, filepath.Ext(path))+".want.json", append(b, '\n'), 0o644))
}

// ---- DOCX ----

type docOptions struct {
	sections     bool       // section rows spanning the table; lead agencies merged down
	autoNumber   bool       // STT by Word numbering, not typed
	paraAgencies bool       // agencies as separate paragraphs in their cell
	legacy       vnenc.Font // text typed in a legacy font
}

type wml struct {
	b   strings.Builder
	opt docOptions
}

func esc(s string) string {
	var b bytes.Buffer
	must(xmlEscape(&b, s))
	return b.String()
}

func xmlEscape(b *bytes.Buffer, s string) error {
	b.WriteString(html.EscapeString(s))
	return nil
}

// run writes a run of text; in a legacy document the text is spelled in
// the legacy encoding and the run names the font.
func (w *wml) run(s string, bold bool) {
	var rpr strings.Builder
	text := s
	switch w.opt.legacy {
	case vnenc.FontTCVN3:
		if strings.ToUpper(s) == s && s != strings.ToLower(s) {
			// Capitals are set in the capitals font, from lower-case codes.
			text, _ = vnenc.EncodeTCVN3(strings.ToLower(s))
			rpr.WriteString(`<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>`)
		} else {
			text, _ = vnenc.EncodeTCVN3(s)
			// The body font comes from the document defaults.
		}
	case vnenc.FontVNI:
		text = vnenc.EncodeVNI(s)
		rpr.WriteString(`<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>`)
	}
	if bold {
		rpr.WriteString(`<w:b/>`)
	}
	w.b.WriteString(`<w:r>`)
	if rpr.Len() > 0 {
		w.b.WriteString(`<w:rPr>` + rpr.String() + `</w:rPr>`)
	}
	for i, part := range strings.Split(text, "\n") {
		if i > 0 {
			w.b.WriteString(`<w:br/>`)
		}
		w.b.WriteString(`<w:t xml:space="preserve">` + esc(part) + `</w:t>`)
	}
	w.b.WriteString(`</w:r>`)
}

func (w *wml) para(s string, bold bool, ppr string) {
	w.b.WriteString(`<w:p>`)
	if ppr != "" {
		w.b.WriteString(`<w:pPr>` + ppr + `</w:pPr>`)
	}
	if s != "" {
		w.run(s, bold)
	}
	w.b.WriteString(`</w:p>`)
}

func (w *wml) cell(width, span int, vmerge string, paras []string, bold bool, ppr string) {
	w.b.WriteString(`<w:tc><w:tcPr>`)
	fmt.Fprintf(&w.b, `<w:tcW w:w="%d" w:type="dxa"/>`, width)
	if span > 1 {
		fmt.Fprintf(&w.b, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch vmerge {
	case "restart":
		w.b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		w.b.WriteString(`<w:vMerge/>`)
	}
	w.b.WriteString(`</w:tcPr>`)
	if len(paras) == 0 {
		paras = []string{""}
	}
	for _, p := range paras {
		w.para(p, bold, ppr)
	}
	w.b.WriteString(`</w:tc>`)
}

var widths = []int{600, 4200, 1800, 2200, 1400, 800}

func writeDOCX(path string, opt docOptions, ts []task) {
	w := &wml{opt: opt}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	w.b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`)
	for i, l := range preamble {
		bold := i == 0 || i == 3 || i == 8 || i == 9
		if i == 8 { // the appendix starts on a new page
			w.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		}
		w.para(l, bold, "")
	}
	w.b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="11000" w:type="dxa"/><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		fmt.Fprintf(&w.b, `<w:gridCol w:w="%d"/>`, wd)
	}
	w.b.WriteString(`</w:tblGrid>`)
	w.b.WriteString(`<w:tr><w:trPr><w:tblHeader/></w:trPr>`)
	for i, h := range header {
		w.cell(widths[i], 1, "", []string{h}, true, "")
	}
	w.b.WriteString(`</w:tr>`)
	section := ""
	for i, t := range ts {
		if opt.sections && t.Section != section {
			section = t.Section
			w.b.WriteString(`<w:tr>`)
			w.cell(11000, 6, "", []string{section}, true, "")
			w.b.WriteString(`</w:tr>`)
		}
		w.b.WriteString(`<w:tr>`)
		stt, sttPPr := []string{t.STT}, ""
		if opt.autoNumber {
			stt, sttPPr = []string{"\x00"}, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`
		}
		if stt[0] == "\x00" {
			w.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="600" w:type="dxa"/></w:tcPr><w:p><w:pPr>` + sttPPr + `</w:pPr></w:p></w:tc>`)
		} else {
			w.cell(widths[0], 1, "", stt, false, "")
		}
		content := t.Content
		if i == 0 {
			// A soft line break inside the first task's paragraph.
			content = strings.Replace(content, "; ", ";\n", 1)
		}
		w.cell(widths[1], 1, "", []string{content}, false, "")
		// The lead agency: merged down over consecutive rows of the same
		// section with the same lead.
		vm := ""
		same := func(a, b task) bool {
			return strings.Join(a.Lead, ";") == strings.Join(b.Lead, ";") && a.Section == b.Section
		}
		if opt.sections {
			if i > 0 && same(ts[i-1], t) {
				vm = "continue"
			} else if i+1 < len(ts) && same(ts[i+1], t) {
				vm = "restart"
			}
		}
		lead := []string{strings.Join(t.Lead, "; ")}
		support := []string{strings.Join(t.Support, "; ")}
		if opt.paraAgencies {
			lead, support = t.Lead, t.Support
		}
		if vm == "continue" {
			lead = nil
		}
		w.cell(widths[2], 1, vm, lead, false, "")
		w.cell(widths[3], 1, "", support, false, "")
		w.cell(widths[4], 1, "", []string{t.Deadline}, false, "")
		w.cell(widths[5], 1, "", nil, false, "")
		w.b.WriteString(`</w:tr>`)
	}
	w.b.WriteString(`</w:tbl>`)
	w.para("", false, "")
	w.b.WriteString(`<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>`)

	font := "Times New Roman"
	if opt.legacy == vnenc.FontTCVN3 {
		font = ".VnTime"
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `" w:cs="Times New Roman"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`},
		{"word/numbering.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:lvlJc w:val="center"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`},
		{"word/document.xml", w.b.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2025, 11, 25, 8, 0, 0, 0, time.UTC)})
		must(err)
		_, err = fw.Write([]byte(p.body))
		must(err)
	}
	must(zw.Close())
	must(os.WriteFile(path, buf.Bytes(), 0o644))
	writeWant(path, ts)
}

// tcvnWant is what a TCVN3 document says once decoded: capitals with a
// tone mark, which TCVN3 cannot spell, come out in lower case.
func tcvnWant(ts []task) []task {
	out := make([]task, len(ts))
	for i, t := range ts {
		f := func(s string) string {
			if strings.ToUpper(s) == s {
				return s // set in the capitals font
			}
			e, _ := vnenc.EncodeTCVN3(s)
			return vnenc.DecodeTCVN3(e)
		}
		t.Content, t.Deadline, t.Section = f(t.Content), f(t.Deadline), f(t.Section)
		t.Lead = mapAll(t.Lead, f)
		t.Support = mapAll(t.Support, f)
		out[i] = t
	}
	return out
}

func mapAll(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// viqrWant is what a VIQR text says: VIQR has no curly quotes.
func viqrWant(ts []task) []task {
	out := make([]task, len(ts))
	for i, t := range ts {
		t.Content = strings.NewReplacer("“", `"`, "”", `"`).Replace(t.Content)
		out[i] = t
	}
	return out
}

// ---- HTML ----

func writeHTML(path string, ts []task) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Kế hoạch 458/KH-UBND năm 2025 triển khai Kế hoạch 02-KH/TU Thành phố Huế</title>
<style>.menu{display:block} td{border:1px solid #000}</style>
<script>var tracking = "<table><tr><td>not content</td></tr></table>";</script>
</head><body>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/van-ban">Văn bản pháp luật</a></li></ul></nav>
<div id="header"><a href="/login">Đăng nhập</a></div>
<div class="content">
<h1>Kế hoạch 458/KH-UBND năm 2025 triển khai Kế hoạch 02-KH/TU Thành phố Huế</h1>
<table class="meta">
<tr><td>Số hiệu</td><td>458/KH-UBND</td><td>Loại văn bản</td><td>Kế hoạch</td></tr>
<tr><td>Nơi ban hành</td><td>Thành phố Huế</td><td>Người ký</td><td>Nguyễn Thanh Bình</td></tr>
<tr><td>Ngày ban hành</td><td>25/11/2025</td><td>Ngày hiệu lực</td><td>25/11/2025</td></tr>
</table>
<div class="doc">
<table><tr><td><p><b>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HUẾ</b></p><p>Số: 458/KH-UBND</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></p><p><i>Huế, ngày 25 tháng 11 năm 2025</i></p></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p>
<p align="center"><b>Triển khai Kế hoạch số 02-KH/TU ngày 21/10/2025 của Thành ủy</b></p>
<p>Căn cứ nội dung Kế hoạch này, yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện.</p>
<p align="center"><b>PHỤ LỤC</b></p>
<p align="center"><b>NHIỆM VỤ CỤ THỂ RÀ SOÁT, ĐÔN ĐỐC TRIỂN KHAI NGHỊ QUYẾT 57-NQ/TW (QUÝ IV NĂM 2025)</b></p>
<p align="center"><i>(Kèm theo Kế hoạch số: 458/KH-UBND ngày 25 tháng 11 năm 2025 của UBND thành phố Huế)</i></p>
<table border="1" cellspacing="0">
<thead><tr>`)
	for _, h := range header {
		b.WriteString("<th>" + html.EscapeString(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	section := ""
	for i, t := range ts {
		if t.Section != section {
			section = t.Section
			fmt.Fprintf(&b, `<tr><td colspan="6"><b>%s</b></td></tr>`+"\n", html.EscapeString(section))
		}
		b.WriteString("<tr>")
		fmt.Fprintf(&b, `<td align="center">%s</td><td><p>%s</p></td>`, t.STT, html.EscapeString(t.Content))
		same := func(a, c task) bool {
			return strings.Join(a.Lead, ";") == strings.Join(c.Lead, ";") && a.Section == c.Section
		}
		if i == 0 || !same(ts[i-1], t) {
			span := 1
			for j := i + 1; j < len(ts) && same(ts[j], t); j++ {
				span++
			}
			attr := ""
			if span > 1 {
				attr = fmt.Sprintf(` rowspan="%d"`, span)
			}
			fmt.Fprintf(&b, `<td%s>%s</td>`, attr, joinEsc(t.Lead, "<br>"))
		}
		fmt.Fprintf(&b, `<td>%s</td><td>%s</td><td></td></tr>`+"\n", joinEsc(t.Support, "<br>\n"), html.EscapeString(t.Deadline))
	}
	b.WriteString(`</tbody></table>
<p>&nbsp;</p>
</div></div>
<footer><p>Bản quyền thuộc về cơ sở dữ liệu pháp luật. Đăng xuất</p></footer>
<script>document.write("<p>ignored</p>")</script>
</body></html>
`)
	must(os.WriteFile(path, []byte(b.String()), 0o644))
	writeWant(path, ts)
}

func joinEsc(ss []string, sep string) string {
	var out []string
	for _, s := range ss {
		out = append(out, html.EscapeString(s))
	}
	return strings.Join(out, sep)
}

// ---- plain text in legacy encodings ----

// webText renders the plan as text copied from a legal web database: one
// cell a line ended by " |", each row begun by a lone "|".
func webText(ts []task) string {
	var b strings.Builder
	for _, l := range preamble {
		b.WriteString(l + "\n")
	}
	b.WriteString("|\n")
	for _, h := range header {
		b.WriteString(h + " |\n")
	}
	for _, t := range ts {
		b.WriteString("|\n")
		for _, c := range []string{t.STT, t.Content, strings.Join(t.Lead, "; "), strings.Join(t.Support, "; "), t.Deadline, ""} {
			b.WriteString(c + " |\n")
		}
	}
	return b.String()
}

func writeText(path string, data []byte, ts []task) {
	must(os.WriteFile(path, data, 0o644))
	writeWant(path, ts)
}

func tcvn3Bytes(s string) []byte {
	e, _ := vnenc.EncodeTCVN3(s)
	return latin1(e)
}

// latin1 writes each character as its Windows-1252 byte.
func latin1(s string) []byte {
	var out []byte
	for _, r := range s {
		switch {
		case r < 0x100:
			out = append(out, byte(r))
		default:
			b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(string(r)))
			if err != nil {
				b = []byte("?")
			}
			out = append(out, b...)
		}
	}
	return out
}

// toVIQR spells Vietnamese in VIQR (RFC 1456).
func toVIQR(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch r {
		case '\u0306':
			b.WriteByte('(')
		case '\u0302':
			b.WriteByte('^')
		case '\u031B':
			b.WriteByte('+')
		case '\u0301':
			b.WriteByte('\'')
		case '\u0300':
			b.WriteByte('`')
		case '\u0309':
			b.WriteByte('?')
		case '\u0303':
			b.WriteByte('~')
		case '\u0323':
			b.WriteByte('.')
		case 'đ':
			b.WriteString("dd")
		case 'Đ':
			b.WriteString("DD")
		case '“', '”':
			b.WriteByte('"')
		default:
			b.WriteRune(r)
		}
	}
	// NFD puts the dot below before the shape mark; VIQR wants the shape
	// first: "e.^" → "e^.".
	out := b.String()
	for _, m := range []string{"(", "^", "+"} {
		out = strings.ReplaceAll(out, "."+m, m+".")
	}
	return out
}

// to1258 keeps shape marks composed and tone marks combining, as
// Windows-1258 spells Vietnamese.
func to1258(s string) string {
	var out []rune
	var tone rune
	for _, r := range norm.NFD.String(s) {
		switch r {
		case '\u0302', '\u0306', '\u031B':
			if n := len(out); n > 0 {
				c := []rune(norm.NFC.String(string(out[n-1]) + string(r)))
				out[n-1] = c[0]
			}
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tone = r
		default:
			if tone != 0 {
				out = append(out, tone)
				tone = 0
			}
			out = append(out, r)
		}
	}
	if tone != 0 {
		out = append(out, tone)
	}
	return string(out)
}
