// Package deadline reads the thời hạn of a task in every form the genre
// uses ("Tháng 11/2025", "Quý IV/2025", "Trước ngày 20/12/2025", "Hằng
// tháng", "Thường xuyên"…) into a kind, a due date and a recurrence.
//
// The reading is done on the folded text (normalize.Fold: lower case, no
// diacritics, đ read as d), so text that lost its marks in OCR, or had them
// restored imperfectly, reads the same as the clean text.
//
// Conventions, where the genre leaves room:
//
//   - Due is the last day the task may finish on. "Trước ngày 20/12/2025"
//     (before the 20th) is due 2025-12-19; "Chậm nhất ngày 20/12/2025",
//     "Đến ngày 20/12/2025" and "Đến hết năm 2025" are due on the day or
//     period they name. All of these are kind "before".
//   - A span of months or quarters ("Tháng 10-11/2025", "Quý III, IV/2025")
//     is due at the end of its last month or quarter; a span of years
//     ("2025 - 2026", "Giai đoạn 2021-2025") at the end of its last year.
//   - A half or part of a year ("6 tháng đầu năm 2026", "9 tháng đầu năm")
//     is kind "quarter", due at the end of the quarter it ends in.
//   - "Năm 2025 và các năm tiếp theo" is recurring every year, without due.
//   - "Thường xuyên" is ongoing; "Thường xuyên, hằng năm" is recurring.
//   - "Sau khi …", "Khi có …", "Theo tiến độ …", "Theo yêu cầu …" depend on
//     an event outside the plan: kind "event", no due.
//   - Dates printed without a year take the plan's year; an impossible date
//     (31/02/2025) makes the text unreadable: kind "text".
package deadline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/normalize"
)

// Deadline is what a deadline text means. Kind is one of date, month,
// quarter, year, before, recurring, ongoing, event, text; Due is the ISO date
// of the last day allowed ("" when the text fixes none); Every is week,
// month, quarter or year for recurring deadlines.
type Deadline struct {
	Kind  string
	Due   string
	Every string
}

// The kinds of deadline.
const (
	KindDate      = "date"
	KindMonth     = "month"
	KindQuarter   = "quarter"
	KindYear      = "year"
	KindBefore    = "before"
	KindRecurring = "recurring"
	KindOngoing   = "ongoing"
	KindEvent     = "event"
	KindText      = "text"
)

// Parse reads text; year is the plan's year, used for dates printed without
// one (0 if unknown). What it cannot read is kind "text", never an error.
func Parse(text string, year int) Deadline {
	f := fold(text)
	if f == "" {
		return Deadline{Kind: KindText}
	}
	if d, ok := parseRecurring(f); ok {
		return d
	}
	if startsWithAny(f, eventLeads) {
		return Deadline{Kind: KindEvent}
	}
	if startsWithAny(f, ongoingLeads) || ongoingAnywhere.MatchString(f) {
		// "Thường xuyên các tháng cuối năm" stays ongoing; a year stated
		// gives the end of the span.
		return Deadline{Kind: KindOngoing}
	}
	if m := beforeRe.FindStringSubmatchIndex(f); m != nil {
		marker := f[m[2]:m[3]]
		rest := f[m[1]:]
		p, ok := period(rest, year)
		if !ok {
			return Deadline{Kind: KindText}
		}
		due := p.end
		if strings.HasPrefix(marker, "tru") {
			due = p.start.AddDate(0, 0, -1)
		}
		return Deadline{Kind: KindBefore, Due: iso(due)}
	}
	if p, ok := period(f, year); ok {
		return Deadline{Kind: p.kind, Due: iso(p.end)}
	}
	if p, ok := periodNoYear(f); ok && year == 0 {
		return Deadline{Kind: p}
	}
	if startsWithAny(f, eventLate) {
		return Deadline{Kind: KindEvent}
	}
	return Deadline{Kind: KindText}
}

// Looks reports whether a table cell's text looks like a deadline: short,
// and read by Parse as something other than free text, or opening with a
// deadline word. Table readers use it to tell the deadline column from the
// others when the text carries no positions.
func Looks(text string) bool {
	f := fold(text)
	if f == "" || len([]rune(f)) > 90 {
		return false
	}
	if Parse(text, 2000).Kind != KindText {
		// A long sentence that merely mentions a month is content.
		return len(strings.Fields(f)) <= 12 || startsWithAny(f, allLeads)
	}
	return startsWithAny(f, allLeads)
}

// Span is a deadline expression found inside a longer line: the byte
// offsets of its start and end in the line as given.
type Span struct{ Start, End int }

