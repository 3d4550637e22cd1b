package repair

import (
	"math"
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

// score is log p(o | t) by the best alignment of the two rune strings.
func (c *channel) score(o, t []rune) float32 {
	n, m := len(o), len(t)
	if n > 12 || m > 12 {
		return -100
	}
	var dp [13][13]float32
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best := float32(-1e9)
			if i > 0 && j > 0 {
				best = dp[i-1][j-1] + c.logSub(t[j-1], o[i-1])
			}
			if i > 0 {
				if v := dp[i-1][j] + c.logSub(0, o[i-1]); v > best {
					best = v
				}
			}
			if j > 0 {
				if v := dp[i][j-1] + c.logSub(t[j-1], 0); v > best {
					best = v
				}
			}
			dp[i][j] = best
		}
	}
	return dp[n][m]
}

// scorer scores candidate words against one OCR token, remembering the
// letter confusions it has looked up.
type scorer struct {
	c     *channel
	alpha []rune
	o     []rune
	sub   [][]float32 // [OCR position][truth letter] log p; NaN = not yet
	ins   []float32   // log p of each OCR rune over nothing
	del   []float32   // [truth letter] log p of it lost
}

func newScorer(c *channel, alpha []rune, o []rune) *scorer {
	s := &scorer{c: c, alpha: alpha, o: o, sub: make([][]float32, len(o)), ins: make([]float32, len(o)), del: make([]float32, len(alpha))}
	nan := float32(math.NaN())
	for i := range o {
		row := make([]float32, len(alpha))
		for k := range row {
			row[k] = nan
		}
		s.sub[i] = row
		s.ins[i] = c.logSub(0, o[i])
	}
	for k := range s.del {
		s.del[k] = nan
	}
	return s
}

// score is log p(OCR token | word spelt t) by the best alignment.
func (s *scorer) score(t []uint8) float32 {
	n, m := len(s.o), len(t)
	if n > 12 || m > 12 {
		return -100
	}
	var dp [13][13]float32
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best := float32(-1e9)
			if i > 0 && j > 0 {
				v := s.sub[i-1][t[j-1]]
				if v != v {
					v = s.c.logSub(s.alpha[t[j-1]], s.o[i-1])
					s.sub[i-1][t[j-1]] = v
				}
				best = dp[i-1][j-1] + v
			}
			if i > 0 {
				if v := dp[i-1][j] + s.ins[i-1]; v > best {
					best = v
				}
			}
			if j > 0 {
				d := s.del[t[j-1]]
				if d != d {
					d = s.c.logSub(s.alpha[t[j-1]], 0)
					s.del[t[j-1]] = d
				}
				if v := dp[i][j-1] + d; v > best {
					best = v
				}
			}
			dp[i][j] = best
		}
	}
	return dp[n][m]
}

// variants returns fold strings the truth may have had, given the OCR fold
// f, with a rough log cost no lower than floor, by one to maxEdits edits:
// those that keep accepts (the folds of known words).
func (c *channel) variants(f string, maxEdits int, floor float32, keep func(string) bool) map[string]float32 {
	out := map[string]float32{}
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
		for v, cost := range next {
			if !keep(v) {
				continue
			}
			if old, ok := out[v]; !ok || cost > old {
				out[v] = cost
			}
		}
		frontier = next
		if len(next) > 5000 {
			break
		}
	}
	delete(out, f)
	return out
}

// ocrFold folds the letters of an OCR core (marks off, đ → d, lower case)
// and keeps digits and symbols as they are.
func ocrFold(core string) string {
	var b strings.Builder
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
