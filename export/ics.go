package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/kehoach/kehoach/parser"
)

// ICSProductID is the PRODID of the calendars WriteICS writes.
const ICSProductID = "-//kehoach//kehoach task register//VI"

// WriteICS writes the tasks of regs that have a due date as an iCalendar
// (RFC 5545) calendar of to-dos, one VTODO per task:
//
//   - UID: TaskUID, the same on every run for the same task, so that a
//     calendar imported again updates its to-dos instead of adding copies;
//   - DTSTAMP: opts.Now in UTC;
//   - DUE;VALUE=DATE: the task's due date (an all-day date, no time zone);
//   - SUMMARY: the task's content;
//   - DESCRIPTION: lead and support agencies, appendix, section, STT, the
//     deadline as printed and where the task comes from, one per line;
//   - STATUS:NEEDS-ACTION.
//
// Lines end with CRLF and are folded before 75 octets, never inside a UTF-8
// sequence; TEXT values are escaped (\\, \;, \, and \n). Tasks without a due
// date, or whose due is not an ISO date, are left out: a calendar needs a
// date to place them.
func WriteICS(w io.Writer, regs []*parser.Register, opts Options) error {
	cal := ics.NewCalendarFor("kehoach")
	cal.SetProductId(ICSProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(icsText(calendarName(regs)))
	stamp := opts.now()
	seen := map[string]int{}
	for _, reg := range regs {
		for i := range reg.Tasks {
			t := &reg.Tasks[i]
			due, ok := parseDue(t.Deadline.Due)
			if !ok {
				continue
			}
			uid := TaskUID(reg, t)
			// Two tasks alike in document, appendix, stt and content
			// would share a UID; number the later ones, in order.
			seen[uid]++
			if n := seen[uid]; n > 1 {
				uid = fmt.Sprintf("%s-%d", strings.TrimSuffix(uid, uidDomain), n) + uidDomain
			}
			todo := cal.AddTodo(uid)
			todo.SetDtStampTime(stamp)
			todo.SetAllDayDueAt(due)
			summary := t.Content
			if summary == "" {
				summary = "Nhiệm vụ " + t.STT
			}
			todo.SetSummary(icsText(summary))
			todo.SetDescription(icsText(taskDescription(reg, t)))
			todo.SetStatus(ics.ObjectStatusNeedsAction)
		}
	}
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"), ics.WithLineLength(75))
}

// uidDomain ends every UID, as RFC 5545 suggests, so that UIDs from other
// programs cannot collide with ours.
const uidDomain = "@kehoach"

// TaskUID gives the iCalendar UID of a task: a hash of the document number
// (the register's source when the number is unknown), the appendix, the STT
// and the content, so that the same task of the same plan has the same UID
// in every export, whatever else of it has been corrected.
func TaskUID(reg *parser.Register, t *parser.Task) string {
	doc := reg.Document.Number
	if doc == "" {
		doc = reg.Source
	}
	h := sha256.New()
	for _, s := range []string{doc, t.Appendix, t.STT, t.Content} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16]) + uidDomain
}

func calendarName(regs []*parser.Register) string {
	if len(regs) == 1 {
		d := regs[0].Document
		if name := strings.TrimSpace(d.Type + " " + d.Number); name != "" {
			return name
		}
		return regs[0].Source
	}
	return fmt.Sprintf("Nhiệm vụ: %d văn bản", len(regs))
}

// taskDescription is the DESCRIPTION of a task's to-do: who, where in the
// plan, the deadline as printed and the source, one item per line.
func taskDescription(reg *parser.Register, t *parser.Task) string {
	var lines []string
	add := func(label, value string) {
		if value != "" {
			lines = append(lines, label+": "+value)
		}
	}
	add("Chủ trì", strings.Join(t.Lead, AgencySeparator))
	add("Phối hợp", strings.Join(t.Support, AgencySeparator))
	add("Phụ lục", t.Appendix)
	add("Mục", t.Section)
	add("STT", t.STT)
	add("Thời hạn", t.Deadline.Text)
	add("Sản phẩm", t.Result)
	add("Ghi chú", t.Note)
	doc := strings.TrimSpace(reg.Document.Type + " " + reg.Document.Number)
	where := reg.Source
	if t.Source.Page > 0 || t.Source.Line > 0 {
		where += fmt.Sprintf(", trang %d, dòng %d", t.Source.Page, t.Source.Line)
	}
	if doc != "" {
		where = doc + " (" + where + ")"
	}
	add("Nguồn", where)
	return strings.Join(lines, "\n")
}

// icsLineBreaks turns CR LF and lone CR into LF, which the TEXT escaping
// writes as \n; a raw CR would end the content line.
var icsLineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// icsText makes s safe for a TEXT value: line breaks as LF, and no other
// control characters, which RFC 5545 does not allow in a value.
func icsText(s string) string {
	s = icsLineBreaks.Replace(s)
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
