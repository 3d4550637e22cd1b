package geom_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/geom"
	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/pdfread"
)

const fixtures = "../../testdata/pdf"

func readPDF(t testing.TB, name string) *layout.Doc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// truth reads the appendix of Kế hoạch 458/KH-UBND as the web database
// gives it: header and 10 rows of 6 cells.
func truth(t testing.TB) [][]string {
	data, err := os.ReadFile(filepath.Join(fixtures, "src", "seed001_tasks.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

func dump(doc *layout.Doc) string {
	var b strings.Builder
	for _, p := range doc.Pages {
		fmt.Fprintf(&b, "=== page %d: %d lines, %d tables\n", p.Number, len(p.Lines), len(p.Tables))
		for _, l := range p.Lines {
			fmt.Fprintf(&b, "  | %s\n", l.Text)
		}
		for ti, tb := range p.Tables {
			fmt.Fprintf(&b, "  table %d at %d, %d rows\n", ti, tb.At, len(tb.Rows))
			for _, r := range tb.Rows {
				var cs []string
				for _, c := range r.Cells {
					s := fmt.Sprintf("%q", c.Paras)
					if c.ColSpan > 1 || c.RowSpan > 1 {
						s += fmt.Sprintf("{%dx%d}", c.ColSpan, c.RowSpan)
					}
					cs = append(cs, s)
				}
				fmt.Fprintf(&b, "    p%d n%d h=%v %s\n", r.Page, r.Num, r.Header, strings.Join(cs, " | "))
			}
		}
	}
	return b.String()
}

// TestDump prints the tables of $GEOM_DUMP (a PDF under testdata/pdf).
func TestDump(t *testing.T) {
	f := os.Getenv("GEOM_DUMP")
	if f == "" {
		t.Skip("set GEOM_DUMP=name.pdf")
	}
	doc := readPDF(t, f)
	geom.Tables(doc)
	fmt.Print(dump(doc))
}

// TestAppendix458 reads the appendix of Kế hoạch 458/KH-UBND in every
// layout and checks the table cell by cell against the web text.
func TestAppendix458(t *testing.T) {
	want := truth(t)
	for _, name := range []string{"appendix_bordered.pdf", "appendix_borderless.pdf", "appendix_split.pdf",
		"appendix_landscape.pdf", "appendix_cid.pdf", "rotated.pdf", "pdf20.pdf", "encrypted_open.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc := readPDF(t, name)
			geom.Tables(doc)
			var tables []layout.Table
			for _, p := range doc.Pages {
				tables = append(tables, p.Tables...)
			}
			if len(tables) != 1 {
				t.Fatalf("%d tables, want 1\n%s", len(tables), dump(doc))
			}
			tb := tables[0]
			if len(tb.Rows) != len(want) {
				t.Fatalf("%d rows, want %d\n%s", len(tb.Rows), len(want), dump(doc))
			}
			for r, row := range tb.Rows {
				if row.Header != (r == 0) {
					t.Errorf("row %d: Header = %v", r, row.Header)
				}
				if len(row.Cells) != len(want[r]) {
					t.Errorf("row %d: %d cells, want %d", r, len(row.Cells), len(want[r]))
					continue
				}
				for c, cell := range row.Cells {
					got := normalize.JoinLines(cell.Text())
					if got != want[r][c] {
						t.Errorf("row %d col %d:\n got %q\nwant %q", r, c, got, want[r][c])
					}
				}
			}
			// The caption stays in the page's lines, before the table.
			p := doc.Pages[0]
			if tb.At < 1 || len(p.Lines) < tb.At || !strings.HasPrefix(p.Lines[0].Text, "Phụ lục") {
				t.Errorf("caption lines before the table: At=%d lines=%d", tb.At, len(p.Lines))
			}
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					if strings.Contains(l.Text, "Sở KH&CN") || strings.Contains(l.Text, "STT") {
						t.Errorf("page %d: table line left in the text: %q", p.Number, l.Text)
					}
				}
			}
		})
	}
}
