package repair

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
	"golang.org/x/text/unicode/norm"
)

// channel is the OCR error model: the probability of the OCR form of a
// syllable given the true syllable, as a product of per-character
// confusions (learned from aligned pairs, with a generic fallback), mixed
// with the chance that the whole syllable lost its marks.
type channel struct {
	sub      map[[2]rune]float32 // (truth, ocr) → log p; 0 stands for nothing
	hasTable bool
	// fold-level edits for candidate generation: OCR fold rune → truth
	// fold strings ("" = the OCR rune is debris), and truth fold runes the
	// OCR tends to lose.
	edits   map[rune][]edit
	inserts []edit
	strip   float32 // prior share of marked syllables stripped bare

	symMu    sync.Mutex
	symEdits map[rune][]edit
	// reach holds what each OCR rune may stand for by chains of edits, and
	// insReach what may stand where the OCR shows nothing (see chain)
	reach      map[rune][]reach
	asciiReach [0x80][]reach
	insReach   []reach
	// pair holds the readings of two OCR runes as one truth letter
	// (learned; "it" for ữ, "tt" for ử), by the OCR runes as written, and
	// pairReach the same at the level of folds for candidate generation:
	// the fold letters they may stand for, at the best cost of each
	pair      map[[2]rune][]pairSub
	pairReach map[[2]rune][]reach
}

// pairSub is one reading of two OCR runes: the truth letter they stand
// for and log p(the two | the letter).
type pairSub struct {
	t    rune
	logp float32
}

type edit struct {
	to   string
	logp float32
}

func newChannel(subs []lmfile.Sub, strip float32) *channel {
	c := &channel{sub: map[[2]rune]float32{}, edits: map[rune][]edit{}, strip: strip}
	if c.strip <= 0 || c.strip >= 1 {
		c.strip = 0.6
	}
	for _, s := range subs {
		if utf8.RuneCountInString(s.OCR) == 2 && utf8.RuneCountInString(s.Truth) == 1 {
			c.addPair(s)
			continue
		}
		if utf8.RuneCountInString(s.OCR) > 1 || utf8.RuneCountInString(s.Truth) > 1 {
			continue // a reading this decoder does not know
		}
		t, o := firstRune(s.Truth), firstRune(s.OCR)
		c.sub[[2]rune{t, o}] = s.LogP
		c.hasTable = true
		ft, fo := foldRune(t), foldRune(o)
		// OCR debris (a letter over nothing) is rare per letter of truth
		// but common per word; other edits must be likelier to be tried
		floor := float32(-7.5)
		if t == 0 {
			floor = -11
		}
		if ft == fo || s.LogP < floor {
			continue
		}
		switch {
		case o == 0:
			c.inserts = append(c.inserts, edit{to: string(ft), logp: s.LogP})
		case t == 0:
			c.addEdit(fo, edit{to: "", logp: s.LogP})
		default:
			c.addEdit(fo, edit{to: string(ft), logp: s.LogP})
		}
	}
	// keep the likeliest edits of each rune: candidate generation tries
	// every combination of two
	for r, es := range c.edits {
		sort.Slice(es, func(a, b int) bool { return es[a].logp > es[b].logp || es[a].logp == es[b].logp && es[a].to < es[b].to })
		if len(es) > maxEdits {
			es = es[:maxEdits]
		}
		c.edits[r] = es
	}
	sort.Slice(c.inserts, func(a, b int) bool {
		return c.inserts[a].logp > c.inserts[b].logp || c.inserts[a].logp == c.inserts[b].logp && c.inserts[a].to < c.inserts[b].to
	})
	if len(c.inserts) > maxEdits {
		c.inserts = c.inserts[:maxEdits]
	}
	c.prepareReach()
	return c
}

// pairFloor is the dearest reading of two OCR runes as one letter that
// candidate generation tries.
const pairFloor = -7.5

