package ocrtable

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

// fuzzExtraDoc makes a one-page OCR-text document of text, a line per
// line, with a form feed starting a new page as the text readers do.
func fuzzExtraDoc(text string) *layout.Doc {
	doc := &layout.Doc{Kind: "ocrtext"}
	n := 0
	for i, page := range strings.Split(text, "\f") {
		p := layout.Page{Number: i + 1}
		for _, l := range strings.Split(page, "\n") {
			n++
			p.Lines = append(p.Lines, layout.Line{Text: l, Num: n})
		}
		doc.Pages = append(doc.Pages, p)
	}
	return doc
}

// FuzzOCRTable checks that no OCR text makes Rebuild panic, that
// rebuilding is deterministic, that every table stands within its page's
// lines and that its grid can be expanded.
func FuzzOCRTable(f *testing.F) {
	// (of the held-out texts the short ones: plan30's are too long to
	// fuzz from)
	for _, pat := range []string{"../../testdata/ocrtext/*.txt", "../../testdata/ocrtext/heldout/landscape.txt",
		"../../testdata/ocrtext/heldout/borderless.txt", "../../testdata/ocrtext/heldout/split.txt", "../../testdata/seeds/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Add(interleaved)
	f.Add(columnBlock)
	f.Add("TT Nội dung nhiệm vụ Cơ quan chủ trì Thời hạn\nI11. Về\n1 Rà soát | Sở A 30/6/2026\n\fTT Nội dung Thdihan\n")
	f.Fuzz(func(t *testing.T, text string) {
		a, b := fuzzExtraDoc(text), fuzzExtraDoc(text)
		wa, wb := Rebuild(a), Rebuild(b)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(wa, wb) {
			t.Fatal("two rebuilds differ")
		}
		for _, p := range a.Pages {
			for _, tab := range p.Tables {
				if tab.At < 0 || tab.At > len(p.Lines) {
					t.Fatalf("table at %d of %d lines", tab.At, len(p.Lines))
				}
				_ = tab.Grid()
			}
		}
	})
}
