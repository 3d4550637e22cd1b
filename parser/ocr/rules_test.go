package ocr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

func newGray(w, h int) *gray {
	g := &gray{w: w, h: h, pix: make([]byte, w*h)}
	for i := range g.pix {
		g.pix[i] = 255
	}
	return g
}

func (g *gray) fill(x0, y0, x1, y1 int) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			g.pix[y*g.w+x] = 0
		}
	}
}

func (g *gray) inkIn(x0, y0, x1, y1 int) int {
	n := 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if g.dark(x, y) {
				n++
			}
		}
	}
	return n
}

// table draws, at 150 dpi, a 2×2 ruled grid from (40,50) to (560,250) with
// 2-px borders, a tilted horizontal rule below it, a solid block that is no
// rule, a "digit" in the top-left cell and a word in the bottom-right one.
func table() *gray {
	g := newGray(600, 400)
	for _, y := range []int{50, 150, 250} {
		g.fill(40, y, 562, y+2)
	}
	for _, x := range []int{40, 300, 560} {
		g.fill(x, 50, x+2, 252)
	}
	for x := 40; x < 560; x++ { // drops one pixel every 130: a 0.44° skew
		y := 300 + x/130
		g.fill(x, y, x+1, y+2)
	}
	g.fill(100, 340, 400, 380) // a black bar 40 px thick: not a rule
	g.fill(60, 90, 70, 110)    // the digit
	g.fill(350, 190, 450, 205) // the word
	return g
}

