package parser

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/normalize/deadline"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/ocrtable"
)

// listFormTasks finds the tasks written as lists in the body ("a) Họp …;
// - Cơ quan chủ trì: …; - Thời gian: …") outside any table.
//
// A task is a run of labelled field lines ("- Cơ quan chủ trì:", "- Cơ
// quan phối hợp:", "- Thời gian:", "Cơ quan thực hiện: …; Thời gian thực
// hiện: …") holding at least a lead agency or a deadline, under a title
// paragraph that usually opens with a letter ("a)"). Labels are matched on
// the folded text with a small edit distance, so English-model OCR
// ("Coquan phdi hop") is read as well as clean text. The search stops at
// the first appendix caption: tasks there belong to tables.
func listFormTasks(doc *layout.Doc, year int) []Task {
	var lines []bodyLine
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			lines = append(lines, bodyLine{text: l.Text, page: p.Number, num: l.Num})
		}
	}
	for i, l := range lines {
		if isAppendixCaption(l.text) {
			lines = lines[:i]
			break
		}
	}
	var tasks []Task
	prevSTT := ""
	used := -1 // last line index consumed by a task
	for i := 0; i < len(lines); i++ {
		if _, _, ok := fieldLabel(lines[i].text); !ok {
			continue
		}
		// A block of fields: from i to the first line that is neither a
		// field nor the continuation of one.
		j, fields := readFields(lines, i)
		if fields.lead == "" && fields.deadline == "" {
			i = j - 1
			continue
		}
		ts, te := titleSpan(lines, i, used)
		title := joinLines(lines[ts:te])
		stt, title := splitMarker(title, prevSTT)
		if stt != "" {
			prevSTT = stt
		}
		t := Task{
			Section: nearestHeading(lines, ts),
			STT:     stt,
			Content: strings.TrimRight(title, " .;:"),
			Lead:    agency.Split([]string{tidy(fields.lead)}),
			Support: agency.Split([]string{tidy(fields.support)}),
			Result:  fields.result,
			Source:  Position{Page: lines[max(ts, 0)].page, Line: lines[max(ts, 0)].num},
		}
		if fields.content != "" {
			if t.Content == "" {
				t.Content = fields.content
			} else {
				t.Note = "Nội dung: " + fields.content
			}
		}
		if fields.deadline != "" {
			fields.deadline = fixQuarter(fields.deadline)
			d := deadline.Parse(fields.deadline, year)
			t.Deadline = Deadline{Text: fields.deadline, Kind: d.Kind, Due: d.Due, Every: d.Every}
		}
		tasks = append(tasks, t)
		used = j - 1
		i = j - 1
	}
	return tasks
}

// bodyLine is one line of the body with where it stands.
type bodyLine struct {
	text      string
	page, num int
}

// listFields are the values of one list-form task's labelled fields.
type listFields struct {
	content, lead, support, deadline, result string
}

// The field labels, folded and without spaces, by field.
var fieldLabels = []struct {
	key, field string
}{
	{"coquanchutri", "lead"}, {"donvichutri", "lead"}, {"coquanthuchien", "lead"},
	{"donvithuchien", "lead"}, {"chutri", "lead"}, {"coquanchutrithuchien", "lead"},
	{"coquanphoihop", "support"}, {"donviphoihop", "support"}, {"phoihop", "support"},
	{"coquanphoihopthuchien", "support"},
	{"thoigian", "deadline"}, {"thoigianhoanthanh", "deadline"}, {"thoigianthuchien", "deadline"},
	{"thoihan", "deadline"}, {"thoihanhoanthanh", "deadline"}, {"tiendo", "deadline"},
	{"tiendothuchien", "deadline"}, {"thoigiantochuc", "deadline"},
	{"noidung", "content"}, {"noidungthuchien", "content"},
	{"sanpham", "result"}, {"ketqua", "result"}, {"dukienketqua", "result"}, {"ketquadukien", "result"},
}

