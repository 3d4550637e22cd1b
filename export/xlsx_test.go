package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/parser"
)

func writeXLSX(t testing.TB, regs []*parser.Register, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, regs, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openXLSX(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetXML is the worksheet XML of the named sheet, straight from the zip.
func sheetXML(t *testing.T, data []byte, f *excelize.File, sheet string) string {
	t.Helper()
	idx, err := f.GetSheetIndex(sheet)
	if err != nil || idx < 0 {
		t.Fatalf("no sheet %s", sheet)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, _ := io.ReadAll(rc)
	return string(b)
}

// dumpWorkbook prints every sheet of a workbook as its cells show them, one
// quoted row per line, for golden comparison.
func dumpWorkbook(t *testing.T, data []byte) []byte {
	t.Helper()
	f := openXLSX(t, data)
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "title %q subject %q created %q\n", props.Title, props.Subject, props.Created)
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			q := make([]string, len(row))
			for i, v := range row {
				q[i] = strconv.Quote(v)
			}
			b.WriteString(strings.Join(q, " ") + "\n")
		}
	}
	return []byte(b.String())
}

func TestXLSXSheets(t *testing.T) {
	_, regs := readFixture(t)
	data := writeXLSX(t, regs, testOptions())
	f := openXLSX(t, data)

	if got, want := f.GetSheetList(), []string{SheetTasks, SheetAgencies, SheetDocs, SheetWarnings}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rows, err := f.GetRows(SheetTasks)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], TaskColumns) {
		t.Errorf("header %q", rows[0])
	}
	n := 0
	for _, reg := range regs {
		for i := range reg.Tasks {
			n++
			want := makeTaskRow(reg, &reg.Tasks[i])
			if d, ok := parseDue(want[colDue]); ok {
				want[colDue] = d.Format("02/01/2006")
			}
			got := make([]string, numTaskColumns)
			copy(got, rows[n])
			if !slices.Equal(got, want[:]) {
				t.Errorf("row %d:\n got %q\nwant %q", n+1, got, want)
			}
		}
	}
	if len(rows) != n+1 {
		t.Errorf("%d rows for %d tasks", len(rows), n)
	}

	for _, sheet := range f.GetSheetList() {
		// Bold header, frozen below it, autofilter over the table.
		style, err := f.GetCellStyle(sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(style)
		if err != nil || s.Font == nil || !s.Font.Bold {
			t.Errorf("%s: header is not bold", sheet)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, want the header row frozen", sheet, panes)
		}
		cols, _ := f.GetCols(sheet)
		lastCol, _ := excelize.ColumnNumberToName(len(cols))
		rows, _ := f.GetRows(sheet)
		wantRef := regexp.MustCompile(fmt.Sprintf(`<autoFilter ref="\$?A\$?1:\$?%s\$?%d"`, lastCol, max(len(rows), 2)))
		if xml := sheetXML(t, data, f, sheet); !wantRef.MatchString(xml) {
			t.Errorf("%s: no %s in the sheet", sheet, wantRef)
		}
		// Excel wants <col> elements in ascending order.
		colMin := regexp.MustCompile(`<col min="(\d+)"`)
		var mins []int
		for _, m := range colMin.FindAllStringSubmatch(sheetXML(t, data, f, sheet), -1) {
			n, _ := strconv.Atoi(m[1])
			mins = append(mins, n)
		}
		if len(mins) != len(cols) || !slices.IsSorted(mins) {
			t.Errorf("%s: <col> elements in order %v", sheet, mins)
		}
		filtered := false
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet {
				filtered = true
			}
		}
		if !filtered {
			t.Errorf("%s: no _FilterDatabase name for the autofilter", sheet)
		}
		// Printing: A4 landscape, one page wide, header row on every page.
		layout, err := f.GetPageLayout(sheet)
		if err != nil || layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" ||
			layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v %v", sheet, layout, err)
		}
		titles := false
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: the header row is not repeated on printed pages", sheet)
		}
		if props, err := f.GetSheetProps(sheet); err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: sheet not fitted to the page", sheet)
		}
		// Widths fitted: every column set, none wider than the widest
		// allowed.
		for i := range cols {
			name, _ := excelize.ColumnNumberToName(i + 1)
			w, _ := f.GetColWidth(sheet, name)
			if w < 4 || w > 100 {
				t.Errorf("%s: column %s width %v", sheet, name, w)
			}
		}
	}

	// Due dates are numbers shown dd/mm/yyyy; a due that is not ISO stays
	// text.
	dueCol, _ := excelize.ColumnNumberToName(colDue + 1)
	for row, want := range map[int]string{2: "30/11/2025", 3: "31/12/2025", 6: "20/12/2025", 8: "30/06/2026"} {
		cell := fmt.Sprintf("%s%d", dueCol, row)
		raw, _ := f.GetCellValue(SheetTasks, cell, excelize.Options{RawCellValue: true})
		if _, err := strconv.Atoi(raw); err != nil {
			t.Errorf("%s raw value %q, want a date serial number", cell, raw)
		}
		if got, _ := f.GetCellValue(SheetTasks, cell); got != want {
			t.Errorf("%s shows %q, want %q", cell, got, want)
		}
		style, _ := f.GetCellStyle(SheetTasks, cell)
		s, _ := f.GetStyle(style)
		if s.CustomNumFmt == nil || *s.CustomNumFmt != DateFormat {
			t.Errorf("%s number format %v, want %s", cell, s.CustomNumFmt, DateFormat)
		}
	}
	notISO := fmt.Sprintf("%s%d", dueCol, 9)
	if typ, _ := f.GetCellType(SheetTasks, notISO); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
		raw, _ := f.GetCellValue(SheetTasks, notISO, excelize.Options{RawCellValue: true})
		if raw != "31/12/2026" {
			t.Errorf("%s = %q, want the text 31/12/2026", notISO, raw)
		}
	}
	// Wrapped text in the data cells.
	style, _ := f.GetCellStyle(SheetTasks, "E2")
	if s, _ := f.GetStyle(style); s.Alignment == nil || !s.Alignment.WrapText {
		t.Error("content cells do not wrap")
	}

	props, err := f.GetDocProps()
	if err != nil || props.Title != "Nhiệm vụ: 2 văn bản" || props.Creator != "kehoach" {
		t.Errorf("document properties %+v", props)
	}

	docs, _ := f.GetRows(SheetDocs)
	if len(docs) != 3 || docs[1][1] != "12/KH-UBND" || docs[1][5] != "15/10/2025" || docs[1][8] != "6" {
		t.Errorf("Văn bản sheet %q", docs)
	}
	warns, _ := f.GetRows(SheetWarnings)
	if len(warns) != 2 || warns[1][0] != regs[0].Source || warns[1][2] != regs[0].Warnings[0] {
		t.Errorf("Cảnh báo sheet %q", warns)
	}
}

