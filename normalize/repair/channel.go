package repair

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"

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
	rows  []float32      // row k is rows[k*n : (k+1)*n], n = len(alpha)
	ins   []float32      // row k: log p(the OCR rune over nothing)
	del   []float32      // [truth letter] log p(it lost)
	n     int
	// the same at the level of folds: fold letter f stands for the best of
	// the letters whose fold is f, so that the score of a fold bounds the
	// score of each of its words (see model.boundOK)
	frows []float32 // row k is frows[k*nf : (k+1)*nf]
	fdel  []float32
	nf    int
	fold  []uint8 // letter → its fold letter, 0 = none
}

// newSubTable works out the rows of the alphabet's letters, of the runes
// the channel has learned and of printable ASCII.
func newSubTable(c *channel, alpha, falpha []rune) *subTable {
	t := &subTable{rowOf: map[rune]int32{}, n: len(alpha)}
	addRow := func(o rune) {
		if _, ok := t.rowOf[o]; ok || o == 0 {
			return
		}
		t.rowOf[o] = int32(len(t.ins))
		t.ins = append(t.ins, c.logSub(0, o))
		for _, a := range alpha {
			t.rows = append(t.rows, c.logSub(a, o))
		}
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
	t.del = make([]float32, len(alpha))
	for k, a := range alpha {
		t.del[k] = c.logSub(a, 0)
	}
	t.nf = len(falpha)
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
	t.fdel = foldRow(nil, t.del, t.fold, t.nf)
	for k := range t.ins {
		t.frows = foldRow(t.frows, t.rows[k*t.n:(k+1)*t.n], t.fold, t.nf)
	}
	return t
}

// foldRow appends to dst the row of fold letters made of a row of letters:
// each fold letter gets the best of its letters.
func foldRow(dst, row []float32, fold []uint8, nf int) []float32 {
	start := len(dst)
	for range nf {
		dst = append(dst, float32(math.Inf(-1)))
	}
	out := dst[start:]
	for k, v := range row {
		if f := fold[k]; f > 0 && v > out[f] {
			out[f] = v
		}
	}
	return dst
}

// scorer scores candidate words against one OCR token.
type scorer struct {
	o   []rune
	sub [][]float32 // [OCR position][truth letter] log p
	ins []float32   // log p of each OCR rune over nothing
	del []float32   // [truth letter] log p of it lost
	own []float32   // rows of OCR runes the table lacks
}

// reset readies s for the OCR token o.
func (s *scorer) reset(c *channel, t *subTable, alpha []rune, o []rune) {
	s.o = o
	s.sub = s.sub[:0]
	s.ins = s.ins[:0]
	s.del = t.del
	// rows of runes the table lacks are worked out first, into s.own
	s.own = s.own[:0]
	for _, r := range o {
		if _, ok := t.rowOf[r]; !ok {
			for _, a := range alpha {
				s.own = append(s.own, c.logSub(a, r))
			}
		}
	}
	own := 0
	for _, r := range o {
		if k, ok := t.rowOf[r]; ok {
			s.sub = append(s.sub, t.rows[int(k)*t.n:int(k+1)*t.n])
			s.ins = append(s.ins, t.ins[k])
			continue
		}
		s.sub = append(s.sub, s.own[own*t.n:(own+1)*t.n])
		s.ins = append(s.ins, c.logSub(0, r))
		own++
	}
}

// resetFold readies s to bound the scores of the words of a fold against
// the OCR token o (see subTable.frows).
func (s *scorer) resetFold(c *channel, t *subTable, alpha []rune, o []rune) {
	s.o = o
	s.sub = s.sub[:0]
	s.ins = s.ins[:0]
	s.del = t.fdel
	s.own = s.own[:0]
	for _, r := range o {
		if _, ok := t.rowOf[r]; !ok {
			row := make([]float32, len(alpha))
			for k, a := range alpha {
				row[k] = c.logSub(a, r)
			}
			s.own = foldRow(s.own, row, t.fold, t.nf)
		}
	}
	own := 0
	for _, r := range o {
		if k, ok := t.rowOf[r]; ok {
			s.sub = append(s.sub, t.frows[int(k)*t.nf:int(k+1)*t.nf])
			s.ins = append(s.ins, t.ins[k])
			continue
		}
		s.sub = append(s.sub, s.own[own*t.nf:(own+1)*t.nf])
		s.ins = append(s.ins, c.logSub(0, r))
		own++
	}
}

// score is log p(OCR token | word spelt t) by the best alignment.
func (s *scorer) score(t []uint8) float32 {
	n, m := len(s.o), len(t)
	if n > 12 || m > 12 {
		return -100
	}
	// rows i-1 and i of the alignment table
	var prev, cur [13]float32
	for j := 1; j <= m; j++ {
		prev[j] = prev[j-1] + s.del[t[j-1]]
	}
	for i := 1; i <= n; i++ {
		row, ins := s.sub[i-1], s.ins[i-1]
		cur[0] = prev[0] + ins
		for j := 1; j <= m; j++ {
			best := prev[j-1] + row[t[j-1]]
			if v := prev[j] + ins; v > best {
				best = v
			}
			if v := cur[j-1] + s.del[t[j-1]]; v > best {
				best = v
			}
			cur[j] = best
		}
		prev = cur
	}
	return prev[m]
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
