// Package geom rebuilds tables from the geometry of a page: ruling lines
// where the table has borders, column anchors from the header row where it
// has none.
package geom

import "github.com/kehoach/kehoach/parser/layout"

// Tables fills Page.Tables of every page from its words and rules, and
// removes the lines a table consumed.
func Tables(doc *layout.Doc) {}
