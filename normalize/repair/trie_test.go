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
// them: the definition the trie walk of variantFolds must meet.
func variantsRef(c *channel, f string, maxEdits int, floor float32, keep func(string) bool) []string {
	out := map[string]bool{}
	frontier := map[string]float32{f: 0}
	var buf []byte
	for step := 0; step < maxEdits; step++ {
		next := map[string]float32{}
		try := func(nc float32) {
			if nc < floor || len(buf) == 0 {
				return
			}
			if old, ok := next[string(buf)]; ok && nc <= old {
				return
			}
			next[string(buf)] = nc
		}
		for v, cost := range frontier {
			for i, r := range v {
				size := utf8.RuneLen(r)
				es := c.edits[r]
				if !unicode.IsLetter(r) {
					es = c.symbolEdits(r)
				}
				for _, e := range es {
					buf = append(append(append(buf[:0], v[:i]...), e.to...), v[i+size:]...)
					try(cost + e.logp)
				}
			}
			for i := 0; i <= len(v); i++ {
				if i < len(v) && !utf8.RuneStart(v[i]) {
					continue
				}
				for _, e := range c.inserts {
					buf = append(append(append(buf[:0], v[:i]...), e.to...), v[i:]...)
					try(cost + e.logp)
				}
			}
		}
		for v := range next {
			if keep(v) && v != f {
				out[v] = true
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
	for _, f := range []string{"ke", "thyc", "ban", "thuce", "vee", "ngudi", "s6", "d6i", "hi¢u", "cip", "ctiia", "xq"} {
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
