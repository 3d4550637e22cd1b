// Package layout is the intermediate every reader yields: pages of lines and
// words, with positions where the source draws them, ruling lines where it
// draws borders, and table cells where the source states them (DOCX, HTML,
// text copied from a legal web database). Repair, structure, tables and tasks
// work on a Doc alone, whatever file it came from.
package layout

import "strings"

// Doc is a whole document in reading order.
type Doc struct {
	Name  string // file name, for messages
	Kind  string // the reader that made it: "pdf", "ocr", "docx", "html", "webtext", "markdown", "plaintext", "ocrtext"
	Pages []Page
	// Warnings are what a reader or a table builder could not read whole,
	// in the register's words ("Phụ lục II, dòng 2: …"); they end up in the
	// register's warnings.
	Warnings []string
}

// Runs returns the page's texts to mend in place: each line's text, then
// each paragraph of its tables' cells, in order.
func (p *Page) Runs() []*string {
	var runs []*string
	for i := range p.Lines {
		runs = append(runs, &p.Lines[i].Text)
	}
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				for j := range c.Paras {
					runs = append(runs, &c.Paras[j])
				}
			}
		}
	}
	return runs
}

// HasText reports whether any page of the document holds text other than
// white space, in its lines or its tables' cells.
func (d *Doc) HasText() bool {
	for _, p := range d.Pages {
		if strings.TrimSpace(p.Text()) != "" {
			return true
		}
	}
	return false
}

// Placed is a table rebuilt from a document's lines, and where it stood:
// the index of its page and of its first line there.
type Placed struct {
	Page, Line int
	Table      Table
}

// PlaceTables takes out of the document's pages the lines a rebuilt table
// holds (used) and anchors each table where its first line stood: before
// the first line kept after it.
func (d *Doc) PlaceTables(tables []Placed, used func(page, line int) bool) {
	for pi := range d.Pages {
		p := &d.Pages[pi]
		var kept []Line
		newIndex := make([]int, len(p.Lines)+1)
		for li, l := range p.Lines {
			newIndex[li] = len(kept)
			if !used(pi, li) {
				kept = append(kept, l)
			}
		}
		newIndex[len(p.Lines)] = len(kept)
		for _, t := range tables {
			if t.Page == pi {
				t.Table.At = newIndex[t.Line]
				p.Tables = append(p.Tables, t.Table)
			}
		}
		p.Lines = kept
	}
}

// Page is one page of a document. Text inputs without page breaks are one
// page. Coordinates are in points from the top-left corner, y growing down.
type Page struct {
	Number int     // 1-based
	Width  float64 // 0 when the source has no geometry
	Height float64
	Lines  []Line  // in reading order
	Rules  []Rule  // ruling segments drawn on the page (table borders)
	Tables []Table // tables stated by the source or rebuilt from geometry
	// OCR is set where the page's text comes from OCR: a scan read by
	// tesseract, or a text layer the repair stage took for English-model
	// OCR.
	OCR bool
}

// Text is all the text of the page, its lines and then the paragraphs of
// its tables' cells, one to a line of the result.
func (p Page) Text() string {
	var b strings.Builder
	for _, l := range p.Lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				for _, para := range c.Paras {
					b.WriteString(para)
					b.WriteByte('\n')
				}
			}
		}
	}
	return b.String()
}

// Line is one line of text. Words carry positions where the source has them;
// Text is always set and is what a person reads.
type Line struct {
	Text  string
	Words []Word  // nil when the source has no geometry
	X, Y  float64 // left edge and baseline; 0 when unknown
	Width float64
	Size  float64 // font size in points, 0 when unknown
	Bold  bool    // the whole line is bold, where the source says so
	Num   int     // 1-based line number in the source (text inputs) or on the page
	// Repaired is set by the repair stage when it changed the line's text.
	Repaired bool
}

// Word is one word with its box.
type Word struct {
	Text string
	X, Y float64 // left edge and baseline (OCR: top of the box)
	W, H float64
	Conf float64 // OCR confidence 0..100; 0 when not from OCR
}

// Rule is a straight ruling segment, horizontal or vertical.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Horizontal reports whether the rule runs left to right.
func (r Rule) Horizontal() bool {
	dx, dy := r.X1-r.X0, r.Y1-r.Y0
	if dx < 0 {
		dx = -dx
	}
	if dy < 0 {
		dy = -dy
	}
	return dx >= dy
}

// Table is a grid of cells. At is the index in Page.Lines before which the
// table stands in reading order, so captions and section headings before it
// stay before it.
type Table struct {
	At   int
	Rows []Row
}

// Row is one table row.
type Row struct {
	Cells  []Cell
	Header bool // marked as a header row by the source (tblHeader, <th>)
	Num    int  // source line number where the row starts, 0 if unknown
	Page   int  // page where the row starts, 0 if unknown
}

// Cell is one table cell as the source states it. Paras are the cell's
// paragraphs as the source separates them (Word paragraphs, <p>, <br>, lines
// of a web-database cell); inside a paragraph, "\n" marks a wrapped line
// (PDF, plain extractor) which is not a separator. A cell spanning several
// columns or rows appears once, at its top-left position, as in HTML.
type Cell struct {
	Paras   []string
	ColSpan int // columns covered, 1 or 0 when not merged
	RowSpan int // rows covered, 1 or 0 when not merged
	// Merged is set only in the cells Grid makes for the positions a span
	// covers: they repeat the spanning cell's paragraphs.
	Merged bool
}

// Text is the cell's text with paragraphs joined by "\n".
func (c Cell) Text() string { return strings.Join(c.Paras, "\n") }

// Grid expands the table's spans into a rectangular grid: every row gets the
// same number of columns, and a position covered by a span holds a copy of
// the spanning cell marked Merged.
func (t Table) Grid() [][]Cell {
	var grid [][]Cell
	width := 0
	for r, row := range t.Rows {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		c := 0
		for _, cell := range row.Cells {
			for c < len(grid[r]) && grid[r][c].Merged {
				c++
			}
			cs, rs := max(cell.ColSpan, 1), max(cell.RowSpan, 1)
			for dr := 0; dr < rs; dr++ {
				rr := r + dr
				for len(grid) <= rr {
					grid = append(grid, nil)
				}
				for dc := 0; dc < cs; dc++ {
					cc := c + dc
					for len(grid[rr]) <= cc {
						grid[rr] = append(grid[rr], Cell{})
					}
					cp := cell
					cp.ColSpan, cp.RowSpan = 1, 1
					cp.Merged = dr > 0 || dc > 0
					grid[rr][cc] = cp
				}
			}
			c += cs
			width = max(width, c)
		}
		for c < len(grid[r]) && grid[r][c].Merged {
			c++
		}
		width = max(width, len(grid[r]))
	}
	grid = grid[:max(len(t.Rows), 0)]
	for r := range grid {
		for len(grid[r]) < width {
			grid[r] = append(grid[r], Cell{})
		}
	}
	return grid
}
