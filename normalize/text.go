// Package normalize holds the pure text functions of the toolkit: Unicode
// normalisation, diacritic folding for keys, tone-placement styles, and
// Vietnamese collation. Sub-packages restore OCR text (repair), read
// deadlines (deadline) and agency names (agency), and decode legacy
// encodings (vnenc).
package normalize

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C.
func NFC(s string) string { return norm.NFC.String(s) }

// Space collapses every run of white space to one space and trims the ends.
func Space(s string) string { return strings.Join(strings.Fields(s), " ") }

// Fold returns the key of s for diacritic-insensitive comparison: lower
// case, every mark removed, đ read as d, white space collapsed.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		return unicode.ToLower(r)
	}, out)
	return Space(out)
}

// ToneStyle says where the tone mark sits in the open syllables oa, oe, uy.
type ToneStyle int

const (
	// ToneNew puts the mark on the first vowel: hòa, hòe, thủy. It is the
	// toolkit's default, the style of most current documents.
	ToneNew ToneStyle = iota
	// ToneOld puts the mark on the second vowel: hoà, hoè, thuỷ.
	ToneOld
)

// tone marks as combining characters, in NFD.
const toneMarks = "\u0300\u0301\u0303\u0309\u0323"

// SetTone rewrites every syllable of s to the given tone-placement style.
// Syllables outside the oa/oe/uy open-syllable rule are left alone, and so
// is everything that is not a Vietnamese letter.
func SetTone(s string, style ToneStyle) string {
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			b.WriteString(setSyllableTone(s[start:end], style))
			start = -1
		}
	}
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteRune(r)
	}
	flush(len(s))
	return b.String()
}

// setSyllableTone moves the tone of one syllable (a run of letters).
func setSyllableTone(syl string, style ToneStyle) string {
	d := []rune(norm.NFD.String(syl))
	// Find the tone mark and strip it.
	tone := rune(0)
	var base []rune
	var marks [][]rune // combining marks other than tone after each base rune
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			if strings.ContainsRune(toneMarks, r) {
				if tone != 0 {
					return syl // two tones: not a syllable
				}
				tone = r
				continue
			}
			if len(marks) > 0 {
				marks[len(marks)-1] = append(marks[len(marks)-1], r)
			}
			continue
		}
		base = append(base, r)
		marks = append(marks, nil)
	}
	if tone == 0 || len(base) < 2 || len(base) > 5 {
		return syl
	}
	low := strings.ToLower(string(base))
	// Only the open syllables ending in oa, oe, uy (not after q: quý, quá).
	n := len(low)
	ending := ""
	for _, e := range []string{"oa", "oe", "uy"} {
		if strings.HasSuffix(low, e) {
			ending = e
		}
	}
	if ending == "" {
		return syl
	}
	if n >= 3 && low[n-3] == 'q' {
		return syl
	}
	// Only plain vowels (no circumflex, breve or horn) in the pair.
	if len(marks[len(base)-1]) > 0 || len(marks[len(base)-2]) > 0 {
		return syl
	}
	// Letters before the pair must be consonants (hòa, khỏe, thủy, but not
	// "ngoài"-like longer nuclei, which never end in these pairs anyway).
	for _, r := range low[:n-2] {
		if strings.ContainsRune("aeiouy", r) {
			if !(r == 'i' && n >= 4 && low[n-4:n-2] == "gi") {
				return syl
			}
		}
	}
	at := len(base) - 2 // ToneNew: first vowel of the pair
	if style == ToneOld {
		at = len(base) - 1
	}
	var out []rune
	for i, r := range base {
		out = append(out, r)
		out = append(out, marks[i]...)
		if i == at {
			out = append(out, tone)
		}
	}
	return norm.NFC.String(string(out))
}

// JoinLines joins the wrapped lines of a cell or paragraph ("\n"-separated)
// into one line: a line break becomes one space, except after a hyphen that
// splits a word or code ("NĐ-" + "CP" → "NĐ-CP") and inside a date that a
// narrow column broke in its year ("31/12/202" + "6" → "31/12/2026").
// White space is collapsed.
func JoinLines(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		l = Space(l)
		if l == "" {
			continue
		}
		cur := b.String()
		if b.Len() > 0 {
			if strings.HasSuffix(cur, "-") && !strings.HasSuffix(cur, " -") || yearBroken(cur, l) {
				// a split word, code or date: no space
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// yearBroken reports whether a line ending in a date cut inside its year
// ("31/12/202", "12/20") goes on with the year's other digits ("6", "26").
func yearBroken(left, right string) bool {
	m := cutYear.FindStringSubmatch(left)
	if m == nil {
		return false
	}
	n := 0
	for n < len(right) && right[n] >= '0' && right[n] <= '9' {
		n++
	}
	if n == 0 || len(m[1])+n != 4 || n < len(right) && strings.IndexByte("/-.", right[n]) >= 0 {
		return false
	}
	year := m[1] + right[:n]
	return strings.HasPrefix(year, "19") || strings.HasPrefix(year, "20")
}

// cutYear matches a date at the end of a line whose year has fewer than
// four digits: day/month/yy… or month/yy….
var cutYear = regexp.MustCompile(`(?:^|[^\d/])\d{1,2}/(?:\d{1,2}/)?(\d{1,3})$`)

// StripMarkup removes markdown emphasis marks (**bold**, __bold__, *italic*)
// around words, leaving the words.
func StripMarkup(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s
	}
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ReplaceAll(s, "__", "")
	// single * used as emphasis: *word* → word; a lone * (footnote mark) stays.
	return emphasis.ReplaceAllString(s, "$1")
}

var emphasis = regexp.MustCompile(`\*([^*\s](?:[^*]*[^*\s])?)\*`)

// EditDistance is the Levenshtein distance between two strings, counted in
// bytes: the fuzzy matching of OCR'd labels and names works on folded,
// ASCII text, where bytes are letters.
func EditDistance(a, b string) int { return levenshtein([]byte(a), []byte(b)) }

// RuneDistance is the Levenshtein distance between two strings counted in
// letters (runes), for text that keeps its diacritics.
func RuneDistance(a, b string) int { return levenshtein([]rune(a), []rune(b)) }

func levenshtein[T comparable](a, b []T) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