// agencyGroups reads the bold group rows of the "Theo cơ quan" sheet as
// "agency/role/count".
func agencyGroups(t *testing.T, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows(SheetAgencies)
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, row := range rows[1:] {
		if len(row) > 2 && row[2] != "" {
			groups = append(groups, row[0]+"/"+row[1]+"/"+row[2])
		}
	}
	return groups
}

func TestXLSXAgencies(t *testing.T) {
	_, regs := readFixture(t)
	f := openXLSX(t, writeXLSX(t, regs, testOptions()))
	// Vietnamese order: a < ă < â … o < ô < ơ … u < ư, đ after d, Ủ after
	// S; byte order would put Bưu before Bộ and Đài, Ủy after Sở.
	want := []string{
		"Ban Quản lý Khu kinh tế tỉnh/Phối hợp/1",
		"Bộ Công an/Phối hợp/1",
		"Bưu điện tỉnh/Chủ trì/1",
		"Các sở, ban, ngành/Phối hợp/1",
		"Công an tỉnh/Chủ trì/1",
		"Đài Phát thanh và Truyền hình tỉnh/Chủ trì/1",
		"Sở KH&CN/Chủ trì/2",
		"Sở KH&CN/Phối hợp/2",
		"Sở Nội vụ/Phối hợp/1",
		"Sở Tài chính/Chủ trì/1",
		"Sở Tư pháp/Phối hợp/1",
		"Ủy ban MTTQ Việt Nam tỉnh/Phối hợp/1",
		"Ủy ban nhân dân các xã, phường/Chủ trì/2",
	}
	if got := agencyGroups(t, f); !slices.Equal(got, want) {
		t.Errorf("agency groups:\n got %q\nwant %q", got, want)
	}
	rows, _ := f.GetRows(SheetAgencies)
	// The group of Sở KH&CN as lead lists its two tasks, with their due
	// dates.
	for i, row := range rows {
		if len(row) > 2 && row[0] == "Sở KH&CN" && row[1] == RoleLead && row[2] == "2" {
			next := [][]string{rows[i+1], rows[i+2]}
			if next[0][6] != "1" || next[0][9] != "30/11/2025" || next[1][7] != `Cập nhật C:\du-lieu; sao lưu định kỳ` {
				t.Errorf("tasks led by Sở KH&CN: %q", next)
			}
		}
	}
}

// mapAgencies is a Canonicalizer from a table.
type mapAgencies map[string]string

