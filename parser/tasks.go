package parser

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/normalize/deadline"
	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/texttable"
)

// columns is what a task table's header says of its columns.
type columns struct {
	field []string // field of each column: texttable.Field…, "" for none
	label []string // header text of each column, one line
}

// col returns the index of the column holding field, -1 if none.
func (c columns) col(field string) int {
	for i, f := range c.field {
		if f == field {
			return i
		}
	}
	return -1
}

// usable reports whether the columns make a task table: the task's
// content, and who leads it or when it is due.
func (c columns) usable() bool {
	return c.col(texttable.FieldContent) >= 0 && (c.col(texttable.FieldLead) >= 0 || c.col(texttable.FieldDeadline) >= 0)
}

// cellText is a cell's text on one line, markup removed.
func cellText(c layout.Cell) string {
	return normalize.JoinLines(normalize.StripMarkup(strings.Join(c.Paras, "\n")))
}

// mapHeader maps a header row's cells to fields by their wording. A field
// named twice keeps its first column; the others go to the note.
func mapHeader(cells []layout.Cell) columns {
	var c columns
	seen := map[string]bool{}
	for _, cell := range cells {
		label := cellText(cell)
		f := texttable.HeaderField(label)
		if f != "" && f != texttable.FieldOther && seen[f] {
			f = texttable.FieldOther
		}
		if f != texttable.FieldOther {
			seen[f] = true
		}
		c.field = append(c.field, f)
		c.label = append(c.label, label)
	}
	return c
}

// findHeader finds a task table's header among the first rows of its
// grid, with a second header row below it where the first has spans
// ("Cơ quan thực hiện" over "Chủ trì" and "Phối hợp"). It returns the
// columns and the index of the first body row; ok is false for tables
// that are not task tables.
func findHeader(grid [][]layout.Cell) (columns, int, bool) {
	for r := 0; r < len(grid) && r < 5; r++ {
		c := mapHeader(grid[r])
		if !c.usable() {
			continue
		}
		body := r + 1
		if body < len(grid) && isSubHeader(grid[body]) {
			sub := mapHeader(grid[body])
			for i := range c.field {
				if i >= len(sub.field) || sub.label[i] == "" || sub.label[i] == c.label[i] {
					continue
				}
				switch {
				case sub.field[i] != "":
					c.field[i], c.label[i] = sub.field[i], sub.label[i]
				case texttable.HeaderField(c.label[i]) == texttable.FieldDeadline:
					// "Thời gian" over "Bắt đầu" and "Hoàn thành"
					switch normalize.Fold(sub.label[i]) {
					case "hoan thanh", "ket thuc", "den", "den ngay", "han hoan thanh":
						c.field[i] = texttable.FieldDeadline
					default:
						c.field[i] = texttable.FieldOther
					}
					c.label[i] = c.label[i] + " " + lowerFirst(sub.label[i])
				}
			}
			// one column per field: the first keeps it
			seen := map[string]bool{}
			for i, f := range c.field {
				if f != "" && f != texttable.FieldOther && seen[f] {
					c.field[i] = texttable.FieldOther
				}
				seen[f] = true
			}
			body++
		}
		for body < len(grid) && isNumberingRow(grid[body]) {
			body++
		}
		return c, body, true
	}
	return columns{}, 0, false
}

// isSubHeader reports whether a row is the second line of a header: no row
// number, and each filled cell names a column or a part of one.
func isSubHeader(row []layout.Cell) bool {
	if len(row) > 1 {
		spans := true
		for _, cell := range row[1:] {
			spans = spans && cell.Merged
		}
		if spans {
			return false // one cell across the table: a section row
		}
	}
	filled := 0
	for _, cell := range row {
		t := cellText(cell)
		if t == "" || cell.Merged {
			continue
		}
		filled++
		k := normalize.Fold(t)
		if texttable.HeaderField(t) == "" && k != "bat dau" && k != "ket thuc" && k != "hoan thanh" && k != "tu" && k != "den" {
			return false
		}
	}
	return filled > 0
}

