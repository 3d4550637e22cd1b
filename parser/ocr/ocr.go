// Package ocr reads scanned pages with tesseract: it rasterises PDF pages
// with pdftoppm and reads tesseract's TSV word boxes into layout pages.
//
// The engines are external programs from Debian's packages tesseract-ocr,
// tesseract-ocr-vie and poppler-utils. Each page is one pdftoppm run (300
// dpi grey) and tesseract runs, single-threaded (OMP_THREAD_LIMIT=1), and
// pages run in parallel up to GOMAXPROCS: on a multi-page scan that is
// faster than tesseract's own OpenMP threads. Before tesseract reads a page
// the ruling lines are found in the image (they become the page's Rules)
// and taken out, and the cells of a ruled table are read apart from the rest
// of the page, so a task table comes back cell by cell, row by row, instead
// of its columns run together line by line. A ruled grid found whole is
// stated as the page's table (Page.Tables), joined with the table of the
// page before when it goes on from it; the cells of any other grid come
// back as lines, for the geometry stage. A column of row numbers whose
// cell reads as letters ("H" for a 7) has it read again as digits. Every
// call works in a private
// temporary directory that it removes, and cancelling the context kills the
// child processes.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // scans as JPEG
	_ "image/png"  // scans as PNG
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
	found := false
	for _, l := range strings.Split(string(out), "\n") {
		switch strings.TrimSpace(l) {
		case Lang:
			found = true
		case digitsLang:
			hasDigitsLang = true
		}
	}
	if !found {
		return &MissingError{What: "tesseract's Vietnamese model (" + Lang + ")"}
	}
	return nil
}

// digitsLang is the model row numbers are read again with: tesseract's
// Vietnamese model reads a lone digit as a letter now and then ("Đ" for a
// clean 5), the English one, installed with tesseract-ocr, does not.
const digitsLang = "eng"

// hasDigitsLang is set by check when digitsLang is installed; read it
// through digitsModel.
var hasDigitsLang bool

// digitsModel is the model to read row numbers with: digitsLang where it
// is installed, else Lang.
func digitsModel() string {
	if available() == nil && hasDigitsLang {
		return digitsLang
	}
	return Lang
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
	dir, in, pages, err := stagePDF(ctx, pdf, pages, "kehoach-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	got, err := parallel(ctx, len(pages), func(ctx context.Context, i int) (layout.Page, error) {
		p := pages[i]
		base := filepath.Join(dir, "p"+strconv.Itoa(i))
		n := strconv.Itoa(p)
		if _, err := run(ctx, "pdftoppm", "-r", strconv.Itoa(DPI), "-gray", "-f", n, "-l", n, "-singlefile", in, base); err != nil {
			return layout.Page{}, fmt.Errorf("page %d: %w", p, err)
		}
		img := base + ".pgm"
		defer os.Remove(img)
		defer os.Remove(base + ".cells.pgm")
		page, err := readPage(ctx, img, base+".cells.pgm", DPI)
		if err != nil {
			return layout.Page{}, fmt.Errorf("page %d: %w", p, err)
		}
		page.Number = p
		return page, nil
	})
	if err != nil {
		return nil, err
	}
	joinContinued(got)
	return got, nil
}

// stagePDF writes pdf to a new temporary folder for poppler's tools and
// completes the list of pages to read: every page when pages is empty.
// The caller removes dir.
func stagePDF(ctx context.Context, pdf []byte, pages []int, prefix string) (dir, in string, _ []int, err error) {
	for _, p := range pages {
		if p < 1 {
			return "", "", nil, fmt.Errorf("page %d: pages are numbered from 1", p)
		}
	}
	dir, err = os.MkdirTemp("", prefix)
	if err != nil {
		return "", "", nil, err
	}
	in = filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", "", nil, err
	}
	if len(pages) == 0 {
		n, err := pageCount(ctx, in)
		if err != nil {
			os.RemoveAll(dir)
			return "", "", nil, err
		}
		for p := 1; p <= n; p++ {
			pages = append(pages, p)
		}
	}
	return dir, in, pages, nil
}

