package textread

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cells renders a table row as its cells' paragraphs joined by " / ".
func cells(r layout.Row) []string {
	var out []string
	for _, c := range r.Cells {
		out = append(out, strings.Join(c.Paras, " / "))
	}
	return out
}

func TestReadWebDatabase(t *testing.T) {
	doc := Read(readFile(t, "../../testdata/seeds/001.txt"), "001.txt")
	if doc.Kind != KindWeb {
		t.Fatalf("kind %q, want %q", doc.Kind, KindWeb)
	}
	p := doc.Pages[0]
	for _, l := range p.Lines {
		if l.Num >= 40 && l.Num <= 70 {
			t.Errorf("line %d of the repeated body kept: %q", l.Num, l.Text)
		}
	}
	if len(p.Tables) != 4 {
		t.Fatalf("%d tables, want 4 (metadata, header layout, signature, tasks)", len(p.Tables))
	}
	meta := p.Tables[0]
	if got := cells(meta.Rows[0]); !reflect.DeepEqual(got, []string{"Số hiệu", "458/KH-UBND"}) {
		t.Errorf("metadata row 1 = %q", got)
	}
	layoutTab := p.Tables[1]
	if got := cells(layoutTab.Rows[0]); !reflect.DeepEqual(got, []string{"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI / CHỦ NGHĨA VIỆT NAM"}) {
		t.Errorf("layout row 1 = %q", got)
	}
	sig := p.Tables[2]
	if got := cells(sig.Rows[0]); !reflect.DeepEqual(got, []string{"", "TM. ỦY BAN NHÂN / DÂN"}) {
		t.Errorf("signature row = %q", got)
	}
	tasks := p.Tables[3]
	if len(tasks.Rows) != 11 {
		t.Fatalf("task table has %d rows, want 11", len(tasks.Rows))
	}
	for i, r := range tasks.Rows {
		if len(r.Cells) != 6 {
			t.Errorf("row %d has %d cells, want 6: %q", i, len(r.Cells), cells(r))
		}
	}
	if r := tasks.Rows[1]; r.Num != 88 || cells(r)[0] != "1" || cells(r)[4] != "Tháng 11/2025" || cells(r)[5] != "" {
		t.Errorf("first task row at line %d = %q", r.Num, cells(r))
	}
	// The caption lines stand before the task table.
	at := tasks.At
	if at == 0 || !strings.HasPrefix(p.Lines[at-1].Text, "phố Huế)") {
		t.Errorf("task table anchored after %q", p.Lines[at-1].Text)
	}
}

