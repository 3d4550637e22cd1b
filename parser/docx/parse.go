package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach/normalize/vnenc"
)

// The namespaces of WordprocessingML (transitional and strict) and of
// markup compatibility.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// block is a paragraph or a table of the document body or of a cell.
type block struct {
	p *para
	t *table
}

type para struct {
	text string // soft line breaks as "\n"
	bold bool
	num  int // 1-based paragraph index in the document
}

type table struct {
	rows []row
}

type row struct {
	header     bool
	gridBefore int
	gridAfter  int
	cells      []cell
	num        int // index of the paragraph before which the row starts
}

type cell struct {
	span   int
	vmerge string // "", "restart", "continue"
	hmerge string
	blocks []block
}

// segment is a run of text in one font.
type segment struct {
	text string
	font vnenc.Font
	bold bool
	caps bool
}

// parser walks document.xml.
type parser struct {
	dec    *xml.Decoder
	st     *styles
	nb     *numbering
	paras  int
	depth  int
	tokens int
}

var errDepth = &Error{Reason: "the Word document nests tables or fields deeper than kehoach reads",
	hint: "this is not an ordinary Word document; if it is one, save it again in Word"}

func parseDocument(r io.Reader, st *styles, nb *numbering) ([]block, error) {
	p := &parser{dec: xml.NewDecoder(r), st: st, nb: nb}
	p.dec.Strict = true
	var out []block
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			if out == nil {
				return nil, errors.New("no document body")
			}
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && isW(se.Name, "body") {
			bs, err := p.blocks(se.Name)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
			if out == nil {
				out = []block{}
			}
		}
	}
}

func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

// skipped lists block- and run-level elements whose content is not
// printed text: properties, deleted text, field codes, section settings.
var skipped = map[string]bool{
	"sectPr": true, "sdtPr": true, "sdtEndPr": true, "del": true, "moveFrom": true, "tblPr": true,
	"tblGrid": true, "trPr": true, "tcPr": true, "pPr": true, "rPr": true, "delText": true,
	"instrText": true, "delInstrText": true, "bookmarkStart": true, "bookmarkEnd": true,
	"commentRangeStart": true, "commentRangeEnd": true, "proofErr": true, "tblPrEx": true,
	"footnoteReference": true, "endnoteReference": true, "commentReference": true,
	"annotationRef": true, "lastRenderedPageBreak": true, "fldChar": true, "permStart": true, "permEnd": true,
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return errDepth
	}
	return nil
}

