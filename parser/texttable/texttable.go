// Package texttable rebuilds tables from text without positions, as a plain
// PDF text extractor gives it: each cell broken over several lines.
package texttable

import "github.com/kehoach/kehoach/parser/layout"

// Tables fills Page.Tables from the document's lines.
func Tables(doc *layout.Doc) {}
