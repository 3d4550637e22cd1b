// Package vnenc decodes Vietnamese text in any encoding a plan arrives in
// (UTF-8, UTF-16, Windows-1258, TCVN3, VNI, VIQR, decomposed Unicode) into
// NFC Unicode.
//
// Legacy encodings are recognised by the spelling of the result: of the
// readings a text admits (as it is, as TCVN3, as VNI, as Windows-1258), the
// one whose words are well-formed Vietnamese syllables wins, line by line,
// so a UTF-8 file that holds a pasted TCVN3 paragraph is mended where it
// needs to be and nowhere else.
//
// Limits: TCVN3 has no codes for capitals with a tone mark (documents set
// them in the ".VnTimeH" capitals fonts); in plain text they come out in
// lower case. In VIQR a "." or "?" after a vowel at the end of a word is
// read as a tone where the line goes on with a word, as a full stop or
// question mark at the end of a line.
package vnenc

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Encoding names a way Vietnamese text is written.
type Encoding string

// The encodings Detect tells apart.
const (
	Unicode     Encoding = "unicode"
	TCVN3       Encoding = "tcvn3"
	VNI         Encoding = "vni"
	VIQR        Encoding = "viqr"
	Windows1258 Encoding = "windows-1258"
	UTF16       Encoding = "utf-16"
)

// ErrBinary is returned for data that is not text in any encoding.
var ErrBinary = errors.New("binary data, not text")

// binaryError is ErrBinary with a hint for the user.
type binaryError struct{}

func (binaryError) Error() string { return ErrBinary.Error() }
func (binaryError) Is(target error) bool {
	return target == ErrBinary
}

// Hint says what the user can do.
func (binaryError) Hint() string {
	return "kehoach reads PDF, DOCX, DOC, ODT, RTF, HTML and plain text"
}

// Decode returns data as NFC Unicode text, whatever Vietnamese encoding it
// is in. It fails only for binary data.
func Decode(data []byte) (string, error) {
	s, _, err := DecodeAs(data)
	return s, err
}

// DecodeAs is Decode that also names the encoding the text was found in
// (the dominant one, where lines differ).
func DecodeAs(data []byte) (string, Encoding, error) {
	var text string
	enc := Unicode
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		text = string(data[3:])
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		text, enc = decodeUTF16(data[2:], false), UTF16
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		text, enc = decodeUTF16(data[2:], true), UTF16
	default:
		if be, ok := bomlessUTF16(data); ok {
			text, enc = decodeUTF16(data, be), UTF16
		} else if utf8.Valid(data) {
			text = string(data)
		} else {
			text, enc = decode8bit(data)
		}
	}
	if isBinary(text) {
		return "", enc, binaryError{}
	}
	text = strings.ToValidUTF8(text, "\uFFFD")
	if LooksVIQR(text) {
		return norm.NFC.String(DecodeVIQR(text)), VIQR, nil
	}
	fixed, found := fixLines(text)
	if enc == Unicode && found != "" {
		enc = found
	}
	return norm.NFC.String(fixed), enc, nil
}

// decodeUTF16 decodes UTF-16 without its byte-order mark.
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// LooksUTF16 reports whether data is UTF-16 text, with or without a
// byte-order mark. A sniffer that refuses data holding NUL bytes as binary
// should ask this first: Decode reads such text.
func LooksUTF16(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return true
	}
	_, ok := bomlessUTF16(data)
	return ok
}

// bomlessUTF16 recognises UTF-16 without a byte-order mark by its zero
// bytes: text in a Latin script has a zero in every other byte.
func bomlessUTF16(b []byte) (bigEndian, ok bool) {
	n := min(len(b), 4096) &^ 1
	if n < 8 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*6 && even*10 < half:
		return false, true
	case even*10 >= half*6 && odd*10 < half:
		return true, true
	}
	return false, false
}

// decode8bit reads bytes that are not UTF-8: as Windows-1258, or as
// Latin-1 holding TCVN3 or VNI codes, whichever spells Vietnamese best.
func decode8bit(data []byte) (string, Encoding) {
	cp1258, err := charmap.Windows1258.NewDecoder().Bytes(data)
	w := norm.NFC.String(string(cp1258))
	if err != nil {
		w = ""
	}
	latin := latin1(data)
	fixed, found := fixLines(latin)
	wg, wb := score(w)
	fg, fb := score(fixed)
	if found != "" && fg-2*fb > wg-2*wb {
		return fixed, found
	}
	if w != "" && wg-2*wb >= fg-2*fb {
		return w, Windows1258
	}
	return fixed, Unicode
}

// latin1 reads bytes as Windows-1252 where that names a character, as
// Latin-1 elsewhere, so that every byte maps to one rune.
func latin1(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) * 2)
	dec := charmap.Windows1252
	for _, c := range data {
		if c >= 0x80 && c < 0xA0 {
			if r := dec.DecodeByte(c); r != utf8.RuneError {
				b.WriteRune(r)
				continue
			}
		}
		b.WriteRune(rune(c))
	}
	return b.String()
}

