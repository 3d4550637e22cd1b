package agency

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
)

// Names is what one document's agency columns print: how often each name
// and each abbreviation occurs. It is the strong prior Fix snaps a garbled
// name to, beside the lexicon: a plan names the same few bodies row after
// row, and OCR garbles one of them here and there.
type Names struct {
	names map[string]int // name as printed (spaces folded) → count
	abbrs map[string]int // abbreviation token → count
}

// NewNames counts the agency names of a document, each as Split gives it.
func NewNames(names []string) *Names {
	n := &Names{names: map[string]int{}, abbrs: map[string]int{}}
	for _, s := range names {
		s = normalize.Space(s)
		if s == "" {
			continue
		}
		n.names[s]++
		for _, t := range strings.Fields(s) {
			if c := trimPunct(t); isAbbrShape(c) {
				n.abbrs[c]++
			}
		}
	}
	return n
}

// Fix corrects the OCR misreadings of the agency names in a cell's text
// (one paragraph; "\n" inside it and the separators between names are
// kept), against the genre's abbreviations and the names the same
// document prints elsewhere (seen, which may be nil):
//
//   - symbols glued to a word, which no name holds ("Sở@ KH&CN");
//   - an abbreviation the genre does not know, one edit away from one
//     that the document prints more often ("Sở KH&GN", "Sở KH&CGN" → "Sở
//     KH&CN"; a genre abbreviation counts once more);
//   - a head word read as digits or symbols before the rest of a name the
//     document prints at least twice ("39 KH&CN" → "Sở KH&CN").
//
// Anything else is left as printed: a wrong correction reads as right,
// noise at least shows.
func Fix(text string, seen *Names) string {
	if seen == nil {
		seen = NewNames(nil)
	}
	// pieces between list separators, each with its separator
	var out strings.Builder
	start := 0
	for i, r := range text {
		if r == ';' {
			out.WriteString(fixPiece(text[start:i], seen))
			out.WriteRune(r)
			start = i + 1
		}
	}
	out.WriteString(fixPiece(text[start:], seen))
	return out.String()
}

// fixPiece fixes one name (or a comma list of names) between semicolons,
// keeping its spacing.
func fixPiece(p string, seen *Names) string {
	// tokens with the space before each
	type tok struct{ space, text string }
	var toks []tok
	rest := p
	for rest != "" {
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			toks = append(toks, tok{space: rest})
			break
		}
		j := strings.IndexFunc(rest[i:], unicode.IsSpace)
		if j < 0 {
			j = len(rest) - i
		}
		toks = append(toks, tok{rest[:i], rest[i : i+j]})
		rest = rest[i+j:]
	}
	changed := false
	for k := range toks {
		if t, ok := stripDebris(toks[k].text); ok {
			toks[k].text, changed = t, true
		}
		if t, ok := snapAbbr(toks[k].text, seen); ok {
			toks[k].text, changed = t, true
		}
	}
	// a garbled head before the rest of a name the document prints
	var words []int // indexes of the tokens with text
	for k, t := range toks {
		if t.text != "" {
			words = append(words, k)
		}
	}
	if len(words) >= 2 && garbledHead(toks[words[0]].text) {
		var tail []string
		for _, k := range words[1:] {
			tail = append(tail, toks[k].text)
		}
		if head, ok := seen.headOf(strings.Join(tail, " ")); ok {
			toks[words[0]].text, changed = head, true
		}
	}
	if !changed {
		return p
	}
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.space)
		b.WriteString(t.text)
	}
	return b.String()
}

// debris are symbols that OCR makes of specks and of letters' marks, and
// that no agency name holds.
const debris = "@§¢©®™°¤¦|~^*#$%+=<>\\_`¬•"

// stripDebris drops one or two debris symbols glued to either end of a
// word of letters: "Sở@" → "Sở".
func stripDebris(t string) (string, bool) {
	core := strings.Trim(t, debris)
	if core == t || core == "" || len(t)-len(core) > 4 {
		return t, false
	}
	n := 0
	for _, r := range t {
		if strings.ContainsRune(debris, r) {
			n++
		}
	}
	if n > 2 {
		return t, false
	}
	letters := strings.TrimRight(core, ",;.:)")
	letters = strings.TrimLeft(letters, "(")
	if letters == "" {
		return t, false
	}
	for _, r := range letters {
		if !unicode.IsLetter(r) && r != '&' && r != '-' {
			return t, false
		}
	}
	return core, true
}

// snapAbbr replaces an abbreviation the genre does not know by the one,
// one edit away, that the document prints more often than it (a genre
// abbreviation counting once more): OCR misreads the same letter now and
// then, and may misread it the same way twice in a long plan, but a body's
// own abbreviation is printed as such throughout.
func snapAbbr(t string, seen *Names) (string, bool) {
	core := trimPunct(t)
	if !isAbbrShape(core) || utf8.RuneCountInString(core) < 4 {
		return t, false
	}
	if _, ok := knownAbbr()[core]; ok {
		return t, false
	}
	var best string
	bestW, ties := 0, 0
	try := func(a string, w int) {
		if utf8.RuneCountInString(a) < 4 || normalize.RuneDistance(core, a) != 1 {
			return
		}
		switch {
		case w > bestW:
			best, bestW, ties = a, w, 0
		case w == bestW:
			ties++
		}
	}
	for a := range knownAbbr() {
		try(a, seen.abbrs[a]+1)
	}
	for a, c := range seen.abbrs {
		if _, ok := knownAbbr()[a]; !ok && a != core {
			try(a, c)
		}
	}
	if best == "" || ties > 0 || bestW <= seen.abbrs[core] {
		return t, false
	}
	return strings.Replace(t, core, best, 1), true
}

// knownAbbr is the set of the genre's abbreviations.
func knownAbbr() map[string]string {
	abbrRe() // fills full
	return full
}

// isAbbrShape reports whether a token is shaped like an abbreviation:
// capitals (two at least), with & or - between them.
func isAbbrShape(t string) bool {
	caps := 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			caps++
		case r == '&' || r == '-':
		default:
			return false
		}
	}
	return caps >= 2
}

// trimPunct trims list punctuation and brackets around a token.
func trimPunct(t string) string { return strings.Trim(t, ",;.:()") }

// garbledHead reports whether a name's first word is OCR noise: digits
// or symbols where a head word ("Sở", "Ban") stands.
func garbledHead(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) && r != '&' && r != '-' && r != '.' && r != ',' {
			return true
		}
	}
	return false
}

// headOf returns the head word of the one name, printed twice or more in
// the document, whose words after the head are tail.
func (n *Names) headOf(tail string) (string, bool) {
	var head string
	found := 0
	for name, c := range n.names {
		if c < 2 {
			continue
		}
		h, rest, ok := strings.Cut(name, " ")
		if !ok || rest != tail || garbledHead(h) {
			continue
		}
		if !IsAgency(name) {
			continue
		}
		if h != head {
			head = h
			found++
		}
	}
	return head, found == 1
}
