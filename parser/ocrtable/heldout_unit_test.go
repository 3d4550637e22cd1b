package ocrtable

import (
	"strings"
	"testing"
)

// A borderless table page that OCR read column by column: the numbers,
// then the contents, then each column under its own header word.
const columnBlock = `PHỤ LỤC II
NHIỆM VỤ GIAO CÁC ĐỊA PHƯƠNG
STT Nhiệm vụ, giải pháp Đơn vị thực hiện Tiến độ
1 Xây dựng kho dữ liệu dùng chung của tỉnh Sở Tài chính Quý I/2026
STT
2

3
4
Nhiệm vụ, giải pháp
Triển khai phần mềm quản lý văn bản tại các
cơ quan, đơn vị

Ban hành quy chế bảo đảm an toàn thông tin
Kiểm tra việc cung cấp dịch vụ công trực tuyến
Đơn vị thực hiện
UBND các huyện, thị xã,
thành phố
Sở Nội vụ

Ngân hàng Nhà nước chi
nhánh tỉnh
Tiến độ
Hằng năm
Quý II/2026
Trước ngày
30/6/2026
`

func TestColumnBlock(t *testing.T) {
	doc := docOf(columnBlock)
	warns := Rebuild(doc)
	if len(doc.Pages[0].Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Pages[0].Tables))
	}
	got := rowsOf(doc.Pages[0].Tables[0])
	want := []string{
		"STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
		"1 | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở Tài chính |  | Quý I/2026",
		"2 | Triển khai phần mềm quản lý văn bản tại các cơ quan, đơn vị | UBND các huyện, thị xã, thành phố |  | Hằng năm",
		"3 | Ban hành quy chế bảo đảm an toàn thông tin | Sở Nội vụ |  | Quý II/2026",
		"4 | Kiểm tra việc cung cấp dịch vụ công trực tuyến | Ngân hàng Nhà nước chi nhánh tỉnh |  | Trước ngày 30/6/2026",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range warns {
		if strings.Contains(w, "theo cột") {
			t.Errorf("counts agree, yet: %s", w)
		}
	}
	// every line of the block is the table's
	for _, l := range doc.Pages[0].Lines {
		if strings.TrimSpace(l.Text) != "" && !strings.HasPrefix(l.Text, "PHỤ LỤC") && !strings.HasPrefix(l.Text, "NHIỆM VỤ") {
			t.Errorf("line left in the text: %q", l.Text)
		}
	}
}

// A column whose cells cannot be counted out still gives every row, and a
// warning.
func TestColumnBlockShort(t *testing.T) {
	doc := docOf(strings.Replace(columnBlock, "Sở Nội vụ\n", "", 1))
	warns := Rebuild(doc)
	if n := len(doc.Pages[0].Tables[0].Rows); n != 5 {
		t.Fatalf("%d rows, want 5 (header + 4)", n)
	}
	found := false
	for _, w := range warns {
		found = found || strings.Contains(w, "cơ quan chủ trì có 2 ô cho 3 dòng")
	}
	if !found {
		t.Errorf("no warning for the short column: %q", warns)
	}
}

// A wrapped header (cells of two or three lines, OCR reading it line by
// line) is read by its words.
func TestWrappedHeader(t *testing.T) {
	lines := []string{
		"ST Noi dung nhiém vu Co quan Co quan phoi Thoi Ghi",
		"T chu tri hop gian chu",
		"hoan",
		"thanh",
		"1 Ra soat, danh gia tién do trién So KH&CN Cac so, ban, Thang",
	}
	cols, end, ok := findHeader(lines, 0)
	if !ok || end != 4 {
		t.Fatalf("header not read: %v %d %v", cols, end, ok)
	}
	if strings.Join(cols, " ") != "stt content lead support deadline note" {
		t.Errorf("columns %v", cols)
	}
	// a body line with header words is no header
	if _, _, ok := findHeader([]string{"Chủ trì thực hiện nội dung nhiệm vụ được giao tại kế hoạch của tỉnh năm 2026"}, 0); ok {
		t.Error("a sentence read as a header")
	}
}