func (m mapAgencies) Canonical(name, issuer string) string {
	if c, ok := m[name]; ok {
		return c
	}
	if name == "Công an tỉnh" && strings.HasSuffix(issuer, "Quảng Trị") {
		return "Công an tỉnh Quảng Trị"
	}
	return name
}

func TestXLSXCanonicalAgencies(t *testing.T) {
	_, regs := readFixture(t)
	opts := testOptions()
	opts.Agencies = mapAgencies{
		"Sở KH&CN":      "Sở Khoa học và Công nghệ",
		"Bưu điện tỉnh": "Sở Khoa học và Công nghệ", // two names, one body: one group, tasks once
	}
	f := openXLSX(t, writeXLSX(t, regs, opts))
	groups := agencyGroups(t, f)
	for _, want := range []string{
		"Công an tỉnh Quảng Trị/Chủ trì/1",
		"Sở Khoa học và Công nghệ/Chủ trì/2",
		"Sở Khoa học và Công nghệ/Phối hợp/2",
	} {
		if !slices.Contains(groups, want) {
			t.Errorf("no group %s in %q", want, groups)
		}
	}
	for _, g := range groups {
		if strings.HasPrefix(g, "Sở KH&CN/") || strings.HasPrefix(g, "Bưu điện") {
			t.Errorf("agency not canonicalised: %s", g)
		}
	}
	// The task sheet keeps the names as printed.
	if v, _ := f.GetCellValue(SheetTasks, "F6"); v != "Sở KH&CN; Bưu điện tỉnh" {
		t.Errorf("F6 = %q", v)
	}
}

func TestXLSXOneRegisterAndEmpty(t *testing.T) {
	_, regs := readFixture(t)
	f := openXLSX(t, writeXLSX(t, regs[:1], testOptions()))
	if props, _ := f.GetDocProps(); props.Title != "Nhiệm vụ: Kế hoạch 12/KH-UBND" {
		t.Errorf("title %q", props.Title)
	}
	empty := &parser.Register{Source: "empty.txt", Tasks: []parser.Task{}, Warnings: []string{}}
	f = openXLSX(t, writeXLSX(t, []*parser.Register{empty}, testOptions()))
	rows, _ := f.GetRows(SheetTasks)
	if len(rows) != 1 {
		t.Errorf("empty register gives rows %q", rows)
	}
}

var zipNames = regexp.MustCompile(`(?s)^\[Content_Types\]\.xml\n`)

func TestXLSXZipOrder(t *testing.T) {
	_, regs := readFixture(t)
	data := writeXLSX(t, regs, testOptions())
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !zipNames.MatchString(strings.Join(names, "\n")) || !slices.IsSorted(names[1:]) {
		t.Errorf("zip entries in order %q", names)
	}
}

// The agency lexicon is what the command line passes as Options.Agencies.
var _ Canonicalizer = (*agency.Lexicon)(nil)

func TestByAgencyLexicon(t *testing.T) {
	reg := &parser.Register{Document: parser.Document{Issuer: "Ủy ban nhân dân tỉnh Quảng Trị"}, Tasks: []parser.Task{
		{STT: "1", Lead: []string{"Sở KH&CN"}},
		{STT: "2", Lead: []string{"Sở Khoa học và Công nghệ"}, Support: []string{"Sở KH&CN"}},
	}}
	opts := testOptions()
	opts.Agencies = agency.Default()
	groups := byAgency([]*parser.Register{reg}, opts)
	if len(groups) != 1 || len(groups[0].Lead) != 2 || len(groups[0].Support) != 1 {
		for _, g := range groups {
			t.Logf("%q: %d lead, %d support", g.Name, len(g.Lead), len(g.Support))
		}
		t.Fatal("Sở KH&CN and Sở Khoa học và Công nghệ not one agency")
	}
	t.Logf("canonical name %q", groups[0].Name)
}

func TestXLSXLongCell(t *testing.T) {
	long := strings.Repeat("Nội dung rất dài. ", 2000) // 36,000 characters
	reg := &parser.Register{Source: "long.txt", Tasks: []parser.Task{{STT: "1", Content: long}}}
	f := openXLSX(t, writeXLSX(t, []*parser.Register{reg}, testOptions()))
	got, _ := f.GetCellValue(SheetTasks, "E2")
	if n := utf8.RuneCountInString(got); n != MaxCellChars || !strings.HasPrefix(long, got) {
		t.Errorf("E2 holds %d characters", n)
	}
	rows, _ := f.GetRows(SheetWarnings)
	if len(rows) != 2 || rows[1][0] != "long.txt" || !strings.Contains(rows[1][2], "dòng 2, cột Nội dung nhiệm vụ: 36000 ký tự") {
		t.Errorf("warnings %q", rows)
	}
}
