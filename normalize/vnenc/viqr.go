package vnenc

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// VIQR (RFC 1456) writes Vietnamese in ASCII: a shape mark after the vowel
// ("a(" ă, "a^" â, "o+" ơ, "u+" ư), then a tone mark ("'" acute, "`"
// grave, "?" hook, "~" tilde, "." dot below), "dd" for đ, and "\" to keep a
// mark character literal.

var viqrShape = map[rune]rune{'(': markBreve, '^': markCirc, '+': markHorn}
var viqrTone = map[rune]rune{'\'': markAcute, '`': markGrave, '?': markHook, '~': markTilde, '.': markDot}

// shapeFits reports whether a VIQR shape mark can sit on the vowel.
func shapeFits(v, shape rune) bool {
	switch unicode.ToLower(v) {
	case 'a':
		return shape == markBreve || shape == markCirc
	case 'e':
		return shape == markCirc
	case 'o':
		return shape == markCirc || shape == markHorn
	case 'u':
		return shape == markHorn
	}
	return false
}

// DecodeVIQR converts VIQR text into NFC Unicode. A "." or "?" after a
// vowel at the end of a word is read as a tone only where the sentence
// goes on (a lower-case word or a comma follows), so full stops and
// question marks survive.
func DecodeVIQR(s string) string {
	in := []rune(s)
	out := make([]rune, 0, len(in))
	wordStart := true
	for i := 0; i < len(in); i++ {
		r := in[i]
		if r == '\\' && i+1 < len(in) && (viqrShape[in[i+1]] != 0 || viqrTone[in[i+1]] != 0 || in[i+1] == 'd' || in[i+1] == 'D' || in[i+1] == '\\') {
			out = append(out, in[i+1])
			i++
			wordStart = false
			continue
		}
		if wordStart && (r == 'd' || r == 'D') && i+1 < len(in) && (in[i+1] == 'd' || in[i+1] == 'D') {
			if r == 'D' {
				out = append(out, 'Đ')
			} else {
				out = append(out, 'đ')
			}
			i++
			wordStart = false
			continue
		}
		if n := len(out); n > 0 && isVowel(out[n-1]) {
			prev := out[n-1]
			if m, ok := viqrShape[r]; ok && !hasShape(prev) && !hasTone(prev) && shapeFits(prev, m) {
				out[n-1] = compose(prev, m)
				continue
			}
			if m, ok := viqrTone[r]; ok && !hasTone(prev) && toneHere(in, i) {
				out[n-1] = compose(prev, m)
				continue
			}
		}
		out = append(out, r)
		wordStart = !unicode.IsLetter(r)
	}
	return norm.NFC.String(string(out))
}

// toneHere decides whether the mark at in[i], after a vowel, is a tone.
// "'", "`" and "~" always are. "." and "?" are tones inside a word and
// where the line goes on with a word or a comma ("Bo^. No^.i vu.",
// "Sơ? KH&CN"; a "?" also before a mark, "qua? |"); at the end of a line
// they are a full stop and a question mark, and so is a "." before a
// digit or a mark. (RFC 1456 has writers escape
// punctuation after a vowel as "\."; many do not.)
func toneHere(in []rune, i int) bool {
	r := in[i]
	if r != '.' && r != '?' {
		return true
	}
	if i+1 >= len(in) {
		return false
	}
	next := in[i+1]
	if unicode.IsLetter(next) || strings.ContainsRune(",;:)", next) {
		return true
	}
	if next != ' ' && next != '\t' {
		return false
	}
	for j := i + 1; j < len(in); j++ {
		if in[j] == ' ' || in[j] == '\t' {
			continue
		}
		if r == '?' {
			// A question mark ends a line; a hook goes on ("qua? |").
			return in[j] != '\n' && in[j] != '\r'
		}
		return unicode.IsLetter(in[j])
	}
	return false
}

// LooksVIQR reports whether s is clearly VIQR: mostly ASCII, with enough
// words that carry VIQR marks inside them and decode to Vietnamese
// syllables.
func LooksVIQR(s string) bool {
	letters, nonASCII := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if r >= 0x80 {
				nonASCII++
			}
		}
	}
	if letters == 0 || nonASCII*20 > letters {
		return false
	}
	ws := strings.Fields(s)
	marked, good := 0, 0
	for _, w := range ws {
		if !viqrMarked(w) {
			continue
		}
		marked++
		d := strings.TrimRight(DecodeVIQR(w), ".,;:!?)\"'")
		d = strings.TrimLeft(d, "(\"'")
		if IsSyllable(d) {
			good++
		}
	}
	return marked >= 3 && good*10 >= marked*7 && marked*7 >= len(ws)
}

// viqrMarked reports whether w holds a VIQR mark inside the word or a
// shape mark after a vowel.
func viqrMarked(w string) bool {
	rs := []rune(w)
	if len(rs) > 2 && (rs[0] == 'd' || rs[0] == 'D') && (rs[1] == 'd' || rs[1] == 'D') && isVowel(rs[2]) {
		return true
	}
	for i := 1; i < len(rs); i++ {
		if !isVowel(rs[i-1]) {
			continue
		}
		if _, ok := viqrShape[rs[i]]; ok {
			return true
		}
		if _, ok := viqrTone[rs[i]]; ok && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			return true
		}
		if rs[i] == '\'' || rs[i] == '`' || rs[i] == '~' {
			return true
		}
	}
	return false
}
