package main

import (
	"math"
	"slices"
	"testing"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
)

// TestKneserNeySumsToOne builds a trigram model from a small stream without
// pruning and checks that p(w | a b), read the way the decoder reads it
// (stored n-gram, else back-off weight times the lower order), sums to one
// over the vocabulary for every context.
func TestKneserNeySumsToOne(t *testing.T) {
	const sep = math.MaxUint32
	V := 10 // 6 special ids + 4 words
	var stream []uint32
	seq := [][]uint32{{6, 7, 8}, {6, 7, 9}, {7, 8, 6, 7}, {9, 9, 8}, {6, 8}, {6, 7, 8}, {8, 7, 6}}
	for _, s := range seq {
		stream = append(stream, s...)
		stream = append(stream, sep)
	}
	m := buildLM(stream, sep, V, 3, []int{0, 0, 1, 1, 1})
	find := func(n int, k uint64) int {
		keys := m.Levels[n].Keys
		i, ok := slices.BinarySearch(keys, k)
		if !ok {
			return -1
		}
		return i
	}
	p2 := func(b, w uint32) float64 {
		if i := find(2, uint64(b)<<16|uint64(w)); i >= 0 {
			return float64(m.Levels[2].QP[m.Levels[2].P[i]])
		}
		return float64(m.UniG[b] + m.UniP[w])
	}
	p3 := func(a, b, w uint32) float64 {
		if i := find(3, (uint64(a)<<16|uint64(b))<<16|uint64(w)); i >= 0 {
			return float64(m.Levels[3].QP[m.Levels[3].P[i]])
		}
		g := 0.0
		if i := find(2, uint64(a)<<16|uint64(b)); i >= 0 {
			g = float64(m.Levels[2].QG[m.Levels[2].G[i]])
		}
		return g + p2(b, w)
	}
	for _, ctx := range [][2]uint32{{lmfile.BOS, lmfile.BOS}, {lmfile.BOS, 6}, {6, 7}, {7, 8}, {9, 9}, {8, 6}} {
		sum := 0.0
		for w := uint32(1); w < uint32(V); w++ { // every word but <s>
			sum += math.Exp(p3(ctx[0], ctx[1], w))
		}
		if math.Abs(sum-1) > 0.03 {
			t.Errorf("context %v: probabilities sum to %.4f", ctx, sum)
		}
	}
	// unigram distribution too
	sum := 0.0
	for w := 1; w < V; w++ {
		sum += math.Exp(float64(m.UniP[w]))
	}
	if math.Abs(sum-1) > 0.01 {
		t.Errorf("unigrams sum to %.4f", sum)
	}
}

func TestStopFinal(t *testing.T) {
	for w, want := range map[string]bool{"thuat": true, "cach": true, "tap": true, "ban": false, "ch": false, "internet": true} {
		if stopFinal(w) != want {
			t.Errorf("stopFinal(%q) = %v", w, !want)
		}
	}
}
