package parser

import (
	"sort"
	"strings"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/layout"
)

// item is one piece of a document in reading order: a line or a table.
type item struct {
	page  int // 1-based page number
	line  *layout.Line
	table *layout.Table
}

// readingOrder lists the document's lines and tables in reading order, each
// table before the line it is anchored to.
func readingOrder(doc *layout.Doc) []item {
	var out []item
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		num := p.Number
		if num == 0 {
			num = pi + 1
		}
		// Tables in the order they stand; readers append them in order,
		// but nothing requires it.
		order := make([]int, len(p.Tables))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return p.Tables[order[a]].At < p.Tables[order[b]].At })
		ti := 0
		for li := 0; li <= len(p.Lines); li++ {
			for ti < len(order) && (p.Tables[order[ti]].At <= li || li == len(p.Lines)) {
				out = append(out, item{page: num, table: &p.Tables[order[ti]]})
				ti++
			}
			if li < len(p.Lines) {
				out = append(out, item{page: num, line: &p.Lines[li]})
			}
		}
	}
	return out
}

// unit is a piece of text for reading the header block: a line, or a
// paragraph of a table cell, with markup removed and spaces collapsed.
type unit struct {
	text string
	cell bool // from a table cell
}

// textUnits flattens the first n items of the document into text units:
// lines as they are, table cells paragraph by paragraph (a cell's wrapped
// lines each a unit, as the header block's lines are).
func textUnits(items []item) []unit {
	var out []unit
	add := func(s string, cell bool) {
		s = normalize.Space(normalize.StripMarkup(s))
		if s != "" {
			out = append(out, unit{text: s, cell: cell})
		}
	}
	for _, it := range items {
		if it.line != nil {
			add(it.line.Text, false)
			continue
		}
		for _, r := range it.table.Rows {
			for _, c := range r.Cells {
				for _, p := range c.Paras {
					for _, l := range strings.Split(p, "\n") {
						add(l, true)
					}
				}
			}
		}
	}
	return out
}
