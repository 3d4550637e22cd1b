package main

import (
	"log"
	"math"
	"slices"
	"sort"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
)

// Word ids are packed 16 bits each, the last word in the low bits, so an
// n-gram of up to four words is one uint64.
const idBits = 16

func suffixMask(n int) uint64 {
	if n >= 4 {
		return math.MaxUint64
	}
	return 1<<(idBits*uint(n)) - 1
}

// level holds the n-grams of one order: sorted keys, raw counts, the
// counts Kneser-Ney uses (raw at the top order, continuation below),
// interpolated log-probabilities and, as contexts, back-off log-weights.
type level struct {
	keys  []uint64
	raw   []uint32
	kn    []uint32
	logp  []float64
	gamma map[uint64]float64 // context (this order) → log γ
}

func (l *level) find(k uint64) int {
	i := sort.Search(len(l.keys), func(i int) bool { return l.keys[i] >= k })
	if i < len(l.keys) && l.keys[i] == k {
		return i
	}
	return -1
}

// buildLM counts the n-grams of the stream (segments ended by sep, word ids
// already final), estimates an interpolated modified Kneser-Ney model of the
// given order and prunes it by raw count.
func buildLM(stream []uint32, sep uint32, V, order int, minCount []int) *lmfile.Model {
	// top-order occurrences over segments padded with order-1 <s>
	var occ []uint64
	var hist uint64
	reset := func() {
		hist = 0
		for i := 0; i < order-1; i++ {
			hist = hist<<idBits | lmfile.BOS
		}
	}
	reset()
	mask := suffixMask(order)
	for _, id := range stream {
		if id == sep {
			occ = append(occ, (hist<<idBits|lmfile.EOS)&mask)
			reset()
			continue
		}
		k := (hist<<idBits | uint64(id)) & mask
		occ = append(occ, k)
		hist = k & suffixMask(order-1)
	}
	slices.Sort(occ)
	levels := make([]*level, order+1)
	top := &level{}
	for i := 0; i < len(occ); {
		j := i
		for j < len(occ) && occ[j] == occ[i] {
			j++
		}
		top.keys = append(top.keys, occ[i])
		top.raw = append(top.raw, uint32(j-i))
		top.kn = append(top.kn, uint32(j-i))
		i = j
	}
	occ = nil
	levels[order] = top
	log.Printf("order %d: %d types", order, len(top.keys))
	bosPrefix := func(k uint64, n int) bool { return k>>(idBits*uint(n-1)) == lmfile.BOS }
	// lower orders: suffixes of the order above
	for n := order - 1; n >= 1; n-- {
		up := levels[n+1]
		type sfx struct {
			k       uint64
			raw, kn uint32
		}
		s := make([]sfx, len(up.keys))
		for i, k := range up.keys {
			w := uint32(1)
			if bosPrefix(k&suffixMask(n), n) {
				w = up.raw[i] // nothing precedes <s>: its count is its own
			}
			s[i] = sfx{k & suffixMask(n), up.raw[i], w}
		}
		slices.SortFunc(s, func(a, b sfx) int {
			switch {
			case a.k < b.k:
				return -1
			case a.k > b.k:
				return 1
			}
			return 0
		})
		l := &level{}
		for i := 0; i < len(s); {
			j := i
			var raw, kn uint32
			for j < len(s) && s[j].k == s[i].k {
				raw += s[j].raw
				kn += s[j].kn
				j++
			}
			// (<s> … <s>) as a suffix is padding, not an n-gram
			if !(s[i].k>>(idBits*uint(n-1)) == lmfile.BOS && s[i].k&0xffff == lmfile.BOS) || n == 1 {
				l.keys = append(l.keys, s[i].k)
				l.raw = append(l.raw, raw)
				l.kn = append(l.kn, kn)
			}
			i = j
		}
		levels[n] = l
		log.Printf("order %d: %d types", n, len(l.keys))
	}
	// discounts per order
	D := make([][4]float64, order+1)
	for n := 1; n <= order; n++ {
		D[n] = discounts(func(yield func(uint32)) {
			for _, c := range levels[n].kn {
				yield(c)
			}
		})
		log.Printf("order %d discounts %.3f %.3f %.3f", n, D[n][1], D[n][2], D[n][3])
	}
	// unigrams, interpolated with the uniform distribution
	uni := levels[1]
	p1 := make([]float64, V)
	{
		var S float64
		var nn [4]float64
		for _, c := range uni.kn {
			S += float64(c)
			nn[min(int(c), 3)]++
		}
		g := (D[1][1]*nn[1] + D[1][2]*nn[2] + D[1][3]*nn[3]) / S
		for w := range p1 {
			p1[w] = g / float64(V-1) // every word but <s>, which is never predicted
		}
		for i, k := range uni.keys {
			p1[k] += math.Max(float64(uni.kn[i])-disc(D[1], uni.kn[i]), 0) / S
		}
		p1[lmfile.BOS] = 1e-9
		uni.logp = make([]float64, len(uni.keys))
		for i, k := range uni.keys {
			uni.logp[i] = math.Log(p1[k])
		}
	}
	// lower-order probability of the suffix, for interpolation
	lowerP := func(n int, k uint64) float64 {
		if n == 1 {
			return p1[k&0xffff]
		}
		l := levels[n]
		if i := l.find(k); i >= 0 {
			return math.Exp(l.logp[i])
		}
		// unseen: back off through the context's γ
		ctx := k >> idBits
		g := 1.0
		if lg, ok := l.gamma[ctx]; ok {
			g = math.Exp(lg)
		}
		return g * lowerPRec(levels, p1, n-1, k&suffixMask(n-1))
	}
	for n := 2; n <= order; n++ {
		l := levels[n]
		l.logp = make([]float64, len(l.keys))
		l.gamma = map[uint64]float64{}
		for i := 0; i < len(l.keys); {
			ctx := l.keys[i] >> idBits
			j := i
			var S float64
			var nn [4]float64
			for j < len(l.keys) && l.keys[j]>>idBits == ctx {
				S += float64(l.kn[j])
				nn[min(int(l.kn[j]), 3)]++
				j++
			}
			g := (D[n][1]*nn[1] + D[n][2]*nn[2] + D[n][3]*nn[3]) / S
			l.gamma[ctx] = math.Log(g)
			for k := i; k < j; k++ {
				p := math.Max(float64(l.kn[k])-disc(D[n], l.kn[k]), 0)/S + g*lowerP(n-1, l.keys[k]&suffixMask(n-1))
				l.logp[k] = math.Log(p)
			}
			i = j
		}
	}
	// prune top-down: an n-gram stays if seen often enough, and so does
	// every prefix of one that stays
	keep := make([]map[uint64]bool, order+1)
	for n := order; n >= 2; n-- {
		keep[n] = map[uint64]bool{}
		l := levels[n]
		for i, k := range l.keys {
			if l.raw[i] >= uint32(minCount[n]) {
				keep[n][k] = true
			}
		}
		if n < order {
			for k := range keep[n+1] {
				keep[n][k>>idBits] = true
			}
		}
	}
	m := &lmfile.Model{Order: order}
	m.UniP = make([]float32, V)
	m.UniG = make([]float32, V)
	for w := 0; w < V; w++ {
		m.UniP[w] = float32(math.Log(p1[w]))
		if g, ok := levels[2].gamma[uint64(w)]; ok {
			m.UniG[w] = float32(g)
		}
	}
	// levels 2..order as a trie: children of each kept node of the level
	// above, in key order
	m.Levels = make([]lmfile.Level, order+1)
	for n := 2; n <= order; n++ {
		keys := make([]uint64, 0, len(keep[n]))
		for k := range keep[n] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		l := levels[n]
		var up map[uint64]bool
		if n < order {
			up = map[uint64]bool{}
			for k := range keep[n+1] {
				up[k>>idBits] = true
			}
		}
		lp := make([]float32, len(keys))
		lg := make([]float32, len(keys))
		var lv lmfile.Level
		lv.Keys = keys
		for i, k := range keys {
			if j := l.find(k); j >= 0 {
				lp[i] = float32(l.logp[j])
			} else {
				lp[i] = float32(math.Log(1e-9)) // a context only (<s> <s> <s>)
			}
			if n < order {
				if g, ok := levels[n+1].gamma[k]; ok {
					lg[i] = float32(g)
				}
			}
		}
		var qp []uint8
		qp, lv.QP = lmfile.Quantize(lp)
		lv.P = qp
		if n < order {
			lv.G, lv.QG = lmfile.Quantize(lg)
		}
		m.Levels[n] = lv
		log.Printf("order %d: stored %d", n, len(keys))
	}
	return m
}

// lowerPRec is the back-off chain for an unseen n-gram.
func lowerPRec(levels []*level, p1 []float64, n int, k uint64) float64 {
	if n == 1 {
		return p1[k&0xffff]
	}
	l := levels[n]
	if i := l.find(k); i >= 0 {
		return math.Exp(l.logp[i])
	}
	g := 1.0
	if lg, ok := l.gamma[k>>idBits]; ok {
		g = math.Exp(lg)
	}
	return g * lowerPRec(levels, p1, n-1, k&suffixMask(n-1))
}
