package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser"
	"go.yaml.in/yaml/v3"
)

// TestPDFRegistersMatchTheirSources compares the stored register of every
// PDF fixture made from an HTML source (testdata/pdf/X.pdf from
// testdata/pdf/src/X.html) with the stored register of that source: the
// PDF must give the same tasks, marks and spacing included. `make check`
// holds each stored register to what the parser reads, so together they
// hold the PDF reader to the source.
func TestPDFRegistersMatchTheirSources(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "pdf")
	srcs, err := filepath.Glob(filepath.Join(dir, "src", "*.register.yaml"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no source registers under %s/src (%v)", dir, err)
	}
	for _, src := range srcs {
		name := filepath.Base(src)
		pdf := filepath.Join(dir, name)
		if _, err := os.Stat(pdf); err != nil {
			continue
		}
		t.Run(strings.TrimSuffix(name, ".register.yaml"), func(t *testing.T) {
			res := Compare(readRegister(t, src), readRegister(t, pdf), Options{Marks: true})
			if res.Differs() {
				t.Errorf("%s differs from its source: %v", pdf, outline(res))
				for _, ch := range res.Changes {
					if ch.Old != nil && ch.New != nil {
						t.Logf("  %s: %+v\n   → %+v", ch.Old.STT, *ch.Old, *ch.New)
					}
				}
			}
		})
	}
}

func readRegister(t *testing.T, path string) *parser.Register {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var reg parser.Register
	if err := yaml.Unmarshal(data, &reg); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &reg
}
