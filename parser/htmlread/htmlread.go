// Package htmlread reads HTML pages of legal databases into a layout.Doc,
// with their <table>s as stated.
//
// A page gives lines for its block text (the title, headings, paragraphs)
// and layout tables for its <table>s, with colspan and rowspan kept, rows
// of <th> cells or in <thead> marked as headers, and each cell's <p>, <br>
// and <li> as paragraph breaks. Site chrome (scripts, styles, navigation,
// forms, footers) is dropped. Text set in the legacy Vietnamese fonts
// (<font face=".VnTime">) is decoded by its font, and other text mended
// where it holds TCVN3 or VNI mojibake.
package htmlread

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser/layout"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep a hostile page from exhausting time or memory.
const (
	// MaxSize bounds the page read, in bytes.
	MaxSize = 32 << 20
	// MaxDepth bounds the nesting of elements.
	MaxDepth = 256
	// MaxTables bounds the number of tables on a page.
	MaxTables = 5000
	// MaxSpan bounds colspan; rowspan is bounded by the rows of its table.
	MaxSpan = 64
)

// Error is a page the reader cannot read, with a hint for the user.
type Error struct {
	Reason string
	hint   string
}

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

// Hint says what the user can do about the error.
func (e *Error) Hint() string { return e.hint }

var errDepth = &Error{Reason: fmt.Sprintf("the HTML page nests elements deeper than %d levels", MaxDepth),
	hint: "this is not an ordinary web page; save the document from the site as PDF or DOCX"}

// Read reads an HTML page.
func Read(r io.Reader, name string) (*layout.Doc, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, &Error{Reason: fmt.Sprintf("the HTML page is larger than %d MB", MaxSize>>20),
			hint: "save the document itself from the site, as PDF or DOCX"}
	}
	if err := precheck(data); err != nil {
		return nil, err
	}
	root, err := html.ParseWithOptions(bytes.NewReader(data), html.ParseOptionEnableScripting(true))
	if err != nil {
		if strings.Contains(err.Error(), "exceeds") {
			return nil, errDepth // the parser's own bound on open elements
		}
		return nil, &Error{Reason: "the HTML page cannot be parsed: " + err.Error(),
			hint: "save the document from the site as PDF or DOCX"}
	}
	if depth(root) > MaxDepth {
		return nil, errDepth
	}
	w := &walker{}
	w.body(root, 0)
	w.flush()
	page := layout.Page{Number: 1, Lines: w.lines, Tables: w.tables}
	mend(&page)
	doc := &layout.Doc{Name: name, Kind: "html", Pages: []layout.Page{page}}
	if !doc.HasText() {
		return nil, &Error{Reason: "the HTML page has no text",
			hint: "the page may load its content with scripts; save the document from the site as PDF or DOCX"}
	}
	return doc, nil
}

// precheck counts tables and the depth of elements that must be closed,
// before the parser builds a tree of a hostile page.
func precheck(data []byte) error {
	z := html.NewTokenizer(bytes.NewReader(data))
	tables, open := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return nil
			}
			return nil // the parser copes with the rest
		case html.StartTagToken:
			n, _ := z.TagName()
			switch atom.Lookup(n) {
			case atom.Table:
				tables++
				open++
				if tables > MaxTables {
					return &Error{Reason: fmt.Sprintf("the HTML page has more than %d tables", MaxTables),
						hint: "this is not an ordinary web page; save the document from the site as PDF or DOCX"}
				}
			case atom.Div, atom.Blockquote, atom.Section, atom.Article, atom.Ul, atom.Ol:
				open++
			}
			if open > 4*MaxDepth {
				return errDepth
			}
		case html.EndTagToken:
			n, _ := z.TagName()
			switch atom.Lookup(n) {
			case atom.Table, atom.Div, atom.Blockquote, atom.Section, atom.Article, atom.Ul, atom.Ol:
				open = max(open-1, 0)
			}
		}
	}
}

