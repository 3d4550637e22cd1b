package pdfread

import (
	"bytes"
	"strconv"
)

// The content-stream lexer. The library's Interpret reads a content stream
// as PostScript objects and fails on inline images (BI … ID binary EI),
// which producers put in text pages for logos and stamps; this small lexer
// reads operands and operators and skips inline image data.

// operand is one operand of a content-stream operator.
type operand struct {
	kind byte // 'n' number, 's' string, '/' name, 'a' array, 'x' anything else
	num  float64
	str  string
	arr  []operand
}

func (o operand) float() float64 { return o.num }

// lexer walks a decoded content stream.
type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}

// skipSpace skips white space and comments.
func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		if isWhite(c) {
			lx.pos++
			continue
		}
		if c == '%' {
			for lx.pos < len(lx.b) && lx.b[lx.pos] != '\n' && lx.b[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		return
	}
}

// next returns the next operand, or the next operator (op != "").
// ok is false at the end of the stream.
func (lx *lexer) next() (o operand, op string, ok bool) {
	lx.skipSpace()
	if lx.pos >= len(lx.b) {
		return o, "", false
	}
	c := lx.b[lx.pos]
	switch {
	case c == '(':
		return operand{kind: 's', str: lx.literal()}, "", true
	case c == '<' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '<':
		lx.dict()
		return operand{kind: 'x'}, "", true
	case c == '<':
		return operand{kind: 's', str: lx.hex()}, "", true
	case c == '/':
		return operand{kind: '/', str: lx.name()}, "", true
	case c == '[':
		lx.pos++
		var arr []operand
		for depth := 0; depth < 10000; depth++ {
			lx.skipSpace()
			if lx.pos >= len(lx.b) {
				break
			}
			if lx.b[lx.pos] == ']' {
				lx.pos++
				break
			}
			e, eop, ok := lx.next()
			if !ok {
				break
			}
			if eop == "" {
				arr = append(arr, e)
			}
		}
		return operand{kind: 'a', arr: arr}, "", true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		lx.pos++ // stray delimiter
		return operand{kind: 'x'}, "", true
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := lx.pos
		lx.pos++
		for lx.pos < len(lx.b) && !isWhite(lx.b[lx.pos]) && !isDelimiter(lx.b[lx.pos]) {
			lx.pos++
		}
		f, err := strconv.ParseFloat(string(lx.b[start:lx.pos]), 64)
		if err != nil {
			f = 0
		}
		return operand{kind: 'n', num: f}, "", true
	}
	start := lx.pos
	for lx.pos < len(lx.b) && !isWhite(lx.b[lx.pos]) && !isDelimiter(lx.b[lx.pos]) {
		lx.pos++
	}
	word := string(lx.b[start:lx.pos])
	switch word {
	case "true", "false", "null":
		return operand{kind: 'x'}, "", true
	case "BI":
		lx.inlineImage()
		return operand{}, "BI", true
	}
	return operand{}, word, true
}

// literal reads a (string) with nesting and escapes.
func (lx *lexer) literal() string {
	lx.pos++ // (
	var out []byte
	depth := 1
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if lx.pos >= len(lx.b) {
				return string(out)
			}
			e := lx.b[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(lx.b) && lx.b[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(lx.b) && lx.b[lx.pos] >= '0' && lx.b[lx.pos] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// hex reads a <hex string>.
func (lx *lexer) hex() string {
	lx.pos++ // <
	var out []byte
	var hi int = -1
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		if c == '>' {
			break
		}
		v := unhexDigit(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

func unhexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// name reads a /Name with #xx escapes.
func (lx *lexer) name() string {
	lx.pos++ // /
	var out []byte
	for lx.pos < len(lx.b) && !isWhite(lx.b[lx.pos]) && !isDelimiter(lx.b[lx.pos]) {
		c := lx.b[lx.pos]
		lx.pos++
		if c == '#' && lx.pos+1 < len(lx.b) {
			if h, l := unhexDigit(lx.b[lx.pos]), unhexDigit(lx.b[lx.pos+1]); h >= 0 && l >= 0 {
				c = byte(h<<4 | l)
				lx.pos += 2
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// dict skips a << dictionary >> (marked-content properties).
func (lx *lexer) dict() {
	lx.pos += 2
	for n := 0; n < 100000; n++ {
		lx.skipSpace()
		if lx.pos >= len(lx.b) {
			return
		}
		if lx.b[lx.pos] == '>' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '>' {
			lx.pos += 2
			return
		}
		if _, _, ok := lx.next(); !ok {
			return
		}
	}
}

// inlineImage skips an inline image after BI: its dictionary up to ID,
// then the data up to an EI that stands alone.
func (lx *lexer) inlineImage() {
	i := bytes.Index(lx.b[lx.pos:], []byte("ID"))
	if i < 0 {
		lx.pos = len(lx.b)
		return
	}
	lx.pos += i + 3
	for lx.pos < len(lx.b) {
		j := bytes.Index(lx.b[lx.pos:], []byte("EI"))
		if j < 0 {
			lx.pos = len(lx.b)
			return
		}
		at := lx.pos + j
		lx.pos = at + 2
		before := at == 0 || isWhite(lx.b[at-1])
		after := at+2 >= len(lx.b) || isWhite(lx.b[at+2])
		if before && after {
			return
		}
	}
}
