// Package ocrtable rebuilds task tables from OCR text without positions, where
// the table's columns come interleaved line by line.
package ocrtable

import "github.com/kehoach/kehoach/parser/layout"

// Tables fills Page.Tables from the document's lines.
func Tables(doc *layout.Doc) {}
