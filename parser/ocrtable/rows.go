package ocrtable

import (
	"fmt"
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

// row is a task or section row being gathered.
type row struct {
	section bool
	numeral string // section numeral as read
	lines   []int  // flat line indexes
	first   int
	stts    []string
	content []string
	// the line of each content fragment and row number
	contentLines, sttLines []int
	pieces                 []piece
	ended                  bool // the content's last fragment ends a sentence
	lastLen                int  // runes of the last content fragment
	deadline               bool
	tidied                 bool // tidyContent has run
	// cells are the row's columns once worked out (see reader.cells)
	cells map[string]string
}

// fDropped holds, in a row's cells, the fragments taken off its agency
// cells as neighbours' text (see tidyAgencies), for a warning.
const fDropped = "dropped"

func (rw *row) anchored() bool { return len(rw.stts) > 0 || rw.deadline }

func (rw *row) addPieces(ps []piece) {
	for _, p := range ps {
		if p.kind == pDeadline {
			rw.deadline = true
		}
		rw.pieces = append(rw.pieces, p)
	}
}

// romanAnyRe matches a Roman numeral set off by a column rule or a full
// stop before text in any case: "IV |nghiệp và hoạt động…".
var romanAnyRe = regexp.MustCompile(`^\s*(VIII|VII|VIl|VI|IV|1V|IX|III|I11|111|II|Il|V|X)\s*[|.]\s*(\S.*)$`)

// taskVerbs are the words that open a task in the genre, folded.
var taskVerbs = []string{
	"xay dung", "trien khai", "ra soat", "hoan thanh", "hoan thien", "to chuc", "tap trung", "day manh",
	"day nhanh", "thuc day", "bao dam", "dam bao", "nang cao", "nang cap", "phan dau", "cu the hoa",
	"cong bo", "chu dong", "thuc hien", "khan truong", "phoi hop", "tiep tuc", "chi dao", "kip thoi",
	"dieu chinh", "san sang", "dong bo", "duy tri", "ban hanh", "nghien cuu", "huong dan", "kiem tra",
	"theo doi", "bao cao", "tham muu", "de xuat", "cung cap", "ung dung", "phat trien", "tuyen truyen",
	"danh gia", "cap nhat", "so hoa", "tang cuong", "ho tro", "xu ly", "van hanh", "thuong xuyen",
	"can cu", "quan ly", "sap xep", "ket noi", "chuan hoa", "lam viec", "tong hop", "tong ket", "so ket",
	"rut kinh nghiem", "bo tri", "huy dong", "thanh lap", "kien toan", "trinh", "de nghi", "xay", "lua chon",
	"khao sat", "thi diem", "mo rong", "uu tien", "thuc thi", "giam sat", "don doc", "hop", "dao tao",
	"boi duong", "tap huan", "phat dong", "quan triet", "trien", "khan", "ra", "cat giam", "don gian hoa",
}

func taskVerb(s string) bool {
	f := normalize.Fold(s)
	for _, v := range taskVerbs {
		if strings.HasPrefix(f, v+" ") || f == v {
			return true
		}
	}
	// One misread letter in a verb of two words ("DAay nhanh").
	w := strings.Fields(f)
	if len(w) >= 2 {
		two := w[0] + " " + strings.Trim(w[1], ",.;:")
		for _, v := range taskVerbs {
			if len(v) >= 7 && strings.Contains(v, " ") && normalize.EditDistance(two, v) <= 1 {
				return true
			}
		}
	}
	return false
}

// startsVe reports whether a fragment opens with "Về" (section titles:
// "Về thể chế", "Về bảo đảm kinh phí…").
func startsVe(s string) bool {
	f := normalize.Fold(s)
	if w := strings.Fields(f); len(w) > 1 && strings.HasPrefix(w[0], "\\/") && utf8.RuneCountInString(w[0]) == 3 {
		return true // "\/é": V read as "\/", the vowel as any letter (repair may make "\/ở" of it)
	}
	if !upperRe.MatchString(s) {
		return false
	}
	return strings.HasPrefix(f, "ve ") || strings.HasPrefix(f, "ve") && len(f) > 2 && f[2] >= 'a' && f[2] <= 'z' && !strings.HasPrefix(f, "ven")
}

// read reads the table's rows; it returns the table, the lines it used,
// and warnings.
func (r *reader) read() (layout.Table, []int, []string) {
	r.joinBrokenYears()
	r.joinBrokenDeadlines()
	r.estimateWidth()
	// a page read column by column (see colBlock) is read by counting;
	// the lines before it, by lines
	blocks := r.findColBlocks()
	inBlock := func(k int) bool {
		for _, b := range blocks {
			if k >= b.start && k < b.end {
				return true
			}
		}
		return false
	}
	var infos []info
	var headerLines []int
	for k := r.from; k < r.to; k++ {
		if inBlock(k) {
			infos = append(infos, info{k: k, blank: true})
			continue
		}
		// the header repeated on the next page: the table's, no row
		if _, e, ok := findHeader(r.lines, k); repeatedHeaders && ok && e > k && k > r.from {
			for ; k < e; k++ {
				infos = append(infos, info{k: k, blank: true})
				if strings.TrimSpace(r.lines[k]) != "" {
					headerLines = append(headerLines, k)
				}
			}
			k--
			continue
		}
		infos = append(infos, r.parseLine(k))
	}
	r.markFootnotes(infos)

	var rows []*row
	var cur *row
	closeRow := func() {
		if cur != nil {
			rows = append(rows, cur)
			cur = nil
		}
	}
	used := headerLines
	blankBefore := false
	var rightOpen []piece // the agency pieces of a line read by rightLine
	var blockWarns []string
	for i := 0; i < len(infos); i++ {
		in := infos[i]
		if b, ok := blocks[in.k]; ok {
			closeRow()
			brows, bused, bw := r.blockRows(b)
			rows = append(rows, brows...)
			used = append(used, bused...)
			blockWarns = append(blockWarns, bw...)
			continue
		}
		if in.blank {
			blankBefore = true
			rightOpen = nil
			continue
		}
		if in.footnote {
			continue
		}
		used = append(used, in.k)
		// Section rows: a numeral, capitals, "Về …" alone, or text across
		// the table; a following line that carries the title on joins it.
		if r.isSectionStart(infos, i, cur) {
			closeRow()
			sec := &row{section: true, first: in.k, numeral: in.roman}
			sec.content = append(sec.content, in.content)
			sec.lines = append(sec.lines, in.k)
			j := i + 1
			for ; j < len(infos); j++ {
				n := infos[j]
				if n.blank {
					continue
				}
				if n.footnote || n.stt != "" {
					break
				}
				// A title across the table goes on over a second long line,
				// whatever OCR made of it.
				if !endsSentence(sec.content) && n.roman == "" && utf8.RuneCountInString(strings.TrimSpace(n.text)) > r.width*12/10 &&
					!upperRe.MatchString(strings.TrimLeft(n.text, "\"'“‘ |")) && len(sec.lines) < 3 {
					sec.content = append(sec.content, strings.TrimSpace(strings.NewReplacer("|", " ", "[", " ").Replace(strings.TrimLeft(n.text, "\"'“‘ "))))
					sec.lines = append(sec.lines, n.k)
					used = append(used, n.k)
					continue
				}
				if len(n.pieces) > 0 {
					break
				}
				if m := romanAnyRe.FindStringSubmatch(n.text); m != nil && sec.numeral == "" && romanValue(m[1]) > 0 {
					sec.numeral = m[1]
					sec.content = append(sec.content, m[2])
				} else if n.roman != "" && sec.numeral == "" && !n.spanning {
					sec.numeral = n.roman
					sec.content = append(sec.content, n.content)
				} else if n.spanning && !endsSentence(sec.content) {
					sec.content = append(sec.content, n.content)
				} else if n.content != "" && lowerStart(n.content) && utf8.RuneCountInString(n.content) < r.width/2 && !endsSentence(sec.content) {
					sec.content = append(sec.content, n.content)
				} else if n.content != "" && startsVe(sec.content[0]) && !endsSentence(sec.content) && len(sec.content) < 3 && !upperRe.MatchString(n.content) {
					sec.content = append(sec.content, n.content)
				} else {
					break
				}
				sec.lines = append(sec.lines, n.k)
				used = append(used, n.k)
			}
			rows = append(rows, sec)
			i = j - 1
			blankBefore = false
			continue
		}
		// The agency columns of a row read after its text, on lines of
		// their own (OCR took the content's block first): "Sở Công |Các
		// sở, ban," / "Thương [ngành". Each line's fragments stand in the
		// columns' order; a line in lower case goes on with them slot by
		// slot.
		if ps, ok := r.rightLine(cur, in, blankBefore, rightOpen); ok {
			cur.lines = append(cur.lines, in.k)
			cur.addPieces(append(ps, in.pieces...))
			rightOpen = ps
			blankBefore = false
			continue
		}
		rightOpen = nil
		if in.stt != "" && in.content == "" && len(in.pieces) == 0 {
			// A number alone: the row's number, printed above its text in
			// block layout, or at mid-height.
			if cur == nil || len(cur.stts) > 0 || (cur.deadline && hasAgency(cur)) {
				closeRow()
				cur = &row{first: in.k}
			}
			cur.stts = append(cur.stts, in.stt)
			cur.sttLines = append(cur.sttLines, in.k)
			cur.lines = append(cur.lines, in.k)
			blankBefore = false
			continue
		}
		// Two short lines that make a deadline together ("Thực hiện" /
		// "thường xuyên").
		if in.content != "" && len(in.pieces) == 0 && in.stt == "" && i+1 < len(infos) && !infos[i+1].blank &&
			utf8.RuneCountInString(in.content) < r.width/2 {
			nx := infos[i+1]
			next := nx.content
			if next == "" && len(nx.pieces) == 1 {
				next = nx.pieces[0].text
			}
			if j := in.content + " " + next; next != "" && nx.stt == "" && deadline.Looks(j) && !deadline.Looks(in.content) {
				if cur == nil {
					cur = &row{first: in.k}
				}
				cur.lines = append(cur.lines, in.k, nx.k)
				used = append(used, nx.k)
				cur.addPieces([]piece{{text: j, kind: pDeadline, pos: r.width, line: in.k}})
				i++
				blankBefore = false
				continue
			}
		}
		// A short lower-case fragment after a deadline phrase cut at the
		// line end continues it ("Sau khi Trung" / "ương ban hành").
		if in.content != "" && len(in.pieces) == 0 && in.stt == "" && cur != nil && openDeadline(cur) &&
			utf8.RuneCountInString(in.content) < r.width/2 && lowerStart(in.content) {
			p := &cur.pieces[lastDeadline(cur)]
			p.text += " " + in.content
			cur.lines = append(cur.lines, in.k)
			blankBefore = false
			continue
		}
		// A short fragment under an agency name cut at the line end
		// continues that name (block layout: "UBND các xã, phường," then
		// "đặc khu").
		if in.content != "" && len(in.pieces) == 0 && in.stt == "" && cur != nil && openAgency(cur) &&
			utf8.RuneCountInString(in.content) < r.width/2 && !taskVerb(in.content) &&
			!(cur.lastLen >= r.width*8/10 && !cur.ended && lowerStart(in.content) && !blankBefore) &&
			!(!cur.ended && lowerStart(in.content) && !continuesOpen(cur, in.content)) {
			cur.lines = append(cur.lines, in.k)
			cur.addPieces([]piece{{text: in.content, kind: pOther, pos: r.width, line: in.k, guess: true}})
			blankBefore = false
			continue
		}
		// A name alone after blank lines, under a row that has its
		// deadline and agency: the next row's cell, taller than its text.
		if in.content == "" && in.stt == "" && len(in.pieces) > 0 && blankBefore && cur != nil &&
			cur.deadline && hasAgency(cur) && in.pieces[0].kind == pAgency && startsAgency(in.pieces[0].text) {
			closeRow()
			cur = &row{first: in.k}
		}
		// The end of a content line that only completes an open agency name
		// ("… của pháp Công nghệ địa phương") belongs to the right.
		if in.content != "" && cur != nil && openAgency(cur) {
			if c, tail := r.completionTail(in.content, cur); tail != "" {
				in.content = c
				in.pieces = append([]piece{{text: tail, kind: pOther, pos: utf8.RuneCountInString(c) + 1, line: in.k}}, in.pieces...)
			}
		}
		// A short capitalised line right under a name that opens a row,
		// before the row's text: the rest of that name's cell, taller than
		// the text ("BQL KKT" / "Dung Quất ,").
		if in.content != "" && len(in.pieces) == 0 && in.stt == "" && cur != nil && len(cur.content) == 0 &&
			utf8.RuneCountInString(in.content) < r.width/2 && upperRe.MatchString(in.content) && !taskVerb(in.content) &&
			lastAgencyLine(cur) == in.k-1 {
			cur.lines = append(cur.lines, in.k)
			cur.addPieces([]piece{{text: in.content, kind: pOther, pos: 0, line: in.k}})
			blankBefore = false
			continue
		}
		// Inside a content line, past half the column, the end of a name
		// the row left open ("Sở Khoa học" … "về khoa học, và Công nghệ:
		// Qac 50"): it and what follows are the right-hand columns'.
		if in.content != "" && cur != nil {
			if c, name, rest := r.midCompletion(in.content, cur); name != "" {
				in.content = c
				ps := []piece{{text: name, kind: pOther, pos: utf8.RuneCountInString(c) + 1, line: in.k}}
				if rest != "" {
					ps = append(ps, r.splitRight(rest, utf8.RuneCountInString(c)+len([]rune(name))+2, in.k)...)
				}
				in.pieces = append(ps, in.pieces...)
			}
		}
		// In a table with a product column, a short line inside a row is
		// that column's block ("Kế hoạch được / ban hành"), not a new task.
		if r.has(fResult) && in.content != "" && in.stt == "" && len(in.pieces) == 0 && cur != nil && len(cur.content) > 0 &&
			utf8.RuneCountInString(in.content) < r.width*45/100 {
			cur.lines = append(cur.lines, in.k)
			cur.addPieces([]piece{{text: in.content, kind: pOther, pos: r.width, line: in.k, guess: true}})
			blankBefore = false
			continue
		}
		if in.content != "" && r.startsRow(cur, in, blankBefore) {
			closeRow()
		}
		if cur == nil {
			cur = &row{first: in.k}
		}
		cur.lines = append(cur.lines, in.k)
		if in.stt != "" {
			cur.stts = append(cur.stts, in.stt)
			cur.sttLines = append(cur.sttLines, in.k)
		}
		if in.content != "" {
			cur.content = append(cur.content, in.content)
			cur.contentLines = append(cur.contentLines, in.k)
			cur.ended = fullStop.MatchString(in.content)
			cur.lastLen = utf8.RuneCountInString(in.content)
		}
		cur.addPieces(in.pieces)
		blankBefore = false
	}
	closeRow()
	// a row may hold three numbers or more: split until none is left
	for n := -1; n != len(rows); {
		n = len(rows)
		rows = r.splitDoubleRows(rows)
	}
	rows = mergeBare(rows)
	moveOpenTails(rows)
	r.columnPositions(rows)

	// A scrap of the title under the header ("quốc gia"), before any row:
	// not a task; its lines stay in the text.
	if len(rows) > 0 && !rows[0].section && len(rows[0].pieces) == 0 && len(rows[0].stts) == 0 &&
		utf8.RuneCountInString(strings.Join(rows[0].content, " ")) < r.width/2 {
		drop := map[int]bool{}
		for _, k := range rows[0].lines {
			drop[k] = true
		}
		kept := used[:0]
		for _, k := range used {
			if !drop[k] {
				kept = append(kept, k)
			}
		}
		used, rows = kept, rows[1:]
	}
	return r.emit(rows), used, append(blockWarns, r.warnings(rows)...)
}

// rightLine reads a line of a row that holds only its agency columns,
// after the row's text (see read): a line that opens with an agency head
// after a blank line, under a row with text but no agency yet, and splits
// into two agency fragments or one and a deadline; or, right under such a
// line (open holds its pieces), a line in lower case whose words go on
// with those pieces slot by slot ("dựng" with "Sở Xây", "ngành" with "Các
// sở, ban,"). It returns the line's pieces and whether it is one.
func (r *reader) rightLine(cur *row, in info, blankBefore bool, open []piece) ([]piece, bool) {
	if cur == nil || in.stt != "" || in.content == "" || !r.has(fLead) || !r.has(fSupport) || len(cur.content) == 0 {
		return nil, false
	}
	text := in.content
	if h, ok := restoreHead(text); ok {
		text = h
	}
	if len(open) > 0 {
		if ps := slotSplit(open, text, r.width+1, in.k); ps != nil {
			return ps, true
		}
		return nil, false
	}
	if !blankBefore || hasAgency(cur) || !startsAgency(text) || taskVerb(text) {
		return nil, false
	}
	ps := r.splitRight(text, r.width+1, in.k)
	if len(ps) == 0 || ps[0].kind != pAgency {
		return nil, false
	}
	agencies := 0
	for _, p := range ps {
		switch p.kind {
		case pAgency:
			agencies++
		case pDeadline:
		default:
			if p.pos == ps[0].pos {
				return nil, false
			}
		}
	}
	if agencies < 2 && len(in.pieces) == 0 {
		return nil, false
	}
	slot := 0
	for i := range ps {
		if ps[i].kind == pAgency && slot < 2 {
			slot++
			ps[i].slot = slot
		}
	}
	return ps, true
}

// slotSplit cuts a lower-case line under a line of agency fragments (open,
// in the columns' order) into the words that go on with each fragment:
// the first words complete the first fragment's name (the lexicon joins
// them), the rest go on with the second (a group's nouns, or a name the
// lexicon joins). nil if no cut reads so.
func slotSplit(open []piece, text string, pos, line int) []piece {
	var ag []piece
	for _, p := range open {
		if p.kind == pAgency || p.kind == pOther {
			ag = append(ag, p)
		}
	}
	words := strings.Fields(strings.NewReplacer("|", " ", "[", " ").Replace(text))
	if len(ag) < 2 || len(words) < 2 {
		return nil
	}
	a, b := ag[0].text, ag[1].text
	for k := 1; k < len(words); k++ {
		left, right := strings.Join(words[:k], " "), strings.Join(words[k:], " ")
		if !nextWordOf(a, words[0]) && !(lowerStart(left) && agency.Joins(a, left) && knownOrCut(strings.TrimRight(a+" "+left, ",;. "))) {
			continue
		}
		n, _ := groupPrefix(strings.Fields(right), true)
		if n == 0 && !agency.Joins(b, right) {
			continue
		}
		// what follows the second fragment's words: a deadline's end
		// or a neighbour's, read as the last column's
		rest := ""
		if n > 0 && n < len(strings.Fields(right)) {
			rw := strings.Fields(right)
			right, rest = strings.Join(rw[:n], " "), strings.Join(rw[n:], " ")
		}
		ps := []piece{{text: left, kind: pAgency, pos: ag[0].pos, line: line, slot: 1},
			{text: right, kind: pAgency, pos: ag[1].pos, line: line, slot: 2}}
		if rest != "" {
			ps = append(ps, piece{text: rest, kind: pOther, pos: ag[1].pos + len([]rune(right)) + 1, line: line})
		}
		return ps
	}
	return nil
}

// headAt reports whether word i of words opens a second agency name
// inside one piece: an agency head ("UBND", "Sở", "Các", "Văn phòng") that
// the words before it do not go on with by the lexicon ("UBND UBND các",
// "Văn phòng Sở KH&CN;", "Sở Sở Kế hoạch"), as in narrow agency columns
// whose lines OCR read side by side.
func headAt(words []string, i int) bool {
	if i == 0 || i >= len(words) {
		return false
	}
	w, k := words[i], wordKey(words[i])
	head := k == "ubnd" || capitalized(w) && (isSoForm(k) || cacForms[k]) ||
		capitalized(w) && fuzzyIn(k, "van") && i+1 < len(words) && fuzzyIn(wordKey(words[i+1]), "phong")
	if !head {
		return false
	}
	left, right := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
	if strings.HasSuffix(strings.TrimSpace(left), ",") || strings.HasSuffix(strings.TrimSpace(left), ";") {
		return false // a list goes on: one column's
	}
	return wordKey(words[0]) == k || !agency.Joins(left, right)
}

// slotPieces reads a row's agency pieces slot by slot where its lines
// show two narrow agency columns read side by side: a piece that holds
// two names' starts (see headAt) is cut in two, each line's fragments
// then stand in the columns' order (lead, support), and a line's one
// fragment goes on with the column whose name it continues. The pieces
// come back with their slots set (see piece.slot), or as they were where
// a line does not read so.
func (r *reader) slotPieces(ps []piece) []piece {
	if !r.has(fLead) || !r.has(fSupport) {
		return ps
	}
	type frag struct {
		p    piece
		text string
	}
	var lines [][]frag
	lineOf := map[int]int{}
	split := false
	for _, p := range ps {
		if p.slot > 0 {
			return ps
		}
		if p.kind != pAgency && p.kind != pOther {
			continue
		}
		if _, ok := lineOf[p.line]; !ok {
			lineOf[p.line] = len(lines)
			lines = append(lines, nil)
		}
		li := lineOf[p.line]
		words := strings.Fields(p.text)
		from := 0
		for i := 1; i < len(words); i++ {
			if headAt(words[from:], i-from) {
				lines[li] = append(lines[li], frag{p, strings.Join(words[from:i], " ")})
				from = i
				split = true
			}
		}
		lines[li] = append(lines[li], frag{p, strings.Join(words[from:], " ")})
	}
	if !split {
		return ps
	}
	var slot [3]string
	assigned := make([][]int, len(lines))
	for li, fs := range lines {
		switch len(fs) {
		case 2:
			assigned[li] = []int{1, 2}
		case 1:
			t := fs[0].text
			first := strings.Fields(t)[0]
			open := func(s string) bool {
				e := strings.TrimSpace(s)
				return s != "" && (incomplete(s) || strings.HasSuffix(e, ",") || strings.HasSuffix(e, ";"))
			}
			// how well t goes on with a column's text: 2 for a group's
			// nouns after a group or the word a name goes on with, 1 for a
			// pair of words the lexicon joins
			goes := func(s string) int {
				if !open(s) {
					return 0
				}
				items := agency.Split([]string{s})
				last := s
				if len(items) > 0 {
					last = items[len(items)-1]
				}
				if n, _ := groupPrefix(strings.Fields(t), true); n > 0 && (isGroupText(last) || afterCac(s)) {
					return 2
				}
				if nextWordOf(last, first) {
					return 2
				}
				if lowerStart(t) && agency.Joins(s, t) {
					return 1
				}
				return 0
			}
			g1, g2 := goes(slot[1]), goes(slot[2])
			if open(slot[1]) && open(slot[2]) {
				// one fragment that goes on with both columns, cut
				// ("thành phố xã, phường")
				if cut := cutSlots(slot[1], slot[2], t); cut != nil {
					lines[li] = []frag{{fs[0].p, cut[0]}, {fs[0].p, cut[1]}}
					fs = lines[li]
					assigned[li] = []int{1, 2}
					break
				}
			}
			switch {
			case g1 > g2:
				assigned[li] = []int{1}
			case g2 > g1:
				assigned[li] = []int{2}
			case slot[1] == "" && !lowerStart(t):
				assigned[li] = []int{1}
			default:
				return ps
			}
		default:
			return ps
		}
		for j, f := range lines[li] {
			slot[assigned[li][j]] = strings.TrimSpace(slot[assigned[li][j]] + " " + f.text)
		}
	}
	// each column must read as agencies
	for _, t := range slot[1:] {
		if t == "" {
			continue
		}
		for _, it := range agency.Split([]string{t}) {
			if !agency.IsAgency(it) && !knownOrCut(it) && !isGroupText(it) {
				return ps
			}
		}
	}
	var out []piece
	done := map[int]bool{}
	for _, p := range ps {
		if p.kind != pAgency && p.kind != pOther {
			out = append(out, p)
			continue
		}
		li := lineOf[p.line]
		if done[li] {
			continue
		}
		done[li] = true
		for j, f := range lines[li] {
			q := f.p
			q.text, q.kind, q.slot = f.text, pAgency, assigned[li][j]
			q.pos = f.p.pos + j
			out = append(out, q)
		}
	}
	return out
}

// cutSlots cuts text where its first words go on with a's name and the
// rest with b's (see slotSplit); nil if no cut reads so.
func cutSlots(a, b, text string) []string {
	ps := slotSplit([]piece{{text: a, kind: pAgency}, {text: b, kind: pAgency}}, text, 0, 0)
	if len(ps) != 2 {
		return nil
	}
	return []string{ps[0].text, ps[1].text}
}

// nextWordOf reports whether w is the word that the one name of the
// lexicon left opens goes on with ("Sở Xây" + "dựng"), its diacritics and
// case aside, one letter misread in a word of four letters or more
// ("Thwong" for "Thương").
func nextWordOf(left, w string) bool {
	l := strings.TrimRight(strings.TrimSpace(left), " ,;.")
	c := agency.Complete(l)
	if c == l || !strings.HasPrefix(c, l) {
		return false
	}
	next := strings.Fields(c[len(l):])
	if len(next) == 0 {
		return false
	}
	x, y := strings.ToLower(wordKey(next[0])), strings.ToLower(wordKey(w))
	return x == y || len(x) >= 4 && len(y) == len(x) && normalize.EditDistance(x, y) <= 1
}

// completionWords complete an agency name cut at a line end.
var completionWords = map[string]bool{"cong": true, "nghe": true, "dia": true, "phuong": true, "nganh": true,
	"lien": true, "quan": true, "tinh": true, "thanh": true, "pho": true, "xa": true, "dac": true, "khu": true,
	"va": true, "cac": true, "co": true, "don": true, "vi": true, "ban": true, "noi": true, "vu": true,
	"tai": true, "chinh": true, "dao": true, "tao": true, "du": true, "lich": true, "cap": true}

// completionTail splits off the end of a content fragment made only of
// words that complete an agency name, starting past half the content
// width with a capital or after a full stop, or, in lower case, a run of
// group nouns set off by list punctuation that goes on with the row's open
// agency ("Các sở," then "… dữ liệu ngành; địa"); "" if none.
func (r *reader) completionTail(c string, rw *row) (string, string) {
	words := strings.Fields(c)
	if n := len(words); n >= 2 && endsOpenName(rw, words[n-1]) {
		// the last word alone ends the name the row left open on a line
		// just above ("Văn phòng UBND thành" … "giám sát phố")
		return strings.Join(words[:n-1], " "), words[n-1]
	}
	i := len(words)
	for i > 0 && completionWords[strings.Trim(normalize.Fold(words[i-1]), ".,;:")] {
		i--
	}
	if i == 0 && placeStart(words) && groupTail(rw, words) {
		// a line of local government kinds alone, under a group cut at
		// its comma ("UBND các huyện, thị xã," / "thành phố"); other group
		// nouns alone ("các cơ quan, đơn vị, địa phương") are as often
		// the content's
		return "", c
	}
	if i == len(words) || i == 0 {
		return c, ""
	}
	head := strings.Join(words[:i], " ")
	tail := strings.Join(words[i:], " ")
	if utf8.RuneCountInString(head) < r.width*55/100 {
		return c, ""
	}
	if !upperRe.MatchString(tail) && !fullStop.MatchString(head) && !groupTail(rw, words[i:]) && !joinsOpenPiece(rw, words[i:]) {
		return c, ""
	}
	return head, tail
}

// placeStart reports whether words open with a unit naming a kind of
// local government that only goes on with a list ("thành phố", "thị xã").
func placeStart(words []string) bool {
	if len(words) == 0 {
		return false
	}
	k0, k1 := wordKey(words[0]), ""
	if len(words) > 1 {
		k1 = wordKey(words[1])
	}
	return placeUnit[k0+" "+k1] || k0 == "quan" && len(words) == 1
}

// midCompletion finds in a content fragment, from 55% of the content
// column's width on, words that complete an agency piece the row left open
// on one of the last four lines into a name the lexicon knows, with a
// capital as names are written ("và Công nghệ"), or into a whole group.
// It returns the content before them, them, and the rest of the fragment;
// name is "" if there are none.
func (r *reader) midCompletion(c string, rw *row) (content, name, rest string) {
	if len(rw.lines) == 0 {
		return c, "", ""
	}
	last := rw.lines[len(rw.lines)-1]
	var open []string
	for _, p := range rw.pieces {
		if (p.kind == pAgency || p.kind == pOther) && last-p.line <= 4 && incomplete(p.text) {
			items := agency.Split([]string{p.text})
			if len(items) > 0 {
				open = append(open, items[len(items)-1])
			}
		}
	}
	if len(open) == 0 {
		return c, "", ""
	}
	words := strings.Fields(c)
	off := 0
	for i, w := range words {
		at := off
		off += utf8.RuneCountInString(w) + 1
		if at < r.width*55/100 || i == 0 {
			continue
		}
		for _, o := range open {
			if !agency.Joins(o, w) {
				continue
			}
			for n := min(len(words)-i, 5); n >= 1; n-- {
				cont := strings.TrimRight(strings.Join(words[i:i+n], " "), ",;.:")
				joined := o + " " + cont
				capital := false
				for _, x := range words[i : i+n] {
					capital = capital || upperRe.MatchString(x)
				}
				// (a bare head cut from its name, "Cộng", goes on in
				// lower case as OCR may read it: "ăn tinh")
				bare := len(strings.Fields(o)) == 1 && n >= 2 && agency.Default().Known(joined)
				if capital && (agency.Default().Known(joined) || n >= 2 && knownOrCut(joined)) || bare || len(strings.Fields(o)) >= 2 && spelledGroup(words[i:i+n]) && knownGroup(joined) {
					return strings.Join(words[:i], " "), strings.Join(words[i:i+n], " "), strings.Join(words[i+n:], " ")
				}
			}
		}
	}
	return c, "", ""
}

// endsOpenName reports whether w, a word in lower case and no sentence's
// end, ends a name of two words or more that an agency piece of the row
// left open on one of its last two lines, into a name the lexicon knows
// ("UBND thành" + "phố").
func endsOpenName(rw *row, w string) bool {
	if rw == nil || len(rw.lines) == 0 || !lowerStart(w) || fullStop.MatchString(w) || !completionWords[strings.Trim(normalize.Fold(w), ".,;:")] {
		return false
	}
	last := rw.lines[len(rw.lines)-1]
	for _, p := range rw.pieces {
		if p.kind != pAgency && p.kind != pOther || last-p.line > 1 || !incomplete(p.text) {
			continue
		}
		items := agency.Split([]string{p.text})
		if len(items) == 0 || len(strings.Fields(items[len(items)-1])) < 2 {
			continue
		}
		if agency.Default().Known(items[len(items)-1] + " " + strings.TrimRight(w, ",;.:")) {
			return true
		}
	}
	return false
}

// knownOrCut reports whether the lexicon knows a name, or completes it as
// a name cut at a line end ("Sở Khoa học và").
func knownOrCut(name string) bool {
	lex := agency.Default()
	if lex.Known(name) {
		return true
	}
	c := agency.Complete(name)
	return c != name && lex.Known(c)
}

// groupKeys are the keys of the group nouns' words.
var groupKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, u := range groupUnits {
		for _, w := range u {
			m[w.key] = true
		}
	}
	return m
}()

