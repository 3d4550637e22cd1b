package vnenc

import (
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// parts is a Vietnamese letter taken apart: its base letter (case kept),
// its shape mark (circumflex, breve, horn) and its tone mark, as combining
// characters, 0 where absent.
type parts struct{ base, shape, tone rune }

var (
	lettersOnce sync.Once
	decomp      map[rune]parts // every Vietnamese vowel letter, đ, both cases
	recomp      map[parts]rune
)

func initLetters() {
	decomp = map[rune]parts{}
	recomp = map[parts]rune{}
	add := func(r rune) {
		d := []rune(norm.NFD.String(string(r)))
		p := parts{base: d[0]}
		for _, m := range d[1:] {
			switch m {
			case markCirc, markBreve, markHorn:
				p.shape = m
			default:
				p.tone = m
			}
		}
		decomp[r] = p
		recomp[p] = r
	}
	for _, r := range vietLetters() {
		add(r)
	}
	for _, r := range "aeiouyAEIOUY" {
		add(r)
	}
}

// split takes a letter apart; ok is false for anything that is not a
// Vietnamese vowel letter or đ.
func split(r rune) (parts, bool) {
	lettersOnce.Do(initLetters)
	p, ok := decomp[r]
	return p, ok
}

// join puts a letter together; ok is false when Vietnamese has no such
// letter.
func join(p parts) (rune, bool) {
	lettersOnce.Do(initLetters)
	r, ok := recomp[p]
	return r, ok
}

// isVowel reports whether r, with or without its marks, is a vowel that
// can carry a tone.
func isVowel(r rune) bool {
	p, ok := split(r)
	return ok && p.base != 'đ' && p.base != 'Đ'
}

// hasTone reports whether r carries a tone mark.
func hasTone(r rune) bool {
	p, _ := split(r)
	return p.tone != 0
}

// hasShape reports whether r carries a shape mark.
func hasShape(r rune) bool {
	p, _ := split(r)
	return p.shape != 0
}

// compose adds a shape or tone mark to a letter, or returns it unchanged
// where Vietnamese has no such letter.
func compose(r, mark rune) rune {
	p, ok := split(r)
	if !ok {
		return r
	}
	switch mark {
	case markCirc, markBreve, markHorn:
		p.shape = mark
	default:
		p.tone = mark
	}
	if c, ok := join(p); ok {
		return c
	}
	return r
}

// lowerBase returns the lower-case letter with its shape but no tone ("ố"
// gives 'ô') and the tone; ok is false for a rune that is not a letter of
// Vietnamese spelling.
func lowerBase(r rune) (base, tone rune, ok bool) {
	if r >= 'a' && r <= 'z' {
		return r, 0, true
	}
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A', 0, true
	}
	if r == 'đ' || r == 'Đ' {
		return 'đ', 0, true
	}
	p, found := split(r)
	if !found {
		return 0, 0, false
	}
	b, _ := join(parts{base: unicode.ToLower(p.base), shape: p.shape})
	return b, p.tone, true
}
