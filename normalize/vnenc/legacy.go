package vnenc

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The legacy 8-bit Vietnamese encodings are read here as the Latin-1 (or
// Windows-1252) characters their bytes show as when a file or a font-tagged
// run is read without knowing the font: "KÕ ho¹ch" is "Kế hoạch" typed in a
// .VnTime font. Every function works on runes, so it serves both bytes
// decoded as Latin-1 and UTF-8 text that already holds the mojibake.

// tcvn3Lower lists, for TCVN 5712:1993 VN3 (the ".VnTime" fonts, called
// TCVN3 or ABC), the byte of every lower-case letter with a diacritic, in
// the order of vietLetters. VN3 has no code for upper-case letters with a
// tone mark: documents set them in the ".VnTimeH" capitals fonts, which
// draw the lower-case codes as capitals.
var tcvn3Table = []struct {
	b byte
	r rune
}{
	{0xA1, 'Ă'}, {0xA2, 'Â'}, {0xA3, 'Ê'}, {0xA4, 'Ô'}, {0xA5, 'Ơ'}, {0xA6, 'Ư'}, {0xA7, 'Đ'},
	{0xA8, 'ă'}, {0xA9, 'â'}, {0xAA, 'ê'}, {0xAB, 'ô'}, {0xAC, 'ơ'}, {0xAD, 'ư'}, {0xAE, 'đ'},
	{0xB5, 'à'}, {0xB6, 'ả'}, {0xB7, 'ã'}, {0xB8, 'á'}, {0xB9, 'ạ'},
	{0xBB, 'ằ'}, {0xBC, 'ẳ'}, {0xBD, 'ẵ'}, {0xBE, 'ắ'}, {0xC6, 'ặ'},
	{0xC7, 'ầ'}, {0xC8, 'ẩ'}, {0xC9, 'ẫ'}, {0xCA, 'ấ'}, {0xCB, 'ậ'},
	{0xCC, 'è'}, {0xCE, 'ẻ'}, {0xCF, 'ẽ'}, {0xD0, 'é'}, {0xD1, 'ẹ'},
	{0xD2, 'ề'}, {0xD3, 'ể'}, {0xD4, 'ễ'}, {0xD5, 'ế'}, {0xD6, 'ệ'},
	{0xD7, 'ì'}, {0xD8, 'ỉ'}, {0xDC, 'ĩ'}, {0xDD, 'í'}, {0xDE, 'ị'},
	{0xDF, 'ò'}, {0xE1, 'ỏ'}, {0xE2, 'õ'}, {0xE3, 'ó'}, {0xE4, 'ọ'},
	{0xE5, 'ồ'}, {0xE6, 'ổ'}, {0xE7, 'ỗ'}, {0xE8, 'ố'}, {0xE9, 'ộ'},
	{0xEA, 'ờ'}, {0xEB, 'ở'}, {0xEC, 'ỡ'}, {0xED, 'ớ'}, {0xEE, 'ợ'},
	{0xEF, 'ù'}, {0xF1, 'ủ'}, {0xF2, 'ũ'}, {0xF3, 'ú'}, {0xF4, 'ụ'},
	{0xF5, 'ừ'}, {0xF6, 'ử'}, {0xF7, 'ữ'}, {0xF8, 'ứ'}, {0xF9, 'ự'},
	{0xFA, 'ỳ'}, {0xFB, 'ỷ'}, {0xFC, 'ỹ'}, {0xFD, 'ý'}, {0xFE, 'ỵ'},
}

var (
	tablesOnce sync.Once
	tcvn3Dec   [256]rune            // byte → letter, 0 where the byte is itself
	tcvn3Enc   map[rune]byte        // letter → byte
	vniEnc     map[rune]string      // letter → VNI characters
	vniSingle  map[rune]rune        // VNI character standing alone → letter
	vniMark    map[rune][2]rune     // VNI mark character → (shape, tone) combining marks
	vniUpper   map[rune]rune        // upper-case VNI mark → its lower-case form
	vniTones   = map[rune]rune{}    // combining tone → lower-case VNI tone character
	vniShapeTo = map[[2]rune]rune{} // (shape, tone) → lower-case VNI character
)

// Combining marks, as in NFD.
const (
	markGrave = '\u0300'
	markAcute = '\u0301'
	markCirc  = '\u0302'
	markTilde = '\u0303'
	markBreve = '\u0306'
	markHook  = '\u0309'
	markHorn  = '\u031B'
	markDot   = '\u0323'
)

func initTables() {
	tcvn3Enc = make(map[rune]byte, len(tcvn3Table))
	for _, e := range tcvn3Table {
		tcvn3Dec[e.b] = e.r
		tcvn3Enc[e.r] = e.b
	}

	// VNI for Windows writes a letter as its base letter followed by one
	// character that carries its marks; ơ, ư, đ and the i-letters and ỵ are
	// single characters.
	vniSingle = map[rune]rune{
		'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư', 'ñ': 'đ', 'Ñ': 'Đ',
		'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị',
		'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị',
		'î': 'ỵ', 'Î': 'Ỵ',
	}
	vniMark = map[rune][2]rune{
		'ù': {0, markAcute}, 'ø': {0, markGrave}, 'û': {0, markHook}, 'õ': {0, markTilde}, 'ï': {0, markDot},
		'â': {markCirc, 0}, 'á': {markCirc, markAcute}, 'à': {markCirc, markGrave}, 'å': {markCirc, markHook}, 'ã': {markCirc, markTilde}, 'ä': {markCirc, markDot},
		'ê': {markBreve, 0}, 'é': {markBreve, markAcute}, 'è': {markBreve, markGrave}, 'ú': {markBreve, markHook}, 'ü': {markBreve, markTilde}, 'ë': {markBreve, markDot},
	}
	vniUpper = map[rune]rune{}
	for lower, m := range vniMark {
		upper := unicode.ToUpper(lower)
		vniUpper[upper] = lower
		vniShapeTo[m] = lower
		if m[0] == 0 {
			vniTones[m[1]] = lower
		}
	}
	vniEnc = map[rune]string{}
	for _, r := range vietLetters() {
		vniEnc[r] = encodeVNILetter(r)
	}
}

// vietLetters returns the 134 Vietnamese letters that carry a diacritic,
// lower case then upper case.
func vietLetters() []rune {
	var out []rune
	for _, base := range "aăâeêioôơuưy" {
		for _, tone := range []rune{0, markGrave, markHook, markTilde, markAcute, markDot} {
			if tone == 0 && strings.ContainsRune("aeiouy", base) {
				continue // plain ASCII
			}
			s := string(base)
			if tone != 0 {
				s += string(tone)
			}
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(s))
			out = append(out, r)
		}
	}
	out = append(out, 'đ')
	n := len(out)
	for _, r := range out[:n] {
		out = append(out, unicode.ToUpper(r))
	}
	return out
}

