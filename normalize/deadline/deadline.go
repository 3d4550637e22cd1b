// Package deadline reads the thời hạn of a task in every form the genre
// uses ("Tháng 11/2025", "Quý IV/2025", "Trước ngày 20/12/2025", "Hằng
// tháng", "Thường xuyên"…) into a kind, a due date and a recurrence.
package deadline

// Deadline is what a deadline text means. Kind is one of date, month,
// quarter, year, before, recurring, ongoing, event, text; Due is the ISO date
// of the last day allowed ("" when the text fixes none); Every is week,
// month, quarter or year for recurring deadlines.
type Deadline struct {
	Kind  string
	Due   string
	Every string
}

// Parse reads text; year is the plan's year, used for dates printed without
// one (0 if unknown). What it cannot read is kind "text", never an error.
func Parse(text string, year int) Deadline {
	return Deadline{Kind: "text"}
}