// depth measures the element tree without recursion.
func depth(root *html.Node) int {
	type item struct {
		n *html.Node
		d int
	}
	best := 0
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		best = max(best, it.d)
		if best > MaxDepth {
			return best
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	return best
}

// walker collects lines and tables in reading order. In a cell (inCell)
// it collects the cell's paragraphs, and tables nested there are read as
// paragraphs.
type walker struct {
	lines  []layout.Line
	tables []layout.Table
	inCell bool

	cur     strings.Builder
	curBold bool // every piece of text of the current line is bold
	curLink bool // every piece of text of the current line is a link
	curAny  bool
	pre     int  // inside <pre>
	link    int  // inside <a href>
	seq     *int // running number of lines and rows, shared with cell walkers
}

// next returns the next number in reading order for a line or a row: an
// HTML page has no lines of its own, so lines and rows are numbered in
// the order they are read.
func (w *walker) next() int {
	if w.seq == nil {
		w.seq = new(int)
	}
	*w.seq++
	return *w.seq
}

// dropped lists elements whose content is not the document's text.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Aside: true, atom.Footer: true, atom.Iframe: true, atom.Object: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Head: true, atom.Audio: true, atom.Video: true, atom.Canvas: true, atom.Map: true, atom.Dialog: true,
}

// blocks lists elements that start and end a line.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Header: true, atom.Address: true, atom.Center: true,
	atom.Hr: true, atom.Figure: true, atom.Figcaption: true, atom.Caption: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Fieldset: true, atom.Legend: true, atom.Body: true, atom.Html: true,
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// hidden reports whether an element is not shown or is site chrome.
func hidden(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "search", "menu", "menubar":
		return true
	}
	return attr(n, "aria-hidden") == "true"
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// fontOf gives the legacy encoding an element's font implies, if it names
// one (<font face>, style font-family).
func fontOf(n *html.Node) (vnenc.Font, bool) {
	faces := attr(n, "face")
	if s := attr(n, "style"); s != "" {
		for _, decl := range strings.Split(s, ";") {
			k, v, ok := strings.Cut(decl, ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), "font-family") {
				faces = v
			}
		}
	}
	if faces == "" {
		return vnenc.FontUnicode, false
	}
	first, _, _ := strings.Cut(faces, ",")
	return vnenc.FontOf(strings.TrimSpace(first)), true
}

// body walks the document; the <title> becomes the first line.
func (w *walker) body(root *html.Node, _ int) {
	if t := find(root, atom.Title); t != nil {
		w.text(textOf(t), vnenc.FontUnicode, false)
		w.flush()
	}
	w.walk(root, 0, vnenc.FontUnicode, false)
}

func find(n *html.Node, a atom.Atom) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == a {
			return n
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func (w *walker) walk(n *html.Node, d int, font vnenc.Font, bold bool) {
	if d > MaxDepth {
		return // depth() has refused such pages; this guards the recursion
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, font, bold)
		return
	case html.ElementNode:
		if dropped[n.DataAtom] || hidden(n) {
			return
		}
		if n.DataAtom == atom.Header && !w.inCell && insideNone(n, atom.Article, atom.Main) {
			return // the site's banner
		}
		if f, ok := fontOf(n); ok {
			font = f
		}
		switch n.DataAtom {
		case atom.B, atom.Strong, atom.Th, atom.H1, atom.H2, atom.H3:
			bold = true
		case atom.Br:
			w.flush()
			return
		case atom.Table:
			w.flush()
			w.table(n, d, font)
			return
		case atom.Pre:
			w.pre++
			defer func() { w.pre-- }()
		case atom.A:
			if attr(n, "href") != "" {
				w.link++
				defer func() { w.link-- }()
			}
		case atom.Img:
			if alt := attr(n, "alt"); alt != "" && w.inCell {
				w.text(alt, font, bold)
			}
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && blocks[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, d+1, font, bold)
	}
	if block {
		w.flush()
	}
}

func insideNone(n *html.Node, as ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, a := range as {
			if p.DataAtom == a {
				return false
			}
		}
	}
	return true
}

// text adds a text node to the current line, white space collapsed
// (kept in <pre>, where new lines end lines).
func (w *walker) text(s string, font vnenc.Font, bold bool) {
	if font != vnenc.FontUnicode {
		s = vnenc.DecodeFont(s, font)
	}
	if w.pre > 0 {
		for i, part := range strings.Split(s, "\n") {
			if i > 0 {
				w.flush()
			}
			w.add(part, bold)
		}
		return
	}
	w.add(s, bold)
}