// A caption whose numeral was lost or glued takes its place in the
// sequence.
func TestCaptionNumerals(t *testing.T) {
	doc := docOf("Phụ Lục\nx\nPhụ lục II\nx\nPhu lucIII\n")
	var refs []ref
	var texts []string
	for li, l := range doc.Pages[0].Lines {
		refs = append(refs, ref{0, li})
		texts = append(texts, l.Text)
	}
	fixCaptions(doc, refs, texts)
	got := []string{texts[0], texts[2], texts[4]}
	if strings.Join(got, "|") != "Phụ Lục I|Phụ lục II|Phu luc III" {
		t.Errorf("captions %q", got)
	}
	// a lone caption keeps no numeral
	doc = docOf("Phụ lục\nx\n")
	texts = []string{"Phụ lục", "x", ""}
	fixCaptions(doc, []ref{{0, 0}, {0, 1}, {0, 2}}, texts)
	if texts[0] != "Phụ lục" {
		t.Errorf("lone caption %q", texts[0])
	}
}

// A date broken inside its year by a narrow column is joined.
func TestBrokenYear(t *testing.T) {
	r := &reader{lines: []string{"2 Hoàn thiện hạ tầng, Văn phòng Sở KH&CN; 30/11/202", "hạng thiết bị, nhân lực UBND UBND các 5", "x"}, from: 0, to: 3}
	r.joinBrokenYears()
	if !strings.HasSuffix(r.lines[0], "30/11/2025") || strings.HasSuffix(r.lines[1], "5") {
		t.Errorf("%q", r.lines[:2])
	}
}

// A name's head with junk glued to it, in a block's agency column.
func TestRestoreHeadJunk(t *testing.T) {
	for _, s := range []string{"Sở@ Tài chính", "S@ Tài chính"} {
		if h, ok := restoreHead(s); !ok || h != "Sở Tài chính" {
			t.Errorf("%q → %q %v", s, h, ok)
		}
	}
}

// A deadline a narrow column broke after its first word is joined; a
// name's word that looks like a head is not.
func TestBrokenDeadlines(t *testing.T) {
	r := &reader{lines: []string{
		"4 Triển khai đánh giá mức độ hài Văn phòng Sở KH&CN; Hàng",
		"lòng người dân, doanh nghiệp UBND UBND các tháng",
		"5 Rà soát, đề xuất phương án cắt Văn phòng Các sở, ban, Thudong",
		"giảm, đơn giản hóa thủ tục UBND ngành; UBND xuyén",
		"6 Kiểm tra việc thực hiện Sở Công Thương",
		"tại các xã, phường Thường xuyên",
	}, from: 0, to: 6}
	r.joinBrokenDeadlines()
	want := []string{
		"4 Triển khai đánh giá mức độ hài Văn phòng Sở KH&CN; Hàng tháng",
		"lòng người dân, doanh nghiệp UBND UBND các",
		"5 Rà soát, đề xuất phương án cắt Văn phòng Các sở, ban, Thudong xuyén",
		"giảm, đơn giản hóa thủ tục UBND ngành; UBND",
		"6 Kiểm tra việc thực hiện Sở Công Thương",
		"tại các xã, phường Thường xuyên",
	}
	if strings.Join(r.lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s", strings.Join(r.lines, "\n"))
	}
}

// The header repeated on the next page, wrapped, is no row and no text of
// one.
func TestRepeatedWrappedHeader(t *testing.T) {
	// (far enough from the caption not to open a table of its own)
	doc := docOf(`PHỤ LỤC
STT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian
1 Xây dựng kho dữ liệu dùng chung của tỉnh Sở Tài chính Các sở, ban, ngành Quý I/2026
` + strings.Repeat("\n", 25) + `ST Nội dung nhiệm vụ Cơ quan Cơ quan phối Thời Ghi
T chủ trì hợp gian chú
2 Ban hành quy chế bảo đảm an toàn thông tin Sở Nội vụ Các sở, ban, ngành Quý II/2026
`)
	Rebuild(doc)
	got := rowsOf(doc.Pages[0].Tables[0])
	if len(got) != 3 || strings.Contains(strings.Join(got, " "), "chủ trì hợp") {
		t.Errorf("rows:\n%s", strings.Join(got, "\n"))
	}
}

