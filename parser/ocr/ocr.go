// Package ocr reads scanned pages with tesseract: it rasterises PDF pages
// with pdftoppm and reads tesseract's TSV word boxes into layout pages.
//
// The engines are external programs from Debian's packages tesseract-ocr,
// tesseract-ocr-vie and poppler-utils. Each page is one pdftoppm and one
// tesseract process, single-threaded (OMP_THREAD_LIMIT=1), and pages run in
// parallel up to GOMAXPROCS: on a multi-page scan that is faster than
// tesseract's own OpenMP threads. Every call works in a private temporary
// directory that it removes, and cancelling the context kills the child
// processes.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/parser/layout"
)

// DPI is the resolution PDF pages are rasterised at for tesseract.
const DPI = 300

// Lang is the tesseract language model pages are read with.
const Lang = "vie"

// Packages names the Debian packages that provide the OCR engines.
const Packages = "tesseract-ocr tesseract-ocr-vie poppler-utils"

// MissingError reports that an OCR engine or its Vietnamese model is not
// installed.
type MissingError struct {
	What string // what is missing, e.g. "tesseract" or "tesseract's Vietnamese model (vie)"
}

func (e *MissingError) Error() string {
	return e.What + " is not installed: reading scans needs the Debian packages " + Packages
}

// Hint says what to do about it.
func (e *MissingError) Hint() string {
	return "sudo apt-get install " + Packages
}

var available = sync.OnceValue(check)

// check looks for the tools and the model on PATH.
func check() error {
	for _, tool := range []string{"tesseract", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return &MissingError{What: tool}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tesseract", "--list-langs").CombinedOutput()
	if err != nil {
		return fmt.Errorf("tesseract --list-langs: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.TrimSpace(l) == Lang {
			return nil
		}
	}
	return &MissingError{What: "tesseract's Vietnamese model (" + Lang + ")"}
}

// Available reports whether tesseract (with its Vietnamese model) and
// pdftoppm are installed. The error, a *MissingError when something is not
// installed, names the Debian packages to install. The answer is computed
// once per process.
func Available() error { return available() }

// ReadPDF rasterises and reads the given 1-based pages of a PDF, all of them
// when pages is empty. The result holds one layout.Page per requested page,
// in the order asked, with tesseract's lines and word boxes in points.
func ReadPDF(ctx context.Context, pdf []byte, pages []int) ([]layout.Page, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	return readPDF(ctx, pdf, pages)
}

// readPDF is ReadPDF without the check for the tools.
func readPDF(ctx context.Context, pdf []byte, pages []int) ([]layout.Page, error) {
	dir, err := os.MkdirTemp("", "kehoach-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		n, err := pageCount(ctx, in)
		if err != nil {
			return nil, err
		}
		for p := 1; p <= n; p++ {
			pages = append(pages, p)
		}
	}
	for _, p := range pages {
		if p < 1 {
			return nil, fmt.Errorf("page %d: pages are numbered from 1", p)
		}
	}
	return parallel(ctx, len(pages), func(ctx context.Context, i int) (layout.Page, error) {
		p := pages[i]
		base := filepath.Join(dir, "p"+strconv.Itoa(i))
		n := strconv.Itoa(p)
		if _, err := run(ctx, "pdftoppm", "-r", strconv.Itoa(DPI), "-gray", "-f", n, "-l", n, "-singlefile", in, base); err != nil {
			return layout.Page{}, fmt.Errorf("page %d: %w", p, err)
		}
		img := base + ".pgm"
		defer os.Remove(img)
		defer os.Remove(base + ".cells.pgm")
		page, err := readPage(ctx, img, base+".cells.pgm")
		if err != nil {
			return layout.Page{}, fmt.Errorf("page %d: %w", p, err)
		}
		page.Number = p
		return page, nil
	})
}

// ReadImage reads a scanned image (PNG, TIFF, JPEG, PNM; a multi-page TIFF
// gives one page per image). dpi is the scan's resolution, used to turn
// pixels into points; 0 takes it from the PNG or TIFF header, else 300.
func ReadImage(ctx context.Context, img []byte, dpi float64) ([]layout.Page, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	if dpi <= 0 {
		dpi = ImageDPI(img)
	}
	if dpi <= 0 {
		dpi = DPI
	}
	dir, err := os.MkdirTemp("", "kehoach-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.img")
	if err := os.WriteFile(in, img, 0o600); err != nil {
		return nil, err
	}
	return tesseract(ctx, in, dpi)
}

// readPage reads one page image (an 8-bit PGM as pdftoppm -gray writes it):
// it finds the ruling lines and takes them out of the image, reads the
// cells of a ruled table apart (see readTable) and the rest of the page with
// tesseract's own layout analysis. Where the image cannot be read as PGM,
// tesseract reads it as it is and the page's rules are those tesseract
// reports.
func readPage(ctx context.Context, img, scratch string) (layout.Page, error) {
	g, gerr := readPGM(img)
	var (
		hor, ver []ruleSeg
		cells    []cellBox
		noRules  *gray // the page without its rules, cells included
	)
	if gerr == nil {
		hor, ver = findRules(g, DPI)
		eraseRules(g, hor, ver)
		cells = inkedCells(g, gridCells(hor, ver, DPI), DPI)
		if len(cells) > 0 {
			noRules = &gray{w: g.w, h: g.h, pix: append([]byte(nil), g.pix...)}
			blankCells(g, cells)
		}
		if err := writePGM(img, g); err != nil {
			return layout.Page{}, err
		}
	}
	got, err := tesseract(ctx, img, DPI)
	if err != nil {
		return layout.Page{}, err
	}
	var page layout.Page
	if len(got) > 0 {
		page = got[0]
	}
	if gerr != nil {
		return page, nil
	}
	page.Rules = layoutRules(hor, ver, DPI)
	if len(cells) > 0 {
		extra, err := readTable(ctx, noRules, cells, DPI, scratch)
		if err != nil {
			return layout.Page{}, err
		}
		insertLines(&page, extra)
	}
	return page, nil
}

// tesseract reads one image file and parses its TSV.
func tesseract(ctx context.Context, img string, dpi float64) ([]layout.Page, error) {
	d := strconv.Itoa(int(dpi + 0.5))
	out, err := run(ctx, "tesseract", img, "-", "-l", Lang, "--dpi", d, "tsv")
	if err != nil {
		return nil, err
	}
	return ParseTSV(bytes.NewReader(out), dpi)
}

// pageCount asks pdfinfo (poppler-utils) how many pages a PDF has.
func pageCount(ctx context.Context, pdf string) (int, error) {
	out, err := run(ctx, "pdfinfo", pdf)
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, errors.New("pdfinfo: no page count")
}

// run runs a tool single-threaded and returns its standard output. When
// ctx ends the process is killed and ctx's error returned.
func run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		if msg != "" {
			return nil, fmt.Errorf("%s: %v: %s", name, err, msg)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return stdout.Bytes(), nil
}

// parallel runs job for 0..n-1 on up to GOMAXPROCS workers and returns the
// results in order. The first error cancels the jobs not yet finished.
func parallel(ctx context.Context, n int, job func(context.Context, int) (layout.Page, error)) ([]layout.Page, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]layout.Page, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = job(ctx, i)
				if errs[i] != nil {
					cancel()
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		// report the job's own failure rather than the cancellation it caused
		for _, e := range errs {
			if e != nil && !errors.Is(e, context.Canceled) {
				return nil, e
			}
		}
		if err := context.Cause(ctx); err != nil {
			return nil, err
		}
	}
	for _, e := range errs {
		if e != nil {
			return nil, e
		}
	}
	return out, nil
}
