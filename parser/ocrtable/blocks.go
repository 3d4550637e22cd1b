package ocrtable

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/normalize/deadline"
)

// Column blocks. OCR of a table page without rules often reads it column
// by column instead of line by line: first the row numbers, one a line
// ("14", "15", …), then the content cells one after another, then (under
// their header word, "Đơn vị thực hiện") the agencies, then the deadlines.
// Such a block is read by counting: the numbers say how many rows there
// are, and each column's lines are cut into as many cells by what opens a
// cell of that column (a capital and a task verb; an agency's head; a
// deadline form).

// colBlock is a page of a table read column by column.
type colBlock struct {
	start, end int      // flat lines, end excluded
	numbers    []string // the row numbers, in order
	segs       []colSeg // the columns after the numbers
}

// colSeg is one column's lines in a block.
type colSeg struct {
	field string
	lines []int
}

// findColBlocks finds the table's pages read column by column, in order
// (see findColBlock).
func (r *reader) findColBlocks() map[int]colBlock {
	out := map[int]colBlock{}
	for from := r.from; from < r.to; {
		b, ok := r.findColBlock(from)
		if !ok {
			break
		}
		out[b.start] = b
		from = b.end
	}
	return out
}

// findColBlock finds, from line from on, a run of at least three row
// numbers alone on their lines, counting up by one (blank lines between
// allowed), and the column segments after it. ok is false when there is
// none, or when no column after the numbers is told by a header word.
func (r *reader) findColBlock(from int) (colBlock, bool) {
	for k := from; k < r.to; k++ {
		m := sttOnlyRe.FindStringSubmatch(r.lines[k])
		if m == nil {
			// no numbers (OCR lost the narrow number column): the content
			// column's own header word opens the block
			if labelField(strings.TrimSpace(r.lines[k])) == fContent {
				if b, ok := r.colSegments(colBlock{start: k}, k); ok {
					return b, true
				}
			}
			continue
		}
		first, _ := strconv.Atoi(m[1])
		nums := []string{m[1]}
		last := k
		for j := k + 1; j < r.to; j++ {
			t := strings.TrimSpace(r.lines[j])
			if t == "" {
				continue
			}
			mm := sttOnlyRe.FindStringSubmatch(t)
			if mm == nil {
				break
			}
			if n, _ := strconv.Atoi(mm[1]); n != first+len(nums) {
				break
			}
			nums = append(nums, mm[1])
			last = j
		}
		if len(nums) < 3 {
			continue
		}
		b := colBlock{start: k, numbers: nums}
		// a header word just above the numbers ("STT") is the block's
		if j := prevNonBlank(r.lines, k, from); j >= 0 && headerish(r.lines[j], 1, 70) && len(headerTokens(r.lines[j])) <= 2 {
			b.start = j
		}
		if b, ok := r.colSegments(b, last); ok {
			return b, true
		}
	}
	return colBlock{}, false
}

// colSegments reads a block's columns after line last: content first,
// then each under its header line; ok is false when no column but the
// content is told by a header word.
func (r *reader) colSegments(b colBlock, last int) (colBlock, bool) {
	{
		b.end = r.to
		seg := colSeg{field: fContent}
		labelled := 0
		for j := last + 1; j < r.to; j++ {
			t := strings.TrimSpace(r.lines[j])
			if t == "" {
				continue
			}
			// the next page's numbers (under their "STT"): the next block
			if h := headerHits(t); len(h) == 1 && h[0] == fSTT || sttOnlyRe.MatchString(t) && sttOnlyRe.MatchString(nextNonBlank(r.lines, j, r.to)) {
				b.end = j
				break
			}
			if f := labelField(t); f != "" {
				if len(seg.lines) > 0 {
					b.segs = append(b.segs, seg)
				}
				seg = colSeg{field: f}
				labelled++
				continue
			}
			if _, e, ok := findHeader(r.lines, j); ok && e > j {
				b.end = e // a full header: the next page, read by lines
				break
			}
			seg.lines = append(seg.lines, j)
		}
		if len(seg.lines) > 0 {
			b.segs = append(b.segs, seg)
		}
		if labelled == 0 {
			return b, false
		}
		return b, true
	}
}

func nextNonBlank(lines []string, k, to int) string {
	for j := k + 1; j < to; j++ {
		if strings.TrimSpace(lines[j]) != "" {
			return lines[j]
		}
	}
	return ""
}

func prevNonBlank(lines []string, k, from int) int {
	for j := k - 1; j >= from; j-- {
		if strings.TrimSpace(lines[j]) != "" {
			return j
		}
	}
	return -1
}

// labelField reads a column's header alone on its line ("Nhiệm vụ, giải
// pháp", "Đơn vị thực hiện", "Tiến độ"): the one column it names, "" if
// it is no such line.
func labelField(t string) string {
	if !headerish(t, 1, 70) || len(headerTokens(t)) > 5 {
		return ""
	}
	fs := headerHits(t)
	fs = append(fs, headerWordFields(t)...)
	for _, f := range fs {
		if f != "" && f != fSTT {
			return f
		}
	}
	return ""
}

