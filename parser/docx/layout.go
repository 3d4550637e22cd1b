package docx

import (
	"strings"

	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser/layout"
)

// toLayout lays the document's blocks out as one page (a DOCX has no fixed
// pages): paragraphs as lines, tables as tables anchored between them.
func toLayout(blocks []block, name string) *layout.Doc {
	page := layout.Page{Number: 1}
	emit(&page, blocks)
	mend(&page)
	return &layout.Doc{Name: name, Kind: "docx", Pages: []layout.Page{page}}
}

// mend decodes text typed in a legacy font that the document does not
// name (the font lost, or a Unicode font over TCVN3 codes): every line and
// cell paragraph that reads better as TCVN3 or VNI, the document voting
// on which of the two.
func mend(pg *layout.Page) {
	vnenc.FixRunsInPlace(pg.Runs())
}

func emit(pg *layout.Page, blocks []block) {
	for _, b := range blocks {
		if b.p != nil {
			// A soft line break in body text starts a new printed line.
			for _, l := range strings.Split(b.p.text, "\n") {
				pg.Lines = append(pg.Lines, layout.Line{Text: l, Num: b.p.num, Bold: b.p.bold})
			}
			continue
		}
		if b.t == nil || len(b.t.rows) == 0 {
			continue
		}
		if wrapper(b.t) {
			// A one-column frame around the content (often around the
			// whole plan, or one boxed cell): its content is the body.
			for _, r := range b.t.rows {
				for _, c := range r.cells {
					emit(pg, c.blocks)
				}
			}
			continue
		}
		t := convert(b.t)
		t.At = len(pg.Lines)
		pg.Tables = append(pg.Tables, t)
	}
}

// wrapper reports whether a table only frames other content: a single
// cell, or one cell a row around nested tables.
func wrapper(t *table) bool {
	nested := false
	for _, r := range t.rows {
		if len(r.cells) > 1 {
			return false
		}
		for _, c := range r.cells {
			for _, b := range c.blocks {
				if b.t != nil {
					nested = true
				}
			}
		}
	}
	return nested || len(t.rows) == 1
}

// convert turns a Word table into a layout table: gridSpan becomes
// ColSpan; a vMerge run of cells becomes one cell with RowSpan, the cells
// it continues into left out, as layout (and HTML) states spans.
func convert(t *table) layout.Table {
	var out layout.Table
	type ref struct{ row, cell, span int }
	open := map[int]ref{} // grid column → the cell a vertical merge started in
	for ri, r := range t.rows {
		lr := layout.Row{Header: r.header, Num: r.num, Page: 1}
		col := 0
		if r.gridBefore > 0 {
			lr.Cells = append(lr.Cells, layout.Cell{ColSpan: r.gridBefore, RowSpan: 1})
			col = r.gridBefore
		}
		for _, c := range r.cells {
			paras := flatten(c.blocks)
			if c.hmerge == "continue" && len(lr.Cells) > 0 {
				// Legacy horizontal merge: widen the cell before.
				last := &lr.Cells[len(lr.Cells)-1]
				last.ColSpan = max(last.ColSpan, 1) + c.span
				last.Paras = append(last.Paras, paras...)
				col += c.span
				continue
			}
			if c.vmerge == "continue" {
				if top, ok := open[col]; ok && top.span == c.span {
					tc := &out.Rows[top.row].Cells[top.cell]
					tc.RowSpan = max(tc.RowSpan, 1) + 1
					tc.Paras = append(tc.Paras, paras...) // Word shows only the first; keep the rest
					col += c.span
					continue
				}
			}
			lr.Cells = append(lr.Cells, layout.Cell{Paras: paras, ColSpan: c.span, RowSpan: 1})
			for k := col; k < col+c.span; k++ {
				delete(open, k)
			}
			if c.vmerge != "" {
				open[col] = ref{row: ri, cell: len(lr.Cells) - 1, span: c.span}
			}
			col += c.span
		}
		if r.gridAfter > 0 {
			lr.Cells = append(lr.Cells, layout.Cell{ColSpan: r.gridAfter, RowSpan: 1})
		}
		out.Rows = append(out.Rows, lr)
	}
	return out
}

// flatten gives a cell's paragraphs: its own, and those of tables nested
// in it, row by row, cell by cell. Empty paragraphs separate nothing and
// are dropped.
func flatten(blocks []block) []string {
	var out []string
	for _, b := range blocks {
		if b.p != nil {
			if strings.TrimSpace(b.p.text) != "" {
				out = append(out, strings.TrimRight(b.p.text, " \t\n"))
			}
			continue
		}
		if b.t == nil {
			continue
		}
		for _, r := range b.t.rows {
			for _, c := range r.cells {
				out = append(out, flatten(c.blocks)...)
			}
		}
	}
	return out
}
