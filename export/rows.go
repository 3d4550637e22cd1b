package export

import (
	"strings"
	"time"

	"github.com/kehoach/kehoach/parser"
)

// TaskColumns are the headers of the CSV table and of the xlsx "Nhiệm vụ"
// sheet, in the contract's order.
var TaskColumns = []string{
	"Nguồn", "Phụ lục", "Mục", "STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
	"Thời hạn", "Hạn hoàn thành", "Loại thời hạn", "Sản phẩm", "Ghi chú",
}

// Column indexes into TaskColumns and taskRow.
const (
	colSource = iota
	colAppendix
	colSection
	colSTT
	colContent
	colLead
	colSupport
	colDeadline
	colDue
	colKind
	colResult
	colNote
	numTaskColumns
)

// AgencySeparator joins the agencies of one cell in CSV and xlsx.
const AgencySeparator = "; "

// kindLabels are the Vietnamese names of the contract's deadline kinds, as
// the Loại thời hạn column shows them.
var kindLabels = map[string]string{
	"date":      "ngày",
	"month":     "tháng",
	"quarter":   "quý",
	"year":      "năm",
	"before":    "trước ngày",
	"recurring": "định kỳ",
	"ongoing":   "thường xuyên",
	"event":     "sự kiện",
	"text":      "khác",
}

// everyLabels name a recurring deadline's period after "định kỳ".
var everyLabels = map[string]string{
	"week":    "hằng tuần",
	"month":   "hằng tháng",
	"quarter": "hằng quý",
	"year":    "hằng năm",
}

// KindLabel gives the Vietnamese label of a deadline's kind for the Loại
// thời hạn column: date → "ngày", month → "tháng", quarter → "quý", year →
// "năm", before → "trước ngày", recurring → "định kỳ" (followed by "hằng
// tuần", "hằng tháng", "hằng quý" or "hằng năm" when every says which),
// ongoing → "thường xuyên", event → "sự kiện", text → "khác". An empty kind
// gives "" and a kind the contract does not know is shown as is.
func KindLabel(d parser.Deadline) string {
	label, ok := kindLabels[d.Kind]
	if !ok {
		return d.Kind
	}
	if d.Kind == "recurring" {
		if e, ok := everyLabels[d.Every]; ok {
			label += " " + e
		} else if d.Every != "" {
			label += " " + d.Every
		}
	}
	return label
}

// taskRow is one task as the spreadsheet columns show it, every cell text.
type taskRow [numTaskColumns]string

func makeTaskRow(reg *parser.Register, t *parser.Task) taskRow {
	var r taskRow
	r[colSource] = reg.Source
	r[colAppendix] = t.Appendix
	r[colSection] = t.Section
	r[colSTT] = t.STT
	r[colContent] = t.Content
	r[colLead] = strings.Join(t.Lead, AgencySeparator)
	r[colSupport] = strings.Join(t.Support, AgencySeparator)
	r[colDeadline] = t.Deadline.Text
	r[colDue] = t.Deadline.Due
	r[colKind] = KindLabel(t.Deadline)
	r[colResult] = t.Result
	r[colNote] = t.Note
	return r
}

// parseDue reads an ISO due date ("2025-11-30"); ok is false for anything
// else, which is then written as the text it is.
func parseDue(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02") {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}
