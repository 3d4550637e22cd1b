package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/normalize/repair"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/ocrtable"
	"github.com/kehoach/kehoach/parser/texttable"
)

// repairDoc restores the Vietnamese of pages whose text looks like English
// OCR or stripped diacritics, page by page (Auto), or of every page. Pages
// read by tesseract's Vietnamese model that need no repair get their
// real-word errors corrected (realWords). Then the tables of a document
// whose text comes from OCR (a scan read, or a PDF's text layer that
// needed repair) get their cells fixed as the genre tells (fixOCRCells).
func repairDoc(doc *layout.Doc, o *options) {
	ocrd := false
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		p.OCR = p.OCR || fromOCR(doc, *p)
		ocrd = ocrd || p.OCR
	}
	if o.repair == Never {
		return
	}
	defer func() {
		if ocrd {
			fixOCRCells(doc)
		}
	}()
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		if o.repair == Auto {
			if !repair.Needed(p.Text()) {
				if p.OCR {
					realWords(p)
				}
				continue
			}
		}
		// a PDF's text layer that needs repair is OCR made without a
		// Vietnamese model; a Word or web document typed without marks
		// keeps its cells as printed
		if doc.Kind == "pdf" {
			p.OCR = true
			ocrd = true
		}
		// Lines are repaired together, so that a sentence wrapped over
		// several lines is read as one.
		fixLines(p, repair.Lines)
		// Cells each on their own (a table's line runs across several),
		// with the share of lost marks estimated over them all.
		var paras []*string
		var cellTexts []string
		for ti := range p.Tables {
			for ri := range p.Tables[ti].Rows {
				cells := p.Tables[ti].Rows[ri].Cells
				for ci := range cells {
					for k := range cells[ci].Paras {
						paras = append(paras, &cells[ci].Paras[k])
						cellTexts = append(cellTexts, cells[ci].Paras[k])
					}
				}
			}
		}
		for i, f := range repair.Cells(cellTexts) {
			*paras[i] = f
		}
	}
}

// fixLines puts a page's lines through fix, which reads them together,
// and marks the lines it changed (their words follow their text).
func fixLines(p *layout.Page, fix func([]string) []string) {
	texts := make([]string, len(p.Lines))
	for li, l := range p.Lines {
		texts[li] = l.Text
	}
	fixed := fix(texts)
	for li := range p.Lines {
		l := &p.Lines[li]
		if li < len(fixed) && fixed[li] != l.Text {
			l.Text = fixed[li]
			l.Repaired = true
			repair.Words(l.Words, fixed[li])
		}
	}
}

// hasGeometry reports whether the document's words carry positions.
func hasGeometry(doc *layout.Doc) bool {
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			if len(l.Words) > 0 {
				return true
			}
		}
	}
	return false
}

// buildTables rebuilds the tables of a document without positions from
// its text alone, unless the source states its tables.
func buildTables(doc *layout.Doc) {
	for _, p := range doc.Pages {
		if len(p.Tables) > 0 {
			return // the source states its tables
		}
	}
	switch doc.Kind {
	case "ocrtext":
		doc.Warnings = append(doc.Warnings, ocrtable.Rebuild(doc)...)
	default:
		doc.Warnings = append(doc.Warnings, texttable.Rebuild(doc)...)
	}
}

// fromOCR reports whether a page was read by OCR: its words carry
// tesseract's confidences, or the whole document is a scan read.
func fromOCR(doc *layout.Doc, p layout.Page) bool {
	if doc.Kind == "ocr" {
		return true
	}
	for _, l := range p.Lines {
		for _, w := range l.Words {
			if w.Conf > 0 {
				return true
			}
		}
	}
	return false
}

