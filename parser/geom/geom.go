// Package geom rebuilds tables from the geometry of a page: ruling lines
// where the table has borders, column anchors from the header row where it
// has none.
//
// It works on word boxes alone (no font information), so the same code
// reads a PDF's text layer and OCR output. A table is found by its header
// row, told by the genre's column names compared without diacritics; its
// columns come from the vertical rules crossing the header, or else from
// the header's word groups and the white gutters of the rows below; its
// rows from the horizontal rules, or else from the row numbers in the STT
// column. A table that goes on over a page break, with or without a
// repeated header, is one Table on its first page.
package geom

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/layout"
)

// box is a word with its extent, top-down coordinates.
type box struct {
	text           string
	x0, x1, y0, y1 float64
	base           float64 // baseline, or bottom for OCR boxes
	size           float64 // height of the line's text
	line           int     // index in Page.Lines
	page           int     // page number, to keep a row broken by a page in order
	key            string  // the folded word
	vocab          string  // the header word it is, "" if none
}

func (b box) cx() float64 { return (b.x0 + b.x1) / 2 }
func (b box) cy() float64 { return (b.y0 + b.y1) / 2 }

// pageWords returns the boxes of a page's words, line by line; keys
// caches the folded form of words already seen.
func pageWords(p *layout.Page, ocr bool, keys map[string][2]string) [][]box {
	out := make([][]box, len(p.Lines))
	for li, l := range p.Lines {
		for _, w := range l.Words {
			h := w.H
			if h <= 0 {
				h = l.Size
			}
			if h <= 0 {
				h = 10
			}
			b := box{text: w.Text, x0: w.X, x1: w.X + w.W, line: li, size: h, page: p.Number}
			k, ok := keys[w.Text]
			if !ok {
				k[0] = foldWord(w.Text)
				k[1], _ = vocabWord(k[0])
				keys[w.Text] = k
			}
			b.key, b.vocab = k[0], k[1]
			if ocr {
				b.y0, b.y1, b.base = w.Y, w.Y+h, w.Y+h
				b.size = h / 1.2 // a box covers ascenders and descenders
			} else {
				b.y0, b.y1, b.base = w.Y-0.8*h, w.Y+0.2*h, w.Y
			}
			out[li] = append(out[li], b)
		}
	}
	return out
}

// isOCRPage tells whether a page's word boxes come from OCR (Y is the top
// of the box) or from a text layer (Y is the baseline): OCR words carry a
// confidence. A document OCR'd in part has both kinds of pages.
func isOCRPage(doc *layout.Doc, p *layout.Page) bool {
	for _, l := range p.Lines {
		for _, w := range l.Words {
			if w.Conf > 0 {
				return true
			}
		}
	}
	return doc.Kind == "ocr" && len(p.Rules) == 0
}

// Tables fills Page.Tables of every page from its words and rules, and
// removes the lines a table consumed.
func Tables(doc *layout.Doc) {
	if doc == nil {
		return
	}
	var open *building // a table that may go on over the page break
	var all []*building
	keys := map[string][2]string{} // word → folded key, header word
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		if len(p.Tables) > 0 {
			open = nil
			continue // the source stated its tables
		}
		orig := pageWords(p, isOCRPage(doc, p), keys)
		var marks []float64
		if len(p.Rules) == 0 {
			// A scan's OCR: the table's rules, if any, are glyphs.
			orig, marks = splitRuleMarks(orig)
		}
		words := visualLines(orig)
		consumed := make([]bool, len(words))
		dropPageNumbers(words, consumed)
		var made []*building
		start := 0 // first line index not yet looked at
		if open != nil {
			if end, ok := open.continueOn(p, words, consumed, marks); ok {
				start = end
			} else {
				open = nil
			}
		}
		for {
			hb, ok := findHeader(p, words, consumed, start)
			if !ok {
				break
			}
			b := newBuilding(p, words, hb, marks)
			if b == nil {
				start = hb.last + 1
				continue
			}
			for li := hb.first; li <= hb.last; li++ {
				consumed[li] = true
			}
			start = b.readBody(p, words, consumed, hb.last+1)
			made = append(made, b)
			open = b
		}
		// Remove the page's lines whose words went into tables (most of
		// them: a line of the source may run into a table's row), and
		// place each table before the first line it took.
		used := make([]int, len(p.Lines))
		firstOf := map[*building]int{}
		for vi, ws := range words {
			if !consumed[vi] {
				continue
			}
			for _, w := range ws {
				used[w.line]++
			}
		}
		for _, b := range made {
			firstOf[b] = len(p.Lines)
			for _, w := range words[b.firstLine] {
				firstOf[b] = min(firstOf[b], w.line)
			}
		}
		var keep []layout.Line
		index := make([]int, len(p.Lines)+1) // old index → new index
		for li, l := range p.Lines {
			index[li] = len(keep)
			if len(l.Words) == 0 || used[li]*2 < len(l.Words) {
				keep = append(keep, l)
			}
		}
		index[len(p.Lines)] = len(keep)
		for _, b := range made {
			b.pageIdx, b.tableIdx = pi, len(p.Tables)
			p.Tables = append(p.Tables, layout.Table{At: index[firstOf[b]]})
			all = append(all, b)
		}
		p.Lines = keep
	}
	for _, b := range all {
		doc.Warnings = append(doc.Warnings, b.fixNumbers()...)
		t := b.table()
		t.At = doc.Pages[b.pageIdx].Tables[b.tableIdx].At
		doc.Pages[b.pageIdx].Tables[b.tableIdx] = t
	}
}

