package ocr

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/kehoach/kehoach/parser/layout"
)

// RulesDPI is the resolution pages are rasterised at to find ruling lines
// alone: borders are long and at least half a point thick, so a coarse
// raster finds them, fast.
const RulesDPI = 150

// PageRules finds the ruling lines (table borders) drawn in the images of
// the given 1-based PDF pages, all of them when pages is empty, in points
// from the top-left corner: one slice per page, in the order asked. It is
// for PDFs whose text layer lies over a scan (an OCR layer): the text
// layer has the words and their positions but the borders are only pixels
// of the image. It needs pdftoppm alone (poppler-utils), not tesseract.
func PageRules(ctx context.Context, pdf []byte, pages []int) ([][]layout.Rule, error) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return nil, &MissingError{What: "pdftoppm"}
	}
	dir, in, pages, err := stagePDF(ctx, pdf, pages, "kehoach-rules-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := make([][]layout.Rule, len(pages))
	_, err = parallel(ctx, len(pages), func(ctx context.Context, i int) (layout.Page, error) {
		p := pages[i]
		base := filepath.Join(dir, "p"+strconv.Itoa(i))
		n := strconv.Itoa(p)
		if _, err := run(ctx, "pdftoppm", "-r", strconv.Itoa(RulesDPI), "-gray", "-f", n, "-l", n, "-singlefile", in, base); err != nil {
			return layout.Page{}, fmt.Errorf("page %d: %w", p, err)
		}
		defer os.Remove(base + ".pgm")
		g, err := readPGM(base + ".pgm")
		if err != nil {
			return layout.Page{}, fmt.Errorf("page %d: %w", p, err)
		}
		hor, ver := findRules(g, RulesDPI)
		out[i] = layoutRules(hor, ver, RulesDPI)
		return layout.Page{}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
