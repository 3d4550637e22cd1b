package repair

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// variantsRef spells out every string the fold f becomes by one to
// maxEdits edits of the channel, each edit applied to the string as the
// edits before it left it, and keeps the folds of the vocabulary among
// them: the definition the trie walk of variantFolds must meet. A reading
// of two runes as one letter applies to two runes of f next to each other
// that no edit has touched, and its letter is edited no further.
func variantsRef(c *channel, f string, maxEdits int, floor float32, keep func(string) bool) []string {
	// a state is the runes with, for each, its place in f (-1: edited or
	// put in, -2: read from a pair of runes)
	type elem struct {
		r    rune
		orig int
	}
	enc := func(v []elem) string {
		var b []byte
		for _, e := range v {
			b = utf8.AppendRune(b, e.r)
			b = append(b, byte(e.orig+2))
		}
		return string(b)
	}
	str := func(v []elem) string {
		var b []byte
		for _, e := range v {
			b = utf8.AppendRune(b, e.r)
		}
		return string(b)
	}
	type state struct {
		v    []elem
		cost float32
	}
	var v0 []elem
	for i, r := range []rune(f) {
		v0 = append(v0, elem{r, i})
	}
	out := map[string]bool{}
	frontier := map[string]state{enc(v0): {v0, 0}}
	for step := 0; step < maxEdits; step++ {
		next := map[string]state{}
		try := func(v []elem, nc float32) {
			if nc < floor || len(v) == 0 {
				return
			}
			k := enc(v)
			if old, ok := next[k]; ok && nc <= old.cost {
				return
			}
			next[k] = state{v, nc}
		}
		splice := func(v []elem, i, j int, mid ...elem) []elem {
			return append(append(append([]elem{}, v[:i]...), mid...), v[j:]...)
		}
		for _, st := range frontier {
			v, cost := st.v, st.cost
			for i, x := range v {
				if x.orig == -2 {
					continue
				}
				es := c.edits[x.r]
				if !unicode.IsLetter(x.r) {
					es = c.symbolEdits(x.r)
				}
				for _, e := range es {
					if e.to == "" {
						try(splice(v, i, i+1), cost+e.logp)
					} else {
						try(splice(v, i, i+1, elem{firstRune(e.to), -1}), cost+e.logp)
					}
				}
				if i+1 < len(v) && x.orig >= 0 && v[i+1].orig == x.orig+1 {
					for _, e := range c.pairReach[[2]rune{x.r, v[i+1].r}] {
						try(splice(v, i, i+2, elem{e.to, -2}), cost+e.logp)
					}
				}
			}
			for i := 0; i <= len(v); i++ {
				for _, e := range c.inserts {
					try(splice(v, i, i, elem{firstRune(e.to), -1}), cost+e.logp)
				}
			}
		}
		for _, st := range next {
			if w := str(st.v); keep(w) && w != f {
				out[w] = true
			}
		}
		frontier = next
	}
	var l []string
	for v := range out {
		l = append(l, v)
	}
	slices.Sort(l)
	return l
}

// The trie walk finds exactly the folds that spelling out every edit
// finds, for one, two and three edits.
func TestVariantFolds(t *testing.T) {
	m, err := defaultModel()
	if err != nil {
		t.Fatal(err)
	}
	keep := func(v string) bool { _, ok := m.byFold[v]; return ok }
	for _, f := range []string{"ke", "thyc", "ban", "thuce", "vee", "ngudi", "s6", "d6i", "hi¢u", "cip", "ctiia", "xq", "dit", "ctta", "nhitng", "chitc"} {
		for ed := 1; ed <= 3; ed++ {
			if ed == 3 && len(f) > 4 {
				continue // the spelt-out search is too slow
			}
			floor := float32(-14)
			if ed == 3 {
				floor = -18
			}
			want := variantsRef(m.ch, f, ed, floor, keep)
			var got []string
			for _, k := range m.variantFolds(f, ed, floor, nil) {
				got = append(got, m.trie.folds[k])
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("variantFolds(%q, %d):\n got %q\nwant %q", f, ed, got, want)
			}
		}
	}
}
