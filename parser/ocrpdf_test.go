package parser

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/parser/layout"
	"go.yaml.in/yaml/v3"
)

var (
	ocrLong  = flag.Bool("ocrpdf.long", false, "also measure the scanned fixture through tesseract (about 15 s)")
	ocrCache = flag.String("ocrpdf.cache", "", "folder where the fixtures' read documents are kept between runs (development)")
)

// ocrFields are the cells of a task that TestOCRPDFAccuracy compares.
var ocrFields = []string{"stt", "content", "lead", "support", "deadline", "note"}

// ocrScore counts the cells right, field by field.
type ocrScore struct {
	tasks, want int
	right       map[string]int
	contentSim  float64 // mean similarity of the content cells, 0..1
	agencies    int     // lead and support cells right when names compare by the agency lexicon
}

func (s ocrScore) total() (right, all int) {
	for _, f := range ocrFields {
		right += s.right[f]
	}
	return right, s.want * len(ocrFields)
}

func (s ocrScore) String() string {
	r, n := s.total()
	var b strings.Builder
	fmt.Fprintf(&b, "%d tasks (want %d); cells right %d/%d (%.1f%%);", s.tasks, s.want, r, n, 100*float64(r)/float64(max(n, 1)))
	for _, f := range ocrFields {
		fmt.Fprintf(&b, " %s %d", f, s.right[f])
	}
	fmt.Fprintf(&b, "; content similarity %.3f; lead+support by the agency lexicon %d/%d", s.contentSim, s.agencies, 2*s.want)
	return b.String()
}

// readOCRTruth reads the tasks of a stored register: the truth of the
// fixtures' cells.
func readOCRTruth(t *testing.T, path string) []Task {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var reg Register
	if err := yaml.Unmarshal(data, &reg); err != nil {
		t.Fatal(err)
	}
	return reg.Tasks
}

// taskCells are a task's cells in the order of ocrFields; lead and
// support as their names joined by "; ".
func taskCells(tk Task) []string {
	return []string{tk.STT, tk.Content, strings.Join(tk.Lead, "; "), strings.Join(tk.Support, "; "), tk.Deadline.Text, tk.Note}
}

// measureOCR compares a register's appendix tasks with the truth, task by
// task in order of STT; t logs every cell that is wrong.
func measureOCR(t *testing.T, reg *Register, truth []Task) ocrScore {
	s := ocrScore{want: len(truth), right: map[string]int{}}
	byKey := map[string]Task{}
	for _, tk := range reg.Tasks {
		if tk.Appendix == "" {
			continue
		}
		s.tasks++
		if _, dup := byKey[tk.STT]; !dup {
			byKey[tk.STT] = tk
		}
	}
	clean := func(x string) string { return strings.Join(strings.Fields(normalize.NFC(x)), " ") }
	var sim float64
	for _, wt := range truth {
		w := taskCells(wt)
		tk, ok := byKey[w[0]]
		if !ok {
			t.Logf("task %s: missing", w[0])
			continue
		}
		got := taskCells(tk)
		for i, f := range ocrFields {
			if clean(got[i]) == clean(w[i]) {
				s.right[f]++
			} else {
				t.Logf("task %s %s: %q, want %q", w[0], f, got[i], w[i])
			}
		}
		sim += similarity(clean(tk.Content), clean(w[1]))
		if sameAgencies(tk.Lead, wt.Lead, reg.Document.Issuer) {
			s.agencies++
		}
		if sameAgencies(tk.Support, wt.Support, reg.Document.Issuer) {
			s.agencies++
		}
	}
	s.contentSim = sim / float64(max(len(truth), 1))
	return s
}

// sameAgencies reports whether two lists name the same agencies, in order,
// once the agency lexicon has given each its canonical name.
func sameAgencies(got, want []string, issuer string) bool {
	if len(got) != len(want) {
		return false
	}
	lex := agency.Default()
	for i := range got {
		if lex.Canonical(got[i], issuer) != lex.Canonical(want[i], issuer) {
			return false
		}
	}
	return true
}

