package ocr

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/kehoach/kehoach/parser/layout"
)

const fixtures = "../../testdata/ocr"

// A hand-made TSV at 300 dpi: 300 px are 72 pt.
const smallTSV = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n" +
	"2\t1\t1\t0\t0\t0\t300\t600\t1200\t100\t-1\t\n" +
	"3\t1\t1\t1\t0\t0\t300\t600\t1200\t100\t-1\t\n" +
	"4\t1\t1\t1\t1\t0\t300\t600\t1200\t60\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t300\t600\t300\t50\t96.5\tKế\n" +
	"5\t1\t1\t1\t1\t2\t650\t610\t400\t40\t91\thoạch\n" +
	"5\t1\t1\t1\t1\t3\t1100\t612\t100\t48\t80\tsố\n" +
	// a line of blanks only: dropped
	"4\t1\t1\t1\t2\t0\t300\t700\t100\t40\t-1\t\n" +
	"5\t1\t1\t1\t2\t1\t300\t700\t100\t40\t95\t \n" +
	// a horizontal and a vertical ruling line, as tesseract reports them
	"2\t1\t2\t0\t0\t0\t150\t1000\t2100\t4\t-1\t\n" +
	"3\t1\t2\t1\t0\t0\t150\t1000\t2100\t4\t-1\t\n" +
	"4\t1\t2\t1\t1\t0\t150\t1000\t2100\t4\t-1\t\n" +
	"5\t1\t2\t1\t1\t1\t150\t1000\t2100\t4\t95\t \n" +
	"2\t1\t3\t0\t0\t0\t600\t1000\t3\t900\t-1\t\n" +
	"3\t1\t3\t1\t0\t0\t600\t1000\t3\t900\t-1\t\n" +
	"4\t1\t3\t1\t1\t0\t600\t1000\t3\t900\t-1\t\n" +
	"5\t1\t3\t1\t1\t1\t600\t1000\t3\t900\t95\t \n" +
	// decomposed text (NFD) comes out NFC
	"4\t1\t4\t1\t1\t0\t300\t2000\t300\t60\t-1\t\n" +
	"5\t1\t4\t1\t1\t1\t300\t2000\t300\t60\t-1\tThu\u031bo\u031b\u0300ng\n"

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestParseTSVSmall(t *testing.T) {
	pages, err := ParseTSV(strings.NewReader(smallTSV), 300)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("got %d pages, want 1", len(pages))
	}
	p := pages[0]
	if p.Number != 1 || !near(p.Width, 2480*0.24) || !near(p.Height, 3508*0.24) {
		t.Errorf("page = %d %vx%v, want 1 595.2x841.92", p.Number, p.Width, p.Height)
	}
	if len(p.Lines) != 2 {
		t.Fatalf("got %d lines, want 2: %+v", len(p.Lines), p.Lines)
	}
	l := p.Lines[0]
	if l.Text != "Kế hoạch số" || l.Num != 1 || len(l.Words) != 3 {
		t.Errorf("line 1 = %q num %d, %d words", l.Text, l.Num, len(l.Words))
	}
	if !near(l.X, 72) || !near(l.Width, 288) {
		t.Errorf("line 1 X %v Width %v, want 72 288", l.X, l.Width)
	}
	// bottoms 650, 650, 660 px: median 650 px = 156 pt
	if !near(l.Y, 156) {
		t.Errorf("line 1 baseline %v, want 156", l.Y)
	}
	w := l.Words[1]
	if w.Text != "hoạch" || !near(w.X, 156) || !near(w.Y, 146.4) || !near(w.W, 96) || !near(w.H, 9.6) || w.Conf != 91 {
		t.Errorf("word 2 = %+v", w)
	}
	if got := p.Lines[1]; got.Text != "Thường" || got.Num != 2 || got.Words[0].Conf != 0 {
		t.Errorf("line 2 = %+q num %d conf %v, want NFC \"Thường\" 2 0", got.Text, got.Num, got.Words[0].Conf)
	}
	if len(p.Rules) != 2 {
		t.Fatalf("got %d rules, want 2: %+v", len(p.Rules), p.Rules)
	}
	h, v := p.Rules[0], p.Rules[1]
	if !h.Horizontal() || !near(h.X0, 36) || !near(h.X1, 540) || !near(h.Y0, 240.48) || !near(h.Y1, h.Y0) {
		t.Errorf("horizontal rule = %+v", h)
	}
	if v.Horizontal() || !near(v.X0, 144.36) || !near(v.Y0, 240) || !near(v.Y1, 456) {
		t.Errorf("vertical rule = %+v", v)
	}
}

