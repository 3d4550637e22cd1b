package vnenc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The detector decides between readings of a text by how many of its words
// are well-formed Vietnamese syllables: mojibake ("KÕ", "ho¹ch") breaks the
// spelling rules, the right reading keeps them. The rules are those of the
// written language (onsets, rhymes, tone on stopped rhymes), not a word
// list, so they hold for any document.

var onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}

// rhymes lists the written rhymes of Vietnamese without their tone mark.
var rhymes = func() map[string]bool {
	list := `a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên êng ênh êp êt êu
i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oem oen oeo oet oi om on ong oong ooc op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh ui um un ung uôc uôi uôm uôn uông uôt up ut uy uya uych uyên uyêt uynh uyt uyu uơ
ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu
y yêm yên yêng yêt yêu ynh yt ych`
	m := map[string]bool{}
	for _, r := range strings.Fields(list) {
		m[r] = true
	}
	return m
}()

// IsSyllable reports whether word (one word, any case, any normal form) is
// spelled as a Vietnamese syllable.
func IsSyllable(word string) bool {
	if word == "" || len(word) > 24 {
		return false
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 0xCC && c <= 0xCD {
			word = norm.NFC.String(word) // combining marks: compose first
			break
		}
	}
	var buf [24]byte
	b := buf[:0]
	tone := rune(0)
	for _, r := range word {
		base, t, ok := lowerBase(r)
		if !ok {
			return false
		}
		if t != 0 {
			if tone != 0 {
				return false
			}
			tone = t
		}
		b = utf8.AppendRune(b, base)
	}
	s := string(b)
	for _, on := range onsets {
		if !strings.HasPrefix(s, on) {
			continue
		}
		rest := s[len(on):]
		if on == "gi" && rest == "" {
			continue // "gì": g + i
		}
		if on == "qu" && rest == "" {
			continue
		}
		if !rhymes[rest] {
			continue
		}
		if !onsetFits(on, rest) {
			continue
		}
		if stopped(rest) && tone != 0 && tone != markAcute && tone != markDot {
			continue
		}
		return true
	}
	return false
}

// onsetFits applies the spelling rules that tie an onset to the vowel
// after it: k, gh, ngh before i, e, ê (and k before y); c, g, ng not.
func onsetFits(on, rest string) bool {
	first, _ := utf8.DecodeRuneInString(rest)
	front := first == 'i' || first == 'e' || first == 'ê'
	switch on {
	case "k":
		return front || first == 'y'
	case "gh", "ngh":
		return front
	case "c", "ng":
		return !front
	case "g":
		return !front || first == 'i' // "gì" is g + i
	case "qu":
		return first != 'u' && first != 'o'
	}
	return true
}

// stopped reports whether a rhyme ends in a stop consonant, which takes
// only the acute or the dot-below tone.
func stopped(rhyme string) bool {
	return strings.HasSuffix(rhyme, "c") || strings.HasSuffix(rhyme, "ch") ||
		strings.HasSuffix(rhyme, "p") || strings.HasSuffix(rhyme, "t")
}

// score counts, among the words of s that hold a character outside ASCII,
// those spelled as Vietnamese syllables (good) and those not (bad). Words
// of plain ASCII say nothing about the encoding and are not counted.
func score(s string) (good, bad int) {
	for _, w := range words(s) {
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			continue
		}
		if IsSyllable(w) {
			good++
		} else {
			bad++
		}
	}
	return good, bad
}

// words splits s at white space and at punctuation that no legacy encoding
// uses for a letter, so that a mojibake letter ("¹", "«") stays inside its
// word and spoils it.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		if unicode.IsSpace(r) {
			return true
		}
		if r < 0x80 {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}
		switch r {
		case '“', '”', '‘', '’', '–', '—', '…', '•':
			return true
		}
		return false
	})
}