// blocks reads the paragraphs and tables of a container until its end.
func (p *parser) blocks(end xml.Name) ([]block, error) {
	var out []block
	err := p.children(end, func(t xml.StartElement) error {
		switch {
		case isW(t.Name, "p"):
			bs, err := p.paragraph(t.Name)
			out = append(out, bs...)
			return err
		case isW(t.Name, "tbl"):
			tb, err := p.table(t.Name)
			out = append(out, block{t: tb})
			return err
		case skipped[t.Name.Local] && (t.Name.Space == nsW || t.Name.Space == nsWStrict),
			t.Name.Space == nsMC && t.Name.Local == "Fallback":
			return p.dec.Skip()
		default:
			// Containers: sdt, sdtContent, customXml, ins, moveTo,
			// AlternateContent/Choice and the like.
			bs, err := p.blocks(t.Name)
			out = append(out, bs...)
			return err
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// children reads the content of an element up to its end tag, end,
// calling fn with each child element; fn reads the child whole (or skips
// it). Nesting deeper than MaxDepth is refused.
func (p *parser) children(end xml.Name, fn func(t xml.StartElement) error) error {
	if err := p.enter(); err != nil {
		return err
	}
	defer func() { p.depth-- }()
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name == end {
				return nil
			}
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// rPr is a run's or a style's character properties.
type rPr struct {
	Fonts *struct {
		ASCII string `xml:"ascii,attr"`
		HAnsi string `xml:"hAnsi,attr"`
	} `xml:"rFonts"`
	Bold   *onOff  `xml:"b"`
	Caps   *onOff  `xml:"caps"`
	Vanish *onOff  `xml:"vanish"`
	Style  *valStr `xml:"rStyle"`
}

type onOff struct {
	Val string `xml:"val,attr"`
}

func (o *onOff) on() bool {
	if o == nil {
		return false
	}
	switch o.Val {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

type valStr struct {
	Val string `xml:"val,attr"`
}

type pPr struct {
	Style *valStr `xml:"pStyle"`
	Num   *numPr  `xml:"numPr"`
	RPr   *rPr    `xml:"rPr"`
}

type numPr struct {
	Ilvl  *valStr `xml:"ilvl"`
	NumID *valStr `xml:"numId"`
}

// paragraph reads a <w:p>. Text boxes anchored in it come back as blocks
// after it.
func (p *parser) paragraph(end xml.Name) ([]block, error) {
	p.paras++
	pr := &para{num: p.paras}
	var props pPr
	var segs []segment
	var extra []block
	if err := p.inline(end, &props, &segs, &extra, nil); err != nil {
		return nil, err
	}
	pr.text, pr.bold = p.render(segs, props)
	return append([]block{{p: pr}}, extra...), nil
}

// inline reads the content of a paragraph (or of an element inside one)
// until end, collecting runs of text. run is the properties of the
// enclosing run, nil outside runs.
func (p *parser) inline(end xml.Name, props *pPr, segs *[]segment, extra *[]block, run *rPr) error {
	if err := p.enter(); err != nil {
		return err
	}
	defer func() { p.depth-- }()
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name == end {
				return nil
			}
		case xml.CharData:
			// Text is only inside <w:t> (handled below); stray character
			// data between elements is white space.
		case xml.StartElement:
			w := t.Name.Space == nsW || t.Name.Space == nsWStrict
			switch {
			case w && t.Name.Local == "pPr" && run == nil:
				if err := p.dec.DecodeElement(props, &t); err != nil {
					return err
				}
			case w && t.Name.Local == "r":
				r := &rPr{}
				if err := p.inline(t.Name, props, segs, extra, r); err != nil {
					return err
				}
			case w && t.Name.Local == "rPr" && run != nil:
				if err := p.dec.DecodeElement(run, &t); err != nil {
					return err
				}
			case t.Name.Local == "t" && (w || t.Name.Space == "http://schemas.openxmlformats.org/officeDocument/2006/math"):
				s, err := p.text(t.Name)
				if err != nil {
					return err
				}
				p.add(segs, s, run, props)
			case w && (t.Name.Local == "tab" || t.Name.Local == "ptab") && run != nil:
				p.add(segs, "\t", run, props)
				if err := p.dec.Skip(); err != nil {
					return err
				}
			case w && (t.Name.Local == "br" || t.Name.Local == "cr") && run != nil:
				// A page or column break moves the text, it does not
				// break a line of it.
				if !brPage(t) {
					p.add(segs, "\n", run, props)
				}
				if err := p.dec.Skip(); err != nil {
					return err
				}
			case w && t.Name.Local == "noBreakHyphen":
				p.add(segs, "-", run, props)
				if err := p.dec.Skip(); err != nil {
					return err
				}
			case w && t.Name.Local == "txbxContent":
				bs, err := p.blocks(t.Name)
				if err != nil {
					return err
				}
				*extra = append(*extra, bs...)
			case w && t.Name.Local == "p":
				// A paragraph inside a paragraph: malformed, but read it.
				bs, err := p.paragraph(t.Name)
				if err != nil {
					return err
				}
				*extra = append(*extra, bs...)
			case w && t.Name.Local == "tbl":
				tb, err := p.table(t.Name)
				if err != nil {
					return err
				}
				*extra = append(*extra, block{t: tb})
			case w && skipped[t.Name.Local], t.Name.Space == nsMC && t.Name.Local == "Fallback":
				if err := p.dec.Skip(); err != nil {
					return err
				}
			default:
				// hyperlink, smartTag, ins, fldSimple, sdt, drawing…
				if err := p.inline(t.Name, props, segs, extra, run); err != nil {
					return err
				}
			}
		}
	}
}

// text reads the character data of a <w:t>.
func (p *parser) text(end xml.Name) (string, error) {
	var b strings.Builder
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := p.dec.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			if t.Name == end {
				return b.String(), nil
			}
		}
	}
}

// add appends text in the run's effective font and weight.
func (p *parser) add(segs *[]segment, s string, run *rPr, props *pPr) {
	if run == nil {
		run = &rPr{}
	}
	if run.Vanish.on() {
		return
	}
	font, bold, caps := p.st.resolve(run, props)
	*segs = append(*segs, segment{text: s, font: vnenc.FontOf(font), bold: bold, caps: caps})
}

// render joins a paragraph's runs into its text, legacy-font runs decoded
// by their font, the numbering label in front.
func (p *parser) render(segs []segment, props pPr) (string, bool) {
	var b strings.Builder
	bold, any := true, false
	for i := 0; i < len(segs); {
		j := i
		var group strings.Builder
		for j < len(segs) && segs[j].font == segs[i].font && segs[j].caps == segs[i].caps {
			group.WriteString(segs[j].text)
			if strings.TrimSpace(segs[j].text) != "" {
				any = true
				bold = bold && segs[j].bold
			}
			j++
		}
		// Legacy-font runs are decoded by their font here; the others are
		// mended, where they hold mojibake, for the whole document at once
		// (mend).
		s := vnenc.DecodeFont(group.String(), segs[i].font)
		if segs[i].caps {
			s = strings.ToUpper(s)
		}
		b.WriteString(s)
		i = j
	}
	text := b.String()
	if label := p.label(props); label != "" {
		text = label + text
	}
	return text, any && bold
}

// label is the paragraph's automatic number, with the separator after it.
func (p *parser) label(props pPr) string {
	num := props.Num
	if num == nil && props.Style != nil {
		num = p.st.numPr(props.Style.Val)
	}
	if num == nil || num.NumID == nil {
		return ""
	}
	id := num.NumID.Val
	lvl := 0
	if num.Ilvl != nil {
		lvl, _ = strconv.Atoi(num.Ilvl.Val)
	}
	return p.nb.next(id, lvl)
}

type trPr struct {
	Header     *onOff  `xml:"tblHeader"`
	GridBefore *valStr `xml:"gridBefore"`
	GridAfter  *valStr `xml:"gridAfter"`
}

type tcPr struct {
	Span   *valStr `xml:"gridSpan"`
	VMerge *valStr `xml:"vMerge"`
	HMerge *valStr `xml:"hMerge"`
}

// table reads a <w:tbl>.
func (p *parser) table(end xml.Name) (*table, error) {
	tb := &table{}
	err := p.children(end, func(t xml.StartElement) error {
		switch {
		case isW(t.Name, "tr"):
			r, err := p.row(t.Name)
			tb.rows = append(tb.rows, r)
			return err
		case isW(t.Name, "tblPr"), isW(t.Name, "tblGrid"), t.Name.Space == nsMC && t.Name.Local == "Fallback":
			return p.dec.Skip()
		default:
			// sdt, customXml and the like around rows: read their rows.
			inner, err := p.table(t.Name)
			if inner != nil {
				tb.rows = append(tb.rows, inner.rows...)
			}
			return err
		}
	})
	if err != nil {
		return nil, err
	}
	return tb, nil
}

// row reads a <w:tr>.
func (p *parser) row(end xml.Name) (row, error) {
	r := row{num: p.paras + 1}
	err := p.children(end, func(t xml.StartElement) error {
		switch {
		case isW(t.Name, "trPr"):
			var pr trPr
			if err := p.dec.DecodeElement(&pr, &t); err != nil {
				return err
			}
			r.header = pr.Header.on()
			r.gridBefore = atoi(pr.GridBefore)
			r.gridAfter = atoi(pr.GridAfter)
			return nil
		case isW(t.Name, "tc"):
			c, err := p.cell(t.Name)
			r.cells = append(r.cells, c)
			return err
		case isW(t.Name, "tblPrEx"), t.Name.Space == nsMC && t.Name.Local == "Fallback":
			return p.dec.Skip()
		default:
			// sdt or customXml around cells.
			inner, err := p.row(t.Name)
			r.cells = append(r.cells, inner.cells...)
			return err
		}
	})
	return r, err
}

// cell reads a <w:tc>.
func (p *parser) cell(end xml.Name) (cell, error) {
	c := cell{span: 1}
	err := p.children(end, func(t xml.StartElement) error {
		if isW(t.Name, "tcPr") {
			var pr tcPr
			if err := p.dec.DecodeElement(&pr, &t); err != nil {
				return err
			}
			c.span = min(max(atoi(pr.Span), 1), 64)
			if pr.VMerge != nil {
				c.vmerge = "continue"
				if pr.VMerge.Val == "restart" {
					c.vmerge = "restart"
				}
			}
			if pr.HMerge != nil {
				c.hmerge = "continue"
				if pr.HMerge.Val == "restart" {
					c.hmerge = "restart"
				}
			}
			return nil
		}
		// The cell's content: paragraphs, nested tables, containers.
		var bs []block
		var err error
		switch {
		case isW(t.Name, "p"):
			bs, err = p.paragraph(t.Name)
		case isW(t.Name, "tbl"):
			var tb *table
			tb, err = p.table(t.Name)
			bs = []block{{t: tb}}
		default:
			bs, err = p.blocks(t.Name)
		}
		c.blocks = append(c.blocks, bs...)
		return err
	})
	return c, err
}

func atoi(v *valStr) int {
	if v == nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Val))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, 64)
}

// brPage reports whether a <w:br> is a page or column break.
func brPage(se xml.StartElement) bool {
	for _, a := range se.Attr {
		if a.Name.Local == "type" && (a.Value == "page" || a.Value == "column") {
			return true
		}
	}
	return false
}
