package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
	"golang.org/x/text/unicode/norm"
)

// pair is one aligned OCR token and its truth, lower case, as runes.
type pair struct {
	o, t []rune
	n    float64
}

// learnChannel learns per-letter OCR confusions p(OCR letter | true letter),
// insertions and deletions from aligned pairs by hard EM: align every pair
// with the current costs, count the aligned letters, re-estimate, twice.
// Without pairs it returns no entries and the decoder's default applies.
func learnChannel(path string, vocab []string) ([]lmfile.Sub, float32, string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0.6, "default channel (no pairs: " + err.Error() + ")"
	}
	defer f.Close()
	var pairs []pair
	var marked, stripped float64
	eachPair(f, func(ocr, truth string, n int) {
		ot, tt := vn.Tokens(ocr), vn.Tokens(truth)
		if len(ot) != 1 || len(tt) != 1 || tt[0].Kind != vn.Word {
			return
		}
		o, t := vn.Key(ot[0].Core), vn.Key(tt[0].Core)
		if len([]rune(o)) > 12 || len([]rune(t)) > 12 {
			return
		}
		pairs = append(pairs, pair{[]rune(o), []rune(t), float64(n)})
		if vn.Fold(t) != t {
			marked += float64(n)
			if o == vn.Fold(t) {
				stripped += float64(n)
			}
		}
	})
	if len(pairs) == 0 {
		return nil, 0.6, "default channel (no usable pairs)"
	}
	strip := float32(0.6)
	if marked > 0 {
		strip = float32(stripped / marked)
	}
	cost := defaultCost
	var counts map[[2]rune]float64
	for iter := 0; iter < 3; iter++ {
		counts = map[[2]rune]float64{}
		for _, p := range pairs {
			for _, a := range alignRunes(p.o, p.t, cost) {
				counts[a] += p.n
			}
		}
		table := estimate(counts)
		cost = func(t, o rune) float64 {
			if v, ok := table[[2]rune{t, o}]; ok {
				return v
			}
			return defaultCost(t, o) - 2
		}
	}
	table := smooth(counts, pairs)
	multi := learnMulti(pairs, counts, cost)
	keys := make([][2]rune, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a][0] != keys[b][0] {
			return keys[a][0] < keys[b][0]
		}
		return keys[a][1] < keys[b][1]
	})
	subs := make([]lmfile.Sub, 0, len(keys))
	for _, k := range keys {
		subs = append(subs, lmfile.Sub{Truth: runeStr(k[0]), OCR: runeStr(k[1]), LogP: float32(table[k])})
	}
	subs = append(subs, multi...)
	var total float64
	for _, p := range pairs {
		total += p.n
	}
	return subs, strip, fmt.Sprintf("channel from %d pair types (%.0f tokens): %d letter confusions, %d two-letter readings of one letter; %.1f%% of marked syllables stripped bare",
		len(pairs), total, len(subs)-len(multi), len(multi), 100*strip)
}

func runeStr(r rune) string {
	if r == 0 {
		return ""
	}
	return string(r)
}

// estimate turns aligned letter counts into log-probabilities: a letter's
// readings given the letter, insertions per letter of truth. Confusions
// seen fewer than twice are left to the default.
func estimate(counts map[[2]rune]float64) map[[2]rune]float64 {
	byTruth := map[rune]float64{}
	var letters float64
	for k, c := range counts {
		if k[0] != 0 {
			byTruth[k[0]] += c
			letters += c
		}
	}
	table := map[[2]rune]float64{}
	for k, c := range counts {
		if c < 2 && k[0] != k[1] {
			continue
		}
		if k[0] == 0 {
			table[k] = math.Log(c / (letters + 1))
			continue
		}
		table[k] = math.Log(c / (byTruth[k[0]] + 1))
	}
	return table
}

// defaultCost is the generic channel before learning: marks dropped are
// cheap, marks misread dearer, other letters dear.
func defaultCost(t, o rune) float64 {
	if t == o {
		return -0.1
	}
	if t == 0 || o == 0 {
		return -8
	}
	ft, fo := foldRune(t), foldRune(o)
	if ft == fo {
		switch {
		case o < 0x80:
			return -2
		case t < 0x80:
			return -6
		default:
			return -3.5
		}
	}
	return -9
}