// groupSpellings are the group nouns' words as written.
var groupSpellings = func() map[string]bool {
	m := map[string]bool{}
	for _, u := range groupUnits {
		for _, w := range u {
			m[w.spell] = true
		}
	}
	return m
}()

// spelledGroup reports whether words are written, diacritics and all, as
// group nouns are ("địa phương", not "số" for "sở").
func spelledGroup(words []string) bool {
	for _, w := range words {
		if !groupSpellings[strings.ToLower(normalize.NFC(strings.Trim(w, ",;.:")))] {
			return false
		}
	}
	return len(words) > 0
}

// joinsOpenPiece reports whether words, in lower case, go on with an
// agency piece of the row cut mid-name on one of the last four lines: two
// or more of them make with it a name the lexicon knows or a whole group
// ("UBND các" … "địa phương").
func joinsOpenPiece(rw *row, words []string) bool {
	text := strings.Join(words, " ")
	if rw == nil || len(words) < 2 || !lowerStart(text) || len(rw.lines) == 0 {
		return false
	}
	last := rw.lines[len(rw.lines)-1]
	for _, p := range rw.pieces {
		if p.kind != pAgency && p.kind != pOther || last-p.line > 4 || !incomplete(p.text) || !agency.Joins(p.text, text) {
			continue
		}
		for n := len(words); n >= 2; n-- {
			joined := strings.TrimSpace(p.text) + " " + strings.Join(words[:n], " ")
			if agency.Default().Known(joined) || knownGroup(joined) {
				return true
			}
		}
	}
	return false
}

