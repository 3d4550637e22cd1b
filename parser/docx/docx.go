// Package docx reads Word documents (DOCX directly; DOC, ODT and RTF through
// LibreOffice) into a layout.Doc with the tables as the document states them.
package docx

import (
	"context"
	"errors"
	"io"

	"github.com/kehoach/kehoach/parser/layout"
)

// Read reads a DOCX file.
func Read(r io.ReaderAt, size int64, name string) (*layout.Doc, error) {
	return nil, errors.New("DOCX is not supported yet")
}

// Convert converts a legacy document with LibreOffice and reads it.
func Convert(ctx context.Context, data []byte, name string) (*layout.Doc, error) {
	return nil, errors.New("legacy Word files are not supported yet")
}
