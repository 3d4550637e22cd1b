// Package htmlread reads HTML pages of legal databases into a layout.Doc,
// with their <table>s as stated.
package htmlread

import (
	"errors"
	"io"

	"github.com/kehoach/kehoach/parser/layout"
)

// Read reads an HTML page.
func Read(r io.Reader, name string) (*layout.Doc, error) {
	return nil, errors.New("HTML is not supported yet")
}
