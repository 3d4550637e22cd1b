package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kehoach/kehoach/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/export")

// fixtureDir holds the export fixtures: sample.register.yaml, a hand-made
// list of two registers with the awkward cases (quotes, commas, line
// breaks, backslashes, a leading "=", agencies whose Vietnamese order is not
// their byte order, a due that is not ISO), and the golden outputs.
const fixtureDir = "../testdata/export"

// fixedNow is the time every test stamps into its output.
func fixedNow() time.Time { return time.Date(2025, 12, 1, 8, 30, 0, 0, time.UTC) }

func testOptions() Options {
	o := DefaultOptions()
	o.Now = fixedNow
	return o
}

func readFixture(t testing.TB) ([]byte, []*parser.Register) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, "sample.register.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	regs, err := ReadRegisters(bytes.NewReader(data), "sample.register.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data, regs
}

// golden compares got with the golden file name, or rewrites it under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(fixtureDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestFormatFromPath(t *testing.T) {
	for path, want := range map[string]string{
		"out.yaml": "yaml", "a/b.YML": "yaml", "r.json": "json", "t.csv": "csv",
		"Book.XLSX": "xlsx", "cal.ics": "ics", "x.txt": "", "noext": "", "x.xls": "",
	} {
		got, ok := FormatFromPath(path)
		if got != want || ok != (want != "") {
			t.Errorf("FormatFromPath(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
	for _, f := range Formats {
		if got, ok := FormatFromPath("x." + f); !ok || got != f {
			t.Errorf("format %s has no extension", f)
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "pdf", nil, testOptions()); err == nil {
		t.Error("Write accepted format pdf")
	}
}

func TestKindLabel(t *testing.T) {
	for _, c := range []struct {
		d    parser.Deadline
		want string
	}{
		{parser.Deadline{Kind: "date"}, "ngày"},
		{parser.Deadline{Kind: "month"}, "tháng"},
		{parser.Deadline{Kind: "quarter"}, "quý"},
		{parser.Deadline{Kind: "year"}, "năm"},
		{parser.Deadline{Kind: "before"}, "trước ngày"},
		{parser.Deadline{Kind: "recurring"}, "định kỳ"},
		{parser.Deadline{Kind: "recurring", Every: "week"}, "định kỳ hằng tuần"},
		{parser.Deadline{Kind: "recurring", Every: "month"}, "định kỳ hằng tháng"},
		{parser.Deadline{Kind: "recurring", Every: "quarter"}, "định kỳ hằng quý"},
		{parser.Deadline{Kind: "recurring", Every: "year"}, "định kỳ hằng năm"},
		{parser.Deadline{Kind: "ongoing"}, "thường xuyên"},
		{parser.Deadline{Kind: "event"}, "sự kiện"},
		{parser.Deadline{Kind: "text"}, "khác"},
		{parser.Deadline{Kind: ""}, ""},
		{parser.Deadline{Kind: "fortnight"}, "fortnight"},
	} {
		if got := KindLabel(c.d); got != c.want {
			t.Errorf("KindLabel(%+v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestDeterministic writes every format from the registers read back from
// the YAML fixture, twice, and wants the same bytes both times and the
// golden file's bytes; YAML must give back the fixture itself.
func TestDeterministic(t *testing.T) {
	src, regs := readFixture(t)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var first, second bytes.Buffer
			if err := Write(&first, format, regs, testOptions()); err != nil {
				t.Fatal(err)
			}
			_, again := readFixture(t)
			if err := Write(&second, format, again, testOptions()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Fatalf("%s output differs between two runs", format)
			}
			switch format {
			case "yaml":
				if !bytes.Equal(first.Bytes(), src) {
					t.Errorf("YAML written from the fixture is not the fixture:\n%s", first.String())
				}
			case "xlsx":
				golden(t, "sample.xlsx.txt", dumpWorkbook(t, first.Bytes()))
			default:
				golden(t, "sample."+format, first.Bytes())
			}
		})
	}
}

// TestConvertBack checks that JSON written from a register reads back as
// the same register, so export converts between YAML and JSON both ways.
func TestConvertBack(t *testing.T) {
	src, regs := readFixture(t)
	var js bytes.Buffer
	if err := WriteJSON(&js, regs); err != nil {
		t.Fatal(err)
	}
	back, err := ReadRegisters(&js, "sample.json")
	if err != nil {
		t.Fatal(err)
	}
	var yml bytes.Buffer
	if err := WriteYAML(&yml, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(yml.Bytes(), src) {
		t.Errorf("YAML → JSON → YAML changed the register:\n%s", yml.String())
	}
}
