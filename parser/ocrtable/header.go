package ocrtable

import (
	"strings"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
)

// The words of task-table headers, folded: a header cell wraps inside its
// column ("Cơ quan / chủ trì", "Thời / gian / hoàn / thành", even "ST /
// T"), and OCR reads the wrapped header line by line, each line holding the
// next words of every cell. Such lines are told by their vocabulary.
var headerWords = map[string]bool{
	"stt": true, "st": true, "tt": true, "t": true, "s": true,
	"noi": true, "dung": true, "nhiem": true, "vu": true, "ten": true, "giai": true, "phap": true,
	"co": true, "quan": true, "don": true, "vi": true, "chu": true, "tri": true, "thuc": true, "hien": true,
	"phoi": true, "hop": true, "thoi": true, "gian": true, "han": true, "hoan": true, "thanh": true,
	"tien": true, "do": true, "ghi": true, "san": true, "pham": true, "du": true, "kien": true,
	"ket": true, "qua": true, "cong": true, "viec": true, "chinh": true, "tham": true, "muu": true,
	"va": true, "moc": true, "kinh": true, "phi": true, "nguon": true,
}

// wordFields are header words that name a column alone (each in one
// column of the genre's headers only, so a wrapped header still shows it).
var wordFields = map[string]string{
	"phoi": fSupport, "ghi": fNote, "san": fResult, "pham": fResult, "kien": fResult,
	"thoi": fDeadline, "tien": fDeadline, "hoan": fDeadline, "han": fDeadline,
	"dung": fContent, "nhiem": fContent, "tri": fLead,
}

// fuzzyFieldWords are the wordFields of four letters or more, in a fixed
// order (a misread word may be one letter from two of them).
var fuzzyFieldWords = []string{"phoi", "thoi", "tien", "hoan", "dung", "nhiem", "pham", "kien"}

// headerTokens splits a line into folded words of letters, at column rules
// and punctuation.
func headerTokens(line string) []string {
	f := normalize.Fold(line)
	return strings.FieldsFunc(f, func(r rune) bool { return !(r >= 'a' && r <= 'z') })
}

// headerWord reports whether a folded word is a header word, allowing one
// wrong letter in words of five letters or more ("thenh"; shorter words
// must be exact: "minh" is no "kinh").
func headerWord(w string) bool {
	if headerWords[w] {
		return true
	}
	if utf8.RuneCountInString(w) < 5 {
		return false
	}
	for h := range headerWords {
		if len(h) >= 5 && len(h) == len(w) && hamming1(h, w) {
			return true
		}
	}
	return false
}

func hamming1(a, b string) bool {
	d := 0
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			d++
		}
	}
	return d <= 1
}

// headerCount counts a line's words and its header words.
func headerCount(line string) (words, header int) {
	ws := headerTokens(line)
	for _, w := range ws {
		if headerWord(w) {
			header++
		}
	}
	return len(ws), header
}

// headerish reports whether a line is made of header words: at least min
// of them, and at least pct per cent of its words (a line of a wrapped
// header).
func headerish(line string, min, pct int) bool {
	if strings.TrimSpace(line) == "" || sttRe.MatchString(line) || sttOnlyRe.MatchString(line) {
		return false
	}
	n, h := headerCount(line)
	return n <= 16 && h >= min && h*100 >= n*pct
}

// headerWordFields returns the columns that a header line's words name
// alone (one wrong letter allowed in words of four letters that are no
// header word themselves: "phdi" is "phối", "thăm" stays "thăm").
func headerWordFields(line string) []string {
	var out []string
	for _, w := range headerTokens(line) {
		if f, ok := wordFields[w]; ok {
			out = append(out, f)
			continue
		}
		if len(w) >= 4 && !headerWords[w] {
			for _, k := range fuzzyFieldWords {
				if len(k) == len(w) && hamming1(k, w) {
					out = append(out, wordFields[k])
					break
				}
			}
		}
	}
	return out
}