func foldRune(r rune) rune {
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	for _, x := range norm.NFD.String(string(r)) {
		return unicode.ToLower(x)
	}
	return r
}

// alignRunes returns the best alignment of OCR o to truth t as (truth,
// OCR) pairs, 0 standing for nothing.
func alignRunes(o, t []rune, cost func(t, o rune) float64) [][2]rune {
	n, m := len(o), len(t)
	dp := make([][]float64, n+1)
	for i := range dp {
		dp[i] = make([]float64, m+1)
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best := math.Inf(-1)
			if i > 0 && j > 0 {
				best = dp[i-1][j-1] + cost(t[j-1], o[i-1])
			}
			if i > 0 {
				best = math.Max(best, dp[i-1][j]+cost(0, o[i-1]))
			}
			if j > 0 {
				best = math.Max(best, dp[i][j-1]+cost(t[j-1], 0))
			}
			dp[i][j] = best
		}
	}
	var out [][2]rune
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && dp[i][j] == dp[i-1][j-1]+cost(t[j-1], o[i-1]):
			out = append(out, [2]rune{t[j-1], o[i-1]})
			i--
			j--
		case i > 0 && dp[i][j] == dp[i-1][j]+cost(0, o[i-1]):
			out = append(out, [2]rune{0, o[i-1]})
			i--
		default:
			out = append(out, [2]rune{t[j-1], 0})
			j--
		}
	}
	return out
}

// letterParts splits a letter into its base (lower case, no marks, đ → d),
// its vowel modifier or stroke (0 none, 1 circumflex, 2 breve, 3 horn,
// 4 stroke) and its tone (0 level, 1 grave, 2 acute, 3 hook, 4 tilde,
// 5 dot). Other runes are their own base.
func letterParts(r rune) (base rune, mod, tone int) {
	if r == 0 {
		return 0, 0, 0
	}
	r = unicode.ToLower(r)
	if r == 'đ' {
		return 'd', 4, 0
	}
	base = r
	first := true
	for _, x := range norm.NFD.String(string(r)) {
		if first {
			base = x
			first = false
			continue
		}
		switch x {
		case '\u0302':
			mod = 1
		case '\u0306':
			mod = 2
		case '\u031B':
			mod = 3
		case '\u0300':
			tone = 1
		case '\u0301':
			tone = 2
		case '\u0309':
			tone = 3
		case '\u0303':
			tone = 4
		case '\u0323':
			tone = 5
		}
	}
	return base, mod, tone
}

// smooth turns aligned letter counts into log p(OCR rune | true rune) for
// every true letter of the vocabulary's alphabet and every rune the OCR
// wrote: the direct estimate where the pair was seen often, backed off to a
// factored one, p(OCR base | true base) · p(OCR marks | true marks), so that
// a confusion seen on ố (6 for ố) carries over to ổ. Insertions are
// estimated directly per letter of truth.
func smooth(counts map[[2]rune]float64, pairs []pair) map[[2]rune]float64 {
	type mc struct{ mod, tone int }
	byTruth := map[rune]float64{}
	baseC := map[[2]rune]float64{}
	baseT := map[rune]float64{}
	markC := map[[2]mc]float64{}
	markT := map[mc]float64{}
	ocrAlpha := map[rune]bool{}
	truthAlpha := map[rune]bool{}
	var letters float64
	for k, c := range counts {
		t, o := k[0], k[1]
		if o != 0 {
			ocrAlpha[o] = true
		}
		if t == 0 {
			continue
		}
		truthAlpha[t] = true
		byTruth[t] += c
		letters += c
		tb, tm, tt := letterParts(t)
		ob, om, ot := letterParts(o)
		baseC[[2]rune{tb, ob}] += c
		baseT[tb] += c
		if o != 0 {
			if !unicode.IsLetter(o) {
				om, ot = 0, 0
			}
			markC[[2]mc{{tm, tt}, {om, ot}}] += c
			markT[mc{tm, tt}] += c
		}
	}
	for _, p := range pairs {
		for _, r := range p.t {
			truthAlpha[r] = true
		}
	}
	for t := range truthAlpha {
		ocrAlpha[t] = true
	}
	table := map[[2]rune]float64{}
	for t := range truthAlpha {
		tb, tm, tt := letterParts(t)
		lambda := byTruth[t] / (byTruth[t] + 30)
		candidates := []rune{0}
		for o := range ocrAlpha {
			candidates = append(candidates, o)
		}
		for _, o := range candidates {
			direct := 0.0
			if byTruth[t] > 0 && (counts[[2]rune{t, o}] >= 2 || t == o) {
				direct = counts[[2]rune{t, o}] / (byTruth[t] + 1)
			}
			ob, om, ot := letterParts(o)
			if o != 0 && !unicode.IsLetter(o) {
				om, ot = 0, 0
			}
			fact := 0.0
			if baseT[tb] > 0 {
				pb := baseC[[2]rune{tb, ob}] / (baseT[tb] + 1)
				if o == 0 {
					fact = pb
				} else if markT[mc{tm, tt}] > 0 {
					pm := markC[[2]mc{{tm, tt}, {om, ot}}] / (markT[mc{tm, tt}] + 1)
					fact = pb * pm
				}
			}
			p := lambda*direct + (1-lambda)*fact
			if p <= 0 {
				continue
			}
			if lp := math.Log(p); lp > -12 {
				table[[2]rune{t, o}] = lp
			}
		}
	}
	for k, c := range counts {
		if k[0] == 0 && c >= 2 {
			table[k] = math.Log(c / (letters + 1))
		}
	}
	return table
}

