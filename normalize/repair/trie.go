package repair

import (
	"math/bits"
	"slices"
	"sync"
	"unicode"
)

// foldTrie holds the folds of the vocabulary (its words without marks) as
// a trie, so that the folds a garbled token may stand for are found by
// walking the trie with an edit budget instead of spelling out every edit
// of the token and looking each up.
type foldTrie struct {
	// the edges of node n are label[first[n]:first[n+1]], sorted, leading
	// to child[…]; node 0 is the root
	first []uint32
	label []rune
	child []uint32
	// az has bit r-'a' set when node n has an edge along the letter r of
	// a–z; that edge is the azAt[n]+(set bits below it)-th
	az   []uint32
	azAt []uint32
	// fold is the index into folds of the fold that ends at each node, or
	// -1
	fold  []int32
	folds []string   // fold index → fold
	ids   [][]uint32 // fold index → word ids, most probable first
	// spell is each fold's letters as indexes into alpha, the letters of
	// the folds (0 = nothing)
	spell [][]uint8
	alpha []rune
	// viet says the fold is the unmarked form of a marked word (a
	// Vietnamese syllable with its marks lost)
	viet []bool
}

// newFoldTrie builds the trie of the folds of byFold.
func newFoldTrie(byFold map[string][]uint32) *foldTrie {
	folds := make([]string, 0, len(byFold))
	for f := range byFold {
		folds = append(folds, f)
	}
	slices.Sort(folds)
	t := &foldTrie{folds: folds, ids: make([][]uint32, len(folds)), viet: make([]bool, len(folds))}
	// build with per-node edge lists, then pack them
	type edge struct {
		r rune
		n uint32
	}
	edges := [][]edge{nil}
	fold := []int32{-1}
	for fi, f := range folds {
		t.ids[fi] = byFold[f]
		n := uint32(0)
		for _, r := range f {
			next := uint32(0)
			for _, e := range edges[n] {
				if e.r == r {
					next = e.n
					break
				}
			}
			if next == 0 {
				next = uint32(len(edges))
				edges = append(edges, nil)
				fold = append(fold, -1)
				edges[n] = append(edges[n], edge{r, next})
			}
			n = next
		}
		fold[n] = int32(fi)
	}
	t.fold = fold
	at := map[rune]uint8{}
	t.alpha = []rune{0}
	t.spell = make([][]uint8, len(folds))
	for fi, f := range folds {
		sp := make([]uint8, 0, len(f))
		for _, r := range f {
			a, ok := at[r]
			if !ok && len(t.alpha) < 255 {
				a = uint8(len(t.alpha))
				at[r] = a
				t.alpha = append(t.alpha, r)
			}
			sp = append(sp, a) // 0 past 254 letters: no bound is drawn from it
		}
		t.spell[fi] = sp
	}
	t.first = make([]uint32, len(edges)+1)
	t.az = make([]uint32, len(edges))
	t.azAt = make([]uint32, len(edges))
	for n, es := range edges {
		slices.SortFunc(es, func(a, b edge) int { return int(a.r) - int(b.r) })
		t.first[n] = uint32(len(t.label))
		t.azAt[n] = uint32(len(t.label))
		for _, e := range es {
			if e.r < 'a' {
				t.azAt[n]++
			} else if e.r <= 'z' {
				t.az[n] |= 1 << (e.r - 'a')
			}
			t.label = append(t.label, e.r)
			t.child = append(t.child, e.n)
		}
	}
	t.first[len(edges)] = uint32(len(t.label))
	return t
}

