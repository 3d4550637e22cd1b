// Package textread reads plan documents given as plain text, in each of the
// shapes a clerk receives: copied from a legal web database, its markdown
// variant, a PDF's text layer by a plain extractor, and OCR text.
//
// The shape is told by the content alone (see Classify). Text copied from a
// web database or converted to markdown states its tables with pipes; Read
// turns them into layout.Tables anchored among the lines. The other shapes
// give lines only: their tables are rebuilt later (texttable, ocrtable).
package textread

import (
	"html"
	"regexp"
	"strings"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/layout"
)

// The kinds of text Read tells apart, as set in layout.Doc.Kind.
const (
	KindWeb      = "webtext"   // copied from a legal web database: cells ended by " |"
	KindMarkdown = "markdown"  // the same pages converted to markdown: cells between lone "|"
	KindPlain    = "plaintext" // a PDF's text layer by a plain extractor
	KindOCR      = "ocrtext"   // OCR output, often made without a Vietnamese model
)

// srcLine is one line of the input with its 1-based line number and page.
type srcLine struct {
	text string
	num  int
	page int
}

// Read splits text into a layout.Doc, with tables where the shape states
// them. It never fails: text it cannot place in a table stays a line.
func Read(text, name string) *layout.Doc {
	lines := splitLines(text)
	kind := classify(lines)
	doc := &layout.Doc{Name: name, Kind: kind}
	switch kind {
	case KindWeb, KindMarkdown:
		if kind == KindMarkdown {
			for i := range lines {
				lines[i].text = unmark(lines[i].text)
			}
		}
		lines = dropRepeat(lines)
		doc.Pages = buildPages(lines, kind)
	default:
		doc.Pages = linePages(lines)
	}
	if len(doc.Pages) == 0 {
		doc.Pages = []layout.Page{{Number: 1}}
	}
	return doc
}

// Classify names the shape of text: KindWeb, KindMarkdown, KindPlain or
// KindOCR.
func Classify(text string) string { return classify(splitLines(text)) }

// splitLines normalises the text (NFC, line ends, byte-order mark) and
// splits it into numbered lines; a form feed starts a new page.
func splitLines(text string) []srcLine {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = normalize.NFC(text)
	raw := strings.Split(text, "\n")
	out := make([]srcLine, 0, len(raw))
	page := 1
	for i, l := range raw {
		parts := strings.Split(l, "\f")
		for k, p := range parts {
			if k > 0 {
				page++
			}
			if p == "" && len(parts) > 1 {
				continue // the form feed alone, not a line of text
			}
			out = append(out, srcLine{text: strings.TrimRight(p, " \t\u00a0"), num: i + 1, page: page})
		}
	}
	// A trailing empty line from the final newline carries nothing.
	if n := len(out); n > 0 && out[n-1].text == "" && strings.HasSuffix(text, "\n") {
		out = out[:n-1]
	}
	return out
}

// linePages puts lines on pages as numbered by form feeds.
func linePages(lines []srcLine) []layout.Page {
	var pages []layout.Page
	for _, l := range lines {
		for len(pages) < l.page {
			pages = append(pages, layout.Page{Number: len(pages) + 1})
		}
		p := &pages[l.page-1]
		p.Lines = append(p.Lines, layout.Line{Text: l.text, Num: l.num})
	}
	return pages
}

// classify tells the shape of the lines by their content.
func classify(lines []srcLine) string {
	cellEnds, lone, inline, seps, bold := 0, 0, 0, 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		switch {
		case t == "|":
			lone++
		case isSeparatorRow(t):
			seps++
		case isInlineRow(t):
			inline++
		case strings.HasSuffix(t, " |") || (strings.HasSuffix(t, "|") && len(t) > 1 && !strings.HasPrefix(t, "|")):
			cellEnds++
		}
		if strings.Count(t, "**") >= 2 || strings.HasPrefix(t, "#") {
			bold++
		}
	}
	// OCR text holds stray pipes (table borders read as "|"); only a text
	// with many stated cells is a web page of unmarked Vietnamese.
	if looksOCR(lines) && !(cellEnds+inline >= 10 && lone+seps >= 3) {
		return KindOCR
	}
	switch {
	case seps > 0 && (inline > 0 || lone > 0):
		return KindMarkdown
	case lone >= 4 && cellEnds*3 < lone:
		return KindMarkdown
	case cellEnds >= 3 && lone >= 1, inline >= 2 && bold == 0:
		return KindWeb
	case inline >= 2:
		return KindMarkdown
	}
	return KindPlain
}

