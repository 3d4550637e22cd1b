package geom

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize"
)

// TestFoldWord checks the fast fold against normalize.Fold.
func TestFoldWord(t *testing.T) {
	for _, w := range strings.Fields("Nội dung NHIỆM VỤ Cơ quan chủ trì, phối hợp Thời gian/hoàn thành Ghi chú Đơn vị ĐẦU MỐI Sản phẩm: Tiến độ Quý IV/2025 (tổng hợp) Nô\u0323i") {
		want := strings.Trim(normalize.Fold(w), ".,:;()[]/-–*\"“”' ")
		if got := foldWord(w); got != want {
			t.Errorf("foldWord(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestCutAtMarks(t *testing.T) {
	w := box{text: "chinh{UBND", x0: 100, x1: 160, size: 12}
	parts, xs := cutAtMarks(w)
	if len(parts) != 2 || parts[0].text != "chinh" || parts[1].text != "UBND" || len(xs) != 1 {
		t.Fatalf("cutAtMarks(%q) = %+v, %v", w.text, parts, xs)
	}
	if !(parts[0].x0 == 100 && parts[0].x1 < xs[0] && xs[0] < parts[1].x0 && parts[1].x1 == 160) {
		t.Errorf("pieces out of order around the mark: %+v, %v", parts, xs)
	}
	if parts[1].key != "ubnd" {
		t.Errorf("piece key %q", parts[1].key)
	}
	if parts, xs := cutAtMarks(box{text: "|", x0: 5, x1: 6}); len(parts) != 0 || len(xs) != 1 {
		t.Errorf("a lone bar: %+v %v", parts, xs)
	}
	for s, want := range map[string]bool{"[1]": true, "{a}": true, "(tổng": true, "|an": false, "tri|": false, "[57-NQ/TW": false, "a]b[": false} {
		if got := balanced(s); got != want {
			t.Errorf("balanced(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSplitRuleMarks(t *testing.T) {
	var lines [][]box
	for i := 0; i < 4; i++ {
		lines = append(lines, []box{
			{text: "2", x0: 72, x1: 75, size: 12},
			{text: "|an", x0: 96, x1: 105, size: 12},
			{text: "toàn", x0: 112, x1: 130, size: 12},
			{text: "chinh{UBND", x0: 345, x1: 410, size: 12},
			{text: "[1]", x0: 420, x1: 430, size: 12},
		})
	}
	out, marks := splitRuleMarks(lines)
	var texts []string
	for _, w := range out[0] {
		texts = append(texts, w.text)
	}
	if got := strings.Join(texts, " "); got != "2 an toàn chinh UBND [1]" {
		t.Errorf("words %q", got)
	}
	if !hasRuleMarks(marks) {
		t.Errorf("four lines of marks draw no rule: %v", marks)
	}
	x, ok := ruleBetween(marks, 300, 400)
	if !ok || x < 365 || x > 380 {
		t.Errorf("rule between 300 and 400 at %.1f, %v", x, ok)
	}
	if _, ok := ruleBetween(marks, 200, 300); ok {
		t.Errorf("a rule where there are no marks")
	}
}

func TestDropSpecks(t *testing.T) {
	ws := []box{{text: "st", x0: 0, x1: 3}, {text: "=", x0: 10, x1: 12}, {text: "-", x0: 20, x1: 22},
		{text: "an", x0: 30, x1: 40}, {text: "phường", x0: 50, x1: 80}, {text: ".", x0: 90, x1: 91}}
	var got []string
	for _, w := range dropSpecks(ws, 5) {
		got = append(got, w.text)
	}
	if strings.Join(got, " ") != "- an phường" {
		t.Errorf("dropSpecks kept %q", got)
	}
}

func TestFixNumbers(t *testing.T) {
	row := func(stt string) rowB {
		r := rowB{cells: make([]cellB, 2), anchored: true}
		r.cells[0].words = []box{{text: stt}}
		r.cells[1].words = []box{{text: "nội dung"}}
		return r
	}
	b := &building{stt: 0, loose: true, rows: []rowB{row("k"), row("2"), row("3"), row("l"), row("5"), row("x")}}
	warns := b.fixNumbers()
	var got []string
	for _, r := range b.rows {
		got = append(got, r.cells[0].words[0].text)
	}
	if strings.Join(got, " ") != "1 2 3 4 5 6" || len(warns) != 3 {
		t.Errorf("numbers %v, warnings %q", got, warns)
	}
	b = &building{stt: 0, loose: true, rows: []rowB{row("2"), row("a."), row("4")}}
	if b.fixNumbers(); b.rows[1].cells[0].words[0].text != "a." {
		t.Errorf("a lettered row was renumbered")
	}
}

func TestCellLines(t *testing.T) {
	// OCR boxes of one line: a tall word with marks, a short one, a dash's
	// sliver; the next line below.
	ws := []box{
		{text: "phố", x0: 168, x1: 187, y0: 429.4, y1: 441.4},
		{text: "xem", x0: 191, x1: 213, y0: 432.5, y1: 438.7},
		{text: "-", x0: 181, x1: 184, y0: 435, y1: 436},
		{text: "UBND", x0: 96, x1: 132, y0: 430.3, y1: 438.9},
		{text: "Nhà", x0: 97, x1: 117, y0: 444.7, y1: 454.1},
	}
	var got []string
	for _, l := range cellLines(ws) {
		got = append(got, lineText(l))
	}
	if strings.Join(got, " / ") != "UBND phố - xem / Nhà" {
		t.Errorf("lines %q", got)
	}
}

func TestSameHeader(t *testing.T) {
	a := "stt|noi dung nhiem vu|co quan chu tri|co quan phai hgp|thoi gian hoan thanh|ghi chi"
	b := "stt|noi dung nhiem vu|co quan chi tri|co quan phei hgp|thei gian hoan tidoh|ghi chu"
	if !sameHeader(a, b) {
		t.Errorf("OCR variants of one header differ")
	}
	if sameHeader(a, "stt|noi dung|kinh phi|dia diem|thoi gian|ghi chu") || sameHeader(a, "stt|noi dung nhiem vu") {
		t.Errorf("different headers are the same")
	}
}
