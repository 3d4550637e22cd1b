// Package texttable rebuilds tables from text without positions, as a plain
// PDF text extractor gives it: each cell broken over several lines, cells
// one after another in reading order, blank lines between, and at a page
// break the page number and the repeated header row.
//
// Without geometry the columns are told apart by the grammar of the genre:
// the header row names the columns (HeaderField); a line holding only a row
// number starts a row; within a row, the lines are cut into the columns in
// header order where the text changes kind (agency names, deadline forms,
// running sentences) and where a cell may begin (not after "và", ";" or an
// agency name that needs its complement, not before a lower-case word).
package texttable

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/parser/layout"
)

// Tables fills Page.Tables from the document's lines. The lines a table is
// rebuilt from are taken out of Page.Lines; the table stands where they were.
func Tables(doc *layout.Doc) { Rebuild(doc) }

// Rebuild is Tables, returning warnings about rows whose cells could not be
// told apart confidently ("dòng 40: …"). Such rows are still rebuilt.
func Rebuild(doc *layout.Doc) []string {
	var warnings []string
	// Work on all lines in reading order, as rows continue across pages.
	var refs []ref
	offset := make([]int, len(doc.Pages))
	var lines []string
	for pi, p := range doc.Pages {
		offset[pi] = len(refs)
		for li, l := range p.Lines {
			refs = append(refs, ref{pi, li})
			lines = append(lines, l.Text)
		}
	}
	used := make([]bool, len(lines))
	var tables []layout.Placed
	i := 0
	for i < len(lines) {
		hdr, end := findHeader(lines, i)
		if hdr == nil {
			i++
			continue
		}
		t := tableAt{lines: lines, header: hdr, headerEnd: end, label: labelBefore(lines, i)}
		t.numOf = func(k int) (int, int) {
			r := refs[k]
			return doc.Pages[r.page].Lines[r.line].Num, doc.Pages[r.page].Number
		}
		t.pageOf = func(k int) int { return refs[k].page }
		tab, last, warns := t.read(i)
		if len(tab.Rows) <= 1 {
			i = end
			continue
		}
		warnings = append(warnings, warns...)
		for k := i; k < last; k++ {
			used[k] = true
		}
		tables = append(tables, layout.Placed{Page: refs[i].page, Line: refs[i].line, Table: tab})
		i = last
	}
	if len(tables) == 0 {
		return warnings
	}
	doc.PlaceTables(tables, func(page, line int) bool { return used[offset[page]+line] })
	return warnings
}

// ref is where a line of the flat list stands: page and line index.
type ref struct{ page, line int }

// findHeader looks for a task-table header starting at lines[i]: lines
// made only of the genre's column headers, over a few lines, with the row
// number column among them. It usually starts with STT or TT; when a plain
// extractor printed the tall header cells first (vertically centred short
// ones come lower), the columns are put back in the genre's order. It
// returns the header's columns and the index of the first line after it.
func findHeader(lines []string, i int) ([]headerColumn, int) {
	head := strings.TrimSpace(lines[i])
	if len(head) > 300 || head == "" {
		return nil, i
	}
	// cheap test first: the line's first word begins a header phrase
	first := strings.Fields(head)[0]
	if f, prefix := phraseField(strings.Fields(foldKey(first))); f == "" && !prefix {
		return nil, i
	}
	if _, ok, _ := splitHeader(head); !ok {
		return nil, i
	}
	text := ""
	var best []headerColumn
	bestEnd := i
	for k := i; k < len(lines) && k < i+24; k++ {
		l := strings.TrimSpace(lines[k])
		if l == "" {
			continue
		}
		if k > i && rowNumber(l) != "" {
			break
		}
		cand := strings.TrimSpace(text + " " + l)
		cols, ok, partial := splitHeader(cand)
		if !ok {
			break
		}
		text = cand
		if !partial {
			best, bestEnd = cols, k+1
		}
	}
	if len(best) > 0 && best[0].field != FieldSTT {
		best = genreOrder(best)
	}
	if !usableHeader(best) {
		return nil, i
	}
	return best, bestEnd
}

// fieldRank is the order of columns in the genre's task tables.
var fieldRank = map[string]int{FieldSTT: 0, FieldContent: 1, FieldLead: 2, FieldSupport: 3, FieldDeadline: 4,
	FieldResult: 5, FieldOther: 6, FieldNote: 7}

