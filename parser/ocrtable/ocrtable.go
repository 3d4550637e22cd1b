// Package ocrtable rebuilds task tables from OCR text without positions, where
// the table's columns come interleaved line by line.
//
// An OCR engine reading a scanned table without keeping positions writes, on
// one line, the start of a task's text, then whatever the right-hand columns
// hold at that height: a fragment of the lead agency, of the supporting
// agencies, the deadline ("15/10/2025, gửi về Văn phòng Trung ương Đảng -
// Cơ quan Thường | Văn phòng Thành ủy Công nghệ 18/10/2025"). Cells that a
// scan holds apart vertically come as separate short paragraphs instead.
// Rows are recovered from what the genre tells:
//
//   - the header row names the columns and their order (fuzzy matching of
//     the header words, which OCR mangles: "Co quan chatri", "Thdihan");
//   - the content column has a width in characters, estimated from the
//     table's lines; text beyond it on a line belongs to the right-hand
//     columns, which start at an agency name (the agency lexicon's heads,
//     OCR forms included: "S&", "Céc so"), a column rule read as "|", or a
//     deadline form (normalize/deadline);
//   - rows are anchored by their row number (printed at mid-height of the
//     row) and their deadline, and cut where the content column's sentence
//     ends and a new one begins (a full stop or a short last line, then a
//     capital and a verb that opens tasks);
//   - section rows are numbered with Roman numerals (often misread: "I11",
//     "Il", "|"), begin with "Về", are in capitals, or span the whole table
//     width (longer than the content column with nothing on the right);
//   - footnotes span the width and begin with a small number; stamp,
//     signature and timestamp debris are lines with few real words.
//
// Narrow and borderless tables bring more: a header whose cells wrap is
// read line by line by its vocabulary ("ST / T", "Cơ quan / chủ trì"); a
// deadline or a date a narrow column broke ("Hàng" / "tháng", "31/12/202"
// / "5") is joined first; the header repeated on the next page is the
// table's; and a page that OCR read column by column (the row numbers one
// a line, then the contents, then each column under its header word) is
// read by counting (blocks.go). Appendix captions count: "Phụ lục" whose
// numeral was lost between numbered ones takes its place in the sequence.
//
// Each appendix gives one layout.Table anchored after its caption, its
// first row the header (canonical column names, so that any reader of
// headers maps them), section rows as one cell spanning the table, and one
// row for every task found. A cell that cannot be placed is left with what
// was read; Rebuild reports such rows as warnings.
package ocrtable

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/normalize/deadline"
	"github.com/kehoach/kehoach/parser/layout"
)

// Tables fills Page.Tables from the document's lines.
func Tables(doc *layout.Doc) { Rebuild(doc) }

// The fields of a task-table column.
const (
	fSTT      = "stt"
	fContent  = "content"
	fLead     = "lead"
	fSupport  = "support"
	fDeadline = "deadline"
	fResult   = "result"
	fNote     = "note"
)

// headerLabel is the canonical header text written for each field.
var headerLabel = map[string]string{
	fSTT:      "STT",
	fContent:  "Nội dung nhiệm vụ",
	fLead:     "Cơ quan chủ trì",
	fSupport:  "Cơ quan phối hợp",
	fDeadline: "Thời gian hoàn thành",
	fResult:   "Dự kiến kết quả",
	fNote:     "Ghi chú",
}

// ref is where a line of the flat list stands.
type ref struct{ page, line int }

// Rebuild is Tables, returning warnings about rows whose cells could not
// all be placed. Such rows are still rebuilt.
func Rebuild(doc *layout.Doc) []string {
	var refs []ref
	var texts []string
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			refs = append(refs, ref{pi, li})
			texts = append(texts, l.Text)
		}
	}
	fixCaptions(doc, refs, texts)
	regions := findRegions(texts)
	if len(regions) == 0 {
		return nil
	}
	var tableLines []string
	for _, rg := range regions {
		tableLines = append(tableLines, texts[rg.bodyStart:rg.end]...)
	}
	names := docNames(tableLines)
	var warnings []string
	used := make([]bool, len(texts))
	var tables []layout.Placed
	for _, rg := range regions {
		t := &reader{lines: texts, from: rg.bodyStart, to: rg.end, cols: rg.cols, names: names}
		t.num = func(k int) (int, int) {
			r := refs[k]
			return doc.Pages[r.page].Lines[r.line].Num, doc.Pages[r.page].Number
		}
		tab, consumed, warns := t.read()
		if len(tab.Rows) <= 1 {
			continue
		}
		warnings = append(warnings, warns...)
		for k := rg.headerStart; k < rg.bodyStart; k++ {
			used[k] = true
		}
		for _, k := range consumed {
			used[k] = true
		}
		tables = append(tables, layout.Placed{Page: refs[rg.headerStart].page, Line: refs[rg.headerStart].line, Table: tab})
	}
	doc.PlaceTables(tables, func(page, line int) bool { return used[flatIndex(refs, page, line)] })
	return warnings
}

func flatIndex(refs []ref, page, line int) int {
	i := sort.Search(len(refs), func(i int) bool {
		return refs[i].page > page || refs[i].page == page && refs[i].line >= line
	})
	return i
}

// ---------------------------------------------------------------------
// Captions and regions

var captionRe = regexp.MustCompile(`^\s*(phu luc)\s*([ivxl1|]{1,5}|\d{1,2})?\s*[.:|]?\s*$`)

// isCaption reports whether a line is an appendix caption, and its
// numeral token as printed ("" if none).
func isCaption(s string) (bool, string) {
	f := normalize.Fold(strings.Trim(s, " \t*"))
	m := captionRe.FindStringSubmatch(f)
	if m == nil {
		return false, ""
	}
	return true, m[2]
}

