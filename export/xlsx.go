package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kehoach/kehoach/parser"
)

// Names of the sheets WriteXLSX writes, in workbook order.
const (
	SheetTasks    = "Nhiệm vụ"
	SheetAgencies = "Theo cơ quan"
	SheetDocs     = "Văn bản"
	SheetWarnings = "Cảnh báo"
)

// AgencyColumns are the headers of the "Theo cơ quan" sheet.
var AgencyColumns = []string{
	"Cơ quan", "Vai trò", "Số nhiệm vụ", "Nguồn", "Phụ lục", "Mục", "STT", "Nội dung nhiệm vụ", "Thời hạn",
	"Hạn hoàn thành",
}

// DocumentColumns are the headers of the "Văn bản" sheet.
var DocumentColumns = []string{
	"Nguồn", "Số hiệu", "Loại văn bản", "Cơ quan ban hành", "Địa danh", "Ngày ban hành", "Trích yếu", "Người ký",
	"Số nhiệm vụ", "Số cảnh báo",
}

// WarningColumns are the headers of the "Cảnh báo" sheet.
var WarningColumns = []string{"Nguồn", "Số hiệu", "Cảnh báo"}

// Role labels of the "Theo cơ quan" sheet.
const (
	RoleLead    = "Chủ trì"
	RoleSupport = "Phối hợp"
)

// DateFormat is the number format of every date cell: day first, as
// Vietnamese readers write dates.
const DateFormat = "dd/mm/yyyy"

// WriteXLSX writes regs as one Excel workbook of four sheets:
//
//   - "Nhiệm vụ": one row per task under TaskColumns, registers in order,
//     the register's source in Nguồn; Hạn hoàn thành is a real date cell
//     shown dd/mm/yyyy (a due that is not an ISO date stays text);
//   - "Theo cơ quan": for each agency (its canonical name by opts.Agencies,
//     in Vietnamese collation order) a bold row with the number of tasks it
//     leads, followed by those tasks, then the same for the tasks it
//     supports; every row repeats the agency and the role so that the
//     autofilter can pick one;
//   - "Văn bản": each register's document metadata, with its numbers of
//     tasks and warnings;
//   - "Cảnh báo": every warning, with the register it came from.
//
// Every sheet has a bold header row that stays in view (frozen pane), an
// autofilter over the table, wrapped text and column widths fitted to the
// text (up to a width per column), and prints on A4 landscape pages one
// page wide with the header row repeated. The sheets are written through
// excelize's streaming writer; the workbook's document properties carry a
// title and opts.Now as creation time. The same registers and options give
// the same bytes. A cell holds at most 32,767 characters (Excel's limit);
// a longer text is cut there in the workbook, with a warning on the
// "Cảnh báo" sheet, where CSV and YAML keep it whole.
func WriteXLSX(w io.Writer, regs []*parser.Register, opts Options) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetTasks); err != nil {
		return err
	}
	for _, name := range []string{SheetAgencies, SheetDocs, SheetWarnings} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	// One sheet's cells at a time: each table is dropped once streamed.
	// The first sheet is the active one already; setting it again would
	// have excelize parse every streamed sheet back.
	var cut [][]any
	for _, table := range []func() sheetTable{
		func() sheetTable {
			s := tasksSheet(regs, st)
			cut = cutWarnings(s, st)
			return s
		},
		func() sheetTable { return agenciesSheet(regs, opts, st) },
		func() sheetTable { return documentsSheet(regs, st) },
		func() sheetTable {
			s := warningsSheet(regs, st)
			s.rows = append(s.rows, cut...)
			return s
		},
	} {
		s := table()
		if err := s.write(f, st); err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", s.name, err)
		}
	}
	now := opts.now().UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          workbookTitle(regs),
		Subject:        workbookSubject(regs),
		Creator:        "kehoach",
		LastModifiedBy: "kehoach",
		Created:        now,
		Modified:       now,
		Language:       "vi-VN",
	}); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return canonicalZip(w, buf.Bytes())
}

func workbookTitle(regs []*parser.Register) string {
	if len(regs) == 1 {
		d := regs[0].Document
		name := strings.TrimSpace(d.Type + " " + d.Number)
		if name == "" {
			name = regs[0].Source
		}
		return "Nhiệm vụ: " + name
	}
	return fmt.Sprintf("Nhiệm vụ: %d văn bản", len(regs))
}