// knownGroup reports whether a text is, whole, a plural group of the
// genre's nouns ("UBND các địa phương"; see groupPrefix).
func knownGroup(t string) bool {
	w := strings.Fields(strings.TrimRight(t, " ,;."))
	n, _ := groupPrefix(w, false)
	return n >= 2 && n == len(w)
}

// groupTail reports whether words, in lower case, are group nouns of two
// words or more with list punctuation between them ("ngành; địa", "ban,
// ngành") that go on with the row's open agency.
func groupTail(rw *row, words []string) bool {
	if rw == nil || len(words) < 2 {
		return false
	}
	listed := false
	for _, w := range words[:len(words)-1] {
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") {
			listed = true
		}
	}
	if !listed {
		// after a list cut at a comma ("Các sở, ngành,"), whole nouns
		// of a group ("địa phương")
		if last := lastAgency(rw); strings.HasSuffix(strings.TrimSpace(last), ",") {
			n, _ := groupPrefix(words, true)
			listed = n == len(words)
		}
	}
	return listed && continuesOpen(rw, strings.Join(words, " "))
}

// lastAgency is the text of the row's last agency or other right-hand
// piece, "" if none.
func lastAgency(rw *row) string {
	for i := len(rw.pieces) - 1; i >= 0; i-- {
		if p := rw.pieces[i]; p.kind == pAgency || p.kind == pOther {
			return p.text
		}
	}
	return ""
}

