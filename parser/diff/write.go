package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/kehoach/kehoach/parser"
)

// FieldLabels are the Vietnamese names of the fields, for people: terminal
// output and spreadsheet cells.
var FieldLabels = map[string]string{
	FieldContent:  "nội dung",
	FieldLead:     "chủ trì",
	FieldSupport:  "phối hợp",
	FieldDeadline: "thời hạn",
	FieldResult:   "sản phẩm",
	FieldNote:     "ghi chú",
	FieldSection:  "mục",
	FieldAppendix: "phụ lục",
	FieldSTT:      "STT",
}

// OpLabels are the Vietnamese names of the operations.
var OpLabels = map[Op]string{
	Added:   "thêm",
	Removed: "bỏ",
	Changed: "thay đổi",
}

// ANSI colours of the terminal output.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// SummaryLine is the one-line summary of a comparison, in Vietnamese:
// "a.yaml → b.yaml: 2 thay đổi, 1 thêm, 1 bỏ, 7 giữ nguyên".
func SummaryLine(res *Result) string {
	o, n := res.Old, res.New
	if o == "" {
		o = "cũ"
	}
	if n == "" {
		n = "mới"
	}
	s := res.Summary
	return fmt.Sprintf("%s → %s: %d thay đổi, %d thêm, %d bỏ, %d giữ nguyên", o, n, s.Changed, s.Added, s.Removed, s.Same)
}

// WriteText writes a comparison for a person at a terminal: the summary
// line, the renamed headings, then one line per task added (+), removed (-)
// or changed (~), grouped by appendix, each changed field on its own line as
// old → new. color adds ANSI colours; give it only for a terminal.
func WriteText(w io.Writer, res *Result, color bool) error {
	bw := bufio.NewWriter(w)
	p := painter(color)
	fmt.Fprintln(bw, p(ansiBold, SummaryLine(res)))
	for _, rn := range res.Renamed {
		what := "phụ lục"
		if rn.Kind == "section" {
			what = "mục"
		}
		o, n := rn.Old, rn.New
		if o == "" {
			o = "(không nhãn)"
		}
		if n == "" {
			n = "(không nhãn)"
		}
		fmt.Fprintf(bw, "%s %s: %s → %s\n", p(ansiCyan, "="), what, o, n)
	}
	groups, order := groupByAppendix(res.Changes)
	for _, g := range order {
		if len(order) > 1 || g != "" {
			label := g
			if label == "" {
				label = "Ngoài phụ lục"
			}
			fmt.Fprintf(bw, "\n%s\n", p(ansiBold, label))
		}
		for _, ch := range groups[g] {
			writeChange(bw, ch, p)
		}
	}
	return bw.Flush()
}

// painter returns a function that colours a string, or leaves it alone.
func painter(color bool) func(code, s string) string {
	return func(code, s string) string {
		if !color || s == "" {
			return s
		}
		return code + s + ansiReset
	}
}

// groupByAppendix groups changes by the appendix of the task they show,
// appendices in order of first appearance.
func groupByAppendix(changes []Change) (map[string][]Change, []string) {
	groups := map[string][]Change{}
	var order []string
	for _, ch := range changes {
		t := ch.New
		if t == nil {
			t = ch.Old
		}
		if _, ok := groups[t.Appendix]; !ok {
			order = append(order, t.Appendix)
		}
		groups[t.Appendix] = append(groups[t.Appendix], ch)
	}
	return groups, order
}

func writeChange(w io.Writer, ch Change, p func(string, string) string) {
	switch ch.Op {
	case Added:
		fmt.Fprintf(w, "%s %s  %s%s\n", p(ansiGreen, "+"), sttOf(ch.New.STT), p(ansiGreen, ch.New.Content), brief(ch.New))
	case Removed:
		fmt.Fprintf(w, "%s %s  %s%s\n", p(ansiRed, "-"), sttOf(ch.Old.STT), p(ansiRed, ch.Old.Content), brief(ch.Old))
	case Changed:
		stt := sttOf(ch.New.STT)
		if ch.Old.STT != ch.New.STT {
			stt = sttOf(ch.Old.STT) + "→" + sttOf(ch.New.STT)
		}
		fmt.Fprintf(w, "%s %s  %s\n", p(ansiYellow, "~"), stt, shorten(ch.New.Content, 80))
		for _, f := range ch.Fields {
			if f == FieldSTT {
				continue
			}
			fmt.Fprintf(w, "    %s: %s\n", FieldLabels[f], fieldChange(ch, f, p))
		}
	}
}

func sttOf(s string) string {
	if s == "" {
		return "·"
	}
	return s
}

// brief is the agencies and deadline of a task added or removed.
func brief(t *parser.Task) string {
	var parts []string
	if len(t.Lead) > 0 {
		parts = append(parts, strings.Join(t.Lead, "; "))
	}
	if t.Deadline.Text != "" {
		parts = append(parts, t.Deadline.Text)
	}
	if len(parts) == 0 {
		return ""
	}
	return "  [" + strings.Join(parts, " · ") + "]"
}

// fieldChange shows how one field changed, compactly.
func fieldChange(ch Change, f string, p func(string, string) string) string {
	o, n := ch.Old, ch.New
	arrow := func(a, b string) string {
		if a == "" {
			a = "(trống)"
		}
		if b == "" {
			b = "(trống)"
		}
		return p(ansiRed, a) + " → " + p(ansiGreen, b)
	}
	switch f {
	case FieldContent:
		return RenderWords(ch.Detail.Words, p, 4)
	case FieldLead:
		return agencyChange(ch.Detail.Lead, p)
	case FieldSupport:
		return agencyChange(ch.Detail.Support, p)
	case FieldDeadline:
		s := arrow(o.Deadline.Text, n.Deadline.Text)
		if m := ch.Detail.Deadline; m != nil && m.Days != 0 {
			s += " (" + MoveText(m) + ")"
		}
		return s
	case FieldResult:
		return arrow(o.Result, n.Result)
	case FieldNote:
		return arrow(o.Note, n.Note)
	case FieldSection:
		return arrow(o.Section, n.Section)
	case FieldAppendix:
		return arrow(o.Appendix, n.Appendix)
	}
	return ""
}