// cut splits a column's lines into cells: a cell opens at a line that
// opens says opens one, given the line before and the cell so far (the
// first line always does).
func (r *reader) cut(lines []int, opens func(prev, cell, t string) bool) []string {
	var out []string
	prev := ""
	for _, k := range lines {
		t := strings.TrimSpace(r.lines[k])
		if len(out) == 0 || opens(prev, out[len(out)-1], t) {
			out = append(out, t)
		} else {
			out[len(out)-1] += "\n" + t
		}
		prev = t
	}
	return out
}

// blockRows reads a column block into rows, one for each number; a row
// whose cells the counts could not give whole gets a warning.
func (r *reader) blockRows(b colBlock) ([]*row, []int, []string) {
	n := len(b.numbers)
	cells := map[string][]string{}
	for _, s := range b.segs {
		var got []string
		switch s.field {
		case fContent:
			got = r.cut(s.lines, func(prev, _, t string) bool {
				return upperRe.MatchString(t) && (taskVerb(t) || fullStop.MatchString(prev))
			})
		case fLead, fSupport:
			got = r.cut(s.lines, func(prev, cell, t string) bool {
				if h, ok := restoreHead(t); ok {
					t = h
				}
				if strings.HasSuffix(strings.TrimSpace(prev), ",") || strings.HasSuffix(normalize.Fold(prev), " va") || !upperRe.MatchString(t) {
					return false
				}
				// a new name, or a capital after a name read whole
				return startsAgency(t) || agency.Looks(strings.TrimRight(t, ".;, ")) ||
					agency.Default().Known(normalize.JoinLines(strings.TrimRight(cell, ".;, ")))
			})
		case fDeadline:
			got = r.cut(s.lines, func(prev, _, t string) bool {
				p := normalize.Fold(strings.TrimSpace(prev))
				open := partialRe.MatchString(p) && !strings.HasPrefix(p, "hang ") && !strings.HasPrefix(p, "thuong ")
				// a head alone, however misread ("Thang", "Héng", "Trudc
				// ngay"): its cell goes on on the next line
				if w := strings.Fields(p); len(w) == 1 && fuzzyIn(w[0], "thang", "quy", "nam", "hang", "thuong") ||
					len(w) == 2 && fuzzyIn(w[0], "truoc") && fuzzyIn(w[1], "ngay") {
					open = true
				}
				// a deadline cell opens with a capital or a date
				r0, _ := utf8.DecodeRuneInString(t)
				return !open && (deadline.Looks(t) || dateRe.MatchString(t) || unicode.IsUpper(r0) || unicode.IsDigit(r0))
			})
		default:
			got = r.cut(s.lines, func(_, _, _ string) bool { return true })
		}
		cells[s.field] = append(cells[s.field], got...)
	}
	numbers := b.numbers
	if len(numbers) == 0 {
		// no numbers read: as many rows as the column whose cells are told
		// apart best has cells (deadlines, then agencies, then contents)
		for _, f := range []string{fDeadline, fLead, fContent} {
			if len(cells[f]) > 0 {
				n = len(cells[f])
				break
			}
		}
		numbers = make([]string, n)
	}
	var used []int
	for k := b.start; k < b.end; k++ {
		if strings.TrimSpace(r.lines[k]) != "" {
			used = append(used, k)
		}
	}
	var warns []string
	warned := map[string]bool{}
	for _, s := range b.segs {
		f, cs := s.field, cells[s.field]
		if len(cs) != n && !warned[f] {
			warned[f] = true
			num, _ := r.num(b.start)
			warns = append(warns, fmt.Sprintf("dòng %d: bảng OCR đọc theo cột, cột %s có %d ô cho %d dòng: các ô có thể lệch dòng",
				num, strings.ToLower(headerLabel[f]), len(cs), n))
		}
	}
	var rows []*row
	for i, stt := range numbers {
		rw := &row{first: b.start, cells: map[string]string{}}
		if stt != "" {
			rw.stts = []string{stt}
		}
		for f, cs := range cells {
			if i < len(cs) {
				v := cs[i]
				if f == fLead || f == fSupport {
					// a name's head OCR misread ("S@ Tài chính")
					ls := strings.Split(v, "\n")
					for j, l := range ls {
						if h, ok := restoreHead(l); ok {
							ls[j] = h
						}
					}
					// a head glued to a stray symbol ("Sở@ Văn hóa, Thể
					// thao và Du" / "lịch"): the name may wrap
					if w := strings.Fields(ls[0]); len(w) > 0 && soHead(strings.Fields(strings.Join(ls, " ")))[0] == "Sở" {
						w[0] = "Sở"
						ls[0] = strings.Join(w, " ")
					}
					v = strings.Join(ls, "\n")
				}
				rw.cells[f] = normalize.JoinLines(v)
			}
		}
		if c := rw.cells[fContent]; c != "" {
			rw.content = []string{c}
		}
		rows = append(rows, rw)
	}
	return rows, used, warns
}
