package repair

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
)

// heldOutBench returns about n syllables of held-out legal text (lines the
// model never saw, taken evenly across the held-out set) with their
// diacritics stripped, or skips the benchmark when the corpus is missing.
func heldOutBench(b *testing.B, n int) ([]string, int) {
	b.Helper()
	var lines []string
	total := 0
	for _, name := range legalFiles {
		f, err := os.Open(filepath.Join(*corpusDir, name))
		if err != nil {
			b.Skipf("held-out text: %v", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for ln := 0; sc.Scan(); ln++ {
			if vn.HeldOut(name, ln) {
				lines = append(lines, sc.Text())
				total += len(strings.Fields(sc.Text()))
			}
		}
		f.Close()
	}
	step := max(1, total/n)
	var pick []string
	syl := 0
	for i := 0; i < len(lines); i += step {
		pick = append(pick, strip(lines[i]))
		syl += len(words(lines[i]))
	}
	return pick, syl
}

// BenchmarkRepairHeldOut repairs about 10,000 syllables of held-out legal
// text with its diacritics stripped, line by line, with a new Repairer (an
// empty memo) each time: words repeat within the text as they do in any
// document, but none is known before it. The model is loaded before
// timing. Run with -cpu 1 for the speed of one core.
func BenchmarkRepairHeldOut(b *testing.B) {
	lines, syl := heldOutBench(b, 10000)
	m, err := defaultModel()
	if err != nil {
		b.Fatal(err)
	}
	cpu0 := cpuTime()
	for b.Loop() {
		r := &Repairer{m: m, memo: map[string]*entry{}, vmemo: map[variantKey][]uint32{}}
		for _, l := range lines {
			r.Line(l)
		}
	}
	reportSpeed(b, syl, cpuTime()-cpu0)
}

// reportSpeed reports syllables per second of wall time and per second of
// the process's CPU time (steadier on a shared machine). The CPU time
// counts the loop only if the benchmark sets cpu0 just before it.
func reportSpeed(b *testing.B, syl int, cpu time.Duration) {
	b.ReportMetric(float64(syl)*float64(b.N)/b.Elapsed().Seconds(), "syllables/s")
	if cpu > 0 {
		b.ReportMetric(float64(syl)*float64(b.N)/cpu.Seconds(), "syllables/cpu-s")
	}
}

// BenchmarkRepairJunk repairs lines of random letters, none a word: the
// candidate search must stay cheap where nothing is near (it took
// milliseconds a token when every edit was spelt out).
func BenchmarkRepairJunk(b *testing.B) {
	m, err := defaultModel()
	if err != nil {
		b.Fatal(err)
	}
	seed := uint32(1)
	rnd := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 8 }
	var lines []string
	toks := 0
	for range 20 {
		var f []string
		for range 20 {
			w := make([]byte, 2+rnd()%12)
			for i := range w {
				w[i] = byte('a' + rnd()%26)
			}
			f = append(f, string(w))
		}
		toks += len(f)
		lines = append(lines, strings.Join(f, " "))
	}
	for b.Loop() {
		r := &Repairer{m: m, memo: map[string]*entry{}, vmemo: map[variantKey][]uint32{}}
		for _, l := range lines {
			r.Line(l)
		}
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
