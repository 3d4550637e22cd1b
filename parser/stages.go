package parser

import (
	"strings"

	"github.com/kehoach/kehoach/normalize/repair"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/ocrtable"
	"github.com/kehoach/kehoach/parser/texttable"
)

// repairDoc restores the Vietnamese of pages whose text looks like English
// OCR or stripped diacritics, page by page (Auto), or of every page.
func repairDoc(doc *layout.Doc, o *options) {
	if o.repair == Never {
		return
	}
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		if o.repair == Auto {
			var text []string
			for _, l := range p.Lines {
				text = append(text, l.Text)
			}
			for _, t := range p.Tables {
				for _, r := range t.Rows {
					for _, c := range r.Cells {
						text = append(text, c.Paras...)
					}
				}
			}
			if !repair.Needed(strings.Join(text, "\n")) {
				continue
			}
		}
		// Lines are repaired together, so that a sentence wrapped over
		// several lines is read as one.
		texts := make([]string, len(p.Lines))
		for li, l := range p.Lines {
			texts[li] = l.Text
		}
		fixed := repair.Lines(texts)
		for li := range p.Lines {
			l := &p.Lines[li]
			if li < len(fixed) && fixed[li] != l.Text {
				l.Text = fixed[li]
				l.Repaired = true
				repair.Words(l.Words, fixed[li])
			}
		}
		for ti := range p.Tables {
			for ri := range p.Tables[ti].Rows {
				cells := p.Tables[ti].Rows[ri].Cells
				for ci := range cells {
					for k, para := range cells[ci].Paras {
						cells[ci].Paras[k] = repair.Text(para)
					}
				}
			}
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