// romanValue reads a Roman numeral with OCR confusions (1, l, | for I).
func romanValue(s string) int {
	r := strings.NewReplacer("1", "i", "l", "i", "|", "i", "!", "i").Replace(strings.ToLower(s))
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	total := 0
	for i := 0; i < len(r); i++ {
		v, ok := vals[r[i]]
		if !ok {
			return 0
		}
		if i+1 < len(r) && vals[r[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total
}

func roman(n int) string {
	if n <= 0 || n > 39 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for ; n >= 10; n -= 10 {
		b.WriteString("X")
	}
	parts := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	b.WriteString(parts[n])
	return b.String()
}

// fixCaptions rewrites the numerals of appendix captions that OCR misread
// ("PHU LUC |", "PHU LUC Il", a third "PHU LUC I" between II and IV) when
// the captions of the document make a sequence.
func fixCaptions(doc *layout.Doc, refs []ref, texts []string) {
	type cap struct {
		k   int
		tok string
		val int
	}
	var caps []cap
	numbered := 0
	for k, t := range texts {
		if ok, tok := isCaption(t); ok {
			v := romanValue(tok)
			if v == 0 {
				v, _ = strconv.Atoi(tok)
			}
			if tok != "" {
				numbered++
			}
			caps = append(caps, cap{k, tok, v})
		}
	}
	if len(caps) < 2 || numbered == 0 {
		return
	}
	for i := range caps {
		want := i + 1
		// Only where the neighbours agree with a sequence from I.
		prevOK := i == 0 || caps[i-1].val == i
		nextOK := i == len(caps)-1 || caps[i+1].val == i+2
		r := refs[caps[i].k]
		l := &doc.Pages[r.page].Lines[r.line]
		if caps[i].tok == "" {
			// "Phụ lục" whose numeral OCR or repair lost, between
			// numbered captions that count on either side of it.
			if (i > 0 || i < len(caps)-1) && prevOK && nextOK {
				trimmed := strings.TrimRight(l.Text, " \t*.:|")
				l.Text = trimmed + " " + roman(want) + l.Text[len(trimmed):]
				l.Repaired = true
				texts[caps[i].k] = l.Text
				caps[i].val = want
			}
			continue
		}
		if caps[i].val == want && roman(want) == strings.ToUpper(caps[i].tok) && !glued(l.Text, caps[i].tok) {
			continue
		}
		if !(prevOK || nextOK) && caps[i].val != want {
			continue
		}
		if caps[i].val != want && !prevOK && !nextOK {
			continue
		}
		trimmed := strings.TrimRight(l.Text, " \t*.:|")
		if caps[i].tok == "|" {
			trimmed = strings.TrimRight(l.Text, " \t*")
		}
		idx := strings.LastIndexAny(trimmed, " \t") + 1
		switch {
		case normalize.Fold(trimmed[idx:]) == caps[i].tok:
			l.Text = l.Text[:idx] + roman(want) + l.Text[len(trimmed):]
		case glued(trimmed, caps[i].tok):
			// "Phu lucI": the numeral glued to the word.
			cut := len(trimmed) - len(caps[i].tok)
			l.Text = trimmed[:cut] + " " + roman(want) + l.Text[len(trimmed):]
		default:
			continue
		}
		l.Repaired = true
		texts[caps[i].k] = l.Text
		caps[i].val = want
	}
}

// glued reports whether a caption line ends in its numeral tok glued to
// the word before ("Phu lucI").
func glued(line, tok string) bool {
	t := strings.TrimRight(line, " \t*.:|")
	w := t[strings.LastIndexAny(t, " \t")+1:]
	f := normalize.Fold(w)
	return len(f) > len(tok) && strings.HasSuffix(f, tok) && strings.HasSuffix(strings.ToLower(w), tok)
}

// labelsFollow reports whether, after line i and before the next appendix
// caption, a line holds a lead's or a deadline's header word alone.
func labelsFollow(lines []string, i int) bool {
	for k := i + 1; k < len(lines) && k < i+400; k++ {
		if ok, _ := isCaption(lines[k]); ok {
			return false
		}
		if f := labelField(strings.TrimSpace(lines[k])); f == fLead || f == fDeadline {
			return true
		}
	}
	return false
}

// region is one table's lines: its header and body.
type region struct {
	headerStart, bodyStart, end int
	cols                        []string
}

// findRegions finds task-table headers and the body lines after each.
func findRegions(lines []string) []region {
	var out []region
	// Where the document has appendix captions, task tables stand under
	// them: look for headers only in the lines after a caption.
	near := map[int]bool{}
	for k, l := range lines {
		if ok, _ := isCaption(l); ok {
			for j := k + 1; j < len(lines) && j <= k+25; j++ {
				near[j] = true
			}
		}
	}
	for i := 0; i < len(lines); i++ {
		if len(near) > 0 && !near[i] {
			continue
		}
		cols, end, ok := findHeader(lines, i)
		if !ok && len(near) > 0 && labelField(strings.TrimSpace(lines[i])) == fContent && labelsFollow(lines, i) {
			// no header row read: the content column's header word alone,
			// the other columns' further on (a page read column by column)
			cols, end, ok = []string{fSTT, fContent, fLead, fSupport, fDeadline}, i, true
		}
		if !ok {
			continue
		}
		rg := region{headerStart: i, bodyStart: end, cols: cols}
		rg.end = len(lines)
		for k := end; k < len(lines); k++ {
			if ok, _ := isCaption(lines[k]); ok {
				rg.end = k
				break
			}
			if timestampRe.MatchString(lines[k]) {
				rg.end = k
				break
			}
			if _, e2, ok := findHeader(lines, k); ok && e2 > k && (len(near) == 0 || near[k]) {
				rg.end = k
				break
			}
		}
		out = append(out, rg)
		i = rg.end - 1
	}
	return out
}

var (
	noteRefRe = regexp.MustCompile(`\b\d{1,3}\s*-\s*[A-ZĐ]{1,5}/[A-ZĐ]{2,}`)
	partialRe = regexp.MustCompile(`(?:^|\s)(?:thang|quy|nam|truoc ngay|trudc ngay)$`)
)

var timestampRe = regexp.MustCompile(`^\s*\d{4}-\d\d-\d\dT\d\d:\d\d`)

// headerKeys are the header words by field, folded, letters only.
var headerKeys = []struct{ key, field string }{
	{"noidungnhiemvu", fContent}, {"tennhiemvu", fContent}, {"noidung", fContent}, {"nhiemvu", fContent},
	{"coquanchutri", fLead}, {"chutri", fLead}, {"donvithuchien", fLead}, {"coquanthuchien", fLead},
	{"donvichutri", fLead},
	{"coquanphoihop", fSupport}, {"donviphoihop", fSupport}, {"phoihop", fSupport}, {"phoihep", fSupport},
	{"thoigianhoanthanh", fDeadline}, {"thoihanhoanthanh", fDeadline}, {"thoigian", fDeadline},
	{"thoihan", fDeadline}, {"hanhoanthanh", fDeadline}, {"tiendo", fDeadline},
	{"dukienketqua", fResult}, {"sanpham", fResult}, {"ketqua", fResult},
	{"ghichu", fNote},
	{"coquan", ""}, {"donvi", ""}, {"hoanthanh", fDeadline}, {"thammuu", ""}, {"thuchien", ""}, {"tt", ""},
}

// condense folds s and keeps its letters and digits only.
func condense(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, normalize.Fold(normalize.NFC(strings.ReplaceAll(s, "ﬁ", "fi"))))
}

// headerHits returns the fields named in a line, in order, with fuzzy
// matching of each key (one error in six letters). A line counts only when
// header words cover most of it; a line of header words naming no field
// ("Cơ quan") gives a hit with an empty field.
func headerHits(line string) []string {
	c := condense(line)
	if c == "" || len(c) > 90 {
		return nil
	}
	type hit struct {
		pos   int
		field string
		n     int
	}
	var hits []hit
	covered := make([]bool, len(c)+1)
	for _, hk := range headerKeys {
		k := len(hk.key)
		maxErr := k / 6
		if k <= 3 {
			if c != hk.key {
				continue
			}
		}
		if pos, ok := approxFind(c, hk.key, maxErr); ok {
			if covered[pos] {
				continue
			}
			for p := max(pos-k+1, 0); p <= pos && p < len(covered); p++ {
				covered[p] = true
			}
			hits = append(hits, hit{pos, hk.field, k})
		}
	}
	n := 0
	for _, b := range covered[:len(c)] {
		if b {
			n++
		}
	}
	if n*10 < len(c)*5 {
		return nil
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	out := []string{}
	for _, h := range hits {
		out = append(out, h.field)
	}
	// A line holding only "TT" or "STT" names the number column.
	if c == "tt" || c == "stt" || strings.HasPrefix(c, "stt") || strings.HasPrefix(strings.TrimSpace(normalize.Fold(line)), "tt ") {
		out = append([]string{fSTT}, out...)
	}
	return out
}

// approxFind finds pattern in text with at most k edits (Sellers); it
// returns the end position of the best match.
func approxFind(text, pattern string, k int) (int, bool) {
	m := len(pattern)
	if m == 0 {
		return 0, false
	}
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	best, bestPos := k+1, -1
	for j := 1; j <= len(text); j++ {
		prev := col[0] // D[i-1][j-1]
		col[0] = 0
		for i := 1; i <= m; i++ {
			cur := col[i]
			cost := 1
			if pattern[i-1] == text[j-1] {
				cost = 0
			}
			col[i] = min(prev+cost, col[i]+1, col[i-1]+1)
			prev = cur
		}
		if col[m] < best {
			best, bestPos = col[m], j-1
		}
	}
	return bestPos, bestPos >= 0 && best <= k
}

// findHeader reads a task-table header starting at line i: header words
// over up to twelve lines (blank lines allowed), naming the content and a
// lead or deadline column. It returns the columns in order and the index
// of the first body line.
func findHeader(lines []string, i int) ([]string, int, bool) {
	first := headerHits(lines[i])
	strict := wrappedHeaders && (headerish(lines[i], 3, 70) || headerish(lines[i], 5, 60))
	if first == nil && !strict || len(strings.TrimSpace(lines[i])) > 140 {
		return nil, i, false
	}
	var order []string
	seen := map[string]bool{}
	add := func(fs []string) {
		for _, f := range fs {
			if f != "" && !seen[f] {
				seen[f] = true
				order = append(order, f)
			}
		}
	}
	add(first)
	if wrappedHeaders {
		add(headerWordFields(lines[i]))
	}
	words, hw := headerCount(lines[i])
	headerLines := 1
	end := i + 1
	gap := 0
	prevStrict := strict || first != nil
	for k := i + 1; k < len(lines) && k < i+20; k++ {
		t := strings.TrimSpace(lines[k])
		if t == "" {
			continue
		}
		h := headerHits(t)
		// A line of a wrapped header: header words only, or (right under
		// one) mostly, the rest misread.
		wrapped := wrappedHeaders && (headerish(t, 1, 70) || prevStrict && headerish(t, 3, 40) && len(strings.Fields(t)) <= 12)
		if h == nil && !wrapped {
			if len(condense(t)) <= 3 || (len(t) < 12 && !isSentence(t)) {
				gap++
				if gap > 3 {
					break
				}
				continue
			}
			break
		}
		if len(t) > 140 {
			break
		}
		// A heading in capitals that names no new column is the first
		// section row ("NHIỆM VỤ CHUNG" under "Nội dung, nhiệm vụ"). Off
		// until the assembler stops reading such a row, spanning the
		// table, as a second header line (parser/tasks.go isSubHeader).
		if splitFirstSection && isUpperHeading(t) && seen[fContent] && (seen[fLead] || seen[fDeadline]) && !addsField(h, seen) && !wrapped {
			break
		}
		gap = 0
		add(h)
		if wrappedHeaders {
			add(headerWordFields(t))
		}
		n, m := headerCount(t)
		words += n
		hw += m
		headerLines++
		prevStrict = headerish(t, 1, 70)
		end = k + 1
	}
	named := 0
	for _, f := range []string{fLead, fSupport, fDeadline, fResult, fNote} {
		if seen[f] {
			named++
		}
	}
	// A header read whole names the content and a lead or deadline
	// column; one whose words OCR mangled is still a header when it is
	// made of header words and names two columns right of the content
	// (every task table has the content column).
	if !(seen[fContent] && (seen[fLead] || seen[fDeadline]) && len(order) >= 3) && !(hw >= 6 && hw*10 >= words*6 && named >= 2) {
		return nil, i, false
	}
	// The genre orders its columns one way: number, task, lead, support,
	// result, deadline, note. OCR scrambles the header's lines (cells of
	// two lines start higher than cells of one), so the order read is not
	// trusted; the columns found are put in the genre's order. A support
	// column is assumed beside the lead (its header is often unreadable).
	seen[fSTT], seen[fContent], seen[fLead], seen[fSupport], seen[fDeadline] = true, true, true, true, true
	var cols []string
	for _, f := range []string{fSTT, fContent, fLead, fSupport, fResult, fDeadline, fNote} {
		if seen[f] {
			cols = append(cols, f)
		}
	}
	return cols, end, true
}

// wrappedHeaders reads headers whose cells wrap (see headerish).
var wrappedHeaders = true

// splitFirstSection ends a header at a heading in capitals that names no
// new column (see findHeader).
var splitFirstSection = true

// addsField reports whether a header line names a column not seen yet.
func addsField(fs []string, seen map[string]bool) bool {
	for _, f := range fs {
		if f != "" && !seen[f] {
			return true
		}
	}
	return false
}

func insertBefore(s []string, v string, at int) []string {
	at = min(at, len(s))
	out := append([]string{}, s[:at]...)
	out = append(out, v)
	return append(out, s[at:]...)
}

func isSentence(t string) bool {
	return len(strings.Fields(t)) >= 4
}

// ---------------------------------------------------------------------
// Lines

// piece is a fragment of a right-hand column found on a line.
type piece struct {
	text string
	kind int // pAgency, pDeadline, pNote, pOther
	pos  int // rune offset in the line
	line int // flat line index
	// guess: pos does not tell the column (the piece follows noise read
	// for the content, or a content line cut short)
	guess bool
	// seg numbers the stretches of the line's right-hand part between
	// column rules ("|"), from 1; 0 if not known
	seg int
	// slot numbers the agency columns from 1 where a line read on its own
	// tells which column a piece is in (see reader.rightLine); 0 if not
	slot int
}

// guessed marks pieces whose offsets tell no column.
func guessed(ps []piece) []piece {
	for i := range ps {
		ps[i].guess = true
	}
	return ps
}

const (
	pAgency = iota
	pDeadline
	pNote
	pOther
)

// info is what one line of a table holds.
type info struct {
	k        int
	text     string
	blank    bool
	debris   bool
	stt      string // row number at the start
	roman    string // section numeral at the start
	content  string // the content column's fragment
	pieces   []piece
	spanning bool // longer than the content column, nothing on the right
	footnote bool
	section  bool
}

var (
	sttRe     = regexp.MustCompile(`^\s*[|\[(]?\s*(\d{1,2})\s*(?:[|\[{(.]\s*|\s+)(\S.*)$`)
	sttOnlyRe = regexp.MustCompile(`^\s*(\d{1,2})\.?\s*$`)
	romanRe   = regexp.MustCompile(`^\s*(VIII|VII|VIl|VI|V1|IV|1V|IX|III|I11|111|II|Il|I1|1I|11|I|V|X|\|)(?:\s*[.|\[)]\s*|\s+)(\S.*)$`)
	upperRe   = regexp.MustCompile(`^[\p{Lu}]`)
	fullStop  = regexp.MustCompile(`[.!?]["”’)]*\s*$`)
	noteRe    = regexp.MustCompile(`(?i)\b\d{1,3}\s*-\s*[A-ZĐ/]{2,}[A-ZĐ/]*|(?:^|\s)ng[aà]y\s*$`)
	dateRe    = regexp.MustCompile(`^\s*\d{1,2}/\d{1,2}/\d{4}\s*$`)
)

// reader reads one table's body.
type reader struct {
	lines    []string
	from, to int
	cols     []string
	num      func(k int) (num, page int)
	width    int // content column width in runes
	// where the lead and support columns' names start on lines holding
	// both, in runes (0 when no line holds both)
	leadPos, supportPos float64
	// names are the bodies the document names as the lexicon knows them
	// (see docNames), which garbled names are read against
	names []string
}

// has reports whether the table has a column.
func (r *reader) has(f string) bool { return slices.Index(r.cols, f) >= 0 }

// debris reports whether a line is stamp, signature or OCR noise: few
// words of two letters or more that, in lower case and in a short line,
// have the shape of a Vietnamese syllable ("g g hgniep, cứ g hgniep." is the diacritics of a
// line read as a line of its own).
func debris(t string) bool {
	words := strings.Fields(t)
	if len(words) == 0 {
		return true
	}
	good, letters := 0, 0
	// (a long line of misread words is a content line OCR garbled: kept)
	short := utf8.RuneCountInString(t) <= 30
	for _, w := range words {
		n := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				n++
			}
		}
		letters += n
		if n >= 2 && n*2 >= utf8.RuneCountInString(w) && (!short || !lowerStart(w) || validSyllable(w)) {
			good++
		}
	}
	return good*2 < len(words) || letters < 3
}

// estimateWidth estimates the content column's width in runes: the upper
// quartile of the lengths of lines without a right-hand break.
func (r *reader) estimateWidth() {
	var ls []int
	for k := r.from; k < r.to; k++ {
		t := strings.TrimSpace(r.lines[k])
		if i := strings.Index(t, "  "); i > 0 {
			// a wide gap between words is a column's edge: the content
			// ends there
			t = t[:i]
		}
		n := utf8.RuneCountInString(t)
		if n < 25 || debris(t) {
			continue
		}
		if strings.ContainsAny(t, "|[") {
			continue
		}
		if agencyBreak(t, 0) >= 0 || len(deadline.FindAll(t)) > 0 {
			continue
		}
		ls = append(ls, n)
	}
	sort.Ints(ls)
	if len(ls) == 0 {
		r.width = 60
		return
	}
	med := ls[len(ls)/2]
	var keep []int
	for _, n := range ls {
		if float64(n) <= float64(med)*1.35 {
			keep = append(keep, n)
		}
	}
	r.width = keep[len(keep)*3/4]
	if r.width < 30 {
		r.width = 30
	}
}

// agencyBreak returns the rune offset at or after from where an agency name
// begins and runs to the end of the line (or the next column rule), -1 if
// none.
func agencyBreak(t string, from int) int {
	rs := []rune(t)
	for i := max(from, 1); i < len(rs); i++ {
		if rs[i-1] != ' ' && rs[i-1] != '|' && rs[i-1] != '.' && rs[i-1] != ';' {
			continue
		}
		rest := string(rs[i:])
		if end := strings.IndexAny(rest, "|["); end >= 0 {
			rest = rest[:end]
		}
		rest = strings.TrimSpace(rest)
		if fixed, ok := restoreHead(rest); ok {
			rest = fixed
		}
		if rest == "" || !startsAgency(rest) {
			continue
		}
		if agencyTail(rest) {
			return i
		}
	}
	return -1
}

// dropNoiseAfterOpen drops what follows a name cut mid-way when it opens
// with a noise token ("UBND các N ẮT ở"): a stamp or a rule read as
// letters, beside the name's end, which OCR put on another line.
func dropNoiseAfterOpen(s string) string {
	w := strings.Fields(s)
	if !startsAgency(s) {
		return s
	}
	for i := 2; i < len(w); i++ {
		if !junkToken(w[i]) {
			continue
		}
		// the words between the name's cut and the noise are noise too
		// ("Các số, A oAl LA")
		for j := i; j >= 2 && j > i-3; j-- {
			if incomplete(strings.Join(w[:j], " ")) {
				return strings.Join(w[:j], " ")
			}
		}
		return s
	}
	return s
}

// trimAfterOpen drops the noise after an agency text cut mid-name
// ("ngành; địa , . cn b"): the longest start that stops mid-name, when
// all the words after it are noise (see junkToken), single letters, or in
// lower case no Vietnamese syllable ("obs", "cn"; a capital may open words
// OCR glued together: "Khoahoc").
func trimAfterOpen(s string) string {
	w := strings.Fields(s)
	for j := len(w) - 1; j >= 1; j-- {
		if !incomplete(strings.Join(w[:j], " ")) {
			continue
		}
		all := true
		for _, x := range w[j:] {
			if !(junkToken(x) || lowerStart(x) && !validSyllable(x) || utf8.RuneCountInString(strings.Trim(x, ".,;:()")) <= 1) {
				all = false
				break
			}
		}
		if all {
			k := j
			for k > 1 && !strings.ContainsFunc(w[k-1], unicode.IsLetter) {
				k-- // a separator left alone before the noise
			}
			return strings.Join(w[:k], " ")
		}
	}
	return s
}

// syllableRe is the shape of a Vietnamese syllable, folded: an onset, one
// to three vowels, a final consonant of the few the language allows.
var syllableRe = regexp.MustCompile(`^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$`)

// validSyllable reports whether a word, its punctuation aside, has the
// shape of a Vietnamese syllable; words with digits or without letters,
// and abbreviations in capitals, are not judged (true).
func validSyllable(w string) bool {
	if strings.ContainsFunc(w, unicode.IsDigit) {
		return true
	}
	f := normalize.Fold(strings.ToLower(w))
	f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
	if f == "" {
		return true
	}
	if rs := []rune(strings.Trim(w, ".,;:()")); len(rs) >= 3 && strings.ToUpper(string(rs)) == string(rs) {
		return true // an abbreviation ("UBND", "HĐND")
	}
	return syllableRe.MatchString(f)
}

// deglue splits the words of a right-hand cell that OCR glued together
// ("thaovaDu", "Khoahoc", "Congan", "vaCong"): a word that is no
// Vietnamese syllable is cut where its case changes, then into syllables,
// the longest first, when every part is one. Abbreviations in capitals,
// words with digits and words that cannot be cut so stay as read.
func deglue(s string) string {
	w := strings.Fields(s)
	changed := false
	for i, x := range w {
		if validSyllable(x) {
			continue
		}
		if parts := splitGlued(x); len(parts) > 1 {
			w[i] = strings.Join(parts, " ")
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(w, " ")
}

// splitGlued cuts one glued word into syllables (see deglue); the word
// itself if it cannot.
func splitGlued(x string) []string {
	// letters only, punctuation kept at the ends
	start := strings.IndexFunc(x, unicode.IsLetter)
	end := strings.LastIndexFunc(x, unicode.IsLetter)
	if start < 0 {
		return []string{x}
	}
	_, n := utf8.DecodeRuneInString(x[end:])
	head, body, tail := x[:start], x[start:end+n], x[end+n:]
	rs := []rune(body)
	if len(rs) < 5 || strings.ContainsFunc(body, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return []string{x}
	}
	f := []rune(normalize.Fold(strings.ToLower(body)))
	if len(f) != len(rs) {
		return []string{x}
	}
	// cut where a lower-case letter meets a capital ("thaovaDu")
	var cuts []int
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			cuts = append(cuts, i)
		}
	}
	var out []string
	from := 0
	for _, c := range append(cuts, len(rs)) {
		seg := syllables(f[from:c])
		if seg == nil {
			return []string{x}
		}
		at := from
		for _, n := range seg {
			out = append(out, string(rs[at:at+n]))
			at += n
		}
		from = c
	}
	if len(out) < 2 {
		return []string{x}
	}
	out[0] = head + out[0]
	out[len(out)-1] += tail
	return out
}

// syllables cuts folded letters into at most three syllables of two
// letters or more, the longest first; it returns their lengths, nil if it
// cannot.
func syllables(f []rune) []int {
	if syllableRe.MatchString(string(f)) {
		return []int{len(f)}
	}
	var cut func(f []rune, left int) []int
	cut = func(f []rune, left int) []int {
		if len(f) >= 2 && syllableRe.MatchString(string(f)) {
			return []int{len(f)}
		}
		if left == 1 {
			return nil
		}
		for n := min(len(f)-2, 7); n >= 2; n-- {
			if !syllableRe.MatchString(string(f[:n])) {
				continue
			}
			if rest := cut(f[n:], left-1); rest != nil {
				return append([]int{n}, rest...)
			}
		}
		return nil
	}
	return cut(f, 3)
}

// junkToken reports whether a token beside a name is noise: garbled,
// punctuation between its letters ("S:ac"), or one or two capitals that
// no abbreviation of the genre is ("N", "ẮT"),
// but a vowel alone, which may be a word.
func junkToken(w string) bool {
	w = strings.Trim(w, "[]{}|")
	if garbled(w) && strings.ContainsFunc(w, unicode.IsLetter) {
		return true
	}
	// a stop, colon or mark between letters: "S:ac", "o!u:ng"
	if inner := strings.Trim(w, ".,;:!?()"); strings.ContainsAny(inner, ".:!?;,") && strings.ContainsFunc(inner, unicode.IsLetter) &&
		!strings.ContainsFunc(inner, unicode.IsDigit) {
		return true
	}
	rs := []rune(w)
	if len(rs) > 2 {
		return false
	}
	if len(rs) == 1 && strings.ContainsRune("aeiouyđ", []rune(normalize.Fold(w))[0]) {
		return false // a word of one vowel ("Y tế")
	}
	for _, r := range rs {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return !shortAbbrevs[w]
}

// shortAbbrevs are the genre's abbreviations of one or two letters.
var shortAbbrevs = map[string]bool{"CA": true, "CQ": true, "VP": true, "TW": true, "TƯ": true, "CP": true, "TP": true, "QS": true, "BĐ": true}

// headShapes are the heads of bodies' names by the first glyph English OCR
// reads for them ("36", "S6", "$o" for "Sở"; "86", "B0" for "Bộ").
var headShapes = map[rune]string{'S': "Sở", 's': "Sở", '5': "Sở", '3': "Sở", '$': "Sở", 'B': "Bộ", '8': "Bộ"}

// restoreHead reads a name whose head OCR garbled into a short token that
// is no word ("36 Nội vụ"): the token's first glyph names the head, and
// the head with the words after it must make a name the lexicon knows
// ("Sở Nội vụ"). It returns the name with its head written, and whether
// it did.
func restoreHead(s string) (string, bool) {
	// the first token alone first: most text opens with a word
	t0 := strings.TrimLeft(s, " ")
	if i := strings.IndexByte(t0, ' '); i > 0 {
		t0 = t0[:i]
	}
	if utf8.RuneCountInString(t0) > 3 || !strings.ContainsFunc(t0, unicode.IsDigit) && !garbled(t0) ||
		!strings.ContainsFunc(t0, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '$' }) {
		return s, false
	}
	w := strings.Fields(s)
	if len(w) < 2 || utf8.RuneCountInString(w[0]) > 3 || !upperRe.MatchString(w[1]) {
		return s, false
	}
	t := w[0]
	if !strings.ContainsFunc(t, unicode.IsDigit) && !garbled(t) {
		return s, false
	}
	r, _ := utf8.DecodeRuneInString(t)
	head, ok := headShapes[r]
	if !ok {
		return s, false
	}
	for n := min(len(w)-1, 6); n >= 1; n-- {
		name := head + " " + strings.TrimRight(strings.Join(w[1:1+n], " "), ",;.:")
		if agency.Default().Known(name) {
			return head + " " + strings.Join(w[1:], " "), true
		}
	}
	return s, false
}

// startsAgency reports whether text begins with an agency head written
// with a capital (OCR forms of "Sở" included) or with "Các"/"UBND".
func startsAgency(s string) bool {
	if !upperRe.MatchString(s) {
		return false
	}
	return agency.IsAgency(firstWords(s, 6))
}

// agencyTail reports whether s, the end of a line, reads as agency names
// (with a deadline possibly after them), allowing a name cut at the line
// end ("Sở Khoa học và").
func agencyTail(s string) bool {
	if spans := deadline.FindAll(s); len(spans) > 0 {
		s = strings.TrimSpace(s[:spans[0].Start])
	}
	if s == "" {
		return true
	}
	if utf8.RuneCountInString(s) > 60 {
		return false
	}
	parts := agency.Split([]string{s})
	if len(parts) == 0 {
		return false
	}
	return agency.IsAgency(parts[0])
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}

// parseLine splits one line into its row number, content fragment and
// right-hand pieces.
func (r *reader) parseLine(k int) info {
	t := strings.TrimRight(r.lines[k], " \t")
	in := info{k: k, text: t}
	if strings.TrimSpace(t) == "" {
		in.blank = true
		return in
	}
	s := strings.TrimSpace(t)
	if m := sttOnlyRe.FindStringSubmatch(s); m != nil {
		in.stt = m[1]
		return in
	}
	if m := romanRe.FindStringSubmatch(s); m != nil && romanValue(m[1]) > 0 && (m[1] != "11" && m[1] != "1" || sectionText(m[2])) && sectionText(m[2]) {
		in.roman = m[1]
		in.section = true
		in.content = cleanSection(m[2])
		return in
	}
	if m := sttRe.FindStringSubmatch(s); m != nil {
		if n, _ := strconv.Atoi(m[1]); n > 0 && n < 100 && !strings.HasPrefix(m[2], "/") && !strings.HasPrefix(m[2], "%") {
			in.stt = m[1]
			s = m[2]
		}
	}
	if isUpperHeading(s) && !agency.IsAgency(s) {
		in.section = true
		in.content = s
		return in
	}
	// Stray punctuation before a name (", Các Sở, |Các bài toán"): the
	// content column is empty on this line.
	if t := strings.TrimLeft(s, ",.;:'’‘` "); t != s && t != "" && startsAgency(t) {
		s = t
	}
	// A run of noise tokens first (a line of stray diacritics where the
	// content column is empty): the rest is right-hand cells.
	if j := junkPrefix(s); j > 0 {
		rest := strings.TrimSpace(s[j:])
		if rest != "" && utf8.RuneCountInString(rest) <= r.width*3/4 {
			in.pieces = guessed(r.splitRight(rest, r.width, k))
			return in
		}
	}
	// Debris before a column rule: the rest is a right-hand cell.
	if i := strings.IndexAny(s, "|["); i > 0 && debris(s[:i]) && strings.TrimSpace(s[i+1:]) != "" {
		rest := strings.TrimSpace(s[i+1:])
		if utf8.RuneCountInString(rest) <= r.width*3/4 {
			// the debris may end with a name of the column left of the rule
			// ("Al LÀ e A Ú 1m Sở Khoa học | …")
			if name := nameAfterDebris(s[:i]); name != "" {
				in.pieces = append(in.pieces, piece{text: name, kind: pAgency, line: k})
			}
			in.pieces = append(in.pieces, guessed(r.splitRight(rest, r.width, k))...)
			return in
		}
	}
	// A group's nouns in a list, then a product or a deadline, with
	// the content column empty ("ngành; địa Kế hoạch công tác").
	if r.has(fResult) && lowerStart(s) {
		if e := resultBreak([]rune(s)); e > 0 && listedGroup(string([]rune(s)[:e])) {
			in.pieces = r.splitRight(s, 0, k)
			return in
		}
	}
	rs := []rune(s)
	n := len(rs)
	// Whole line a right-hand cell (block layout): short and agency- or
	// deadline-like.
	if n <= r.width*3/4 {
		// A document reference alone ("27-TB/TGV ngày"): the note column's.
		if loc := noteRefRe.FindStringIndex(s); r.has(fNote) && loc != nil && loc[0] == 0 {
			in.pieces = append(in.pieces, piece{text: s, kind: pNote, line: k})
			return in
		}
		if deadline.Looks(s) && !isSentence(s) || dateRe.MatchString(s) {
			in.pieces = append(in.pieces, r.classify(s, 0, k))
			return in
		}
		// (in lower case only the end of a name or a group's nouns: the
		// lexicon takes "đài" for the head "Đài")
		if (agency.Looks(strings.TrimRight(s, ".;, ")) || agencyTail(s) && startsAgency(s) || groupLine(s)) && (!lowerStart(s) || lowerAgency(s)) {
			if strings.ContainsAny(s, "|[") || phraseBreak([]rune(s), 1) > 0 || len(deadline.FindAll(s)) > 0 {
				// cells of several columns on the line: "Các Sở ; Sau
				// khi Trun", "Sở Khoahoo | ~2¢>% |Kế hoạch"
				in.pieces = r.splitRight(s, 0, k)
				return in
			}
			in.pieces = append(in.pieces, piece{text: s, kind: pAgency, line: k})
			return in
		}
	}
	// The content fragment ends at the first break near or after the
	// content width: a column rule, an agency name, a deadline.
	minBreak := r.width * 55 / 100
	cut := n
	for i, c := range rs {
		if i >= minBreak && (c == '|' || c == '[' || c == '{') {
			cut = i
			break
		}
	}
	if b := agencyBreak(s, r.width*72/100); b >= 0 && b < cut {
		cut = b
	}
	for _, sp := range deadline.FindAll(s) {
		st := utf8.RuneCountInString(s[:sp.Start])
		after := strings.TrimSpace(s[sp.End:])
		endish := after == "" || debris(after) || strings.HasPrefix(after, "|") || len(deadline.FindAll(after)) > 0 && debris(after[:deadline.FindAll(after)[0].Start]+"x")
		bareYear := len(strings.TrimSpace(s[sp.Start:sp.End])) == 4
		if st >= minBreak && st < cut && !precededByNgay(s[:sp.Start]) && (endish || !bareYear && !lowerStart(after)) {
			cut = st
			break
		}
	}
	if e := phraseBreak(rs, minBreak); e >= 0 && e < cut {
		cut = e
	}
	// A line well past the content column's width with no break read
	// still holds the right-hand columns (a name OCR garbled: "Các
	// Soﬁnganh’ đĩa"): the content ends near the width, where a capital
	// or noise opens the rest.
	if cut > r.width*110/100 && (cut < n || n <= r.width*14/10 || endsWithDeadline(s)) {
		if e := widthBreak(rs, r.width); e > 0 && e < cut {
			cut = e
		}
	}
	// After a full stop near the end, a short fragment is a right-hand
	// column's ("… thực chất. phương").
	{
		left := string(rs[:cut])
		if i := strings.LastIndex(left, ". "); i > 0 {
			tail := strings.TrimSpace(left[i+2:])
			ti := utf8.RuneCountInString(left[:i+2])
			if (ti >= r.width*35/100 || ti >= 4) && utf8.RuneCountInString(tail) <= 25 && tail != "" && (!upperRe.MatchString(tail) || continuation(tail) || agency.IsAgency(tail)) {
				cut = ti
			}
		}
	}
	// A name after a run of noise inside the line ("A Là LẠ ., s, ., ) P
	// Văn phòng UBND thành"): the content column ends at the noise.
	if e := noiseThenName(rs[:cut]); e > 0 {
		cut = e
	}
	in.content = strings.TrimSpace(string(rs[:cut]))
	rest := string(rs[cut:])
	if in.content != "" && debris(in.content) {
		// Noise (a line of diacritics read as letters) may still carry a
		// deadline or an agency at its end.
		in.content = ""
		in.debris = true
		rest = s
		if spans := deadline.FindAll(s); len(spans) > 0 {
			last := spans[len(spans)-1]
			if strings.TrimSpace(s[last.End:]) == "" || debris(s[last.End:]) {
				rest = s[last.Start:]
				if i := strings.LastIndexAny(s[:last.Start], "|["); i >= 0 {
					rest = s[i+1:]
				}
			}
		}
		if i := strings.LastIndexAny(rest, "|["); i >= 0 && len(deadline.FindAll(rest)) == 0 {
			rest = rest[i+1:]
		}
		if debris(rest) && len(deadline.FindAll(rest)) == 0 {
			rest = ""
		}
	}
	in.pieces = r.splitRight(rest, cut, k)
	if in.debris {
		guessed(in.pieces)
	}
	if cut == n && n > r.width*14/10 {
		in.spanning = true
	}
	return in
}

// endsWithDeadline reports whether a deadline form ends s (noise after it
// aside): a line of a row, not a footnote across the table.
func endsWithDeadline(s string) bool {
	spans := deadline.FindAll(s)
	if len(spans) == 0 {
		return false
	}
	after := strings.TrimSpace(s[spans[len(spans)-1].End:])
	return after == "" || debris(after)
}

// widthBreak finds, from 85% to 110% of the content column's width, the
// first word that cannot go on with the content's sentence there: a
// capital not after a word that needs what follows ("của Bộ") nor after
// another capital, or noise (garbled, or a word in lower case with a
// letter Vietnamese does not write, see alien); -1 if none.
func widthBreak(rs []rune, width int) int {
	prev := ""
	for i := 1; i < len(rs) && i <= width*110/100; i++ {
		if rs[i-1] != ' ' || rs[i] == ' ' {
			continue
		}
		j := i
		for j < len(rs) && rs[j] != ' ' {
			j++
		}
		word := string(rs[i:j])
		if i >= width*85/100 {
			// (a capital after a word that needs what follows, or after
			// another capital, goes on with the content: "của Bộ Khoa học")
			if upperRe.MatchString(word) && !danglingWords[strings.ToLower(prev)] && !upperRe.MatchString(prev) || garbled(word) || alien(word) {
				return i
			}
		}
		prev = word
	}
	return -1
}

// garbled reports whether a word holds characters no word of the text
// holds ("L\\J/grll", "©", "~2¢>%"): OCR's reading of a stamp or a rule.
func garbled(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r) || strings.ContainsRune(".,;:()\"'’‘“”-–/%&", r):
		default:
			return true
		}
	}
	return letters == 0 && !strings.ContainsFunc(w, unicode.IsDigit)
}

