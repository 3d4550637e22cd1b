package parser

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize/repair"
	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser/docx"
	"github.com/kehoach/kehoach/parser/geom"
	"github.com/kehoach/kehoach/parser/htmlread"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/ocr"
	"github.com/kehoach/kehoach/parser/pdfread"
	"github.com/kehoach/kehoach/parser/textread"
)

// sniff names the format of data by its content, falling back on the
// file's extension only where the content does not tell.
func sniff(data []byte, name string) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.HasPrefix(bytes.TrimLeft(head, "\x00\t\r\n "), []byte("%PDF")) || bytes.Contains(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip"
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "ole"
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return "rtf"
	}
	lower := strings.ToLower(string(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")))
	if strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") ||
		(strings.HasPrefix(lower, "<") && (strings.Contains(lower, "<table") || strings.Contains(lower, "<body") || strings.Contains(lower, "<div") || strings.Contains(lower, "<p"))) {
		return "html"
	}
	if looksBinary(data) && !vnenc.LooksUTF16(data) {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".pdf":
			return "pdf" // a PDF whose header is damaged: let the reader say why
		case ".docx":
			return "zip"
		}
		return "binary"
	}
	return "text"
}

// looksBinary reports whether data holds control bytes that no text file
// of any encoding the toolkit reads would hold.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	bad := 0
	for _, c := range sample {
		if c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) {
			bad++
		}
	}
	if bytes.HasPrefix(sample, []byte("\xff\xfe")) || bytes.HasPrefix(sample, []byte("\xfe\xff")) {
		return false // UTF-16 with a byte-order mark
	}
	return bad > len(sample)/100+1
}

// read runs the reader for the input's format.
func read(data []byte, name string, o *options) (*layout.Doc, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, inputErr(name, "file is empty", "check that the download or copy finished", nil)
	}
	format := o.format
	if format == "" {
		format = sniff(data, name)
	}
	switch format {
	case "pdf":
		doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			return nil, readerErr(name, err)
		}
		if o.ocr != Never {
			if err := ocrPages(doc, data, name, o); err != nil {
				return nil, err
			}
		}
		return doc, nil
	case "zip", "docx":
		doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			return nil, readerErr(name, err)
		}
		return doc, nil
	case "ole", "rtf", "odt":
		doc, err := docx.Convert(o.ctx, data, name)
		if err != nil {
			return nil, readerErr(name, err)
		}
		return doc, nil
	case "html":
		text, err := vnenc.Decode(data)
		if err != nil {
			return nil, readerErr(name, err)
		}
		doc, err := htmlread.Read(strings.NewReader(text), name)
		if err != nil {
			return nil, readerErr(name, err)
		}
		return doc, nil
	case "text":
		text, err := vnenc.Decode(data)
		if err != nil {
			return nil, readerErr(name, err)
		}
		if !utf8.ValidString(text) {
			return nil, inputErr(name, "text is not in an encoding kehoach reads", "save the file as UTF-8", nil)
		}
		return textread.Read(text, name), nil
	}
	return nil, inputErr(name, "not a plan document kehoach can read (binary data of an unknown kind)",
		"kehoach reads PDF, DOCX, DOC, ODT, RTF, HTML and plain text", nil)
}

// ocrPages reads with tesseract the pages of a PDF that have no text layer
// (or every page, with OCR Always). With OCR Auto it also reads again the
// pages whose text layer reads like OCR made without a Vietnamese model
// (marks lost or misread: repair.Needed), where tesseract and its
// Vietnamese model are installed: reading the page image with the right
// model restores far more than repairing the layer's text can (cells the
// English model turned into noise). Where they are not installed, those
// pages keep their layer, which the repair stage restores.
func ocrPages(doc *layout.Doc, data []byte, name string, o *options) error {
	var blank, foreign []int
	for _, p := range doc.Pages {
		switch {
		case o.ocr == Always || pageIsEmpty(p):
			blank = append(blank, p.Number)
		case o.ocr == Auto && foreignOCR(p):
			foreign = append(foreign, p.Number)
		}
	}
	if len(blank) == 0 && len(foreign) == 0 {
		return nil
	}
	if err := ocr.Available(); err != nil {
		if len(blank) == 0 || (o.ocr == Auto && len(blank) < len(doc.Pages)) {
			return nil // some pages have text: read those, skip the scans
		}
		return inputErr(name, "the PDF is a scan without a text layer and no OCR engine is installed",
			"install tesseract: sudo apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils (or run make deps)", err)
	}
	if len(blank) > 0 {
		got, err := ocr.ReadPDF(o.ctx, data, blank)
		if err != nil {
			return readerErr(name, err)
		}
		replacePages(doc, got)
		markOCR(doc, len(got))
	}
	if len(foreign) > 0 {
		got, err := ocr.ReadPDF(o.ctx, data, foreign)
		switch {
		case err != nil && o.ctx.Err() != nil:
			return readerErr(name, err)
		case err != nil:
			// the layer is still there: repair restores it
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("%s: lớp chữ do OCR không có mô hình tiếng Việt tạo ra, không đọc lại được từ ảnh trang (%v); đã khôi phục dấu trên lớp chữ",
				pageList(foreign), err))
		case tableRows(got, "ocr") < tableRows(layerPages(doc, foreign), doc.Kind):
			// the layer's positions are sound even where its words are
			// not: keep it when the image read finds fewer task rows
		default:
			replacePages(doc, got)
			markOCR(doc, len(got))
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("%s: lớp chữ do OCR không có mô hình tiếng Việt tạo ra; đã đọc lại từ ảnh trang bằng tesseract tiếng Việt (--ocr never giữ lớp chữ)",
				pageList(foreign)))
		}
	}
	return nil
}

