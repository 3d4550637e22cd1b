package ocr

import (
	"bytes"
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kehoach/kehoach/parser/layout"
)

// A ruled table is read cell by cell. Read as part of the page, its
// columns run into each other: tesseract merges the cells of a row into one
// line with one baseline, misreads the shorter ones, and drops a lone short
// word in a box of white (the STT column's "1", "2", …) as noise. So the
// cells of the ruling grid that hold ink are cut out, stacked with white
// space between them into one strip image, and read apart from the rest of
// the page (see readTable).

// cellBox is a rectangle of the page image, in pixels.
type cellBox struct{ x0, y0, x1, y1 int }

// gridCells returns the cells the ruling lines (in pixels) enclose: for each
// pair of consecutive horizontal rules that share an x range, the spans
// between the vertical rules crossing the band between them.
func gridCells(hor, ver []ruleSeg, dpi float64) []cellBox {
	minGap := dpi / 10
	// a border scanned faintly can lose its last few millimetres before
	// the corner: a vertical rule that far beyond its end still closes it
	endTol := dpi / 4
	type hline struct{ y, x0, x1 float64 }
	type vline struct{ x, y0, y1 float64 }
	var hs []hline
	for _, s := range hor {
		hs = append(hs, hline{(s.y0 + s.y1) / 2, s.x0, s.x1})
	}
	var vs []vline
	for _, s := range ver { // transposed: along = y, across = x
		vs = append(vs, vline{(s.y0 + s.y1) / 2, s.x0, s.x1})
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].y < hs[j].y })
	sort.Slice(vs, func(i, j int) bool { return vs[i].x < vs[j].x })
	var cells []cellBox
	for i := range hs {
		// the next horizontal rule below that overlaps this one
		for j := i + 1; j < len(hs); j++ {
			a, b := hs[i], hs[j]
			if b.y-a.y < minGap {
				continue
			}
			lo, hi := max(a.x0, b.x0), min(a.x1, b.x1)
			if hi-lo < minGap {
				continue
			}
			var xs []float64
			for _, v := range vs {
				// the rule crosses most of the band: a border that lost a
				// few millimetres to a faint scan still divides the row,
				// one that ends at the row's top (a merged row) does not
				cover := min(v.y1, b.y) - max(v.y0, a.y)
				if v.x >= lo-endTol && v.x <= hi+endTol && cover >= (b.y-a.y)/2 {
					xs = append(xs, v.x)
				}
			}
			for k := 0; k+1 < len(xs); k++ {
				if xs[k+1]-xs[k] >= minGap {
					cells = append(cells, cellBox{int(xs[k]), int(a.y), int(xs[k+1]), int(b.y)})
				}
			}
			break
		}
	}
	return cells
}

// inkedCells returns the grid cells, inset from their borders, that hold
// ink in g.
func inkedCells(g *gray, cells []cellBox, dpi float64) []cellBox {
	inset := int(dpi / 40)
	var out []cellBox
	for _, c := range cells {
		b := cellBox{c.x0 + inset, c.y0 + inset, c.x1 - inset, c.y1 - inset}
		if b.x1-b.x0 < 4 || b.y1-b.y0 < 4 || b.x0 < 0 || b.y0 < 0 || b.x1 > g.w || b.y1 > g.h {
			continue
		}
		ink := 0
		for y := b.y0; y < b.y1; y++ {
			for _, p := range g.pix[y*g.w+b.x0 : y*g.w+b.x1] {
				if p < 128 {
					ink++
				}
			}
		}
		if ink >= int(dpi/10) { // more than specks: a 5 pt digit has hundreds of dark pixels at 300 dpi
			out = append(out, b)
		}
	}
	return out
}

// blankCells whitens the cells in g.
func blankCells(g *gray, cells []cellBox) {
	for _, c := range cells {
		for y := c.y0; y < c.y1; y++ {
			row := g.pix[y*g.w+c.x0 : y*g.w+c.x1]
			for i := range row {
				row[i] = 255
			}
		}
	}
}