// fieldLabel reads "- Cơ quan chủ trì: …" into the field it names and the
// value after the colon.
func fieldLabel(s string) (field, value string, ok bool) {
	t := strings.TrimLeft(strings.TrimSpace(s), "-–~+•* ")
	c := strings.IndexAny(t, ":")
	if c <= 0 || c > 40 {
		return "", "", false
	}
	label := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, normalize.Fold(t[:c]))
	if len(label) < 5 {
		return "", "", false
	}
	best, bestD := "", 1<<30
	for _, l := range fieldLabels {
		d := normalize.EditDistance(label, l.key)
		if d < bestD {
			best, bestD = l.field, d
		}
	}
	if bestD > max(1, len(label)/5) {
		return "", "", false
	}
	return best, strings.TrimSpace(t[c+1:]), true
}

// readFields reads the field block starting at line i; it returns the
// index after the block and the fields.
func readFields(lines []bodyLine, i int) (int, listFields) {
	var f listFields
	var cur *string
	set := func(field, value string) {
		switch field {
		case "lead":
			cur = &f.lead
		case "support":
			cur = &f.support
		case "deadline":
			cur = &f.deadline
		case "content":
			cur = &f.content
		case "result":
			cur = &f.result
		}
		if *cur != "" {
			*cur += "; "
		}
		*cur += value
	}
	j := i
	for ; j < len(lines); j++ {
		text := strings.TrimSpace(lines[j].text)
		if text == "" {
			// A blank line ends a field; the block goes on if a field follows.
			k := j + 1
			for k < len(lines) && strings.TrimSpace(lines[k].text) == "" {
				k++
			}
			if k < len(lines) {
				if _, _, ok := fieldLabel(lines[k].text); ok {
					j = k - 1
					cur = nil
					continue
				}
			}
			break
		}
		if field, value, ok := fieldLabel(text); ok {
			for _, piece := range splitInlineFields(field, value) {
				set(piece[0], piece[1])
			}
			continue
		}
		if cur == nil || startsItem(text) {
			break
		}
		*cur += "\n" + text
	}
	clean := func(s string) string {
		s = normalize.JoinLines(s)
		return strings.TrimSpace(strings.TrimRight(s, " ;.,"))
	}
	f.lead, f.support, f.deadline, f.content, f.result = clean(f.lead), clean(f.support), clean(f.deadline), clean(f.content), clean(f.result)
	return j, f
}

// splitInlineFields splits "Sở Nội vụ; Thời gian thực hiện: Quý IV/2025"
// where a second labelled field follows on the same line.
func splitInlineFields(field, value string) [][2]string {
	out := [][2]string{}
	for {
		cut := -1
		for k := 0; k < len(value); k++ {
			if value[k] != ';' {
				continue
			}
			if f2, _, ok := fieldLabel(value[k+1:]); ok && f2 != "" {
				cut = k
				break
			}
		}
		if cut < 0 {
			return append(out, [2]string{field, value})
		}
		out = append(out, [2]string{field, strings.TrimSpace(value[:cut])})
		f2, v2, _ := fieldLabel(value[cut+1:])
		field, value = f2, v2
	}
}

var (
	itemRe    = regexp.MustCompile(`^[~\-–\s]*([a-zđ])\)\s*`)
	brokenRe  = regexp.MustCompile(`^[~\-–\s]*(?:\)|[0-9~*]\)?|[a-zđ]\s?[)}\]]?)\s+`)
	numHeadRe = regexp.MustCompile(`^\s*(?:\d{1,2}|[IVXivx1l|]{1,5})\.\s+\S`)
	appendRe  = regexp.MustCompile(`^phu luc(?:\s+[ivx1l|]+)?\s*[|.:]?$`)
)

// startsItem reports whether a line opens a list item or a numbered heading.
func startsItem(s string) bool {
	return itemRe.MatchString(s) || numHeadRe.MatchString(s)
}

// isAppendixCaption reports whether a line is an appendix caption ("PHỤ
// LỤC II", "Phụ lục").
func isAppendixCaption(s string) bool {
	return appendRe.MatchString(normalize.Fold(strings.Trim(s, " \t*")))
}

