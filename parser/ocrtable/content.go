package ocrtable

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
)

// The content column's sentences flow: a line that continues the sentence
// above starts in lower case, and a sentence ends with a full stop. What an
// interleaved line adds after the content's last full stop, in lower case,
// is the right-hand columns' text (the end of a name cut at a line end:
// "phương", "và Công nghệ"), and a run of noise tokens inside a line is a
// stamp, a rule or a smudge read as letters.

// spillContent splits a row's content fragments where the content's
// sentence has ended and what follows cannot open a new one: a fragment in
// lower case after a fragment that ends with a full stop, and everything
// after it; or a short tail (three words at most, no full stop of its own)
// after the full stop inside the last fragment. It returns the content kept
// and the fragments spilled, with the index of the fragment each comes from.
func spillContent(frags []string) (kept []string, spilled []string, from []int) {
	kept = append([]string(nil), frags...)
	// inside a fragment: "… học tập. sở, ngành, địa [Thường xuyên"
	for i := 0; i < len(kept); i++ {
		at := lowerAfterStop(kept[i])
		if at < 0 {
			continue
		}
		spilled = append(spilled, strings.TrimSpace(kept[i][at:]))
		from = append(from, i)
		for j := i + 1; j < len(kept); j++ {
			spilled = append(spilled, kept[j])
			from = append(from, j)
		}
		kept[i] = strings.TrimSpace(kept[i][:at])
		kept = kept[:i+1]
		break
	}
	for i := 1; i < len(kept); i++ {
		if !sentenceEnd(kept[i-1]) {
			continue
		}
		if !lowerStart(kept[i]) {
			continue
		}
		for j := i; j < len(kept); j++ {
			spilled = append(spilled, kept[j])
			from = append(from, j)
		}
		kept = kept[:i]
		break
	}
	if n := len(kept); n > 0 {
		last := strings.TrimSpace(kept[n-1])
		if at := strings.LastIndex(last, ". "); at > 0 && !fullStop.MatchString(last) && sentenceEnd(last[:at+1]) {
			tail := strings.TrimSpace(last[at+1:])
			if w := strings.Fields(tail); len(w) >= 1 && len(w) <= 3 && !taskVerb(tail) && !startsDigit(tail) {
				kept[n-1] = last[:at+1]
				spilled = append([]string{tail}, spilled...)
				from = append([]int{n - 1}, from...)
			}
		}
	}
	// the tail may run over the last fragments: find it in their join
	if n := len(kept); n > 0 {
		joined := strings.Join(kept, " ")
		if at := nameTail(joined); at > 0 {
			var tails []string
			var tailFrom []int
			var keep []string
			off := 0 // where fragment i starts in joined
			for i, f := range kept {
				switch {
				case off+len(f) <= at:
					keep = append(keep, f)
				case off >= at:
					tails = append(tails, strings.TrimSpace(f))
					tailFrom = append(tailFrom, i)
				default:
					if h := strings.TrimSpace(f[:at-off]); h != "" {
						keep = append(keep, h)
					}
					tails = append(tails, strings.TrimSpace(f[at-off:]))
					tailFrom = append(tailFrom, i)
				}
				off += len(f) + 1
			}
			kept = keep
			spilled = append(tails, spilled...)
			from = append(tailFrom, from...)
		}
	}
	return kept, spilled, from
}

// tailWords end names that OCR cut at a line end and put after the
// content ("Sở Khoa học và" … "Công nghệ", "Các sở, ngành, địa" …
// "phương"), folded.
var tailWords = map[string]bool{"cong": true, "nghe": true, "khoa": true, "hoc": true, "va": true,
	"phuong": true, "nganh": true, "lien": true, "quan": true}

// nameTail returns the byte offset where the last content fragment ends
// with the end of a name from the right-hand columns: "Công nghệ" with a
// capital in mid-sentence, or "phương" not after "địa" nor a comma, then
// only such words, noise and at most one short word; 0 if it does not.
func nameTail(s string) int {
	words := strings.Fields(s)
	if len(words) < 4 {
		return 0
	}
	key := func(w string) string {
		k := wordKey(w)
		if strings.HasPrefix(k, "ngh") && utf8.RuneCountInString(k) <= 4 {
			return "nghe" // "nghd", "ngh¢": OCR forms of "nghệ"
		}
		return k
	}
	start := -1
	for i := len(words) - 1; i >= 2; i-- {
		k := key(words[i])
		single := utf8.RuneCountInString(k) == 1 && !startsDigit(k)
		if !tailWords[k] && !noiseToken(words[i]) && !single && !(i == len(words)-1 && utf8.RuneCountInString(k) <= 5 && !startsDigit(k)) {
			break
		}
		prev := words[i-1]
		switch {
		case k == "cong" && i+1 < len(words) && key(words[i+1]) == "nghe" && upperRe.MatchString(words[i]):
			if pk := wordKey(prev); pk != "va" && pk != "hoc" && !strings.HasSuffix(prev, ",") {
				start = i
			}
		case k == "phuong":
			if pk := wordKey(prev); pk != "dia" && pk != "xa" && !strings.HasSuffix(prev, ",") {
				start = i
			}
		}
	}
	if start < 0 {
		return 0
	}
	// byte offset of word start
	off := 0
	for i := 0; i < start; i++ {
		j := strings.Index(s[off:], words[i])
		off += j + len(words[i])
	}
	return off + strings.Index(s[off:], words[start])
}