func workbookSubject(regs []*parser.Register) string {
	if len(regs) == 1 {
		return regs[0].Document.Title
	}
	return ""
}

// xlsxStyles are the cell styles the workbook uses.
type xlsxStyles struct {
	header, text, bold, date, boldNumber, number int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt := DateFormat
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border: []excelize.Border{
				{Type: "bottom", Color: "808080", Style: 1},
			},
		}},
		{&st.text, excelize.Style{Alignment: top}},
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}},
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&st.number, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.boldNumber, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// sheetTable is one sheet's table: its header, its rows of cells, and the
// widest each column may grow.
type sheetTable struct {
	name     string
	headers  []string
	maxWidth []float64
	dateCols []int // 0-based columns of dates
	rows     [][]any
}

// write streams the table into its sheet, set up to print on A4 in
// landscape, as wide as one page, the header row on every page.
func (s sheetTable) write(f *excelize.File, st xlsxStyles) error {
	// The stream writer writes the sheet's properties when it is made, so
	// fit-to-page is set before.
	fit := true
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	// excelize puts each column set before those set earlier, and Excel
	// wants them in ascending order: set them from the last.
	widths := s.widths()
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
		style := st.text
		if slices.Contains(s.dateCols, i) {
			style = st.date
		}
		if err := sw.SetColStyle(i+1, i+1, style); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	header := make([]any, len(s.headers))
	for i, h := range s.headers {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, row := range s.rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(s.headers), max(len(s.rows), 1)+1)
	if err != nil {
		return err
	}
	// The stream writer writes the worksheet's autoFilter and page setup
	// when it is flushed, so they are set before.
	if err := f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return err
	}
	a4, landscape, wide, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: "'" + s.name + "'!$1:$1", Scope: s.name,
	}); err != nil {
		return err
	}
	return sw.Flush()
}

// widths fits each column to its longest text, header included, within
// the column's maximum; wrapped text takes the rest.
func (s sheetTable) widths() []float64 {
	longest := make([]int, len(s.headers))
	for i, h := range s.headers {
		// A header may wrap at its spaces, so its longest word is what
		// it needs at least.
		for _, word := range strings.Fields(h) {
			longest[i] = max(longest[i], utf8.RuneCountInString(word)+1)
		}
	}
	for _, row := range s.rows {
		for i, v := range row {
			if i < len(longest) {
				longest[i] = max(longest[i], cellTextWidth(v))
			}
		}
	}
	widths := make([]float64, len(s.headers))
	for i, n := range longest {
		widths[i] = min(float64(n)+2, s.maxWidth[i])
	}
	return widths
}

// cellTextWidth is the number of characters a cell shows on its longest
// line.
func cellTextWidth(v any) int {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	switch v := v.(type) {
	case string:
		n := 0
		for line := range strings.SplitSeq(v, "\n") {
			n = max(n, utf8.RuneCountInString(line))
		}
		return n
	case time.Time:
		return len("30/11/2025")
	case int:
		return len(fmt.Sprint(v))
	case nil:
		return 0
	}
	return len(fmt.Sprint(v))
}

// textCell is a text cell, or no cell at all for an empty text: the
// column's style then formats what a clerk types into it.
func textCell(st xlsxStyles, s string) any {
	if s == "" {
		return nil
	}
	return excelize.Cell{StyleID: st.text, Value: s}
}

// dateCell is a date cell for an ISO date, or a text cell holding s as is
// when s is not one.
func dateCell(st xlsxStyles, s string) any {
	if t, ok := parseDue(s); ok {
		return excelize.Cell{StyleID: st.date, Value: t}
	}
	return textCell(st, s)
}

// MaxCellChars is the most characters an Excel cell holds.
const MaxCellChars = 32767

// cutWarnings are the "Cảnh báo" rows for the cells of the task sheet too
// long for Excel, which excelize cuts at MaxCellChars.
func cutWarnings(s sheetTable, st xlsxStyles) [][]any {
	var rows [][]any
	for i, row := range s.rows {
		for j, v := range row {
			c, ok := v.(excelize.Cell)
			if !ok {
				continue
			}
			if text, ok := c.Value.(string); ok && utf8.RuneCountInString(text) > MaxCellChars {
				src, _ := row[colSource].(excelize.Cell)
				name, _ := src.Value.(string)
				rows = append(rows, []any{
					textCell(st, name), nil,
					textCell(st, fmt.Sprintf("Trang tính %s, dòng %d, cột %s: %d ký tự, Excel chỉ giữ %d ký tự đầu; bản CSV hoặc YAML giữ đủ",
						s.name, i+2, s.headers[j], utf8.RuneCountInString(text), MaxCellChars)),
				})
			}
		}
	}
	return rows
}