// readCells reads cells with one tesseract run over a strip image of their
// crops stacked with white space between them, and returns the lines it
// finds, in page coordinates (points), cell by cell in the order given.
func readCells(ctx context.Context, g *gray, cells []cellBox, dpi float64, path, psm, lang string, config ...string) ([]cellLine, error) {
	if len(cells) == 0 {
		return nil, nil
	}
	pad := int(dpi / 6)
	w := 0
	h := pad
	offs := make([]int, len(cells))
	for i, c := range cells {
		w = max(w, c.x1-c.x0)
		offs[i] = h
		h += c.y1 - c.y0 + pad
	}
	w += 2 * pad
	strip := &gray{w: w, h: h, pix: make([]byte, w*h)}
	for i := range strip.pix {
		strip.pix[i] = 255
	}
	for i, c := range cells {
		for y := c.y0; y < c.y1; y++ {
			copy(strip.pix[(offs[i]+y-c.y0)*w+pad:], g.pix[y*g.w+c.x0:y*g.w+c.x1])
		}
	}
	if err := writePGM(path, strip); err != nil {
		return nil, err
	}
	args := []string{path, "-", "-l", lang, "--dpi", strconv.Itoa(int(dpi + 0.5)), "--psm", psm}
	for _, c := range config {
		args = append(args, "-c", c)
	}
	out, err := run(ctx, "tesseract", append(args, "tsv")...)
	if err != nil {
		return nil, err
	}
	pages, err := ParseTSV(bytes.NewReader(out), dpi)
	if err != nil || len(pages) == 0 {
		return nil, err
	}
	k := 72 / dpi
	var lines []cellLine
	for _, l := range pages[0].Lines {
		// the cell whose band holds the line's middle
		mid := (l.Words[0].Y + l.Words[0].H/2) / k
		ci := -1
		for i, c := range cells {
			if mid >= float64(offs[i]) && mid < float64(offs[i]+c.y1-c.y0) {
				ci = i
				break
			}
		}
		if ci < 0 {
			continue
		}
		dx := float64(cells[ci].x0-pad) * k
		dy := float64(cells[ci].y0-offs[ci]) * k
		nl := l
		nl.Words = append([]layout.Word(nil), l.Words...)
		for i := range nl.Words {
			nl.Words[i].X += dx
			nl.Words[i].Y += dy
		}
		nl.X += dx
		nl.Y += dy
		lines = append(lines, cellLine{nl, float64(cells[ci].y0) * k, ci})
	}
	return lines, nil
}

// cellLine is a line read from a table cell, with the cell's top edge
// (points).
type cellLine struct {
	layout.Line
	top  float64
	cell int // index of the cell in the list read
}

// readTable reads the inked cells of a ruled table: all of them in one strip
// read as a column of text blocks (--psm 4, which reads the cells' words
// best), then the cells that read left empty, a lone number most often, in
// a second strip read as one uniform block (--psm 6, which keeps them).
// The lines come back cell by cell in the order of cells.
func readTable(ctx context.Context, g *gray, cells []cellBox, dpi float64, path string) ([]cellLine, error) {
	lines, err := readCells(ctx, g, cells, dpi, path, "4", Lang)
	if err != nil {
		return nil, err
	}
	read := make([]bool, len(cells))
	for _, l := range lines {
		read[l.cell] = true
	}
	var empty []cellBox
	var index []int
	for i, c := range cells {
		if !read[i] {
			empty = append(empty, c)
			index = append(index, i)
		}
	}
	if len(empty) > 0 {
		more, err := readCells(ctx, g, empty, dpi, path, "6", Lang)
		if err != nil {
			return nil, err
		}
		for _, l := range more {
			l.cell = index[l.cell]
			lines = append(lines, l)
		}
		sort.SliceStable(lines, func(i, j int) bool { return lines[i].cell < lines[j].cell })
	}
	// A column of row numbers: its cells read as something else ("H"
	// for a 7, "Đ" or "2" for a 5) are read again, alone, a few ways
	// (neither model reads every digit of every font), and take the
	// number the cells around want when one of the readings gives it.
	if redo, want := numberMisreads(cells, lines, dpi); len(redo) > 0 {
		fixed := map[int]layout.Line{} // cell → its line read again
		ways := [][]string{
			{"6", Lang},
			{"6", digitsModel(), "tessedit_char_whitelist=0123456789."},
			{"7", Lang, "tessedit_char_whitelist=0123456789."},
		}
		for _, way := range ways {
			var boxes []cellBox
			var at []int // index into redo of each box
			for k, i := range redo {
				if _, ok := fixed[i]; !ok {
					boxes = append(boxes, cells[i])
					at = append(at, k)
				}
			}
			if len(boxes) == 0 {
				break
			}
			more, err := readCells(ctx, g, boxes, dpi, path, way[0], way[1], way[2:]...)
			if err != nil {
				return nil, err
			}
			for _, l := range more {
				// only the number the sequence wants: a sub-item's
				// letter ("a", "h") read as digits is no row number
				k := at[l.cell]
				if _, dup := fixed[redo[k]]; !dup && strings.TrimRight(strings.TrimSpace(l.Text), ".") == want[k] {
					fixed[redo[k]] = l.Line
				}
			}
		}
		var out []cellLine
		emitted := map[int]bool{}
		for _, l := range lines {
			if nl, ok := fixed[l.cell]; ok {
				if emitted[l.cell] {
					continue
				}
				emitted[l.cell] = true
				l.Line = nl
			}
			out = append(out, l)
		}
		lines = out
	}
	return lines, nil
}

