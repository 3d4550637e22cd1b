package textread

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/parser/layout"
)

// cell is a table cell being built: its paragraphs and the line it starts on.
type cell struct {
	paras []string
	num   int
	page  int
}

// row is a table row being built.
type row struct {
	cells []cell
	num   int
	page  int
}

// buildPages lays the lines of a web or markdown text out as pages of lines
// and tables. A table stands before the first line that follows it.
func buildPages(lines []srcLine, kind string) []layout.Page {
	var pages []layout.Page
	page := func(n int) *layout.Page {
		for len(pages) < n {
			pages = append(pages, layout.Page{Number: len(pages) + 1})
		}
		return &pages[n-1]
	}
	i := 0
	for i < len(lines) {
		t := strings.TrimSpace(lines[i].text)
		if isInlineRow(t) || isSeparatorRow(t) {
			rows, next := inlineTable(lines, i)
			addTable(page(lines[i].page), rows)
			i = next
			continue
		}
		if kind == KindWeb && t == "|" {
			rows, next := webTable(lines, i)
			addTable(page(lines[i].page), rows)
			i = next
			continue
		}
		if kind == KindMarkdown && (t == "|" || strings.HasPrefix(t, "| ")) {
			rows, next := markdownTable(lines, i)
			if next > i {
				addTable(page(lines[i].page), rows)
				i = next
				continue
			}
		}
		p := page(lines[i].page)
		p.Lines = append(p.Lines, layout.Line{Text: lines[i].text, Num: lines[i].num})
		i++
	}
	return pages
}

// addTable appends the rows as a table standing before the page's next
// line; rows with no text at all are dropped.
func addTable(p *layout.Page, rows []row) {
	tab := layout.Table{At: len(p.Lines)}
	for _, r := range rows {
		empty := true
		out := layout.Row{Num: r.num, Page: r.page}
		for _, c := range r.cells {
			if len(c.paras) > 0 {
				empty = false
			}
			out.Cells = append(out.Cells, layout.Cell{Paras: c.paras, ColSpan: 1, RowSpan: 1})
		}
		if !empty {
			if out.Num == 0 {
				for _, c := range r.cells {
					if c.num > 0 {
						out.Num, out.Page = c.num, c.page
						break
					}
				}
			}
			tab.Rows = append(tab.Rows, out)
		}
	}
	if len(tab.Rows) > 0 {
		p.Tables = append(p.Tables, tab)
	}
}

// inlineTable reads consecutive one-line rows ("| a | b |") and markdown
// separator rows from lines[i]. It returns the rows and the index of the
// first line after them.
func inlineTable(lines []srcLine, i int) ([]row, int) {
	var rows []row
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].text)
		if isSeparatorRow(t) {
			continue
		}
		if !isInlineRow(t) {
			break
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
		r := row{num: lines[i].num, page: lines[i].page}
		for _, part := range strings.Split(inner, "|") {
			c := cell{num: lines[i].num, page: lines[i].page}
			if p := strings.TrimSpace(part); p != "" {
				c.paras = splitBreaks(p)
			}
			r.cells = append(r.cells, c)
		}
		rows = append(rows, r)
	}
	return rows, i
}

// Line classes of the web-database shape.
const (
	lnBlank   = iota
	lnPipe    // a lone "|": a row starts, or an empty cell
	lnCellEnd // "text |": the last line of a cell
	lnText    // a line without a pipe
	lnOther   // an inline row or separator: another table
)

func webClass(s string) int {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return lnBlank
	case t == "|":
		return lnPipe
	case isInlineRow(t) || isSeparatorRow(t):
		return lnOther
	case strings.HasSuffix(t, "|") && !strings.HasPrefix(t, "|"):
		return lnCellEnd
	}
	return lnText
}

// continues reports whether the text lines from lines[i] end in a cell end
// (so they are the first lines of a multi-line cell) rather than at a lone
// pipe, another table or the end of the text.
func continues(lines []srcLine, i int) bool {
	for k := i; k < len(lines) && k < i+60; k++ {
		switch webClass(lines[k].text) {
		case lnCellEnd:
			return true
		case lnText, lnBlank:
			continue
		default:
			return false
		}
	}
	return false
}