// namedBody reports whether s opens with the name of one body, its head
// and the next word capitalised ("Sở Khoa học"), not a group's noun ("Sở,
// ngành", "sở ngành").
func namedBody(s string) bool {
	w := strings.Fields(s)
	return len(w) >= 2 && upperRe.MatchString(w[0]) && upperRe.MatchString(w[1]) && !strings.ContainsAny(w[0], ",;")
}

// normCac writes "Các" for an English-OCR form of it before a group's
// noun ("Céc sở", "Cộac số," from a repair that guessed wrong), so that
// the group is read as one.
func normCac(s string) string {
	w := strings.Fields(s)
	changed := false
	for i := 0; i+1 < len(w); i++ {
		k := wordKey(w[i])
		if k == "cac" || !isCacForm(k) || !upperRe.MatchString(w[i]) {
			continue
		}
		if next := groupKey(wordKeys(w[i:]), 1); next == "so" || next == "co" || next == "don" || next == "ban" || next == "nganh" {
			w[i] = "Các"
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(w, " ")
}

// isCacForm reports whether a folded word reads as an OCR form of "các":
// one of cacForms, or "c", a vowel or two, "c" ("cộac").
func isCacForm(k string) bool {
	if cacForms[k] {
		return true
	}
	n := utf8.RuneCountInString(k)
	if n < 3 || n > 4 || k[0] != 'c' || k[len(k)-1] != 'c' {
		return false
	}
	return strings.Trim(k[1:len(k)-1], "aeiou") == ""
}

// wordKeys returns the keys of words (see wordKey).
func wordKeys(w []string) []string {
	out := make([]string, len(w))
	for i, x := range w {
		out[i] = wordKey(x)
	}
	return out
}

// dropGarbledTail drops garbled words with letters (see garbled) from the
// end of s.
func dropGarbledTail(s string) string {
	w := strings.Fields(s)
	n := len(w)
	for n > 0 && garbled(w[n-1]) && strings.ContainsFunc(w[n-1], unicode.IsLetter) {
		n--
	}
	if n == len(w) {
		return s
	}
	return strings.Join(w[:n], " ")
}

// alien reports whether a word in lower case holds a letter the
// Vietnamese alphabet lacks (f, j, w, z, a ligature) and has no syllable's
// shape ("gﬁznzan’ﬁw", "quiaiz"): OCR noise, not the text's.
func alien(w string) bool {
	if !lowerStart(w) || validSyllable(w) {
		return false
	}
	return strings.ContainsAny(strings.ToLower(w), "fjwzﬁﬂ")
}

// noiseThenName finds, in a line's content part, a run of three noise
// tokens or more (see noiseToken) followed, to the end, by an agency name;
// it returns the rune offset where the run starts, -1 if none.
func noiseThenName(rs []rune) int {
	s := string(rs)
	words := strings.Fields(s)
	off := 0
	starts := make([]int, len(words))
	for i, w := range words {
		j := strings.Index(s[off:], w) + off
		starts[i] = utf8.RuneCountInString(s[:j])
		off = j + len(w)
	}
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && noiseToken(words[j]) {
			j++
		}
		if j-i >= 3 && j < len(words) {
			rest := strings.Join(words[j:], " ")
			if startsAgency(rest) && agencyTail(rest) && i > 0 {
				return starts[i]
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return -1
}

// deadlinePhrases open a deadline cell that runs on to the cell's end.
var deadlinePhrases = []string{"sau khi", "truoc ngay", "trudc ngay", "theo thoi gian", "theo tien do",
	"thuong xuyen", "hang thang", "hang nam", "hang quy", "hang tuan", "thuc hien thuong xuyen"}

// resultWords open the product of a task (sản phẩm, dự kiến kết quả).
var resultWords = []string{"ke hoach", "chuong trinh", "bao cao", "quyet dinh", "van ban", "de an", "hoan thanh",
	"thu tuc", "cac bai toan", "tong hop", "duoc ban hanh"}

// resultBreak finds, past the first word, a capitalised product word
// ("Kế hoạch công tác", "Báo cáo thực hiện"); -1 if none.
func resultBreak(rs []rune) int {
	for i := 1; i < len(rs); i++ {
		if rs[i-1] != ' ' || !upperRe.MatchString(string(rs[i])) {
			continue
		}
		f := normalize.Fold(string(rs[i:min(len(rs), i+16)]))
		for _, w := range resultWords {
			if strings.HasPrefix(f, w) {
				return i
			}
		}
	}
	return -1
}

// fixedPhrases are deadline phrases complete in themselves.
var fixedPhrases = []string{"thuc hien thuong xuyen", "thuong xuyen", "hang thang", "hang nam", "hang quy", "hang tuan"}

// recurringPhrases are the genre's deadline phrases of two words, as
// written, that misreadPhrase matches.
var recurringPhrases = []string{"Thường xuyên", "Hằng năm", "Hằng tháng", "Hằng quý", "Hằng tuần", "Hàng năm", "Hàng tháng", "Hàng quý"}

// misreadPhrase finds a recurring deadline phrase misread by OCR in the
// last two words of a segment, both capitalised or the first: the letters
// of the two words within 30% of the phrase's letters in edits, the
// first letter right. It returns the segment before it and the phrase as
// written, or "" if none.
func misreadPhrase(seg string) (string, string) {
	w := strings.Fields(seg)
	if len(w) < 2 || !upperRe.MatchString(w[len(w)-2]) {
		return seg, ""
	}
	got := condense(strings.Join(w[len(w)-2:], " "))
	if len(got) < 8 {
		return seg, ""
	}
	for _, p := range recurringPhrases {
		want := condense(p)
		if got == want || got[0] != want[0] {
			continue // an exact phrase is read already
		}
		if normalize.EditDistance(got, want)*10 <= len(want)*3 {
			return strings.TrimSpace(strings.Join(w[:len(w)-2], " ")), p
		}
	}
	return seg, ""
}

// cutFixedPhrase splits a fixed deadline phrase from the text after it on
// the line ("Hằng tháng 08/6/2025" → "Hằng tháng", "08/6/2025").
func cutFixedPhrase(p string) (string, string) {
	f := normalize.Fold(p)
	for _, fp := range fixedPhrases {
		if strings.HasPrefix(f, fp) {
			n := len(strings.Fields(fp))
			w := strings.Fields(p)
			if len(w) <= n {
				return p, ""
			}
			return strings.Join(w[:n], " "), strings.Join(w[n:], " ")
		}
	}
	return p, ""
}

// phraseBreak finds, at or after rune offset from, a capitalised deadline
// phrase ("Sau khi Trung ương…", "Thường xuyên") opening a right-hand
// cell; -1 if none.
func phraseBreak(rs []rune, from int) int {
	for i := max(from, 1); i < len(rs); i++ {
		if rs[i-1] != ' ' && rs[i-1] != '|' || !upperRe.MatchString(string(rs[i])) {
			continue
		}
		f := normalize.Fold(string(rs[i:min(len(rs), i+24)]))
		for _, p := range deadlinePhrases {
			if strings.HasPrefix(f, p) {
				return i
			}
		}
	}
	return -1
}

// junkPrefix returns the byte length of a leading run of three or more
// noise tokens (no two letters in a row), 0 if none.
func junkPrefix(s string) int {
	n, end := 0, 0
	i := 0
	for _, w := range strings.Fields(s) {
		j := strings.Index(s[i:], w) + i
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters > 2 || letters == 2 && shortWords[normalize.Fold(strings.Trim(w, ".,;:"))] {
			break
		}
		n++
		i = j + len(w)
		end = i
	}
	if n >= 3 {
		return end
	}
	return 0
}

// shortWords are Vietnamese words of two letters, which are not noise.
var shortWords = map[string]bool{"va": true, "co": true, "do": true, "da": true, "so": true, "bo": true,
	"xa": true, "ra": true, "to": true, "ve": true, "ba": true, "lo": true, "mo": true, "an": true, "ai": true,
	"cu": true, "di": true, "du": true, "gi": true, "la": true, "le": true, "ma": true, "nu": true, "on": true,
	"ta": true, "te": true, "ti": true, "tu": true, "vu": true, "y": true}

func precededByNgay(s string) bool {
	f := normalize.Fold(s)
	f = strings.TrimRight(f, " ")
	return strings.HasSuffix(f, "ngay") || strings.HasSuffix(f, "ngay:")
}

// sectionText reports whether text after a numeral reads like a section
// title: a capital letter first.
func sectionText(s string) bool {
	s = strings.TrimLeft(s, "[|({ '\"")
	w := strings.Fields(s)
	if !upperRe.MatchString(s) || len(w) < 2 || debris(s) {
		return false
	}
	letters := 0
	for _, r := range w[0] {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func cleanSection(s string) string {
	return strings.TrimSpace(strings.TrimLeft(s, "[|({ '\""))
}

// isUpperHeading reports whether a line is a heading in capitals ("NHIỆM
// VỤ CHUNG"): two words or more, letters all capitals.
func isUpperHeading(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 14 {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				return false
			}
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return letters >= 6
}

// splitRight cuts the right-hand part of a line into pieces: at column
// rules, before deadline forms, before agency names.
func (r *reader) splitRight(rest string, offset, k int) []piece {
	out := r.splitRight0(rest, offset, k)
	// Where each piece stands on the line, in runes.
	from := 0
	for i := range out {
		if j := strings.Index(rest[min(from, len(rest)):], out[i].text); j >= 0 {
			b := min(from, len(rest)) + j
			out[i].pos = offset + utf8.RuneCountInString(rest[:b])
			if out[i].kind != pDeadline {
				from = b + len(out[i].text)
			}
		} else {
			out[i].pos = offset + utf8.RuneCountInString(rest[:min(from, len(rest))])
		}
	}
	return out
}

func (r *reader) splitRight0(rest string, offset, k int) []piece {
	var out []piece
	rest = ruleParens(strings.TrimSpace(rest))
	for segNo, seg := range regexp.MustCompile(`[|\[{]`).Split(rest, -1) {
		seg = strings.TrimSpace(seg)
		if seg == "" {
			continue
		}
		n0 := len(out)
		// A reference to a document ("27-TB/TGV ngày") is the note column's.
		var note string
		if r.has(fNote) {
			if loc := noteRefRe.FindStringIndex(seg); loc != nil {
				note = strings.TrimSpace(seg[loc[0]:])
				seg = strings.TrimSpace(seg[:loc[0]])
			}
		}
		var phrase, after string
		if e := phraseBreak([]rune(seg), 0); e >= 0 {
			rs := []rune(seg)
			phrase = strings.TrimSpace(string(rs[e:]))
			seg = strings.TrimSpace(string(rs[:e]))
		} else if e == -1 && upperRe.MatchString(seg) {
			f := normalize.Fold(seg)
			for _, p := range deadlinePhrases {
				if strings.HasPrefix(f, p) {
					phrase, seg = seg, ""
					break
				}
			}
		}
		// A recurring or ongoing phrase is whole in its words; what follows
		// on the line is another column's.
		if phrase != "" {
			phrase, after = cutFixedPhrase(phrase)
		}
		// Deadline forms at the end of the segment.
		var dl []string
		for {
			spans := deadline.FindAll(seg)
			if len(spans) == 0 {
				break
			}
			last := spans[len(spans)-1]
			if strings.TrimSpace(seg[last.End:]) != "" && !debris(seg[last.End:]) {
				break
			}
			if precededByNgay(seg[:last.Start]) {
				break
			}
			dl = append([]string{strings.TrimSpace(seg[last.Start:last.End])}, dl...)
			seg = strings.TrimSpace(seg[:last.Start])
		}
		// A recurring phrase OCR misread at the segment's end ("Thuand
		// XUVen"): the deadline column's, written as the genre writes it.
		if len(dl) == 0 && phrase == "" && seg != "" {
			if head, fixed := misreadPhrase(seg); fixed != "" {
				dl = append(dl, fixed)
				seg = head
			}
		}
		// A deadline word cut from its number at the line end ("Tháng").
		if len(dl) == 0 && seg != "" {
			if w := strings.Fields(seg); len(w) > 1 && partialRe.MatchString(" "+normalize.Fold(w[len(w)-1])) {
				dl = append(dl, w[len(w)-1])
				seg = strings.TrimSpace(strings.Join(w[:len(w)-1], " "))
			}
		}
		// In a table with a result column, a product ("Kế hoạch được ban
		// hành", "Báo cáo") ends the agency text before it.
		var result string
		if r.has(fResult) && seg != "" {
			if e := resultBreak([]rune(seg)); e >= 0 {
				rs := []rune(seg)
				result = strings.TrimSpace(string(rs[e:]))
				seg = strings.TrimSpace(string(rs[:e]))
			}
		}
		// Garbled words at the end (a stamp or rule read as letters,
		// "L\\J/grll\\l%m?n%") are no column's text; a ligature, which no
		// Vietnamese word holds, stands between two words ("Soﬁnganh’").
		seg = normCac(deglue(dropGarbledTail(strings.NewReplacer("ﬁ", " ", "ﬂ", " ").Replace(seg))))
		// Noise after a group's nouns or a name ("ngành; đĩa - T T s"):
		// the words before it are the cell's.
		if seg != "" && debris(seg) {
			if t := trimAfterOpen(trimJunk(seg)); t != seg && !debris(t) && agencyWords(t) {
				seg = t
			}
		}
		if seg != "" && !debris(seg) {
			// Agency names after a first one: split where another begins.
			for seg != "" {
				b := agencyBreak(seg, 1)
				for b > 0 && (agency.Bare(string([]rune(seg)[:b])) || listGoesOn(string([]rune(seg)[:b])) ||
					cacForms[wordKey(string([]rune(seg)[:b]))] && !namedBody(string([]rune(seg)[b:]))) {
					b = agencyBreak(seg, b+1)
				}
				if c := strayCongNghe(seg); c > 0 && (b <= 0 || c < b) {
					b = c
				}
				head := seg
				if b > 0 {
					rs := []rune(seg)
					head = strings.TrimSpace(string(rs[:b]))
					seg = strings.TrimSpace(string(rs[b:]))
				} else {
					seg = ""
				}
				if head != "" {
					if fixed, ok := restoreHead(head); ok {
						head = fixed
					}
					head = trimAfterOpen(dropNoiseAfterOpen(head))
					out = append(out, r.classify(head, offset, k))
				}
			}
		}
		for _, d := range dl {
			out = append(out, piece{text: d, kind: pDeadline, pos: offset, line: k})
		}
		if phrase != "" {
			out = append(out, piece{text: phrase, kind: pDeadline, pos: offset, line: k})
		}
		if after != "" && !debris(after) {
			out = append(out, r.classify(after, offset, k))
		}
		if result != "" {
			out = append(out, piece{text: result, kind: pOther, pos: offset, line: k})
		}
		if note != "" {
			out = append(out, piece{text: note, kind: pNote, pos: offset, line: k})
		}
		for j := n0; j < len(out); j++ {
			out[j].seg = segNo + 1
		}
	}
	return out
}

// ruleParens reads as a column rule an opening parenthesis that nothing
// closes, before a word in lower case ("Công nghệ; Cộng (liên quan;"):
// English-model OCR reads rules as "(", "[" or "{".
func ruleParens(s string) string {
	i := strings.IndexByte(s, '(')
	if i < 0 || strings.ContainsRune(s[i:], ')') || !lowerStart(s[i+1:]) {
		return s
	}
	return s[:i] + "|" + s[i+1:]
}

// listGoesOn reports whether head, the text of a segment before a second
// agency name, is a whole name that ends with the list separator ";": a
// cell of several bodies ("Sở Nội vụ; Sở Y tế") goes on with the next, while
// the columns on a line are set apart by space or a rule, never by ";".
func listGoesOn(head string) bool {
	t := strings.TrimSpace(head)
	if !strings.HasSuffix(t, ";") || !startsAgency(t) {
		return false
	}
	return !incomplete(strings.TrimSuffix(t, ";"))
}

// nameAfterDebris returns the words of good letters at the end of a run of
// noise when they open an agency name, "" if they do not.
func nameAfterDebris(s string) string {
	w := strings.Fields(s)
	i := len(w)
	for i > 0 && !debris(w[i-1]+" "+w[i-1]) {
		i--
	}
	if i == len(w) || i == 0 {
		return ""
	}
	name := strings.Join(w[i:], " ")
	if startsAgency(name) {
		return name
	}
	return ""
}

// agencyWords reports whether t is an agency name or, whole, a run of the
// plural groups' nouns.
func agencyWords(t string) bool {
	if agency.Looks(t) {
		return true
	}
	w := strings.Fields(t)
	n, _ := groupPrefix(w, true)
	return n == len(w)
}

// strayCongNghe finds "Công nghệ" (capitalised) that ends a name cut on the
// line above ("Sở Khoa học và" … "Công nghệ") inside a fragment that began
// with another name: it is not preceded by "và", "&" or "Khoa học". It
// returns the rune offset, -1 if none.
func strayCongNghe(s string) int {
	rs := []rune(s)
	f := []rune(normalize.Fold(s))
	if len(f) != len(rs) {
		return -1
	}
	fs := string(f)
	for i := 1; i+9 <= len(f); i++ {
		if string(f[i:i+9]) != "cong nghe" || rs[i] != 'C' || f[i-1] != ' ' {
			continue
		}
		before := strings.TrimSpace(string(f[:i]))
		if strings.HasSuffix(before, "va") || strings.HasSuffix(before, "&") || strings.HasSuffix(before, "khoa hoc") {
			continue
		}
		_ = fs
		return i
	}
	return -1
}

// classify types a right-hand fragment.
func (r *reader) classify(s string, pos, k int) piece {
	p := piece{text: s, pos: pos, line: k}
	switch {
	case r.has(fNote) && noteRe.MatchString(s):
		p.kind = pNote
	case deadline.Looks(s) && !isSentence(s) || dateRe.MatchString(s):
		p.kind = pDeadline
	case agency.Looks(strings.TrimRight(s, ".;, ")) || startsAgency(s) || continuation(s):
		p.kind = pAgency
	case !r.has(fResult) && !r.has(fNote) && !lowerStart(s) && mostlySyllables(s):
		// The right-hand columns hold only agencies and the deadline (a
		// stamp or smudge read as letters is none of them).
		p.kind = pAgency
	default:
		p.kind = pOther
	}
	return p
}

// lowerAgency reports whether a line in lower case reads as agency text:
// the end of a name cut at a line end or a group's nouns.
func lowerAgency(s string) bool {
	if continuation(s) {
		return true
	}
	n, _ := groupPrefix(strings.Fields(s), true)
	return n > 0
}

// listedGroup reports whether s is, whole, two group nouns or more with
// list punctuation between them ("ngành; địa", "ban, ngành,").
func listedGroup(s string) bool {
	w := strings.Fields(s)
	if len(w) < 2 {
		return false
	}
	// (the last may be the first word of a noun cut at the line end: "địa")
	if n, _ := groupPrefix(w, true); n != len(w) && (n != len(w)-1 || !groupStarts[wordKey(w[n])]) {
		return false
	}
	for _, x := range w[:len(w)-1] {
		if strings.HasSuffix(x, ",") || strings.HasSuffix(x, ";") {
			return true
		}
	}
	return false
}

// continuation reports whether a fragment continues an agency name cut at
// a line end: "Công nghệ", "phương", "ngành; địa phương", "liên quan".
func continuation(s string) bool {
	f := normalize.Fold(s)
	for _, w := range []string{"cong nghe", "phuong", "nganh", "dia phuong", "lien quan", "dac khu", "cap xa",
		"tinh", "thanh pho", "noi vu", "tai chinh", "hoc va cong nghe", "va cong nghe", "vi lien quan",
		"vi, dia phuong", "don vi", "xa, phuong", "khu"} {
		if strings.HasPrefix(f, w) {
			return utf8.RuneCountInString(s) <= 40
		}
	}
	return false
}
