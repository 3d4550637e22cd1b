package texttable

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize"
)

// The fields a task table's column can hold, as HeaderField names them.
const (
	FieldSTT      = "stt"
	FieldContent  = "content"
	FieldLead     = "lead"
	FieldSupport  = "support"
	FieldDeadline = "deadline"
	FieldResult   = "result"
	FieldNote     = "note"
	FieldOther    = "other" // a known column with no field of its own (kinh phí, địa điểm…)
)

// headerPhrases are the wordings of task-table column headers in the
// genre, folded (no diacritics, lower case, no punctuation), by field.
// They serve to cut a header printed over several lines into its columns;
// HeaderField reads a single header cell more loosely.
var headerPhrases = map[string][]string{
	FieldSTT: {"stt", "tt", "so tt", "so thu tu"},
	FieldContent: {"noi dung nhiem vu", "noi dung", "ten nhiem vu", "nhiem vu giai phap", "nhiem vu",
		"nhiem vu cu the", "noi dung cong viec", "ten de an nhiem vu", "noi dung hoat dong", "hoat dong",
		"cong viec", "ten nhiem vu de an", "noi dung thuc hien", "ten cong viec", "nhiem vu trong tam"},
	FieldLead: {"co quan chu tri tham muu thuc hien", "co quan chu tri", "don vi chu tri", "don vi thuc hien",
		"co quan thuc hien", "trach nhiem thuc hien", "co quan don vi chu tri", "chu tri",
		"co quan chu tri thuc hien", "don vi chu tri thuc hien", "co quan chu tri tham muu",
		"don vi chu tri tham muu", "co quan tham muu", "co quan don vi thuc hien", "don vi dau moi"},
	FieldSupport: {"co quan phoi hop", "don vi phoi hop", "co quan don vi phoi hop", "phoi hop",
		"co quan phoi hop thuc hien", "don vi phoi hop thuc hien"},
	FieldDeadline: {"thoi gian hoan thanh", "thoi han hoan thanh", "thoi han", "thoi gian thuc hien",
		"thoi gian", "tien do", "tien do thuc hien", "tien do hoan thanh", "moc thoi gian", "han hoan thanh",
		"thoi gian trinh", "thoi han trinh"},
	FieldResult: {"san pham", "san pham dau ra", "du kien ket qua", "ket qua", "du kien san pham",
		"hinh thuc san pham", "ket qua san pham", "san pham du kien", "ket qua dau ra", "hinh thuc van ban"},
	FieldNote:  {"ghi chu"},
	FieldOther: {"kinh phi", "nguon kinh phi", "du kien kinh phi", "dia diem", "lo trinh", "chi tieu", "muc tieu", "nguon von"},
}

// HeaderField names the field a task-table column holds, from its header
// cell as printed in any of the genre's wordings ("Cơ quan chủ trì tham
// mưu, thực hiện", "Đơn vị phối hợp", "Tiến độ", "Dự kiến kết quả"…). The
// comparison is on folded keys, so headers whose diacritics were lost or
// restored differently map alike. It returns "" for a cell that names no
// known column.
func HeaderField(text string) string {
	k := foldKey(text)
	if f := headerField(k, exactHas(k)); f != "" || k == "" {
		return f
	}
	// OCR misreads letters of a header as of any word ("SIT" for "STT",
	// "Cơ quan phai hgp", "Ghi chi"): a cell that names no column exactly
	// is read again allowing one wrong letter in a word.
	if len(k) == 3 && k[0] == 's' && normalize.EditDistance(k, "stt") == 1 {
		return FieldSTT
	}
	return headerField(k, fuzzyHas(k))
}

// exactHas returns a test of whether the folded key k holds a phrase as
// whole words.
func exactHas(k string) func(string) bool {
	k = " " + k + " "
	return func(s string) bool { return strings.Contains(k, " "+s+" ") }
}

// fuzzyHas returns a test of whether the folded key k holds a phrase
// with OCR slips: word for word, each word of three letters or more may
// have one letter wrong, missing or extra but keeps its first letter,
// shorter words are exact, and the phrase has at most one slip per four
// letters.
func fuzzyHas(k string) func(string) bool {
	words := strings.Fields(k)
	return func(s string) bool {
		ph := strings.Fields(s)
		budget := max(1, (len(strings.Join(ph, ""))+1)/4)
		for i := 0; i+len(ph) <= len(words); i++ {
			slips := 0
			for j, p := range ph {
				w := words[i+j]
				switch {
				case w == p:
				case len(p) >= 3 && len(w) >= 2 && w[0] == p[0] && normalize.EditDistance(w, p) == 1:
					slips++
				default:
					slips = budget + 1
				}
				if slips > budget {
					break
				}
			}
			if slips <= budget {
				return true
			}
		}
		return false
	}
}

