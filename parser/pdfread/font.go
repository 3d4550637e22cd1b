package pdfread

import (
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"

	"github.com/kehoach/kehoach/normalize/vnenc"
)

// font is what the interpreter needs of a PDF font: how to split a string
// into codes, each code's text and its advance width.
type font struct {
	twoByte bool              // Type0 font: codes are split by the codespace (2 bytes for Identity-H)
	space   []codeRange       // codespace ranges of a Type0 font's ToUnicode map
	toUni   map[uint32]string // code → text from ToUnicode
	ranges  []uniRange        // large bfranges kept unexpanded
	simple  [256]string       // code → text from the simple font's encoding
	widths  map[uint32]float64
	dw      float64 // default width, glyph units (1/1000 em)
	bold    bool
	scale   float64 // glyph space → text space: 1/1000, or the Type3 FontMatrix
	// legacy is the pre-Unicode Vietnamese encoding a font such as
	// ".VnTime" or "VNI-Times" implies: its text is decoded word by word.
	legacy vnenc.Font
}

// maxCodes bounds the codes a font's tables may define, against hostile
// files (a font has at most 65536 glyphs).
const maxCodes = 1 << 18

type codeRange struct {
	n      int
	lo, hi uint32
}

type uniRange struct {
	n      int
	lo, hi uint32
	dst    []rune // text of lo; the last rune increments along the range
	arr    []string
}

// code is one character code of a shown string.
type code struct {
	c uint32
	n int // bytes
}

// codes splits a shown string into character codes, appended to out.
func (f *font) codes(out []code, s string) []code {
	if !f.twoByte {
		for i := 0; i < len(s); i++ {
			out = append(out, code{uint32(s[i]), 1})
		}
		return out
	}
	for i := 0; i < len(s); {
		n := 0
		if len(f.space) > 0 {
		Len:
			for k := 1; k <= 4 && i+k <= len(s); k++ {
				v := be(s[i : i+k])
				for _, r := range f.space {
					if r.n == k && v >= r.lo && v <= r.hi {
						n = k
						break Len
					}
				}
			}
		}
		if n == 0 {
			n = 2
		}
		if i+n > len(s) {
			n = len(s) - i
		}
		out = append(out, code{be(s[i : i+n]), n})
		i += n
	}
	return out
}

// text returns the Unicode text of a code, "" when unknown.
func (f *font) text(c code) string {
	if f.toUni != nil {
		if t, ok := f.toUni[c.c]; ok {
			return t
		}
		for _, r := range f.ranges {
			if r.n == c.n && c.c >= r.lo && c.c <= r.hi {
				off := c.c - r.lo
				if r.arr != nil {
					if int(off) < len(r.arr) {
						return r.arr[off]
					}
					return ""
				}
				rs := append([]rune(nil), r.dst...)
				rs[len(rs)-1] += rune(off)
				return string(rs)
			}
		}
	}
	if !f.twoByte && c.c < 256 {
		return f.simple[c.c]
	}
	return ""
}

// width returns the advance of a code in text space units per unit of font
// size.
func (f *font) width(c code) float64 {
	if w, ok := f.widths[c.c]; ok {
		return w * f.scale
	}
	return f.dw * f.scale
}

func be(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// fontCache keeps parsed fonts across pages, keyed by the printed form of
// the resource dictionary that names them (which names indirect objects by
// number) and their resource name, so that a font used on every page is
// parsed once.
type fontCache struct {
	m map[string]*font
}

func newFontCache() *fontCache { return &fontCache{m: map[string]*font{}} }

func (fc *fontCache) get(key string, v func() pdf.Value) *font {
	if f, ok := fc.m[key]; ok {
		return f
	}
	fv := v()
	var f *font
	if !fv.IsNull() {
		f = loadFont(fv)
	}
	if len(fc.m) < 4096 {
		fc.m[key] = f
	}
	return f
}

// loadFont reads a font dictionary.
func loadFont(v pdf.Value) *font {
	f := &font{widths: map[uint32]float64{}, scale: 0.001}
	base := v.Key("BaseFont").Name()
	lb := strings.ToLower(base)
	f.bold = strings.Contains(lb, "bold") || strings.Contains(lb, "black") || strings.Contains(lb, "heavy")
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[i+1:] // subset prefix
	}
	if v.Key("Subtype").Name() != "Type0" {
		f.legacy = vnenc.FontOf(strings.SplitN(strings.SplitN(base, ",", 2)[0], "-Bold", 2)[0])
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := d.Key("DW"); !dw.IsNull() {
			f.dw = dw.Float64()
		}
		if fd := d.Key("FontDescriptor"); strings.Contains(strings.ToLower(fd.Key("FontName").Name()), "bold") || fd.Key("FontWeight").Float64() >= 600 {
			f.bold = true
		}
		readCIDWidths(d.Key("W"), f.widths)
	default:
		first := v.Key("FirstChar").Int64()
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths[uint32(first)+uint32(i)] = ws.Index(i).Float64()
		}
		fd := v.Key("FontDescriptor")
		f.dw = fd.Key("MissingWidth").Float64()
		if f.dw == 0 {
			f.dw = 500
		}
		if fd.Key("FontWeight").Float64() >= 600 {
			f.bold = true
		}
		if v.Key("Subtype").Name() == "Type3" {
			if fm := v.Key("FontMatrix"); fm.Len() == 6 && fm.Index(0).Float64() != 0 {
				f.scale = fm.Index(0).Float64()
			}
		}
		// The library's encoder knows the standard encodings and the glyph
		// names of /Differences; ask it one byte at a time.
		lf := pdf.Font{V: v}
		var enc pdf.TextEncoding
		switch v.Key("Encoding").Kind() {
		case pdf.Name, pdf.Dict:
			enc = lf.Encoder()
		}
		for c := 0; c < 256; c++ {
			if enc != nil {
				f.simple[c] = enc.Decode(string([]byte{byte(c)}))
			} else {
				f.simple[c] = string(winAnsi(byte(c)))
			}
		}
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		readToUnicode(tu, v, f)
	}
	return f
}

