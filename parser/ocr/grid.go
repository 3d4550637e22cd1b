package ocr

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/parser/layout"
)

// A ruled grid found whole in the image is the table: its rows are the
// bands between horizontal rules, its columns the spans between vertical
// ones, a cell spanning columns where a vertical rule stops at the row.
// The reader states such tables (layout.Page.Tables) with each cell's text
// as read cell by cell, so that nothing downstream has to guess again from
// the words' positions which row or column a line belongs to. A grid that
// does not tile its area (a cell spanning rows, borders lost) is not
// stated: its cells' lines go into the page's lines, for the geometry
// stage to rebuild the table from words and rules.

// gridTables makes the tables the grid cells state, with the text of the
// lines read in the inked cells (lines[i].cell indexes inked). It returns
// nil when the cells do not tile whole tables.
func gridTables(grid, inked []cellBox, lines []cellLine, dpi float64) []gridTable {
	if len(grid) < 4 {
		return nil
	}
	tol := dpi / 50
	near := func(a, b int) bool { return math.Abs(float64(a-b)) <= tol }
	// bands: the rows, top to bottom
	type band struct {
		y0, y1 int
		cells  []int // indexes into grid, left to right
	}
	var bands []*band
	order := make([]int, len(grid))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ga, gb := grid[order[a]], grid[order[b]]
		if ga.y0 != gb.y0 {
			return ga.y0 < gb.y0
		}
		return ga.x0 < gb.x0
	})
	for _, i := range order {
		c := grid[i]
		var b *band
		for _, x := range bands {
			if near(x.y0, c.y0) && near(x.y1, c.y1) {
				b = x
			}
		}
		if b == nil {
			b = &band{y0: c.y0, y1: c.y1}
			bands = append(bands, b)
		}
		b.cells = append(b.cells, i)
	}
	// tables: runs of bands, each starting where the one above ends
	var groups [][]*band
	for k, b := range bands {
		if k == 0 || !near(bands[k-1].y1, b.y0) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], b)
	}
	// the text read in each grid cell
	text := make([][]string, len(grid))
	for _, l := range lines {
		ib := inked[l.cell]
		for gi, g := range grid {
			if ib.x0 >= g.x0-1 && ib.x1 <= g.x1+1 && ib.y0 >= g.y0-1 && ib.y1 <= g.y1+1 {
				text[gi] = append(text[gi], l.Text)
				break
			}
		}
	}
	var out []gridTable
	for _, bs := range groups {
		if len(bs) < 2 {
			return nil
		}
		// column boundaries: every cell edge of the table
		var xs []int
		for _, b := range bs {
			for _, i := range b.cells {
				xs = append(xs, grid[i].x0, grid[i].x1)
			}
		}
		sort.Ints(xs)
		var cols []int
		for _, x := range xs {
			if len(cols) == 0 || !near(cols[len(cols)-1], x) {
				cols = append(cols, x)
			}
		}
		if len(cols) < 3 {
			return nil
		}
		colAt := func(x int) int {
			for k, c := range cols {
				if near(c, x) {
					return k
				}
			}
			return -1
		}
		t := gridTable{top: bs[0].y0, xs: cols}
		for _, b := range bs {
			at := 0
			var row layout.Row
			for _, i := range b.cells {
				c := grid[i]
				k0, k1 := colAt(c.x0), colAt(c.x1)
				if k0 != at || k1 <= k0 {
					return nil // a hole or an overlap: not a whole grid
				}
				cell := layout.Cell{ColSpan: k1 - k0, RowSpan: 1}
				if len(text[i]) > 0 {
					cell.Paras = []string{strings.Join(text[i], "\n")}
				}
				row.Cells = append(row.Cells, cell)
				at = k1
			}
			if at != len(cols)-1 {
				return nil
			}
			t.rows = append(t.rows, row)
		}
		out = append(out, t)
	}
	return out
}

// gridTable is a table a ruled grid states, with where it stands on the
// page (pixels).
type gridTable struct {
	top  int   // top border
	xs   []int // column boundaries
	rows []layout.Row
}

// stateTables puts the grid's tables on the page, each before the first
// of the page's lines below its top (k: points per pixel).
func stateTables(p *layout.Page, ts []gridTable, k float64) {
	for _, t := range ts {
		top := float64(t.top) * k
		at := 0
		for i, l := range p.Lines {
			if l.Y <= top {
				at = i + 1
			}
		}
		rows := t.rows
		for i := range rows {
			rows[i].Page = p.Number
		}
		p.Tables = append(p.Tables, layout.Table{At: at, Rows: rows})
	}
}

