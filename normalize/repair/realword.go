package repair

import (
	"strings"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
	"golang.org/x/text/unicode/norm"
)

// RealWordMargin is how much more likely, in natural-log units of the
// language model's probability of the words around it, a syllable's
// same-letter variant must make its context before RealWords puts it in.
// It is set so that clean text stays as it is (see TestRealWordsClean).
const RealWordMargin = 9

// RealWords corrects the real-word errors of text read with a Vietnamese
// OCR model (tesseract -l vie), line by line: a syllable read with the
// wrong tone or vowel mark over the right letters ("chuyển đối số" for
// "chuyển đổi số", "tống hợp" for "tổng hợp") is a word too, which the
// noisy-channel repair keeps. A syllable is replaced by one with the same
// letters and other marks only where the language model prefers it, in its
// context on both sides, by RealWordMargin or more; a marked syllable the
// vocabulary does not hold ("triến") by the same-letter word the context
// prefers. Lines that wrap one sentence are read together.
func RealWords(lines []string) []string {
	r := def()
	if r == nil {
		return lines
	}
	return r.RealWords(lines)
}

// RealWords is the package's RealWords with the Repairer's tone style.
func (r *Repairer) RealWords(lines []string) []string {
	m := r.m
	type at struct {
		line int
		tok  vn.Token
		id   uint32
		key  string
	}
	var seq []at
	for li, l := range lines {
		for ti, t := range vn.Tokens(l) {
			// a line that wraps a sentence runs on into the next
			if ti == 0 && len(seq) > 0 && seq[len(seq)-1].line == li-1 && !seq[len(seq)-1].tok.BreakAfter && !startsWithBreak(l) {
				t.BreakBefore = false
			}
			a := at{line: li, tok: t, id: lmfile.Unk}
			switch t.Kind {
			case vn.Word:
				a.key = vn.Key(norm.NFC.String(t.Core))
				if id, ok := m.ids[a.key]; ok {
					a.id = id
				}
			case vn.Number:
				a.id = lmfile.Num
			case vn.Code:
				a.id = lmfile.Code
				if vn.AmpersandCode(t.Core) {
					a.id = lmfile.Abbr
				}
			case vn.Roman:
				a.id = lmfile.Roman
			}
			seq = append(seq, a)
		}
	}
	if len(seq) == 0 {
		return lines
	}
	ids := make([]uint32, len(seq))
	for i, a := range seq {
		ids[i] = a.id
	}
	// segStart[i] is where the segment holding token i starts: context
	// does not cross a sentence break
	segStart := make([]int, len(seq))
	segEnd := make([]int, len(seq))
	s := 0
	for i := range seq {
		if i > 0 && (seq[i].tok.BreakBefore || seq[i-1].tok.BreakAfter) {
			s = i
		}
		segStart[i] = s
	}
	e := len(seq)
	for i := len(seq) - 1; i >= 0; i-- {
		if i+1 < len(seq) && (seq[i+1].tok.BreakBefore || seq[i].tok.BreakAfter) {
			e = i + 1
		}
		segEnd[i] = e
	}
	order := max(m.order, 2)
	word := func(i, lo int) uint32 {
		if i < lo {
			return lmfile.BOS
		}
		return ids[i]
	}
	// score is the log-probability of the n-grams that see token i, its
	// segment's end included
	score := func(i int) float32 {
		lo, hi := segStart[i], segEnd[i]
		var sum float32
		for j := i; j < i+order && j <= hi; j++ {
			d := uint32(lmfile.EOS)
			if j < hi {
				d = ids[j]
			}
			var a, b, c uint32 = lmfile.BOS, lmfile.BOS, lmfile.BOS
			if order >= 4 {
				a = word(j-3, lo)
			}
			if order >= 3 {
				b = word(j-2, lo)
			}
			c = word(j-1, lo)
			sum += m.logProb(a, b, c, d)
		}
		return sum
	}
	out := make([]string, len(seq))
	for i, a := range seq {
		out[i] = a.tok.Core
	}
	changed := false
	// a correction gives its neighbours a sounder context: read again
	// while corrections come ("Tố chức kiếm tra": "kiểm" first, then "Tổ")
	for pass := 0; pass < 3; pass++ {
		more := false
		for i, a := range seq {
			if ids[i] != a.id || segEnd[i]-segStart[i] < 2 {
				continue // corrected already, or no context to judge by
			}
			w, ok := r.realWord(i, a.tok, a.key, ids, score)
			if ok {
				out[i] = w
				changed, more = true, true
			}
		}
		if !more {
			break
		}
	}
	if !changed {
		return lines
	}
	res := make([]string, len(lines))
	k := 0
	for li, l := range lines {
		var b strings.Builder
		last := 0
		for k < len(seq) && seq[k].line == li {
			t := seq[k].tok
			b.WriteString(l[last:t.Start])
			b.WriteString(out[k])
			last = t.End
			k++
		}
		b.WriteString(l[last:])
		res[li] = b.String()
	}
	return res
}

// realWord judges token i of a sequence: the same-letter word the context
// prefers by the margin, if any; it sets ids[i] to the word's id.
func (r *Repairer) realWord(i int, tok vn.Token, key string, ids []uint32, score func(int) float32) (string, bool) {
	m := r.m
	id := ids[i]
	if tok.Kind != vn.Word || abbreviation(tok.Core) {
		return "", false
	}
	// a marked syllable outside the vocabulary ("triến") is a misread
	// one: any same-letter word the context takes beats it
	margin := float32(RealWordMargin)
	if id < lmfile.FirstWord {
		if id != lmfile.Unk || vn.Fold(key) == key {
			return "", false
		}
		margin = 0
	}
	fold := vn.Fold(key)
	if fold == key && !m.vietFold[fold] {
		return "", false
	}
	base := score(i)
	best, bestID := base, id
	for _, c := range m.foldCands(fold) {
		if c == id || !sameLetters(m.vocab[c], key) {
			continue
		}
		if margin == 0 && m.vocab[c] == fold {
			continue // a misread mark is a mark still
		}
		ids[i] = c
		if sc := score(i); sc > best {
			best, bestID = sc, c
		}
	}
	ids[i] = id
	if bestID == id || best-base < margin {
		return "", false
	}
	ids[i] = bestID
	w := restoreCase(tok.Core, m.vocab[bestID])
	if r.tone == normalize.ToneOld {
		w = normalize.SetTone(w, normalize.ToneOld)
	}
	return w, true
}

// sameLetters reports whether two words differ in their marks over the
// vowels only: the same letters, đ and d told apart (tesseract's
// Vietnamese model reads the bar of đ well; it confuses the hook above
// with the acute, the breve with the circumflex).
func sameLetters(a, b string) bool {
	ra, rb := []rune(norm.NFC.String(a)), []rune(norm.NFC.String(b))
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if (ra[i] == 'đ') != (rb[i] == 'đ') {
			return false
		}
	}
	return true
}
