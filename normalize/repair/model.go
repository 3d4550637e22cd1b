package repair

import (
	_ "embed"
	"fmt"
	"math"
	"sync"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
)

// modelData is the built model (make model); see internal/lmfile for its
// format and internal/buildmodel for how it is made.
//
//go:embed model.bin
var modelData []byte

// model is the decoded model, ready for look-ups.
type model struct {
	vocab  []string
	ids    map[string]uint32   // key → id
	byFold map[string][]uint32 // fold → ids, most probable first
	// vietFold holds the folds of marked words: the unmarked forms that
	// are Vietnamese syllables.
	vietFold map[string]bool
	uniP     []float32
	uniG     []float32
	// the n-grams as a trie (see lmfile.Model)
	biStart  []uint32
	biW2     []uint32
	biP, biG []uint8
	triStart []uint32
	triW3    []uint32
	triP     []uint8
	biHash   []biSlot // (w1, w2) → bigram index, open addressing
	biShift  uint
	qBiP     [256]float32
	qBiG     [256]float32
	qTriP    [256]float32
	ch       *channel
	codes    map[string]uint32
	meta     string
}

var (
	loadOnce  sync.Once
	loaded    *model
	loadErr   error
	modelSize = len(modelData)
)

// defaultModel returns the embedded model, decoding it on first use.
func defaultModel() (*model, error) {
	loadOnce.Do(func() {
		loaded, loadErr = loadModel(modelData)
	})
	return loaded, loadErr
}

func loadModel(data []byte) (*model, error) {
	f, err := lmfile.Read(data)
	if err != nil {
		return nil, fmt.Errorf("repair: model: %w", err)
	}
	if len(f.Vocab) >= 1<<16-1 {
		return nil, fmt.Errorf("repair: model: vocabulary of %d words is over 65534", len(f.Vocab))
	}
	m := &model{
		vocab: f.Vocab,
		ids:   make(map[string]uint32, len(f.Vocab)),
		uniP:  f.UniP,
		uniG:  f.UniG,
		meta:  f.Meta,
		codes: make(map[string]uint32, len(f.Codes)),
	}
	m.byFold = make(map[string][]uint32, len(f.Vocab))
	m.vietFold = make(map[string]bool, len(f.Vocab))
	for i, w := range f.Vocab {
		if i < lmfile.FirstWord {
			continue
		}
		m.ids[w] = uint32(i)
		k := vn.Fold(w)
		m.byFold[k] = append(m.byFold[k], uint32(i)) // ids are in frequency order
		if k != w {
			m.vietFold[k] = true
		}
	}
	m.biStart, m.biW2, m.biP, m.biG = f.BiStart, f.BiW2, f.BiP, f.BiG
	m.triStart, m.triW3, m.triP = f.TriStart, f.TriW3, f.TriP
	m.qBiP, m.qBiG, m.qTriP = f.QBiP, f.QBiG, f.QTriP
	m.buildBiHash()
	for _, c := range f.Codes {
		m.codes[c.Seg] = c.Count
	}
	m.ch = newChannel(f.Subs, f.StripPrior)
	return m, nil
}

// search returns the index of x in the sorted ids[lo:hi], or -1.
func search(ids []uint32, lo, end int, x uint32) int {
	hi := end
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ids[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < end && ids[lo] == x {
		return lo
	}
	return -1
}

// biSlot is one slot of the bigram hash: the key plus one (0 = empty) and
// the bigram's index.
type biSlot struct {
	key uint32
	idx uint32
}

func (m *model) buildBiHash() {
	size, bits := 2, uint(1)
	for size < len(m.biW2)*3/2 {
		size <<= 1
		bits++
	}
	m.biHash = make([]biSlot, size)
	m.biShift = 64 - bits
	mask := uint64(size - 1)
	for a := 0; a+1 < len(m.biStart); a++ {
		for k := m.biStart[a]; k < m.biStart[a+1]; k++ {
			key := uint32(a)<<16 | m.biW2[k] + 1
			i := (uint64(key) * 0x9E3779B97F4A7C15) >> m.biShift
			for m.biHash[i].key != 0 {
				i = (i + 1) & mask
			}
			m.biHash[i] = biSlot{key, k}
		}
	}
}

// findBi returns the index of the bigram (a, b), or -1.
func (m *model) findBi(a, b uint32) int {
	if a >= 1<<16-1 || b >= 1<<16 {
		return -1
	}
	key := a<<16 | b + 1
	mask := uint64(len(m.biHash) - 1)
	i := (uint64(key) * 0x9E3779B97F4A7C15) >> m.biShift
	for {
		s := &m.biHash[i]
		if s.key == key {
			return int(s.idx)
		}
		if s.key == 0 {
			return -1
		}
		i = (i + 1) & mask
	}
}

// bigram returns log p(c | b).
func (m *model) bigram(b, c uint32) float32 {
	if k := m.findBi(b, c); k >= 0 {
		return m.qBiP[m.biP[k]]
	}
	return m.uniG[b] + m.uniP[c]
}

// context returns the trie index of the trigram context (a, b), or -1,
// and its back-off weight.
func (m *model) context(a, b uint32) (int, float32) {
	if k := m.findBi(a, b); k >= 0 {
		return k, m.qBiG[m.biG[k]]
	}
	return -1, 0
}

// trigram returns log p(c | a b) given the context from context and
// log p(c | b).
func (m *model) trigram(k int, c uint32, ctx, bi float32) float32 {
	if k >= 0 {
		if i := search(m.triW3, int(m.triStart[k]), int(m.triStart[k+1]), c); i >= 0 {
			return m.qTriP[m.triP[i]]
		}
	}
	return ctx + bi
}

// logProb returns log p(c | a b), for tests and scoring.
func (m *model) logProb(a, b, c uint32) float32 {
	k, ctx := m.context(a, b)
	return m.trigram(k, c, ctx, m.bigram(b, c))
}

// foldCands returns the ids of the words with the given fold.
func (m *model) foldCands(fold string) []uint32 { return m.byFold[fold] }

var negInf = float32(math.Inf(-1))
