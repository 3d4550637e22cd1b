package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kehoach/kehoach/parser"
	"github.com/kehoach/kehoach/parser/diff"
)

// diffFixture reads one register of testdata/diff.
func diffFixture(t *testing.T, name string) *parser.Register {
	t.Helper()
	path := filepath.Join("..", "testdata", "diff", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	regs, err := ReadRegisters(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return regs[0]
}

// diffPlans compares the 458 plan with a version of it that drops task 5,
// adds a task, moves the deadline of task 9 and reassigns task 7, on top of
// the PDF's spelling of task 2.
func diffPlans(t *testing.T) *diff.Result {
	old := diffFixture(t, "458-web.register.yaml")
	n := diffFixture(t, "458-pdf.register.yaml")
	ts := n.Tasks
	ts[8].Deadline = parser.Deadline{Text: "Tháng 12/2025", Kind: "month", Due: "2025-12-31"}
	ts[6].Lead = []string{"Sở Nội vụ"}
	added := parser.Task{Appendix: "Phụ lục", STT: "11", Content: "Tổ chức hội nghị sơ kết một năm thực hiện Nghị quyết",
		Lead: []string{"Văn phòng UBND thành phố"}, Support: []string{}, Deadline: parser.Deadline{Text: "15/12/2025", Kind: "date", Due: "2025-12-15"}}
	n.Tasks = append(append(append([]parser.Task{}, ts[:4]...), ts[5:]...), added)
	return diff.Compare(old, n, diff.Options{})
}

func TestWriteDiffCSV(t *testing.T) {
	res := diffPlans(t)
	var b bytes.Buffer
	if err := WriteDiffCSV(&b, res, true); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], DiffColumns) {
		t.Errorf("header = %q", rows[0])
	}
	col := func(h string) int {
		for i, c := range DiffColumns {
			if c == h {
				return i
			}
		}
		t.Fatalf("no column %q", h)
		return -1
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0]+"|"+r[1]+"|"+r[col("STT (cũ)")]+"|"+r[col("STT (mới)")])
	}
	want := []string{
		"thay đổi|nội dung|2|2",
		"bỏ||5|",
		"thay đổi|chủ trì|7|7",
		"thay đổi|thời hạn|9|9",
		"thêm|||11",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	typo := rows[1]
	if !strings.Contains(typo[col("Nội dung nhiệm vụ (cũ)")], "hang thiết bị") || !strings.Contains(typo[col("Nội dung nhiệm vụ (mới)")], "trang thiết bị") {
		t.Errorf("content cells: %q", typo)
	}
	if d := typo[col("Chi tiết")]; !strings.Contains(d, "[-hang-] {+trang+}") {
		t.Errorf("detail = %q", d)
	}
	if d := rows[4][col("Chi tiết")]; d != "thời hạn: muộn hơn 31 ngày" {
		t.Errorf("deadline detail = %q", d)
	}
	if r := rows[3]; r[col("Cơ quan chủ trì (cũ)")] != "Sở Tài chính" || r[col("Cơ quan chủ trì (mới)")] != "Sở Nội vụ" || r[col("Chi tiết")] != "chủ trì: −Sở Tài chính, +Sở Nội vụ" {
		t.Errorf("lead row = %q", r)
	}

	b.Reset()
	if err := WriteDiffCSV(&b, res, false); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b.Bytes(), []byte("\ufeff")) {
		t.Error("byte-order mark without bom")
	}
}