// addPair records the reading of the two OCR runes of s as its truth
// letter, and at the level of folds for candidate generation.
func (c *channel) addPair(s lmfile.Sub) {
	var o [2]rune
	k := 0
	for _, r := range s.OCR {
		o[k] = r
		k++
	}
	t := firstRune(s.Truth)
	if c.pair == nil {
		c.pair = map[[2]rune][]pairSub{}
		c.pairReach = map[[2]rune][]reach{}
	}
	c.pair[o] = append(c.pair[o], pairSub{t, s.LogP})
	if s.LogP < pairFloor {
		return
	}
	fo := [2]rune{foldRune(o[0]), foldRune(o[1])}
	ft := foldRune(t)
	for i, x := range c.pairReach[fo] {
		if x.to == ft {
			if s.LogP > x.logp {
				c.pairReach[fo][i].logp = s.LogP
			}
			return
		}
	}
	c.pairReach[fo] = append(c.pairReach[fo], reach{to: ft, logp: s.LogP, n: 1})
	slices.SortFunc(c.pairReach[fo], func(a, b reach) int { return int(a.to) - int(b.to) })
}

// maxEdits bounds the fold-level edits tried for one OCR rune.
const maxEdits = 6

// genericEdits are tried for a digit or symbol the channel has never seen:
// any vowel, or nothing.
var genericEdits = []edit{{"a", -8}, {"e", -8}, {"i", -8}, {"o", -8}, {"u", -8}, {"y", -8}, {"", -8}}

// symbolEdits returns the learned edits of a digit or symbol followed by
// the generic ones it lacks (memoised).
func (c *channel) symbolEdits(r rune) []edit {
	c.symMu.Lock()
	defer c.symMu.Unlock()
	if es, ok := c.symEdits[r]; ok {
		return es
	}
	es := append([]edit{}, c.edits[r]...)
	for _, g := range genericEdits {
		found := false
		for _, e := range es {
			if e.to == g.to {
				found = true
				break
			}
		}
		if !found {
			es = append(es, g)
		}
	}
	if c.symEdits == nil {
		c.symEdits = map[rune][]edit{}
	}
	c.symEdits[r] = es
	return es
}

