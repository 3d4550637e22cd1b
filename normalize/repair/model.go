package repair

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
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
	fold     []string  // id → fold
	spell    [][]uint8 // id → letters as indexes into alpha
	alpha    []rune    // the vocabulary's letters; 0 = nothing
	// titleLP and lowerLP are, per word, log p(capitalised) and
	// log p(lower case) inside a sentence (0 where not known)
	titleLP, lowerLP []float32
	uniP             []float32
	// rankP is the unigram that ranks candidates: the larger of uniP and
	// the word's frequency by its rank
	rankP []float32
	uniG  []float32
	// orders 2 and up as a trie (see lmfile.Level); lv[n] for order n
	order int
	lv    [5]trieLevel
	// next holds the bigrams by their first word: the followers of w are
	// a small open-addressing table next[nextAt[w]:nextAt[w+1]] (a power
	// of two long) of bigram index<<40 | back-off weight<<32 |
	// (follower+1)<<8 | log-probability, quantised, so that the look-ups
	// of one word's followers, which the decoder makes together, stay in
	// one place in memory
	next   []uint64
	nextAt []uint32
	// pairs is a one-hash Bloom filter of the bigrams: a clear bit says a
	// pair of words is no bigram without reading next, whose tables are
	// too large to stay in cache (most pairs the decoder asks about are
	// none)
	pairs []uint64
	ch    *channel
	trie  *foldTrie
	subs  *subTable
	// wordFold is each word's fold (index into trie.folds); boundOK says
	// that the fold spells the word letter for letter, marks aside, so that
	// the fold's score bounds the word's
	wordFold []int32
	boundOK  []bool
	// maxLM is, per word, the most log p(word | any context) can be, so
	// that the decoder can leave readings that cannot catch up (nil for
	// models above order 3)
	maxLM []float32
	// eos is, per word w, log p(end of segment | w) by the bigram model
	eos []float32
	// near holds, per fold, the words one edit away (variantFolds with
	// nearFloor): near[nearAt[k]:nearAt[k+1]] for fold k, worked out at
	// load so that a token whose letters are a known fold needs no search
	near   []uint32
	nearAt []uint32
	// ownDP holds, per fold, the channel score of each of its words (in
	// trie.ids order) for a token spelt as the fold, unmarked:
	// ownDP[ownAt[k]:ownAt[k+1]] for fold k. Text with its marks stripped
	// is made of such tokens.
	ownDP []float32
	ownAt []uint32
	// tok holds the token-level readings of the channel: for an OCR token
	// (its key), words it was seen written for and log p(token | word)
	tok   map[string][]tokSub
	codes map[string]uint32
	meta  string
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
	m.fold = make([]string, len(f.Vocab))
	m.spell = make([][]uint8, len(f.Vocab))
	alpha := map[rune]uint8{}
	m.alpha = []rune{0} // index 0: nothing
	// the spellings share one array, in id order, for locality
	spells := 0
	for _, w := range f.Vocab {
		spells += len(w)
	}
	spellBuf := make([]uint8, 0, spells)
	for i, w := range f.Vocab {
		if i < lmfile.FirstWord {
			continue
		}
		sp := spellBuf[len(spellBuf):len(spellBuf)]
		for _, r := range w {
			a, ok := alpha[r]
			if !ok {
				if len(m.alpha) == 255 {
					return nil, fmt.Errorf("repair: model: more than 254 letters in the vocabulary")
				}
				a = uint8(len(m.alpha))
				alpha[r] = a
				m.alpha = append(m.alpha, r)
			}
			sp = append(sp, a)
		}
		spellBuf = spellBuf[:len(spellBuf)+len(sp)]
		m.spell[i] = sp[:len(sp):len(sp)]
		m.ids[w] = uint32(i)
		k := strings.ToLower(w) // vn.Fold of a word in ASCII
		if !isASCII(w) {
			k = vn.Fold(w)
		}
		m.fold[i] = k
		m.byFold[k] = append(m.byFold[k], uint32(i)) // ids are in frequency order
		if k != w {
			m.vietFold[k] = true
		}
	}
	// Ids are in order of frequency, so Zipf's law gives each word's share
	// of the running text from its rank: p(r) ≈ 1/(r·H), H the harmonic
	// number of the vocabulary. Candidates are ranked by it where it beats
	// the Kneser-Ney unigram, which sinks the words of fixed phrases.
	m.rankP = make([]float32, len(f.Vocab))
	logH := math.Log(math.Log(float64(len(f.Vocab))) + 0.5772)
	for i := range m.rankP {
		m.rankP[i] = m.uniP[i]
		if i >= lmfile.FirstWord {
			z := float32(-math.Log(float64(i-lmfile.FirstWord+1)) - logH)
			m.rankP[i] = max(m.uniP[i], z)
		}
	}
	m.titleLP = make([]float32, len(f.Vocab))
	m.lowerLP = make([]float32, len(f.Vocab))
	for i, b := range f.Title {
		if i < len(f.Vocab) && b > 0 {
			rate := (float64(b) - 1) / 253
			rate = min(max(rate, 0.002), 0.998)
			m.titleLP[i] = float32(math.Log(rate))
			m.lowerLP[i] = float32(math.Log(1 - rate))
		}
	}
	m.order = f.Order
	for n := 2; n <= f.Order; n++ {
		l := &f.Levels[n]
		m.lv[n] = trieLevel{start: l.Start, ids: l.IDs, p: l.P, g: l.G, qp: l.QP, qg: l.QG}
	}
	if err := m.buildNext(); err != nil {
		return nil, err
	}
	m.lv[3].pack()
	m.buildMaxLM()
	m.eos = make([]float32, len(m.uniP))
	for w := range m.eos {
		m.eos[w] = m.p2(uint32(w), lmfile.EOS)
	}
	for _, c := range f.Codes {
		m.codes[c.Seg] = c.Count
	}
	if len(f.Tokens) > 0 {
		m.tok = make(map[string][]tokSub, len(f.Tokens))
		for _, t := range f.Tokens {
			m.tok[t.OCR] = append(m.tok[t.OCR], tokSub{t.Word, t.LogP})
		}
	}
	m.ch = newChannel(f.Subs, f.StripPrior)
	m.trie = newFoldTrie(m.byFold)
	for k, f := range m.trie.folds {
		m.trie.viet[k] = m.vietFold[f]
	}
	m.buildNear()
	m.subs = newSubTable(m.ch, m.alpha, m.trie.alpha)
	m.buildOwn()
	m.wordFold = make([]int32, len(f.Vocab))
	m.boundOK = make([]bool, len(f.Vocab))
	for fi, ids := range m.trie.ids {
		fsp := m.trie.spell[fi]
		for _, id := range ids {
			m.wordFold[id] = int32(fi)
			sp := m.spell[id]
			ok := len(sp) == len(fsp)
			for j := 0; ok && j < len(sp); j++ {
				ok = fsp[j] != 0 && m.subs.fold[sp[j]] == fsp[j]
			}
			m.boundOK[id] = ok
		}
	}
	return m, nil
}

