package geom_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/geom"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/pdfread"
)

const fixtures = "../../testdata/pdf"

func readPDF(t testing.TB, name string) *layout.Doc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// truth reads the appendix of Kế hoạch 458/KH-UBND as the web database
// gives it: header and 10 rows of 6 cells.
func truth(t testing.TB) [][]string {
	data, err := os.ReadFile(filepath.Join(fixtures, "src", "seed001_tasks.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

func dump(doc *layout.Doc) string {
	var b strings.Builder
	for _, p := range doc.Pages {
		fmt.Fprintf(&b, "=== page %d: %d lines, %d tables\n", p.Number, len(p.Lines), len(p.Tables))
		for _, l := range p.Lines {
			fmt.Fprintf(&b, "  | %s\n", l.Text)
		}
		for ti, tb := range p.Tables {
			fmt.Fprintf(&b, "  table %d at %d, %d rows\n", ti, tb.At, len(tb.Rows))
			for _, r := range tb.Rows {
				var cs []string
				for _, c := range r.Cells {
					s := fmt.Sprintf("%q", c.Paras)
					if c.ColSpan > 1 || c.RowSpan > 1 {
						s += fmt.Sprintf("{%dx%d}", c.ColSpan, c.RowSpan)
					}
					cs = append(cs, s)
				}
				fmt.Fprintf(&b, "    p%d n%d h=%v %s\n", r.Page, r.Num, r.Header, strings.Join(cs, " | "))
			}
		}
	}
	return b.String()
}

// TestDump prints the tables of $GEOM_DUMP (a PDF under testdata/pdf).
func TestDump(t *testing.T) {
	f := os.Getenv("GEOM_DUMP")
	if f == "" {
		t.Skip("set GEOM_DUMP=name.pdf")
	}
	doc := readPDF(t, f)
	geom.Tables(doc)
	fmt.Print(dump(doc))
}

// TestAppendix458 reads the appendix of Kế hoạch 458/KH-UBND in every
// layout and checks the table cell by cell against the web text.
func TestAppendix458(t *testing.T) {
	want := truth(t)
	for _, name := range []string{"appendix_bordered.pdf", "appendix_borderless.pdf", "appendix_split.pdf",
		"appendix_landscape.pdf", "appendix_cid.pdf", "appendix_norepeat.pdf", "appendix_split_norepeat.pdf", "rotated.pdf", "pdf20.pdf", "encrypted_open.pdf", "damaged_xref.pdf", "shifted.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc := readPDF(t, name)
			geom.Tables(doc)
			var tables []layout.Table
			for _, p := range doc.Pages {
				tables = append(tables, p.Tables...)
			}
			if len(tables) != 1 {
				t.Fatalf("%d tables, want 1\n%s", len(tables), dump(doc))
			}
			tb := tables[0]
			if len(tb.Rows) != len(want) {
				t.Fatalf("%d rows, want %d\n%s", len(tb.Rows), len(want), dump(doc))
			}
			for r, row := range tb.Rows {
				if row.Header != (r == 0) {
					t.Errorf("row %d: Header = %v", r, row.Header)
				}
				if len(row.Cells) != len(want[r]) {
					t.Errorf("row %d: %d cells, want %d", r, len(row.Cells), len(want[r]))
					continue
				}
				for c, cell := range row.Cells {
					got := normalize.JoinLines(cell.Text())
					if got != want[r][c] {
						t.Errorf("row %d col %d:\n got %q\nwant %q", r, c, got, want[r][c])
					}
				}
			}
			// The caption stays in the page's lines, before the table.
			p := doc.Pages[0]
			if tb.At < 1 || len(p.Lines) < tb.At || !strings.HasPrefix(p.Lines[0].Text, "Phụ lục") {
				t.Errorf("caption lines before the table: At=%d lines=%d", tb.At, len(p.Lines))
			}
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					if strings.Contains(l.Text, "Sở KH&CN") || strings.Contains(l.Text, "STT") {
						t.Errorf("page %d: table line left in the text: %q", p.Number, l.Text)
					}
				}
			}
		})
	}
}