// lastAgencyLine is the line of the row's last agency piece, -1 if none.
func lastAgencyLine(rw *row) int {
	for i := len(rw.pieces) - 1; i >= 0; i-- {
		if rw.pieces[i].kind == pAgency {
			return rw.pieces[i].line
		}
	}
	return -1
}

// lastDeadline is the index of the row's last deadline piece, -1 if none.
func lastDeadline(rw *row) int {
	for i := len(rw.pieces) - 1; i >= 0; i-- {
		if rw.pieces[i].kind == pDeadline {
			return i
		}
	}
	return -1
}

// openDeadline reports whether the row's last deadline is a phrase cut at
// the line end ("Sau khi Trun").
func openDeadline(rw *row) bool {
	i := lastDeadline(rw)
	if i < 0 {
		return false
	}
	t := strings.TrimSpace(rw.pieces[i].text)
	f := normalize.Fold(t)
	if fullStop.MatchString(t) {
		return false
	}
	for _, p := range []string{"sau khi", "theo", "truoc", "trudc"} {
		if strings.HasPrefix(f, p) && len(strings.Fields(f)) < 6 {
			return true
		}
	}
	return false
}

// openAgency reports whether the row's last agency piece stops mid-name.
// continuesOpen reports whether text can go on the row's last agency
// name: the lexicon joins them ("UBND các địa" + "phương"), or text is
// itself a name or part of a group. A fragment in lower case that does
// not, under a sentence that has not ended, is the content's.
func continuesOpen(rw *row, text string) bool {
	for i := len(rw.pieces) - 1; i >= 0; i-- {
		p := rw.pieces[i]
		if p.kind == pAgency || p.kind == pOther {
			if agency.Joins(p.text, text) || agency.IsAgency(text) {
				return true
			}
			n, _ := groupPrefix(strings.Fields(text), true)
			return n > 0
		}
	}
	return false
}

func openAgency(rw *row) bool {
	for i := len(rw.pieces) - 1; i >= 0; i-- {
		p := rw.pieces[i]
		if p.kind == pAgency || p.kind == pOther {
			return incomplete(p.text) && rw.lines[len(rw.lines)-1]-p.line <= 8
		}
	}
	return false
}

func hasAgency(rw *row) bool {
	for _, p := range rw.pieces {
		if p.kind == pAgency {
			return true
		}
	}
	return false
}

func endsSentence(content []string) bool {
	if len(content) == 0 {
		return false
	}
	return fullStop.MatchString(content[len(content)-1])
}

func lowerStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \"'“(‘"))
	return r >= 'a' && r <= 'z' || r > 0x7f && !upperRe.MatchString(string(r)) && r != '“'
}

// isSectionStart reports whether line i opens a section row.
func (r *reader) isSectionStart(infos []info, i int, cur *row) bool {
	in := infos[i]
	if in.section {
		return true
	}
	if len(in.pieces) > 0 || in.stt != "" || in.content == "" || in.footnote {
		return false
	}
	// (a title opens with a capital: a line in lower case across the
	// table is a task's text whose right-hand cells OCR lost)
	if in.spanning && (cur == nil || !openAgency(cur)) && !lowerStart(in.content) {
		return true
	}
	if startsVe(in.content) && (cur == nil || cur.anchored()) {
		return true
	}
	// A short title alone right after the header, before the first row.
	if cur == nil && len(infos) > 0 && i < 3 && utf8.RuneCountInString(in.content) < r.width*6/10 &&
		upperRe.MatchString(in.content) && !fullStop.MatchString(in.content) {
		for j := i + 1; j < len(infos); j++ {
			if infos[j].blank {
				continue
			}
			return infos[j].content != "" && upperRe.MatchString(infos[j].content)
		}
	}
	return false
}

func blankAbove(infos []info, i int) bool { return i > 0 && infos[i-1].blank }

// startsRow decides whether a content line opens a new row.
func (r *reader) startsRow(cur *row, in info, blankBefore bool) bool {
	if cur == nil {
		return false
	}
	if len(cur.content) == 0 {
		return false
	}
	c := in.content
	if !upperRe.MatchString(c) {
		// a line that opens with noise ("?hl,l dc,_)rgg …", a capital
		// OCR could not read) after a row whose sentence ended with its
		// deadline and agency read: the next task
		r0, _ := utf8.DecodeRuneInString(c)
		return !unicode.IsLetter(r0) && !unicode.IsDigit(r0) && !unicode.IsSpace(r0) && !strings.ContainsRune("(\"'“‘-–+•", r0) &&
			cur.ended && cur.deadline && hasAgency(cur) && utf8.RuneCountInString(c) > r.width*7/10 &&
			!startsAgency(strings.TrimLeft(c, ":;,.?_ "))
	}
	short := cur.lastLen < r.width*7/10
	verb := taskVerb(c)
	if !cur.ended && danglingEnd(cur.content[len(cur.content)-1]) && in.stt == "" {
		// "… dữ liệu đã" / "Số hóa để …": the sentence goes on (a row
		// number on the line says otherwise)
		return false
	}
	switch {
	case verb && cur.anchored() && (cur.ended || short || blankBefore):
		return true
	case verb && cur.ended:
		return true
	case cur.ended && cur.anchored() && (in.stt != "" || short):
		return true
	}
	return false
}

// nextRead is the number read on the first row after rows[i] in its
// section that has one, 0 if none.
func nextRead(rows []*row, i int) int {
	for j := i + 1; j < len(rows) && !rows[j].section; j++ {
		if n := readNum(rows[j]); n > 0 {
			return n
		}
	}
	return 0
}

// danglingWords are words no sentence of the genre ends with: auxiliaries,
// prepositions, conjunctions and determiners that need what follows
// ("đã", "của", "và", "các"). Matched with their diacritics: folded, some
// would be words that end sentences ("từ" and "tử", "để" and "đề").
var danglingWords = map[string]bool{"đã": true, "đang": true, "sẽ": true, "của": true, "và": true, "các": true,
	"những": true, "cho": true, "để": true, "với": true, "trong": true, "tại": true, "theo": true, "từ": true,
	"đến": true, "hoặc": true, "được": true, "bị": true, "là": true, "về": true, "nhằm": true, "mọi": true,
	"một": true, "cùng": true, "như": true, "trên": true, "giữa": true, "vào": true, "mà": true, "thì": true}

// danglingEnd reports whether a content fragment ends with a word that
// needs what follows (see danglingWords), without punctuation after it.
func danglingEnd(s string) bool {
	w := strings.Fields(s)
	if len(w) < 3 {
		return false
	}
	last := w[len(w)-1]
	if strings.ContainsAny(last, ".,;:!?)|") {
		return false
	}
	return danglingWords[strings.ToLower(normalize.NFC(last))]
}

// splitDoubleRows splits a row that holds two different row numbers at the
// content fragment that most looks like the start of a task, between the
// two numbers (a row's number stands at its mid-height).
func (r *reader) splitDoubleRows(rows []*row) []*row {
	var out []*row
	for ri, rw := range rows {
		if rw.section || len(uniq(rw.stts)) < 2 || len(rw.content) < 2 || len(rw.contentLines) != len(rw.content) {
			out = append(out, rw)
			continue
		}
		first, second := rw.sttLines[0], -1
		for i, st := range rw.stts {
			if st != rw.stts[0] {
				second = rw.sttLines[i]
				break
			}
		}
		best, bestScore := -1, 0
		for ci := 1; ci < len(rw.content); ci++ {
			if l := rw.contentLines[ci]; l <= first || l > second {
				continue
			}
			c := rw.content[ci]
			if danglingEnd(rw.content[ci-1]) && !fullStop.MatchString(rw.content[ci-1]) && slices.Index(rw.sttLines, rw.contentLines[ci]) < 0 {
				continue // the sentence above goes on (unless a number stands on the line)
			}
			s := 0
			if upperRe.MatchString(c) {
				s += 2
			}
			if taskVerb(c) {
				s += 2
			}
			if fullStop.MatchString(rw.content[ci-1]) {
				s += 2
			}
			if utf8.RuneCountInString(rw.content[ci-1]) < r.width*7/10 {
				s++
			}
			if s > bestScore {
				best, bestScore = ci, s
			}
		}
		// A second number out of sequence ("3" then "5", and "4" on the
		// next row) is noise read as a digit: only a fragment that surely
		// opens a task (a capital, a task's verb, a sentence ended above)
		// splits the row then.
		n1, _ := strconv.Atoi(rw.stts[0])
		n2 := 0
		for _, st := range rw.stts {
			if st != rw.stts[0] {
				n2, _ = strconv.Atoi(st)
				break
			}
		}
		if n2 != n1+1 && bestScore < 6 && nextRead(rows, ri) == n1+1 {
			best = -1
		}
		if best < 0 || second < 0 {
			out = append(out, rw)
			continue
		}
		cut := rw.contentLines[best]
		a := &row{first: rw.first}
		b := &row{first: cut}
		for _, k := range rw.lines {
			if k < cut {
				a.lines = append(a.lines, k)
			} else {
				b.lines = append(b.lines, k)
			}
		}
		for i, c := range rw.content {
			dst := a
			if rw.contentLines[i] >= cut {
				dst = b
			}
			dst.content = append(dst.content, c)
			dst.contentLines = append(dst.contentLines, rw.contentLines[i])
		}
		for i, st := range rw.stts {
			dst := a
			if rw.sttLines[i] >= cut {
				dst = b
			}
			dst.stts = append(dst.stts, st)
			dst.sttLines = append(dst.sttLines, rw.sttLines[i])
		}
		for _, p := range rw.pieces {
			if p.line < cut {
				a.addPieces([]piece{p})
			} else {
				b.addPieces([]piece{p})
			}
		}
		out = append(out, a, b)
	}
	return out
}