// webTable reads a table of the web-database shape starting at the lone
// pipe lines[i]: a lone "|" begins a row, each cell ends with " |", a cell
// of several lines has one paragraph per line. A lone "|" inside a row is
// either an empty cell or the start of the next row; the choice is made for
// the whole table at once, so that rows are as wide as the table or are
// one-cell headings (see cutRows).
func webTable(lines []srcLine, i int) ([]row, int) {
	var toks []webTok
	var pending cell
	k := i
loop:
	for ; k < len(lines); k++ {
		l := lines[k]
		switch webClass(l.text) {
		case lnPipe:
			toks = append(toks, webTok{pipe: true, cell: cell{num: l.num, page: l.page}})
		case lnCellEnd:
			t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.text), "|"))
			if pending.num == 0 {
				pending.num, pending.page = l.num, l.page
			}
			if t != "" {
				pending.paras = append(pending.paras, t)
			}
			toks = append(toks, webTok{cell: pending})
			pending = cell{}
		case lnText:
			if pending.num == 0 && !continues(lines, k) {
				break loop
			}
			if pending.num == 0 {
				pending.num, pending.page = l.num, l.page
			}
			pending.paras = append(pending.paras, strings.TrimSpace(l.text))
		case lnBlank:
			if pending.num == 0 && !continues(lines, k) && (k+1 >= len(lines) || webClass(lines[k+1].text) != lnPipe) {
				break loop
			}
		default:
			break loop
		}
	}
	return cutRows(toks), k
}

// webTok is a lone pipe or a cell of the web-database shape.
type webTok struct {
	pipe bool
	cell cell
}

// cutRows decides which lone pipes start rows and which are empty cells.
// The table's width is the longest run of cells without a pipe between
// them (the header row's); a cut is scored by how far each row is from
// that width, a one-cell row being a heading that spans the table.
func cutRows(toks []webTok) []row {
	width := 0
	run := 0
	for _, t := range toks {
		if t.pipe {
			run = 0
			continue
		}
		run++
		width = max(width, run)
	}
	if len(toks) == 0 {
		return nil
	}
	if width > maxWidth {
		return pipeRows(toks) // not a table a person laid out; no cut to weigh
	}
	maxLen := width*2 + 2
	const inf = 1 << 30
	n := len(toks)
	// cost[k][l]: least cost of tokens[k:] with l cells already in the
	// current row; the choices are kept to rebuild the cut.
	cost := make([][]int, n+1)
	choice := make([][]bool, n+1) // true: the pipe starts a row
	for k := range cost {
		cost[k] = make([]int, maxLen+1)
		choice[k] = make([]bool, maxLen+1)
	}
	// A row as wide as the header costs nothing, and so does a heading of
	// one cell (or a numeral and its heading); a shorter row costs a little
	// (cells spanned from above or across), a longer one a lot.
	rowCost := func(l int, first cell, hasFirst bool) int {
		switch {
		case l == 0 || l == width:
			return 0
		case l == 1:
			if hasFirst && headingLike(first) {
				return 0
			}
			return 2
		case l < width:
			return width - l
		}
		return 4 * (l - width)
	}
	// firstCell[k][l] is not tracked; the one-cell case looks back instead.
	for l := 0; l <= maxLen; l++ {
		cost[n][l] = rowCost(l, lastCell(toks, n, l), l == 1)
	}
	for k := n - 1; k >= 0; k-- {
		for l := 0; l <= maxLen; l++ {
			next := min(l+1, maxLen)
			if !toks[k].pipe {
				cost[k][l] = cost[k+1][next]
				continue
			}
			// the pipe starts a row (always, for the first token)
			start := inf
			if k == 0 || l > 0 {
				start = rowCost(l, lastCell(toks, k, l), l == 1) + cost[k+1][0]
			}
			empty := inf
			if k > 0 {
				empty = cost[k+1][next]
				if l == 0 {
					empty++ // a row that begins with an empty cell is unusual
				}
			}
			if start <= empty {
				cost[k][l], choice[k][l] = start, true
			} else {
				cost[k][l] = empty
			}
		}
	}
	var rows []row
	var cur *row
	l := 0
	for k, t := range toks {
		if t.pipe && (k == 0 || choice[k][l]) {
			if cur != nil {
				rows = append(rows, *cur)
			}
			cur = &row{}
			l = 0
			continue
		}
		if cur == nil {
			cur = &row{}
		}
		cur.cells = append(cur.cells, t.cell)
		l = min(l+1, maxLen)
	}
	if cur != nil {
		rows = append(rows, *cur)
	}
	return rows
}

// maxWidth is the widest table whose rows cutRows weighs; task tables have
// a dozen columns at most.
const maxWidth = 40

// pipeRows starts a row at every lone pipe.
func pipeRows(toks []webTok) []row {
	var rows []row
	for _, t := range toks {
		if t.pipe || len(rows) == 0 {
			rows = append(rows, row{})
			if t.pipe {
				continue
			}
		}
		rows[len(rows)-1].cells = append(rows[len(rows)-1].cells, t.cell)
	}
	return rows
}