// asOCR turns a PDF's words into what tesseract gives: boxes that reach
// from the top of the tallest letter (capitals, stacked diacritics) to the
// bottom of descenders, no rules, no font sizes, and lines cut at wide gaps
// and given block by block (a column at a time) rather than across the
// page.
func asOCR(doc *layout.Doc) {
	doc.Kind = "ocr"
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		p.Rules = nil
		var lines []layout.Line
		for _, l := range p.Lines {
			var cur []layout.Word
			flush := func() {
				if len(cur) > 0 {
					var t []string
					for _, w := range cur {
						t = append(t, w.Text)
					}
					lines = append(lines, layout.Line{Text: strings.Join(t, " "), Words: cur, X: cur[0].X, Num: l.Num})
					cur = nil
				}
			}
			for i, w := range l.Words {
				if i > 0 && w.X-(l.Words[i-1].X+l.Words[i-1].W) > w.H {
					flush()
				}
				h := w.H
				top, bottom := w.Y-0.72*h, w.Y+0.02*h
				if strings.ContainsAny(w.Text, "gpqyịọụựỵ(),;") {
					bottom = w.Y + 0.22*h
				}
				if strings.ToLower(w.Text) != w.Text || strings.ContainsAny(w.Text, "ếềểễệốồổỗộấầẩẫậắằẳẵặ") {
					top = w.Y - 0.9*h
				}
				w.Y, w.H, w.Conf = top, bottom-top, 90
				cur = append(cur, w)
			}
			flush()
		}
		sort.SliceStable(lines, func(i, j int) bool {
			bi, bj := int(lines[i].X/150), int(lines[j].X/150)
			if bi != bj {
				return bi < bj
			}
			return lines[i].Words[0].Y < lines[j].Words[0].Y
		})
		p.Lines = lines
	}
}

// TestOCRBoxes reads the bordered appendix as OCR word boxes: no rules, so
// the columns come from the header and the gutters.
func TestOCRBoxes(t *testing.T) {
	want := truth(t)
	for _, name := range []string{"appendix_bordered.pdf", "appendix_split.pdf", "appendix_landscape.pdf"} {
		doc := readPDF(t, name)
		asOCR(doc)
		// OCR misreads a header word ("quan" as "quau") and the repair
		// stage left it: the header is still found.
		misread := false
		for li, l := range doc.Pages[0].Lines {
			for wi, w := range l.Words {
				if w.Text == "quan" && wi > 0 && l.Words[wi-1].Text == "Cơ" && !misread {
					doc.Pages[0].Lines[li].Words[wi].Text = "quau"
					misread = true
				}
			}
		}
		geom.Tables(doc)
		tb := doc.Pages[0].Tables
		if len(tb) != 1 || len(tb[0].Rows) != len(want) {
			t.Fatalf("%s: tables %d\n%s", name, len(tb), dump(doc))
		}
		for r, row := range tb[0].Rows {
			for c, cell := range row.Cells {
				if got := normalize.JoinLines(cell.Text()); r > 0 && c < len(want[r]) && got != want[r][c] {
					t.Errorf("%s: row %d col %d:\n got %q\nwant %q", name, r, c, got, want[r][c])
				}
			}
		}
	}
}