// encodeVNILetter spells one Vietnamese letter in VNI characters.
func encodeVNILetter(r rune) string {
	for k, v := range vniSingle {
		if v == r {
			return string(k)
		}
	}
	d := []rune(norm.NFD.String(string(r)))
	base, upper := unicode.ToLower(d[0]), unicode.IsUpper(d[0])
	var shape, tone rune
	for _, m := range d[1:] {
		switch m {
		case markCirc, markBreve, markHorn:
			shape = m
		default:
			tone = m
		}
	}
	head := string(base)
	if shape == markHorn {
		head = map[rune]string{'o': "ô", 'u': "ö"}[base]
		shape = 0
	}
	out := head
	if shape != 0 || tone != 0 {
		out += string(vniShapeTo[[2]rune{shape, tone}])
	}
	if upper {
		out = strings.ToUpper(out)
	}
	return out
}

// DecodeTCVN3 converts text typed in a TCVN3 (ABC, ".VnTime") font and read
// as Latin-1 or Windows-1252 into Unicode. Characters that are not TCVN3
// codes pass through.
func DecodeTCVN3(s string) string {
	tablesOnce.Do(initTables)
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if r < 256 && tcvn3Dec[r] != 0 {
			b.WriteRune(tcvn3Dec[r])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// DecodeTCVN3Caps converts text set in a TCVN3 capitals font (".VnTimeH"),
// whose lower-case codes are drawn as capitals, into upper-case Unicode.
func DecodeTCVN3Caps(s string) string { return strings.ToUpper(DecodeTCVN3(s)) }

// EncodeTCVN3 spells s in TCVN3 as Latin-1 characters, the inverse of
// DecodeTCVN3. Upper-case letters with a tone mark, which TCVN3 lacks, are
// written as their lower-case codes (a ".VnTimeH" font draws them as
// capitals); ok is false when s held such a letter or any other character
// TCVN3 cannot spell.
func EncodeTCVN3(s string) (out string, ok bool) {
	tablesOnce.Do(initTables)
	ok = true
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case tcvn3Enc[r] != 0:
			b.WriteRune(rune(tcvn3Enc[r]))
		case tcvn3Enc[unicode.ToLower(r)] != 0:
			b.WriteRune(rune(tcvn3Enc[unicode.ToLower(r)]))
			ok = false
		default:
			b.WriteRune(r)
			ok = false
		}
	}
	return b.String(), ok
}

