package pdfread

import (
	"math"
	"sort"
	"strings"
	"unicode"

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
		// The same glyph drawn twice at (nearly) the same place: shadow, or bold
		// faked by overprinting.
		if i > 0 && g.text == lastText && math.Abs(g.x-lastX) < 0.12*g.size {
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

// buildVertical reads text that runs down or up the page: glyphs on one
// baseline (the same x) in reading order, cut into words at spaces and
// gaps and into lines at wider gaps. Each line comes after the page's
// other lines; its words are boxes stacked in reading order from the top
// of the run, so that a reader sorting by height reads them in order.
func buildVertical(gs []glyph, _ int) []layout.Line {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].dir != gs[j].dir {
			return gs[i].dir > gs[j].dir
		}
		if math.Abs(gs[i].x-gs[j].x) > 0.3*math.Min(gs[i].size, gs[j].size) {
			return gs[i].x < gs[j].x
		}
		return float64(gs[i].dir)*gs[i].y < float64(gs[j].dir)*gs[j].y
	})
	var lines []layout.Line
	var run []glyph
	flush := func() {
		if len(run) == 0 {
			return
		}
		size := run[0].size
		top := run[0].y
		for _, g := range run {
			top = math.Min(top, math.Min(g.y, g.y+float64(g.dir)*g.w))
		}
		var words []layout.Word
		var texts []string
		var b strings.Builder
		start, end := -1.0, 0.0
		pos := func(g glyph) float64 { return math.Abs(g.y - run[0].y) }
		emit := func() {
			if b.Len() == 0 {
				return
			}
			t := norm.NFC.String(b.String())
			if run[0].legacy != vnenc.FontUnicode {
				t = vnenc.DecodeFont(t, run[0].legacy)
			}
			h := math.Max(end-start, 1)
			x := run[0].x - 0.2*size
			if run[0].dir < 0 {
				x = run[0].x - 0.8*size
			}
			words = append(words, layout.Word{Text: t, X: x, Y: top + start + 0.8*h, W: size, H: h})
			texts = append(texts, t)
			b.Reset()
			start = -1
		}
		for i, g := range run {
			p := pos(g)
			if g.space || (i > 0 && p-end > wordGap*size) {
				emit()
			}
			if g.space {
				continue
			}
			if start < 0 {
				start = p
			}
			b.WriteString(g.text)
			end = math.Max(end, p+g.w)
		}
		emit()
		if len(words) > 0 {
			lines = append(lines, layout.Line{Text: strings.Join(texts, " "), Words: words,
				X: words[0].X, Y: words[0].Y, Width: size, Size: size})
		}
		run = run[:0]
	}
	for i, g := range gs {
		if i > 0 {
			p := gs[i-1]
			if g.dir != p.dir || math.Abs(g.x-p.x) > 0.3*g.size ||
				math.Abs(g.y-p.y)-p.w > 1.0*g.size {
				flush()
			}
		}
		run = append(run, g)
	}
	flush()
	return lines
}

// isMark reports whether a glyph's text is only combining marks.
func isMark(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}
