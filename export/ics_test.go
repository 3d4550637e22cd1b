package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/kehoach/kehoach/parser"
)

func writeICS(t *testing.T, regs []*parser.Register, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteICS(&buf, regs, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// unfold joins folded content lines (RFC 5545 3.1).
func unfold(s string) []string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	s = strings.ReplaceAll(s, "\r\n\t", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func TestICSLines(t *testing.T) {
	_, regs := readFixture(t)
	out := writeICS(t, regs, testOptions())
	if !strings.HasSuffix(out, "\r\n") {
		t.Error("calendar does not end with CRLF")
	}
	folded := 0
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded; the fixture has long contents")
	}
	lines := unfold(out)
	for _, want := range []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ICSProductID, "X-WR-CALNAME:Nhiệm vụ: 2 văn bản",
		"DTSTAMP:20251201T083000Z", "DUE;VALUE=DATE:20251130", "STATUS:NEEDS-ACTION",
		`SUMMARY:Xây dựng "Quy chế quản lý dữ liệu dùng chung"\, trình UBND tỉnh ban hành`,
		`SUMMARY:Cập nhật C:\\du-lieu\; sao lưu định kỳ`,
		`DESCRIPTION:Chủ trì: Sở KH&CN\nPhối hợp: Sở Tư pháp\; Các sở\, ban\, ngành\nPhụ lục: Phụ lục I\nMục: I. Hoàn thiện thể chế\, chính sách\nSTT: 1\nThời hạn: Tháng 11/2025\nSản phẩm: Quyết định của UBND tỉnh\nNguồn: Kế hoạch 12/KH-UBND (plans/12-KH-UBND.pdf\, trang 5\, dòng 12)`,
		"END:VCALENDAR",
	} {
		found := false
		for _, l := range lines {
			if l == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no line %q in\n%s", want, out)
		}
	}
	// Four tasks have an ISO due; the event, the ongoing and the recurring
	// ones, and the due written 31/12/2026, have none.
	if n := strings.Count(out, "BEGIN:VTODO"); n != 4 {
		t.Errorf("%d to-dos, want 4", n)
	}
}

// TestICSParses reads the calendar back with golang-ical's parser and finds
// the texts unescaped.
func TestICSParses(t *testing.T) {
	_, regs := readFixture(t)
	cal, err := ics.ParseCalendar(strings.NewReader(writeICS(t, regs, testOptions())))
	if err != nil {
		t.Fatal(err)
	}
	todos := cal.Todos()
	if len(todos) != 4 {
		t.Fatalf("%d to-dos", len(todos))
	}
	got := todos[2].GetProperty(ics.ComponentPropertySummary)
	if got == nil || ics.FromText(got.Value) != regs[0].Tasks[4].Content {
		t.Errorf("summary %+v, want %q", got, regs[0].Tasks[4].Content)
	}
	due, err := todos[3].GetAllDayDueAt()
	if err != nil || !due.Equal(time.Date(2026, 6, 30, 0, 0, 0, 0, due.Location())) {
		t.Errorf("due %v %v", due, err)
	}
}

func TestICSUID(t *testing.T) {
	_, regs := readFixture(t)
	uids := func(out string) []string {
		var u []string
		for _, l := range unfold(out) {
			if strings.HasPrefix(l, "UID:") {
				u = append(u, l)
			}
		}
		return u
	}
	first := uids(writeICS(t, regs, testOptions()))
	later := testOptions()
	later.Now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	// A clerk corrects a deadline and a lead agency: the same to-dos.
	regs[0].Tasks[0].Deadline.Due = "2025-11-15"
	regs[0].Tasks[0].Lead = []string{"Sở Khoa học và Công nghệ"}
	second := uids(writeICS(t, regs, later))
	if strings.Join(first, ",") != strings.Join(second, ",") {
		t.Errorf("UIDs changed between runs:\n%q\n%q", first, second)
	}
	seen := map[string]bool{}
	for _, u := range first {
		if seen[u] || !strings.HasSuffix(u, "@kehoach") {
			t.Errorf("UID %s repeated or malformed", u)
		}
		seen[u] = true
	}
	// The content is part of the identity.
	before := TaskUID(regs[0], &regs[0].Tasks[0])
	regs[0].Tasks[0].Content += " (sửa)"
	if TaskUID(regs[0], &regs[0].Tasks[0]) == before {
		t.Error("UID does not depend on the content")
	}
	// Two alike tasks in one plan get distinct UIDs, in order.
	twin := &parser.Register{Source: "x.txt", Document: parser.Document{Number: "1/KH"}, Tasks: []parser.Task{
		{STT: "1", Content: "Rà soát", Deadline: parser.Deadline{Due: "2025-12-31"}},
		{STT: "1", Content: "Rà soát", Deadline: parser.Deadline{Due: "2026-12-31"}},
	}}
	u := uids(writeICS(t, []*parser.Register{twin}, testOptions()))
	if len(u) != 2 || u[0] == u[1] || !strings.HasSuffix(u[1], "-2@kehoach") {
		t.Errorf("twin UIDs %q", u)
	}
}

func TestICSText(t *testing.T) {
	reg := &parser.Register{Source: "x.txt", Tasks: []parser.Task{{
		STT: "1", Content: "Dòng một\r\ndòng hai\x00\x07 tab\tok, a;b \\ c " + strings.Repeat("Nghị quyết số 57-NQ/TW ", 8) + strings.Repeat("ệ", 80),
		Deadline: parser.Deadline{Due: "2025-12-31"},
	}}}
	out := writeICS(t, []*parser.Register{reg}, testOptions())
	var summary string
	for _, l := range unfold(out) {
		if strings.HasPrefix(l, "SUMMARY:") {
			summary = l
		}
	}
	want := `SUMMARY:Dòng một\ndòng hai tab` + "\t" + `ok\, a\;b \\ c Nghị quyết`
	if !strings.HasPrefix(summary, want) {
		t.Errorf("summary %q\nwant prefix %q", summary, want)
	}
	for _, line := range strings.Split(out, "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Errorf("bad line %q", line)
		}
	}
	if !strings.HasSuffix(summary, strings.Repeat("ệ", 80)) {
		t.Errorf("a run without spaces does not unfold whole: %q", summary)
	}
}