// genreOrder sorts columns into the genre's order.
func genreOrder(cols []headerColumn) []headerColumn {
	out := append([]headerColumn(nil), cols...)
	sort.SliceStable(out, func(a, b int) bool { return fieldRank[out[a].field] < fieldRank[out[b].field] })
	return out
}

// usableHeader reports whether the columns make a task table: a row
// number, the task and who leads it or when.
func usableHeader(cols []headerColumn) bool {
	if len(cols) < 3 || cols[0].field != FieldSTT {
		return false
	}
	has := map[string]bool{}
	for _, c := range cols {
		has[c.field] = true
	}
	return has[FieldContent] && (has[FieldLead] || has[FieldDeadline])
}

// rowNumRE matches a line that holds only a row number: "1", "1.2", "5.1.3",
// "09", "a)", "12.".
var rowNumRE = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[a-zđ]\))$`)

// rowNumber returns the row number a line holds alone, "" if none.
func rowNumber(l string) string {
	l = strings.TrimSpace(l)
	if rowNumRE.MatchString(l) {
		return l
	}
	return ""
}

// sectionRE matches a section row printed as one line: "I. NHIỆM VỤ CHUNG",
// "II Công tác chỉ đạo", "A. …".
var sectionRE = regexp.MustCompile(`^([IVXLC]{1,6}|[A-Z])[.)]?\s+(\S.*)$`)

var (
	// romanAloneRE matches a line holding only a Roman numeral: "II", "IV.".
	romanAloneRE = regexp.MustCompile(`^[IVXLC]{1,6}[.)]?$`)
	// numberLeadRE matches a row number followed by the row's first words:
	// "2 Hoàn thiện hạ tầng …".
	numberLeadRE = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3}){0,3})[.)]?\s+(\S.*)$`)
)

// tableAt reads one table after its header.
type tableAt struct {
	lines     []string
	header    []headerColumn
	headerEnd int
	label     string // the appendix the table belongs to, for warnings
	numOf     func(k int) (num, page int)
	pageOf    func(k int) int
}

// endRE matches lines that end a table: the signature block, the list of
// recipients, the next appendix.
var endRE = regexp.MustCompile(`^(noi nhan|tm |t m |kt |chu tich|pho chu tich|phu luc|giam doc|truong ban|bieu mau)`)

