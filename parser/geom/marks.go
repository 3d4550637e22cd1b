package geom

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// ruleMarks are the glyphs an OCR engine makes of a table's vertical
// rules in a scan: "|", brackets and braces, alone or glued to the words
// beside the rule ("chinh{UBND", "|an", "tri|").
const ruleMarks = "|[]{}"

// splitRuleMarks takes the rule marks out of a page's words: a lone mark
// is dropped, a word with marks glued to it or inside it is cut there,
// each piece keeping the share of the box its letters take. Brackets that
// open and close inside one word ("[1]") are text and stay. It is used on
// pages without ruling segments, where the rules of a scanned table come
// only as such glyphs. It returns the words and the x of each mark taken
// out, one per line at most near a place.
func splitRuleMarks(lines [][]box) ([][]box, []float64) {
	out := make([][]box, len(lines))
	var marks []float64
	for li, ws := range lines {
		var here []float64
		for _, w := range ws {
			if !strings.ContainsAny(w.text, ruleMarks) || balanced(w.text) {
				out[li] = append(out[li], w)
				continue
			}
			pieces, xs := cutAtMarks(w)
			out[li] = append(out[li], pieces...)
			here = append(here, xs...)
		}
		marks = append(marks, dedupe(here, 4)...)
	}
	sort.Float64s(marks)
	return out, marks
}

// hasRuleMarks reports whether the marks draw a rule somewhere: three
// lines or more with a mark at one place.
func hasRuleMarks(marks []float64) bool {
	_, ok := ruleBetween(marks, math.Inf(-1), math.Inf(1))
	return ok
}

// ruleBetween finds a vertical rule between a and z from the marks: the
// place where most lines have one (three at least), within a few points.
func ruleBetween(marks []float64, a, z float64) (float64, bool) {
	best, bn := 0.0, 0
	for i, x := range marks {
		if x < a || x > z {
			continue
		}
		n, sum := 0, 0.0
		for _, y := range marks[i:] {
			if y-x > 5 {
				break
			}
			n++
			sum += y
		}
		if n > bn {
			best, bn = sum/float64(n), n
		}
	}
	return best, bn >= 3
}

// balanced reports whether every bracket or brace of s opens and closes
// inside it and s holds no bar.
func balanced(s string) bool {
	if strings.Contains(s, "|") {
		return false
	}
	depth := 0
	for _, r := range s {
		switch r {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// cutAtMarks cuts a word at its rule marks, dropping them; the pieces'
// boxes share the word's width by their count of letters. It returns the
// pieces and the x of the marks.
func cutAtMarks(w box) ([]box, []float64) {
	rs := []rune(w.text)
	at := make([]float64, len(rs)+1) // left edge of each letter, in widths
	for i, r := range rs {
		at[i+1] = at[i] + glyphWidth(r)
	}
	n := at[len(rs)]
	width := w.x1 - w.x0
	var out []box
	var xs []float64
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !strings.ContainsRune(ruleMarks, rs[i]) {
			continue
		}
		if i < len(rs) {
			xs = append(xs, w.x0+width*(at[i]+at[i+1])/2/n)
		}
		if i > start {
			p := w
			p.text = string(rs[start:i])
			p.x0 = w.x0 + width*at[start]/n
			p.x1 = w.x0 + width*at[i]/n
			k := foldWord(p.text)
			p.key, p.vocab = k, ""
			if v, ok := vocabWord(k); ok {
				p.vocab = v
			}
			out = append(out, p)
		}
		start = i + 1
	}
	return out, xs
}

// wordSpace is the usual blank between two words of a line in the lines
// given: the median of the gaps between neighbours, gaps wider than three
// times the text's height (between columns) left out. It is 0 when the
// lines have too few words to tell.
func wordSpace(lines [][]box) float64 {
	var gaps []float64
	for _, ws := range lines {
		s := append([]box(nil), ws...)
		sort.Slice(s, func(i, j int) bool { return s[i].x0 < s[j].x0 })
		for i := 1; i < len(s); i++ {
			g := s[i].x0 - s[i-1].x1
			if g > 0 && g < 3*s[i].size {
				gaps = append(gaps, g)
			}
		}
	}
	if len(gaps) < 8 {
		return 0
	}
	return median(gaps)
}

// glyphWidth is a letter's rough width relative to a lower-case "n", so
// that a word cut at a mark gives each piece its share of the box: capitals
// are wide, "i", "l", "t", marks and punctuation narrow.
func glyphWidth(r rune) float64 {
	switch {
	case strings.ContainsRune(ruleMarks+".,:;'!|", r):
		return 0.4
	case strings.ContainsRune("ijlftrI()-", r):
		return 0.5
	case strings.ContainsRune("mwMW", r):
		return 1.5
	case unicode.IsUpper(r) || r == '&':
		return 1.3
	}
	return 1
}