// TestMerged reads a bordered table with a two-level header, section rows
// across the table, a lead cell over two rows and a cell of two paragraphs.
func TestMerged(t *testing.T) {
	doc := readPDF(t, "merged.pdf")
	geom.Tables(doc)
	if len(doc.Pages[0].Tables) != 1 {
		t.Fatalf("\n%s", dump(doc))
	}
	tb := doc.Pages[0].Tables[0]
	got := [][]string{}
	for _, r := range tb.Rows {
		var cs []string
		for _, c := range r.Cells {
			var ps []string
			for _, p := range c.Paras {
				ps = append(ps, normalize.JoinLines(p))
			}
			s := strings.Join(ps, "¶")
			if c.ColSpan > 1 || c.RowSpan > 1 {
				s += fmt.Sprintf("{%dx%d}", c.ColSpan, c.RowSpan)
			}
			cs = append(cs, s)
		}
		got = append(got, cs)
	}
	want := [][]string{
		{"STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện Chủ trì", "Cơ quan thực hiện Phối hợp", "Thời hạn"},
		{"I. CÔNG TÁC TUYÊN TRUYỀN{5x1}"},
		{"1", "Tổ chức hội nghị quán triệt nội dung kế hoạch đến cán bộ, công chức", "Sở Nội vụ{1x2}", "Các sở, ban, ngành", "Quý I/2026"},
		{"2", "Biên soạn tài liệu hướng dẫn", "Sở Tư pháp", "Tháng 3/2026"},
		{"II. CÔNG TÁC KIỂM TRA{5x1}"},
		{"3", "Kiểm tra việc thực hiện tại các xã, phường;¶- Báo cáo kết quả kiểm tra", "Văn phòng UBND tỉnh", "Sở Tài chính; Công an tỉnh", "Hằng năm"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	grid := tb.Grid()
	if len(grid) != 6 || len(grid[3]) != 5 || grid[3][2].Paras[0] != "Sở Nội vụ" || !grid[3][2].Merged {
		t.Errorf("grid row 3: %+v", grid[3])
	}
}

// TestPlan30 reads the 30-page plan: body text stays text, the three
// appendix tables come out whole over their pages.
func TestPlan30(t *testing.T) {
	doc := readPDF(t, "plan30.pdf")
	geom.Tables(doc)
	type tinfo struct {
		page, rows, sections int
		stt                  []string
	}
	var got []tinfo
	bodyLines := 0
	for _, p := range doc.Pages {
		if len(p.Tables) == 0 && p.Number < 10 {
			bodyLines += len(p.Lines)
		}
		for _, tb := range p.Tables {
			ti := tinfo{page: p.Number}
			for _, r := range tb.Rows[1:] {
				if len(r.Cells) == 1 {
					ti.sections++
					continue
				}
				ti.rows++
				ti.stt = append(ti.stt, r.Cells[0].Text())
				for _, c := range r.Cells[1:4] {
					if strings.TrimSpace(c.Text()) == "" {
						t.Errorf("page %d row %s: empty cell %+v", r.Page, r.Cells[0].Text(), r.Cells)
					}
				}
			}
			got = append(got, ti)
		}
	}
	if len(got) != 3 {
		t.Fatalf("%d tables, want 3\n%s", len(got), dump(doc))
	}
	for i, w := range []struct{ rows, sections int }{{45, 3}, {36, 3}, {30, 0}} {
		if got[i].rows != w.rows || got[i].sections != w.sections {
			t.Errorf("table %d: %d rows %d sections, want %d, %d; STT %v", i+1, got[i].rows, got[i].sections, w.rows, w.sections, got[i].stt)
		}
	}
	for k, s := range got[0].stt {
		if s != fmt.Sprint(k+1) {
			t.Errorf("table 1 row %d: STT %q", k+1, s)
			break
		}
	}
	if bodyLines < 200 {
		t.Errorf("only %d body lines kept on pages 1-9", bodyLines)
	}
}

// BenchmarkReadAndTables30 reads the 29-page plan and rebuilds its tables.
func BenchmarkReadAndTables30(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures, "plan30.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), "plan30.pdf")
		if err != nil {
			b.Fatal(err)
		}
		geom.Tables(doc)
	}
}

// fuzzVocab is what the fuzzer's words say: header words, row numbers,
// agencies, deadlines, page numbers.
var fuzzVocab = strings.Fields(`STT TT Nội dung nhiệm vụ Cơ quan chủ trì phối hợp Thời gian hoàn thành
	Ghi chú Sản phẩm 1 2 3 10 I. II. a) - Sở Tài chính; UBND các xã, phường Quý IV/2025 30/11/2025 Trang
	Phụ lục Rà soát, đánh giá triển khai`)

// docFromBytes makes a page of words from fuzz data: 5 bytes a word (x, y
// on a coarse grid, which word), optional rules from a second stream.
func docFromBytes(data []byte) (*layout.Doc, int) {
	p := layout.Page{Number: 1, Width: 600, Height: 850}
	n := 0
	for i := 0; i+5 <= len(data) && n < 400; i += 5 {
		x := float64(int(data[i])<<8|int(data[i+1])) / 110
		y := float64(int(data[i+2])<<8|int(data[i+3])) / 80
		t := fuzzVocab[int(data[i+4])%len(fuzzVocab)]
		if data[i+4] >= 250 {
			p.Rules = append(p.Rules, layout.Rule{X0: x, Y0: 0, X1: x, Y1: y}, layout.Rule{X0: 0, Y0: y, X1: x, Y1: y})
			continue
		}
		w := layout.Word{Text: t, X: x, Y: y, W: 6 * float64(len([]rune(t))), H: 12}
		p.Lines = append(p.Lines, layout.Line{Text: t, Words: []layout.Word{w}, X: x, Y: y, Size: 12, Num: len(p.Lines) + 1})
		n++
	}
	return &layout.Doc{Name: "fuzz", Kind: "pdf", Pages: []layout.Page{p, p}}, n
}

// FuzzTables rebuilds tables from random word boxes and rules: no panic,
// and no word lost (every word is in a line or a cell afterwards).
func FuzzTables(f *testing.F) {
	f.Add([]byte{})
	var seed []byte
	for r, row := range [][]string{{"STT", "Nội", "dung", "Cơ", "quan", "chủ", "trì", "Thời", "gian"}, {"1", "Rà", "soát,", "Sở", "Tài", "chính;", "Quý", "IV/2025"}, {"2", "đánh", "giá", "UBND", "các", "30/11/2025"}} {
		for c, w := range row {
			k := 0
			for i, v := range fuzzVocab {
				if v == w {
					k = i
				}
			}
			x, y := 110*(60+60*c), 80*(100+20*r)
			seed = append(seed, byte(x>>8), byte(x), byte(y>>8), byte(y), byte(k))
		}
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, _ := docFromBytes(data)
		// Every word but page numbers and the header repeated on the
		// second page comes out in a line or a cell.
		want := 0
		for _, l := range doc.Pages[0].Lines {
			if !isNumber(l.Text) {
				want++
			}
		}
		geom.Tables(doc)
		got := 0
		for _, p := range doc.Pages {
			for _, l := range p.Lines {
				for _, w := range l.Words {
					if !isNumber(w.Text) {
						got++
					}
				}
			}
			for _, tb := range p.Tables {
				for _, r := range tb.Rows {
					for _, c := range r.Cells {
						for _, para := range c.Paras {
							for _, w := range strings.Fields(para) {
								if !isNumber(w) {
									got++
								}
							}
						}
					}
				}
			}
		}
		if got < want {
			t.Fatalf("%d words in on the first page, %d out\n%s", want, got, dump(doc))
		}
	})
}