func (c *channel) addEdit(fo rune, e edit) {
	for i, x := range c.edits[fo] {
		if x.to == e.to {
			if e.logp > x.logp {
				c.edits[fo][i] = e
			}
			return
		}
	}
	c.edits[fo] = append(c.edits[fo], e)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// foldRune strips the marks of one letter (đ → d); other runes stay.
func foldRune(r rune) rune {
	if r < rune(len(foldTable())) {
		return foldTable()[r]
	}
	return foldRuneSlow(r)
}

// foldTable holds foldRune of the runes up to the end of Latin Extended
// Additional (U+1EFF), where every Vietnamese letter lies.
var foldTable = sync.OnceValue(func() []rune {
	t := make([]rune, 0x1F00)
	for r := range t {
		t[r] = foldRuneSlow(rune(r))
	}
	return t
})

func foldRuneSlow(r rune) rune {
	if r == 0 {
		return 0
	}
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	d := norm.NFD.String(string(r))
	for _, x := range d {
		return unicode.ToLower(x)
	}
	return r
}

func isMarked(r rune) bool { return r > 0x7f && unicode.IsLetter(r) }

// logSub is log p(OCR shows o | truth has t); t or o may be 0.
func (c *channel) logSub(t, o rune) float32 {
	if p, ok := c.sub[[2]rune{t, o}]; ok {
		return p
	}
	if t == o {
		if c.hasTable {
			return -0.05
		}
		return -0.1
	}
	if t == 0 || o == 0 {
		if c.hasTable {
			return -13
		}
		return -10
	}
	if c.hasTable && unicode.IsLetter(o) {
		return -11
	}
	if !unicode.IsLetter(o) {
		return -8 // a digit or symbol never seen: any letter, alike
	}
	ft, fo := foldRune(t), foldRune(o)
	if ft == fo {
		switch {
		case !isMarked(o):
			return -3 // marks dropped
		case !isMarked(t):
			return -7 // marks added
		default:
			return -4.5 // marks misread
		}
	}
	return -11
}

// subTable holds log p(OCR shows o | truth has t) for every letter t of
// the vocabulary (by its index in the model's alphabet) and the OCR runes
// met most, so that scoring a candidate reads arrays, not maps.
type subTable struct {
	rowOf map[rune]int32 // OCR rune → its row
	// latin is rowOf for the runes below U+1F00 (−1: none), read without
	// hashing
	latin []int32
	rows  []row     // [row][truth letter] log p(OCR rune | letter)
	ins   []float32 // [row] log p(the OCR rune over nothing)
	del   *row      // [truth letter] log p(it lost)
	// the same at the level of folds: fold letter f stands for the best of
	// the letters whose fold is f, so that the score of a fold bounds the
	// score of each of its words (see model.boundOK)
	frows []row
	fdel  *row
	fold  []uint8 // letter → its fold letter, 0 = none
	// prows[k] is log p(two OCR runes | letter) of the k-th pair of runes
	// the channel reads as one letter (-Inf: not that letter), fprows the
	// same by fold letter; pairASCII finds the pair of two ASCII runes
	// without hashing (-1: none), pairOf the others
	prows, fprows []row
	pairASCII     []int32
	pairOf        map[[2]rune]int32
}

// pairRow returns the row of the OCR runes a, b read as one letter, if
// the channel has one.
func (t *subTable) pairRow(a, b rune) (int32, bool) {
	if a < 0x80 && b < 0x80 && a >= 0 && b >= 0 {
		if t.pairASCII == nil {
			return 0, false
		}
		k := t.pairASCII[a<<7|b]
		return k, k >= 0
	}
	k, ok := t.pairOf[[2]rune{a, b}]
	return k, ok
}

// row returns the row of the OCR rune r, if the table has one.
func (t *subTable) row(r rune) (int32, bool) {
	if r >= 0 && int(r) < len(t.latin) {
		k := t.latin[r]
		return k, k >= 0
	}
	k, ok := t.rowOf[r]
	return k, ok
}

// row is a row of log-probabilities indexed by a letter's index in an
// alphabet of at most 255 letters (0 = nothing); its fixed length spares
// the scorer's inner loop its bounds checks.
type row [256]float32

// newSubTable works out the rows of the alphabet's letters, of the runes
// the channel has learned and of printable ASCII.
func newSubTable(c *channel, alpha, falpha []rune) *subTable {
	t := &subTable{rowOf: map[rune]int32{}}
	addRow := func(o rune) {
		if _, ok := t.rowOf[o]; ok || o == 0 {
			return
		}
		t.rowOf[o] = int32(len(t.ins))
		t.ins = append(t.ins, c.logSub(0, o))
		t.rows = append(t.rows, letterRow(c, alpha, o))
	}
	for _, a := range alpha {
		addRow(a)
	}
	for r := rune(0x21); r < 0x7f; r++ {
		addRow(r)
	}
	keys := make([][2]rune, 0, len(c.sub))
	for k := range c.sub {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][1] < keys[j][1] })
	for _, k := range keys {
		addRow(k[1])
	}
	t.latin = make([]int32, 0x1F00)
	for r := range t.latin {
		t.latin[r] = -1
		if k, ok := t.rowOf[rune(r)]; ok {
			t.latin[r] = k
		}
	}
	t.del = new(row)
	for k, a := range alpha {
		t.del[k] = c.logSub(a, 0)
	}
	fidx := map[rune]uint8{}
	for k, r := range falpha {
		if k > 0 {
			fidx[r] = uint8(k)
		}
	}
	t.fold = make([]uint8, len(alpha))
	for k, a := range alpha {
		if k > 0 {
			t.fold[k] = fidx[foldRune(a)]
		}
	}
	t.fdel = new(row)
	*t.fdel = foldRow(t.del, t.fold)
	t.frows = make([]row, len(t.rows))
	for k := range t.rows {
		t.frows[k] = foldRow(&t.rows[k], t.fold)
	}
	if len(c.pair) > 0 {
		pairs := make([][2]rune, 0, len(c.pair))
		for p := range c.pair {
			pairs = append(pairs, p)
		}
		sort.Slice(pairs, func(i, j int) bool {
			return pairs[i][0] < pairs[j][0] || pairs[i][0] == pairs[j][0] && pairs[i][1] < pairs[j][1]
		})
		t.pairASCII = make([]int32, 0x80*0x80)
		for k := range t.pairASCII {
			t.pairASCII[k] = -1
		}
		t.pairOf = map[[2]rune]int32{}
		letter := map[rune]int{}
		for k, a := range alpha {
			if k > 0 {
				letter[a] = k
			}
		}
		for _, p := range pairs {
			var r row
			for k := range r {
				r[k] = float32(math.Inf(-1))
			}
			for _, ps := range c.pair[p] {
				if k, ok := letter[ps.t]; ok && ps.logp > r[k] {
					r[k] = ps.logp
				}
			}
			k := int32(len(t.prows))
			t.prows = append(t.prows, r)
			t.fprows = append(t.fprows, foldRow(&r, t.fold))
			if p[0] < 0x80 && p[1] < 0x80 {
				t.pairASCII[p[0]<<7|p[1]] = k
			} else {
				t.pairOf[p] = k
			}
		}
	}
	return t
}