// buildOwn fills ownDP and ownAt.
func (m *model) buildOwn() {
	t := m.trie
	m.ownAt = make([]uint32, len(t.folds)+1)
	var sc scorer
	for k, f := range t.folds {
		m.ownAt[k] = uint32(len(m.ownDP))
		sc.reset(m.ch, m.subs, m.alpha, []rune(f), false)
		for _, id := range t.ids[k] {
			m.ownDP = append(m.ownDP, sc.score(m.spell[id]))
		}
	}
	m.ownAt[len(t.folds)] = uint32(len(m.ownDP))
}

// nearFloor is the least log-cost of the one-edit readings of a token.
const nearFloor = -14

// buildNear fills near and nearAt.
func (m *model) buildNear() {
	t := m.trie
	m.nearAt = make([]uint32, len(t.folds)+1)
	var folds []int32
	for k, f := range t.folds {
		m.nearAt[k] = uint32(len(m.near))
		folds = m.variantFolds(f, 1, nearFloor, folds[:0])
		for _, v := range folds {
			m.near = append(m.near, t.ids[v]...)
		}
	}
	m.nearAt[len(t.folds)] = uint32(len(m.near))
	m.near = slices.Clip(m.near)
}

// buildMaxLM works out maxLM for a trigram model: the best of the word's
// trigram probabilities, and of its bigram ones or its back-off to the
// unigram, after the largest back-off weight of a bigram context.
func (m *model) buildMaxLM() {
	if m.order != 3 {
		return
	}
	n := len(m.uniP)
	bi, tri := make([]float32, n), make([]float32, n)
	for k := range bi {
		bi[k], tri[k] = negInf, negInf
	}
	maxOf := func(dst []float32, l *trieLevel) {
		for k, id := range l.ids {
			if int(id) < n {
				dst[id] = max(dst[id], l.qp[l.p[k]])
			}
		}
	}
	maxOf(bi, &m.lv[2])
	maxOf(tri, &m.lv[3])
	maxUniG := negInf
	for _, g := range m.uniG {
		maxUniG = max(maxUniG, g)
	}
	maxG2 := float32(0) // no bigram node: no weight
	for _, g := range m.lv[2].g {
		maxG2 = max(maxG2, m.lv[2].qg[g])
	}
	m.maxLM = make([]float32, n)
	for d := range m.maxLM {
		p2 := max(bi[d], maxUniG+m.uniP[d])
		m.maxLM[d] = max(tri[d], maxG2+p2)
	}
}