// joinContinued appends to the last table of a page the first table of
// the next page when that one goes on with it: nothing but page numbers
// stands after the one and before the other, and they have as many
// columns. A table broken by the page is one table, its header repeated
// or not, and a row broken by the page one row; a table under a caption of
// its own ("Phụ lục II") is another.
func joinContinued(pages []layout.Page) {
	for i := 1; i < len(pages); i++ {
		prev, cur := &pages[i-1], &pages[i]
		if len(prev.Tables) == 0 || len(cur.Tables) == 0 {
			continue
		}
		last := &prev.Tables[len(prev.Tables)-1]
		if gridWidth(*last) != gridWidth(cur.Tables[0]) {
			continue
		}
		if !onlyPageNumbers(prev.Lines[min(last.At, len(prev.Lines)):]) || !onlyPageNumbers(cur.Lines[:min(cur.Tables[0].At, len(cur.Lines))]) {
			continue
		}
		rows := cur.Tables[0].Rows
		// the row broken by the page comes first, or after the header
		// the page repeats
		at := 0
		if len(rows) > 1 && len(last.Rows) > 0 && sameRow(rows[0], last.Rows[0]) {
			at = 1
		}
		if len(last.Rows) > 0 && at < len(rows) && brokenRow(last.Rows[len(last.Rows)-1], rows[at]) {
			joinRow(&last.Rows[len(last.Rows)-1], rows[at])
			rows = append(append([]layout.Row(nil), rows[:at]...), rows[at+1:]...)
		}
		last.Rows = append(last.Rows, rows...)
		cur.Tables = cur.Tables[1:]
	}
}

// sameRow reports whether two rows read alike, cell by cell, letters
// alone compared: a header repeated on the next page, OCR'd again.
func sameRow(a, b layout.Row) bool {
	if len(a.Cells) != len(b.Cells) || len(a.Cells) < 2 {
		return false
	}
	key := func(c layout.Cell) string {
		var k strings.Builder
		for _, r := range strings.ToLower(strings.Join(c.Paras, " ")) {
			if unicode.IsLetter(r) {
				k.WriteRune(r)
			}
		}
		return k.String()
	}
	same := 0
	for i := range a.Cells {
		if ka := key(a.Cells[i]); ka != "" && ka == key(b.Cells[i]) {
			same++
		}
	}
	return 2*same >= len(a.Cells)
}

// brokenRow reports whether next, the first row on a page, is the rest of
// row, the last one on the page before: the same cells, the first one
// (the row's number) empty in next only.
func brokenRow(row, next layout.Row) bool {
	if len(row.Cells) != len(next.Cells) || len(row.Cells) < 2 {
		return false
	}
	for k := range row.Cells {
		if row.Cells[k].ColSpan != next.Cells[k].ColSpan {
			return false
		}
	}
	return len(row.Cells[0].Paras) > 0 && len(next.Cells[0].Paras) == 0
}

// joinRow puts the text of next, the rest of a row broken by the page, at
// the end of the row's cells, as the lines it wraps on.
func joinRow(row *layout.Row, next layout.Row) {
	for k := range row.Cells {
		c, n := &row.Cells[k], next.Cells[k]
		switch {
		case len(n.Paras) == 0:
		case len(c.Paras) == 0:
			c.Paras = append([]string(nil), n.Paras...)
		default:
			c.Paras[len(c.Paras)-1] += "\n" + strings.Join(n.Paras, "\n")
		}
	}
}

// onlyPageNumbers reports whether lines are page numbers or specks at
// most: "2", "- 2 -", "Trang 2".
func onlyPageNumbers(lines []layout.Line) bool {
	for _, l := range lines {
		t := strings.ToLower(strings.TrimSpace(l.Text))
		t = strings.TrimPrefix(t, "trang")
		t = strings.Trim(t, " -–—.|'`")
		for _, r := range t {
			if r < '0' || r > '9' {
				return false
			}
		}
		if len(t) > 3 {
			return false
		}
	}
	return true
}

// gridWidth is the number of columns of a table's first row.
func gridWidth(t layout.Table) int {
	if len(t.Rows) == 0 {
		return 0
	}
	n := 0
	for _, c := range t.Rows[0].Cells {
		n += max(c.ColSpan, 1)
	}
	return n
}
