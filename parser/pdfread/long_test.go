package pdfread

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

var long = flag.Bool("long", false, "run slow tests (a 500-page PDF)")

// TestLong500Pages reads a 522-page PDF (the 29-page plan 18 times, joined
// with qpdf) and checks that the heap stays under 500 MB:
// go test ./parser/pdfread -run Long -args -long
func TestLong500Pages(t *testing.T) {
	if !*long {
		t.Skip("slow: run with -long")
	}
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	src := filepath.Join(fixtures, "plan30.pdf")
	out := filepath.Join(t.TempDir(), "big.pdf")
	args := []string{"--empty", "--pages"}
	for i := 0; i < 18; i++ {
		args = append(args, src)
	}
	args = append(args, "--", out)
	if b, err := exec.Command(qpdf, args...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan bool)
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	start := time.Now()
	doc, err := Read(bytes.NewReader(data), int64(len(data)), "big.pdf")
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	words := 0
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			words += len(l.Words)
		}
	}
	t.Logf("%d pages, %d words, %.1f MB file, peak heap %.1f MB, %v",
		len(doc.Pages), words, float64(len(data))/1e6, float64(peak.Load())/1e6, time.Since(start))
	if len(doc.Pages) < 500 {
		t.Errorf("%d pages", len(doc.Pages))
	}
	if peak.Load() > 500<<20 {
		t.Errorf("peak heap %d MB", peak.Load()>>20)
	}
}