// FindAll returns the deadline expressions of a line, in order, as spans
// of the original text: dates, months and quarters with their years, years,
// and the deadline phrases ("Thường xuyên", "Hằng tháng", "Sau khi …"
// excepted, which run to the end of a cell and cannot be delimited). Table
// readers use it to cut a deadline cell out of OCR lines where columns run
// together.
func FindAll(line string) []Span {
	runes, idx := foldIndexed(line)
	f := string(runes)
	var out []Span
	for _, m := range findRe.FindAllStringIndex(f, -1) {
		s, e := byteToRune(f, m[0]), byteToRune(f, m[1])
		if s >= len(idx) || e == 0 {
			continue
		}
		end := len(line)
		if e < len(idx) {
			end = idx[e]
		}
		out = append(out, Span{Start: idx[s], End: end})
	}
	return out
}

var findRe = regexp.MustCompile(`(?:(?:truoc|cham nhat|den het|den)\s+(?:ngay\s+)?)?(?:` +
	`\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d\b` +
	`|\bthang\s+\d{1,2}(?:\s*[-,]\s*\d{1,2})*\s*(?:/|-|nam)\s*(?:19|20)\d\d\b` +
	`|(?:^|[^\d/.])\d{1,2}/(?:19|20)\d\d\b` +
	`|\bquy\s+[ivx1l]+(?:\s*[-,]\s*[ivx1l]+)*\s*(?:/|-|nam)\s*(?:19|20)\d\d\b` +
	`|\b(?:thuong xuyen|hang (?:tuan|thang|quy|nam)|hang ngay|dinh ky hang (?:tuan|thang|quy|nam))\b` +
	`|\b(?:19|20)\d\d\b)`)

// fold is normalize.Fold with dashes unified and the spacing of
// separators made regular.
func fold(s string) string {
	r, _ := foldIndexed(s)
	return normalize.Space(string(r))
}

// foldIndexed folds s rune by rune, keeping for each folded rune the byte
// offset in s of the rune it came from. Folding maps one rune to one rune
// (NFC Vietnamese letters fold to one base letter), so offsets stay exact.
func foldIndexed(s string) ([]rune, []int) {
	var out []rune
	var idx []int
	for i, r := range s {
		fr := foldRune(r)
		switch fr {
		case '–', '—', '−', '‐':
			fr = '-'
		case '\t', '\n', '\r':
			fr = ' '
		}
		out = append(out, fr)
		idx = append(idx, i)
	}
	return out, idx
}

// foldRune folds one rune as normalize.Fold does; marks and spaces become
// a space.
func foldRune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r < 0x2000 {
		foldOnce.Do(func() {
			for c := rune(0x80); c < 0x2000; c++ {
				foldTable[c] = slowFold(c)
			}
		})
		return foldTable[r]
	}
	return slowFold(r)
}

var (
	foldOnce  sync.Once
	foldTable [0x2000]rune
)

func slowFold(r rune) rune {
	f := normalize.Fold(string(r))
	if f == "" {
		return ' '
	}
	return []rune(f)[0]
}

func byteToRune(s string, b int) int {
	return len([]rune(s[:b]))
}

func startsWithAny(f string, leads []string) bool {
	for _, l := range leads {
		if strings.HasPrefix(f, l) {
			return true
		}
	}
	return false
}

var eventLeads = []string{
	"sau khi", "ngay sau khi", "khi co", "khi duoc", "ngay khi", "sau khi co",
	"theo tien do", "theo yeu cau", "theo chi dao", "theo lo trinh",
	"theo thoi gian", "theo ke hoach", "theo quy dinh", "theo huong dan",
	"khi ", "ngay sau", "dong thoi voi", "cung voi",
}

// eventLate are event phrases that may follow a lead word ("Thực hiện
// sau khi…").
var eventLate = []string{"thuc hien sau khi", "trien khai sau khi", "hoan thanh sau khi"}

var ongoingLeads = []string{"thuong xuyen", "lien tuc", "hang ngay", "hang ngay", "moi ngay", "thuc hien thuong xuyen", "trien khai thuong xuyen"}

var ongoingAnywhere = regexp.MustCompile(`^(?:thuc hien|trien khai|to chuc)?\s*(?:thuong xuyen|lien tuc)\b`)

// allLeads open a deadline cell even where Parse finds no date in it.
// Bare "tháng", "quý", "năm" are left out: without a number they open
// ordinary words ("quy trình", "năm học").
var allLeads = append(append(append([]string{
	"truoc", "cham nhat", "den het", "den ngay", "trong thang", "trong quy", "trong nam",
	"hang tuan", "hang thang", "hang quy", "hang nam", "dinh ky", "moi tuan", "moi thang", "moi nam",
	"giai doan", "cuoi nam", "cuoi thang", "cuoi quy", "6 thang", "9 thang", "3 thang",
}, eventLeads...), eventLate...), ongoingLeads...)

// every maps the folded unit names to the contract's recurrence values.
var every = map[string]string{"tuan": "week", "thang": "month", "quy": "quarter", "qui": "quarter", "nam": "year"}