// learnMulti learns the confusions where OCR writes two letters for one
// (ctta, ctra, cira for cửa: "tt", "tr", "ir" for ử; dit for dữ: "it" for
// ữ), which a per-letter channel can only spell as a misread letter plus a
// letter of debris, the dearest edit it has. In the spirit of Brill and
// Moore's string-to-string channel (2000), every pair is aligned letter by
// letter with the learned costs, and an OCR letter over nothing is merged
// with the misread letter next to it into one edit, truth letter → two OCR
// letters. Its probability is counted per truth letter, and backed off to
// the letter's class without its tone (a reading seen for ữ carries over,
// dearer, to ừ, ứ, ử, ự), so that it generalises to syllables the pairs
// do not have. Entries are Subs whose OCR has two letters.
func learnMulti(pairs []pair, counts map[[2]rune]float64, cost func(t, o rune) float64) []lmfile.Sub {
	type cls struct {
		base rune
		mod  int
	}
	classOf := func(t rune) cls { b, m, _ := letterParts(t); return cls{b, m} }
	byTruth := map[rune]float64{}
	byClass := map[cls]float64{}
	for k, c := range counts {
		if k[0] != 0 {
			byTruth[k[0]] += c
			byClass[classOf(k[0])] += c
		}
	}
	type key struct {
		t rune
		o [2]rune
	}
	multi := map[key]float64{}
	multiClass := map[cls]map[[2]rune]float64{}
	for _, p := range pairs {
		al := alignRunes(p.o, p.t, cost)
		slices.Reverse(al)
		for k, a := range al {
			if a[0] != 0 || a[1] == 0 {
				continue
			}
			// the misread letter next to the debris: before it, else after
			var kk key
			switch {
			case k > 0 && al[k-1][0] != 0 && al[k-1][1] != 0 && al[k-1][0] != al[k-1][1]:
				kk = key{al[k-1][0], [2]rune{al[k-1][1], a[1]}}
			case k+1 < len(al) && al[k+1][0] != 0 && al[k+1][1] != 0 && al[k+1][0] != al[k+1][1]:
				kk = key{al[k+1][0], [2]rune{a[1], al[k+1][1]}}
			default:
				continue
			}
			if !unicode.IsLetter(kk.t) || foldRune(kk.t) == foldRune(kk.o[0]) && foldRune(kk.t) == foldRune(kk.o[1]) {
				continue
			}
			multi[kk] += p.n
			c := classOf(kk.t)
			if multiClass[c] == nil {
				multiClass[c] = map[[2]rune]float64{}
			}
			multiClass[c][kk.o] += p.n
		}
	}
	// every truth letter of the pairs' alphabet whose class has readings
	truths := map[rune]bool{}
	for t := range byTruth {
		truths[t] = true
	}
	table := map[key]float64{}
	for t := range truths {
		c := classOf(t)
		for o, n := range multiClass[c] {
			if n < 3 {
				continue
			}
			// the class's estimate, a nat dearer than a letter's own
			lp := math.Log(n/(byClass[c]+1)) - 1
			if d := multi[key{t, o}]; d >= 2 {
				lp = max(lp, math.Log(d/(byTruth[t]+1)))
			}
			if lp > -9 {
				table[key{t, o}] = lp
			}
		}
	}
	keys := make([]key, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].t != keys[b].t {
			return keys[a].t < keys[b].t
		}
		if keys[a].o[0] != keys[b].o[0] {
			return keys[a].o[0] < keys[b].o[0]
		}
		return keys[a].o[1] < keys[b].o[1]
	})
	out := make([]lmfile.Sub, 0, len(keys))
	for _, k := range keys {
		out = append(out, lmfile.Sub{Truth: string(k.t), OCR: string(k.o[:]), LogP: float32(table[k])})
	}
	return out
}