// trieLevel is one order of the language model: the children of node j
// of the order below are ids[start[j]:start[j+1]], sorted, with quantised
// log-probabilities p and back-off weights g (none at the top order).
// tokSub is one token-level reading of an OCR token: the word and log
// p(the token | the word).
type tokSub struct {
	id   uint32
	logp float32
}

type trieLevel struct {
	start  []uint32
	ids    []uint32
	p, g   []uint8
	qp, qg [256]float32
	// idp packs each child's id and quantised log-probability (id<<8 | p),
	// so that a look-up reads one array (nil when ids do not fit 24 bits)
	idp []uint32
}

// pack fills idp.
func (l *trieLevel) pack() {
	if len(l.ids) != len(l.p) {
		return
	}
	idp := make([]uint32, len(l.ids))
	for k, id := range l.ids {
		if id >= 1<<24 {
			return
		}
		idp[k] = id<<8 | uint32(l.p[k])
	}
	l.idp = idp
}

// prob returns log p of the child of parent with word w, and whether the
// level has it.
func (l *trieLevel) prob(parent int, w uint32) (float32, bool) {
	if l.idp == nil {
		if k := l.child(parent, w); k >= 0 {
			return l.qp[l.p[k]], true
		}
		return 0, false
	}
	if parent < 0 || parent+1 >= len(l.start) {
		return 0, false
	}
	return l.probIn(int(l.start[parent]), int(l.start[parent+1]), w)
}

// child returns the node under parent with word w, or -1.
func (l *trieLevel) child(parent int, w uint32) int {
	if parent < 0 || parent+1 >= len(l.start) {
		return -1
	}
	return search(l.ids, int(l.start[parent]), int(l.start[parent+1]), w)
}

// gamma is the back-off weight of node k as a context (0 when absent).
func (l *trieLevel) gamma(k int) float32 {
	if k < 0 || len(l.g) == 0 {
		return 0
	}
	return l.qg[l.g[k]]
}

// search returns the index of x in the sorted ids[lo:end], or -1.
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

