package diff

import (
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize"
)

// token is one word of a text field: a run of letters and digits (with
// their combining marks), as a key and as its span in the printed text.
// Punctuation and dashes of every kind ("-", "–", "—") are never tokens, so
// they never count as a difference; neither does a line wrapped after a
// hyphen ("NĐ-" "CP" and "NĐ-CP" give the same tokens).
type token struct {
	fold       string // diacritic-insensitive key (normalize.Fold)
	mark       string // lower case, marks kept, one tone style
	start, end int    // byte span in the printed text
}

// tokenizer splits texts into tokens and caches the keys of every word it
// has seen, since plans repeat their vocabulary endlessly.
type tokenizer struct {
	fold map[string]string
	mark map[string]string
}

func newTokenizer() *tokenizer {
	return &tokenizer{fold: map[string]string{}, mark: map[string]string{}}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokens splits s into its words.
func (z *tokenizer) tokens(s string) []token {
	var out []token
	start := -1
	emit := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		out = append(out, token{fold: z.foldKey(w), mark: z.markKey(w), start: start, end: end})
		start = -1
	}
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		emit(i)
	}
	emit(len(s))
	return out
}

func (z *tokenizer) foldKey(w string) string {
	if k, ok := z.fold[w]; ok {
		return k
	}
	k := normalize.Fold(w)
	z.fold[w] = k
	return k
}

func (z *tokenizer) markKey(w string) string {
	if k, ok := z.mark[w]; ok {
		return k
	}
	k := strings.ToLower(normalize.SetTone(normalize.NFC(w), normalize.ToneNew))
	z.mark[w] = k
	return k
}

// key is the comparison key of a whole text: its folded tokens joined by
// single spaces, so case, marks, punctuation and spacing never count.
func (z *tokenizer) key(s string) string {
	toks := z.tokens(s)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.fold)
	}
	return b.String()
}

// isNumeral reports whether a folded token numbers a heading: digits, a
// Roman numeral or a single letter ("a)", "b.").
func isNumeral(k string) bool {
	if k == "" {
		return false
	}
	digits, roman := true, true
	for _, r := range k {
		if r < '0' || r > '9' {
			digits = false
		}
		if !strings.ContainsRune("ivxlcdm", r) {
			roman = false
		}
	}
	if digits || roman {
		return true
	}
	return len([]rune(k)) == 1 && unicode.IsLetter([]rune(k)[0])
}

// unnumbered is the key of a heading with its numbering removed: "II. Nội
// dung" and "III. Nội dung" give the same key, and so do "Phụ lục I" and
// "Phụ lục II".
func unnumbered(key string) string {
	f := strings.Fields(key)
	var out []string
	for i, w := range f {
		if isNumeral(w) && (i == 0 || (i == 2 && f[0] == "phu" && f[1] == "luc") || (i > 0 && (f[i-1] == "phan" || f[i-1] == "muc" || f[i-1] == "chuong"))) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