// isNumber reports whether s could be (part of) a page number, which
// Tables drops: "2", "- 2 -", "Trang 2".
func isNumber(s string) bool {
	return strings.Trim(s, "0123456789-–—()") == "" || strings.EqualFold(s, "trang")
}

// line makes a line of words at baseline y from (x, text) pairs, 6 points
// a letter at 12 points.
func line(y float64, parts ...any) layout.Line {
	l := layout.Line{Y: y, Size: 12}
	var texts []string
	for i := 0; i+1 < len(parts); i += 2 {
		x := parts[i].(float64)
		for _, w := range strings.Fields(parts[i+1].(string)) {
			l.Words = append(l.Words, layout.Word{Text: w, X: x, Y: y, W: 6 * float64(len([]rune(w))), H: 12})
			x += 6*float64(len([]rune(w))) + 3
			texts = append(texts, w)
		}
	}
	l.Text = strings.Join(texts, " ")
	l.X = l.Words[0].X
	return l
}

// TestNoSTTColumn reads a borderless table without an STT column: rows are
// told apart by the blank between them.
func TestNoSTTColumn(t *testing.T) {
	p := layout.Page{Number: 1, Width: 600, Height: 800, Lines: []layout.Line{
		line(60, 200.0, "Phụ lục II"),
		line(100, 60.0, "Nội dung nhiệm vụ", 320.0, "Cơ quan chủ trì", 460.0, "Thời hạn"),
		line(130, 50.0, "Xây dựng kế hoạch chuyển đổi", 300.0, "Sở Nội vụ", 450.0, "Quý I/2026"),
		line(144, 50.0, "số năm 2026"),
		line(175, 50.0, "Ban hành quy chế", 300.0, "Sở Tư pháp", 450.0, "Tháng 6/2026"),
		line(220, 50.0, "Kiểm tra, đánh giá", 300.0, "Văn phòng UBND", 450.0, "Hằng năm"),
		line(234, 300.0, "tỉnh"),
	}}
	doc := &layout.Doc{Kind: "pdf", Pages: []layout.Page{p}}
	geom.Tables(doc)
	got := dump(doc)
	want := `=== page 1: 1 lines, 1 tables
  | Phụ lục II
  table 0 at 1, 4 rows
    p1 n0 h=true ["Nội dung nhiệm vụ"] | ["Cơ quan chủ trì"] | ["Thời hạn"]
    p1 n3 h=false ["Xây dựng kế hoạch chuyển đổi\nsố năm 2026"] | ["Sở Nội vụ"] | ["Quý I/2026"]
    p1 n5 h=false ["Ban hành quy chế"] | ["Sở Tư pháp"] | ["Tháng 6/2026"]
    p1 n6 h=false ["Kiểm tra, đánh giá"] | ["Văn phòng UBND\ntỉnh"] | ["Hằng năm"]
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestOuterRulesOnly reads the bordered appendix with its horizontal rules
// between rows taken away (a frame and column lines only).
func TestOuterRulesOnly(t *testing.T) {
	want := truth(t)
	doc := readPDF(t, "appendix_bordered.pdf")
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		lo, hi := 1e9, -1e9
		for _, r := range p.Rules {
			if r.Horizontal() {
				lo, hi = min(lo, r.Y0), max(hi, r.Y0)
			}
		}
		var keep []layout.Rule
		for _, r := range p.Rules {
			if !r.Horizontal() || r.Y0 == lo || r.Y0 == hi {
				keep = append(keep, r)
			}
		}
		p.Rules = keep
	}
	geom.Tables(doc)
	tb := doc.Pages[0].Tables
	if len(tb) != 1 || len(tb[0].Rows) != len(want) {
		t.Fatalf("tables %d\n%s", len(tb), dump(doc))
	}
	for r, row := range tb[0].Rows {
		for c, cell := range row.Cells {
			if got := normalize.JoinLines(cell.Text()); c < len(want[r]) && got != want[r][c] {
				t.Errorf("row %d col %d:\n got %q\nwant %q", r, c, got, want[r][c])
			}
		}
	}
}

// TestSignatureAfterTable checks that the signature block under a
// borderless table stays text.
func TestSignatureAfterTable(t *testing.T) {
	p := layout.Page{Number: 1, Width: 600, Height: 800, Lines: []layout.Line{
		line(100, 50.0, "STT", 120.0, "Nội dung nhiệm vụ", 320.0, "Cơ quan chủ trì", 460.0, "Thời hạn"),
		line(130, 55.0, "1", 80.0, "Xây dựng kế hoạch", 300.0, "Sở Nội vụ", 450.0, "Quý I/2026"),
		line(150, 55.0, "2", 80.0, "Ban hành quy chế", 300.0, "Sở Tư pháp", 450.0, "Tháng 6/2026"),
		line(172, 330.0, "KT. CHỦ TỊCH"),
		line(186, 330.0, "PHÓ CHỦ TỊCH"),
		line(230, 330.0, "Nguyễn Văn A"),
	}}
	doc := &layout.Doc{Kind: "pdf", Pages: []layout.Page{p}}
	geom.Tables(doc)
	got := dump(doc)
	want := `=== page 1: 3 lines, 1 tables
  | KT. CHỦ TỊCH
  | PHÓ CHỦ TỊCH
  | Nguyễn Văn A
  table 0 at 0, 3 rows
    p1 n0 h=true ["STT"] | ["Nội dung nhiệm vụ"] | ["Cơ quan chủ trì"] | ["Thời hạn"]
    p1 n2 h=false ["1"] | ["Xây dựng kế hoạch"] | ["Sở Nội vụ"] | ["Quý I/2026"]
    p1 n3 h=false ["2"] | ["Ban hành quy chế"] | ["Sở Tư pháp"] | ["Tháng 6/2026"]
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDoubleBorderAndUnderline reads the bordered appendix with a double
// line at the first column boundary and words underlined inside cells.
func TestDoubleBorderAndUnderline(t *testing.T) {
	want := truth(t)
	doc := readPDF(t, "appendix_bordered.pdf")
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		var extra []layout.Rule
		for _, r := range p.Rules {
			if !r.Horizontal() && r.X0 > 80 && r.X0 < 95 {
				extra = append(extra, layout.Rule{X0: r.X0 + 2.5, Y0: r.Y0, X1: r.X1 + 2.5, Y1: r.Y1})
			}
		}
		for _, l := range p.Lines {
			for _, w := range l.Words {
				if w.Text == "KH&CN" || w.Text == "Sở" {
					extra = append(extra, layout.Rule{X0: w.X, Y0: w.Y + 1.5, X1: w.X + w.W, Y1: w.Y + 1.5})
				}
			}
		}
		p.Rules = append(p.Rules, extra...)
	}
	geom.Tables(doc)
	tb := doc.Pages[0].Tables
	if len(tb) != 1 || len(tb[0].Rows) != len(want) {
		t.Fatalf("tables %d\n%s", len(tb), dump(doc))
	}
	for r, row := range tb[0].Rows {
		if len(row.Cells) != len(want[r]) {
			t.Errorf("row %d: %d cells", r, len(row.Cells))
			continue
		}
		for c, cell := range row.Cells {
			if got := normalize.JoinLines(cell.Text()); got != want[r][c] {
				t.Errorf("row %d col %d:\n got %q\nwant %q", r, c, got, want[r][c])
			}
		}
	}
}

