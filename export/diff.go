package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kehoach/kehoach/parser"
	"github.com/kehoach/kehoach/parser/diff"
)

// Names of the sheets of a comparison workbook.
const (
	SheetDiffChanges = "Thay đổi"
	SheetDiffSummary = "Tổng hợp"
	SheetDiffAgency  = "Theo cơ quan"
)

// diffField is one task field as the comparison tables show it: its header,
// the contract field whose change it shows, and its cell text.
type diffField struct {
	header string
	field  string
	cell   func(t *parser.Task) string
}

var diffFields = []diffField{
	{"Phụ lục", diff.FieldAppendix, func(t *parser.Task) string { return t.Appendix }},
	{"Mục", diff.FieldSection, func(t *parser.Task) string { return t.Section }},
	{"STT", diff.FieldSTT, func(t *parser.Task) string { return t.STT }},
	{"Nội dung nhiệm vụ", diff.FieldContent, func(t *parser.Task) string { return t.Content }},
	{"Cơ quan chủ trì", diff.FieldLead, func(t *parser.Task) string { return strings.Join(t.Lead, AgencySeparator) }},
	{"Cơ quan phối hợp", diff.FieldSupport, func(t *parser.Task) string { return strings.Join(t.Support, AgencySeparator) }},
	{"Thời hạn", diff.FieldDeadline, func(t *parser.Task) string { return t.Deadline.Text }},
	{"Hạn hoàn thành", diff.FieldDeadline, func(t *parser.Task) string { return t.Deadline.Due }},
	{"Sản phẩm", diff.FieldResult, func(t *parser.Task) string { return t.Result }},
	{"Ghi chú", diff.FieldNote, func(t *parser.Task) string { return t.Note }},
}

// DiffColumns are the headers of a comparison table (CSV and the xlsx
// "Thay đổi" sheet): the change, the fields changed, then each task field
// twice, old beside new, then the details.
var DiffColumns = func() []string {
	cols := []string{"Thay đổi", "Trường thay đổi"}
	for _, f := range diffFields {
		cols = append(cols, f.header+" (cũ)", f.header+" (mới)")
	}
	return append(cols, "Chi tiết")
}()

// diffRow is one change as the comparison table shows it.
func diffRow(ch diff.Change) []string {
	var labels []string
	for _, f := range ch.Fields {
		labels = append(labels, diff.FieldLabels[f])
	}
	row := []string{diff.OpLabels[ch.Op], strings.Join(labels, ", ")}
	for _, f := range diffFields {
		o, n := "", ""
		if ch.Old != nil {
			o = f.cell(ch.Old)
		}
		if ch.New != nil {
			n = f.cell(ch.New)
		}
		row = append(row, o, n)
	}
	return append(row, diffDetail(ch))
}

// diffDetail says in words how a changed task changed: the word diff of the
// content, the agencies added and removed, how far the deadline moved.
func diffDetail(ch diff.Change) string {
	if ch.Op != diff.Changed {
		return ""
	}
	var parts []string
	d := ch.Detail
	if len(d.Words) > 0 {
		parts = append(parts, "nội dung: "+diff.WordsText(d.Words))
	}
	if d.Lead != nil {
		parts = append(parts, "chủ trì: "+diff.AgencyDeltaText(d.Lead))
	}
	if d.Support != nil {
		parts = append(parts, "phối hợp: "+diff.AgencyDeltaText(d.Support))
	}
	if m := diff.MoveText(d.Deadline); m != "" {
		parts = append(parts, "thời hạn: "+m)
	}
	return strings.Join(parts, "; ")
}

// WriteDiffCSV writes a comparison as one CSV table under DiffColumns, one
// row per task added, removed or changed, in the new plan's order. bom
// starts the file with a UTF-8 byte-order mark, for Excel.
func WriteDiffCSV(w io.Writer, res *diff.Result, bom bool) error {
	rows := [][]string{DiffColumns}
	for _, ch := range res.Changes {
		rows = append(rows, diffRow(ch))
	}
	return writeDiffCSVRows(w, rows, bom)
}

