package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser"
)

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v\n%s", err, data)
	}
	return records
}

func TestCSVRoundTrip(t *testing.T) {
	awkward := `Ghi "chú", có dấu phẩy; chấm phẩy` + "\n" + `dòng hai\ và ký tự đặc biệt`
	reg := &parser.Register{Source: "a, b.pdf", Tasks: []parser.Task{{
		Appendix: "Phụ lục II", Section: "I. Chỉ đạo", STT: "1", Content: awkward,
		Lead:     []string{"Sở KH&CN", "Các sở, ban, ngành"},
		Support:  []string{`Văn phòng "UBND"`},
		Deadline: parser.Deadline{Text: "Quý IV/2025", Kind: "quarter", Due: "2025-12-31"},
		Result:   " khoảng trắng đầu", Note: "dòng một\r\ndòng hai\rdòng ba",
	}, {STT: "2", Content: "=1+1", Lead: []string{}, Support: []string{}}}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []*parser.Register{reg}, testOptions()); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("CSV has no byte-order mark")
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
		t.Error("CSV lines do not all end with CRLF")
	}
	got := readCSV(t, data)
	want := [][]string{
		TaskColumns,
		{"a, b.pdf", "Phụ lục II", "I. Chỉ đạo", "1", awkward, "Sở KH&CN; Các sở, ban, ngành", `Văn phòng "UBND"`,
			"Quý IV/2025", "2025-12-31", "quý", " khoảng trắng đầu", "dòng một\ndòng hai\ndòng ba"},
		{"a, b.pdf", "", "", "2", "=1+1", "", "", "", "", "", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("read %d records, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("record %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}

func TestCSVNoBOM(t *testing.T) {
	_, regs := readFixture(t)
	opts := testOptions()
	opts.BOM = false
	var buf bytes.Buffer
	if err := Write(&buf, "csv", regs, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "Nguồn,Phụ lục,") {
		t.Errorf("CSV without BOM starts %q", buf.String()[:20])
	}
	records := readCSV(t, buf.Bytes())
	n := 0
	for _, reg := range regs {
		n += len(reg.Tasks)
	}
	if len(records) != n+1 {
		t.Errorf("%d records for %d tasks", len(records), n)
	}
	// Several registers make one table, each row with its source.
	if records[1][colSource] != regs[0].Source || records[n][colSource] != regs[1].Source {
		t.Errorf("Nguồn column: %q … %q", records[1][colSource], records[n][colSource])
	}
}

func TestCSVSemicolon(t *testing.T) {
	_, regs := readFixture(t)
	opts := testOptions()
	opts.Comma = ';'
	var buf bytes.Buffer
	if err := WriteCSV(&buf, regs, opts); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff"))))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := records[1][colSupport]; got != "Sở Tư pháp; Các sở, ban, ngành" {
		t.Errorf("support read back as %q", got)
	}
	opts.Comma = '"'
	if err := WriteCSV(&buf, regs, opts); err == nil {
		t.Error("a quote accepted as separator")
	}
}
