package pdfread

import (
	"bytes"
	"io"
	"math"

	"github.com/ledongthuc/pdf"

	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser/layout"
)

// matrix is a PDF transformation matrix [a b c d e f]; a point (x y) maps
// to (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m×n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// glyph is one shown character in page coordinates (top-left origin).
type glyph struct {
	text   string
	x, y   float64 // origin on the baseline
	w      float64 // advance along the baseline
	size   float64 // font size on the page
	bold   bool
	legacy vnenc.Font
	space  bool    // the character is white space
	cs     float64 // character spacing (Tc) after the glyph, on the page
	dir    int8    // text running down (1) or up (-1) the page; 0 across
}

// gstate is the part of the graphics state the reader needs.
type gstate struct {
	ctm                    matrix
	font                   *font
	fs, tc, tw, th, tl, ts float64
}

// interp runs a page's content streams.
type interp struct {
	fonts  *fontCache
	page   int
	glyphs []glyph
	rules  []layout.Rule
	depth  int
	ops    int
	// turned counts glyphs whose baseline does not run left to right on
	// the page, by direction: down, left, up.
	turned  [3]int
	upright int
	vglyphs []glyph // glyphs of text running down (dir 1) or up (dir -1)
	codeBuf []code
}

// maxOps bounds the operators of one page, against hostile streams.
const maxOps = 5_000_000

// point is a point of the current path, in page coordinates.
type point struct{ x, y float64 }

// run interprets a content stream (or array of streams) with the given
// resources and initial transformation.
func (in *interp) run(strm, res pdf.Value, ctm matrix) {
	if strm.IsNull() || in.depth > 8 {
		return
	}
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix
	var path [][]point // subpaths
	var cur []point
	fontRes := res.Key("Font")
	local := map[string]*font{}
	resKey := ""
	var args []operand

	show := func(s string) {
		f := g.font
		if f == nil {
			return
		}
		in.codeBuf = f.codes(in.codeBuf[:0], s)
		for _, c := range in.codeBuf {
			w0 := f.width(c)
			trm := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.ts}.mul(tm).mul(g.ctm)
			x0, y0 := trm.apply(0, 0)
			x1, y1 := trm.apply(w0, 0)
			t := f.text(c)
			if t != "" {
				size := math.Hypot(trm[2], trm[3])
				dx, dy := x1-x0, y1-y0
				switch {
				case math.Abs(dy) > math.Abs(dx)*0.2 && dy > 0:
					in.turned[0]++
				case math.Abs(dy) > math.Abs(dx)*0.2:
					in.turned[2]++
				case dx < 0:
					in.turned[1]++
				default:
					in.upright++
				}
				sp := true
				for _, r := range t {
					if r != ' ' && r != '\u00a0' && r != '\t' {
						sp = false
					}
				}
				if math.Abs(dx) < math.Abs(dy)*0.2 {
					// Text running down or up the page (a turned header
					// cell, a margin note): kept apart, read along its run.
					dir := int8(1)
					if dy < 0 {
						dir = -1
					}
					in.vglyphs = append(in.vglyphs, glyph{text: t, x: x0, y: y0, w: math.Abs(dy), size: size,
						bold: f.bold, legacy: f.legacy, space: sp, dir: dir})
				}
				// A combining mark drawn as a glyph of its own (decomposed
				// text) goes with the letter drawn before it, wherever the
				// font places it.
				merged := false
				if n := len(in.glyphs); n > 0 && isMark(t) {
					if last := &in.glyphs[n-1]; math.Abs(last.y-y0) < 0.3*size && x0 > last.x-size && x0 < last.x+last.w+size {
						last.text += t
						merged = true
					}
				}
				if !merged && (math.Abs(dy) <= math.Abs(dx)*0.2 || (dx == 0 && dy == 0)) {
					if dx < 0 { // mirrored text: keep the box left to right
						x0, dx = x1, -dx
					}
					cs := 0.0
					if g.fs != 0 {
						cs = g.tc * g.th * size / math.Abs(g.fs)
					}
					in.glyphs = append(in.glyphs, glyph{text: t, x: x0, y: y0, w: dx, size: size,
						bold: f.bold, legacy: f.legacy, space: sp, cs: cs})
				}
			}
			tx := w0*g.fs + g.tc
			if c.n == 1 && c.c == 32 {
				tx += g.tw
			}
			tm = matrix{1, 0, 0, 1, tx * g.th, 0}.mul(tm)
		}
	}
	flushPath := func(stroke, fill bool) {
		if cur != nil {
			path = append(path, cur)
			cur = nil
		}
		for _, sp := range path {
			if stroke {
				for i := 1; i < len(sp); i++ {
					in.addRule(sp[i-1], sp[i])
				}
			}
			if fill && !stroke && len(sp) >= 3 {
				in.addThinRect(sp)
			}
		}
		path = nil
	}
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].num
		}
		return 0
	}

	lx := lexer{b: readStream(strm)}
	for {
		o, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(args) < 64 {
				args = append(args, o)
			}
			continue
		}
		in.ops++
		if in.ops > maxOps {
			panic("too many operators")
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				var m matrix
				for i := range m {
					m[i] = num(i)
				}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				name := args[0].str
				f, ok := local[name]
				if !ok {
					// Fonts are shared by pages through indirect
					// references: the resource dictionary's printed form
					// names them, cheaply.
					if resKey == "" {
						resKey = fontRes.String()
					}
					f = in.fonts.get(resKey+"\x00"+name, func() pdf.Value { return fontRes.Key(name) })
					local[name] = f
				}
				g.font = f
				g.fs = num(1)
			}
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.ts = num(0)
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(1)
			}
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				for i := range tm {
					tm[i] = num(i)
				}
				tlm = tm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) >= 1 {
				show(args[len(args)-1].str)
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if len(args) >= 1 {
				show(args[len(args)-1].str)
			}
		case "TJ":
			if len(args) >= 1 {
				for _, x := range args[len(args)-1].arr {
					switch x.kind {
					case 's':
						show(x.str)
					case 'n':
						tx := -x.num / 1000 * g.fs * g.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "m":
			if cur != nil {
				path = append(path, cur)
			}
			x, y := g.ctm.apply(num(0), num(1))
			cur = []point{{x, y}}
		case "l":
			x, y := g.ctm.apply(num(0), num(1))
			cur = append(cur, point{x, y})
		case "c", "v", "y":
			// Curves are not rules: end the straight run here.
			if cur != nil {
				path = append(path, cur)
			}
			k := len(args) - 2
			if k >= 0 {
				x, y := g.ctm.apply(num(k), num(k+1))
				cur = []point{{x, y}}
			}
		case "h":
			if len(cur) > 1 {
				cur = append(cur, cur[0])
			}
		case "re":
			if cur != nil {
				path = append(path, cur)
			}
			x, y, w, h := num(0), num(1), num(2), num(3)
			var sp []point
			for _, p := range [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}} {
				px, py := g.ctm.apply(p[0], p[1])
				sp = append(sp, point{px, py})
			}
			path = append(path, sp)
			cur = nil
		case "S", "s":
			flushPath(true, false)
		case "f", "F", "f*":
			flushPath(false, true)
		case "B", "B*", "b", "b*":
			flushPath(true, true)
		case "n":
			path, cur = nil, nil
		case "Do":
			if len(args) >= 1 {
				xo := res.Key("XObject").Key(args[len(args)-1].str)
				if xo.Key("Subtype").Name() == "Form" {
					m := identity
					if mv := xo.Key("Matrix"); mv.Len() == 6 {
						for i := range m {
							m[i] = mv.Index(i).Float64()
						}
					}
					r := xo.Key("Resources")
					if r.IsNull() {
						r = res
					}
					in.depth++
					in.run(xo, r, m.mul(g.ctm))
					in.depth--
				}
			}
		}
		args = args[:0]
	}
}