func TestFindRules(t *testing.T) {
	g := table()
	hor, ver := findRules(g, 150)
	if len(hor) != 4 || len(ver) != 3 {
		t.Fatalf("found %d horizontal and %d vertical rules, want 4 and 3", len(hor), len(ver))
	}
	rules := layoutRules(hor, ver, 150)
	k := 72.0 / 150
	for i, y := range []float64{51, 151, 251} {
		r := rules[i]
		if !r.Horizontal() || abs(r.Y0-y*k) > 1 || abs(r.X0-40*k) > 1 || abs(r.X1-562*k) > 1 {
			t.Errorf("rule %d = %+v, want y %v from %v to %v", i, r, y*k, 40*k, 562*k)
		}
	}
	tilted := rules[3]
	if !tilted.Horizontal() || tilted.Y1-tilted.Y0 < 3*k || abs(tilted.X1-tilted.X0-520*k) > 1 {
		t.Errorf("tilted rule = %+v", tilted)
	}
	for i, x := range []float64{41, 301, 561} {
		r := rules[4+i]
		if r.Horizontal() || abs(r.X0-x*k) > 1 || abs(r.Y0-50*k) > 1 || abs(r.Y1-252*k) > 1 {
			t.Errorf("vertical rule %d = %+v, want x %v", i, r, x*k)
		}
	}

	eraseRules(g, hor, ver)
	if n := g.inkIn(0, 0, 600, 320); n != 10*20+100*15 {
		t.Errorf("%d dark pixels left above the bar, want only the digit's and the word's", n)
	}
	if n := g.inkIn(100, 340, 400, 380); n != 300*40 {
		t.Errorf("the black bar lost pixels: %d left", n)
	}

	cells := gridCells(hor, ver, 150)
	if len(cells) != 4 {
		t.Fatalf("got %d cells, want 4: %+v", len(cells), cells)
	}
	want := []cellBox{{41, 51, 301, 151}, {301, 51, 561, 151}, {41, 151, 301, 251}, {301, 151, 561, 251}}
	for i, c := range cells {
		if c != want[i] {
			t.Errorf("cell %d = %+v, want %+v", i, c, want[i])
		}
	}
	inked := inkedCells(g, cells, 150)
	if len(inked) != 2 || inked[0].x0 > 60 || inked[1].x0 < 301 || inked[1].y0 < 151 {
		t.Errorf("inked cells = %+v, want the top-left and bottom-right ones", inked)
	}
	blankCells(g, inked)
	if n := g.inkIn(0, 0, 600, 320); n != 0 {
		t.Errorf("%d dark pixels left after blanking the cells", n)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestInsertLines(t *testing.T) {
	p := layout.Page{Lines: []layout.Line{
		{Text: "title", Y: 20},
		{Text: "after the table", Y: 300},
	}}
	insertLines(&p, []cellLine{
		{layout.Line{Text: "1", Y: 120}, 100, 0},
		{layout.Line{Text: "task one", Y: 115}, 100, 1},
		{layout.Line{Text: "2", Y: 220}, 200, 2},
		{layout.Line{Text: "last row", Y: 400}, 380, 3},
	})
	var got []string
	for i, l := range p.Lines {
		got = append(got, l.Text)
		if l.Num != i+1 {
			t.Errorf("line %q numbered %d", l.Text, l.Num)
		}
	}
	want := []string{"title", "1", "task one", "2", "after the table", "last row"}
	if len(got) != len(want) {
		t.Fatalf("lines = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("lines = %q, want %q", got, want)
		}
	}
}

func TestPGM(t *testing.T) {
	dir := t.TempDir()
	g := table()
	path := filepath.Join(dir, "p.pgm")
	if err := writePGM(path, g); err != nil {
		t.Fatal(err)
	}
	back, err := readPGM(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.w != g.w || back.h != g.h || string(back.pix) != string(g.pix) {
		t.Error("PGM round trip changed the image")
	}
	// pdftoppm's header carries no comment, but others may
	if err := os.WriteFile(path, append([]byte("P5\n# c\n2 1\n255\n"), 0, 255), 0o600); err != nil {
		t.Fatal(err)
	}
	if back, err := readPGM(path); err != nil || back.w != 2 || back.pix[1] != 255 {
		t.Errorf("PGM with a comment: %v %+v", err, back)
	}
	for _, bad := range []string{"P6\n1 1\n255\n\x00\x00\x00", "P5\n1 1\n65535\n\x00\x00", "P5\n2 2\n255\n\x00", "P5\nx 1\n255\n"} {
		if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := readPGM(path); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestInkBox(t *testing.T) {
	g := table()
	g.fill(590, 5, 591, 6) // a speck: one pixel is no ink
	b, ok := inkBox(g, 0)
	if want := (cellBox{40, 50, 562, 380}); !ok || b != want {
		t.Errorf("inkBox = %+v %v, want %+v", b, ok, want)
	}
	if b, _ := inkBox(g, 30); b != (cellBox{10, 20, 592, 400}) {
		t.Errorf("inkBox with margin = %+v", b)
	}
	c := g.crop(cellBox{60, 90, 70, 110})
	if c.w != 10 || c.h != 20 || c.inkIn(0, 0, 10, 20) != 200 {
		t.Errorf("crop of the digit: %dx%d, %d dark", c.w, c.h, c.inkIn(0, 0, c.w, c.h))
	}
	if _, ok := inkBox(newGray(50, 50), 5); ok {
		t.Error("a blank image has ink")
	}
	lines := []layout.Line{{X: 1, Y: 2, Words: []layout.Word{{X: 1, Y: 1}}}}
	shiftLines(lines, 10, 20)
	if l := lines[0]; l.X != 11 || l.Y != 22 || l.Words[0].X != 11 || l.Words[0].Y != 21 {
		t.Errorf("shifted line = %+v", l)
	}
}

// TestDottedBorders draws, at 300 dpi, what a scan thresholded to one bit
// makes of thin borders: rules dotted with holes of up to 6 px, stepping by
// a pixel as the scan is skewed, a corner lost over 60 px; and a line of
// serif text whose feet touch, which is no rule.
func TestDottedBorders(t *testing.T) {
	g := newGray(1200, 700)
	dotted := func(y, x0, x1 int) {
		for x := x0; x < x1; x++ {
			if x%11 >= 6 { // 5 px of ink, 6 px of hole
				continue
			}
			yy := y + (x-x0)/400 // a step every 400 px
			g.fill(x, yy, x+1, yy+2)
		}
	}
	dottedV := func(x, y0, y1 int) {
		for y := y0; y < y1; y++ {
			if y%9 < 4 {
				g.fill(x, y, x+2, y+1)
			}
		}
	}
	dotted(100, 160, 1102) // the top rule lost its first 60 px
	dotted(300, 100, 1102)
	dotted(500, 100, 1102)
	dottedV(100, 100, 502)
	dottedV(600, 100, 502)
	dottedV(1100, 100, 502)
	// serif text standing on y=640: stems 3 px wide every 12 px with
	// 11-px feet that nearly touch, over 600 px
	for x := 150; x < 750; x += 12 {
		g.fill(x, 610, x+3, 640)
		g.fill(x-4, 638, x+7, 641)
	}
	hor, ver := findRules(g, 300)
	if len(hor) != 3 || len(ver) != 3 {
		t.Fatalf("found %d horizontal and %d vertical rules, want 3 and 3: %+v %+v", len(hor), len(ver), hor, ver)
	}
	if hor[0].x0 > 102 {
		t.Errorf("the top rule starts at %v: its corner was not closed", hor[0].x0)
	}
	for _, s := range ver {
		if s.x0 > 102 || s.x1 < 500 {
			t.Errorf("vertical rule %+v does not span the table", s)
		}
	}
	if cells := gridCells(hor, ver, 300); len(cells) != 4 {
		t.Errorf("got %d cells, want 4: %+v", len(cells), cells)
	}
}

// TestInsertLinesOutOfOrder: tesseract can give a word beside the table
// before the page's title; the table's lines still go after the title.
func TestInsertLinesOutOfOrder(t *testing.T) {
	p := layout.Page{Lines: []layout.Line{
		{Text: "STT", Y: 175},
		{Text: "title", Y: 80},
		{Text: "caption", Y: 140},
	}}
	insertLines(&p, []cellLine{{layout.Line{Text: "Nội dung", Y: 178}, 155, 0}})
	var got []string
	for _, l := range p.Lines {
		got = append(got, l.Text)
	}
	if want := "STT title caption Nội dung"; strings.Join(got, " ") != want {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

// TestNumberMisreads: in a column of row numbers, a cell read as letters
// below a number is read again, wanting the next number; the header above
// the first number and the content column are left alone.
func TestNumberMisreads(t *testing.T) {
	var cells []cellBox
	var lines []cellLine
	add := func(x0, x1, y int, text string) {
		cells = append(cells, cellBox{x0, y, x1, y + 100})
		lines = append(lines, cellLine{Line: layout.Line{Text: text}, cell: len(cells) - 1})
	}
	for i, stt := range []string{"STT", "1", "2", "H", "4", "II", "5"} {
		add(40, 120, 100*i, stt)
		add(120, 900, 100*i, "Nội dung nhiệm vụ")
	}
	check := func(wantRedo string) {
		t.Helper()
		redo, want := numberMisreads(cells, lines, 300)
		var got []string
		for i, c := range redo {
			got = append(got, lines[c].Text+"→"+want[i])
		}
		if g := strings.Join(got, " "); g != wantRedo {
			t.Errorf("read again: %q, want %q", g, wantRedo)
		}
	}
	check("H→3 II→5")
	// a number out of its place between two that agree; a letter at the
	// top of a page, above the next number
	for _, col := range [][]string{{"1", "2", "3", "4", "2", "6", "7"}, {"s", "6", "7", "8"}} {
		cells, lines = nil, nil
		for i, stt := range col {
			add(40, 120, 100*i, stt)
		}
		if col[0] == "1" {
			check("2→5")
		} else {
			check("s→5")
		}
	}
}

// TestGridTables: a whole ruled grid is a table, a row spanning the
// columns a cell with ColSpan; a grid with a hole is none; a table that
// stands first on the next page goes on with the last one of the page.
func TestGridTables(t *testing.T) {
	// 3 columns at x 0,100,300,400; rows at y 0,50,100,150; the middle
	// row is one cell across (a section row)
	grid := []cellBox{
		{0, 0, 100, 50}, {100, 0, 300, 50}, {300, 0, 400, 50},
		{0, 50, 400, 100},
		{0, 100, 100, 150}, {100, 100, 300, 150}, {300, 100, 400, 150},
	}
	inset := func(c cellBox) cellBox { return cellBox{c.x0 + 5, c.y0 + 5, c.x1 - 5, c.y1 - 5} }
	inked := []cellBox{inset(grid[0]), inset(grid[1]), inset(grid[3]), inset(grid[4]), inset(grid[5])}
	lines := []cellLine{
		{Line: layout.Line{Text: "STT"}, cell: 0},
		{Line: layout.Line{Text: "Nội dung"}, cell: 1},
		{Line: layout.Line{Text: "I. Mục một"}, cell: 2},
		{Line: layout.Line{Text: "1"}, cell: 3},
		{Line: layout.Line{Text: "Rà soát,"}, cell: 4},
		{Line: layout.Line{Text: "đánh giá"}, cell: 4},
	}
	ts := gridTables(grid, inked, lines, 300)
	if len(ts) != 1 || len(ts[0].rows) != 3 {
		t.Fatalf("tables = %+v", ts)
	}
	rows := ts[0].rows
	if c := rows[1].Cells; len(c) != 1 || c[0].ColSpan != 3 || c[0].Paras[0] != "I. Mục một" {
		t.Errorf("section row = %+v", c)
	}
	if c := rows[2].Cells; len(c) != 3 || c[1].Paras[0] != "Rà soát,\nđánh giá" || c[2].Paras != nil {
		t.Errorf("task row = %+v", c)
	}
	// a hole: the last cell lost
	if ts := gridTables(grid[:6], inked, lines, 300); ts != nil {
		t.Errorf("a grid with a hole made tables: %+v", ts)
	}
	p := layout.Page{Number: 4, Lines: []layout.Line{{Text: "Phụ lục", Y: 0}, {Text: "below", Y: 300}}}
	stateTables(&p, ts, 72.0/300)
	if len(p.Tables) != 1 || p.Tables[0].At != 1 || p.Tables[0].Rows[0].Page != 4 {
		t.Fatalf("stated = %+v", p.Tables)
	}
	next := layout.Page{Number: 5, Tables: []layout.Table{{At: 0, Rows: rows[2:]}}}
	pages := []layout.Page{p, next}
	pages[0].Lines = pages[0].Lines[:1] // nothing after the table
	joinContinued(pages)
	if len(pages[0].Tables[0].Rows) != 4 || len(pages[1].Tables) != 0 {
		t.Errorf("not joined: %d rows, %d tables on the next page", len(pages[0].Tables[0].Rows), len(pages[1].Tables))
	}
	// a row broken by the page is one row
	cell := func(p ...string) layout.Cell { return layout.Cell{Paras: p, ColSpan: 1} }
	broken := []layout.Page{
		{Number: 1, Tables: []layout.Table{{Rows: []layout.Row{{Cells: []layout.Cell{cell("3"), cell("Đẩy mạnh"), cell("Văn phòng UBND thành")}}}}}},
		{Number: 2, Tables: []layout.Table{{Rows: []layout.Row{
			{Cells: []layout.Cell{cell(), cell("dịch vụ công"), cell("phố; các cơ quan")}},
			{Cells: []layout.Cell{cell("4"), cell("Triển khai"), cell()}},
		}}}},
	}
	joinContinued(broken)
	if r := broken[0].Tables[0].Rows; len(r) != 2 || r[0].Cells[2].Paras[0] != "Văn phòng UBND thành\nphố; các cơ quan" || r[0].Cells[1].Paras[0] != "Đẩy mạnh\ndịch vụ công" {
		t.Errorf("broken row joined as %+v", r)
	}
	// after the header the page repeats
	header := layout.Row{Cells: []layout.Cell{cell("STT"), cell("Nội dung"), cell("Cơ quan chủ trì")}}
	broken = []layout.Page{
		{Number: 1, Tables: []layout.Table{{Rows: []layout.Row{header, {Cells: []layout.Cell{cell("3"), cell("Đẩy mạnh"), cell("Văn phòng UBND thành")}}}}}},
		{Number: 2, Tables: []layout.Table{{Rows: []layout.Row{
			{Cells: []layout.Cell{cell("SIT"), cell("Nội dung"), cell("Cơ quan chủ trì")}},
			{Cells: []layout.Cell{cell(), cell("dịch vụ công"), cell("phố")}},
		}}}},
	}
	joinContinued(broken)
	if r := broken[0].Tables[0].Rows; len(r) != 3 || r[1].Cells[2].Paras[0] != "Văn phòng UBND thành\nphố" {
		t.Errorf("broken row under a repeated header joined as %+v", r)
	}
	// under a page number it goes on; under a caption it is another table
	for _, c := range []struct {
		above string
		join  bool
	}{{"- 5 -", true}, {"Phụ lục II", false}} {
		prev := layout.Page{Number: 4, Tables: []layout.Table{{At: 0, Rows: rows[:2]}}}
		next := layout.Page{Number: 5, Lines: []layout.Line{{Text: c.above}}, Tables: []layout.Table{{At: 1, Rows: rows[2:]}}}
		pages := []layout.Page{prev, next}
		joinContinued(pages)
		if joined := len(pages[1].Tables) == 0; joined != c.join {
			t.Errorf("table under %q joined: %v", c.above, joined)
		}
	}
}