// letterRow is the row of the OCR rune o: log p(o | letter) per letter.
func letterRow(c *channel, alpha []rune, o rune) row {
	var r row
	for k, a := range alpha {
		r[k] = c.logSub(a, o)
	}
	return r
}

// foldRow is the row of fold letters made of a row of letters: each fold
// letter gets the best of its letters (nothing: -Inf).
func foldRow(r *row, fold []uint8) row {
	var out row
	for k := range out {
		out[k] = float32(math.Inf(-1))
	}
	for k, f := range fold {
		if f > 0 && r[k] > out[f] {
			out[f] = r[k]
		}
	}
	return out
}

// scorer scores candidate words against one OCR token.
type scorer struct {
	o   []rune
	sub []*row    // [OCR position][truth letter] log p
	ins []float32 // log p of each OCR rune over nothing
	del *row      // [truth letter] log p of it lost
	own []row     // rows of OCR runes the table lacks
	// pair[i] is the row of OCR runes i-1 and i read as one letter (nil:
	// no such reading); hasPair says some position has one
	pair    []*row
	hasPair bool
}

// reset readies s for the OCR token o; with fold, for bounding the
// scores of the words of a fold (see subTable.frows).
func (s *scorer) reset(c *channel, t *subTable, alpha []rune, o []rune, fold bool) {
	s.o = o
	s.sub = s.sub[:0]
	s.ins = s.ins[:0]
	s.del = t.del
	if fold {
		s.del = t.fdel
	}
	// rows of runes the table lacks are worked out first, into s.own
	s.own = s.own[:0]
	for _, r := range o {
		if _, ok := t.row(r); !ok {
			lr := letterRow(c, alpha, r)
			if fold {
				lr = foldRow(&lr, t.fold)
			}
			s.own = append(s.own, lr)
		}
	}
	own := 0
	for _, r := range o {
		if k, ok := t.row(r); ok {
			if fold {
				s.sub = append(s.sub, &t.frows[k])
			} else {
				s.sub = append(s.sub, &t.rows[k])
			}
			s.ins = append(s.ins, t.ins[k])
			continue
		}
		s.sub = append(s.sub, &s.own[own])
		s.ins = append(s.ins, c.logSub(0, r))
		own++
	}
	s.pair = s.pair[:0]
	s.hasPair = false
	if len(t.prows) == 0 {
		return
	}
	prev := rune(-1)
	for i, r := range o {
		var p *row
		if i > 0 {
			if k, ok := t.pairRow(prev, r); ok {
				if fold {
					p = &t.fprows[k]
				} else {
					p = &t.prows[k]
				}
				s.hasPair = true
			}
		}
		s.pair = append(s.pair, p)
		prev = r
	}
}

// noBound bounds nothing: every comparison with NaN is false, so
// scoreAbove with it never gives up (not even on an impossible row).
var noBound = float32(math.NaN())