// titleSpan finds the title paragraph of the field block at line i: the
// non-blank lines before it (after blank lines), not reaching back past
// line used or into a numbered heading, at most six.
func titleSpan(lines []bodyLine, i, used int) (int, int) {
	e := i
	for e-1 > used && strings.TrimSpace(lines[e-1].text) == "" {
		e--
	}
	s := e
	for s-1 > used && e-s < 6 {
		t := strings.TrimSpace(lines[s-1].text)
		if t == "" {
			break
		}
		if numHeadRe.MatchString(t) && !itemRe.MatchString(t) {
			break
		}
		s--
		if itemRe.MatchString(t) {
			break
		}
	}
	// A title separated by blank lines from its marker line (page breaks):
	// when the paragraph found does not open with a marker, look one
	// paragraph further up for one.
	if s < e && !itemRe.MatchString(lines[s].text) && !brokenRe.MatchString(lines[s].text) {
		k := s - 1
		for k > used && strings.TrimSpace(lines[k].text) == "" {
			k--
		}
		if k > used && k >= s-4 && itemRe.MatchString(lines[k].text) {
			s = k
		}
	}
	return s, e
}

// joinLines joins the text of lines into one line.
func joinLines(ls []bodyLine) string {
	var parts []string
	for _, l := range ls {
		if t := strings.TrimSpace(l.text); t != "" {
			parts = append(parts, t)
		}
	}
	return normalize.JoinLines(strings.Join(parts, "\n"))
}

// splitMarker takes the item marker ("a)") off a title; a marker misread
// by OCR (") Theo dõi", "8 Triển khai") becomes the letter after prev.
func splitMarker(title, prev string) (string, string) {
	if m := itemRe.FindStringSubmatch(title); m != nil {
		return m[1] + ")", strings.TrimSpace(title[len(m[0]):])
	}
	next := ""
	if prev != "" {
		r := []rune(prev)[0]
		if r == 'đ' {
			r = 'e'
		} else if r >= 'a' && r < 'z' {
			r++
		}
		next = string(r) + ")"
	}
	if m := brokenRe.FindString(title); m != "" && next != "" {
		return next, strings.TrimSpace(title[len(m):])
	}
	return next, title
}

// nearestHeading finds the numbered heading paragraph above line i.
func nearestHeading(lines []bodyLine, i int) string {
	for k := i - 1; k >= 0; k-- {
		t := strings.TrimSpace(lines[k].text)
		if !numHeadRe.MatchString(t) || (k > 0 && strings.TrimSpace(lines[k-1].text) != "") {
			continue
		}
		var parts []string
		for m := k; m < i && m < k+4; m++ {
			s := strings.TrimSpace(lines[m].text)
			if s == "" {
				break
			}
			parts = append(parts, s)
		}
		return strings.TrimRight(normalize.JoinLines(strings.Join(parts, "\n")), " :")
	}
	return ""
}

// tidy reads an agency field of OCR text against the genre's grammar (see
// ocrtable.Agencies); fields of clean text come back as they are.
func tidy(s string) string {
	if s == "" {
		return s
	}
	return ocrtable.Agencies(s)
}

// quarterRe matches a quarter whose Roman numeral English-model OCR
// misread ("Quý 1V/2025", "Quý 1\\V/2025", "Quý 111/2025").
var quarterRe = regexp.MustCompile(`(?i)(qu[yý]\s+)([1lI|\\!Vv]{1,5})(\s*/\s*\d{4})`)

// fixQuarter writes the misread Roman numeral of a quarter as printed
// ("Quý IV/2025"), where it reads as one of I to IV.
func fixQuarter(s string) string {
	return quarterRe.ReplaceAllStringFunc(s, func(m string) string {
		p := quarterRe.FindStringSubmatch(m)
		r := strings.NewReplacer("\\", "", "1", "I", "l", "I", "|", "I", "!", "I", "v", "V").Replace(p[2])
		switch r {
		case "I", "II", "III", "IV":
			return p[1] + r + p[3]
		}
		return m
	})
}
