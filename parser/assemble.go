package parser

import (
	"strings"

	"github.com/kehoach/kehoach/parser/layout"
)

// assemble reads the document's metadata and tasks from its lines and
// tables: the metadata from the header block (or what stands in for it),
// then the tasks of every task table in reading order, each under the
// appendix whose label or caption precedes it, then the list-form tasks of
// the body.
func assemble(doc *layout.Doc, o *options) *Register {
	reg := &Register{}
	items := readingOrder(doc)
	reg.Document = readDocument(items, o)
	year := planYear(reg.Document)
	appendix := ""
	// Tables of plain text were rebuilt without positions (texttable):
	// their cuts between columns are checked for plausibility.
	rebuilt := doc.Kind == "plaintext"
	for _, it := range items {
		if it.line != nil {
			if label, ok := appendixLabel(it.line.Text); ok {
				appendix = label
			} else if appendix == "" && isCaption(it.line.Text) {
				// a caption without its label: the database dropped it
				appendix = "Phụ lục"
			}
			continue
		}
		origin := tableOrigin{rebuilt: rebuilt, ocr: doc.Kind == "ocrtext" || pageOCR(doc, it.page)}
		tasks, warnings := tableTasks(it.table, it.page, appendix, year, origin)
		reg.Tasks = append(reg.Tasks, tasks...)
		for _, w := range warnings {
			if !saidBefore(doc.Warnings, w) {
				reg.Warnings = append(reg.Warnings, w)
			}
		}
	}
	reg.Tasks = append(reg.Tasks, listFormTasks(doc, year)...)
	return reg
}

// saidBefore reports whether the table builder already warned about the
// row w is about (same "Phụ lục II, dòng 3" prefix): one warning a row is
// enough when both doubt the cut.
func saidBefore(earlier []string, w string) bool {
	i := strings.Index(w, ": ")
	if i < 0 || !strings.Contains(w, "chia") {
		return false
	}
	for _, e := range earlier {
		if strings.HasPrefix(e, w[:i+2]) && strings.Contains(e, "chia") {
			return true
		}
	}
	return false
}

// pageOCR reports whether page number n of doc was read by OCR.
func pageOCR(doc *layout.Doc, n int) bool {
	for _, p := range doc.Pages {
		if p.Number == n {
			return p.OCR
		}
	}
	return false
}