// numberMisreads returns the cells of a column of row numbers (a narrow
// column, three of whose cells at least read as a number, more than half
// of those read) that read as a short run of something else next to a row
// number, or as a number out of its place between two that agree, each
// with the number the cells around want there (want, by the cell's place
// in the list returned).
func numberMisreads(cells []cellBox, lines []cellLine, dpi float64) (redo []int, want []string) {
	text := make([]string, len(cells))
	for _, l := range lines {
		text[l.cell] = strings.TrimSpace(text[l.cell] + " " + l.Text)
	}
	tol := int(dpi / 30)
	done := make([]bool, len(cells))
	for i, c := range cells {
		if done[i] || c.x1-c.x0 > int(dpi) {
			continue
		}
		var col []int
		for j, d := range cells {
			if !done[j] && absInt(d.x0-c.x0) <= tol && absInt(d.x1-c.x1) <= tol {
				col = append(col, j)
				done[j] = true
			}
		}
		sort.Slice(col, func(a, b int) bool { return cells[col[a]].y0 < cells[col[b]].y0 })
		nums, read := 0, 0
		for _, j := range col {
			if text[j] != "" {
				read++
			}
			if isRowNumber(text[j]) {
				nums++
			}
		}
		if nums < 3 || 2*nums <= read {
			continue
		}
		// the number each cell reads as, -1 for none
		val := make([]int, len(col))
		for k, j := range col {
			val[k] = -1
			if n, err := strconv.Atoi(strings.TrimRight(text[j], ".")); err == nil {
				val[k] = n
			}
		}
		for k, j := range col {
			t := text[j]
			if t == "" {
				continue
			}
			// the number the cells around want here: one more than the
			// one above, one less than the one below
			above, below := -1, -1
			if k > 0 && val[k-1] >= 0 {
				above = val[k-1] + 1
			}
			if k+1 < len(col) && val[k+1] >= 1 {
				below = val[k+1] - 1
			}
			w := above
			if w < 0 {
				w = below
			}
			switch {
			case w < 1 || val[k] == w:
				continue
			case val[k] >= 0:
				// a number out of its place ("2" between 4 and 6):
				// only when the cells on both sides agree
				if above < 0 || above != below {
					continue
				}
			case isRowNumber(t) || utf8.RuneCountInString(t) > 3:
				continue
			}
			redo = append(redo, j)
			want = append(want, strconv.Itoa(w))
			val[k] = w
		}
	}
	return redo, want
}

// isRowNumber reports whether a cell's text is a row number: "7", "12.",
// "3.2".
func isRowNumber(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	if s == "" || len(s) > 6 {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
		default:
			return false
		}
	}
	return digits > 0
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// insertLines puts the lines read from table cells into a page's reading
// order, row by row: a row's lines (its cells left to right, as given) go
// after the last of the page's own lines whose baseline is above the row's
// top, so the text before the table stays before it and the text after
// it after it.
// Then the lines are renumbered.
func insertLines(p *layout.Page, extra []cellLine) {
	before := make([][]layout.Line, len(p.Lines)+1) // lines to put before p.Lines[k]
	for _, e := range extra {
		// after the last of the page's lines above the row: tesseract
		// does not always give a page's blocks top to bottom (a lone
		// word beside the table can come first)
		at := 0
		for k, l := range p.Lines {
			if l.Y <= e.top {
				at = k + 1
			}
		}
		before[at] = append(before[at], e.Line)
	}
	out := make([]layout.Line, 0, len(p.Lines)+len(extra))
	for k := range before {
		out = append(out, before[k]...)
		if k < len(p.Lines) {
			out = append(out, p.Lines[k])
		}
	}
	for i := range out {
		out[i].Num = i + 1
	}
	p.Lines = out
}
