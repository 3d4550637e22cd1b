package repair

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
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
	uniP   []float32
	uniG   []float32
	bi     hashTable // (w1,w2) → p, g
	tri    hashTable // (w1,w2,w3) → p
	ch     *channel
	codes  map[string]uint32
	meta   string
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
	m.bi = newHashTable(len(f.Bi), true)
	for _, b := range f.Bi {
		m.bi.put(key2(b.W1, b.W2), f.QBiP[b.P], f.QBiG[b.G])
	}
	m.tri = newHashTable(len(f.Tri), false)
	for _, t := range f.Tri {
		m.tri.put(key3(t.W1, t.W2, t.W3), f.QTriP[t.P], 0)
	}
	for _, c := range f.Codes {
		m.codes[c.Seg] = c.Count
	}
	m.ch = newChannel(f.Subs, f.StripPrior)
	return m, nil
}

func key2(a, b uint32) uint64    { return uint64(a)<<21 | uint64(b) }
func key3(a, b, c uint32) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// hashTable is an open-addressing table from packed n-gram keys to
// log-probabilities (and back-off weights).
type hashTable struct {
	keys  []uint64 // key+1; 0 = empty
	p     []float32
	g     []float32
	mask  uint64
	shift uint
}

func newHashTable(n int, withG bool) hashTable {
	size := 1
	bits := uint(0)
	for size < n*2 {
		size <<= 1
		bits++
	}
	if bits == 0 {
		bits = 1
		size = 2
	}
	t := hashTable{keys: make([]uint64, size), p: make([]float32, size), mask: uint64(size - 1), shift: 64 - bits}
	if withG {
		t.g = make([]float32, size)
	}
	return t
}

func (t *hashTable) slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> t.shift }

func (t *hashTable) put(k uint64, p, g float32) {
	k++
	i := t.slot(k)
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & t.mask
	}
	t.keys[i] = k
	t.p[i] = p
	if t.g != nil {
		t.g[i] = g
	}
}

// get returns the slot of k, or -1.
func (t *hashTable) get(k uint64) int {
	k++
	i := t.slot(k)
	for {
		switch t.keys[i] {
		case k:
			return int(i)
		case 0:
			return -1
		}
		i = (i + 1) & t.mask
	}
}

// bigram returns log p(c | b).
func (m *model) bigram(b, c uint32) float32 {
	if i := m.bi.get(key2(b, c)); i >= 0 {
		return m.bi.p[i]
	}
	return m.uniG[b] + m.uniP[c]
}

// context returns the back-off weight of the trigram context (a, b).
func (m *model) context(a, b uint32) float32 {
	if i := m.bi.get(key2(a, b)); i >= 0 {
		return m.bi.g[i]
	}
	return 0
}

// trigram returns log p(c | a b) given the back-off weight of (a, b) and
// log p(c | b).
func (m *model) trigram(a, b, c uint32, ctx, bi float32) float32 {
	if i := m.tri.get(key3(a, b, c)); i >= 0 {
		return m.tri.p[i]
	}
	return ctx + bi
}

// logProb returns log p(c | a b), for tests and scoring.
func (m *model) logProb(a, b, c uint32) float32 {
	return m.trigram(a, b, c, m.context(a, b), m.bigram(b, c))
}

// foldCands returns the ids of the words with the given fold.
func (m *model) foldCands(fold string) []uint32 { return m.byFold[fold] }

// sortByUni orders ids by unigram probability, most probable first.
func (m *model) sortByUni(ids []uint32) {
	sort.SliceStable(ids, func(a, b int) bool { return m.uniP[ids[a]] > m.uniP[ids[b]] })
}

var negInf = float32(math.Inf(-1))