// realWords corrects the syllables of a page read by tesseract's
// Vietnamese model that carry the wrong marks over the right letters
// (repair.RealWords): its lines, read together, and its tables' cells,
// each on its own.
func realWords(p *layout.Page) {
	fixLines(p, repair.RealWords)
	for ti := range p.Tables {
		for ri := range p.Tables[ti].Rows {
			cells := p.Tables[ti].Rows[ri].Cells
			for ci := range cells {
				for k, para := range cells[ci].Paras {
					cells[ci].Paras[k] = strings.Join(repair.RealWords(strings.Split(para, "\n")), "\n")
				}
			}
		}
	}
}

// fixOCRCells corrects, in the task tables of a document read by OCR (or
// repaired), what the genre tells of their columns:
//
//   - agency names garbled by OCR snap to the genre's abbreviations and to
//     the names the document's agency columns print elsewhere
//     (agency.Fix);
//   - a task's content starts with a capital, as the other tasks' content
//     does, where OCR could not tell the case of its first letter ("bam
//     béo" for "Đảm bảo" repaired to "đảm bảo").
func fixOCRCells(doc *layout.Doc) {
	type column struct {
		cells []*layout.Cell // body cells of task rows, in order
		field string
	}
	var cols []column
	for pi := range doc.Pages {
		for ti := range doc.Pages[pi].Tables {
			t := &doc.Pages[pi].Tables[ti]
			grid := t.Grid()
			c, body, ok := findHeader(grid)
			if !ok {
				continue
			}
			stt := c.col(texttable.FieldSTT)
			byField := map[string]int{} // field → index in cols
			for r := body; r < len(grid); r++ {
				task := stt >= 0 && stt < len(grid[r]) && sttLike(cellText(grid[r][stt]))
				for ci, f := range c.field {
					if ci >= len(grid[r]) || grid[r][ci].Merged || len(grid[r][ci].Paras) == 0 {
						continue
					}
					switch f {
					case texttable.FieldLead, texttable.FieldSupport:
					case texttable.FieldContent:
						if !task {
							continue
						}
					default:
						continue
					}
					k, ok := byField[f]
					if !ok {
						k = len(cols)
						byField[f] = k
						cols = append(cols, column{field: f})
					}
					// grid cells share their paragraphs with the table's
					cols[k].cells = append(cols[k].cells, &grid[r][ci])
				}
			}
		}
	}
	var names []string
	for _, col := range cols {
		if col.field == texttable.FieldLead || col.field == texttable.FieldSupport {
			for _, c := range col.cells {
				names = append(names, agency.Split(c.Paras)...)
			}
		}
	}
	seen := agency.NewNames(names)
	for _, col := range cols {
		switch col.field {
		case texttable.FieldLead, texttable.FieldSupport:
			for _, c := range col.cells {
				for k, p := range c.Paras {
					c.Paras[k] = agency.Fix(p, seen)
				}
			}
		case texttable.FieldContent:
			capitaliseContent(col.cells)
		}
	}
}

// sttLike reports whether a cell holds a task's number ("1", "12", "3.2").
func sttLike(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// capitaliseContent gives a capital to the content cells of task rows that
// open with a small letter, when nearly all the others open with a capital
// (a table whose tasks run on as clauses keeps its small letters).
func capitaliseContent(cells []*layout.Cell) {
	upper, lower := 0, 0
	for _, c := range cells {
		switch r := firstLetter(c.Paras[0]); {
		case r == 0:
		case unicode.IsUpper(r):
			upper++
		default:
			lower++
		}
	}
	if lower == 0 || upper < 4*lower {
		return
	}
	for _, c := range cells {
		p := c.Paras[0]
		i := strings.IndexFunc(p, unicode.IsLetter)
		if i < 0 {
			continue
		}
		r, n := utf8.DecodeRuneInString(p[i:])
		if unicode.IsLower(r) && strings.TrimSpace(p[:i]) == "" {
			c.Paras[0] = p[:i] + string(unicode.ToUpper(r)) + p[i+n:]
		}
	}
}

// firstLetter is the first letter of s, 0 when s opens with no letter.
func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
		if !unicode.IsSpace(r) {
			return 0
		}
	}
	return 0
}
