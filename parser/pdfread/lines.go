package pdfread

import (
	"math"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser/layout"
)

// wordGap is the gap between two glyphs, in ems, from which they belong to
// different words. A space in Liberation Serif or Times is 0.25 em, and
// kerning or justification moves letters by far less than 0.1 em.
const wordGap = 0.13

// buildLines groups glyphs into lines by baseline, top to bottom, and each
// line's glyphs into words by gaps and spaces, left to right.
func buildLines(gs []glyph) []layout.Line {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].y != gs[j].y {
			return gs[i].y < gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	var lines []layout.Line
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			tol := 0.3 * math.Min(gs[start].size, gs[i].size)
			if tol < 0.5 {
				tol = 0.5
			}
			if gs[i].y-gs[start].y <= tol {
				continue
			}
		}
		if l, ok := makeLine(gs[start:i]); ok {
			l.Num = len(lines) + 1
			lines = append(lines, l)
		}
		start = i
	}
	return lines
}

// makeLine builds one line from glyphs sharing a baseline.
func makeLine(gs []glyph) (layout.Line, bool) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	var words []layout.Word
	var b strings.Builder
	var cur *layout.Word
	var lastEnd, lastX, lastCS float64
	var lastText string
	base, maxSize := gs[0].y, 0.0
	bold := true
	seen := false
	var legacy vnenc.Font
	flush := func() {
		if cur != nil {
			t := b.String()
			if legacy != vnenc.FontUnicode {
				t = vnenc.DecodeFont(t, legacy)
			}
			cur.Text = norm.NFC.String(t)
			words = append(words, *cur)
			cur = nil
			b.Reset()
		}
	}
	for i, g := range gs {
		if g.space {
			flush()
			continue
		}
		// The same glyph drawn twice at the same place (shadow, fake bold).
		if i > 0 && g.text == lastText && math.Abs(g.x-lastX) < 0.3 {
			continue
		}
		// Letter-spaced text (Tc) keeps its words: the spacing is not a gap.
		if cur != nil && g.x-lastEnd-math.Max(lastCS, 0) > wordGap*g.size {
			flush()
		}
		if cur != nil && g.legacy != legacy {
			flush() // a change of encoding inside a word
		}
		if cur == nil {
			cur = &layout.Word{X: g.x, Y: base, H: g.size}
			legacy = g.legacy
		}
		b.WriteString(g.text)
		end := g.x + g.w
		if end > cur.X+cur.W {
			cur.W = end - cur.X
		}
		cur.H = math.Max(cur.H, g.size)
		lastEnd, lastX, lastText, lastCS = math.Max(end, lastEnd), g.x, g.text, g.cs
		maxSize = math.Max(maxSize, g.size)
		bold = bold && g.bold
		seen = true
	}
	flush()
	if !seen || len(words) == 0 {
		return layout.Line{}, false
	}
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.Text
	}
	last := words[len(words)-1]
	return layout.Line{
		Text:  strings.Join(texts, " "),
		Words: words,
		X:     words[0].X,
		Y:     base,
		Width: last.X + last.W - words[0].X,
		Size:  maxSize,
		Bold:  bold,
	}, true
}
