package ocrtable_test

import (
	"os"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/parser"
	"github.com/kehoach/kehoach/parser/ocrtable"
)

// appendixTasks reads a register's appendix tasks for measuring, and
// counts its list-form tasks (appendix "").
func appendixTasks(reg *parser.Register) (tasks []ocrtable.Task, body int) {
	for _, tk := range reg.Tasks {
		if tk.Appendix == "" {
			body++
			continue
		}
		tasks = append(tasks, ocrtable.NewTask(tk.Appendix, tk.Section, tk.STT,
			strings.Join(tk.Lead, "; "), strings.Join(tk.Support, "; "), tk.Deadline.Text, tk.Content))
	}
	return tasks, body
}

// TestAccuracyHeldOut measures the whole pipeline (parser.ParseBytes: OCR
// repair, the table rebuild, assembly) on English-model OCR text of
// documents ocrtable was not tuned on: testdata/ocrtext/heldout, made by
// its make.sh with ../shared/tools/ocrsim from the PDF fixtures' HTML,
// whose stored registers are the truth. Slow: only with -long; the
// figures print with -v (and the cells that differ with -mismatch).
func TestAccuracyHeldOut(t *testing.T) {
	if !*long {
		t.Skip("slow: -long")
	}
	const dir = "../../testdata/ocrtext/heldout/"
	cases := []struct {
		name                string
		minMatched, minLead int
		minDeadline         int
		minSection          int
		minContent          float64
	}{
		// floors a little under the figures measured (repair runs first
		// and moves them); measured (matched, lead, deadline, section,
		// content): plan30 94, 48, 78, 77, 0.79; landscape 10, 4, 9, 10,
		// 0.93; borderless 10, 3, 10, 10, 0.86; split 9, 2, 3, 9, 0.76;
		// plan30s5 94, 38, 61, 59, 0.80
		{"plan30", 90, 44, 72, 70, 0.75},
		{"landscape", 10, 3, 8, 10, 0.89},
		{"borderless", 10, 2, 9, 9, 0.80},
		{"split", 8, 1, 2, 7, 0.70},
		{"plan30s5", 90, 34, 55, 54, 0.75},
		// untouched: made when the lead/support work began, first read
		// when it ended (see make.sh); measured: merged 3, 0, 2, 3, 0.85;
		// bordered 9, 0, 2, 9, 0.80; plan30l7 41, 13, 20, 21, 0.65 (the
		// same before that work)
		{"merged", 3, 0, 2, 3, 0.80},
		{"bordered", 8, 0, 1, 8, 0.75},
		{"plan30l7", 38, 10, 17, 18, 0.60},
	}
	for _, c := range cases {
		data, err := os.ReadFile(dir + c.name + ".txt")
		if err != nil {
			t.Skip(err)
		}
		f, err := os.Open(dir + c.name + ".register.yaml")
		if err != nil {
			t.Fatal(err)
		}
		regs, err := export.ReadRegisters(f, c.name)
		f.Close()
		if err != nil || len(regs) != 1 {
			t.Fatalf("%s: truth: %v", c.name, err)
		}
		truth, _ := appendixTasks(regs[0])
		reg, err := parser.ParseBytes(data, c.name+".txt")
		if err != nil {
			t.Fatal(err)
		}
		found, body := appendixTasks(reg)
		apps := map[string]int{}
		for _, tk := range reg.Tasks {
			apps[tk.Appendix]++
		}
		s := ocrtable.Measure(truth, found)
		t.Logf("%s (held out): %v; body tasks %d; appendices %v; warnings %d", c.name, s, body, apps, len(reg.Warnings))
		m, l, d, _ := s.Counts()
		if m < c.minMatched || l < c.minLead || d < c.minDeadline || s.Section() < c.minSection || s.ContentMean() < c.minContent {
			t.Errorf("%s below its floor: %v", c.name, s)
		}
	}
}