// winAnsi maps a byte of a font without an encoding: Latin-1 is close
// enough for the standard fonts' StandardEncoding in the ASCII range.
func winAnsi(b byte) rune {
	if b < 32 {
		return 0
	}
	return rune(b)
}

// readCIDWidths reads a CID font's /W array: "c [w1 w2 …]" and
// "cfirst clast w" entries.
func readCIDWidths(w pdf.Value, out map[uint32]float64) {
	n := w.Len()
	for i := 0; i < n && len(out) < maxCodes; {
		first := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for k := 0; k < next.Len() && k < 65536; k++ {
				out[c+uint32(k)] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi := first.Int64(), next.Int64()
		wd := w.Index(i + 2).Float64()
		for c := lo; c <= hi && c-lo < 65536; c++ {
			out[uint32(c)] = wd
		}
		i += 3
	}
}

// readToUnicode reads a ToUnicode CMap: codespace ranges, bfchar and
// bfrange (with a string or an array destination), codes of 1 to 4 bytes.
// Unlike the library it carries the range offset over the whole value, so
// wide ranges decode right.
//
// Interpret's "begin" needs a dictionary from findresource, and values of
// the library's dictionary kind cannot be made outside it: any dictionary
// serves (scratch, the font's own), since the CMap only defines names no
// operator uses.
func readToUnicode(s, scratch pdf.Value, f *font) {
	f.toUni = map[uint32]string{}
	defer func() {
		// A malformed CMap keeps what was read before the fault.
		_ = recover()
	}()
	var section string
	pdf.Interpret(s, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
			return
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar", "beginnotdefrange":
			for stk.Len() > 0 {
				stk.Pop()
			}
			section = op[5:]
			return
		case "endcodespacerange", "endbfchar", "endbfrange", "endcidrange", "endcidchar", "endnotdefrange":
		default:
			if op == "begin" || op == "begincmap" || op == "endcmap" || op == "defineresource" {
				for stk.Len() > 0 {
					stk.Pop()
				}
			}
			return
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch section {
		case "codespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].RawString(), args[i+1].RawString()
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				f.space = append(f.space, codeRange{len(lo), be(lo), be(hi)})
			}
		case "bfchar":
			for i := 0; i+1 < len(args); i += 2 {
				src := args[i].RawString()
				if len(src) == 0 || len(src) > 4 {
					continue
				}
				f.toUni[be(src)] = utf16String(args[i+1].RawString())
			}
		case "bfrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi := args[i].RawString(), args[i+1].RawString()
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				r := uniRange{n: len(lo), lo: be(lo), hi: be(hi)}
				if r.hi < r.lo {
					continue
				}
				dst := args[i+2]
				if dst.Kind() == pdf.Array {
					for k := 0; k < dst.Len(); k++ {
						r.arr = append(r.arr, utf16String(dst.Index(k).RawString()))
					}
				} else {
					r.dst = []rune(utf16String(dst.RawString()))
					if len(r.dst) == 0 {
						continue
					}
				}
				if r.hi-r.lo < 1024 && len(f.toUni) < maxCodes {
					for c := r.lo; c <= r.hi; c++ {
						off := c - r.lo
						if r.arr != nil {
							if int(off) < len(r.arr) {
								f.toUni[c] = r.arr[off]
							}
							continue
						}
						rs := append([]rune(nil), r.dst...)
						rs[len(rs)-1] += rune(off)
						f.toUni[c] = string(rs)
					}
					continue
				}
				f.ranges = append(f.ranges, r)
			}
		}
	})
}

// utf16String decodes a UTF-16BE string (a ToUnicode destination).
func utf16String(s string) string {
	if len(s)%2 == 1 {
		s = "\x00" + s
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
