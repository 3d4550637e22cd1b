// Package ocr reads scanned pages with tesseract: it rasterises PDF pages
// with pdftoppm and reads tesseract's TSV word boxes into layout pages.
package ocr

import (
	"context"
	"errors"

	"github.com/kehoach/kehoach/parser/layout"
)

// Available reports whether tesseract (with its Vietnamese model) and
// pdftoppm are installed.
func Available() error { return errors.New("OCR is not supported yet") }

// ReadPDF rasterises and reads the given 1-based pages of a PDF.
func ReadPDF(ctx context.Context, pdf []byte, pages []int) ([]layout.Page, error) {
	return nil, errors.New("OCR is not supported yet")
}