// ReadImage reads a scanned image (PNG, TIFF, JPEG, PNM; a multi-page TIFF
// gives one page per image). dpi is the scan's resolution, used to turn
// pixels into points; 0 takes it from the PNG, TIFF or JPEG header, else
// 300. PNG and JPEG pages get the same ruling-line and table-cell treatment
// as PDF pages; other formats are read by tesseract as they are.
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
	// PNG and JPEG are decoded here and read like a PDF page; other formats
	// (TIFF, multi-page TIFF, PNM…) go to tesseract as they are
	if g, err := decodeGray(img); err == nil {
		in := filepath.Join(dir, "in.pgm")
		if err := writePGM(in, g); err != nil {
			return nil, err
		}
		page, err := readPage(ctx, in, filepath.Join(dir, "cells.pgm"), dpi)
		if err != nil {
			return nil, err
		}
		page.Number = 1
		return []layout.Page{page}, nil
	}
	in := filepath.Join(dir, "in.img")
	if err := os.WriteFile(in, img, 0o600); err != nil {
		return nil, err
	}
	return tesseract(ctx, in, dpi)
}

// decodeGray decodes a PNG or JPEG image to 8-bit grey.
func decodeGray(b []byte) (*gray, error) {
	m, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := m.Bounds()
	g := &gray{w: r.Dx(), h: r.Dy(), pix: make([]byte, r.Dx()*r.Dy())}
	if gm, ok := m.(*image.Gray); ok {
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], gm.Pix[y*gm.Stride:])
		}
		return g, nil
	}
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			g.pix[y*g.w+x] = color.GrayModel.Convert(m.At(r.Min.X+x, r.Min.Y+y)).(color.Gray).Y
		}
	}
	return g, nil
}

// readPage reads one page image (an 8-bit PGM as pdftoppm -gray writes it):
// it finds the ruling lines and takes them out of the image, reads the
// cells of a ruled table apart (see readTable) and the rest of the page with
// tesseract's own layout analysis, cropped to its ink. Where the image
// cannot be read as PGM, tesseract reads it as it is and the page's rules
// are those tesseract reports.
func readPage(ctx context.Context, img, scratch string, dpi float64) (layout.Page, error) {
	g, err := readPGM(img)
	if err != nil {
		got, err := tesseract(ctx, img, dpi)
		if err != nil || len(got) == 0 {
			return layout.Page{}, err
		}
		return got[0], nil
	}
	k := 72 / dpi
	page := layout.Page{Width: float64(g.w) * k, Height: float64(g.h) * k}
	hor, ver := findRules(g, dpi)
	eraseRules(g, hor, ver)
	page.Rules = layoutRules(hor, ver, dpi)
	grid := gridCells(hor, ver, dpi)
	cells := inkedCells(g, grid, dpi)
	var noRules *gray // the page without its rules, cells included
	if len(cells) > 0 {
		noRules = &gray{w: g.w, h: g.h, pix: append([]byte(nil), g.pix...)}
		blankCells(g, cells)
	}
	// tesseract reads only the part of the page that holds ink: margins and
	// a table read apart cost it time, not text
	if box, ok := inkBox(g, int(dpi/10)); ok {
		if box != (cellBox{0, 0, g.w, g.h}) || len(hor)+len(ver) > 0 {
			if err := writePGM(img, g.crop(box)); err != nil {
				return layout.Page{}, err
			}
		}
		got, err := tesseract(ctx, img, dpi)
		if err != nil {
			return layout.Page{}, err
		}
		if len(got) > 0 {
			page.Lines = got[0].Lines
			shiftLines(page.Lines, float64(box.x0)*k, float64(box.y0)*k)
		}
	}
	if len(cells) > 0 {
		extra, err := readTable(ctx, noRules, cells, dpi, scratch)
		if err != nil {
			return layout.Page{}, err
		}
		if ts := gridTables(grid, cells, extra, dpi); ts != nil {
			stateTables(&page, ts, k)
		} else {
			insertLines(&page, extra)
		}
	}
	return page, nil
}

// shiftLines moves lines and their words by dx, dy points.
func shiftLines(lines []layout.Line, dx, dy float64) {
	if dx == 0 && dy == 0 {
		return
	}
	for i := range lines {
		l := &lines[i]
		l.X += dx
		l.Y += dy
		for j := range l.Words {
			l.Words[j].X += dx
			l.Words[j].Y += dy
		}
	}
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
