package parser

import "github.com/kehoach/kehoach/parser/layout"

// assemble reads the document's metadata and tasks from its lines and
// tables.
func assemble(doc *layout.Doc, o *options) *Register {
	return &Register{}
}