func writeDiffCSVRows(w io.Writer, rows [][]string, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, r := range rows {
		for i := range r {
			r[i] = csvField(r[i])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// AgencyDiffColumns are the headers of a comparison by agency.
var AgencyDiffColumns = []string{
	"Cơ quan", "Nhận/Bớt", "Vai trò", "Lý do", "Phụ lục", "Mục", "STT", "Nội dung nhiệm vụ", "Thời hạn", "Hạn hoàn thành",
}

// agencyDiffRows gives the rows of a comparison by agency: each agency's
// gained tasks, then its lost ones.
func agencyDiffRows(changes []diff.AgencyChange) (rows [][]string, gained []bool) {
	for _, ac := range changes {
		for k, list := range [][]diff.AgencyTask{ac.Gained, ac.Lost} {
			what := "Nhận thêm"
			if k == 1 {
				what = "Bớt đi"
			}
			for _, at := range list {
				t := at.Task
				rows = append(rows, []string{ac.Agency, what, diff.RoleLabels[at.Role], diff.AgencyOpLabels[at.Op],
					t.Appendix, t.Section, t.STT, t.Content, t.Deadline.Text, t.Deadline.Due})
				gained = append(gained, k == 0)
			}
		}
	}
	return rows, gained
}

// WriteAgencyDiffCSV writes a comparison by agency (diff.ByAgency) as one
// CSV table under AgencyDiffColumns.
func WriteAgencyDiffCSV(w io.Writer, changes []diff.AgencyChange, bom bool) error {
	rows, _ := agencyDiffRows(changes)
	return writeDiffCSVRows(w, append([][]string{AgencyDiffColumns}, rows...), bom)
}

// Fill colours of the comparison workbook.
const (
	diffFillHeader  = "DDEBF7"
	diffFillOld     = "FFC7CE" // a removed task, or a field's old value
	diffFillNew     = "C6EFCE" // an added task, or a field's new value
	diffFillChanged = "FFEB9C" // the op cell of a changed task
)

// diffStyles are the cell styles of the comparison workbook.
type diffStyles struct {
	header, text, bold, date, old, new, changed, oldDate, newDate int
}

func newDiffStyles(f *excelize.File) (diffStyles, error) {
	var st diffStyles
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt := DateFormat
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill(diffFillHeader),
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}}},
		{&st.text, excelize.Style{Alignment: top}},
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}},
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: top}},
		{&st.old, excelize.Style{Fill: fill(diffFillOld), Alignment: top}},
		{&st.new, excelize.Style{Fill: fill(diffFillNew), Alignment: top}},
		{&st.changed, excelize.Style{Fill: fill(diffFillChanged), Alignment: top}},
		{&st.oldDate, excelize.Style{Fill: fill(diffFillOld), CustomNumFmt: &dateFmt, Alignment: top}},
		{&st.newDate, excelize.Style{Fill: fill(diffFillNew), CustomNumFmt: &dateFmt, Alignment: top}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// diffSheet writes a table with a frozen, filtered header row and fitted
// column widths; style gives each cell's style, and the cells of dateCols
// holding an ISO date become date cells.
func diffSheet(f *excelize.File, st diffStyles, sheet string, headers []string, rows [][]string,
	style func(r, c int) int, dateCols map[int]bool) error {
	for c, h := range headers {
		if err := f.SetCellValue(sheet, cellName(c, 0), h); err != nil {
			return err
		}
	}
	last := cellName(len(headers)-1, 0)
	if err := f.SetCellStyle(sheet, "A1", last, st.header); err != nil {
		return err
	}
	widths := make([]int, len(headers))
	for c, h := range headers {
		widths[c] = utf8.RuneCountInString(h)
	}
	for r, row := range rows {
		for c, v := range row {
			name := cellName(c, r+1)
			var val any = v
			if dateCols[c] {
				if d, err := time.Parse("2006-01-02", v); err == nil {
					val = d
				}
			}
			if v != "" {
				if err := f.SetCellValue(sheet, name, val); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(sheet, name, name, style(r, c)); err != nil {
				return err
			}
			if n := utf8.RuneCountInString(v); n > widths[c] {
				widths[c] = n
			}
		}
	}
	for c, w := range widths {
		width := float64(w) + 2
		if width > 60 {
			width = 60
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(rows) > 0 {
		return f.AutoFilter(sheet, "A1:"+cellName(len(headers)-1, len(rows)), nil)
	}
	return nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return name
}

// WriteDiffXLSX writes a comparison as an Excel workbook of two sheets:
//
//   - "Thay đổi": one row per task added, removed or changed under
//     DiffColumns, each field's old value beside its new one; the cells of
//     a removed task are filled red, of an added one green, and of a
//     changed task the fields that changed (old red, new green), the Thay
//     đổi cell yellow; Hạn hoàn thành cells are dates;
//   - "Tổng hợp": the two plans, the counts of tasks same, changed, added
//     and removed, how many tasks changed in each field, and the renamed
//     headings.
func WriteDiffXLSX(w io.Writer, res *diff.Result) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newDiffStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetDiffChanges); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetDiffSummary); err != nil {
		return err
	}
	rows := make([][]string, len(res.Changes))
	for i, ch := range res.Changes {
		rows[i] = diffRow(ch)
	}
	dateCols := map[int]bool{}
	for k, df := range diffFields {
		if df.header == "Hạn hoàn thành" {
			dateCols[2+2*k], dateCols[3+2*k] = true, true
		}
	}
	style := func(r, c int) int {
		ch := res.Changes[r]
		if c == 0 {
			switch ch.Op {
			case diff.Added:
				return st.new
			case diff.Removed:
				return st.old
			}
			return st.changed
		}
		k, isOld := (c-2)/2, (c-2)%2 == 0
		if c < 2 || k >= len(diffFields) {
			return st.text
		}
		marked := ch.Op == diff.Removed && isOld || ch.Op == diff.Added && !isOld ||
			ch.Op == diff.Changed && fieldChanged(ch, diffFields[k].field)
		switch {
		case marked && dateCols[c] && isOld:
			return st.oldDate
		case marked && dateCols[c]:
			return st.newDate
		case marked && isOld:
			return st.old
		case marked:
			return st.new
		case dateCols[c]:
			return st.date
		}
		return st.text
	}
	if err := diffSheet(f, st, SheetDiffChanges, DiffColumns, rows, style, dateCols); err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", SheetDiffChanges, err)
	}
	if err := diffSummarySheet(f, st, res); err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", SheetDiffSummary, err)
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func fieldChanged(ch diff.Change, field string) bool {
	for _, f := range ch.Fields {
		if f == field {
			return true
		}
	}
	return false
}

// diffSummarySheet writes the "Tổng hợp" sheet.
func diffSummarySheet(f *excelize.File, st diffStyles, res *diff.Result) error {
	s := res.Summary
	rows := [][]any{
		{"Bản cũ", res.Old},
		{"Bản mới", res.New},
		{"Giữ nguyên", s.Same},
		{"Thay đổi", s.Changed},
		{"Thêm", s.Added},
		{"Bỏ", s.Removed},
		{},
		{"Trường thay đổi", "Số nhiệm vụ"},
	}
	heads := []int{len(rows)}
	for _, field := range []string{diff.FieldContent, diff.FieldLead, diff.FieldSupport, diff.FieldDeadline,
		diff.FieldResult, diff.FieldNote, diff.FieldSection, diff.FieldAppendix} {
		n := 0
		for _, ch := range res.Changes {
			if fieldChanged(ch, field) {
				n++
			}
		}
		rows = append(rows, []any{diff.FieldLabels[field], n})
	}
	if len(res.Renamed) > 0 {
		rows = append(rows, []any{}, []any{"Đề mục đổi tên", "Cũ", "Mới", "Chỉ đánh số lại"})
		heads = append(heads, len(rows))
		for _, rn := range res.Renamed {
			kind := diff.FieldLabels[rn.Kind]
			yes := "không"
			if rn.Renumbered {
				yes = "có"
			}
			rows = append(rows, []any{kind, rn.Old, rn.New, yes})
		}
	}
	for r, row := range rows {
		for c, v := range row {
			if err := f.SetCellValue(SheetDiffSummary, cellName(c, r), v); err != nil {
				return err
			}
		}
	}
	// Bold labels in the first column; headers of the two tables filled.
	if err := f.SetCellStyle(SheetDiffSummary, "A1", cellName(0, len(rows)-1), st.bold); err != nil {
		return err
	}
	for _, h := range heads {
		if err := f.SetCellStyle(SheetDiffSummary, cellName(0, h-1), cellName(len(rows[h-1])-1, h-1), st.header); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(SheetDiffSummary, "A", "A", 20); err != nil {
		return err
	}
	return f.SetColWidth(SheetDiffSummary, "B", "D", 40)
}

// WriteAgencyDiffXLSX writes a comparison by agency (diff.ByAgency) as an
// Excel workbook of one sheet, "Theo cơ quan", under AgencyDiffColumns:
// rows of tasks gained filled green, of tasks lost red.
func WriteAgencyDiffXLSX(w io.Writer, changes []diff.AgencyChange) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newDiffStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetDiffAgency); err != nil {
		return err
	}
	rows, gained := agencyDiffRows(changes)
	due := len(AgencyDiffColumns) - 1
	style := func(r, c int) int {
		switch {
		case c == 0:
			return st.bold
		case c == 1 && gained[r]:
			return st.new
		case c == 1:
			return st.old
		case c == due:
			return st.date
		}
		return st.text
	}
	if err := diffSheet(f, st, SheetDiffAgency, AgencyDiffColumns, rows, style, map[int]bool{due: true}); err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", SheetDiffAgency, err)
	}
	return f.Write(w)
}