// markOCR makes the document's kind "ocr" when OCR read every page of
// it; a PDF read by OCR in part stays a PDF, whose OCR'd pages tell
// themselves by their words' confidences.
func markOCR(doc *layout.Doc, read int) {
	if read == len(doc.Pages) {
		doc.Kind = "ocr"
	}
}

// replacePages puts OCR'd pages in place of the document's pages of the
// same numbers.
func replacePages(doc *layout.Doc, got []layout.Page) {
	for _, p := range got {
		for i := range doc.Pages {
			if doc.Pages[i].Number == p.Number {
				doc.Pages[i] = p
			}
		}
	}
}

// layerPages returns the document's pages of the given numbers.
func layerPages(doc *layout.Doc, numbers []int) []layout.Page {
	var out []layout.Page
	for _, n := range numbers {
		for _, p := range doc.Pages {
			if p.Number == n {
				out = append(out, p)
			}
		}
	}
	return out
}

// tableRows counts the body rows of the task tables (a header that names
// the task's content and its lead or deadline) that geometry finds on
// pages, read as a document of the given kind; the pages are left as
// they are.
func tableRows(pages []layout.Page, kind string) int {
	d := &layout.Doc{Kind: kind, Pages: make([]layout.Page, len(pages))}
	for i, p := range pages {
		p.Lines = append([]layout.Line(nil), p.Lines...)
		for li := range p.Lines {
			p.Lines[li].Words = append([]layout.Word(nil), p.Lines[li].Words...)
		}
		p.Tables = slices.Clone(p.Tables) // as the reader states them
		d.Pages[i] = p
	}
	geom.Tables(d)
	n := 0
	for _, p := range d.Pages {
		for _, t := range p.Tables {
			grid := t.Grid()
			if _, body, ok := findHeader(grid); ok {
				n += len(grid) - body
			}
		}
	}
	return n
}

// foreignOCR reports whether a page's text layer reads like OCR made
// without a Vietnamese model: Vietnamese syllables once unmarked, but their
// marks lost or misread.
func foreignOCR(p layout.Page) bool {
	return repair.Needed(p.Text())
}

// pageList names pages for a warning: "trang 3", "trang 1–5", "trang 1, 3".
func pageList(pages []int) string {
	if len(pages) == 1 {
		return "trang " + strconv.Itoa(pages[0])
	}
	run := true
	for i := 1; i < len(pages); i++ {
		run = run && pages[i] == pages[i-1]+1
	}
	if run {
		return fmt.Sprintf("trang %d–%d", pages[0], pages[len(pages)-1])
	}
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = strconv.Itoa(p)
	}
	return "trang " + strings.Join(s, ", ")
}

// pageIsEmpty reports whether a page has no text.
func pageIsEmpty(p layout.Page) bool {
	for _, l := range p.Lines {
		if strings.TrimSpace(l.Text) != "" {
			return false
		}
	}
	return len(p.Tables) == 0
}

// readerErr turns a reader's error into an *InputError naming the file.
func readerErr(name string, err error) error {
	if ie, ok := err.(*InputError); ok {
		return ie
	}
	hint := ""
	if h, ok := err.(interface{ Hint() string }); ok {
		hint = h.Hint()
	}
	return inputErr(name, err.Error(), hint, err)
}