// score is log p(OCR token | word spelt t) by the best alignment.
func (s *scorer) score(t []uint8) float32 {
	v, _ := s.scoreAbove(t, 0, noBound, noBound)
	return v
}

// scoreAbove is score for a word whose rank is the score plus add, when
// that rank may still be at or above below and above atOrBelow; it gives
// up (false) as soon as a row of the alignment shows it cannot: scores
// only fall along an alignment, so the best of a row bounds the end.
func (s *scorer) scoreAbove(t []uint8, add, below, atOrBelow float32) (float32, bool) {
	if s.hasPair {
		return s.scorePairsAbove(t, add, below, atOrBelow)
	}
	n, m := len(s.o), len(t)
	if n > 12 || m > 12 || len(s.sub) < n || len(s.ins) < n {
		v := float32(-100)
		r := v + add
		return v, !(r < below || r <= atOrBelow)
	}
	del := s.del
	var prev, cur [13]float32
	for j, tj := range t {
		prev[j+1] = prev[j] + del[tj]
	}
	for i := 0; i < n; i++ {
		sub, ins := s.sub[i], s.ins[i]
		cur[0] = prev[0] + ins
		top := cur[0]
		for j, tj := range t {
			best := prev[j] + sub[tj]
			if v := prev[j+1] + ins; v > best {
				best = v
			}
			if v := cur[j] + del[tj]; v > best {
				best = v
			}
			cur[j+1] = best
			if best > top {
				top = best
			}
		}
		if r := top + add; r < below || r <= atOrBelow {
			return 0, false
		}
		prev = cur
	}
	return prev[m], true
}

// scorePairsAbove is scoreAbove for a token some of whose pairs of runes
// the channel reads as one letter: the alignment may also take two OCR
// runes for one letter of the word. An alignment may pass over one row,
// never two, so the better of the last two rows bounds the end.
func (s *scorer) scorePairsAbove(t []uint8, add, below, atOrBelow float32) (float32, bool) {
	n, m := len(s.o), len(t)
	if n > 12 || m > 12 || len(s.sub) < n || len(s.ins) < n || len(s.pair) < n {
		v := float32(-100)
		r := v + add
		return v, !(r < below || r <= atOrBelow)
	}
	del := s.del
	var pp, prev, cur [13]float32
	prevTop := float32(0) // the empty alignment's row
	for j, tj := range t {
		prev[j+1] = prev[j] + del[tj]
	}
	for i := 0; i < n; i++ {
		sub, ins, pr := s.sub[i], s.ins[i], s.pair[i]
		cur[0] = prev[0] + ins
		top := cur[0]
		for j, tj := range t {
			best := prev[j] + sub[tj]
			if v := prev[j+1] + ins; v > best {
				best = v
			}
			if v := cur[j] + del[tj]; v > best {
				best = v
			}
			if pr != nil {
				if v := pp[j] + pr[tj]; v > best {
					best = v
				}
			}
			cur[j+1] = best
			if best > top {
				top = best
			}
		}
		if r := max(top, prevTop) + add; r < below || r <= atOrBelow {
			return 0, false
		}
		pp, prev, prevTop = prev, cur, top
	}
	return prev[m], true
}

// ocrFold folds the letters of an OCR core (marks off, đ → d, lower case)
// and keeps digits and symbols as they are.
func ocrFold(core string) string {
	ascii := true
	for i := 0; i < len(core); i++ {
		if core[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(core)
	}
	var b strings.Builder
	b.Grow(len(core))
	for _, r := range core {
		b.WriteRune(foldRune(unicode.ToLower(r)))
	}
	return norm.NFC.String(b.String())
}

// mix returns log(s·[stripped] + (1−s)·exp(dp)).
func mix(dp float32, stripped bool, s float32) float32 {
	p := (1 - float64(s)) * math.Exp(float64(dp))
	if stripped {
		p += float64(s)
	}
	if p <= 0 {
		return -100
	}
	return float32(math.Log(p))
}

var _ = vn.Fold