// read reads the table whose header starts at lines[start]: header row,
// then rows until the table ends. It returns the table, the index of the
// first line after it, and warnings.
func (t *tableAt) read(start int) (layout.Table, int, []string) {
	var tab layout.Table
	hrow := layout.Row{Header: true}
	hrow.Num, hrow.Page = t.numOf(start)
	for _, c := range t.header {
		hrow.Cells = append(hrow.Cells, layout.Cell{Paras: []string{c.text}, ColSpan: 1, RowSpan: 1})
	}
	tab.Rows = append(tab.Rows, hrow)
	var warnings []string

	type pending struct {
		stt     string
		section string
		lead    string // the row's first words, printed after its number
		first   int    // line of the row number
		body    []int  // line indexes of the row's text
	}
	var cur *pending
	flush := func() {
		if cur == nil {
			return
		}
		if cur.section != "" {
			tab.Rows = append(tab.Rows, t.sectionRow(cur.stt, cur.section, cur.first))
		} else {
			row, warn := t.taskRow(cur.stt, cur.first, cur.lead, cur.body)
			tab.Rows = append(tab.Rows, row)
			if warn != "" {
				warnings = append(warnings, warn)
			}
		}
		cur = nil
	}
	k := t.headerEnd
	last := k
	prevSTT := ""
	for ; k < len(t.lines); k++ {
		l := strings.TrimSpace(t.lines[k])
		if l == "" {
			continue
		}
		key := foldKey(l)
		if endRE.MatchString(key+" ") && !(cur != nil && len(cur.body) > 0 && startsLower(l)) {
			break
		}
		// A row number, or the page number at a page break.
		if n := rowNumber(l); n != "" {
			next := t.nextText(k + 1)
			switch {
			case next < 0:
				// the page number at the very end
				last = k + 1
				continue
			case t.headerStarts(next):
				// the page number, then the header again
				_, end := findHeader(t.lines, next)
				k = end - 1
				last = end
				continue
			case (t.pageOf(next) != t.pageOf(k) || (k > 0 && t.pageOf(k-1) != t.pageOf(k))) &&
				(!follows(prevSTT, n) || startsLower(strings.TrimSpace(t.lines[next]))):
				// alone at the foot or the head of a page
				last = k + 1
				continue
			}
			flush()
			prevSTT = n
			cur = &pending{stt: n, first: k}
			last = k + 1
			continue
		}
		if t.headerStarts(k) {
			_, end := findHeader(t.lines, k)
			if end > k {
				k = end - 1
				last = end
				continue
			}
		}
		if m := sectionRE.FindStringSubmatch(l); m != nil && isHeading(m[2]) {
			flush()
			cur = &pending{stt: m[1], section: m[2], first: k}
			flush()
			last = k + 1
			continue
		}
		// A heading in capitals without a numeral, between two rows.
		if isCapsHeading(l) && (cur == nil || t.rowComplete(cur.body)) && len(tab.Rows) > 1 {
			flush()
			cur = &pending{section: l, first: k}
			flush()
			last = k + 1
			continue
		}
		// A Roman numeral alone, its heading on the next line.
		if romanAloneRE.MatchString(l) {
			if next := t.nextText(k + 1); next >= 0 && isHeading(strings.TrimSpace(t.lines[next])) &&
				rowNumber(t.lines[next]) == "" {
				flush()
				cur = &pending{stt: strings.TrimRight(l, ".)"), section: strings.TrimSpace(t.lines[next]), first: k}
				flush()
				k = next
				last = next + 1
				continue
			}
		}
		// A row number with the row's first words on the same line.
		if m := numberLeadRE.FindStringSubmatch(l); m != nil && follows(prevSTT, m[1]) && !startsLower(m[2]) &&
			(cur == nil || t.rowComplete(cur.body)) {
			flush()
			prevSTT = m[1]
			cur = &pending{stt: m[1], first: k, lead: m[2]}
			last = k + 1
			continue
		}
		if cur == nil {
			if len(tab.Rows) == 1 || isSectionRow(tab.Rows[len(tab.Rows)-1]) {
				// text before the first row number: a row without one
				cur = &pending{first: k}
			} else {
				break
			}
		}
		cur.body = append(cur.body, k)
		last = k + 1
	}
	flush()
	return tab, last, warnings
}

// isCapsHeading reports whether a line is a heading in capitals: two
// words or more, every letter a capital.
func isCapsHeading(l string) bool {
	if len(strings.Fields(l)) < 2 {
		return false
	}
	letters := 0
	for _, r := range l {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 6
}

// isSectionRow reports whether a rebuilt row is a section heading: a
// numeral and a heading, nothing else.
func isSectionRow(r layout.Row) bool {
	for i, c := range r.Cells {
		if i > 1 && len(c.Paras) > 0 {
			return false
		}
	}
	return len(r.Cells) > 1 && len(r.Cells[1].Paras) > 0
}

// rowComplete reports whether a row's lines so far end the way rows end:
// with a deadline or an agency, so a number that follows starts a new row
// rather than continuing a sentence ("hợp tác" / "3 Nhà …").
func (t *tableAt) rowComplete(body []int) bool {
	if len(body) < 2 {
		return false
	}
	last := strings.TrimSpace(t.lines[body[len(body)-1]])
	if IsDeadline(last) || StartsAgency(last) {
		return true
	}
	if _, tail, ok := splitTrailingDeadline(last); ok && tail != "" {
		return true
	}
	return false
}

// nextText returns the index of the next non-blank line from k, -1 if none.
func (t *tableAt) nextText(k int) int {
	for ; k < len(t.lines); k++ {
		if strings.TrimSpace(t.lines[k]) != "" {
			return k
		}
	}
	return -1
}

// headerStarts reports whether the table's header is repeated at lines[k].
func (t *tableAt) headerStarts(k int) bool {
	cols, end := findHeader(t.lines, k)
	return cols != nil && end > k && len(cols) == len(t.header)
}

// isHeading reports whether s reads as a section heading rather than the
// start of a sentence in a cell: upper case, or short and without a full stop.
func isHeading(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters == 0 {
		return false
	}
	if upper*10 >= letters*8 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) && utf8.RuneCountInString(s) <= 80 && !strings.ContainsAny(s, ";")
}