var pageNumber = regexp.MustCompile(`^(?i)(?:trang\s*)?[-–—(\s]*\d{1,4}[-–—)\s]*(?:/\s*\d{1,4})?$`)

// dropPageNumbers marks as consumed a first or last line of the page that
// holds only a page number and stands apart from the text.
func dropPageNumbers(words [][]box, consumed []bool) {
	n := len(words)
	if n < 2 {
		return
	}
	for _, li := range []int{0, n - 1} {
		if !pageNumber.MatchString(lineText(words[li])) {
			continue
		}
		other := 1
		if li == n-1 {
			other = n - 2
		}
		a, b := words[min(li, other)], words[max(li, other)]
		if b[0].y0-a[0].y1 > 1.2*words[li][0].size {
			consumed[li] = true
		}
	}
}

// lineText is the text of a line of words.
func lineText(ws []box) string {
	t := make([]string, len(ws))
	for i, w := range ws {
		t[i] = w.text
	}
	return strings.Join(t, " ")
}

// visualLines regroups a page's words into lines by their height on the
// page, top to bottom, each left to right, whatever lines the source made
// (OCR engines cut a page into blocks, a column at a time).
func visualLines(lines [][]box) [][]box {
	var all []box
	for _, l := range lines {
		all = append(all, l...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].cy() != all[j].cy() {
			return all[i].cy() < all[j].cy()
		}
		return all[i].x0 < all[j].x0
	})
	var out [][]box
	start := 0
	for i := 1; i <= len(all); i++ {
		if i < len(all) && all[i].cy()-all[start].cy() <= 0.3*math.Min(all[i].size, all[start].size) {
			continue
		}
		l := append([]box(nil), all[start:i]...)
		sort.SliceStable(l, func(a, b int) bool { return l[a].x0 < l[b].x0 })
		out = append(out, l)
		start = i
	}
	return out
}

// foldWord is a word's key: folded as normalize.Fold folds (lower case,
// no marks, đ as d), without punctuation around it. It folds letter by
// letter through a table made from normalize.Fold, which is many times
// faster on the thousands of words of a long plan.
func foldWord(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if m, ok := foldTable[r]; ok {
			r = m
		} else {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), ".,:;()[]/-–*\"“”' ")
}

// foldTable maps the Latin letters with marks to their folded letter.
var foldTable = map[rune]rune{}

func init() {
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			if f := []rune(normalize.Fold(string(r))); len(f) == 1 && f[0] != r {
				foldTable[r] = f[0]
			}
		}
	}
}

// headerWords are the words that make up the genre's column headers,
// folded.
var headerWords = map[string]bool{}

// headerConcepts are the phrases that name a column; a header needs three.
var headerConcepts = [][]string{
	{"stt", "tt", "so tt"},
	{"noi dung", "nhiem vu", "ten nhiem vu", "giai phap", "cong viec", "hoat dong"},
	{"chu tri", "thuc hien", "trach nhiem", "dau moi"},
	{"phoi hop"},
	{"thoi gian", "thoi han", "tien do", "hoan thanh", "han"},
	{"san pham", "ket qua"},
	{"ghi chu"},
	{"kinh phi", "dia diem", "lo trinh", "chi tieu", "muc tieu", "nguon von"},
}

