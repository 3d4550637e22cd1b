package ocrtable

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

var dump = flag.String("dump", "", "print the tables rebuilt from this OCR text file")

func readDoc(t testing.TB, path string) *layout.Doc {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	doc := &layout.Doc{Kind: "ocrtext", Pages: []layout.Page{{Number: 1}}}
	for i, l := range strings.Split(string(data), "\n") {
		doc.Pages[0].Lines = append(doc.Pages[0].Lines, layout.Line{Text: l, Num: i + 1})
	}
	return doc
}

// TestDump prints the tables rebuilt from the file given with -dump (a
// tool for reading what the rebuild does on a new document); it fails when
// the file gives no table.
func TestDump(t *testing.T) {
	if *dump == "" {
		t.Skip("no -dump")
	}
	doc := readDoc(t, *dump)
	warns := Rebuild(doc)
	n := 0
	for _, p := range doc.Pages {
		n += len(p.Tables)
	}
	if n == 0 {
		t.Errorf("%s: no table rebuilt", *dump)
	}
	for _, p := range doc.Pages {
		for ti, tab := range p.Tables {
			fmt.Printf("=== table %d at %d (before %q)\n", ti, tab.At, p.Lines[max(tab.At-1, 0)].Text)
			for _, r := range tab.Rows {
				var cs []string
				for _, c := range r.Cells {
					cs = append(cs, strings.ReplaceAll(strings.Join(c.Paras, "¶"), "\n", "⏎"))
				}
				fmt.Printf("%4d: %s\n", r.Num, strings.Join(cs, " ‖ "))
			}
		}
	}
	for _, w := range warns {
		fmt.Println("warn:", w)
	}
}