// numberingRE matches a column-number cell: "(1)", "1", "(2)=(3)+(4)".
var numberingRE = regexp.MustCompile(`^\(?\d{1,2}\)?(?:\s*[=+\-*]\s*\(?\d{1,2}\)?)*$`)

// isNumberingRow reports whether a row only numbers the columns: "(1) (2) (3)…".
func isNumberingRow(row []layout.Cell) bool {
	n := 0
	for _, cell := range row {
		t := cellText(cell)
		if t == "" {
			continue
		}
		if !numberingRE.MatchString(t) {
			return false
		}
		n++
	}
	return n >= 3
}

var (
	// romanRE matches a Roman numeral STT: "I", "II.", "IV)".
	romanRE = regexp.MustCompile(`^[IVXLC]{1,6}[.)]?$`)
	// letterRE matches a capital-letter STT: "A", "B.".
	letterRE = regexp.MustCompile(`^[A-ZĐ][.)]?$`)
	// headingRE matches a heading with its numeral: "I. …", "A. …", "1. …".
	headingRE = regexp.MustCompile(`^([IVXLC]{1,6}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)[.)/]?\s+(\S.*)$`)
	// arabicRE matches an arabic STT with sub-levels: "1", "1.2", "5.1.3", "09", "1.".
	arabicRE = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})*\.?$`)
)

// sectionLevel ranks a heading's numeral: letters above Roman numerals
// above arabic numbers, deeper sub-numbers lower still.
func sectionLevel(num string) int {
	n := strings.TrimRight(num, ".)/")
	switch {
	case n == "":
		return 1
	case letterRE.MatchString(n) && !romanRE.MatchString(n):
		return 0
	case romanRE.MatchString(n):
		return 1
	case arabicRE.MatchString(n):
		return 2 + strings.Count(n, ".")
	}
	return 2
}

// tableState is what reading the tasks of one table carries from row to row.
type tableState struct {
	appendix string
	cols     columns
	year     int
	sections []section // open headings, outermost first
	label    string    // where the table is, for warnings
	rebuilt  bool      // the table was rebuilt from text without positions
	ocr      bool      // the table's text comes from OCR
}

// section is an open heading.
type section struct {
	level int
	text  string
}

// rowCells gives a row's cells by field, and the extra columns for the note.
type rowCells struct {
	stt, content, lead, support, deadline, result, note []string // paragraphs
	extra                                               []string // "Header: value"
}

// tableOrigin says where a table's text comes from.
type tableOrigin struct {
	rebuilt bool // rebuilt from text without positions: its column cuts are checked
	ocr     bool // read by OCR: cells garbled past reading are flagged
}

// tableTasks reads the tasks of one table; it returns none for tables that
// are not task tables.
func tableTasks(t *layout.Table, page int, appendix string, year int, origin tableOrigin) ([]Task, []string) {
	grid := t.Grid()
	cols, body, ok := findHeader(grid)
	if !ok {
		return nil, nil
	}
	st := &tableState{appendix: appendix, cols: cols, year: year, rebuilt: origin.rebuilt, ocr: origin.ocr}
	st.label = appendix
	if st.label == "" {
		st.label = fmt.Sprintf("Bảng trang %d", page)
	}
	var tasks []Task
	var parts []rowCells // the rows of each task, parallel to tasks
	var warnings []string
	sttCol := cols.col(texttable.FieldSTT)
	spans := hasSpans(t)
	prevTask := -1 // grid row of the last task row
	for r := body; r < len(grid); r++ {
		row := grid[r]
		if isRepeatedHeader(row, cols) || isNumberingRow(row) {
			continue
		}
		rc := st.split(row)
		if text, level, ok := st.heading(row, rc, grid, r); ok {
			st.open(level, text)
			prevTask = -1
			continue
		}
		if n := len(t.Rows[r].Cells); !spans && n >= 2 && n < len(cols.field) {
			// A text copy drops the cells a span from above covers: put the
			// row's cells in the columns they read as, the others from above.
			var above []layout.Cell
			if prevTask >= 0 {
				above = grid[prevTask]
			}
			row = realign(t.Rows[r].Cells, cols.field, above)
			grid[r] = row
			rc = st.split(row)
		}
		prevTask = r
		sttMerged := sttCol >= 0 && row[sttCol].Merged
		stt := join(rc.stt)
		if len(tasks) > 0 && (sttMerged || (stt == "" && continuesTask(rc))) {
			prev := &parts[len(parts)-1]
			prev.addRow(rc, row, cols)
			continue
		}
		task := Task{Appendix: appendix, Section: st.current(), STT: stt}
		src := t.Rows[min(r, len(t.Rows)-1)]
		task.Source = Position{Page: firstPositive(src.Page, page), Line: src.Num}
		tasks = append(tasks, task)
		parts = append(parts, rc)
	}
	for i := range tasks {
		st.fill(&tasks[i], parts[i])
		if w := st.check(tasks[i]); len(w) > 0 {
			warnings = append(warnings, w...)
		}
	}
	return tasks, warnings
}

// firstPositive returns a if positive, else b.
func firstPositive(a, b int) int {
	if a > 0 {
		return a
	}
	return b
}

// isRepeatedHeader reports whether a row repeats the header (tables that
// run over several pages print it on each).
func isRepeatedHeader(row []layout.Cell, cols columns) bool {
	same, filled := 0, 0
	for i, cell := range row {
		t := cellText(cell)
		if t == "" {
			continue
		}
		filled++
		if i < len(cols.label) && normalize.Fold(t) == normalize.Fold(cols.label[i]) {
			same++
		}
	}
	return filled >= 2 && same*10 >= filled*8
}

// split sorts a row's cells by field. Merged copies of a cell spanning
// from above are kept, so a task spread over several rows keeps its lead.
func (st *tableState) split(row []layout.Cell) rowCells {
	var rc rowCells
	for i, cell := range row {
		if i >= len(st.cols.field) {
			break
		}
		paras := cleanParas(cell.Paras)
		if len(paras) == 0 {
			continue
		}
		switch st.cols.field[i] {
		case texttable.FieldSTT:
			rc.stt = paras
		case texttable.FieldContent:
			rc.content = paras
		case texttable.FieldLead:
			rc.lead = paras
		case texttable.FieldSupport:
			rc.support = paras
		case texttable.FieldDeadline:
			rc.deadline = paras
		case texttable.FieldResult:
			rc.result = paras
		case texttable.FieldNote:
			rc.note = paras
		default:
			label := st.cols.label[i]
			v := normalize.JoinLines(strings.Join(paras, "\n"))
			if label != "" {
				v = label + ": " + v
			}
			rc.extra = append(rc.extra, v)
		}
	}
	return rc
}

// cleanParas removes markup and empty paragraphs.
func cleanParas(paras []string) []string {
	var out []string
	for _, p := range paras {
		p = strings.TrimSpace(normalize.StripMarkup(p))
		if strings.Trim(p, " \n") != "" {
			out = append(out, p)
		}
	}
	return out
}

// join is the paragraphs on one line.
func join(paras []string) string {
	return normalize.JoinLines(strings.Join(paras, "\n"))
}

// heading reports whether a row is a section heading and returns its text
// (numeral included) and level. A heading is a row whose one text spans
// the table, or a row numbered with a Roman numeral or a capital letter
// and no agency nor deadline, or an unnumbered row in capitals, or a
// numbered row without agency nor deadline whose next row is numbered
// below it ("1" over "1.1").
func (st *tableState) heading(row []layout.Cell, rc rowCells, grid [][]layout.Cell, r int) (string, int, bool) {
	stt, content := join(rc.stt), join(rc.content)
	bare := len(rc.lead) == 0 && len(rc.support) == 0 && len(rc.deadline) == 0 && len(rc.result) == 0
	// One text across the row.
	texts := map[string]bool{}
	for _, cell := range row {
		if t := cellText(cell); t != "" {
			texts[t] = true
		}
	}
	if len(texts) == 1 && countFilled(row) > 1 {
		for t := range texts {
			return t, headingLevel(t), true
		}
	}
	if !bare {
		return "", 0, false
	}
	switch {
	case stt != "" && content != "" && (romanRE.MatchString(stt) || letterRE.MatchString(stt)):
		return numbered(stt, content), sectionLevel(stt), true
	case stt == "" && content != "" && (isUpperText(content) || headingRE.MatchString(content) && isUpperText(headingRE.FindStringSubmatch(content)[2])):
		return content, headingLevel(content), true
	case stt != "" && content == "" && len(texts) == 1 && !arabicRE.MatchString(stt):
		// a heading written in the STT column across the row
		return stt, headingLevel(stt), true
	case stt != "" && content != "" && arabicRE.MatchString(stt) && childFollows(stt, grid, r, st.cols):
		return numbered(stt, content), sectionLevel(stt), true
	}
	return "", 0, false
}

// countFilled counts a row's cells with text.
func countFilled(row []layout.Cell) int {
	n := 0
	for _, c := range row {
		if cellText(c) != "" {
			n++
		}
	}
	return n
}

// headingLevel ranks a heading by the numeral it starts with.
func headingLevel(t string) int {
	if m := headingRE.FindStringSubmatch(t); m != nil {
		return sectionLevel(m[1])
	}
	return 1
}

// numbered joins a heading's numeral and text as printed in the genre:
// "I" and "Công tác chỉ đạo" → "I. Công tác chỉ đạo".
func numbered(stt, content string) string {
	if strings.HasSuffix(stt, ".") || strings.HasSuffix(stt, ")") {
		return stt + " " + content
	}
	return stt + ". " + content
}

// childFollows reports whether the next numbered row is numbered below stt:
// "1" followed by "1.1" or "a)".
func childFollows(stt string, grid [][]layout.Cell, r int, cols columns) bool {
	sc := cols.col(texttable.FieldSTT)
	if sc < 0 {
		return false
	}
	base := strings.TrimSuffix(stt, ".")
	for k := r + 1; k < len(grid); k++ {
		next := cellText(grid[k][sc])
		if next == "" {
			continue
		}
		n := strings.TrimSuffix(next, ".")
		return strings.HasPrefix(n, base+".") || (len(n) == 2 && strings.HasSuffix(n, ")"))
	}
	return false
}

// open starts a heading at level, closing the ones at its level or below.
func (st *tableState) open(level int, text string) {
	for len(st.sections) > 0 && st.sections[len(st.sections)-1].level >= level {
		st.sections = st.sections[:len(st.sections)-1]
	}
	st.sections = append(st.sections, section{level: level, text: text})
}

// current is the nearest open heading.
func (st *tableState) current() string {
	if len(st.sections) == 0 {
		return ""
	}
	return st.sections[len(st.sections)-1].text
}

// continuesTask reports whether an unnumbered row carries on the task
// above: it has no agency of its own, or its text begins in lower case.
func continuesTask(rc rowCells) bool {
	if len(rc.content) > 0 && startsLowerText(rc.content[0]) {
		return true
	}
	return len(rc.lead) == 0 && len(rc.deadline) == 0
}

// addRow adds a row that continues the task: cells merged from above are
// already there; the others add their paragraphs.
func (rc *rowCells) addRow(next rowCells, row []layout.Cell, cols columns) {
	merged := func(field string) bool {
		i := cols.col(field)
		return i >= 0 && i < len(row) && row[i].Merged
	}
	add := func(dst *[]string, src []string, field string) {
		if len(src) == 0 || merged(field) {
			return
		}
		*dst = append(*dst, src...)
	}
	add(&rc.content, next.content, texttable.FieldContent)
	add(&rc.lead, next.lead, texttable.FieldLead)
	add(&rc.support, next.support, texttable.FieldSupport)
	add(&rc.deadline, next.deadline, texttable.FieldDeadline)
	add(&rc.result, next.result, texttable.FieldResult)
	add(&rc.note, next.note, texttable.FieldNote)
	rc.extra = append(rc.extra, next.extra...)
}

// fill sets a task's fields from its cells.
func (st *tableState) fill(t *Task, rc rowCells) {
	t.Content = join(rc.content)
	t.Lead = agencies(rc.lead)
	t.Support = agencies(rc.support)
	if text := join(rc.deadline); text != "" {
		d := deadline.Parse(text, st.year)
		t.Deadline = Deadline{Text: text, Kind: d.Kind, Due: d.Due, Every: d.Every}
	}
	t.Result = join(rc.result)
	notes := []string{}
	if n := join(rc.note); n != "" {
		notes = append(notes, n)
	}
	notes = append(notes, rc.extra...)
	t.Note = strings.Join(notes, "; ")
}

// agencies splits a cell's paragraphs into agencies as printed; wrapped
// lines are joined first, except where a line holds a whole name after a
// line holding a whole name (see stackedNames).
func agencies(paras []string) []string {
	if len(paras) == 0 {
		return nil
	}
	joined := make([]string, 0, len(paras))
	for _, p := range paras {
		for _, part := range stackedNames(p) {
			if j := normalize.JoinLines(part); j != "" {
				joined = append(joined, j)
			}
		}
	}
	return agency.Split(joined)
}

// stackedNames splits a paragraph at the line breaks that stand between
// two names rather than inside one: "Sở Nội vụ\nSở Tài chính" is two
// agencies stacked with a manual line break (Word's <w:br/>, a PDF cell
// that lists one body a line), while "Sở Khoa học và\nCông nghệ" and
// "Các sở, ban,\nngành" are one name wrapped. A break splits only when the
// text before it ends a whole name, the next line is a whole name opening
// with a capital, and the two words around the break do not follow each
// other in a name the lexicon knows.
func stackedNames(p string) []string {
	lines := strings.Split(p, "\n")
	if len(lines) < 2 {
		return []string{p}
	}
	var out []string
	cur := lines[0]
	for _, l := range lines[1:] {
		if namesApart(cur, l) {
			out = append(out, cur)
			cur = l
			continue
		}
		cur += "\n" + l
	}
	return append(out, cur)
}

// namesApart reports whether the line next starts a new agency after the
// text before.
func namesApart(before, next string) bool {
	before, next = normalize.JoinLines(before), normalize.Space(next)
	if before == "" || next == "" || strings.ContainsAny(before[len(before)-1:], ",-&/(") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(r) || agency.Joins(before, next) {
		return false
	}
	parts := agency.Split([]string{before})
	if len(parts) == 0 {
		return false
	}
	last := parts[len(parts)-1]
	return agency.IsAgency(last) && !agency.Bare(last) && agency.Complete(last) == last &&
		agency.IsAgency(next) && !agency.Bare(next)
}

// check says what of a task could not be read.
func (st *tableState) check(t Task) []string {
	where := st.label + ", dòng " + t.STT
	if t.STT == "" {
		where = fmt.Sprintf("%s, hàng không số thứ tự (dòng %d của tệp)", st.label, t.Source.Line)
	}
	var w []string
	if t.Content == "" {
		w = append(w, where+": cột nội dung nhiệm vụ không đọc được")
	}
	if len(t.Lead) == 0 && st.cols.col(texttable.FieldLead) >= 0 {
		w = append(w, where+": cột cơ quan chủ trì không đọc được")
	}
	if st.rebuilt && t.Content != "" && len(t.Lead) > 0 && !plausibleCut(t) {
		w = append(w, where+": các cột có thể bị chia sai (bảng dựng lại từ văn bản không có vị trí)")
	}
	if st.ocr {
		w = append(w, garbledCells(where, t)...)
	}
	return w
}

// garbledCells flags the cells of a task read by OCR whose text is not
// Vietnamese: words that are neither syllables, numbers, codes nor
// abbreviations ("Tromg 1200", ")S('g K&%‘?N’"), or a deadline that reads
// as no deadline form. The text stays as read; the clerk is told to look.
func garbledCells(where string, t Task) []string {
	var w []string
	flag := func(col, text string) {
		w = append(w, fmt.Sprintf("%s: cột %s đọc không rõ (OCR), cần đối chiếu bản gốc: «%s»", where, col, text))
	}
	if garbled(t.Content, 3) {
		flag("nội dung nhiệm vụ", t.Content)
	}
	if s := strings.Join(t.Lead, "; "); garbled(s, 1) {
		flag("cơ quan chủ trì", s)
	}
	if s := strings.Join(t.Support, "; "); garbled(s, 1) {
		flag("cơ quan phối hợp", s)
	}
	// a deadline without words is a date; one that reads as none is garbled
	if d := t.Deadline; d.Text != "" && (garbled(d.Text, 1) || d.Kind == "text" && !hasLetters(d.Text)) {
		flag("thời hạn", d.Text)
	}
	return w
}

// garbled reports whether at least min words of s, and at least a fifth
// of them, are not Vietnamese words, numbers, codes or abbreviations.
func garbled(s string, min int) bool {
	bad, n := 0, 0
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool { return strings.ContainsRune(",;:.!?()[]“”\"'‘’…-–", r) })
		if f == "" || !hasLetters(f) && !strings.ContainsAny(f, "0123456789") {
			continue // punctuation alone
		}
		n++
		if !readableWord(f) {
			bad++
		}
	}
	return bad >= min && bad*5 >= n
}

// readableWord reports whether a word as OCR read it is a Vietnamese
// syllable, a number or date, or a code or abbreviation in capitals
// ("KH&CN", "57-NQ/TW", "UBND").
func readableWord(f string) bool {
	if vnenc.IsSyllable(f) {
		return true
	}
	digits, upper, lower, other := 0, 0, 0, 0
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case strings.ContainsRune("/-&.%", r):
		default:
			other++
		}
	}
	switch {
	case other > 0:
		return false
	case upper+lower == 0:
		return true // 30/11/2025, 100%
	case lower == 0:
		return true // KH&CN, 57-NQ/TW
	}
	return false
}

// hasLetters reports whether s holds a letter.
func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// plausibleCut reports whether a task rebuilt from text without positions
// reads as the genre writes tasks: every agency an agency's name, the
// deadline a deadline, the content a sentence that begins in capitals.
// Text whose cells the extractor interleaved fails one of these.
func plausibleCut(t Task) bool {
	if startsLowerText(t.Content) || !balanced(t.Content) {
		return false
	}
	for _, a := range append(append([]string(nil), t.Lead...), t.Support...) {
		if !plausibleAgency(a) || !balanced(a) || texttable.OnlyDeadlineWords(a) && !texttable.StartsAgency(a) {
			return false
		}
	}
	return t.Deadline.Text == "" || t.Deadline.Kind != "text" || texttable.IsDeadline(t.Deadline.Text)
}

// balanced reports whether every parenthesis in s is closed in s.
func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// plausibleAgency reports whether s reads as the name of a body or group
// of bodies: a known head ("Sở", "UBND", "Các sở…"), or a short name in
// capitals.
func plausibleAgency(s string) bool {
	if texttable.StartsAgency(s) || strings.HasPrefix(normalize.Fold(s), "cac ") {
		return true
	}
	return !startsLowerText(s) && len(strings.Fields(s)) <= 10
}

// appendixLabelRE matches an appendix label line: "PHỤ LỤC II", "Phụ lục
// số 2", "PHỤ LỤC I: DANH MỤC …".
var appendixLabelRE = regexp.MustCompile(`^phu luc(?:\s+(?:so\s+)?([ivxlc]{1,6}|\d{1,2}|[a-z]))?\s*(?:[:.\-–]\s*(.*)|\s*$)`)

// appendixLabel reads an appendix label from a line, in the register's
// form: "Phụ lục" and its numeral. ok is false for other lines (a body
// sentence that mentions an appendix is not a label).
func appendixLabel(line string) (string, bool) {
	t := strings.TrimSpace(normalize.StripMarkup(line))
	if !strings.HasPrefix(foldShort(t, 16), "phu luc") || len(t) > 300 {
		return "", false
	}
	k := normalize.Fold(t)
	m := appendixLabelRE.FindStringSubmatch(k)
	if m == nil {
		return "", false
	}
	if m[2] != "" {
		// "PHỤ LỤC I: DANH MỤC …" in capitals is a label; a sentence is not
		i := strings.IndexAny(t, ":.-–")
		if i < 0 || !isUpperText(strings.TrimLeft(t[i:], ":.-– ")) {
			return "", false
		}
	}
	if m[1] == "" {
		return "Phụ lục", true
	}
	num := m[1]
	if lowerRomanRE.MatchString(num) || len(num) == 1 && unicode.IsLetter(rune(num[0])) {
		num = strings.ToUpper(num)
	}
	return "Phụ lục " + num, true
}

// lowerRomanRE matches a folded Roman numeral.
var lowerRomanRE = regexp.MustCompile(`^[ivxlc]+$`)

// isCaption reports whether a line opens an appendix caption
// "(Kèm theo Kế hoạch số …)".
func isCaption(line string) bool {
	k := foldShort(strings.TrimSpace(normalize.StripMarkup(line)), 24)
	return strings.HasPrefix(strings.TrimLeft(k, "( "), "kem theo ")
}

// hasSpans reports whether the source states merged cells in the table.
func hasSpans(t *layout.Table) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.ColSpan > 1 || c.RowSpan > 1 {
				return true
			}
		}
	}
	return false
}

// realign places the cells of a row that has fewer cells than the table has
// columns: each cell goes, in order, to the column whose field its text
// reads as (a row number, an agency, a deadline…); the columns left over
// repeat the row above, marked Merged, as a cell spanning down would.
func realign(cells []layout.Cell, fields []string, above []layout.Cell) []layout.Cell {
	k, w := len(cells), len(fields)
	const neg = -1e18
	// best[i][j]: best score of cells[:i] placed in columns[:j].
	best := make([][]float64, k+1)
	took := make([][]bool, k+1) // cell i-1 in column j-1
	for i := range best {
		best[i] = make([]float64, w+1)
		took[i] = make([]bool, w+1)
		for j := range best[i] {
			best[i][j] = neg
		}
	}
	best[0][0] = 0
	for j := 1; j <= w; j++ {
		best[0][j] = best[0][j-1] + skipCost(fields[j-1])
	}
	for i := 1; i <= k; i++ {
		for j := i; j <= w; j++ {
			if s := best[i][j-1] + skipCost(fields[j-1]); s > best[i][j] {
				best[i][j], took[i][j] = s, false
			}
			if best[i-1][j-1] > neg {
				if s := best[i-1][j-1] + cellFit(cells[i-1], fields[j-1]); s > best[i][j] {
					best[i][j], took[i][j] = s, true
				}
			}
		}
	}
	out := make([]layout.Cell, w)
	i, j := k, w
	for j > 0 {
		if i > 0 && took[i][j] {
			c := cells[i-1]
			c.ColSpan, c.RowSpan = 1, 1
			out[j-1] = c
			i--
		} else if j-1 < len(above) {
			c := above[j-1]
			c.Merged = true
			out[j-1] = c
		} else {
			out[j-1] = layout.Cell{ColSpan: 1, RowSpan: 1}
		}
		j--
	}
	return out
}

// skipCost is what leaving a column of the field to a span from above
// costs: lead agencies and deadlines span several tasks often, row numbers
// and contents hardly ever.
func skipCost(field string) float64 {
	switch field {
	case texttable.FieldSTT, texttable.FieldContent:
		return -3
	case texttable.FieldLead, texttable.FieldDeadline:
		return -0.5
	}
	return 0
}

// cellFit rates a cell's text as the field's.
func cellFit(c layout.Cell, field string) float64 {
	t := cellText(c)
	if t == "" {
		return 0
	}
	isNum := arabicRE.MatchString(t) || romanRE.MatchString(t) || letterRE.MatchString(t) || len(t) <= 3 && strings.HasSuffix(t, ")")
	isDeadline := texttable.IsDeadline(t)
	isAgency := texttable.StartsAgency(t)
	switch field {
	case texttable.FieldSTT:
		if isNum {
			return 4
		}
		return -4
	case texttable.FieldContent:
		s := 0.5
		if len([]rune(t)) > 20 {
			s++
		}
		if isNum || isDeadline {
			s -= 3
		}
		return s
	case texttable.FieldLead, texttable.FieldSupport:
		s := 0.0
		if isAgency {
			s = 2
			if field == texttable.FieldSupport {
				s = 1.8
			}
		}
		if isDeadline || isNum {
			s -= 3
		}
		return s
	case texttable.FieldDeadline:
		if isDeadline {
			return 3
		}
		return -1
	}
	if isDeadline || isNum {
		return -1
	}
	return 0.1
}