func TestParseTSVMultiPage(t *testing.T) {
	two := smallTSV + strings.ReplaceAll(strings.SplitN(smallTSV, "\n", 2)[1], "\t1\t", "\t2\t")
	pages, err := ParseTSV(strings.NewReader(two), 300)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[1].Number != 2 || len(pages[1].Lines) != 2 || pages[1].Lines[0].Num != 1 {
		t.Fatalf("pages = %+v", pages)
	}
}

func TestParseTSVErrors(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"short row", "1\t1\t0\n"},
		{"not a number", "1\tx\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n"},
		{"line before page", "4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t\n"},
		{"word outside its line", "1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\ta\n"},
	} {
		if _, err := ParseTSV(strings.NewReader(tc.in), 300); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := ParseTSV(strings.NewReader(smallTSV), 0); err == nil {
		t.Error("dpi 0: no error")
	}
	pages, err := ParseTSV(strings.NewReader(""), 300)
	if err != nil || len(pages) != 0 {
		t.Errorf("empty input: %v %v", pages, err)
	}
}

// TestParseTSVReal reads a real TSV of the seed001 appendix's first page
// (testdata/ocr/seed001-p4.vie.tsv, made by make_fixtures.sh).
func TestParseTSVReal(t *testing.T) {
	f, err := os.Open(filepath.Join(fixtures, "seed001-p4.vie.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pages, err := ParseTSV(f, 300)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("got %d pages", len(pages))
	}
	p := pages[0]
	// A4 landscape
	if math.Abs(p.Width-842) > 2 || math.Abs(p.Height-595) > 2 {
		t.Errorf("page size %vx%v, want about 842x595", p.Width, p.Height)
	}
	checkPage(t, p)
	text := p.Text()
	for _, want := range []string{"Phụ lục", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "UBND", "KH&CN", "11/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("page text lacks %q", want)
		}
	}
	var hor, ver int
	for _, r := range p.Rules {
		if r.Horizontal() {
			hor++
		} else {
			ver++
		}
	}
	// the bordered task table: 6 columns (7 vertical rules), a header and rows
	if ver < 5 || hor < 4 {
		t.Errorf("rules: %d horizontal, %d vertical; want a bordered table", hor, ver)
	}
}

// checkPage checks the invariants every OCR page keeps.
func checkPage(t *testing.T, pg layout.Page) {
	t.Helper()
	for i, l := range pg.Lines {
		if l.Num != i+1 {
			t.Errorf("line %d has Num %d", i+1, l.Num)
		}
		if len(l.Words) == 0 {
			t.Errorf("line %d has no words", i+1)
		}
		var parts []string
		for _, w := range l.Words {
			parts = append(parts, w.Text)
			if w.W <= 0 || w.H <= 0 || w.X < 0 || w.Y < 0 || w.X+w.W > pg.Width+1 || w.Y+w.H > pg.Height+1 {
				t.Errorf("line %d word %q box %v,%v %vx%v off the page", i+1, w.Text, w.X, w.Y, w.W, w.H)
			}
			if w.Conf < 0 || w.Conf > 100 {
				t.Errorf("word %q conf %v", w.Text, w.Conf)
			}
		}
		if l.Text != strings.Join(parts, " ") || !norm.NFC.IsNormalString(l.Text) {
			t.Errorf("line %d text %+q is not its words joined, NFC", i+1, l.Text)
		}
	}
	for ti, tb := range pg.Tables {
		if tb.At < 0 || tb.At > len(pg.Lines) {
			t.Errorf("table %d stands before line %d of %d", ti, tb.At, len(pg.Lines))
		}
		width := -1
		for ri, r := range tb.Rows {
			n := 0
			for _, c := range r.Cells {
				n += c.ColSpan
				for _, para := range c.Paras {
					if !norm.NFC.IsNormalString(para) || strings.TrimSpace(para) == "" {
						t.Errorf("table %d row %d: paragraph %+q", ti, ri, para)
					}
				}
			}
			if width >= 0 && n != width {
				t.Errorf("table %d row %d spans %d columns, the first %d", ti, ri, n, width)
			}
			width = n
		}
	}
}