// next returns the child of node n along r, or -1.
func (t *foldTrie) next(n int32, r rune) int32 {
	if r >= 'a' && r <= 'z' {
		bit := uint32(1) << (r - 'a')
		az := t.az[n]
		if az&bit == 0 {
			return -1
		}
		return int32(t.child[t.azAt[n]+uint32(bits.OnesCount32(az&(bit-1)))])
	}
	lo, hi := t.first[n], t.first[n+1]
	for lo < hi {
		mid := (lo + hi) >> 1
		switch l := t.label[mid]; {
		case l == r:
			return int32(t.child[mid])
		case l < r:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return -1
}

// lookup returns the index of fold f, or -1.
func (t *foldTrie) lookup(f string) int32 {
	n := int32(0)
	for _, r := range f {
		if n = t.next(n, r); n < 0 {
			return -1
		}
	}
	return t.fold[n]
}

// walker finds the folds of the vocabulary within a few edits of an OCR
// fold: the runes of the OCR fold are matched, replaced by what the
// channel says they may stand for (or dropped), and letters the OCR tends
// to lose are put in, along the paths of the trie only.
type walker struct {
	t     *foldTrie
	c     *channel
	o     []rune
	reach [][]reach // per OCR rune, what it may stand for
	// per OCR rune, what it and the next may stand for as one letter
	pairs [][]reach
	floor float32
	self  int32 // the OCR fold's own index, left out of the results
	// stamp[k] == gen marks fold k found
	stamp []uint32
	gen   uint32
	found []int32
}

var walkerPool = sync.Pool{New: func() any { return new(walker) }}

// variantFolds returns the indexes of the folds that the OCR fold f may
// stand for by one to maxEdits edits (not f itself), each no costlier
// than floor in total, in the order found.
func (m *model) variantFolds(f string, maxEdits int, floor float32, out []int32) []int32 {
	w := walkerPool.Get().(*walker)
	defer walkerPool.Put(w)
	t := m.trie
	w.t, w.c, w.floor = t, m.ch, floor
	w.o = w.o[:0]
	w.reach = w.reach[:0]
	for _, r := range f {
		w.o = append(w.o, r)
		if r < 0x80 {
			w.reach = append(w.reach, m.ch.asciiReach[r])
		} else {
			w.reach = append(w.reach, m.ch.runeReach(r))
		}
	}
	w.pairs = w.pairs[:0]
	for i := range w.o {
		var p []reach
		if i+1 < len(w.o) && m.ch.pairReach != nil {
			p = m.ch.pairReach[[2]rune{w.o[i], w.o[i+1]}]
		}
		w.pairs = append(w.pairs, p)
	}
	w.self = t.lookup(f)
	if len(w.stamp) != len(t.folds) {
		w.stamp = make([]uint32, len(t.folds))
		w.gen = 0
	}
	w.gen++
	if w.gen == 0 {
		clear(w.stamp)
		w.gen = 1
	}
	w.found = w.found[:0]
	w.walk(0, 0, 0, maxEdits)
	return append(out, w.found...)
}

// walk extends the path ending at node n, having read the OCR runes
// before i at cost cost, with left edits still allowed.
func (w *walker) walk(n int32, i int, cost float32, left int) {
	t := w.t
	if i == len(w.o) {
		if k := t.fold[n]; k >= 0 && k != w.self && n != 0 {
			if w.stamp[k] != w.gen {
				w.stamp[k] = w.gen
				w.found = append(w.found, k)
			}
		}
	} else if c := t.next(n, w.o[i]); c >= 0 {
		w.walk(c, i+1, cost, left)
	}
	if left == 0 {
		return
	}
	if i < len(w.o) {
		for _, e := range w.reach[i] {
			nc := cost + e.logp
			if int(e.n) > left || nc < w.floor {
				continue
			}
			if e.to == 0 {
				w.walk(n, i+1, nc, left-int(e.n))
			} else if c := t.next(n, e.to); c >= 0 {
				w.walk(c, i+1, nc, left-int(e.n))
			}
		}
	}
	if i+1 < len(w.o) {
		for _, e := range w.pairs[i] {
			nc := cost + e.logp
			if nc < w.floor {
				continue
			}
			if c := t.next(n, e.to); c >= 0 {
				w.walk(c, i+2, nc, left-1)
			}
		}
	}
	for _, e := range w.c.insReach {
		nc := cost + e.logp
		if int(e.n) > left || nc < w.floor {
			continue
		}
		if c := t.next(n, e.to); c >= 0 {
			w.walk(c, i, nc, left-int(e.n))
		}
	}
}

// reach is what one OCR rune may stand for in the truth's fold (0:
// nothing, the rune is debris), and the log-cost of the n edits that take
// it there. Edits chain: an OCR "e" may be an "o" (one edit), or nothing
// by way of an "o" read into it (two).
type reach struct {
	to   rune
	logp float32
	n    uint8
}

// maxChain is the longest chain of edits worked out for one rune: the
// most edits a token is given.
const maxChain = 3

// chain extends states (rune, cost) by up to maxChain edits and returns
// every rune reached other than self, at the best cost for each number of
// edits, less those a cheaper chain of no more edits beats.
func (c *channel) chain(start []reach, self rune) []reach {
	type key struct {
		to rune
		n  uint8
	}
	best := map[key]float32{}
	frontier := start
	for _, s := range start {
		k := key{s.to, s.n}
		if old, ok := best[k]; !ok || s.logp > old {
			best[k] = s.logp
		}
	}
	for depth := uint8(2); depth <= maxChain; depth++ {
		var next []reach
		for _, s := range frontier {
			if s.to == 0 {
				continue // nothing left to misread
			}
			for _, e := range c.runeEdits(s.to) {
				x := reach{to: firstRune(e.to), logp: s.logp + e.logp, n: depth}
				k := key{x.to, depth}
				if old, ok := best[k]; ok && old >= x.logp {
					continue
				}
				best[k] = x.logp
				next = append(next, x)
			}
		}
		frontier = next
	}
	var out []reach
	for k, p := range best {
		if k.to == self {
			continue
		}
		dominated := false
		for n := uint8(1); n < k.n; n++ {
			if q, ok := best[key{k.to, n}]; ok && q >= p {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, reach{k.to, p, k.n})
		}
	}
	slices.SortFunc(out, func(a, b reach) int {
		switch {
		case a.n != b.n:
			return int(a.n) - int(b.n)
		case a.to != b.to:
			return int(a.to) - int(b.to)
		}
		return 0
	})
	return out
}

// runeEdits returns the fold-level edits of one OCR rune: the learned
// ones, and for a digit or symbol the generic ones too.
func (c *channel) runeEdits(r rune) []edit {
	if !unicode.IsLetter(r) {
		return c.symbolEdits(r)
	}
	return c.edits[r]
}

// runeReach returns what the OCR rune r may stand for (memoised).
func (c *channel) runeReach(r rune) []reach {
	c.symMu.Lock()
	rs, ok := c.reach[r]
	c.symMu.Unlock()
	if ok {
		return rs
	}
	var start []reach
	for _, e := range c.runeEdits(r) {
		start = append(start, reach{to: firstRune(e.to), logp: e.logp, n: 1})
	}
	rs = c.chain(start, r)
	c.symMu.Lock()
	c.reach[r] = rs
	c.symMu.Unlock()
	return rs
}

// prepareReach works out what every rune the channel knows may stand
// for, and what may stand where the OCR shows nothing.
func (c *channel) prepareReach() {
	c.reach = map[rune][]reach{}
	for r := rune(0); r < 0x80; r++ {
		c.asciiReach[r] = c.runeReach(r)
	}
	for r := range c.edits {
		c.runeReach(r)
	}
	var start []reach
	for _, e := range c.inserts {
		start = append(start, reach{to: firstRune(e.to), logp: e.logp, n: 1})
	}
	c.insReach = nil
	for _, x := range c.chain(start, 0) {
		if x.to != 0 {
			c.insReach = append(c.insReach, x)
		}
	}
}