func (w *walker) add(s string, bold bool) {
	if s == "" {
		return
	}
	// Collapse white space, keeping one space at each end that had some.
	lead := unicode.IsSpace(firstRune(s))
	trail := unicode.IsSpace(lastRune(s))
	body := strings.Join(strings.Fields(s), " ")
	if body == "" {
		if w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		return
	}
	if lead && w.cur.Len() > 0 {
		w.cur.WriteByte(' ')
	}
	w.cur.WriteString(body)
	if trail {
		w.cur.WriteByte(' ')
	}
	if !w.curAny {
		w.curBold, w.curLink = bold, w.link > 0
	} else {
		w.curBold = w.curBold && bold
		w.curLink = w.curLink && w.link > 0
	}
	w.curAny = true
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// flush ends the current line.
func (w *walker) flush() {
	text := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	bold, link := w.curBold && w.curAny, w.curLink && w.curAny
	w.curAny, w.curBold, w.curLink = false, false, false
	if text == "" {
		return
	}
	if link && !w.inCell {
		// A line that is nothing but links is the site's navigation
		// ("Đăng nhập", "Trang chủ"), not the document.
		return
	}
	w.lines = append(w.lines, layout.Line{Text: text, Num: w.next(), Bold: bold})
}

// rowsOf lists a table's rows in order, through thead, tbody and tfoot,
// saying which are in a header group.
func rowsOf(t *html.Node) (rows []*html.Node, head []bool, captions []*html.Node) {
	var visit func(n *html.Node, inHead bool, d int)
	visit = func(n *html.Node, inHead bool, d int) {
		if d > 4 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || hidden(c) {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
				head = append(head, inHead)
			case atom.Thead:
				visit(c, true, d+1)
			case atom.Tbody, atom.Tfoot, atom.Form:
				visit(c, inHead, d+1)
			case atom.Caption:
				captions = append(captions, c)
			}
		}
	}
	visit(t, false, 0)
	return rows, head, captions
}

func cellsOf(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && !hidden(c) {
			out = append(out, c)
		}
	}
	return out
}

// table reads a <table> into a layout table, or, if it only frames other
// content (one cell a row, or around nested tables), reads its content as
// the body.
func (w *walker) table(t *html.Node, d int, font vnenc.Font) {
	rows, head, captions := rowsOf(t)
	if w.inCell {
		// A table inside a cell: its cells become the cell's paragraphs.
		for _, tr := range rows {
			for _, c := range cellsOf(tr) {
				w.walk(c, d+1, font, false)
				w.flush()
			}
		}
		return
	}
	for _, c := range captions {
		w.walk(c, d+1, font, false)
		w.flush()
	}
	if frame(rows) {
		for _, tr := range rows {
			for _, c := range cellsOf(tr) {
				w.walk(c, d+1, font, false)
				w.flush()
			}
		}
		return
	}
	lt := layout.Table{At: len(w.lines)}
	for i, tr := range rows {
		cells := cellsOf(tr)
		row := layout.Row{Header: head[i], Num: w.next(), Page: 1}
		allTH := len(cells) > 0
		for _, c := range cells {
			if c.DataAtom != atom.Th {
				allTH = false
			}
			cw := &walker{inCell: true, seq: new(int)}
			cw.walk(c, d+1, font, false)
			cw.flush()
			var paras []string
			for _, l := range cw.lines {
				paras = append(paras, l.Text)
			}
			cs := span(attr(c, "colspan"), 1, MaxSpan)
			rs := span(attr(c, "rowspan"), 1, len(rows)-i)
			if attr(c, "rowspan") == "0" {
				rs = len(rows) - i
			}
			row.Cells = append(row.Cells, layout.Cell{Paras: paras, ColSpan: cs, RowSpan: rs})
		}
		row.Header = row.Header || allTH
		lt.Rows = append(lt.Rows, row)
	}
	if len(lt.Rows) > 0 {
		w.tables = append(w.tables, lt)
	}
}

// frame reports whether a table only frames content: every row has at
// most one cell, and either there is one row or a cell holds a table.
func frame(rows []*html.Node) bool {
	nested := false
	for _, tr := range rows {
		cells := cellsOf(tr)
		if len(cells) > 1 {
			return false
		}
		for _, c := range cells {
			if find(c, atom.Table) != nil {
				nested = true
			}
		}
	}
	return nested || len(rows) <= 1
}

// span reads a colspan or rowspan, bounded to [1, limit].
func span(v string, def, limit int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		n = def
	}
	return max(min(n, limit), 1)
}

// mend decodes text typed in a legacy font the page does not name: every
// line and cell paragraph that reads better as TCVN3 or VNI, the page
// voting on which of the two.
func mend(pg *layout.Page) {
	vnenc.FixRunsInPlace(pg.Runs())
}