// buildNext fills next and nextAt from the order-2 level.
func (m *model) buildNext() error {
	l := &m.lv[2]
	words := len(l.start) - 1
	if words < 0 || len(l.p) != len(l.ids) || len(l.g) != 0 && len(l.g) != len(l.ids) {
		return fmt.Errorf("repair: model: order-2 level malformed")
	}
	if len(l.ids) >= 1<<24 {
		return fmt.Errorf("repair: model: %d bigrams is over 16,777,215", len(l.ids))
	}
	m.nextAt = make([]uint32, words+1)
	total := 0
	for a := 0; a < words; a++ {
		m.nextAt[a] = uint32(total)
		if n := int(l.start[a+1] - l.start[a]); n > 0 {
			size := 2
			for size < 2*n {
				size <<= 1
			}
			total += size
		}
	}
	m.nextAt[words] = uint32(total)
	m.next = make([]uint64, total)
	m.pairs = make([]uint64, 1<<(pairBits-6))
	for a := 0; a < words; a++ {
		tab := m.next[m.nextAt[a]:m.nextAt[a+1]]
		mask := uint32(len(tab) - 1)
		for k := l.start[a]; k < l.start[a+1]; k++ {
			i := nextHash(l.ids[k]) & mask
			for tab[i] != 0 {
				i = (i + 1) & mask
			}
			e := uint64(k)<<40 | uint64(l.ids[k]+1)<<8 | uint64(l.p[k])
			if len(l.g) > 0 {
				e |= uint64(l.g[k]) << 32
			}
			tab[i] = e
			k := pairBit(uint32(a), l.ids[k])
			m.pairs[k>>6] |= 1 << (k & 63)
		}
	}
	return nil
}

func nextHash(w uint32) uint32 { return (w * 0x9E3779B1) >> 12 }

// pairBits is log2 of the number of bits of the bigram filter (1 MB).
const pairBits = 23

// pairBit is the bit of the pair (b, c) in the bigram filter.
func pairBit(b, c uint32) uint64 {
	return (uint64(b)<<32 | uint64(c)) * 0x9E3779B97F4A7C15 >> (64 - pairBits)
}

// maybePair reports whether (b, c) may be a bigram (false: it is none).
func (m *model) maybePair(b, c uint32) bool {
	if m.pairs == nil {
		return true
	}
	k := pairBit(b, c)
	return m.pairs[k>>6]&(1<<(k&63)) != 0
}

// bigram returns the entry of next for the bigram (b, c): its index in
// the order-2 level (e>>40), back-off weight (e>>32&0xff) and
// log-probability (e&0xff), or 0.
func (m *model) bigram(b, c uint32) uint64 {
	if int(b)+1 >= len(m.nextAt) || c >= 1<<24-1 || !m.maybePair(b, c) {
		return 0
	}
	tab := m.next[m.nextAt[b]:m.nextAt[b+1]]
	if len(tab) == 0 {
		return 0
	}
	mask := uint32(len(tab) - 1)
	want := uint64(c + 1)
	for i := nextHash(c) & mask; ; i = (i + 1) & mask {
		e := tab[i]
		if e>>8&0xffffff == want || e == 0 {
			return e
		}
	}
}

// followers returns b's table in next (see model.next).
func (m *model) followers(b uint32) []uint64 {
	if int(b)+1 >= len(m.nextAt) {
		return nil
	}
	return m.next[m.nextAt[b]:m.nextAt[b+1]]
}

// p2In is p2(b, c) given b's followers tab.
func (m *model) p2In(tab []uint64, b, c uint32) float32 {
	if len(tab) > 0 && c < 1<<24-1 && m.maybePair(b, c) {
		mask := uint32(len(tab) - 1)
		want := uint64(c + 1)
		for i := nextHash(c) & mask; ; i = (i + 1) & mask {
			e := tab[i]
			if e>>8&0xffffff == want {
				return m.lv[2].qp[uint8(e)]
			}
			if e == 0 {
				break
			}
		}
	}
	return m.uniG[b] + m.uniP[c]
}

