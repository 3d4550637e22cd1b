package texttable

import (
	"os"
	"testing"
)

func BenchmarkRebuildPlain(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seeds/002.txt")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Rebuild(docOf(string(data)))
	}
}