// sentenceEnd reports whether text ends a sentence: its last word, a real
// word or number, carries the full stop ("hội.", not "nh}r ." nor "…").
func sentenceEnd(s string) bool {
	s = strings.TrimSpace(s)
	if !fullStop.MatchString(s) || strings.HasSuffix(s, "..") || strings.HasSuffix(s, "…") {
		return false
	}
	w := strings.Fields(s)
	last := strings.TrimRight(w[len(w)-1], ".!?\"”’)")
	if last == "" || noiseToken(last) {
		return false
	}
	n := 0
	for _, r := range last {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("/-", r) {
			return false
		}
		n++
	}
	return n >= 2
}

// lowerAfterStop returns the byte offset of text in lower case after a
// sentence's end inside s, -1 if none: a new sentence never starts so.
func lowerAfterStop(s string) int {
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' {
			continue
		}
		rest := strings.TrimLeft(s[i+1:], " ")
		if rest == "" || !lowerStart(rest) || !sentenceEnd(s[:i+1]) {
			continue
		}
		return len(s) - len(rest)
	}
	return -1
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// noiseToken reports whether a token is OCR noise: no letters, or one or
// two letters that make no Vietnamese word ("©", "p‘", "., s,").
func noiseToken(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == 0 {
		// numbers are text ("100%", "2025"), punctuation alone is not
		return !strings.ContainsFunc(w, unicode.IsDigit)
	}
	if letters > 2 {
		return false
	}
	k := normalize.Fold(strings.Trim(w, ".,;:()\"'‘’“”"))
	return !shortWords[k] && !oneLetterWords[k]
}

// oneLetterWords are words of one letter in the genre's text ("y" of "y
// tế", the "a", "b" of a list).
var oneLetterWords = map[string]bool{"y": true, "a": true, "b": true, "c": true, "d": true, "đ": true, "e": true, "o": true}

// dropNoiseRuns removes runs of three or more noise tokens from a line of
// content; the words around them close up.
func dropNoiseRuns(s string) string {
	words := strings.Fields(s)
	var out []string
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && noiseToken(words[j]) {
			j++
		}
		if j-i >= 3 {
			// keep the punctuation that ends the text before
			i = j
			continue
		}
		if j == i {
			j = i + 1
		}
		out = append(out, words[i:j]...)
		i = j
	}
	if len(out) == len(words) {
		return s
	}
	return strings.Join(out, " ")
}

// tidyContent drops noise runs from a row's content fragments and takes
// off the right-hand columns' text after the content's last sentence; the
// text taken off goes back to the row's pieces (it may complete a name).
func (r *reader) tidyContent(rw *row) {
	var frags []string
	var lines []int
	for i, c := range rw.content {
		c = dropNoiseRuns(c)
		if strings.TrimSpace(c) == "" {
			continue
		}
		frags = append(frags, c)
		if i < len(rw.contentLines) {
			lines = append(lines, rw.contentLines[i])
		} else {
			lines = append(lines, rw.first)
		}
	}
	kept, spilled, from := spillContent(frags)
	rw.content = kept
	if len(spilled) == 0 {
		rw.contentLines = lines[:len(kept)]
		return
	}
	rw.contentLines = lines[:len(kept)]
	for i, s := range spilled {
		// read as the right-hand columns are: names, deadlines, rules
		ps := guessed(r.splitRight(s, r.width, lines[from[i]]))
		if len(ps) == 0 {
			ps = []piece{{text: s, kind: pOther, pos: r.width, line: lines[from[i]], guess: true}}
		}
		// a second deadline is the next row's, met on a shared line
		for j := range ps {
			if ps[j].kind == pDeadline && rw.deadline {
				ps[j].kind = pOther
			}
		}
		rw.addPieces(ps)
	}
	sort.SliceStable(rw.pieces, func(a, b int) bool { return rw.pieces[a].line < rw.pieces[b].line })
}
