// Package docx reads Word documents (DOCX directly; DOC, ODT and RTF through
// LibreOffice) into a layout.Doc with the tables as the document states them.
//
// The reader keeps what a plan's register depends on: the paragraphs in
// order, the tables with their merged cells (gridSpan, vMerge) and header
// rows (tblHeader), each cell's Word paragraphs, automatic numbering (the
// STT column is often numbered by Word, not typed), and text typed in the
// legacy Vietnamese fonts (.VnTime, VNI-Times), decoded run by run.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/kehoach/kehoach/parser/layout"
)

// Limits that keep a hostile archive from exhausting memory.
const (
	// MaxUnpacked bounds the bytes decompressed from one archive.
	MaxUnpacked = 200 << 20
	// MaxEntries bounds the number of files in the archive.
	MaxEntries = 10000
	// MaxRatio bounds how many times larger than its compressed size a
	// large part may grow; real documents stay far below it.
	MaxRatio = 200
	// MaxDepth bounds the nesting of tables and other containers.
	MaxDepth = 64
)

// Error is a document the reader cannot read, with a hint for the user.
type Error struct {
	Reason string // lower case, no full stop
	hint   string
	Err    error
}

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

// Hint says what the user can do about the error.
func (e *Error) Hint() string { return e.hint }

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// ErrBomb is wrapped by errors for archives that decompress to more than
// the reader allows.
var ErrBomb = errors.New("archive decompresses to more than allowed")

func damaged(err error) *Error {
	return &Error{
		Reason: "the Word document is damaged: " + err.Error(),
		hint:   "the file may be cut short or corrupt; download it again, or open it in Word and save it again",
		Err:    err,
	}
}

func bomb(part string, err error) *Error {
	return &Error{
		Reason: fmt.Sprintf("the archive is suspicious: %s decompresses to more than %d MB", part, MaxUnpacked>>20),
		hint:   "this is not an ordinary Word document; if it is one, save it again in Word",
		Err:    err,
	}
}

// Main-part content relationships.
const (
	relOfficeDoc       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relOfficeDocStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
)

// Read reads a DOCX file. An OpenDocument text (.odt) given here is passed
// to Convert.
func Read(r io.ReaderAt, size int64, name string) (*layout.Doc, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Error{
			Reason: "not a readable Word document: the zip archive is damaged or cut short (" + err.Error() + ")",
			hint:   "download the file again, or open it in Word and save it again",
			Err:    err,
		}
	}
	if len(zr.File) > MaxEntries {
		return nil, bomb(fmt.Sprintf("%d files", len(zr.File)), ErrBomb)
	}
	a := &archive{files: map[string]*zip.File{}, left: MaxUnpacked}
	for _, f := range zr.File {
		// Some writers store Windows paths (word\document.xml).
		a.files[strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")] = f
	}
	if f := a.files["mimetype"]; f != nil {
		mt, err := a.read("mimetype")
		if err == nil && bytes.HasPrefix(mt, []byte("application/vnd.oasis.opendocument")) {
			if !bytes.HasSuffix(bytes.TrimSpace(mt), []byte(".text")) {
				return nil, &Error{Reason: "an OpenDocument file that is not a text document (" + string(bytes.TrimSpace(mt)) + ")",
					hint: "kehoach reads plans as text documents, PDF or HTML"}
			}
			data, err := readAll(r, size)
			if err != nil {
				return nil, damaged(err)
			}
			return Convert(context.Background(), data, name)
		}
	}
	main := a.mainPart()
	if main == "" {
		switch {
		case a.files["xl/workbook.xml"] != nil:
			return nil, &Error{Reason: "not a Word document: it is an Excel workbook", hint: "save the plan as DOCX or PDF"}
		case a.files["ppt/presentation.xml"] != nil:
			return nil, &Error{Reason: "not a Word document: it is a PowerPoint presentation", hint: "save the plan as DOCX or PDF"}
		}
		return nil, &Error{Reason: "not a Word document: the archive has no word/document.xml",
			hint: "kehoach reads DOCX files saved by Word or LibreOffice"}
	}
	st := &styles{byID: map[string]*style{}}
	if p := path.Join(path.Dir(main), "styles.xml"); a.files[p] != nil {
		if data, err := a.read(p); err == nil {
			st = parseStyles(data)
		} else if errors.Is(err, ErrBomb) {
			return nil, bomb(p, err)
		}
	}
	nb := &numbering{}
	if p := path.Join(path.Dir(main), "numbering.xml"); a.files[p] != nil {
		if data, err := a.read(p); err == nil {
			nb = parseNumbering(data)
		} else if errors.Is(err, ErrBomb) {
			return nil, bomb(p, err)
		}
	}
	rc, err := a.open(main)
	if err != nil {
		if errors.Is(err, ErrBomb) {
			return nil, bomb(main, err)
		}
		return nil, damaged(err)
	}
	defer rc.Close()
	blocks, err := parseDocument(rc, st, nb)
	if err != nil {
		var e *Error
		switch {
		case errors.As(err, &e):
			return nil, e
		case errors.Is(err, ErrBomb):
			return nil, bomb(main, err)
		}
		return nil, damaged(fmt.Errorf("%s: %w", main, err))
	}
	doc := toLayout(blocks, name)
	if !doc.HasText() {
		return nil, &Error{Reason: "the Word document has no text",
			hint: "if its pages are scanned images, save it as PDF and let kehoach read it with OCR"}
	}
	return doc, nil
}

func readAll(r io.ReaderAt, size int64) ([]byte, error) {
	buf := make([]byte, size)
	_, err := r.ReadAt(buf, 0)
	if err == io.EOF {
		err = nil
	}
	return buf, err
}

// archive reads parts of a zip under one decompression budget.
type archive struct {
	files map[string]*zip.File
	left  int64 // bytes that may still be decompressed
}

// mainPart finds the document's main part through the package
// relationships, falling back on the usual name.
func (a *archive) mainPart() string {
	if data, err := a.read("_rels/.rels"); err == nil {
		for _, rel := range parseRels(data) {
			if rel.Type == relOfficeDoc || rel.Type == relOfficeDocStrict {
				p := strings.TrimPrefix(path.Clean("/"+rel.Target), "/")
				if a.files[p] != nil {
					return p
				}
			}
		}
	}
	if a.files["word/document.xml"] != nil {
		return "word/document.xml"
	}
	return ""
}

// open opens a part for streaming, its size bounded by the budget.
func (a *archive) open(name string) (io.ReadCloser, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("%s is missing", name)
	}
	if f.UncompressedSize64 > uint64(a.left) {
		return nil, ErrBomb
	}
	if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/max(f.CompressedSize64, 1) > MaxRatio {
		return nil, ErrBomb
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &bounded{r: rc, c: rc, a: a}, nil
}

// read reads a whole part.
func (a *archive) read(name string) ([]byte, error) {
	rc, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// bounded counts what it reads against the archive's budget, so a part
// whose header lies about its size is still stopped.
type bounded struct {
	r io.Reader
	c io.Closer
	a *archive
}

func (b *bounded) Read(p []byte) (int, error) {
	if b.a.left <= 0 {
		// The budget is spent: only a clean end of the part is allowed.
		var one [1]byte
		if m, err := b.r.Read(one[:]); m > 0 || (err != nil && err != io.EOF) {
			return 0, ErrBomb
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.a.left {
		p = p[:b.a.left]
	}
	n, err := b.r.Read(p)
	b.a.left -= int64(n)
	return n, err
}

func (b *bounded) Close() error { return b.c.Close() }