func TestWebEmptyCellsAndSectionRows(t *testing.T) {
	text := strings.Join([]string{
		"Danh mục",
		"|",
		"TT |",
		"Tên nhiệm vụ |",
		"Đơn vị chủ trì |",
		"Tiến độ |",
		"|",
		"I. NHIỆM VỤ CHUNG |",
		"|",
		"1 |",
		"Xây dựng quy chế |",
		"|", // empty lead
		"Quý I/2026 |",
		"|",
		"2 |",
		"Ban hành kế hoạch",
		"chi tiết |",
		"Sở Nội vụ |",
		"Tháng 3/2026 |",
		"Hết.",
	}, "\n")
	doc := Read(text, "web.txt")
	if doc.Kind != KindWeb {
		t.Fatalf("kind %q", doc.Kind)
	}
	p := doc.Pages[0]
	if len(p.Tables) != 1 {
		t.Fatalf("%d tables", len(p.Tables))
	}
	want := [][]string{
		{"TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Tiến độ"},
		{"I. NHIỆM VỤ CHUNG"},
		{"1", "Xây dựng quy chế", "", "Quý I/2026"},
		{"2", "Ban hành kế hoạch / chi tiết", "Sở Nội vụ", "Tháng 3/2026"},
	}
	var got [][]string
	for _, r := range p.Tables[0].Rows {
		got = append(got, cells(r))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	if n := len(p.Lines); n != 2 || p.Lines[1].Text != "Hết." || p.Tables[0].At != 1 {
		t.Errorf("lines %v, table at %d", p.Lines, p.Tables[0].At)
	}
}

func TestReadMarkdown(t *testing.T) {
	doc := Read(readFile(t, "../../testdata/seeds/markdown.md"), "markdown.md")
	if doc.Kind != KindMarkdown {
		t.Fatalf("kind %q, want %q", doc.Kind, KindMarkdown)
	}
	p := doc.Pages[0]
	for _, l := range p.Lines {
		if strings.Contains(l.Text, "**") || strings.HasPrefix(l.Text, "#") {
			t.Errorf("markup left in line %d: %q", l.Num, l.Text)
		}
	}
	if len(p.Tables) != 3 {
		t.Fatalf("%d tables, want 3", len(p.Tables))
	}
	if got := cells(p.Tables[0].Rows[0]); !reflect.DeepEqual(got, []string{"ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"}) {
		t.Errorf("header row = %q", got)
	}
	if got := cells(p.Tables[0].Rows[1]); got[1] != "Quảng Trị, ngày 3 tháng 2 năm 2026" {
		t.Errorf("date cell = %q (italic marks left?)", got[1])
	}
	tasks := p.Tables[2]
	want := [][]string{
		{"STT", "Nhiệm vụ, giải pháp", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm"},
		{"I", "HẠ TẦNG SỐ", "", "", "", ""},
		{"1", "Nâng cấp mạng truyền số liệu chuyên dùng / của tỉnh", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành; / UBND các huyện, thị xã", "Quý II/2026", "Mạng được nâng cấp"},
		{"2", "Rà soát hệ thống camera giám sát tại trụ sở", "Công an tỉnh", "", "30/6/2026", "Báo cáo rà soát"},
		{"II", "DỮ LIỆU SỐ", "", "", "", ""},
		{"1", "Xây dựng kho dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Năm 2026", "Kho dữ liệu"},
	}
	var got [][]string
	for _, r := range tasks.Rows {
		got = append(got, cells(r))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("task rows\n got %q\nwant %q", got, want)
	}
}

func TestMarkdownInlineRows(t *testing.T) {
	text := "**KẾ HOẠCH**\n\n| STT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Họp giao ban | Sở Nội vụ |\n| 2 | Báo cáo | |\n\nHết."
	doc := Read(text, "gfm.md")
	if doc.Kind != KindMarkdown {
		t.Fatalf("kind %q", doc.Kind)
	}
	rows := doc.Pages[0].Tables[0].Rows
	if len(rows) != 3 || !reflect.DeepEqual(cells(rows[2]), []string{"2", "Báo cáo", ""}) {
		var got [][]string
		for _, r := range rows {
			got = append(got, cells(r))
		}
		t.Errorf("rows %q", got)
	}
	if doc.Pages[0].Lines[0].Text != "KẾ HOẠCH" {
		t.Errorf("line 1 %q", doc.Pages[0].Lines[0].Text)
	}
}

func TestMarkdownBreaksAndEntities(t *testing.T) {
	text := "| STT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n| 1 | Rà soát | Sở KH&amp;CN<br>UBND các xã<br/> |\n"
	doc := Read(text, "br.md")
	rows := doc.Pages[0].Tables[0].Rows
	if got := rows[1].Cells[2].Paras; !reflect.DeepEqual(got, []string{"Sở KH&CN", "UBND các xã"}) {
		t.Errorf("cell paragraphs %q", got)
	}
}

func TestClassify(t *testing.T) {
	ocr := strings.Repeat("Ké hoach trién khai thuc hién Nghi quyét s6 12 cua Ban Chi dao tinh ve chuyén doi so\n", 5)
	clean := strings.Repeat("Kế hoạch triển khai thực hiện Nghị quyết số 12 của Ban Chỉ đạo tỉnh về chuyển đổi số\n", 5)
	for _, c := range []struct{ text, want string }{
		{readFile(t, "../../testdata/seeds/001.txt"), KindWeb},
		{readFile(t, "../../testdata/seeds/002.txt"), KindPlain},
		{readFile(t, "../../testdata/seeds/markdown.md"), KindMarkdown},
		{ocr, KindOCR},
		{clean, KindPlain},
		{ocr + "| a | b |\n", KindOCR}, // a stray border read as pipes
		{"", KindPlain},
	} {
		if got := Classify(c.text); got != c.want {
			t.Errorf("Classify(%.40q…) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFormFeedPages(t *testing.T) {
	doc := Read("Trang một\ndòng hai\n\fTrang hai\n\f\fTrang bốn\n", "pages.txt")
	if len(doc.Pages) != 4 {
		t.Fatalf("%d pages, want 4", len(doc.Pages))
	}
	if l := doc.Pages[1].Lines[0]; l.Text != "Trang hai" || l.Num != 3 {
		t.Errorf("page 2 line 1 = %+v", l)
	}
	if l := doc.Pages[3].Lines[0]; l.Text != "Trang bốn" || l.Num != 4 {
		t.Errorf("page 4 line 1 = %+v", l)
	}
	if len(doc.Pages[2].Lines) != 0 {
		t.Errorf("page 3 should be empty: %+v", doc.Pages[2].Lines)
	}
}

func TestReadNormalises(t *testing.T) {
	// decomposed input, CRLF line ends, a byte-order mark
	doc := Read("\ufeffKe\u0302\u0301 hoa\u0323ch\r\nSo\u0302\u0301: 1/KH\r\n", "nfd.txt")
	if got := doc.Pages[0].Lines[0].Text; got != "Kế hoạch" {
		t.Errorf("line 1 = %+q", got)
	}
	if n := len(doc.Pages[0].Lines); n != 2 {
		t.Errorf("%d lines", n)
	}
}

func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/seeds/*")
	for _, file := range files {
		if strings.HasSuffix(file, ".yaml") {
			continue
		}
		b, err := os.ReadFile(file)
		if err == nil {
			f.Add(string(b))
		}
	}
	f.Add("|\nA |\nB |\n|\n|\nC |\n")
	f.Add("|\n\n|\n| a | b |\n|---|\ntext |\n|")
}

// FuzzTextRead checks that no text makes Read panic and that reading is
// deterministic.
func FuzzTextRead(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		a := Read(text, "fuzz")
		b := Read(text, "fuzz")
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two reads differ")
		}
		for _, p := range a.Pages {
			for _, tab := range p.Tables {
				if tab.At < 0 || tab.At > len(p.Lines) {
					t.Fatalf("table anchored at %d of %d lines", tab.At, len(p.Lines))
				}
			}
		}
	})
}