var recurringRe = regexp.MustCompile(`\b(?:hang|moi|dinh ky(?: hang)?|dinh ky moi)\s+(tuan|thang|quy|qui|nam)\b|\bdinh ky\s+(tuan|thang|quy|qui|nam)\b|\bva cac nam tiep theo\b|\bcac nam tiep theo\b`)

func parseRecurring(f string) (Deadline, bool) {
	m := recurringRe.FindStringSubmatch(f)
	if m == nil {
		return Deadline{}, false
	}
	// A recurring word far inside a sentence about something else ("Báo
	// cáo kết quả hằng tháng trước ngày 25") still recurs; but a before or
	// event lead at the start wins.
	if startsWithAny(f, eventLeads) && !strings.HasPrefix(f, "theo") {
		return Deadline{}, false
	}
	unit := m[1]
	if unit == "" {
		unit = m[2]
	}
	if unit == "" {
		unit = "nam"
	}
	return Deadline{Kind: KindRecurring, Every: every[unit]}, true
}

// beforeRe finds a "by" marker; group 1 is the marker.
var beforeRe = regexp.MustCompile(`^(?:(?:hoan thanh|thuc hien|xong|bao cao|trinh|gui)\s+)?(truoc|tru[adec]c|cham nhat(?: la)?|han chot|khong muon hon|khong qua|den het|den)(?:\s+(?:ngay|thoi diem))?\s*:?\s*`)

// span is a stretch of time a deadline names.
type span struct {
	kind       string
	start, end time.Time
}

var (
	// 30/11/2025, 30-11-2025, 30.11.2025, 30/11/25, 30 / 11 / 2025
	dateRe = regexp.MustCompile(`\b(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*([/.-])\s*(\d{4}|\d{2})\b`)
	// ngày 30 tháng 11 năm 2025
	dateWordsRe = regexp.MustCompile(`\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?\b`)
	// 15/12 (no year)
	dateNoYearRe = regexp.MustCompile(`(?:^|[^\d/.-])(\d{1,2})\s*/\s*(\d{1,2})(?:$|[^\d/])`)
	// tháng 11/2025, tháng 10-11/2025, tháng 10, 11 năm 2025, tháng 10 đến tháng 12/2025
	monthRe = regexp.MustCompile(`\b(?:thang|t)\s*(\d{1,2})((?:\s*(?:-|,|va|den|den thang|-\s*thang)\s*\d{1,2})*)\s*(?:/|-|nam|\.)\s*(\d{4})\b`)
	// tháng 12 (no year)
	monthNoYearRe = regexp.MustCompile(`\bthang\s+(\d{1,2})((?:\s*(?:-|,|va|den|den thang)\s*\d{1,2})*)\b`)
	// 11/2025 alone
	monthBareRe = regexp.MustCompile(`^(\d{1,2})\s*/\s*(\d{4})\b`)
	// quý IV/2025, quý 4 năm 2025, quý III, IV/2025, quý III-IV/2025
	quarterRe       = regexp.MustCompile(`\b(?:quy|qui)\s*([ivx1l|\\]+|\d)((?:\s*(?:-|,|va|den|den quy)\s*(?:[ivx1l|\\]+|\d))*)\s*(?:/|-|nam|\.)?\s*(\d{4})\b`)
	quarterNoYearRe = regexp.MustCompile(`\b(?:quy|qui)\s*([ivx1l|\\]+|\d)((?:\s*(?:-|,|va|den|den quy)\s*(?:[ivx1l|\\]+|\d))*)\b`)
	// 6 tháng đầu năm 2026, 6 tháng cuối năm 2025
	partRe = regexp.MustCompile(`\b(\d{1,2})\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?\b`)
	// năm 2025, 2025, 2025 - 2026, giai đoạn 2021-2025, cuối năm 2025
	yearRe = regexp.MustCompile(`\b((?:19|20)\d\d)((?:\s*(?:-|,|va|den)\s*(?:19|20)\d\d)*)\b`)
)