// Two pages read column by column: both are read.
func TestTwoColumnBlocks(t *testing.T) {
	second := `STT
5
6
7
Nhiệm vụ, giải pháp
Số hóa hồ sơ sức khỏe điện tử
Tổ chức tập huấn kỹ năng số
Nâng cấp hạ tầng mạng cáp quang
Đơn vị thực hiện
Sở Y tế
Sở Nội vụ
Sở Khoa học và Công nghệ
Tiến độ
Năm 2026
Quý III/2026
Thường xuyên
`
	doc := docOf(columnBlock + second)
	Rebuild(doc)
	got := rowsOf(doc.Pages[0].Tables[0])
	if len(got) != 8 || got[7] != "7 | Nâng cấp hạ tầng mạng cáp quang | Sở Khoa học và Công nghệ |  | Thường xuyên" {
		t.Errorf("rows:\n%s", strings.Join(got, "\n"))
	}
}

// A table whose number column OCR lost and whose page it read column by
// column, the columns under their header words only: as many rows as
// deadlines.
func TestColumnBlockNoNumbers(t *testing.T) {
	doc := docOf(`PHỤ LỤC III
NHIỆM VỤ GIAO CÁC ĐỊA PHƯƠNG
Nhiệm vụ, giải pháp
Triển khai phần mềm quản lý văn bản tại các
cơ quan, đơn vị
Ban hành quy chế bảo đảm an toàn thông tin
Đơn vị thực hiện
UBND các huyện, thị xã,
thành phố
Sở Nội vụ
Tiến độ
Hằng năm
Quý II/2026
`)
	Rebuild(doc)
	if len(doc.Pages[0].Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Pages[0].Tables))
	}
	got := rowsOf(doc.Pages[0].Tables[0])
	if len(got) != 3 || !strings.HasSuffix(got[2], "| Ban hành quy chế bảo đảm an toàn thông tin | Sở Nội vụ |  | Quý II/2026") {
		t.Errorf("rows:\n%s", strings.Join(got, "\n"))
	}
}

// Two narrow agency columns read side by side are read slot by slot: a
// piece holding two names' starts is cut, each line's fragments go to the
// lead then the support, a lower-case line is cut where its words go on
// with each.
func TestSlotPieces(t *testing.T) {
	r := &reader{cols: []string{fSTT, fContent, fLead, fSupport, fDeadline}}
	ps := []piece{
		{text: "Văn phòng Sở KH&CN;", kind: pAgency, pos: 30, line: 1},
		{text: "30/11/2025", kind: pDeadline, pos: 50, line: 1},
		{text: "UBND UBND các", kind: pAgency, pos: 30, line: 2},
		{text: "thành phố xã, phường", kind: pOther, pos: 28, line: 3},
	}
	got := map[int][]string{}
	for _, p := range r.slotPieces(ps) {
		if p.slot > 0 {
			got[p.slot] = append(got[p.slot], p.text)
		}
	}
	lead, support := strings.Join(got[1], " "), strings.Join(got[2], " ")
	if lead != "Văn phòng UBND thành phố" || support != "Sở KH&CN; UBND các xã, phường" {
		t.Errorf("lead %q, support %q", lead, support)
	}
	// one name whose words the lexicon joins is not cut
	ps = []piece{{text: "Văn phòng UBND tỉnh", kind: pAgency, pos: 30, line: 1}}
	for _, p := range r.slotPieces(ps) {
		if p.slot > 0 {
			t.Errorf("cut %q", p.text)
		}
	}
	// a right-hand line under its row's text, lead then support
	rw := &row{content: []string{"Số hóa hệ thống thông tin"}}
	in := info{k: 5, content: "Sở Công |Các sở, ban,", pieces: []piece{{text: "31/12/2026", kind: pDeadline, pos: 40, line: 5}}}
	r.width = 30
	right, ok := r.rightLine(rw, in, true, nil)
	if !ok || len(right) < 2 || right[0].slot != 1 || right[1].slot != 2 {
		t.Fatalf("rightLine %+v %v", right, ok)
	}
	next, ok := r.rightLine(rw, info{k: 6, content: "Thwong [ngành"}, false, right)
	if !ok || len(next) != 2 || next[0].text != "Thwong" || next[1].text != "ngành" {
		t.Errorf("under it: %+v %v", next, ok)
	}
}