// headerField classifies a folded header key, has telling whether it
// holds a phrase.
func headerField(k string, has func(string) bool) string {
	switch k {
	case "stt", "tt", "so tt", "so thu tu", "so":
		return FieldSTT
	case "":
		return ""
	}
	switch {
	case has("ghi chu"):
		return FieldNote
	case has("thoi gian"), has("thoi han"), has("tien do"), has("han hoan thanh"), has("moc thoi gian"):
		return FieldDeadline
	case has("phoi hop") && !has("chu tri"):
		return FieldSupport
	case has("chu tri"), has("don vi thuc hien"), has("co quan thuc hien"), has("trach nhiem"),
		has("don vi dau moi"), has("co quan tham muu"), k == "thuc hien":
		return FieldLead
	case has("san pham"), has("ket qua"), has("hinh thuc van ban"):
		return FieldResult
	case has("noi dung"), has("nhiem vu"), has("giai phap"), has("hoat dong"), has("cong viec"), has("de an"):
		return FieldContent
	case has("kinh phi"), has("dia diem"), has("lo trinh"), has("chi tieu"), has("muc tieu"), has("nguon von"):
		return FieldOther
	}
	return ""
}

// foldKey folds s for header comparison: normalize.Fold, with punctuation
// and markup taken out.
func foldKey(s string) string {
	s = normalize.Fold(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// headerColumn is one column found in a header printed as text.
type headerColumn struct {
	field string
	text  string   // the header as printed
	keys  []string // its folded words
}

// phraseField returns the field of the header phrase made of keys, "" if
// none; prefix reports whether keys begin a longer phrase.
func phraseField(keys []string) (field string, prefix bool) {
	for _, p := range phraseList {
		n := matchLen(keys, p.keys)
		if n == len(keys) && n == len(p.keys) && (field == "" || p.field < field) {
			field = p.field
		}
		if n == len(keys) && n < len(p.keys) {
			prefix = true
		}
	}
	return field, prefix
}

// phrase is a header phrase split into its words.
type phrase struct {
	field string
	keys  []string
}

// phraseList is headerPhrases as words, in a fixed order.
var phraseList = func() []phrase {
	var out []phrase
	for f, phrases := range headerPhrases {
		for _, p := range phrases {
			out = append(out, phrase{field: f, keys: strings.Fields(p)})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].field != out[b].field {
			return out[a].field < out[b].field
		}
		return strings.Join(out[a].keys, " ") < strings.Join(out[b].keys, " ")
	})
	return out
}()

// splitHeader cuts the text of a header row (its lines joined by spaces)
// into columns by the genre's header phrases, longest match first. Words
// that complete an earlier column's phrase join it, as a plain extractor
// prints the second line of a tall header cell after its neighbour's
// ("Thời gian" "Ghi chú" "hoàn thành"). ok is false when words are left
// that belong to no phrase; partial is true when the last words only begin
// a phrase (the header continues on the next line).
func splitHeader(text string) (cols []headerColumn, ok, partial bool) {
	orig := strings.Fields(text)
	var keys []string
	var from []int // index in orig of each key token
	for i, w := range orig {
		for _, k := range strings.Fields(foldKey(w)) {
			keys = append(keys, k)
			from = append(from, i)
		}
	}
	i := 0
	for i < len(keys) {
		// the longest phrase starting here
		bestN, bestField := 0, ""
		for n := len(keys) - i; n >= 1; n-- {
			if f, _ := phraseField(keys[i : i+n]); f != "" {
				bestN, bestField = n, f
				break
			}
		}
		rest := keys[i:]
		if bestN == 0 {
			// the next words complete an earlier column
			if n, c := completes(cols, rest); n > 0 {
				cols[c].keys = append(append([]string(nil), cols[c].keys...), rest[:n]...)
				cols[c].field, _ = phraseField(cols[c].keys)
				cols[c].text += " " + strings.Join(orig[from[i]:from[i+n-1]+1], " ")
				i += n
				continue
			}
			if _, prefix := phraseField(rest); prefix {
				return cols, true, true
			}
			for c := len(cols) - 1; c >= 0; c-- {
				if _, prefix := phraseField(append(append([]string(nil), cols[c].keys...), rest...)); prefix {
					return cols, true, true
				}
			}
			return cols, false, false
		}
		start, end := from[i], from[i+bestN-1]
		cols = append(cols, headerColumn{field: bestField, text: strings.Join(orig[start:end+1], " "), keys: keys[i : i+bestN]})
		i += bestN
	}
	return cols, true, false
}

// completes finds the fewest next words that complete an earlier
// column's phrase into a longer one ("Thời gian" + "hoàn thành"). It
// returns how many words and which column; 0 when none do.
func completes(cols []headerColumn, rest []string) (int, int) {
	for n := 1; n <= len(rest) && n <= 4; n++ {
		for c := len(cols) - 1; c >= 0; c-- {
			joined := append(append([]string(nil), cols[c].keys...), rest[:n]...)
			if f, _ := phraseField(joined); f != "" {
				return n, c
			}
		}
	}
	return 0, 0
}

// matchLen counts how many leading tokens of keys equal those of phrase.
func matchLen(keys, phrase []string) int {
	n := 0
	for n < len(keys) && n < len(phrase) && keys[n] == phrase[n] {
		n++
	}
	return n
}