// looksOCR reports whether the text reads like Vietnamese recognised by an
// engine without a Vietnamese model, or with its diacritics stripped: few
// words carry a letter that only Vietnamese uses, and many mix digits into
// words ("s6", "I11").
func looksOCR(lines []srcLine) bool {
	words, viet, mixed := 0, 0, 0
	for _, l := range lines {
		for _, w := range strings.Fields(l.text) {
			letters, digits, vn := 0, 0, false
			for _, r := range w {
				switch {
				case r >= '0' && r <= '9':
					digits++
				case isVietLetter(r):
					vn = true
					letters++
				case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 0xC0 && r <= 0x24F:
					letters++
				}
			}
			if letters == 0 {
				continue
			}
			words++
			if vn {
				viet++
			}
			if digits > 0 && letters > 0 && digits <= 2 && !strings.ContainsAny(w, "/-.:") {
				mixed++
			}
		}
	}
	if words < 20 {
		return false
	}
	// Clean Vietnamese marks a third or more of its syllables with a letter
	// of its own; English-model OCR keeps a few percent.
	return viet*100 < words*12
}

// isVietLetter reports whether r is a letter used by Vietnamese and hardly
// by any Western language: the precomposed letters of Latin Extended
// Additional, and ă, đ, ĩ, ũ, ơ, ư.
func isVietLetter(r rune) bool {
	if r >= 0x1EA0 && r <= 0x1EF9 {
		return true
	}
	switch r {
	case 'ă', 'Ă', 'đ', 'Đ', 'ĩ', 'Ĩ', 'ũ', 'Ũ', 'ơ', 'Ơ', 'ư', 'Ư':
		return true
	}
	return false
}

// isInlineRow reports whether t is a whole table row on one line:
// "| Số hiệu | 458/KH-UBND |".
func isInlineRow(t string) bool {
	return len(t) > 2 && strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && strings.Count(t, "|") >= 3
}

// isSeparatorRow reports whether t is a markdown header separator:
// "| --- | :---: |" or "|---|---|".
func isSeparatorRow(t string) bool {
	if !strings.Contains(t, "-") || !strings.Contains(t, "|") {
		return false
	}
	for _, r := range t {
		switch r {
		case '|', '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return strings.Contains(t, "---")
}

// unmark removes markdown from a line of the markdown shape: emphasis
// marks, heading marks and backslash escapes. Pipes stay.
func unmark(s string) string {
	t := strings.TrimLeft(s, " ")
	if strings.HasPrefix(t, "#") {
		t = strings.TrimLeft(t, "#")
		if t == "" || t[0] == ' ' {
			s = strings.TrimSpace(t)
		}
	}
	s = normalize.StripMarkup(s)
	s = underscored.ReplaceAllString(s, "$1$2")
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s) // "KH&amp;CN", "&nbsp;"
		s = strings.ReplaceAll(s, "\u00a0", " ")
	}
	if strings.Contains(s, `\`) {
		var b strings.Builder
		rs := []rune(s)
		for i := 0; i < len(rs); i++ {
			if rs[i] == '\\' && i+1 < len(rs) && strings.ContainsRune("\\`*_{}[]()#+-.!|<>~", rs[i+1]) {
				i++
			}
			b.WriteRune(rs[i])
		}
		s = b.String()
	}
	return s
}

// underscored matches _italic_ emphasis around words.
var underscored = regexp.MustCompile(`(^|[\s(])_([^_\s](?:[^_]*[^_\s])?)_`)

// dropRepeat removes a block of lines repeated verbatim right after itself,
// as legal web databases show a document's body twice (the summary tab and
// the full text). Only blocks of at least five non-blank lines and 200
// characters count, so a repeated short line or heading is kept.
func dropRepeat(lines []srcLine) []srcLine {
	for pass := 0; pass < 4; pass++ {
		i, n := findRepeat(lines)
		if n == 0 {
			return lines
		}
		out := append([]srcLine(nil), lines[:i+n]...)
		lines = append(out, lines[i+2*n:]...)
	}
	return lines
}

// findRepeat finds the first block lines[i:i+n] followed by an identical
// copy; n is 0 when there is none.
func findRepeat(lines []srcLine) (int, int) {
	next := map[string]int{}
	nextAt := make([]int, len(lines))
	for i := len(lines) - 1; i >= 0; i-- {
		t := lines[i].text
		nextAt[i] = -1
		if j, ok := next[t]; ok {
			nextAt[i] = j
		}
		next[t] = i
	}
	budget := 4_000_000
	for i := range lines {
		t := strings.TrimSpace(lines[i].text)
		if len(t) < 2 || nextAt[i] < 0 {
			continue
		}
		n := nextAt[i] - i
		b := i
		for b > 0 && i-b < n && lines[b-1].text == lines[b-1+n].text {
			b--
		}
		j := b + n
		if j+n > len(lines) {
			continue
		}
		same := true
		nonBlank, chars := 0, 0
		for k := 0; k < n; k++ {
			budget--
			if lines[b+k].text != lines[j+k].text {
				same = false
				break
			}
			if s := strings.TrimSpace(lines[b+k].text); s != "" {
				nonBlank++
				chars += len(s)
			}
		}
		if budget < 0 {
			return 0, 0
		}
		if same && nonBlank >= 5 && chars >= 200 {
			return b, n
		}
	}
	return 0, 0
}