// MoveText says in Vietnamese how far a due date moved: "muộn hơn 31 ngày",
// "sớm hơn 5 ngày".
func MoveText(m *DeadlineMove) string {
	switch {
	case m == nil || m.Days == 0:
		return ""
	case m.Days > 0:
		return fmt.Sprintf("muộn hơn %d ngày", m.Days)
	default:
		return fmt.Sprintf("sớm hơn %d ngày", -m.Days)
	}
}

func agencyChange(d *AgencyDelta, p func(string, string) string) string {
	if d == nil {
		return ""
	}
	var parts []string
	for _, a := range d.Removed {
		parts = append(parts, p(ansiRed, "−"+a))
	}
	for _, a := range d.Added {
		parts = append(parts, p(ansiGreen, "+"+a))
	}
	return strings.Join(parts, ", ")
}

// AgencyDeltaText shows an agency change without colour: "−A, +B".
func AgencyDeltaText(d *AgencyDelta) string {
	return agencyChange(d, painter(false))
}

// RenderWords shows a word diff on one line: kept runs longer than
// 2×context words are cut to their ends, removed words as [-…-] and added
// ones as {+…+} (or in colour when p colours).
func RenderWords(edits []WordEdit, p func(code, s string) string, context int) string {
	plain := p(ansiRed, "x") == "x"
	var parts []string
	for k, e := range edits {
		switch e.Op {
		case "=":
			words := strings.Fields(e.Text)
			if context > 0 && len(words) > 2*context {
				switch {
				case k == 0:
					words = append([]string{"…"}, words[len(words)-context:]...)
				case k == len(edits)-1:
					words = append(words[:context], "…")
				default:
					words = append(append(words[:context:context], "…"), words[len(words)-context:]...)
				}
			}
			parts = append(parts, strings.Join(words, " "))
		case "-":
			if plain {
				parts = append(parts, "[-"+e.Text+"-]")
			} else {
				parts = append(parts, p(ansiRed, e.Text))
			}
		case "+":
			if plain {
				parts = append(parts, "{+"+e.Text+"+}")
			} else {
				parts = append(parts, p(ansiGreen, e.Text))
			}
		}
	}
	return strings.Join(parts, " ")
}

// WordsText shows a word diff without colour, with context words around
// each edit.
func WordsText(edits []WordEdit) string {
	return RenderWords(edits, painter(false), 4)
}

// shorten cuts s to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// WriteJSON writes a comparison as the contract's JSON: old, new, summary,
// changes (op, fields, old, new, then detail), then the renamed headings.
func WriteJSON(w io.Writer, res *Result) error {
	changes := res.Changes
	if changes == nil {
		changes = []Change{}
	}
	renamed := res.Renamed
	if renamed == nil {
		renamed = []Rename{}
	}
	v := struct {
		Old     string   `json:"old"`
		New     string   `json:"new"`
		Summary Summary  `json:"summary"`
		Changes []Change `json:"changes"`
		Renamed []Rename `json:"renamed"`
	}{res.Old, res.New, res.Summary, changes, renamed}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteAgencyText writes a comparison by agency for a person: each agency
// with the tasks it gained (+) and lost (-), as lead or support.
func WriteAgencyText(w io.Writer, changes []AgencyChange, color bool) error {
	bw := bufio.NewWriter(w)
	p := painter(color)
	if len(changes) == 0 {
		fmt.Fprintln(bw, "Không cơ quan nào được giao thêm hay bớt nhiệm vụ.")
	}
	for k, ac := range changes {
		if k > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s: %s, %s\n", p(ansiBold, ac.Agency),
			p(ansiGreen, fmt.Sprintf("+%d", len(ac.Gained))), p(ansiRed, fmt.Sprintf("-%d", len(ac.Lost))))
		for _, t := range ac.Gained {
			fmt.Fprintf(bw, "  %s %-8s %s  %s (%s)\n", p(ansiGreen, "+"), RoleLabels[t.Role], sttOf(t.Task.STT), shorten(t.Task.Content, 80), AgencyOpLabels[t.Op])
		}
		for _, t := range ac.Lost {
			fmt.Fprintf(bw, "  %s %-8s %s  %s (%s)\n", p(ansiRed, "-"), RoleLabels[t.Role], sttOf(t.Task.STT), shorten(t.Task.Content, 80), AgencyOpLabels[t.Op])
		}
	}
	return bw.Flush()
}

// RoleLabels are the Vietnamese names of an agency's roles.
var RoleLabels = map[string]string{"lead": "chủ trì", "support": "phối hợp"}

// AgencyOpLabels say in Vietnamese why an agency gained or lost a task.
var AgencyOpLabels = map[Op]string{
	Added:   "nhiệm vụ mới",
	Removed: "nhiệm vụ bị bỏ",
	Changed: "giao lại",
}

// WriteAgencyJSON writes a comparison by agency as JSON: a list of
// {agency, gained, lost}, each task as {role, op, task}.
func WriteAgencyJSON(w io.Writer, changes []AgencyChange) error {
	if changes == nil {
		changes = []AgencyChange{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(changes)
}