// readFixture reads a PDF fixture to a layout document, through the
// cache folder when -ocrpdf.cache names one.
func readFixture(t *testing.T, path string, ocrMode Mode) *layout.Doc {
	var cached string
	if *ocrCache != "" {
		cached = filepath.Join(*ocrCache, filepath.Base(path)+"."+string(ocrMode)+".json")
		if data, err := os.ReadFile(cached); err == nil {
			var doc layout.Doc
			if json.Unmarshal(data, &doc) == nil {
				return &doc
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := read(data, path, &options{repair: Auto, ocr: ocrMode, ctx: context.Background()})
	if err != nil {
		t.Fatal(err)
	}
	if cached != "" {
		if data, err := json.Marshal(doc); err == nil {
			_ = os.WriteFile(cached, data, 0o644)
		}
	}
	return doc
}

// TestOCRPDFAccuracy measures the seeds/001 appendix read from two
// scanned fixtures, cell by cell against its stored register (10 tasks):
// seed001.engocr.pdf (the scan with tesseract's English-model text layer)
// read two ways: with --ocr never, the layer alone (geometry from the
// layer, text repaired), and with -ocrpdf.long and tesseract installed,
// --ocr auto, which reads the page images again with the Vietnamese model
// since the layer reads like English-model OCR; and seed001.scan.pdf (no
// text layer: tesseract -l vie), also with -ocrpdf.long. With
// -ocrpdf.long it also reads two scans of other layouts, against their
// own registers. A cell is right when it equals the truth exactly (NFC,
// spaces folded); lead and support are compared as their names joined by
// "; ". The figures print with -v.
func TestOCRPDFAccuracy(t *testing.T) {
	// seeds/001 as the fixtures print it: "hang thiết bị" in task 2, as
	// testdata/pdf/src/seed001_tasks.tsv has it too.
	truth := readOCRTruth(t, "../testdata/seeds/001.register.yaml")
	cases := []struct {
		file      string
		ocr       Mode
		slow      bool
		minTasks  int
		minCells  int // of 60
		minSimPct int // mean content similarity, percent
		truth     string
	}{
		// floors a little under the figures measured (51/60, 60/60,
		// 60/60): the repair stage, another package, moves the first.
		// auto reads the English-OCR layer's pages again with tesseract
		// -l vie (and would keep the layer if that found fewer task rows).
		{"seed001.engocr.pdf", Never, false, 10, 49, 98, ""},
		{"seed001.engocr.pdf", Auto, true, 10, 58, 99, ""},
		{"seed001.scan.pdf", Auto, true, 10, 58, 99, ""},
		// other layouts: testdata/pdf's appendices printed, scanned at 300
		// dpi to one bit (make_fixtures.sh); measured 58/60 and 60/60
		{"appendix_landscape.scan.pdf", Auto, true, 10, 56, 99, "../testdata/pdf/appendix_landscape.register.yaml"},
		{"appendix_split_norepeat.scan.pdf", Auto, true, 10, 58, 99, "../testdata/pdf/appendix_split_norepeat.register.yaml"},
	}
	for _, c := range cases {
		t.Run(c.file+"/ocr="+string(c.ocr), func(t *testing.T) {
			if c.slow {
				if !*ocrLong && *ocrCache == "" {
					t.Skip("slow: -ocrpdf.long")
				}
				if _, err := exec.LookPath("tesseract"); err != nil && *ocrCache == "" {
					t.Skip("tesseract is not installed")
				}
			}
			doc := readFixture(t, filepath.Join("../testdata/ocr", c.file), c.ocr)
			var opts []Option
			if os.Getenv("OCRPDF_NOREPAIR") != "" {
				opts = append(opts, WithRepair(Never))
			}
			reg, err := Pipeline(doc, c.file, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if os.Getenv("OCRPDF_DUMP") != "" {
				for _, p := range doc.Pages {
					for _, tb := range p.Tables {
						for _, r := range tb.Rows {
							var cs []string
							for _, c := range r.Cells {
								cs = append(cs, fmt.Sprintf("%q", c.Paras))
							}
							t.Logf("p%d %s", p.Number, strings.Join(cs, " | "))
						}
					}
				}
			}
			want := truth
			if c.truth != "" {
				want = readOCRTruth(t, c.truth)
			}
			s := measureOCR(t, reg, want)
			t.Logf("%s: %v", c.file, s)
			r, _ := s.total()
			if s.tasks < c.minTasks || r < c.minCells || int(100*s.contentSim) < c.minSimPct {
				t.Errorf("%s below its floor (tasks %d, cells %d, content %d%%): %v", c.file, c.minTasks, c.minCells, c.minSimPct, s)
			}
		})
	}
}