// DecodeVNI converts text typed in a VNI font ("VNI-Times") and read as
// Latin-1 or Windows-1252 into NFC Unicode: "Keá hoaïch" is "Kế hoạch".
func DecodeVNI(s string) string {
	tablesOnce.Do(initTables)
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		lr := unicode.ToLower(r)
		// A base vowel followed by a mark character.
		if i+1 < len(rs) && strings.ContainsRune("aeouy", lr) {
			next := rs[i+1]
			if l, ok := vniUpper[next]; ok {
				next = l
			}
			if m, ok := vniMark[next]; ok && markFits(lr, m[0]) {
				if c, ok := join(parts{base: r, shape: m[0], tone: m[1]}); ok {
					b.WriteRune(c)
					i++
					continue
				}
			}
		}
		if v, ok := vniSingle[r]; ok {
			// ơ and ư take a tone character after them.
			if (v == 'ơ' || v == 'Ơ' || v == 'ư' || v == 'Ư') && i+1 < len(rs) {
				next := rs[i+1]
				if l, ok := vniUpper[next]; ok {
					next = l
				}
				if m, ok := vniMark[next]; ok && m[0] == 0 {
					b.WriteRune(compose(v, m[1]))
					i++
					continue
				}
			}
			b.WriteRune(v)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// markFits reports whether a VNI shape mark can sit on the base vowel.
func markFits(base, shape rune) bool {
	switch shape {
	case 0:
		return true
	case markCirc:
		return base == 'a' || base == 'e' || base == 'o'
	case markBreve:
		return base == 'a'
	}
	return false
}

// EncodeVNI spells s in VNI for Windows as Latin-1 characters, the inverse
// of DecodeVNI.
func EncodeVNI(s string) string {
	tablesOnce.Do(initTables)
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if v, ok := vniEnc[r]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Font names the legacy encoding a font implies.
type Font int

// The encodings a font name can imply.
const (
	FontUnicode   Font = iota // a Unicode font: the text is what it says
	FontTCVN3                 // ".VnTime", ".VnArial"…: TCVN3
	FontTCVN3Caps             // ".VnTimeH", ".VnArialH"…: TCVN3 drawn as capitals
	FontVNI                   // "VNI-Times", "VNI-Helve"…: VNI for Windows
)

// FontOf tells which legacy encoding text set in the named font uses.
func FontOf(name string) Font {
	n := strings.TrimSpace(strings.Trim(name, `"'`))
	l := strings.ToLower(n)
	switch {
	case strings.HasPrefix(l, ".vn") || strings.HasPrefix(l, "vntime") || strings.HasPrefix(l, "vnarial"):
		if strings.HasSuffix(strings.TrimSpace(n), "H") {
			return FontTCVN3Caps
		}
		return FontTCVN3
	case strings.HasPrefix(l, "vni-") || strings.HasPrefix(l, "vni "):
		return FontVNI
	}
	return FontUnicode
}

// DecodeFont converts text set in a font into Unicode as the font draws it:
// TCVN3 and VNI fonts decode their codes, other fonts leave the text alone.
// Characters beyond Latin-1, which a legacy font cannot hold, pass through.
func DecodeFont(s string, f Font) string {
	switch f {
	case FontTCVN3:
		return DecodeTCVN3(s)
	case FontTCVN3Caps:
		return DecodeTCVN3Caps(s)
	case FontVNI:
		return DecodeVNI(s)
	}
	return s
}
