package pdfread

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadPDF30 reads the 29-page plan with three appendix tables.
// Compare with: time pdftotext -layout testdata/pdf/plan30.pdf /dev/null
func BenchmarkReadPDF30(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures, "plan30.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data)), "plan30.pdf"); err != nil {
			b.Fatal(err)
		}
	}
}