// period reads the first time span the folded text names: a date, a
// month, a quarter, a part of a year or a year. year fills in a missing
// year.
func period(f string, year int) (span, bool) {
	if m := dateRe.FindStringSubmatch(f); m != nil && m[2] == m[4] {
		// A list of dates ("15/10/2025, 18/10/2025") ends with its last.
		all := dateRe.FindAllStringSubmatch(f, -1)
		var last time.Time
		for _, a := range all {
			if a[2] != a[4] {
				continue
			}
			t, ok := mkDate(a[1], a[3], a[5], year)
			if !ok {
				return span{}, false
			}
			if t.After(last) {
				last = t
			}
		}
		return span{KindDate, last, last}, true
	}
	if m := dateWordsRe.FindStringSubmatch(f); m != nil {
		t, ok := mkDate(m[1], m[2], m[3], year)
		return span{KindDate, t, t}, ok
	}
	if m := partRe.FindStringSubmatch(f); m != nil {
		y := atoi(m[3])
		if y == 0 {
			y = year
		}
		n := atoi(m[1])
		if y == 0 || n < 1 || n > 12 {
			return span{}, false
		}
		first, last := 1, n
		if m[2] == "cuoi" {
			first, last = 13-n, 12
		}
		start := time.Date(y, time.Month(first), 1, 0, 0, 0, 0, time.UTC)
		end := time.Date(y, time.Month(last)+1, 0, 0, 0, 0, 0, time.UTC)
		return span{KindQuarter, start, end}, true
	}
	if m := monthRe.FindStringSubmatch(f); m != nil {
		return months(m[1], m[2], atoi(m[3]))
	}
	if m := monthBareRe.FindStringSubmatch(f); m != nil {
		return months(m[1], "", atoi(m[2]))
	}
	if m := quarterRe.FindStringSubmatch(f); m != nil {
		return quarters(m[1], m[2], atoi(m[3]))
	}
	if m := dateNoYearRe.FindStringSubmatch(f); m != nil && year != 0 {
		t, ok := mkDate(m[1], m[2], "", year)
		return span{KindDate, t, t}, ok
	}
	if m := monthNoYearRe.FindStringSubmatch(f); m != nil && year != 0 {
		return months(m[1], m[2], year)
	}
	if m := quarterNoYearRe.FindStringSubmatch(f); m != nil && year != 0 {
		return quarters(m[1], m[2], year)
	}
	if m := yearRe.FindStringSubmatch(f); m != nil {
		first := atoi(m[1])
		last := first
		for _, y := range yearRe4.FindAllString(m[2], -1) {
			if v := atoi(y); v > last {
				last = v
			}
		}
		return span{KindYear,
			time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(last, 12, 31, 0, 0, 0, 0, time.UTC)}, true
	}
	return span{}, false
}

// periodNoYear gives the kind of a text that names a month or quarter but
// no year, when the plan's year is unknown.
func periodNoYear(f string) (string, bool) {
	switch {
	case dateNoYearRe.MatchString(f):
		return KindDate, true
	case monthNoYearRe.MatchString(f):
		return KindMonth, true
	case quarterNoYearRe.MatchString(f):
		return KindQuarter, true
	}
	return "", false
}

var (
	yearRe4 = regexp.MustCompile(`\d{4}`)
	numRe   = regexp.MustCompile(`\d{1,2}`)
	romanRe = regexp.MustCompile(`[ivx1l|\\]+|\d`)
)

func months(first, more string, y int) (span, bool) {
	a := atoi(first)
	b := a
	for _, n := range numRe.FindAllString(more, -1) {
		if v := atoi(n); v > b {
			b = v
		}
	}
	if y < 1900 || y > 2100 || a < 1 || a > 12 || b > 12 {
		return span{}, false
	}
	return span{KindMonth,
		time.Date(y, time.Month(a), 1, 0, 0, 0, 0, time.UTC),
		time.Date(y, time.Month(b)+1, 0, 0, 0, 0, 0, time.UTC)}, true
}

func quarters(first, more string, y int) (span, bool) {
	a := quarterNum(first)
	b := a
	for _, n := range romanRe.FindAllString(more, -1) {
		if v := quarterNum(n); v > b {
			b = v
		}
	}
	if y < 1900 || y > 2100 || a < 1 || b > 4 {
		return span{}, false
	}
	return span{KindQuarter,
		time.Date(y, time.Month(3*a-2), 1, 0, 0, 0, 0, time.UTC),
		time.Date(y, time.Month(3*b)+1, 0, 0, 0, 0, 0, time.UTC)}, true
}

// quarterNum reads a quarter numeral: a digit or a Roman numeral, with the
// OCR confusions of I (1, l, |) tolerated.
func quarterNum(s string) int {
	if len(s) == 1 && s[0] >= '1' && s[0] <= '4' && s != "1" {
		return int(s[0] - '0')
	}
	r := strings.NewReplacer("1", "i", "l", "i", "|", "i", "\\", "").Replace(s)
	switch r {
	case "i":
		return 1
	case "ii":
		return 2
	case "iii":
		return 3
	case "iv":
		return 4
	}
	return 0
}

// mkDate builds a date, refusing impossible ones.
func mkDate(d, m, y string, year int) (time.Time, bool) {
	dd, mm, yy := atoi(d), atoi(m), atoi(y)
	switch {
	case y == "":
		yy = year
	case len(y) == 2:
		yy += 2000
	}
	if yy < 1900 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 {
		return time.Time{}, false
	}
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

func iso(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day())
}