func init() {
	for _, w := range strings.Fields(`stt tt so thu tu noi dung nhiem vu ten giai phap cong viec hoat dong
		co quan don vi chu tri thuc hien trach nhiem dau moi tham muu phoi hop thoi gian han hoan thanh
		tien do moc san pham ket qua du kien hinh thuc ra ghi chu kinh phi nguon dia diem lo trinh chi tieu
		muc von va cac cu the trong tam trinh cap lanh dao de an chinh`) {
		headerWords[w] = true
	}
}

// vocabWord returns the header word a folded word is, allowing one wrong,
// missing or extra letter in words of four letters or more (OCR).
func vocabWord(k string) (string, bool) {
	if k == "" {
		return "", false
	}
	if headerWords[k] {
		return k, true
	}
	if len(k) < 4 {
		return "", false
	}
	for w := range headerWords {
		if len(w) >= 4 && editDistance1(k, w) {
			return w, true
		}
	}
	return "", false
}

// editDistance1 reports whether a and b differ by at most one edit.
func editDistance1(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// isHeaderLine reports whether a line is made of header words: all of
// them, or all but one in five in a line of five words or more (OCR
// noise).
func isHeaderLine(ws []box) bool {
	if len(ws) == 0 {
		return false
	}
	bad, n := 0, 0
	for _, w := range ws {
		if w.key == "" {
			continue
		}
		n++
		if w.vocab == "" {
			bad++
		}
	}
	return n > 0 && (bad == 0 || (n >= 5 && bad*5 <= n))
}

// concepts counts the column names in a folded text.
func concepts(text string) int {
	k := " " + text + " "
	n := 0
	for _, c := range headerConcepts {
		for _, ph := range c {
			if strings.Contains(k, " "+ph+" ") {
				n++
				break
			}
		}
	}
	return n
}

// headerBand is the lines of a header row.
type headerBand struct {
	first, last int // line indexes
	words       []box
	y0, y1      float64
}

// findHeader finds the next header row from line start on.
func findHeader(p *layout.Page, words [][]box, consumed []bool, start int) (headerBand, bool) {
	for li := start; li < len(words); li++ {
		if consumed[li] || !isHeaderLine(words[li]) {
			continue
		}
		// Grow the band over adjacent header lines.
		first, last := li, li
		for last+1 < len(words) && !consumed[last+1] && isHeaderLine(words[last+1]) &&
			words[last+1][0].y0-bandBottom(words, first, last) < 1.2*words[last][0].size &&
			!headerRuleBetween(p, bandBottom(words, first, last), words[last+1]) {
			last++
		}
		var all []box
		var text []string
		for k := first; k <= last; k++ {
			all = append(all, words[k]...)
		}
		// Read the band's words column-wise for concept counting: lines
		// of a header cell are stacked, so join words in x order too.
		sorted := append([]box(nil), all...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].x0 < sorted[j].x0 })
		for _, w := range all {
			k := w.key
			if w.vocab != "" {
				k = w.vocab
			}
			text = append(text, k)
		}
		joined := strings.Join(text, " ")
		if concepts(joined) < 3 {
			li = last
			continue
		}
		hb := headerBand{first: first, last: last, words: all, y0: math.Inf(1), y1: math.Inf(-1)}
		for _, w := range all {
			hb.y0 = math.Min(hb.y0, w.y0)
			hb.y1 = math.Max(hb.y1, w.y1)
		}
		return hb, true
	}
	return headerBand{}, false
}

func bandBottom(words [][]box, first, last int) float64 {
	y := math.Inf(-1)
	for k := first; k <= last; k++ {
		for _, w := range words[k] {
			y = math.Max(y, w.y1)
		}
	}
	return y
}

// headerRuleBetween reports whether a horizontal rule of the page runs between
// the bottom y of a band and the top of a line, under the line's words:
// in a ruled table the header row ends at its rule.
func headerRuleBetween(p *layout.Page, y float64, ws []box) bool {
	top := math.Inf(1)
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, w := range ws {
		top = math.Min(top, w.y0)
		x0, x1 = math.Min(x0, w.x0), math.Max(x1, w.x1)
	}
	for _, r := range p.Rules {
		if !r.Horizontal() {
			continue
		}
		ry := (r.Y0 + r.Y1) / 2
		if ry > y-1 && ry < top+1 && math.Min(r.X0, r.X1) < x1 && math.Max(r.X0, r.X1) > x0 {
			return true
		}
	}
	return false
}