// lastCell returns the cell before toks[k] when the current row holds l
// cells; only used for one-cell rows.
func lastCell(toks []webTok, k, l int) cell {
	if l != 1 || k == 0 {
		return cell{}
	}
	return toks[k-1].cell
}

// headingLike reports whether a cell reads as a heading spanning a table:
// numbered with a Roman numeral or a letter, or in capitals.
func headingLike(c cell) bool {
	if len(c.paras) == 0 {
		return false
	}
	t := strings.TrimSpace(c.paras[0])
	if headingRE.MatchString(t) {
		return true
	}
	letters, upper := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 1 && upper*10 >= letters*8
}

// headingRE matches a heading numbered "I.", "II", "A.", "B)".
var headingRE = regexp.MustCompile(`^(?:[IVXLC]{1,6}|[A-ZĐ])[.)]?\s+\S`)

// markdownTable reads a table of the markdown shape starting at lines[i]:
// each cell's lines stand between pipes ("|" alone on a line, or "| text",
// "text |", "| a | b |"); two pipes with only a line break between them
// close one row and open the next; two pipes with a blank line or spaces
// between them hold an empty cell; once a row is as wide as the table, its
// closing pipe ends it. It returns the index of the first line after the
// table, i when there is no table there.
func markdownTable(lines []srcLine, i int) ([]row, int) {
	var rows []row
	cur := row{}
	var content cell
	open := false  // a pipe has opened a cell
	blank := false // a blank line or spaces since the last pipe
	lastPipe := -1 // line of the last pipe
	width := 0
	endRow := func() {
		if len(cur.cells) > 0 {
			rows = append(rows, cur)
			width = max(width, len(cur.cells))
		}
		cur = row{}
	}
	k := i
scan:
	for ; k < len(lines); k++ {
		l := lines[k]
		t := strings.TrimSpace(l.text)
		switch {
		case isSeparatorRow(t):
			endRow()
			open, blank, content = false, false, cell{}
			continue
		case t == "":
			if !open {
				break scan
			}
			blank = true
			continue
		case !strings.Contains(t, "|"):
			if !open || (content.num == 0 && !closedAhead(lines, k, blank)) {
				break scan
			}
			if content.num == 0 {
				content.num, content.page = l.num, l.page
			}
			content.paras = append(content.paras, t)
			continue
		}
		parts := strings.Split(t, "|")
		for pi, part := range parts {
			if pi > 0 { // a pipe stands before this part
				if open {
					switch {
					case content.num != 0:
						cur.cells = append(cur.cells, content)
					case blank || lastPipe == k:
						cur.cells = append(cur.cells, cell{num: l.num, page: l.page})
					default:
						endRow() // "|" then "|" on the next line: a row boundary
					}
					content, blank = cell{}, false
					if width > 0 && len(cur.cells) >= width {
						endRow()
						open, lastPipe = false, k
						continue
					}
				}
				open, blank, lastPipe = true, false, k
			}
			if p := strings.TrimSpace(part); p != "" {
				if !open {
					break scan
				}
				if content.num == 0 {
					content.num, content.page = l.num, l.page
				}
				content.paras = append(content.paras, splitBreaks(p)...)
			} else if pi > 0 && pi < len(parts)-1 {
				blank = true // "| |": spaces between two pipes on one line
			}
		}
	}
	if content.num != 0 {
		cur.cells = append(cur.cells, content)
	}
	endRow()
	if len(rows) == 0 {
		return nil, i
	}
	return rows, k
}

// closedAhead reports whether the text lines from lines[k] are closed by a
// pipe, so they belong to a cell. Strict (the text stands after a blank
// line, as the next paragraph after a table would) allows no blank line
// inside the text, only one before the closing pipe.
func closedAhead(lines []srcLine, k int, strict bool) bool {
	blanks := 0
	for j := k; j < len(lines) && j < k+60; j++ {
		t := strings.TrimSpace(lines[j].text)
		switch {
		case t == "":
			blanks++
			if blanks >= 2 {
				return false
			}
		case strings.Contains(t, "|"):
			return true
		default:
			if strict && blanks > 0 {
				return false
			}
			blanks = 0
		}
	}
	return false
}

// breakRE matches an HTML line break left in converted text: <br>, <br/>,
// <br />.
var breakRE = regexp.MustCompile(`(?i)<br\s*/?>`)

// splitBreaks splits a cell's text at HTML line breaks, which separate
// paragraphs (agencies, most often) in the page the text came from.
func splitBreaks(s string) []string {
	if !strings.Contains(s, "<") {
		return []string{s}
	}
	var out []string
	for _, p := range breakRE.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