func tasksSheet(regs []*parser.Register, st xlsxStyles) sheetTable {
	s := sheetTable{
		name:     SheetTasks,
		headers:  TaskColumns,
		maxWidth: []float64{30, 14, 40, 8, 70, 35, 40, 25, 14, 18, 40, 30},
		dateCols: []int{colDue},
	}
	for _, reg := range regs {
		for i := range reg.Tasks {
			r := makeTaskRow(reg, &reg.Tasks[i])
			row := make([]any, numTaskColumns)
			for j, v := range r {
				row[j] = textCell(st, v)
			}
			row[colDue] = dateCell(st, r[colDue])
			s.rows = append(s.rows, row)
		}
	}
	return s
}

func agenciesSheet(regs []*parser.Register, opts Options, st xlsxStyles) sheetTable {
	s := sheetTable{
		name:     SheetAgencies,
		headers:  AgencyColumns,
		maxWidth: []float64{45, 10, 8, 30, 14, 30, 8, 70, 25, 14},
		dateCols: []int{9},
	}
	for _, a := range byAgency(regs, opts) {
		for _, group := range []struct {
			role  string
			tasks []taskRef
		}{{RoleLead, a.Lead}, {RoleSupport, a.Support}} {
			if len(group.tasks) == 0 {
				continue
			}
			s.rows = append(s.rows, []any{
				excelize.Cell{StyleID: st.bold, Value: a.Name},
				excelize.Cell{StyleID: st.bold, Value: group.role},
				excelize.Cell{StyleID: st.boldNumber, Value: len(group.tasks)},
			})
			for _, ref := range group.tasks {
				t := ref.task
				s.rows = append(s.rows, []any{
					textCell(st, a.Name),
					textCell(st, group.role),
					nil,
					textCell(st, ref.reg.Source),
					textCell(st, t.Appendix),
					textCell(st, t.Section),
					textCell(st, t.STT),
					textCell(st, t.Content),
					textCell(st, t.Deadline.Text),
					dateCell(st, t.Deadline.Due),
				})
			}
		}
	}
	return s
}

func documentsSheet(regs []*parser.Register, st xlsxStyles) sheetTable {
	s := sheetTable{
		name:     SheetDocs,
		headers:  DocumentColumns,
		maxWidth: []float64{30, 18, 14, 40, 16, 14, 70, 25, 12, 12},
		dateCols: []int{5},
	}
	for _, reg := range regs {
		d := reg.Document
		s.rows = append(s.rows, []any{
			textCell(st, reg.Source),
			textCell(st, d.Number),
			textCell(st, d.Type),
			textCell(st, d.Issuer),
			textCell(st, d.Place),
			dateCell(st, d.Date),
			textCell(st, d.Title),
			textCell(st, d.Signer),
			excelize.Cell{StyleID: st.number, Value: len(reg.Tasks)},
			excelize.Cell{StyleID: st.number, Value: len(reg.Warnings)},
		})
	}
	return s
}

func warningsSheet(regs []*parser.Register, st xlsxStyles) sheetTable {
	s := sheetTable{
		name:     SheetWarnings,
		headers:  WarningColumns,
		maxWidth: []float64{30, 18, 100},
	}
	for _, reg := range regs {
		for _, w := range reg.Warnings {
			s.rows = append(s.rows, []any{
				textCell(st, reg.Source),
				textCell(st, reg.Document.Number),
				textCell(st, w),
			})
		}
	}
	return s
}

// canonicalZip copies the zip archive data to w with its entries in one
// fixed order, [Content_Types].xml first and the rest by name: excelize
// writes streamed sheets in map order, which would make the same workbook
// come out as different bytes. Entries are copied compressed as they are.
func canonicalZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		ac, bc := a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml"
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		fh := f.FileHeader
		out, err := zw.CreateRaw(&fh)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}
