package pdfread_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/kehoach/kehoach/parser/pdfread"
)

// TestDump prints what Read makes of the file named by $PDFREAD_DUMP (lines
// with positions; rules too with $PDFREAD_RULES set), for looking at a PDF
// by hand: PDFREAD_DUMP=x.pdf go test -run Dump ./parser/pdfread
func TestDump(t *testing.T) {
	f := os.Getenv("PDFREAD_DUMP")
	if f == "" {
		t.Skip("set PDFREAD_DUMP=file.pdf")
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		fmt.Printf("=== page %d %.0fx%.0f rules=%d\n", p.Number, p.Width, p.Height, len(p.Rules))
		for _, l := range p.Lines {
			fmt.Printf("%6.1f %6.1f %4.1f %-5v | %s\n", l.X, l.Y, l.Size, l.Bold, l.Text)
		}
		if os.Getenv("PDFREAD_RULES") != "" {
			for _, r := range p.Rules {
				fmt.Printf("rule %.1f,%.1f-%.1f,%.1f\n", r.X0, r.Y0, r.X1, r.Y1)
			}
		}
	}
}
