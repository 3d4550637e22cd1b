package geom

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/layout"
)

// building is a table being rebuilt, possibly over several pages.
type building struct {
	xs        []float64 // column boundaries, len(columns)+1
	header    []string  // header text by column
	headerKey string
	stt       int  // STT column, -1 if none
	ruled     bool // columns come from vertical rules
	loose     bool // the page's rules came as OCR glyphs: boundaries are rough
	leftEdge  []float64
	rows      []rowB
	firstLine int
	firstPage int
	lastPage  int
	pageIdx   int // where the table is placed
	tableIdx  int
}

// rowB is a row being built: its cells' words by column.
type rowB struct {
	page, num int
	cells     []cellB
	anchored  bool // begins with a row number, or is a section
	section   bool
}

type cellB struct {
	words   []box
	colspan int
	rowspan int
	covered bool // covered by a span from the left or above
}

// sttToken is a row number as the STT column prints it.
var sttToken = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]|[A-ZĐ]\.?|\d{1,3}[a-z]?\))$`)

// newBuilding reads a header band's columns.
func newBuilding(p *layout.Page, words [][]box, hb headerBand, marks []float64) *building {
	b := &building{stt: -1, firstLine: hb.first, firstPage: p.Number, lastPage: p.Number, loose: hasRuleMarks(marks)}
	// Vertical rules crossing the header: a bordered table.
	var vx []float64
	for _, r := range p.Rules {
		if r.Horizontal() {
			continue
		}
		if math.Min(r.Y0, r.Y1) <= hb.y1 && math.Max(r.Y0, r.Y1) >= hb.y0 {
			vx = append(vx, (r.X0+r.X1)/2)
		}
	}
	vx = dedupe(vx, 4) // a double border is one line
	if len(vx) >= 3 && vx[0] <= minX(hb.words)+1 && vx[len(vx)-1] >= maxX(hb.words)-1 {
		b.xs = vx
		b.ruled = true
	} else {
		b.xs = headerColumns(p, words, hb, marks)
	}
	if len(b.xs) < 3 {
		return nil
	}
	n := len(b.xs) - 1
	b.header = make([]string, n)
	cols := make([][]box, n)
	// A phrase over several columns ("Cơ quan thực hiện" over "Chủ trì"
	// and "Phối hợp") heads each of them.
	for li := hb.first; li <= hb.last; li++ {
		for _, ph := range phrases(words[li]) {
			c0, c1 := b.col(ph[0].x0+1), b.col(ph[len(ph)-1].x1-1)
			if c0 < 0 || c1 <= c0 {
				for _, w := range ph {
					c := b.colNear(w.cx())
					cols[c] = append(cols[c], w)
				}
				continue
			}
			var texts []string
			for _, w := range ph {
				texts = append(texts, w.text)
			}
			label := ph[0]
			label.text = strings.Join(texts, " ")
			for c := c0; c <= c1; c++ {
				l := label
				l.x0, l.x1 = b.xs[c], b.xs[c]
				cols[c] = append(cols[c], l)
			}
		}
	}
	var keys []string
	for c := range cols {
		b.header[c] = strings.Join(cellText(cols[c]), "\n")
		k := normalize.Fold(strings.ReplaceAll(b.header[c], "\n", " "))
		keys = append(keys, k)
		if b.stt < 0 && (k == "stt" || k == "tt" || k == "so tt" || k == "so thu tu") {
			b.stt = c
		}
	}
	b.headerKey = strings.Join(keys, "|")
	b.leftEdge = make([]float64, n)
	for c := range b.leftEdge {
		b.leftEdge[c] = math.Inf(1)
	}
	return b
}

// phrases cuts a line's words into runs set apart by more than a space.
func phrases(ws []box) [][]box {
	s := append([]box(nil), ws...)
	sort.Slice(s, func(i, j int) bool { return s[i].x0 < s[j].x0 })
	var out [][]box
	for i, w := range s {
		if i > 0 && w.x0-s[i-1].x1 < 0.45*w.size {
			out[len(out)-1] = append(out[len(out)-1], w)
			continue
		}
		out = append(out, []box{w})
	}
	return out
}

// colNear returns the column holding x, or the nearest one: a word beside
// the table on one of its lines goes in the cell next to it, not lost.
func (b *building) colNear(x float64) int {
	if x < b.xs[0] {
		return 0
	}
	if x >= b.xs[len(b.xs)-1] {
		return len(b.xs) - 2
	}
	return b.col(x)
}

// col returns the column holding x, -1 outside the table.
func (b *building) col(x float64) int {
	if x < b.xs[0]-2 || x > b.xs[len(b.xs)-1]+2 {
		return -1
	}
	for c := 1; c < len(b.xs); c++ {
		if x < b.xs[c] {
			return c - 1
		}
	}
	return len(b.xs) - 2
}

func minX(ws []box) float64 {
	x := math.Inf(1)
	for _, w := range ws {
		x = math.Min(x, w.x0)
	}
	return x
}

func maxX(ws []box) float64 {
	x := math.Inf(-1)
	for _, w := range ws {
		x = math.Max(x, w.x1)
	}
	return x
}

// dedupe sorts xs and merges values closer than tol.
func dedupe(xs []float64, tol float64) []float64 {
	sort.Float64s(xs)
	var out []float64
	for _, x := range xs {
		if len(out) > 0 && x-out[len(out)-1] <= tol {
			continue
		}
		out = append(out, x)
	}
	return out
}

// group is a run of header words that belong together.
type group struct{ x0, x1 float64 }

// headerColumns finds the columns of a table without vertical rules: the
// header's word groups (words close on a line, stacked lines of one cell)
// give one column each, and the boundary between two columns is put in the
// white gutter between them in the rows below.
//
// Words of a group are closer than the usual blank between words of the
// rows (OCR boxes are tight, so that blank is wide), and no gutter of the
// rows lies between them: a gutter is a range of x that the rows' words
// almost never cover, where a blank between words moves from row to row.
func headerColumns(p *layout.Page, words [][]box, hb headerBand, marks []float64) []float64 {
	size := hb.words[0].size
	left, right := minX(hb.words), maxX(hb.words)
	// The rows below: up to the first line that reads as running text.
	var body [][]box
	for li := hb.last + 1; li < len(words); li++ {
		ws := words[li]
		if len(ws) == 0 {
			continue
		}
		if li > hb.last+1 && startsHeader(p, words, li) {
			break
		}
		if isRunningText(ws, right-left) {
			continue
		}
		body = append(body, ws)
	}
	for _, ws := range body {
		for _, w := range ws {
			left, right = math.Min(left, w.x0), math.Max(right, w.x1)
		}
	}
	gaps := gutters(body, left, right)
	join := 0.45 * size
	if sp := wordSpace(body); sp > 0 {
		join = math.Min(math.Max(join, 1.5*sp), 1.5*size)
	}
	inGutter := func(a, z float64) bool {
		for _, g := range gaps {
			if math.Min(g.x1, z)-math.Max(g.x0, a) >= 0.2*size {
				return true
			}
		}
		return false
	}
	var groups []group
	for li := hb.first; li <= hb.last; li++ {
		ws := append([]box(nil), words[li]...)
		sort.Slice(ws, func(i, j int) bool { return ws[i].x0 < ws[j].x0 })
		for i, w := range ws {
			if i > 0 {
				g := w.x0 - ws[i-1].x1
				if g < 0.45*w.size || (g < join && !(g > 0.45*join*2 && inGutter(ws[i-1].x1, w.x0))) {
					groups[len(groups)-1].x1 = math.Max(groups[len(groups)-1].x1, w.x1)
					continue
				}
			}
			groups = append(groups, group{w.x0, w.x1})
		}
	}
	// Narrow groups first: a wide label over two columns ("Cơ quan thực
	// hiện" over "Chủ trì" and "Phối hợp") spans them and makes no column.
	sort.Slice(groups, func(i, j int) bool { return groups[i].x1-groups[i].x0 < groups[j].x1-groups[j].x0 })
	var cols []group
	for _, g := range groups {
		var hit []int
		for ci, c := range cols {
			if g.x0 < c.x1 && g.x1 > c.x0 {
				hit = append(hit, ci)
			}
		}
		switch len(hit) {
		case 0:
			cols = append(cols, g)
		case 1:
			c := &cols[hit[0]]
			c.x0, c.x1 = math.Min(c.x0, g.x0), math.Max(c.x1, g.x1)
		}
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].x0 < cols[j].x0 })
	if len(cols) < 2 || gaps == nil && len(body) > 0 && int(right-left)+2 > 20000 {
		return nil
	}
	xs := []float64{left - 1}
	for i := 0; i+1 < len(cols); i++ {
		// The boundary lies between the two header cells' text, in the
		// widest gutter of the rows there.
		a, z := cols[i].x1, cols[i+1].x0
		best, bw := 0.0, -1.0
		// A rule the OCR read as glyphs in several rows is the boundary.
		if x, ok := ruleBetween(marks, a-0.5*size, z+0.5*size); ok {
			xs = append(xs, x)
			continue
		}
		for _, g := range gaps {
			g0, g1 := math.Max(g.x0, a), math.Min(g.x1, z)
			if g1-g0 > bw && g1-g0 >= 0.2*size {
				best, bw = (g0+g1)/2, g1-g0
			}
		}
		if bw < 0 {
			best = (cols[i].x1 + cols[i+1].x0) / 2
		}
		xs = append(xs, best)
	}
	xs = append(xs, right+1)
	return xs
}

// gutters returns the ranges of x between left and right that the words
// of the lines almost never cover (one line in twenty at most).
func gutters(lines [][]box, left, right float64) []group {
	n := int(right-left) + 2
	if n <= 0 || n > 20000 {
		return nil
	}
	cover := make([]int, n)
	for _, ws := range lines {
		for _, w := range ws {
			for x := int(w.x0 - left); x <= int(w.x1-left) && x < n; x++ {
				if x >= 0 {
					cover[x]++
				}
			}
		}
	}
	limit := len(lines) / 20
	var gaps []group
	for x := 0; x < n; {
		if cover[x] > limit {
			x++
			continue
		}
		s := x
		for x < n && cover[x] <= limit {
			x++
		}
		gaps = append(gaps, group{left + float64(s), left + float64(x)})
	}
	return gaps
}

// isRunningText reports whether a line reads as a paragraph across the
// table: nearly as wide as the table, with no gap wider than a space.
func isRunningText(ws []box, width float64) bool {
	if len(ws) < 4 {
		return false
	}
	s := append([]box(nil), ws...)
	sort.Slice(s, func(i, j int) bool { return s[i].x0 < s[j].x0 })
	if s[len(s)-1].x1-s[0].x0 < 0.7*width {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i].x0-s[i-1].x1 > 1.0*s[i].size {
			return false
		}
	}
	return true
}

// straddles reports whether a word runs over a column boundary, as the
// text of a row spanning the table does.
func (b *building) straddles(w box) bool {
	m := 1.5
	if b.loose {
		// Boundaries placed from OCR glyphs, words cut at them by
		// estimate: a word crosses one only well past it on both sides.
		m = math.Max(m, 0.3*w.size)
	}
	for _, x := range b.xs[1 : len(b.xs)-1] {
		if w.x0 < x-m && w.x1 > x+m {
			return true
		}
	}
	return false
}

// startsHeader reports whether a table's header row begins at line li.
func startsHeader(p *layout.Page, words [][]box, li int) bool {
	if !isHeaderLine(words[li]) {
		return false
	}
	hb, ok := findHeader(p, words, make([]bool, len(words)), li)
	return ok && hb.first == li
}

// crosses reports whether any of the words runs over a column boundary.
func (b *building) crosses(ws []box) bool {
	for _, w := range ws {
		if b.straddles(w) {
			return true
		}
	}
	return false
}

// isAnchor reports whether a line begins a row: a row number first in the
// STT column.
func (b *building) isAnchor(ws []box) bool {
	if b.stt < 0 {
		return false
	}
	var first *box
	for i := range ws {
		if b.col(ws[i].cx()) == b.stt && (first == nil || ws[i].x0 < first.x0) {
			first = &ws[i]
		}
	}
	if first == nil {
		return false
	}
	t := strings.TrimSpace(first.text)
	if sttToken.MatchString(t) {
		return true
	}
	// OCR misreads a row number ("k" for "1"): a short token alone at the
	// head of the STT column, with the row's text beside it.
	return b.loose && len([]rune(t)) <= 2 && len(ws) > 1 && !strings.ContainsAny(t, ".,;:-–")
}

// fixNumbers puts back the row numbers OCR misread, where the rows around
// tell them: a row whose STT cell holds no number between rows n-1 and n+1
// (or first, before row 2) is row n. It returns a warning for each.
func (b *building) fixNumbers() []string {
	if b.stt < 0 || !b.loose {
		return nil
	}
	num := func(i int) int {
		if i < 0 || i >= len(b.rows) || b.rows[i].section || b.stt >= len(b.rows[i].cells) {
			return -1
		}
		ws := b.rows[i].cells[b.stt].words
		if len(ws) != 1 {
			return -1
		}
		n, err := strconv.Atoi(strings.TrimRight(ws[0].text, "."))
		if err != nil {
			return -1
		}
		return n
	}
	var warns []string
	for i := range b.rows {
		r := &b.rows[i]
		if r.section || b.stt >= len(r.cells) || len(r.cells[b.stt].words) != 1 || num(i) >= 0 {
			continue
		}
		w := &r.cells[b.stt].words[0]
		if sttToken.MatchString(w.text) {
			continue
		}
		prev, next := num(i-1), num(i+1)
		want := -1
		switch {
		case prev > 0 && next == prev+2:
			want = prev + 1
		case i == 0 && next == 2:
			want = 1
		case i == len(b.rows)-1 && prev > 0 && next < 0:
			want = prev + 1
		}
		if want < 0 {
			continue
		}
		warns = append(warns, fmt.Sprintf("trang %d: số thứ tự %q đọc sai (OCR), lấy là %d theo các dòng bên cạnh", r.page, w.text, want))
		w.text = strconv.Itoa(want)
	}
	return warns
}

// readBody reads the table's rows on page p from line from on, and marks
// their lines consumed. It returns the first line after the table.
func (b *building) readBody(p *layout.Page, words [][]box, consumed []bool, from int) int {
	end := b.extent(p, words, consumed, from)
	if b.ruled {
		b.rulesRows(p, words, from, end)
	} else {
		b.anchorRows(p, words, from, end)
	}
	for li := from; li < end; li++ {
		consumed[li] = true
	}
	b.lastPage = p.Number
	return end
}

// extent finds where the table ends on the page: the bottom of its vertical
// rules, or the first line of running text after which no row begins, or
// another header.
func (b *building) extent(p *layout.Page, words [][]box, consumed []bool, from int) int {
	width := b.xs[len(b.xs)-1] - b.xs[0]
	if b.ruled {
		bottom := b.ruleBottom(p, words, from)
		end := from
		for li := from; li < len(words); li++ {
			if len(words[li]) > 0 && words[li][0].cy() > bottom {
				break
			}
			end = li + 1
		}
		return end
	}
	end := from
	for li := from; li < len(words); li++ {
		ws := words[li]
		if consumed[li] || len(ws) == 0 {
			if consumed[li] {
				break
			}
			continue
		}
		if li > from && startsHeader(p, words, li) {
			break
		}
		if (isRunningText(ws, width) && b.crosses(ws)) || b.outside(ws) {
			// A section row is followed by rows; a paragraph after the
			// table is not.
			more := false
			for k := li + 1; k < len(words); k++ {
				if b.isAnchor(words[k]) {
					more = true
					break
				}
				if startsHeader(p, words, k) {
					break
				}
			}
			if !more || b.outside(ws) {
				break
			}
		}
		// A wide blank before a line that begins no row ends the table, and
		// so does the signature block or the list of recipients.
		blank := 2.2 // rows begin at their numbers: a blank is no row
		if b.stt < 0 {
			blank = 4 // rows are told apart by blanks
		}
		if li > from && len(words[li-1]) > 0 && ws[0].y0-words[li-1][0].y1 > blank*ws[0].size && !b.isAnchor(ws) {
			break
		}
		if closing(lineText(ws)) {
			break
		}
		end = li + 1
	}
	return end
}

// closing reports whether a line opens what ends a document: the list of
// recipients ("Nơi nhận:") or the signature block ("TM. ỦY BAN NHÂN DÂN",
// "KT. CHỦ TỊCH").
func closing(text string) bool {
	k := normalize.Fold(text)
	for _, p := range []string{"noi nhan", "tm. ", "tm ", "kt. ", "t/m ", "q. ", "ky thay"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// outside reports whether a line lies mostly outside the table's columns.
func (b *building) outside(ws []box) bool {
	out := 0
	for _, w := range ws {
		if b.col(w.cx()) < 0 {
			out++
		}
	}
	return out*2 > len(ws)
}

// ruleBottom is the lowest point of the vertical rules of the table's
// columns below its start on the page.
func (b *building) ruleBottom(p *layout.Page, words [][]box, from int) float64 {
	top := math.Inf(-1)
	if from > 0 && from-1 < len(words) && len(words[from-1]) > 0 {
		top = words[from-1][0].y0
	}
	bottom := math.Inf(-1)
	for _, r := range p.Rules {
		if r.Horizontal() {
			continue
		}
		x := (r.X0 + r.X1) / 2
		if math.Abs(x-b.xs[0]) > 2 && math.Abs(x-b.xs[len(b.xs)-1]) > 2 {
			continue
		}
		if math.Max(r.Y0, r.Y1) < top {
			continue
		}
		bottom = math.Max(bottom, math.Max(r.Y0, r.Y1))
	}
	return bottom
}

// rulesRows reads the rows of a bordered table between its horizontal
// rules; a rule missing over a column merges the cells above and below, a
// vertical rule missing in a row merges the cells beside it.
func (b *building) rulesRows(p *layout.Page, words [][]box, from, end int) {
	var body []box
	y0, y1 := math.Inf(1), math.Inf(-1)
	for li := from; li < end; li++ {
		for _, w := range words[li] {
			body = append(body, w)
			y0, y1 = math.Min(y0, w.y0), math.Max(y1, w.y1)
		}
	}
	if len(body) == 0 {
		return
	}
	left, right := b.xs[0], b.xs[len(b.xs)-1]
	var hs []layout.Rule
	var ys []float64
	for _, r := range p.Rules {
		if !r.Horizontal() || r.X1 < left+2 || r.X0 > right-2 {
			continue
		}
		hs = append(hs, r)
		// A border runs across a whole cell at least; an underline under
		// a word does not, and cuts no row.
		for c := 0; c+1 < len(b.xs); c++ {
			if r.X0 <= b.xs[c]+3 && r.X1 >= b.xs[c+1]-3 {
				ys = append(ys, r.Y0)
				break
			}
		}
	}
	ys = dedupe(ys, 3)
	// Row boundaries: the rules around and among the body's words.
	var bounds []float64
	for _, y := range ys {
		if y >= y0-30 && y <= y1+30 {
			bounds = append(bounds, y)
		}
	}
	// Keep only boundaries between the last one above the words and the
	// first one below them.
	lo, hi := 0, len(bounds)-1
	for lo+1 < len(bounds) && bounds[lo+1] <= y0 {
		lo++
	}
	for hi-1 >= 0 && bounds[hi-1] >= y1 {
		hi--
	}
	if lo >= hi || len(bounds) < 2 {
		b.anchorRows(p, words, from, end)
		return
	}
	bounds = bounds[lo : hi+1]
	// Rules only around the table (rows told apart by blank space): more
	// numbered rows than spaces between rules.
	anchors := 0
	for li := from; li < end; li++ {
		if b.isAnchor(words[li]) {
			anchors++
		}
	}
	if anchors > len(bounds) {
		b.anchorRows(p, words, from, end)
		return
	}
	if bounds[0] > y0 {
		bounds = append([]float64{y0 - 1}, bounds...)
	}
	if bounds[len(bounds)-1] < y1 {
		bounds = append(bounds, y1+1)
	}
	n := len(b.xs) - 1
	hasH := func(y, xa, xb float64) bool {
		m := (xa + xb) / 2
		for _, r := range hs {
			if math.Abs(r.Y0-y) <= 1.5 && r.X0 <= m && r.X1 >= m {
				return true
			}
		}
		return false
	}
	hasV := func(x, ya, yb float64) bool {
		m := (ya + yb) / 2
		for _, r := range p.Rules {
			if r.Horizontal() {
				continue
			}
			if math.Abs((r.X0+r.X1)/2-x) <= 2 && math.Min(r.Y0, r.Y1) <= m && math.Max(r.Y0, r.Y1) >= m {
				return true
			}
		}
		return false
	}
	start := len(b.rows)
	for ri := 0; ri+1 < len(bounds); ri++ {
		ya, yb := bounds[ri], bounds[ri+1]
		var ws []box
		for _, w := range body {
			if w.cy() > ya && w.cy() <= yb {
				ws = append(ws, w)
			}
		}
		row := rowB{page: p.Number, cells: make([]cellB, n)}
		for c := range row.cells {
			row.cells[c].colspan, row.cells[c].rowspan = 1, 1
		}
		// Spans across: a vertical rule missing inside the row.
		for c := 0; c < n; {
			k := c + 1
			for k < n && !hasV(b.xs[k], ya, yb) {
				row.cells[k].covered = true
				k++
			}
			row.cells[c].colspan = k - c
			c = k
		}
		for _, w := range ws {
			c := b.colNear(w.cx())
			for c > 0 && row.cells[c].covered {
				c--
			}
			row.cells[c].words = append(row.cells[c].words, w)
		}
		if len(ws) == 0 && ri > 0 {
			continue
		}
		row.num = firstNum(p, ws)
		row.section = row.cells[0].colspan == n
		row.anchored = row.section || (b.stt >= 0 && b.isAnchor(ws))
		// Spans down: the rule missing above a cell.
		if len(b.rows) > start && ri > 0 {
			prev := &b.rows[len(b.rows)-1]
			for c := 0; c < n; c++ {
				if row.cells[c].covered || hasH(ya, b.xs[c], b.xs[c+1]) {
					continue
				}
				owner := c
				if owner < len(prev.cells) {
					row.cells[c].covered = true
					prev.cells[owner].words = append(prev.cells[owner].words, row.cells[c].words...)
					row.cells[c].words = nil
					prev.cells[owner].rowspan++
				}
			}
			allCovered := true
			for c := range row.cells {
				if !row.cells[c].covered {
					allCovered = false
				}
			}
			if allCovered {
				continue
			}
		}
		if ri == 0 && len(ws) == 0 {
			continue
		}
		b.addRow(row)
	}
}

// anchorRows reads the rows of a table without horizontal rules: a row
// begins at a row number in the STT column (or after a wider gap when the
// table has no STT column), and the boundary between two rows is put in
// the widest blank between them, so cells centred in their row stay in it.
func (b *building) anchorRows(p *layout.Page, words [][]box, from, end int) {
	type ln struct {
		li     int
		ws     []box
		y0, y1 float64
		anchor bool
	}
	var lines []ln
	for li := from; li < end; li++ {
		ws := words[li]
		if len(ws) == 0 || isNumberingLine(ws) {
			continue
		}
		l := ln{li: li, ws: ws, y0: math.Inf(1), y1: math.Inf(-1)}
		for _, w := range ws {
			l.y0, l.y1 = math.Min(l.y0, w.y0), math.Max(l.y1, w.y1)
		}
		l.anchor = b.isAnchor(ws)
		for _, w := range ws {
			if b.straddles(w) {
				l.anchor = true // a section row spanning the table
			}
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return
	}
	if b.stt < 0 {
		var gaps []float64
		for i := 1; i < len(lines); i++ {
			gaps = append(gaps, lines[i].y0-lines[i-1].y1)
		}
		// The tightest gaps are the line spacing inside a cell; a row
		// begins after a clearly wider one. When every gap is alike, each
		// line is a row.
		s := append([]float64(nil), gaps...)
		sort.Float64s(s)
		limit := 0.0
		if len(s) > 0 {
			base := s[len(s)/4]
			limit = math.Max(1.5*base+1, 0.4*lines[0].ws[0].size)
			if s[len(s)-1] < 1.3*s[0]+1 {
				limit = math.Inf(-1)
			}
		}
		for i := range lines {
			if i == 0 || lines[i].y0-lines[i-1].y1 > limit {
				lines[i].anchor = true
			}
		}
	}
	// Row starts: each anchor, moved up to the widest blank above it
	// (after the previous anchor).
	var starts []int
	prev := -1
	for i, l := range lines {
		if !l.anchor {
			continue
		}
		s := i
		best := -1.0
		if prev < 0 && len(b.rows) == 0 {
			s = 0 // the table's first row takes every line above it
		} else {
			for k := i; k > prev && k > 0; k-- {
				g := lines[k].y0 - lines[k-1].y1
				if g > best+0.01 {
					best, s = g, k
				}
			}
			if prev < 0 && best < 0.5*lines[i].ws[0].size {
				// Lines above the first anchor on a continued page go on
				// the row from the page before only when a blank sets
				// them apart; else they are the anchor's own (a cell
				// centred in its row).
				s = 0
			}
		}
		if len(starts) > 0 && s <= starts[len(starts)-1] {
			s = i
		}
		starts = append(starts, s)
		prev = i
	}
	n := len(b.xs) - 1
	emit := func(ls []ln, anchored bool) {
		row := rowB{page: p.Number, cells: make([]cellB, n), anchored: anchored}
		for c := range row.cells {
			row.cells[c].colspan, row.cells[c].rowspan = 1, 1
		}
		var all []box
		for _, l := range ls {
			all = append(all, l.ws...)
		}
		for _, w := range all {
			if b.straddles(w) {
				row.section = true
			}
		}
		if row.section {
			row.cells[0].colspan = n
			for c := 1; c < n; c++ {
				row.cells[c].covered = true
			}
			row.cells[0].words = all
		} else {
			for _, w := range all {
				c := b.colNear(w.cx())
				row.cells[c].words = append(row.cells[c].words, w)
			}
		}
		row.num = firstNum(p, all)
		b.addRow(row)
	}
	if len(starts) == 0 {
		emit(lines, false)
		return
	}
	if starts[0] > 0 {
		emit(lines[:starts[0]], false)
	}
	for k, s := range starts {
		e := len(lines)
		if k+1 < len(starts) {
			e = starts[k+1]
		}
		emit(lines[s:e], true)
	}
}

// addRow appends a row, or joins it to the row before when it carries on a
// row broken by the page (no row number, not a section).
func (b *building) addRow(row rowB) {
	if isColumnNumbering(row) {
		return // "(1) (2) (3)…" under the header: part of the header
	}
	for c := range row.cells {
		for _, w := range row.cells[c].words {
			if c < len(b.leftEdge) && row.cells[c].colspan == 1 {
				b.leftEdge[c] = math.Min(b.leftEdge[c], w.x0)
			}
		}
	}
	if !row.anchored && len(b.rows) > 0 && b.stt >= 0 {
		prev := &b.rows[len(b.rows)-1]
		if len(prev.cells) == len(row.cells) && !prev.section {
			for c := range row.cells {
				if prev.cells[c].covered {
					// Find the cell covering it from the left.
					k := c
					for k > 0 && prev.cells[k].covered {
						k--
					}
					prev.cells[k].words = append(prev.cells[k].words, row.cells[c].words...)
					continue
				}
				prev.cells[c].words = append(prev.cells[c].words, row.cells[c].words...)
			}
			return
		}
	}
	b.rows = append(b.rows, row)
}

var colNumber = regexp.MustCompile(`^\(?(\d{1,2})\)?$`)

// isColumnNumbering reports whether a row only numbers the columns, as
// many tables do under their header: (1), (2), (3)… or 1, 2, 3….
func isColumnNumbering(row rowB) bool {
	n, want := 0, 1
	for _, c := range row.cells {
		if c.covered {
			continue
		}
		if len(c.words) != 1 {
			return false
		}
		m := colNumber.FindStringSubmatch(c.words[0].text)
		if m == nil || m[1] != strconv.Itoa(want) {
			return false
		}
		want++
		n++
	}
	return n >= 3
}

// isNumberingLine reports whether a line only numbers columns: (1) (2)
// (3)… left to right.
func isNumberingLine(ws []box) bool {
	if len(ws) < 3 {
		return false
	}
	for i, w := range ws {
		m := colNumber.FindStringSubmatch(w.text)
		if m == nil || m[1] != strconv.Itoa(i+1) {
			return false
		}
	}
	return true
}

// firstNum is the page line number of the first of the words.
func firstNum(p *layout.Page, ws []box) int {
	best := -1
	for _, w := range ws {
		if best < 0 || w.line < best {
			best = w.line
		}
	}
	if best < 0 || best >= len(p.Lines) {
		return 0
	}
	if p.Lines[best].Num > 0 {
		return p.Lines[best].Num
	}
	return best + 1
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// continueOn reads the rows of an open table at the top of the next page:
// after a repeated header (dropped), or straight away when the page's
// first lines fall in the table's columns. It returns the first line after
// the table.
func (b *building) continueOn(p *layout.Page, words [][]box, consumed []bool, marks []float64) (int, bool) {
	first := -1
	for li := range words {
		if !consumed[li] && len(words[li]) > 0 {
			first = li
			break
		}
	}
	if first < 0 {
		return 0, false
	}
	if hb, ok := findHeader(p, words, consumed, first); ok && hb.first == first {
		nb := newBuilding(p, words, hb, marks)
		if nb == nil || len(nb.xs) != len(b.xs) || (!sameHeader(nb.headerKey, b.headerKey) && !b.sameColumns(nb.xs)) {
			return 0, false
		}
		for li := hb.first; li <= hb.last; li++ {
			consumed[li] = true
		}
		if b.ruled != nb.ruled {
			return 0, false
		}
		b.xs = nb.xs
		return b.readBody(p, words, consumed, hb.last+1), true
	}
	ws := words[first]
	if b.ruled {
		// The table's vertical rules go on at the top of the page.
		found := 0
		for _, x := range b.xs {
			for _, r := range p.Rules {
				if !r.Horizontal() && math.Abs((r.X0+r.X1)/2-x) <= 2 && math.Min(r.Y0, r.Y1) <= ws[0].y1+20 {
					found++
					break
				}
			}
		}
		if found < len(b.xs)-1 {
			return 0, false
		}
		return b.readBody(p, words, consumed, first), true
	}
	if b.outside(ws) || strings.HasPrefix(normalize.Fold(lineText(ws)), "phu luc") {
		return 0, false
	}
	aligned := b.isAnchor(ws)
	if !aligned {
		for _, w := range ws {
			c := b.col(w.cx())
			if c >= 0 && !math.IsInf(b.leftEdge[c], 1) && math.Abs(w.x0-b.leftEdge[c]) < 1.5*w.size {
				aligned = true
			}
		}
	}
	if !aligned {
		return 0, false
	}
	return b.readBody(p, words, consumed, first), true
}

// sameHeader reports whether two header keys (folded column labels
// joined by "|") name the same columns, allowing OCR's slips: each label
// within one wrong letter in four of the other.
func sameHeader(a, b string) bool {
	if a == b {
		return true
	}
	ca, cb := strings.Split(a, "|"), strings.Split(b, "|")
	if len(ca) != len(cb) {
		return false
	}
	for i := range ca {
		if normalize.EditDistance(ca[i], cb[i])*4 > max(len(ca[i]), len(cb[i])) {
			return false
		}
	}
	return true
}

// sameColumns reports whether boundaries match the table's within a few
// points.
func (b *building) sameColumns(xs []float64) bool {
	if len(xs) != len(b.xs) {
		return false
	}
	for i := range xs {
		if math.Abs(xs[i]-b.xs[i]) > 6 {
			return false
		}
	}
	return true
}

// table renders the rows.
func (b *building) table() layout.Table {
	var t layout.Table
	hdr := layout.Row{Header: true, Page: b.firstPage}
	for _, h := range b.header {
		hdr.Cells = append(hdr.Cells, layout.Cell{Paras: []string{h}, ColSpan: 1, RowSpan: 1})
	}
	t.Rows = append(t.Rows, hdr)
	pitch := b.letterWidth()
	for _, r := range b.rows {
		row := layout.Row{Page: r.page, Num: r.num}
		for ci, c := range r.cells {
			if c.covered {
				continue
			}
			ws := c.words
			if b.loose && ci != b.stt {
				ws = dropSpecks(ws, pitch)
			}
			row.Cells = append(row.Cells, layout.Cell{Paras: cellText(ws), ColSpan: c.colspan, RowSpan: c.rowspan})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// cellLines groups a cell's words into lines, top to bottom, each left to
// right. A word joins a line when its box overlaps the line's height by
// half of the lower of the two: OCR boxes of one line differ in height
// with ascenders, descenders and marks, and a dash's box is a sliver.
func cellLines(ws []box) [][]box {
	s := append([]box(nil), ws...)
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].page != s[j].page {
			return s[i].page < s[j].page
		}
		return s[i].cy() < s[j].cy()
	})
	var out [][]box
	var y0, y1 float64
	for i, w := range s {
		if i > 0 && w.page == s[i-1].page {
			ov := math.Min(w.y1, y1) - math.Max(w.y0, y0)
			if ov > 0.5*math.Min(w.y1-w.y0, y1-y0) {
				out[len(out)-1] = append(out[len(out)-1], w)
				y0, y1 = math.Min(y0, w.y0), math.Max(y1, w.y1)
				continue
			}
		}
		out = append(out, []box{w})
		y0, y1 = w.y0, w.y1
	}
	for _, l := range out {
		sort.SliceStable(l, func(a, b int) bool { return l[a].x0 < l[b].x0 })
	}
	return out
}

// letterWidth is the median width of a letter in the table's words of
// three letters or more.
func (b *building) letterWidth() float64 {
	var ws []float64
	for _, r := range b.rows {
		for _, c := range r.cells {
			for _, w := range c.words {
				if n := len([]rune(w.text)); n >= 3 {
					ws = append(ws, (w.x1-w.x0)/float64(n))
				}
			}
		}
	}
	return median(ws)
}

// dropSpecks leaves out the specks an OCR engine reads as letters or signs
// in the dirt of a scan ("st", "e", "="): a word of one or two letters or
// signs far narrower than the table's letters (letter is their median
// width); a lone sign is one too, but a dash stays.
func dropSpecks(ws []box, letter float64) []box {
	var out []box
	for _, w := range ws {
		n := len([]rune(w.text))
		if n <= 2 && !strings.ContainsAny(w.text, "-–") && w.x1-w.x0 < 0.5*letter*float64(n) {
			continue
		}
		out = append(out, w)
	}
	return out
}

var bullet = regexp.MustCompile(`^[-–+•*]\s`)

// cellText reads a cell's words as paragraphs: words on a baseline make a
// line, lines are joined by "\n" (a wrap), and a paragraph breaks only
// where the geometry shows one: a blank wider than the line spacing, or a
// bullet after a line that ends a sentence or clause.
func cellText(ws []box) []string {
	if len(ws) == 0 {
		return []string{""}
	}
	type line struct {
		text string
		base float64
	}
	var lines []line
	for _, ls := range cellLines(ws) {
		var bases []float64
		for _, w := range ls {
			bases = append(bases, w.base)
		}
		lines = append(lines, line{text: lineText(ls), base: median(bases)})
	}
	var pitches []float64
	for i := 1; i < len(lines); i++ {
		if d := lines[i].base - lines[i-1].base; d > 0 {
			pitches = append(pitches, d)
		}
	}
	pitch := median(pitches)
	var paras []string
	var para []string
	for i, ln := range lines {
		if i > 0 {
			br := false
			if d := ln.base - lines[i-1].base; pitch > 0 && d > 0 && d > 1.6*pitch {
				br = true
			}
			if bullet.MatchString(ln.text) {
				prev := strings.TrimSpace(lines[i-1].text)
				if strings.HasSuffix(prev, ";") || strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, ":") ||
					strings.HasSuffix(prev, ",") || bullet.MatchString(para[0]) {
					br = true
				}
			}
			if br {
				paras = append(paras, strings.Join(para, "\n"))
				para = nil
			}
		}
		para = append(para, ln.text)
	}
	paras = append(paras, strings.Join(para, "\n"))
	return paras
}