func TestWriteDiffXLSX(t *testing.T) {
	res := diffPlans(t)
	var b bytes.Buffer
	if err := WriteDiffXLSX(&b, res); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetDiffChanges, SheetDiffSummary}) {
		t.Errorf("sheets = %q", got)
	}
	rows, err := f.GetRows(SheetDiffChanges)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], DiffColumns) || len(rows) != 6 {
		t.Fatalf("changes sheet: %d rows, header %q", len(rows), rows[0])
	}
	color := func(cell string) string {
		id, err := f.GetCellStyle(SheetDiffChanges, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) == 0 {
			return ""
		}
		c := strings.ToUpper(st.Fill.Color[0])
		return c[len(c)-6:]
	}
	at := func(header string, row int) string {
		for i, h := range DiffColumns {
			if h == header {
				return cellName(i, row)
			}
		}
		t.Fatalf("no column %q", header)
		return ""
	}
	// Row 1 (the typo): content old red, new green; lead not highlighted.
	checks := []struct {
		cell, want string
	}{
		{at("Thay đổi", 1), diffFillChanged},
		{at("Nội dung nhiệm vụ (cũ)", 1), diffFillOld},
		{at("Nội dung nhiệm vụ (mới)", 1), diffFillNew},
		{at("Cơ quan chủ trì (cũ)", 1), ""},
		{at("Thời hạn (mới)", 1), ""},
		// Row 2 (removed): old cells red, new cells plain.
		{at("Thay đổi", 2), diffFillOld},
		{at("Nội dung nhiệm vụ (cũ)", 2), diffFillOld},
		{at("Nội dung nhiệm vụ (mới)", 2), ""},
		// Row 3 (lead): only the lead pair.
		{at("Cơ quan chủ trì (cũ)", 3), diffFillOld},
		{at("Cơ quan chủ trì (mới)", 3), diffFillNew},
		{at("Nội dung nhiệm vụ (mới)", 3), ""},
		// Row 4 (deadline): the deadline text and due pairs.
		{at("Thời hạn (cũ)", 4), diffFillOld},
		{at("Hạn hoàn thành (mới)", 4), diffFillNew},
		{at("Cơ quan phối hợp (mới)", 4), ""},
		// Row 5 (added): new cells green.
		{at("Thay đổi", 5), diffFillNew},
		{at("Nội dung nhiệm vụ (mới)", 5), diffFillNew},
		{at("Nội dung nhiệm vụ (cũ)", 5), ""},
	}
	for _, c := range checks {
		if got := color(c.cell); got != c.want {
			t.Errorf("%s fill = %q, want %q", c.cell, got, c.want)
		}
	}
	// Due dates are date cells, shown day first.
	due := at("Hạn hoàn thành (mới)", 4)
	if v, _ := f.GetCellValue(SheetDiffChanges, due); v != "31/12/2025" {
		t.Errorf("%s = %q, want 31/12/2025", due, v)
	}
	if v, _ := f.GetCellValue(SheetDiffChanges, due, excelize.Options{RawCellValue: true}); v != "46022" {
		t.Errorf("%s raw = %q, want the serial date 46022", due, v)
	}
	sum, err := f.GetRows(SheetDiffSummary)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Bản cũ", "seeds/001_686e11acc7bee55f.txt"},
		{"Bản mới", "seeds/002_5ae5653f6921945f.txt"},
		{"Giữ nguyên", "6"},
		{"Thay đổi", "3"},
		{"Thêm", "1"},
		{"Bỏ", "1"},
	}
	if !reflect.DeepEqual(sum[:6], want) {
		t.Errorf("summary = %q", sum[:6])
	}
	if !reflect.DeepEqual(sum[7], []string{"Trường thay đổi", "Số nhiệm vụ"}) || !reflect.DeepEqual(sum[8], []string{"nội dung", "1"}) {
		t.Errorf("field counts = %q", sum[7:])
	}
}

func TestWriteAgencyDiff(t *testing.T) {
	by := diff.ByAgency(diffPlans(t))
	var b bytes.Buffer
	if err := WriteAgencyDiffCSV(&b, by, false); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, strings.Join(r[:4], "|")+"|"+r[6])
	}
	want := []string{
		"Các sở, ban, ngành|Bớt đi|phối hợp|nhiệm vụ bị bỏ|5",
		"Sở Nội vụ|Nhận thêm|chủ trì|giao lại|7",
		"Sở Tài chính|Bớt đi|chủ trì|giao lại|7",
		"UBND các xã, phường|Bớt đi|phối hợp|nhiệm vụ bị bỏ|5",
		"Văn phòng UBND thành phố|Nhận thêm|chủ trì|nhiệm vụ mới|11",
		"Văn phòng UBND thành phố|Bớt đi|chủ trì|nhiệm vụ bị bỏ|5",
	}
	if !reflect.DeepEqual(rows[0], AgencyDiffColumns) || !reflect.DeepEqual(got, want) {
		t.Errorf("by agency CSV:\n got %q\nwant %q", got, want)
	}
	b.Reset()
	if err := WriteAgencyDiffXLSX(&b, by); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xr, err := f.GetRows(SheetDiffAgency)
	if err != nil {
		t.Fatal(err)
	}
	if len(xr) != len(rows) || xr[2][0] != "Sở Nội vụ" || xr[2][1] != "Nhận thêm" {
		t.Errorf("by agency sheet = %q", xr)
	}
}