// learnTokens counts token-level evidence of the channel: how often the
// OCR wrote a whole token o for the vocabulary word t, over every pair
// whose truth is t (p(o | t), the count of t plus two below, seen at least
// twice, for a good share of the token's occurrences). It covers what the letter channel reaches badly or not at all,
// the garbles English-model OCR makes of common syllables time and again
// (¢6 for có, nude for nước). Stripped forms are left out (the strip prior
// has them), and so are OCR tokens of digits alone, which stay numbers,
// and other numbers and codes without an OCR symbol in them.
func learnTokens(path string, vocab []string) ([]lmfile.TokenSub, string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "no token readings (" + err.Error() + ")"
	}
	defer f.Close()
	ids := make(map[string]uint32, len(vocab))
	for i, w := range vocab {
		if i >= lmfile.FirstWord {
			ids[w] = uint32(i)
		}
	}
	type key struct {
		o string
		t uint32
	}
	const minShare = 0.15
	seen := map[key]float64{}
	total := map[uint32]float64{}
	byOCR := map[string]float64{}
	eachPair(f, func(ocr, truth string, n int) {
		tt := vn.Tokens(truth)
		if len(tt) != 1 || tt[0].Kind != vn.Word {
			return
		}
		t := vn.Key(tt[0].Core)
		id, ok := ids[t]
		if !ok {
			return
		}
		total[id] += float64(n)
		ot := vn.Tokens(ocr)
		if len(ot) != 1 {
			return
		}
		// words, and numbers or codes with a symbol OCR makes of a
		// marked letter (¢6 for có); digits alone stay numbers
		if k := ot[0].Kind; k != vn.Word && k != vn.Mixed && !((k == vn.Number || k == vn.Code) && strings.ContainsAny(ot[0].Core, ocrSymbols)) {
			return
		}
		core := ot[0].Core
		if !isASCIIString(core) {
			core = norm.NFKC.String(core)
		}
		o := vn.Key(core)
		if len([]rune(o)) > 12 {
			return
		}
		byOCR[o] += float64(n)
		if o == t || o == vn.Fold(t) {
			return
		}
		seen[key{o, id}] += float64(n)
	})
	var out []lmfile.TokenSub
	for k, c := range seen {
		// seen twice, and for at least one in minShare of the token's
		// occurrences: the rest are the pairs' misalignments and the
		// OCR's one-off accidents, which would only pull a common word
		// ("khai") towards a rare reading
		if c < 2 || c < minShare*byOCR[k.o] {
			continue
		}
		out = append(out, lmfile.TokenSub{OCR: k.o, Word: k.t, LogP: float32(math.Log(c / (total[k.t] + 2)))})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].OCR != out[b].OCR {
			return out[a].OCR < out[b].OCR
		}
		return out[a].Word < out[b].Word
	})
	return out, fmt.Sprintf("%d token readings", len(out))
}

// ocrSymbols are the symbols English-model OCR writes for marked letters
// (¢ and € for ệ, § and ¥ for ỹ or ộ, …), which no number has.
const ocrSymbols = "§¢€¥£©®"

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// eachPair calls fn with every well-formed line of a pairs file: the OCR
// token(s), the truth token(s) and how many times the pair was seen.
func eachPair(r io.Reader, fn func(ocr, truth string, n int)) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 3 {
			continue
		}
		n, err := strconv.Atoi(cols[2])
		if err != nil || n <= 0 {
			continue
		}
		fn(cols[0], cols[1], n)
	}
}