// isBinary reports whether text holds a NUL or more control characters
// than a text file holds.
func isBinary(text string) bool {
	n, bad := 0, 0
	for _, r := range text {
		n++
		if r == 0 {
			return true // no text file holds a NUL
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != 0x1b && r != '\v' {
			bad++
		}
		if n >= 8192 {
			break
		}
	}
	return bad > n/100+1
}

// Detect names the encoding the text appears to be in: TCVN3 or VNI when
// its lines read better decoded so, VIQR when it is clearly VIQR, Unicode
// otherwise.
func Detect(s string) Encoding {
	if LooksVIQR(s) {
		return VIQR
	}
	_, found := fixLines(s)
	if found == "" {
		return Unicode
	}
	return found
}

// Fix mends the lines of s that hold TCVN3 or VNI mojibake, leaving every
// other line as it is, and returns NFC text.
func Fix(s string) string {
	out, _ := fixLines(s)
	return norm.NFC.String(out)
}

// FixRun mends one run of text (a line, a cell paragraph, a run of a Word
// document) if it reads better as TCVN3 or VNI, and says which it found.
// Where both read equally well, TCVN3, the more common, is taken; a whole
// text is better mended by Fix, which lets the document decide.
func FixRun(s string) (string, Encoding) { return fixRun(s, TCVN3) }

type decoder struct {
	enc Encoding
	dec func(string) string
}

var legacyDecoders = []decoder{{TCVN3, DecodeTCVN3}, {VNI, DecodeVNI}}

// reading is one way to read a run of text, and its score.
type reading struct {
	text      string
	enc       Encoding
	good, bad int
}

func (r reading) score() int { return r.good - 2*r.bad }

// readings returns the run as it stands and decoded in each legacy
// encoding that changes it.
func readings(s string) []reading {
	g, b := score(s)
	out := []reading{{s, Unicode, g, b}}
	if b == 0 {
		return out // every word is spelled right: nothing to mend
	}
	for _, c := range legacyDecoders {
		d := c.dec(s)
		if d == s {
			continue
		}
		dg, db := score(d)
		out = append(out, reading{d, c.enc, dg, db})
	}
	return out
}

// fixRun is FixRun with a preferred encoding for ties.
func fixRun(s string, prefer Encoding) (string, Encoding) {
	if !hasLatin1(s) {
		return s, Unicode
	}
	return choose(readings(s), prefer)
}

// choose picks the reading with the best score that spells better than
// the text as it stands and reads as Vietnamese itself; prefer settles ties
// between legacy readings.
func choose(rs []reading, prefer Encoding) (string, Encoding) {
	orig := rs[0]
	best := orig
	for _, r := range rs[1:] {
		if r.good == 0 || r.bad >= orig.bad {
			continue // no better than the text as it stands
		}
		if r.bad*4 > r.good {
			// Legacy text decoded reads as syllables nearly word for word;
			// English-model OCR ("hién", "Céc") read as TCVN3 gains a word
			// here and there ("Cộc") and spoils the rest ("hiộn").
			continue
		}
		if r.score() > best.score() || (r.score() == best.score() && best.enc != Unicode && r.enc == prefer) {
			best = r
		}
	}
	return best.text, best.enc
}

// fixLines mends every line that reads better as TCVN3 or VNI and names
// the encoding most lines were found in ("" when none changed).
func fixLines(s string) (string, Encoding) {
	if !hasLatin1(s) {
		return s, ""
	}
	lines, found := FixRuns(strings.Split(s, "\n"))
	if found == "" {
		return s, ""
	}
	return strings.Join(lines, "\n"), found
}

// FixRuns mends the runs of text of one document (its lines, or its
// paragraphs and cells) that read better as TCVN3 or VNI, in place, and
// names the encoding most mended runs were in ("" when none was). The
// whole document votes first on which of the two it is in, since many
// words read as well in either ("Cô" is Cụ in TCVN3, Cơ in VNI), and the
// vote settles those runs.
func FixRuns(runs []string) ([]string, Encoding) {
	all := make([][]reading, len(runs))
	gain := map[Encoding]int{}
	for i, l := range runs {
		if !hasLatin1(l) {
			continue
		}
		all[i] = readings(l)
		for _, r := range all[i][1:] {
			gain[r.enc] += r.score() - all[i][0].score()
		}
	}
	prefer := TCVN3
	if gain[VNI] > gain[TCVN3] {
		prefer = VNI
	}
	count := map[Encoding]int{}
	for i, rs := range all {
		if rs == nil {
			continue
		}
		fixed, enc := choose(rs, prefer)
		if enc != Unicode {
			runs[i] = fixed
			count[enc]++
		}
	}
	switch {
	case count[TCVN3] == 0 && count[VNI] == 0:
		return runs, ""
	case count[TCVN3] >= count[VNI]:
		return runs, TCVN3
	}
	return runs, VNI
}

// FixRunsInPlace is FixRuns over texts held elsewhere (a document's lines
// and cell paragraphs): the mended ones are written back.
func FixRunsInPlace(runs []*string) Encoding {
	texts := make([]string, len(runs))
	for i, r := range runs {
		texts[i] = *r
	}
	texts, found := FixRuns(texts)
	for i, r := range runs {
		*r = texts[i]
	}
	return found
}

// hasLatin1 reports whether s holds a character of the upper half of
// Latin-1, where the legacy encodings put their letters.
func hasLatin1(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0xC2 || s[i] == 0xC3 {
			return true
		}
	}
	return false
}
