package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kehoach/kehoach/parser"
)

// seedRegister parses seeds/001 (the clean web-database text of a plan)
// when the seed is at hand and the parser finds its tasks; nil otherwise.
func seedRegister(t *testing.T) *parser.Register {
	t.Helper()
	var path string
	for _, pattern := range []string{"../testdata/seeds/001*.txt", "/work/shared/seeds/001_*.txt"} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			path = m[0]
			break
		}
	}
	if path == "" {
		t.Log("seeds/001 not found; its workbook is not checked")
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := parser.ParseBytes(data, "seeds/001.txt")
	if err != nil {
		t.Fatalf("seeds/001: %v", err)
	}
	if len(reg.Tasks) == 0 {
		t.Log("the parser finds no tasks in seeds/001 yet; its workbook is not checked")
		return nil
	}
	return reg
}

// TestLibreOffice has LibreOffice (soffice, from the Debian package
// libreoffice-calc-nogui) open the workbooks and save every sheet as CSV,
// then compares every cell with what excelize reads and, for the task
// sheet, with the registers themselves. Skipped without soffice or with
// -short.
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (apt-get install libreoffice-calc-nogui)")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped with -short")
	}
	t.Parallel() // each run has its own LibreOffice profile
	_, fixture := readFixture(t)
	cases := map[string][]*parser.Register{"fixture": fixture}
	if reg := seedRegister(t); reg != nil {
		cases["seed001"] = []*parser.Register{reg}
	}
	if data, err := os.ReadFile("../testdata/diff/458-web.register.yaml"); err == nil {
		if regs, err := ReadRegisters(bytes.NewReader(data), "458-web.register.yaml"); err == nil {
			cases["458web"] = regs
		}
	}

	dir := t.TempDir()
	var files []string
	books := map[string][]byte{}
	for name, regs := range cases {
		data := writeXLSX(t, regs, testOptions())
		books[name] = data
		path := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	slices.Sort(files)
	// Filter options: comma, double quote, UTF-8 (76), from line 1, cells
	// as shown (so dates come out dd/mm/yyyy), every sheet to its own file
	// (-1, LibreOffice 7.2 and later).
	args := append([]string{
		"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		"--outdir", filepath.Join(dir, "out"),
	}, files...)
	cmd := exec.Command(soffice, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	for name, regs := range cases {
		f := openXLSX(t, books[name])
		for _, sheet := range f.GetSheetList() {
			csvPath := filepath.Join(dir, "out", name+"-"+sheet+".csv")
			data, err := os.ReadFile(csvPath)
			if err != nil {
				t.Errorf("%s: LibreOffice wrote no CSV for sheet %s: %v", name, sheet, err)
				continue
			}
			lo, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("%s/%s: %v", name, sheet, err)
			}
			ex, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			compareTables(t, name+"/"+sheet+" (LibreOffice vs excelize)", trimTable(lo), trimTable(ex))
			t.Logf("%s/%s: %d rows compared", name, sheet, len(lo))
			if sheet == SheetTasks {
				compareTables(t, name+"/"+sheet+" (LibreOffice vs register)", trimTable(lo), trimTable(expectedTaskTable(regs)))
			}
		}
	}
}

// expectedTaskTable is the "Nhiệm vụ" sheet as a spreadsheet shows it.
func expectedTaskTable(regs []*parser.Register) [][]string {
	table := [][]string{TaskColumns}
	for _, reg := range regs {
		for i := range reg.Tasks {
			row := makeTaskRow(reg, &reg.Tasks[i])
			if d, ok := parseDue(row[colDue]); ok {
				row[colDue] = d.Format("02/01/2006")
			}
			table = append(table, row[:])
		}
	}
	return table
}

// trimTable drops empty cells at the ends of rows and empty rows at the
// end, which readers differ on.
func trimTable(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		n := len(row)
		for n > 0 && row[n-1] == "" {
			n--
		}
		out[i] = row[:n]
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

func compareTables(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range min(len(got), len(want)) {
		if !slices.Equal(got[i], want[i]) {
			bad++
			if bad <= 5 {
				t.Errorf("%s: row %d\n got %q\nwant %q", what, i+1, got[i], want[i])
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d rows differ", what, bad)
	}
}

// TestLibreOfficeCSV has LibreOffice read the CSV export (with its BOM) and
// save it again as CSV, and wants every cell back: Vietnamese, quotes,
// commas and line breaks intact.
func TestLibreOfficeCSV(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (apt-get install libreoffice-calc-nogui)")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped with -short")
	}
	t.Parallel() // each run has its own LibreOffice profile
	_, regs := readFixture(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, regs, testOptions()); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Import: comma, quote, UTF-8, line 1, every column text (so that
	// LibreOffice keeps "1" and "2025-11-30" as written); export as shown.
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter=CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2/12/2",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", filepath.Join(dir, "out"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "in.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lo, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := readCSV(t, buf.Bytes())
	compareTables(t, "CSV through LibreOffice", trimTable(lo), trimTable(want))
	if !strings.Contains(string(data), "Ủy ban nhân dân các xã, phường") {
		t.Error("Vietnamese lost through LibreOffice")
	}

	// Opened with the default column types, as a clerk would, the ISO due
	// dates are read as dates.
	cmd = exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "xlsx"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	book, err := os.ReadFile(filepath.Join(dir, "xlsx", "in.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, book)
	sheet := f.GetSheetList()[0]
	raw, _ := f.GetCellValue(sheet, "I2", excelize.Options{RawCellValue: true})
	if raw != "45991" { // 2025-11-30
		t.Errorf("LibreOffice reads the due 2025-11-30 as %q, not as a date", raw)
	}
	if v, _ := f.GetCellValue(sheet, "E2"); v != regs[0].Tasks[0].Content {
		t.Errorf("E2 = %q", v)
	}
}