// children returns the range of parent's children in l (empty if none).
func (l *trieLevel) children(parent int) (lo, hi int) {
	if parent < 0 || parent+1 >= len(l.start) {
		return 0, 0
	}
	return int(l.start[parent]), int(l.start[parent+1])
}

// probIn is prob for a child among idp[lo:hi].
func (l *trieLevel) probIn(lo, hi int, w uint32) (float32, bool) {
	end := hi
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if l.idp[mid]>>8 < w {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < end && l.idp[lo]>>8 == w {
		return l.qp[uint8(l.idp[lo])], true
	}
	return 0, false
}

// p2 returns log p(c | b).
func (m *model) p2(b, c uint32) float32 {
	if e := m.bigram(b, c); e != 0 {
		return m.lv[2].qp[uint8(e)]
	}
	return m.uniG[b] + m.uniP[c]
}

// ctx is a language-model context: the trie nodes of the last two and
// three words and their back-off weights.
type ctx struct {
	c      uint32  // last word
	n2, n3 int     // nodes of (b, c) and (a, b, c), or -1
	g2, g3 float32 // their back-off weights
}

// context returns the context after the words a b c.
func (m *model) context(a, b, c uint32) ctx {
	x := ctx{c: c, n2: -1, n3: -1}
	if c == lmfile.BOS {
		// the start of a segment: (<s> <s>) is padding whose counts are
		// those of <s>; backing off from it to <s> would charge a word
		// never seen first twice for the one fact
		return x
	}
	if e := m.bigram(b, c); e != 0 {
		x.n2 = int(e >> 40)
		if len(m.lv[2].g) > 0 {
			x.g2 = m.lv[2].qg[uint8(e>>32)]
		}
	}
	if m.order >= 4 {
		if e := m.bigram(a, b); e != 0 {
			x.n3 = m.lv[3].child(int(e>>40), c)
			x.g3 = m.lv[3].gamma(x.n3)
		}
	}
	return x
}

// p3 returns log p(d | b c) for the context's last two words.
func (m *model) p3(x ctx, d uint32) float32 {
	if m.order >= 3 {
		if q, ok := m.lv[3].prob(x.n2, d); ok {
			return q
		}
	}
	return x.g2 + m.p2(x.c, d)
}

// p3With is p3 with log p(d | c) read from *p2 when it is not above 0,
// and worked out and stored there otherwise.
func (m *model) p3With(x ctx, d uint32, p2 *float32) float32 {
	if m.order >= 3 {
		if q, ok := m.lv[3].prob(x.n2, d); ok {
			return q
		}
	}
	v := *p2
	if v > 0 {
		v = m.p2(x.c, d)
		*p2 = v
	}
	return x.g2 + v
}

// p4 returns log p(d | a b c) given log p(d | b c).
func (m *model) p4(x ctx, d uint32, p3 float32) float32 {
	if x.n3 >= 0 {
		if k := m.lv[4].child(x.n3, d); k >= 0 {
			return m.lv[4].qp[m.lv[4].p[k]]
		}
	}
	return x.g3 + p3
}

// endProb is logProb(a, b, c, EOS), with log p(EOS | c) read from eos.
func (m *model) endProb(a, b, c uint32) float32 {
	if m.order != 3 || int(c) >= len(m.eos) {
		return m.logProb(a, b, c, lmfile.EOS)
	}
	x := m.context(a, b, c)
	if q, ok := m.lv[3].prob(x.n2, lmfile.EOS); ok {
		return x.g3 + q
	}
	return x.g3 + (x.g2 + m.eos[c])
}

// logProb returns log p(d | a b c), for tests and scoring.
func (m *model) logProb(a, b, c, d uint32) float32 {
	x := m.context(a, b, c)
	return m.p4(x, d, m.p3(x, d))
}

// foldCands returns the ids of the words with the given fold.
func (m *model) foldCands(fold string) []uint32 { return m.byFold[fold] }

var negInf = float32(math.Inf(-1))
