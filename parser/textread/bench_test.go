package textread

import "testing"

func BenchmarkReadWeb(b *testing.B) {
	text := readFile(b, "../../testdata/seeds/001.txt")
	for b.Loop() {
		Read(text, "001.txt")
	}
}

func BenchmarkReadPlain(b *testing.B) {
	text := readFile(b, "../../testdata/seeds/002.txt")
	for b.Loop() {
		Read(text, "002.txt")
	}
}

func BenchmarkReadMarkdown(b *testing.B) {
	text := readFile(b, "../../testdata/seeds/markdown.md")
	for b.Loop() {
		Read(text, "markdown.md")
	}
}