// TestColumnNumbering checks that the row numbering the columns under the
// header, "(1) (2) (3) (4)", is no task row.
func TestColumnNumbering(t *testing.T) {
	p := layout.Page{Number: 1, Width: 600, Height: 800, Lines: []layout.Line{
		line(100, 50.0, "STT", 120.0, "Nội dung nhiệm vụ", 320.0, "Cơ quan chủ trì", 460.0, "Thời hạn"),
		line(118, 52.0, "(1)", 150.0, "(2)", 340.0, "(3)", 470.0, "(4)"),
		line(140, 55.0, "1", 80.0, "Xây dựng kế hoạch", 300.0, "Sở Nội vụ", 450.0, "Quý I/2026"),
		line(160, 55.0, "2", 80.0, "Ban hành quy chế", 300.0, "Sở Tư pháp", 450.0, "Tháng 6/2026"),
	}}
	doc := &layout.Doc{Kind: "pdf", Pages: []layout.Page{p}}
	geom.Tables(doc)
	tb := doc.Pages[0].Tables
	if len(tb) != 1 || len(tb[0].Rows) != 3 || tb[0].Rows[1].Cells[0].Text() != "1" {
		t.Errorf("got\n%s", dump(doc))
	}
}

// TestOCRRuleGlyphs reads tables as tesseract's English model leaves them
// in a scan's text layer: no ruling segments, word boxes tight to the ink
// (so the blank between words is wide), and the table's vertical rules
// read as "|" glued to the first word of a cell's line or standing alone.
func TestOCRRuleGlyphs(t *testing.T) {
	want := truth(t)
	for _, name := range []string{"appendix_borderless.pdf", "appendix_landscape.pdf", "appendix_bordered.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc := readPDF(t, name)
			doc.Kind = "pdf"
			for pi := range doc.Pages {
				p := &doc.Pages[pi]
				p.Rules = nil
				for li := range p.Lines {
					ws := p.Lines[li].Words
					for wi := range ws {
						w := &ws[wi]
						if w.W > 0.8*w.H {
							w.X, w.W = w.X+0.2*w.H, w.W-0.4*w.H
						}
					}
					for wi := range ws {
						if wi > 0 && ws[wi].X-(ws[wi-1].X+ws[wi-1].W) < 2*ws[wi].H {
							continue
						}
						// a cell's line starts here: its rule before it,
						// glued on every other line, alone on the others
						if li%2 == 0 {
							ws[wi].Text = "|" + ws[wi].Text
							ws[wi].X -= 2
							ws[wi].W += 2
						} else if wi > 0 {
							ws = append(ws, layout.Word{Text: "|", X: ws[wi].X - 4, Y: ws[wi].Y, W: 1, H: ws[wi].H})
						}
					}
					sort.SliceStable(ws, func(a, b int) bool { return ws[a].X < ws[b].X })
					p.Lines[li].Words = ws
				}
			}
			geom.Tables(doc)
			var tables []layout.Table
			for _, p := range doc.Pages {
				tables = append(tables, p.Tables...)
			}
			if len(tables) != 1 || len(tables[0].Rows) != len(want) {
				t.Fatalf("%d tables, want 1 of %d rows\n%s", len(tables), len(want), dump(doc))
			}
			for r, row := range tables[0].Rows {
				for c, cell := range row.Cells {
					if got := normalize.JoinLines(cell.Text()); r > 0 && c < len(want[r]) && got != want[r][c] {
						t.Errorf("row %d col %d:\n got %q\nwant %q", r, c, got, want[r][c])
					}
				}
			}
		})
	}
}