// maxStream bounds the decoded size of one page's content, against
// decompression bombs.
const maxStream = 64 << 20

// readStream returns the decoded bytes of a content stream or array of
// streams. A stream whose data breaks off midway gives what was decoded.
func readStream(strm pdf.Value) []byte {
	var buf bytes.Buffer
	one := func(v pdf.Value) {
		if v.Kind() != pdf.Stream {
			return
		}
		rc := v.Reader()
		_, _ = io.Copy(&buf, io.LimitReader(rc, int64(maxStream-buf.Len())))
		rc.Close()
		buf.WriteByte('\n')
	}
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len() && buf.Len() < maxStream; i++ {
			one(strm.Index(i))
		}
	} else {
		one(strm)
	}
	return buf.Bytes()
}

// addRule records a stroked segment that runs straight across or down.
func (in *interp) addRule(a, b point) {
	dx, dy := math.Abs(b.x-a.x), math.Abs(b.y-a.y)
	switch {
	case dy <= 0.5 && dx >= 2:
		y := (a.y + b.y) / 2
		in.rules = append(in.rules, layout.Rule{X0: math.Min(a.x, b.x), Y0: y, X1: math.Max(a.x, b.x), Y1: y})
	case dx <= 0.5 && dy >= 2:
		x := (a.x + b.x) / 2
		in.rules = append(in.rules, layout.Rule{X0: x, Y0: math.Min(a.y, b.y), X1: x, Y1: math.Max(a.y, b.y)})
	}
}

// addThinRect records a filled shape that is a thin bar (a border drawn as
// a filled rectangle) as a rule along its middle. Wide filled areas (cell
// shading) are not rules.
func (in *interp) addThinRect(sp []point) {
	x0, y0, x1, y1 := sp[0].x, sp[0].y, sp[0].x, sp[0].y
	for _, p := range sp {
		x0, y0 = math.Min(x0, p.x), math.Min(y0, p.y)
		x1, y1 = math.Max(x1, p.x), math.Max(y1, p.y)
	}
	w, h := x1-x0, y1-y0
	switch {
	case h <= 2.5 && w >= 4 && w > 3*h:
		y := (y0 + y1) / 2
		in.rules = append(in.rules, layout.Rule{X0: x0, Y0: y, X1: x1, Y1: y})
	case w <= 2.5 && h >= 4 && h > 3*w:
		x := (x0 + x1) / 2
		in.rules = append(in.rules, layout.Rule{X0: x, Y0: y0, X1: x, Y1: y1})
	}
}