// moveOpenTails gives the next row a name that opens a list ("Sở Công
// Thương;") or stops mid-name ("Sở Khoa học"), on a line below the row's
// content and just above the next row's first line, with what stands
// beside it: a cell taller than its row's text starts above it, and goes
// on beside the next row's text.
func moveOpenTails(rows []*row) {
	for i := 0; i+1 < len(rows); i++ {
		a, b := rows[i], rows[i+1]
		if a.section || b.section || len(a.contentLines) == 0 || len(b.contentLines) == 0 {
			continue
		}
		lastContent := a.contentLines[len(a.contentLines)-1]
		line := -1
		for _, p := range a.pieces {
			t := strings.TrimSpace(p.text)
			if p.kind == pAgency && p.line > lastContent && b.contentLines[0]-p.line == 1 &&
				(strings.HasSuffix(t, ";") || strings.HasSuffix(t, ",") || incomplete(t)) && startsAgency(t) {
				line = p.line
			}
		}
		var keep, move []piece
		for _, p := range a.pieces {
			if p.line == line && p.kind != pNote {
				move = append(move, p)
				continue
			}
			keep = append(keep, p)
		}
		if len(move) == 0 || len(keep) == 0 {
			continue
		}
		a.pieces = keep
		b.pieces = append(move, b.pieces...)
	}
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// mergeBare joins a task row with nothing but text (no number, agency nor
// deadline) to the row above: it is the rest of that row's content.
// (a row read from a column block, its cells given, is never bare)
func mergeBare(rows []*row) []*row {
	var out []*row
	for _, rw := range rows {
		bare := !rw.section && len(rw.stts) == 0 && len(rw.pieces) == 0 && rw.cells == nil
		if bare && len(out) > 0 && !out[len(out)-1].section {
			p := out[len(out)-1]
			p.lines = append(p.lines, rw.lines...)
			p.content = append(p.content, rw.content...)
			p.contentLines = append(p.contentLines, rw.contentLines...)
			continue
		}
		out = append(out, rw)
	}
	return out
}

// markFootnotes marks footnote lines: a line across the table that begins
// with a small number, and the lines across the table after it.
func (r *reader) markFootnotes(infos []info) {
	in := false
	for i := range infos {
		x := &infos[i]
		if x.blank {
			continue
		}
		t := strings.TrimSpace(x.text)
		long := utf8.RuneCountInString(t) > r.width*15/10
		if x.stt != "" && long && len(x.pieces) == 0 && utf8.RuneCountInString(t) > 110 {
			x.footnote, in = true, true
			continue
		}
		if in && long && x.stt == "" && len(x.pieces) == 0 && x.roman == "" {
			x.footnote = true
			continue
		}
		in = false
	}
}

// emit makes the layout table: header row, then section and task rows.
func (r *reader) emit(rows []*row) layout.Table {
	var tab layout.Table
	hdr := layout.Row{Header: true}
	hdr.Num, hdr.Page = r.num(max(r.from-1, 0))
	for _, c := range r.cols {
		hdr.Cells = append(hdr.Cells, layout.Cell{Paras: []string{headerLabel[c]}, ColSpan: 1, RowSpan: 1})
	}
	tab.Rows = append(tab.Rows, hdr)
	numerals := r.sectionNumerals(rows)
	stts := r.taskNumbers(rows)
	for i, rw := range rows {
		num, page := r.num(rw.first)
		if rw.section {
			text := normalize.JoinLines(strings.Join(rw.content, "\n"))
			if numerals[i] != "" {
				text = numerals[i] + ". " + text
			}
			tab.Rows = append(tab.Rows, layout.Row{Num: num, Page: page,
				Cells: []layout.Cell{{Paras: []string{text}, ColSpan: len(r.cols), RowSpan: 1}}})
			continue
		}
		cells := r.cells(rw)
		cells[fSTT] = stts[i]
		out := layout.Row{Num: num, Page: page}
		for _, c := range r.cols {
			var paras []string
			if v := cells[c]; v != "" {
				paras = []string{v}
			}
			out.Cells = append(out.Cells, layout.Cell{Paras: paras, ColSpan: 1, RowSpan: 1})
		}
		tab.Rows = append(tab.Rows, out)
	}
	return tab
}

// sectionNumerals gives each section row its numeral: as read (OCR
// confusions corrected by value), or, where the others in the table are
// numbered, the one its place implies.
func (r *reader) sectionNumerals(rows []*row) map[int]string {
	out := map[int]string{}
	numbered := 0
	var idx []int
	for i, rw := range rows {
		if !rw.section || isUpperHeading(strings.Join(rw.content, " ")) && rw.numeral == "" {
			continue
		}
		idx = append(idx, i)
		if rw.numeral != "" {
			numbered++
		}
	}
	// The numerals read agree with the sections' places when at least one
	// is read at its place and none contradicts more than the others.
	agree := 0
	for n, i := range idx {
		if romanValue(rows[i].numeral) == n+1 {
			agree++
		}
	}
	for n, i := range idx {
		rw := rows[i]
		v := romanValue(rw.numeral)
		switch {
		case v > 0 && v == n+1:
			out[i] = roman(v)
		case agree >= 1 && agree*2 >= numbered:
			out[i] = roman(n + 1)
		case v > 0:
			out[i] = roman(v)
		}
	}
	return out
}

// taskNumbers gives each task row its number: as read where it fits the
// sequence, else the one the sequence implies (numbering may restart in
// each section or run on through the table).
func (r *reader) taskNumbers(rows []*row) map[int]string {
	out := map[int]string{}
	total := 0
	expected := 1
	// Per section, decide whether numbering restarts.
	for i := 0; i < len(rows); i++ {
		if rows[i].section {
			// Look at the first read number in the section.
			idx, restart := 0, true
			for j := i + 1; j < len(rows) && !rows[j].section; j++ {
				if n := readNum(rows[j]); n > 0 {
					if n == total+idx+1 && n != idx+1 {
						restart = false
					}
					break
				}
				idx++
			}
			if restart {
				expected = 1
			} else {
				expected = total + 1
			}
			continue
		}
		n := readNum(rows[i])
		use := expected
		if n == expected || n == expected+1 && nextFits(rows, i, n) {
			use = n
		}
		out[i] = strconv.Itoa(use)
		expected = use + 1
		total++
	}
	return out
}

func readNum(rw *row) int {
	if len(rw.stts) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(rw.stts[0])
	return n
}

// nextFits reports whether the next read number after row i agrees with n.
func nextFits(rows []*row, i, n int) bool {
	step := 1
	for j := i + 1; j < len(rows) && !rows[j].section; j++ {
		if m := readNum(rows[j]); m > 0 {
			return m == n+step
		}
		step++
	}
	return true
}

// agencyCell is an agency column's text gathered from pieces.
type agencyCell struct {
	parts []string
	first int // line of the first piece
	lines map[int]int
}

// incomplete reports whether an agency text stops mid-name.
var incompleteRe = regexp.MustCompile(`(?:\s|^)(?:va|&|dia|don|so|s&|s¢|se|s6|s0|cac|cec|c4c|ubnd|hoc|khoa|co|ban|van|vian|vin|phong|cong|thanh|cap)\s*$|[,&\-;]\s*$`)

// incomplete reports whether an agency text stops mid-name (on folded
// text, so that repaired, unrepaired and misrepaired forms agree).
func incomplete(s string) bool { return incompleteRe.MatchString(normalize.Fold(s)) }

// andEndRe matches a name cut after "và" or "&".
var andEndRe = regexp.MustCompile(`(?i)(?:\s|^)(?:va|và|&)\s*$`)

// cells maps a task row's gathered text to its columns.
func (r *reader) cells(rw *row) map[string]string {
	if rw.cells != nil {
		return rw.cells
	}
	out := map[string]string{}
	defer func() { rw.cells = out }()
	if !rw.tidied {
		r.tidyContent(rw)
		rw.tidied = true
	}
	out[fContent] = normalize.JoinLines(strings.Join(rw.content, "\n"))
	var acells []*agencyCell
	var deadlines, notes, others []string
	// the cell the last piece went on as a continuation of a name cut at a
	// line end, when it ends a list item ("tỉnh;")
	var listCont *agencyCell
	listLine, listSeg := -1, 0
	slotCells := map[int]*agencyCell{}
	pieces := r.slotPieces(splitForeignTails(rw.pieces))
	for _, p := range pieces {
		if listCont != nil && p.line == listLine && p.seg == listSeg && p.kind == pAgency && startsAgency(p.text) {
			// "Văn phòng UBND" / "tỉnh; Sở Khoa học và": the list goes on
			// in the same cell
			listCont.parts = append(listCont.parts, p.text)
			listCont.lines[p.line]++
			listCont = nil
			continue
		}
		listCont = nil
		if p.slot > 0 && (p.kind == pAgency || p.kind == pOther) {
			// a column told by the line's order (see rightLine)
			if c := slotCells[p.slot]; c != nil {
				c.parts = append(c.parts, p.text)
				c.lines[p.line]++
			} else {
				slotCells[p.slot] = &agencyCell{parts: []string{p.text}, first: p.line, lines: map[int]int{p.line: 1}}
				acells = append(acells, slotCells[p.slot])
			}
			continue
		}
		if (p.kind == pAgency || p.kind == pOther) && lowerStart(p.text) && strings.HasSuffix(strings.TrimSpace(p.text), ";") {
			if c := joinCell(cellsAbove(acells, p.line), strings.TrimSuffix(strings.TrimSpace(p.text), ";")); c != nil {
				listCont, listLine, listSeg = c, p.line, p.seg
			}
		}
		switch p.kind {
		case pDeadline:
			deadlines = append(deadlines, p.text)
		case pNote:
			notes = append(notes, p.text)
		case pOther, pAgency:
			// "các tháng cuối năm" under "Thường xuyên": the deadline's.
			if len(deadlines) > 0 && lowerStart(p.text) && deadlineTailRe.MatchString(normalize.Fold(p.text)) {
				deadlines[len(deadlines)-1] += " " + p.text
				continue
			}
			if p.kind == pAgency {
				r.placeAgency(&acells, p)
				continue
			}
			if len(deadlines) > 0 && lowerStart(p.text) && isOpenPhrase(deadlines[len(deadlines)-1]) {
				deadlines[len(deadlines)-1] += " " + p.text
				continue
			}
			// A lower-case fragment continues an open agency name; with two
			// names open, "Công nghệ địa phương" completes both.
			above := cellsAbove(acells, p.line)
			if c := groupJoinCell(above, p.text); c != nil {
				c.parts = append(c.parts, p.text)
				c.lines[p.line]++
				continue
			}
			if c := joinCell(above, p.text); c != nil && len(openCells(above)) < 2 {
				c.parts = append(c.parts, p.text)
				c.lines[p.line]++
				continue
			}
			if len(above) > 0 && (lowerStart(p.text) || continuation(p.text)) && openCell(above) != nil &&
				(!r.has(fResult) || completesName(openCell(above), p.text)) {
				open := openCells(above)
				parts := []string{p.text}
				if len(open) >= 2 {
					parts = splitCompletion(p.text)
				}
				for i, part := range parts {
					c := open[len(open)-1]
					if len(parts) > 1 && i < len(open) {
						c = open[i]
					} else if len(parts) == 1 && upperRe.MatchString(part) {
						// A capitalised word goes on a name cut after "và".
						for _, o := range open {
							if andEndRe.MatchString(strings.Join(o.parts, " ")) {
								c = o
								break
							}
						}
					}
					c.parts = append(c.parts, part)
					c.lines[p.line]++
				}
				continue
			}
			if !r.has(fResult) && !r.has(fNote) && !debris(p.text) && !lowerStart(p.text) && len(strings.Fields(p.text)) >= 2 && mostlySyllables(p.text) {
				// Only agencies stand right of the content: a fragment that
				// continues none is a name of its own, read badly.
				acells = append(acells, &agencyCell{parts: []string{p.text}, first: p.line, lines: map[int]int{p.line: 1}})
				continue
			}
			others = append(others, p.text)
		}
	}
	// Column order: on a line two cells share, the one met first is left.
	ordered := orderCells(acells, r.markGuesses(pieces), r.leadPos, r.supportPos, r.width)
	ordered = r.byRules(ordered, pieces)
	if traceCells != nil {
		traceCells(rw.first, rw.content, pieces, ordered)
	}
	var texts, droppedText []string
	for _, c := range ordered {
		if t := completeCell(trimAfterOpen(trimJunk(fixNames(strings.Join(c.parts, "\n"), r.names)))); t != "" {
			// keep the cell's line wraps where the grammar changes nothing
			if tidy, dropped := tidyAgenciesDropped(normalize.JoinLines(t)); tidy != normalize.JoinLines(t) {
				t = tidy
				droppedText = append(droppedText, dropped...)
			}
			texts = append(texts, respellKnown(t))
		}
	}
	switch {
	case len(texts) == 1:
		out[fLead] = texts[0]
	case len(texts) >= 2:
		out[fLead] = texts[0]
		out[fSupport] = strings.Join(texts[1:], "\n")
	}
	if len(droppedText) > 0 {
		out[fDropped] = strings.Join(droppedText, " | ")
	}
	deadlines = mergeDeadlines(uniq(deadlines))
	// "Sau khi Trung" whose end ("ương ban hành") OCR put after a name.
	if n := len(deadlines); n > 0 && isOpenPhrase(deadlines[0]) {
		for _, c := range acells {
			last := c.parts[len(c.parts)-1]
			if tail := eventTail(last); tail != "" {
				c.parts[len(c.parts)-1] = strings.TrimSpace(strings.TrimSuffix(last, tail))
				deadlines[0] += " " + tail
				break
			}
		}
		for i, o := range others {
			if tail := eventTail(o); tail != "" {
				others[i] = strings.TrimSpace(strings.TrimSuffix(o, tail))
				deadlines[0] += " " + tail
				break
			}
		}
	}
	for i := range deadlines {
		deadlines[i] = strings.TrimLeft(deadlines[i], ".,;:'‘’\"“” ")
	}
	if len(deadlines) > 0 {
		out[fDeadline] = deadlines[0]
		if len(deadlines) > 1 && !r.has(fNote) {
			out[fDeadline] = strings.Join(deadlines, "; ")
		}
		if r.has(fNote) && len(deadlines) > 1 {
			notes = append(notes, deadlines[1:]...)
		}
	}
	switch {
	case r.has(fResult) && len(others) > 0:
		out[fResult] = normalize.JoinLines(strings.Join(others, "\n"))
	case r.has(fNote) && len(others) > 0:
		notes = append(notes, others...)
	}
	if len(notes) > 0 && r.has(fNote) {
		out[fNote] = normalize.JoinLines(strings.Join(notes, "\n"))
	}
	return out
}

// traceCells, when set (by a test), is shown each task row's pieces and
// the agency cells made of them, in column order.
var traceCells func(first int, content []string, pieces []piece, cells []*agencyCell)

// splitForeignTails cuts a piece that opens with a name and ends with the
// end of another name, left open on a line above ("Các Doanh" … "Sở Khoa
// học và nghiệp viễn"): the tail is the other cell's, met on the same line
// right of the first (OCR joined two columns with a space). A tail that
// goes on with the piece's own name ("Sở Khoa học và công nghệ") stays.
func splitForeignTails(ps []piece) []piece {
	var out []piece
	for _, p := range ps {
		if p.kind == pAgency {
			if h, t, ok := foreignTail(p, out); ok {
				out = append(out, h, t)
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// foreignTail splits p where a tail in lower case continues an open name
// of a piece above and does not go on with the head.
func foreignTail(p piece, above []piece) (piece, piece, bool) {
	words := strings.Fields(p.text)
	for i := 1; i < len(words); i++ {
		head, tail := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if !lowerStart(tail) || agency.Joins(head, tail) || !startsAgency(head) || !incomplete(head) {
			continue
		}
		for j := len(above) - 1; j >= 0; j-- {
			q := above[j]
			if q.line >= p.line || p.line-q.line > 4 || q.kind != pAgency && q.kind != pOther {
				continue
			}
			qt := strings.TrimSpace(q.text)
			if (incomplete(qt) || agency.Complete(qt) != qt) && agency.Joins(qt, tail) || joinsCut(qt, tail) {
				h, t := p, p
				h.text, t.text = head, tail
				t.pos = p.pos + utf8.RuneCountInString(head) + 1
				t.kind = pOther
				return h, t, true
			}
		}
	}
	return p, p, false
}

// mostlySyllables reports whether most words of s have the shape of
// Vietnamese syllables (see validSyllable): words, not a stamp or a
// smudge read as letters ("ETaCE ble; t.lxu’u").
func mostlySyllables(s string) bool {
	w := strings.Fields(s)
	good := 0
	for _, x := range w {
		if validSyllable(x) && !garbled(x) {
			good++
		}
	}
	return good*2 > len(w)
}

// completesName reports whether text can go on with the open cell c by
// the lexicon or the grammar of groups, or is made only of words that end
// agency names: in a table with a product column, a lower-case fragment
// that does not ("nền tảng số được") is the product's.
func completesName(c *agencyCell, text string) bool {
	t := strings.Join(c.parts, " ")
	if e := strings.TrimSpace(t); strings.HasSuffix(e, ",") || strings.HasSuffix(e, ";") {
		// after a list's separator, a group's nouns or a name of its own
		n, _ := groupPrefix(strings.Fields(text), true)
		return n > 0 && isGroupText(t) || agency.IsAgency(text)
	}
	if agency.Joins(t, text) || agency.IsAgency(text) {
		return true
	}
	words := strings.Fields(text)
	if n, _ := groupPrefix(words, true); n > 0 {
		return true
	}
	for _, w := range words {
		if !completionWords[strings.Trim(normalize.Fold(w), ".,;:")] {
			return false
		}
	}
	return true
}

// listCell returns the most recent agency cell whose text ends with a
// comma or semicolon on the line above line (a list that goes on).
func listCell(cells []*agencyCell, line int) *agencyCell {
	for i := len(cells) - 1; i >= 0; i-- {
		c := cells[i]
		last := strings.TrimSpace(c.parts[len(c.parts)-1])
		if !strings.HasSuffix(last, ",") && !strings.HasSuffix(last, ";") {
			continue
		}
		if strings.HasSuffix(last, ",") && isGroupText(strings.Join(c.parts, " ")) {
			continue // "Các sở," goes on with its nouns, not with a body
		}
		maxLine := 0
		for l := range c.lines {
			maxLine = max(maxLine, l)
		}
		if line-maxLine >= 1 && line-maxLine <= 1 {
			return c
		}
	}
	return nil
}

// isGroupText reports whether an agency text opens with a plural group
// ("Các sở, …").
func isGroupText(t string) bool {
	n, _ := groupPrefix(strings.Fields(t), false)
	return n > 0
}

// mergeDeadlines joins deadline fragments cut at a line end: "Tháng" and
// "12/2025", "Trước ngày" and "20/12/2025", "Sau khi Trung" and "ương ban
// hành".
func mergeDeadlines(ds []string) []string {
	var out []string
	for _, d := range ds {
		if n := len(out); n > 0 {
			prev := normalize.Fold(out[n-1])
			if partialRe.MatchString(prev) || isOpenPhrase(out[n-1]) && lowerStart(d) {
				out[n-1] += " " + d
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// eventTailRe matches the end of an event deadline cut from its start.
var eventTailRe = regexp.MustCompile(`(?:^|\s)((?:\p{Ll}\S*\s+)?ban hành|(?:\p{Ll}\S*\s+)?ban hanh)\s*$`)

// eventTail returns the lower-case end of a fragment that completes an
// event deadline ("ương ban hành"), "" if none.
func eventTail(s string) string {
	if m := eventTailRe.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// isOpenPhrase reports whether a deadline text is a phrase cut short.
func isOpenPhrase(t string) bool {
	f := normalize.Fold(t)
	return !fullStop.MatchString(t) && (strings.HasPrefix(f, "sau khi") || strings.HasPrefix(f, "theo")) && len(strings.Fields(f)) < 6
}

// completeCell completes the last agency of a cell when OCR lost the end
// of its name (see agency.Complete).
func completeCell(t string) string {
	if t == "" {
		return t
	}
	if parts := agency.Split([]string{t}); !incomplete(t) && len(parts) > 0 && !agency.Default().Known(parts[len(parts)-1]) {
		// "Sở Giáo dục": the start of one known name only.
		last := parts[len(parts)-1]
		if c := agency.Complete(last); c != last {
			return completeTail(t, last, c)
		}
	}
	if !incomplete(t) {
		// "… địa Do": a scrap after the cut.
		w := strings.Fields(t)
		if len(w) < 3 || utf8.RuneCountInString(w[len(w)-1]) > 2 || !incomplete(strings.Join(w[:len(w)-1], " ")) {
			return t
		}
	}
	parts := agency.Split([]string{t})
	if len(parts) == 0 {
		return t
	}
	last := parts[len(parts)-1]
	if c := agency.Complete(last); c != last && (incomplete(last) || !agency.Default().Known(last)) {
		return completeTail(t, last, c)
	}
	// A short noise word after the cut ("địa Do"): try without it.
	if w := strings.Fields(last); len(w) > 2 && utf8.RuneCountInString(w[len(w)-1]) <= 2 {
		shorter := strings.Join(w[:len(w)-1], " ")
		if c := agency.Complete(shorter); c != shorter {
			i := strings.LastIndex(t, w[len(w)-1])
			return completeTail(t[:i], shorter, c)
		}
	}
	return t
}

// completeTail puts the completed name c of the cell's last agency, last,
// in place: what c adds after last is appended to t; when c does not start
// with last as written (completion changed its spelling), the last
// occurrence of last in t is replaced; t is kept when last is not in it.
func completeTail(t, last, c string) string {
	t = strings.TrimRight(t, " ,;")
	if strings.HasPrefix(c, last) {
		return t + c[len(last):]
	}
	if i := strings.LastIndex(t, last); i >= 0 {
		return t[:i] + c + t[i+len(last):]
	}
	return t
}

// trimJunk drops noise tokens (single letters, punctuation) at the end of
// an agency text.
func trimJunk(s string) string {
	lines := strings.Split(s, "\n")
	for len(lines) > 0 {
		w := strings.Fields(lines[len(lines)-1])
		for len(w) > 0 {
			letters := 0
			for _, r := range w[len(w)-1] {
				if unicode.IsLetter(r) {
					letters++
				}
			}
			if letters >= 2 || len(w) == 1 && letters >= 1 {
				break
			}
			w = w[:len(w)-1]
		}
		if len(w) == 0 {
			lines = lines[:len(lines)-1]
			continue
		}
		lines[len(lines)-1] = strings.Join(w, " ")
		break
	}
	return strings.Join(lines, "\n")
}

// openCells lists the agency cells that stop mid-name, in order.
func openCells(cells []*agencyCell) []*agencyCell {
	var out []*agencyCell
	for _, c := range cells {
		if incomplete(strings.Join(c.parts, " ")) {
			out = append(out, c)
		}
	}
	return out
}

// splitCompletion cuts "Công nghệ địa phương" after "Công nghệ", the end
// of the one name that ends with it.
func splitCompletion(s string) []string {
	f := normalize.Fold(s)
	if strings.HasPrefix(f, "cong nghe ") && len(f) == len(s) || strings.HasPrefix(f, "cong nghe ") {
		rs := []rune(s)
		if len(rs) > 10 {
			return []string{strings.TrimSpace(string(rs[:9])), strings.TrimSpace(string(rs[9:]))}
		}
	}
	return []string{s}
}

// placeAgency puts an agency piece into the cell it continues, or a new
// cell.
func (r *reader) placeAgency(acells *[]*agencyCell, p piece) {
	above := cellsAbove(*acells, p.line)
	if c := joinCell(above, p.text); c != nil {
		c.parts = append(c.parts, p.text)
		c.lines[p.line]++
		return
	}
	if c := openCell(above); c != nil && !startsAgency(p.text) {
		c.parts = append(c.parts, p.text)
		c.lines[p.line]++
		return
	}
	if len(above) > 0 && !startsAgency(p.text) && !incomplete(strings.Join(above[len(above)-1].parts, " ")) {
		// no open cell: it still continues the last
		c := above[len(above)-1]
		c.parts = append(c.parts, p.text)
		c.lines[p.line]++
		return
	}
	// A name after a cell ending in a comma or semicolon on the line
	// just above continues that cell's list.
	if c := listCell(*acells, p.line); c != nil {
		c.parts = append(c.parts, p.text)
		c.lines[p.line]++
		return
	}
	*acells = append(*acells, &agencyCell{parts: []string{p.text}, first: p.line, lines: map[int]int{p.line: 1}})
}

// deadlineTailRe matches the end of a deadline phrase wrapped onto the
// next line ("các tháng cuối năm", "tháng cuối").
var deadlineTailRe = regexp.MustCompile(`^(?:cac |nhung )?(?:thang|quy|nam) (?:cuoi|dau)\b|^(?:cuoi|dau) nam\b`)

// cellsAbove lists the cells whose pieces all stand on lines above line:
// only those can be continued by a piece on it (a piece right of another
// on the same line is another column).
func cellsAbove(cells []*agencyCell, line int) []*agencyCell {
	var out []*agencyCell
	for _, c := range cells {
		maxLine := -1
		for l := range c.lines {
			maxLine = max(maxLine, l)
		}
		if maxLine < line {
			out = append(out, c)
		}
	}
	return out
}

// joinCell returns the open agency cell that text continues by the
// lexicon (agency.Joins), nil if none.
func joinCell(cells []*agencyCell, text string) *agencyCell {
	if c := groupJoinCell(cells, text); c != nil {
		return c
	}
	for i := len(cells) - 1; i >= 0; i-- {
		t := strings.Join(cells[i].parts, " ")
		if afterCac(t) && upperRe.MatchString(text) {
			continue // "các" goes on in lower case: "các sở", not "Sở Nội vụ"
		}
		if e := strings.TrimSpace(t); strings.HasSuffix(e, ",") || strings.HasSuffix(e, ";") {
			// after a list's comma comes the next item, not the rest of a
			// name ("Các sở," then "ngành", not "Công an" as in "Sở Công
			// Thương"): a group goes on with its nouns
			if n, _ := groupPrefix(strings.Fields(text), true); n > 0 && isGroupText(t) {
				return cells[i]
			}
			continue
		}
		if incomplete(t) && agency.Joins(t, text) || joinsCut(t, text) {
			return cells[i]
		}
	}
	// a name the lexicon does not know whole, that the lexicon's word
	// pairs go on with in lower case ("Sở Văn hóa, Thẻ" + "thao và Du
	// lịch")
	if lowerStart(text) {
		for i := len(cells) - 1; i >= 0; i-- {
			t := strings.TrimSpace(strings.Join(cells[i].parts, " "))
			items := agency.Split([]string{t})
			if len(items) == 0 || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") || agency.Default().Known(items[len(items)-1]) || isGroupText(t) {
				continue
			}
			if agency.Joins(t, text) && agency.Default().Known(agency.Complete(strings.TrimSpace(t+" "+firstWords(text, 3)))) {
				return cells[i]
			}
		}
	}
	return nil
}

// groupJoinCell returns the open cell whose last agency text makes, with
// text in lower case, a whole group ("UBND các" + "địa phương") or a name
// the lexicon knows ("Cộng" + "ăn tinh"), nil if none.
func groupJoinCell(cells []*agencyCell, text string) *agencyCell {
	if !lowerStart(text) {
		return nil
	}
	w := strings.Fields(text)
	if len(w) == 0 {
		return nil
	}
	w = w[:min(len(w), 5)]
	groupStart := groupKeys[groupKey(wordKeys(w), 0)]
	if !groupStart && len(w) < 2 {
		return nil
	}
	for i := len(cells) - 1; i >= 0; i-- {
		t := strings.Join(cells[i].parts, " ")
		if !incomplete(t) {
			continue
		}
		items := agency.Split([]string{t})
		if len(items) == 0 {
			continue
		}
		last := items[len(items)-1]
		for n := len(w); n >= 1; n-- {
			joined := last + " " + strings.TrimRight(strings.Join(w[:n], " "), ",;.:")
			if groupStart && knownGroup(joined) || n >= 2 && agency.Default().Known(joined) {
				return cells[i]
			}
		}
	}
	return nil
}

// afterCac reports whether t ends with "các" (or an OCR form of it).
func afterCac(t string) bool {
	w := strings.Fields(t)
	return len(w) > 0 && cacForms[wordKey(w[len(w)-1])]
}

// joinsCut reports whether text goes on with left, the start of one name
// of the lexicon or group of the genre cut short ("Các Doanh" +
// "nghiệp viễn"): text's first word is the word the name goes on with,
// or, of four letters or more, that word with one letter misread
// ("tháng" for "thông").
func joinsCut(left, text string) bool {
	l := strings.TrimRight(strings.TrimSpace(left), " ,;.")
	rw := strings.Fields(text)
	if l == "" || len(rw) == 0 || !lowerStart(text) {
		return false
	}
	c := agency.Complete(l)
	if c == l || !strings.HasPrefix(c, l) {
		return false
	}
	next := strings.Fields(c[len(l):])
	if len(next) == 0 {
		return false
	}
	a, b := wordKey(next[0]), wordKey(rw[0])
	return a == b || len(a) >= 4 && len(b) == len(a) && normalize.EditDistance(a, b) <= 1
}

// openCell returns the most recent agency cell whose text stops mid-name.
func openCell(cells []*agencyCell) *agencyCell {
	for i := len(cells) - 1; i >= 0; i-- {
		if incomplete(strings.Join(cells[i].parts, " ")) {
			return cells[i]
		}
	}
	return nil
}

// markGuesses marks the pieces whose offset tells no column: those that
// follow a content fragment cut well short of the content column's width
// (the last line of a paragraph), the first piece after it standing
// wherever that line ended. Pieces at a line's start keep offset 0.
func (r *reader) markGuesses(ps []piece) []piece {
	out := append([]piece(nil), ps...)
	for i := range out {
		if out[i].pos > 0 && out[i].pos < r.width*85/100 {
			out[i].guess = true
		}
	}
	return out
}

// orderCells orders agency cells left to right: by the order of their
// pieces on a line they share, else by where they start.
func orderCells(cells []*agencyCell, pieces []piece, leadPos, supportPos float64, width int) []*agencyCell {
	out := append([]*agencyCell{}, cells...)
	// position of each cell's piece on each line
	pos := map[*agencyCell]map[int]int{}
	for _, c := range out {
		pos[c] = map[int]int{}
	}
	for i, p := range pieces {
		if p.kind != pAgency && p.kind != pOther {
			continue
		}
		for _, c := range out {
			for _, part := range c.parts {
				if part == p.text {
					if _, ok := pos[c][p.line]; !ok {
						pos[c][p.line] = i
					}
				}
			}
		}
	}
	// mean rune offset of each cell's pieces
	mean := map[*agencyCell]float64{}
	for _, c := range out {
		n, sum := 0, 0
		for _, p := range pieces {
			for _, part := range c.parts {
				// a piece that stands at a line's start (a cell the scan
				// held apart from the content) tells no column
				if part == p.text && (p.kind == pAgency || p.kind == pOther) && p.pos > 0 && !p.guess {
					n++
					sum += p.pos
				}
			}
		}
		if n > 0 {
			mean[c] = float64(sum) / float64(n)
		}
	}
	// cells with a piece that comes first of two or more right-hand pieces
	// on a line: they stand next to the content, in the lead column
	leftmost := map[*agencyCell]bool{}
	byLine := map[int][]piece{}
	for _, p := range pieces {
		if p.kind != pNote {
			byLine[p.line] = append(byLine[p.line], p)
		}
	}
	for _, ps := range byLine {
		if len(ps) < 2 || ps[0].pos == 0 {
			continue
		}
		first := ps[0]
		for _, q := range ps[1:] {
			if q.pos < first.pos {
				first = q
			}
		}
		if first.kind != pAgency {
			continue
		}
		for _, c := range out {
			for _, part := range c.parts {
				if part == first.text {
					leftmost[c] = true
				}
			}
		}
	}
	shared := func(a, b *agencyCell) (bool, bool) {
		lines := make([]int, 0, len(pos[a]))
		for line := range pos[a] {
			lines = append(lines, line)
		}
		sort.Ints(lines)
		for _, line := range lines {
			if pb, ok := pos[b][line]; ok {
				return true, pb < pos[a][line]
			}
		}
		return false, false
	}
	for pass := 0; pass < len(out); pass++ {
		for a := 0; a+1 < len(out); a++ {
			x, y := out[a], out[a+1]
			if ok, swap := shared(x, y); ok {
				if swap {
					out[a], out[a+1] = y, x
				}
				continue
			}
			if mean[x] > 0 && mean[y] > 0 && mean[y]+6 < mean[x] {
				out[a], out[a+1] = y, x
				continue
			}
			// a name on lines of its own before one that stands next to
			// the content on a line it shares with another column
			if mean[x] == 0 && leftmost[y] && !leftmost[x] {
				out[a], out[a+1] = y, x
				continue
			}
			// a name on lines of its own before one read right after the
			// content's full lines: the lead column is the content's
			// neighbour (and a taller cell, which starts higher, is more
			// often the support's list)
			if mean[x] == 0 && mean[y] > 0 && width > 0 && mean[y] <= float64(width)*1.15 && !leftmost[x] {
				out[a], out[a+1] = y, x
				continue
			}
			// Where the table's lines show where each column starts, a
			// name nearer the support column's start than the lead's, before
			// one nearer the lead's, is the support.
			if supportPos > leadPos+6 && mean[x] > 0 && mean[y] > 0 {
				mid := (leadPos + supportPos) / 2
				if mean[x] > mid && mean[y] < mid {
					out[a], out[a+1] = y, x
				}
			}
		}
	}
	return out
}

// byRules moves first a cell that the column rules read on a line ("|")
// show to be the lead: between one of its pieces and a piece of a later
// column (the deadline, or the product in a table with one) stand more
// stretches than the columns between the support and that column ("Sở
// Khoahoc | ~2¢>% | Kế hoạch": one stretch, the support's, between the
// name and the product). Other cells keep their order.
func (r *reader) byRules(cells []*agencyCell, pieces []piece) []*agencyCell {
	if len(cells) < 2 || !r.has(fSupport) {
		return cells
	}
	sup := slices.Index(r.cols, fSupport)
	lead := -1
	for i, c := range cells {
		if i == 0 {
			continue // already first
		}
		if r.ruledLead(c, pieces, sup) {
			lead = i
			break
		}
	}
	if lead < 0 || r.ruledLead(cells[0], pieces, sup) {
		return cells
	}
	out := []*agencyCell{cells[lead]}
	for i, c := range cells {
		if i != lead {
			out = append(out, c)
		}
	}
	return out
}

// ruledLead reports whether rules on a line of c's pieces put it left of
// the support column (see byRules).
func (r *reader) ruledLead(c *agencyCell, pieces []piece, sup int) bool {
	for _, p := range pieces {
		if p.seg == 0 || p.kind != pAgency && p.kind != pOther || !c.holds(p) {
			continue
		}
		for _, q := range pieces {
			if q.line != p.line || q.seg <= p.seg || q.pos <= p.pos {
				continue
			}
			col := -1
			switch {
			case q.kind == pDeadline:
				col = slices.Index(r.cols, fDeadline)
			case q.kind == pOther && r.has(fResult) && !c.holds(q):
				col = slices.Index(r.cols, fResult)
			}
			if col <= sup {
				continue
			}
			// stretches strictly between the two pieces, against the
			// columns between the support and q's column
			if q.seg-p.seg-1 > col-sup-1 {
				return true
			}
		}
	}
	return false
}

// holds reports whether a piece's text went into the cell on its line.
func (c *agencyCell) holds(p piece) bool {
	if c.lines[p.line] == 0 {
		return false
	}
	for _, part := range c.parts {
		if part == p.text {
			return true
		}
	}
	return false
}

// columnPositions learns where the lead and support columns' names start
// on the table's lines that hold two names: the median offsets of the
// first and the second.
func (r *reader) columnPositions(rows []*row) {
	var firsts, seconds []int
	for _, rw := range rows {
		byLine := map[int][]piece{}
		var lines []int
		for _, p := range rw.pieces {
			if p.kind != pAgency {
				continue
			}
			if _, ok := byLine[p.line]; !ok {
				lines = append(lines, p.line)
			}
			byLine[p.line] = append(byLine[p.line], p)
		}
		for _, l := range lines {
			ps := byLine[l]
			if len(ps) >= 2 && startsAgency(ps[0].text) && startsAgency(ps[1].text) {
				firsts = append(firsts, ps[0].pos)
				seconds = append(seconds, ps[1].pos)
			}
		}
	}
	if len(firsts) < 2 {
		return
	}
	sort.Ints(firsts)
	sort.Ints(seconds)
	r.leadPos, r.supportPos = float64(firsts[len(firsts)/2]), float64(seconds[len(seconds)/2])
}

// warnings lists rows with a cell missing.
func (r *reader) warnings(rows []*row) []string {
	var out []string
	for _, rw := range rows {
		if rw.section {
			continue
		}
		c := r.cells(rw)
		num, _ := r.num(rw.first)
		var missing []string
		if c[fLead] == "" {
			missing = append(missing, "cơ quan chủ trì")
		}
		if c[fDeadline] == "" {
			missing = append(missing, "thời hạn")
		}
		if len(missing) > 0 {
			out = append(out, fmt.Sprintf("dòng %d: bảng OCR, không đặt được %s", num, strings.Join(missing, ", ")))
		}
		if d := c[fDropped]; d != "" {
			out = append(out, fmt.Sprintf("dòng %d: bảng OCR, bỏ khỏi cột cơ quan mảnh chữ không phải tên cơ quan: %q", num, d))
		}
	}
	return out
}

var (
	brokenYearRe = regexp.MustCompile(`\b\d{1,2}/\d{1,2}/(?:20\d|2)\s*$`)
	lastDigitRe  = regexp.MustCompile(`\s(\d{1,2})\s*$`)
)

// joinBrokenYears puts back together a date that a narrow deadline column
// broke inside its year ("31/12/202" at the end of a line, its last digit
// "5" at the end of the next line, where the column goes on): no year of
// the genre has three digits.
func (r *reader) joinBrokenYears() {
	for k := r.from; k+1 < r.to; k++ {
		m := brokenYearRe.FindStringIndex(r.lines[k])
		if m == nil {
			continue
		}
		head := strings.TrimRight(r.lines[k], " ")
		year := head[strings.LastIndex(head, "/")+1:]
		for j := k + 1; j < r.to && j <= k+2; j++ {
			next := r.lines[j]
			if strings.TrimSpace(next) == "" {
				continue
			}
			d := lastDigitRe.FindStringSubmatchIndex(next)
			if d == nil && sttOnlyRe.MatchString(next) {
				d = []int{0, len(next), strings.Index(next, strings.TrimSpace(next)), strings.Index(next, strings.TrimSpace(next)) + len(strings.TrimSpace(next))}
			}
			if d != nil && len(year)+d[3]-d[2] == 4 {
				r.lines[k] = head + next[d[2]:d[3]]
				r.lines[j] = strings.TrimRight(next[:d[0]], " ")
			}
			break
		}
	}
}

// repeatedHeaders: see read.
var repeatedHeaders = true

// deadlineHeads are the first words of deadline forms a narrow column
// breaks after ("Tháng" / "11/2025", "Hằng" / "tháng", "Thường" / "xuyên",
// "Quý" / "IV/2025"), folded, with the words that may end them.
var deadlineHeads = map[string]func(string) bool{
	"thang":  periodTail,
	"quy":    periodTail,
	"nam":    periodTail,
	"hang":   func(w string) bool { return fuzzyIn(w, "thang", "nam", "quy", "tuan") },
	"thuong": func(w string) bool { return fuzzyIn(w, "xuyen") },
}

var periodTailRe = regexp.MustCompile(`^[0-9IVXl1|]{1,4}/(?:19|20)\d\d$`)

func periodTail(w string) bool { return periodTailRe.MatchString(w) }

// fuzzyIn reports whether a folded word is one of ws, one wrong or extra
// letter allowed in words of four letters or more ("theang", "xuyén").
func fuzzyIn(w string, ws ...string) bool {
	w = normalize.Fold(strings.Trim(w, ".,;:|"))
	for _, x := range ws {
		if w == x || len(x) >= 4 && normalize.EditDistance(w, x) <= 1 {
			return true
		}
	}
	return false
}

// joinBrokenDeadlines puts back together a deadline that a narrow column
// broke after its first word: the line ends with the head ("Tháng"), the
// next line holding text ends with what completes it ("11/2025"), which
// moves up to the head.
func (r *reader) joinBrokenDeadlines() {
	for k := r.from; k+1 < r.to; k++ {
		w := strings.Fields(r.lines[k])
		if len(w) < 2 {
			continue
		}
		var tail func(string) bool
		// the head opens the cell: a capital, nothing after it, and not
		// the next word of a name ("Sở Công Thương")
		// (a column rule read glued to the cell: "|Thuong")
		hw, pw := strings.TrimLeft(w[len(w)-1], "|[{"), w[len(w)-2]
		if !upperRe.MatchString(hw) || strings.ContainsAny(hw, ".,;:|") || capitalized(pw) {
			continue
		}
		heads := []string{"thang", "quy", "nam", "hang", "thuong"}
		lw := normalize.Fold(hw)
		for _, h := range heads {
			if lw == h {
				tail = deadlineHeads[h]
			}
		}
		for _, h := range heads {
			if tail == nil && fuzzyIn(lw, h) {
				tail = deadlineHeads[h]
			}
		}
		// (a head after another is the end of a whole form: "Hằng năm")
		if tail == nil || fuzzyIn(w[len(w)-2], "hang", "thuong", "moi", "cuoi", "dau", "giua", "trong") {
			continue
		}
		for j := k + 1; j < r.to && j <= k+2; j++ {
			nw := strings.Fields(r.lines[j])
			if len(nw) == 0 {
				continue
			}
			last := nw[len(nw)-1]
			if tail(strings.TrimLeft(last, "|[{")) {
				r.lines[k] = strings.TrimRight(r.lines[k], " ") + " " + strings.TrimLeft(last, "|[{")
				i := strings.LastIndex(r.lines[j], last)
				r.lines[j] = strings.TrimRight(r.lines[j][:i], " |[{")
			}
			break
		}
	}
}

// capitalized reports whether a word is a capital then lower-case letters,
// nothing after it (a word of a name that may go on).
func capitalized(w string) bool {
	if !upperRe.MatchString(w) {
		return false
	}
	for i, r := range w {
		if i > 0 && !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