// sectionRow makes the row of a section heading: the numeral in the STT
// column, the heading in the next one.
func (t *tableAt) sectionRow(num, text string, k int) layout.Row {
	r := layout.Row{}
	r.Num, r.Page = t.numOf(k)
	for i := range t.header {
		c := layout.Cell{ColSpan: 1, RowSpan: 1}
		switch i {
		case 0:
			if num != "" {
				c.Paras = []string{num}
			}
		case 1:
			c.Paras = []string{text}
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

// taskRow cuts a row's lines into the header's columns.
func (t *tableAt) taskRow(stt string, first int, lead string, body []int) (layout.Row, string) {
	r := layout.Row{}
	r.Num, r.Page = t.numOf(first)
	var texts []string
	if lead != "" {
		texts = append(texts, lead)
	}
	for _, k := range body {
		texts = append(texts, strings.TrimSpace(t.lines[k]))
	}
	fields := make([]string, 0, len(t.header))
	for _, c := range t.header[1:] {
		fields = append(fields, c.field)
	}
	cells, sure := Split(texts, fields)
	r.Cells = append(r.Cells, layout.Cell{ColSpan: 1, RowSpan: 1})
	if stt != "" {
		r.Cells[0].Paras = []string{stt}
	}
	for _, c := range cells {
		cell := layout.Cell{ColSpan: 1, RowSpan: 1}
		if c != "" {
			cell.Paras = []string{c}
		}
		r.Cells = append(r.Cells, cell)
	}
	// Empty content or lead cells are reported when the tasks are read;
	// here only a cut that rests on weak evidence.
	warn := ""
	if !sure && len(cells) > 0 && cells[0] != "" && (t.leadCol() < 0 || cells[t.leadCol()-1] != "") {
		where := t.label + ", dòng " + stt
		if stt == "" {
			where = t.label + ", hàng không số thứ tự"
		}
		warn = where + ": không chắc cách chia các cột (dòng " + strconv.Itoa(r.Num) + " của tệp)"
	}
	return r, warn
}

// leadCol is the index of the lead column in the header, -1 if none.
func (t *tableAt) leadCol() int {
	for i, c := range t.header {
		if c.field == FieldLead {
			return i
		}
	}
	return -1
}

// startsLower reports whether s begins with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// follows reports whether row number n can come after prev: the next
// number, a first sub-number ("2" → "2.1"), the next sub-number, or a
// first number after a section or at the start.
func follows(prev, n string) bool {
	p := strings.Split(strings.TrimSuffix(prev, "."), ".")
	q := strings.Split(strings.TrimSuffix(n, "."), ".")
	if prev == "" {
		return true
	}
	if len(q) == len(p)+1 && strings.Join(q[:len(p)], ".") == strings.Join(p, ".") {
		return true
	}
	for cut := len(p); cut >= 1; cut-- {
		if len(q) != cut {
			continue
		}
		a, err1 := strconv.Atoi(p[cut-1])
		b, err2 := strconv.Atoi(q[cut-1])
		if err1 == nil && err2 == nil && b == a+1 && strings.Join(p[:cut-1], ".") == strings.Join(q[:cut-1], ".") {
			return true
		}
	}
	return len(n) == 2 && strings.HasSuffix(n, ")")
}

// appendixRE matches an appendix label line, folded: "phu luc", "phu luc ii".
var appendixRE = regexp.MustCompile(`^phu luc(?: so)?(?: ([ivxlc]{1,6}|\d{1,2}))?$`)

// labelBefore names the table standing at lines[i] for warnings: the last
// appendix label above it ("Phụ lục II"), or "Bảng".
func labelBefore(lines []string, i int) string {
	for k := i - 1; k >= 0; k-- {
		l := strings.TrimSpace(lines[k])
		if len(l) > 40 {
			continue
		}
		if m := appendixRE.FindStringSubmatch(foldKey(l)); m != nil {
			if m[1] == "" {
				return "Phụ lục"
			}
			return "Phụ lục " + strings.ToUpper(m[1])
		}
	}
	return "Bảng"
}
