// Package pdfread reads the text layer of PDF files into a layout.Doc: every
// word with its position, and the ruling lines of tables.
//
// It opens files with github.com/ledongthuc/pdf (objects, streams,
// encryption) but runs its own content-stream interpreter over them, since
// the library's text extraction loses glyph widths of CID fonts, decodes wide
// ToUnicode ranges wrongly, appends stray characters after TJ and reports no
// line segments. Pages are read one at a time; only their words and rules are
// kept, so memory grows with the text, not with the file.
package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/kehoach/kehoach/parser/layout"
)

// EncryptedError reports a PDF that is protected by a password other than
// the empty one, or by an encryption method the reader does not support.
type EncryptedError struct {
	Err error // the library's error
}

// Error says that the file is encrypted, and how when it is not the
// password.
func (e *EncryptedError) Error() string {
	if e.Err != nil && (strings.Contains(e.Err.Error(), "256-bit") || strings.Contains(e.Err.Error(), "V=5") || strings.Contains(e.Err.Error(), "R=6")) {
		return "the PDF is encrypted with AES-256, which kehoach cannot decrypt"
	}
	if e.Err != nil && !errors.Is(e.Err, pdf.ErrInvalidPassword) {
		return fmt.Sprintf("the PDF is encrypted (%s)", shorten(strings.TrimPrefix(e.Err.Error(), "malformed PDF: ")))
	}
	return "the PDF is encrypted with a password"
}

// Unwrap returns the library's error.
func (e *EncryptedError) Unwrap() error { return e.Err }

// Hint says how to get a readable copy.
func (e *EncryptedError) Hint() string {
	return "save an unprotected copy (qpdf --decrypt --password=PASSWORD in.pdf out.pdf, or print to PDF from a viewer) and parse that"
}

// CorruptError reports a PDF that is damaged: truncated, with a broken
// cross-reference table, or with a page that cannot be interpreted. Page is
// the 1-based page where reading failed, 0 when the file as a whole is bad.
type CorruptError struct {
	Page int
	Err  error
}

// Error names the page where reading failed, and why.
func (e *CorruptError) Error() string {
	msg := "corrupt PDF"
	if e.Page > 0 {
		msg += fmt.Sprintf(", page %d", e.Page)
	}
	if e.Err != nil {
		msg += ": " + shorten(strings.TrimPrefix(strings.TrimPrefix(e.Err.Error(), "malformed PDF: "), "malformed PDF file: "))
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *CorruptError) Unwrap() error { return e.Err }

// Hint says how to get a readable copy.
func (e *CorruptError) Hint() string {
	return "the file is damaged or incomplete: download or export it again, or repair it with qpdf in.pdf fixed.pdf"
}

// maxPages bounds the page tree walk, so that a hostile file with a cyclic
// or exploding page tree cannot run for ever.
const maxPages = 100000

// Read reads the text layer of the PDF in r (size bytes) page by page. Pages
// without text (scans) come back with no Lines, so the caller can OCR them.
// Every panic inside the PDF library is recovered and returned as a
// *CorruptError naming the page; an encrypted file gives an *EncryptedError.
//
// A file whose cross-reference table is missing, garbled or off (cut short,
// edited by a tool, sent through a line-ending conversion) is read again
// with a table rebuilt from the objects found in it, as viewers do.
func Read(r io.ReaderAt, size int64, name string) (*layout.Doc, error) {
	doc, err := read(r, size, name)
	var bad *CorruptError
	if err != nil && errors.As(err, &bad) {
		if fixed := rebuild(r, size); fixed != nil {
			if doc2, err2 := read(bytes.NewReader(fixed), int64(len(fixed)), name); err2 == nil {
				return doc2, nil
			}
		}
	}
	return doc, err
}

// read reads the file as it is.
func read(r io.ReaderAt, size int64, name string) (doc *layout.Doc, err error) {
	rd, err := open(r, size)
	if err != nil {
		return nil, err
	}
	pages, err := pageList(rd)
	if err != nil {
		return nil, err
	}
	doc = &layout.Doc{Name: name, Kind: "pdf"}
	fonts := newFontCache()
	var scratch []glyph // reused from page to page
	for i, pg := range pages {
		p, err := readPage(pg, i+1, fonts, &scratch)
		if err != nil {
			return nil, err
		}
		doc.Pages = append(doc.Pages, p)
	}
	return doc, nil
}

// open opens the file with the library, accepting PDF 2.0 and other header
// variants and trailing bytes after %%EOF, and trying the empty password.
func open(r io.ReaderAt, size int64) (rd *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			rd, err = nil, &CorruptError{Err: fmt.Errorf("%v", x)}
		}
	}()
	if size < 16 {
		return nil, &CorruptError{Err: errors.New("file too short to be a PDF")}
	}
	head := make([]byte, 1024)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if !bytes.HasPrefix(head, []byte("%PDF-")) {
		return nil, &CorruptError{Err: errors.New("no %PDF header")}
	}
	pr := &patchedReader{r: r, size: size}
	// The library insists on "%PDF-1.[0-7]" followed by an end of line.
	if !bytes.HasPrefix(head, []byte("%PDF-1.")) || head[7] < '0' || head[7] > '7' || (head[8] != '\r' && head[8] != '\n') {
		pr.head = []byte("%PDF-1.7\n")
	}
	// ... and on %%EOF within the last 100 bytes: cut trailing junk.
	tail := int64(4096)
	if tail > size {
		tail = size
	}
	tb := make([]byte, tail)
	n, _ = r.ReadAt(tb, size-tail)
	tb = tb[:n]
	if i := bytes.LastIndex(tb, []byte("%%EOF")); i >= 0 {
		pr.size = size - tail + int64(i) + 5
	} else {
		return nil, &CorruptError{Err: errors.New("truncated: no %%EOF at the end of the file")}
	}
	rd, err = pdf.NewReaderEncrypted(pr, pr.size, nil)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt") {
			return nil, &EncryptedError{Err: err}
		}
		return nil, &CorruptError{Err: err}
	}
	return rd, nil
}

// patchedReader presents a file with its header replaced and its size cut at
// the last %%EOF, without copying it.
type patchedReader struct {
	r    io.ReaderAt
	size int64
	head []byte
}

func (p *patchedReader) ReadAt(b []byte, off int64) (int, error) {
	if off >= p.size {
		return 0, io.EOF
	}
	want := len(b)
	if int64(want) > p.size-off {
		b = b[:p.size-off]
	}
	n, err := p.r.ReadAt(b, off)
	for i := 0; i < n; i++ {
		if k := off + int64(i); k < int64(len(p.head)) {
			b[i] = p.head[k]
		}
	}
	if n == len(b) && n < want {
		err = io.EOF
	} else if err == io.EOF && n == want {
		err = nil
	}
	return n, err
}

// pageRef is one page with the attributes it inherits from the page tree.
type pageRef struct {
	v         pdf.Value
	resources pdf.Value
	box       [4]float64 // crop box (or media box): x0 y0 x1 y1
	rotate    int
}

// pageList walks the page tree, with a depth and count limit so that cyclic
// trees end.
func pageList(rd *pdf.Reader) (pages []pageRef, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, &CorruptError{Err: fmt.Errorf("page tree: %v", x)}
		}
	}()
	root := rd.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, &CorruptError{Err: errors.New("no page tree")}
	}
	visits := 0
	var walk func(v pdf.Value, inh pageRef, depth int)
	walk = func(v pdf.Value, inh pageRef, depth int) {
		visits++
		if depth > 64 || visits > maxPages {
			return
		}
		if r := v.Key("Resources"); !r.IsNull() {
			inh.resources = r
		}
		if b, ok := rect(v.Key("MediaBox")); ok {
			inh.box = b
		}
		if b, ok := rect(v.Key("CropBox")); ok {
			inh.box = b
		}
		if r := v.Key("Rotate"); !r.IsNull() {
			inh.rotate = int(r.Int64())
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.IsNull() && !v.Key("Contents").IsNull()) {
			inh.v = v
			pages = append(pages, inh)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), inh, depth+1)
		}
	}
	walk(root, pageRef{box: [4]float64{0, 0, 595.28, 841.89}}, 0)
	if visits > maxPages {
		return nil, &CorruptError{Err: errors.New("page tree too large or cyclic")}
	}
	return pages, nil
}

// rect reads a rectangle array, normalised so that x0<x1 and y0<y1.
func rect(v pdf.Value) ([4]float64, bool) {
	var b [4]float64
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return b, false
	}
	for i := range b {
		b[i] = v.Index(i).Float64()
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	if b[2]-b[0] < 1 || b[3]-b[1] < 1 {
		return b, false
	}
	return b, true
}

// readPage interprets one page and builds its lines and rules.
func readPage(pg pageRef, num int, fonts *fontCache, scratch *[]glyph) (page layout.Page, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = &CorruptError{Page: num, Err: fmt.Errorf("%v", x)}
		}
	}()
	w, h := pg.box[2]-pg.box[0], pg.box[3]-pg.box[1]
	rot := ((pg.rotate % 360) + 360) % 360
	var m matrix
	switch rot {
	case 90:
		m = matrix{0, 1, 1, 0, -pg.box[1], -pg.box[0]}
		w, h = h, w
	case 180:
		m = matrix{-1, 0, 0, 1, pg.box[2], -pg.box[1]}
	case 270:
		m = matrix{0, -1, -1, 0, pg.box[3], pg.box[2]}
		w, h = h, w
	default:
		m = matrix{1, 0, 0, -1, -pg.box[0], pg.box[3]}
	}
	in := &interp{fonts: fonts, page: num, glyphs: (*scratch)[:0]}
	in.run(pg.v.Key("Contents"), pg.resources, m)
	// Text that runs down, up or right to left on the page as displayed:
	// a page whose /Rotate turns its text sideways (or content drawn
	// turned). Read it the way its text runs.
	if t := in.turned; t[0]+t[1]+t[2] > in.upright {
		turn := matrix{0, -1, 1, 0, 0, w} // text running down → left to right
		nw, nh := h, w
		switch {
		case t[1] > t[0] && t[1] > t[2]:
			turn, nw, nh = matrix{-1, 0, 0, -1, w, h}, w, h
		case t[2] > t[0]:
			turn = matrix{0, 1, -1, 0, h, 0}
		}
		in = &interp{fonts: fonts, page: num, glyphs: in.glyphs[:0]}
		in.run(pg.v.Key("Contents"), pg.resources, m.mul(turn))
		w, h = nw, nh
	}
	page = layout.Page{Number: num, Width: w, Height: h}
	// Text drawn off the page (outside its crop box) is not shown.
	kept := in.glyphs[:0]
	for _, g := range in.glyphs {
		if g.x+g.w >= -1 && g.x <= w+1 && g.y >= -1 && g.y <= h+g.size {
			kept = append(kept, g)
		}
	}
	in.glyphs = kept
	page.Lines = append(buildLines(in.glyphs), buildVertical(in.vglyphs, len(page.Lines))...)
	for i := range page.Lines {
		page.Lines[i].Num = i + 1
	}
	page.Rules = in.rules
	*scratch = in.glyphs
	return page, nil
}

// shorten cuts a library message that quotes file content.
func shorten(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}
