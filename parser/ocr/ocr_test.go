package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var long = flag.Bool("long", false, "run the slow tests that OCR whole documents with tesseract")

// stubTools puts shell stand-ins for pdfinfo, pdftoppm and tesseract first on
// PATH. tesseract prints the TSV in $STUB_TSV, or runs $STUB_TESSERACT when
// set; TMPDIR is a fresh directory so the test can see what is left in it.
func stubTools(t *testing.T, tesseract string) (tmp string) {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	bin := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("pdfinfo", `echo "Title: x"; echo "Pages:          3"`)
	// pdftoppm -r DPI -gray -f N -l N -singlefile IN BASE
	write("pdftoppm", `for a; do base="$a"; done; echo "P5 1 1 255" > "$base.pgm"`)
	if tesseract == "" {
		tesseract = `if [ "$1" = --list-langs ]; then printf 'List of available languages (2):\neng\nvie\n'; exit 0; fi
test -f "$1" || { echo "cannot read $1" >&2; exit 1; }
cat "$STUB_TSV"`
	}
	write("tesseract", tesseract)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("STUB_TSV", filepath.Join(mustAbs(t, fixtures), "seed001-p4.vie.tsv"))
	tmp = t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return tmp
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}

func TestReadPDFStub(t *testing.T) {
	tmp := stubTools(t, "")
	pages, err := readPDF(context.Background(), []byte("%PDF-1.4 stub"), []int{3, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3 || pages[0].Number != 3 || pages[1].Number != 1 || pages[2].Number != 2 {
		t.Fatalf("pages not in the order asked: %d pages", len(pages))
	}
	for _, p := range pages {
		if len(p.Lines) == 0 || p.Lines[0].Text != pages[0].Lines[0].Text {
			t.Errorf("page %d: lines differ from the TSV's", p.Number)
		}
	}
	all, err := readPDF(context.Background(), []byte("%PDF-1.4 stub"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[2].Number != 3 {
		t.Errorf("all pages: got %d, want the 3 pdfinfo counts", len(all))
	}
	assertEmptyDir(t, tmp)
	if _, err := readPDF(context.Background(), nil, []int{0}); err == nil {
		t.Error("page 0: no error")
	}
}

func TestReadPDFStubFailure(t *testing.T) {
	tmp := stubTools(t, `echo "Error in pixReadStream: Unknown format: no pix returned" >&2; exit 1`)
	_, err := readPDF(context.Background(), []byte("%PDF-1.4 stub"), []int{1, 2, 3, 4})
	if err == nil || !strings.Contains(err.Error(), "no pix returned") || !strings.HasPrefix(err.Error(), "page ") {
		t.Errorf("err = %v; want the page and tesseract's message", err)
	}
	assertEmptyDir(t, tmp)
}

// TestReadPDFCancel: cancelling the context kills tesseract (a stub that
// sleeps for a minute) and removes the temporary files.
func TestReadPDFCancel(t *testing.T) {
	tmp := stubTools(t, `exec sleep 60`)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := readPDF(ctx, []byte("%PDF-1.4 stub"), []int{1, 2, 3, 4, 5, 6})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
	assertEmptyDir(t, tmp)
}

func TestCheckMissing(t *testing.T) {
	path := os.Getenv("PATH")
	t.Setenv("PATH", t.TempDir())
	err := check()
	var me *MissingError
	if !errors.As(err, &me) || me.What != "tesseract" {
		t.Fatalf("err = %v, want tesseract missing", err)
	}
	for _, pkg := range strings.Fields(Packages) {
		if !strings.Contains(err.Error(), pkg) || !strings.Contains(me.Hint(), pkg) {
			t.Errorf("message %q / hint %q does not name %s", err, me.Hint(), pkg)
		}
	}
	// tesseract without the Vietnamese model
	t.Setenv("PATH", path)
	stubTools(t, `printf 'List of available languages (2):\neng\nosd\n'`)
	if err := check(); !errors.As(err, &me) || !strings.Contains(me.What, "vie") {
		t.Errorf("err = %v, want the vie model missing", err)
	}
	t.Setenv("PATH", path)
	stubTools(t, "")
	if err := check(); err != nil {
		t.Errorf("all tools present: %v", err)
	}
}

func TestImageDPI(t *testing.T) {
	// PNG with a pHYs chunk of 7874 px/m (200 dpi) after IHDR
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	phys := make([]byte, 9)
	binary.BigEndian.PutUint32(phys, 7874)
	binary.BigEndian.PutUint32(phys[4:], 7874)
	phys[8] = 1
	chunk := binary.BigEndian.AppendUint32(nil, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = append(chunk, phys...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	withPhys := append(append(append([]byte{}, b[:33]...), chunk...), b[33:]...)

	// little-endian TIFF: IFD at 8 with XResolution 300/1 (at offset 38) and ResolutionUnit inch
	tiff := []byte("II*\x00\x08\x00\x00\x00")
	tiff = binary.LittleEndian.AppendUint16(tiff, 2)
	tiff = append(tiff, 0x1a, 0x01, 0x05, 0x00, 1, 0, 0, 0, 38, 0, 0, 0) // 282 RATIONAL at 38
	tiff = append(tiff, 0x28, 0x01, 0x03, 0x00, 1, 0, 0, 0, 2, 0, 0, 0)  // 296 SHORT 2
	tiff = append(tiff, 0, 0, 0, 0)                                      // next IFD
	tiff = binary.LittleEndian.AppendUint32(tiff, 300)
	tiff = binary.LittleEndian.AppendUint32(tiff, 1)

	jfif := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00\x96\x00\x96\x00\x00")
	for _, tc := range []struct {
		name string
		img  []byte
		want float64
	}{
		{"png without pHYs", b, 0},
		{"png with pHYs", withPhys, 200},
		{"tiff", tiff, 300},
		{"jpeg", jfif, 150},
		{"other", []byte("GIF89a"), 0},
		{"truncated png", withPhys[:40], 0},
	} {
		if got := ImageDPI(tc.img); got < tc.want-0.1 || got > tc.want+0.1 {
			t.Errorf("%s: ImageDPI = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func needTesseract(tb testing.TB) {
	tb.Helper()
	if err := Available(); err != nil {
		tb.Skipf("OCR engines not installed: %v", err)
	}
}

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestReadPDF reads the last page of the scanned seed001 fixture (tasks 8–10
// of the appendix table) with the real tesseract.
func TestReadPDF(t *testing.T) {
	needTesseract(t)
	pages, err := ReadPDF(context.Background(), readFixture(t, "seed001.scan.pdf"), []int{5})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Number != 5 {
		t.Fatalf("got %d pages", len(pages))
	}
	p := pages[0]
	checkPage(t, p)
	text := p.Text()
	for _, want := range []string{"Sở KH&CN", "Sở Tài chính", "31/12/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("page 5 text lacks %q:\n%s", want, text)
		}
	}
	if len(p.Rules) < 4 {
		t.Errorf("page 5: %d rules, want the table's borders", len(p.Rules))
	}
}

// TestReadPDFAll reads the whole scanned fixture (-long: about 15 s).
func TestReadPDFAll(t *testing.T) {
	if !*long {
		t.Skip("slow: run with -long")
	}
	needTesseract(t)
	pages, err := ReadPDF(context.Background(), readFixture(t, "seed001.scan.pdf"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 5 {
		t.Fatalf("got %d pages, want 5", len(pages))
	}
	for i, p := range pages {
		if p.Number != i+1 {
			t.Errorf("page %d numbered %d", i+1, p.Number)
		}
		checkPage(t, p)
	}
	// the printed text, word by word: share of the truth's words tesseract read exactly
	truth := strings.Fields(string(readFixture(t, "seed001.truth.txt")))
	got := map[string]int{}
	for _, p := range pages {
		for _, w := range strings.Fields(p.Text()) {
			got[w]++
		}
	}
	hit := 0
	for _, w := range truth {
		if got[w] > 0 {
			got[w]--
			hit++
		}
	}
	t.Logf("%d of %d printed words read exactly (%.1f%%)", hit, len(truth), 100*float64(hit)/float64(len(truth)))
	if hit < len(truth)*9/10 {
		t.Errorf("only %d of %d printed words read exactly", hit, len(truth))
	}
}

// TestReadImage reads a page image rendered from the fixture (-long).
func TestReadImage(t *testing.T) {
	if !*long {
		t.Skip("slow: run with -long")
	}
	needTesseract(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "p")
	if out, err := exec.Command("pdftoppm", "-r", "200", "-gray", "-png", "-f", "5", "-l", "5", "-singlefile",
		filepath.Join(fixtures, "seed001.scan.pdf"), base).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	img, err := os.ReadFile(base + ".png")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := ReadImage(context.Background(), img, 200)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Width < 830 || pages[0].Width > 850 {
		t.Fatalf("got %d pages, width %v; want one A4 landscape page", len(pages), pages[0].Width)
	}
	checkPage(t, pages[0])
}

// BenchmarkOCR10Pages reads the 10-page scan with ReadPDF: pdftoppm and
// tesseract per page, pages in parallel up to GOMAXPROCS. Compare it with
// BenchmarkTesseract10Pages, tesseract alone on the same rasterised pages.
func BenchmarkOCR10Pages(b *testing.B) {
	needTesseract(b)
	pdf := readFixture(b, "bench10.scan.pdf")
	cpu0 := cpuSeconds()
	for b.Loop() {
		pages, err := ReadPDF(context.Background(), pdf, nil)
		if err != nil || len(pages) != 10 {
			b.Fatalf("%d pages, %v", len(pages), err)
		}
	}
	reportPages(b, cpuSeconds()-cpu0)
}

// BenchmarkTesseract10Pages is tesseract's own time on the same pages: the
// 10 pages rasterised beforehand (pdftoppm -r 300 -gray, outside the timer),
// then `tesseract page.pgm - -l vie --dpi 300 tsv` per page with
// OMP_THREAD_LIMIT=1, GOMAXPROCS pages at a time, as ReadPDF runs it.
func BenchmarkTesseract10Pages(b *testing.B) {
	benchTesseract(b, false)
}

// BenchmarkPdftoppmTesseract10Pages is the plain pipeline on the same
// pages, rasterising included: pdftoppm then tesseract per page, GOMAXPROCS
// pages at a time.
func BenchmarkPdftoppmTesseract10Pages(b *testing.B) {
	benchTesseract(b, true)
}

func benchTesseract(b *testing.B, rasterise bool) {
	needTesseract(b)
	dir := b.TempDir()
	pdf := filepath.Join(fixtures, "bench10.scan.pdf")
	if out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(DPI), "-gray", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		b.Fatalf("pdftoppm: %v %s", err, out)
	}
	imgs, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if len(imgs) != 10 {
		b.Fatalf("%d pages rasterised", len(imgs))
	}
	cpu0 := cpuSeconds()
	for b.Loop() {
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		errs := make(chan error, len(imgs))
		for i, img := range imgs {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				if rasterise {
					n := strconv.Itoa(i + 1)
					img = filepath.Join(dir, "r"+n)
					if err := exec.Command("pdftoppm", "-r", strconv.Itoa(DPI), "-gray", "-f", n, "-l", n, "-singlefile", pdf, img).Run(); err != nil {
						errs <- err
						return
					}
					img += ".pgm"
				}
				cmd := exec.Command("tesseract", img, "-", "-l", Lang, "--dpi", strconv.Itoa(DPI), "tsv")
				cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				if out, err := cmd.Output(); err != nil || len(out) == 0 {
					errs <- fmt.Errorf("%s: %v", img, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
	}
	reportPages(b, cpuSeconds()-cpu0)
}

// reportPages reports the wall time per page and the CPU time per page
// (this process and its children: on a busy machine the fairer comparison).
func reportPages(b *testing.B, cpu float64) {
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/10, "s/page")
	if cpu > 0 {
		b.ReportMetric(cpu/float64(b.N)/10, "cpu-s/page")
	}
}

// TestPageRules finds the task table's borders in the image under the
// English OCR layer of seed001.engocr.pdf (needs pdftoppm only).
func TestPageRules(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	rules, err := PageRules(context.Background(), readFixture(t, "seed001.engocr.pdf"), []int{5, 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 2 {
		t.Fatalf("got rules for %d pages, want 2", len(rules))
	}
	var hor, ver int
	for _, r := range rules[0] {
		if r.Horizontal() {
			hor++
			if r.X1-r.X0 < 700 {
				t.Errorf("page 5: short horizontal rule %+v, want the table's width", r)
			}
		} else {
			ver++
		}
	}
	// page 5: the header row and tasks 8–10 (5 horizontal borders), 6 columns (7 vertical)
	if hor != 5 || ver != 7 {
		t.Errorf("page 5: %d horizontal and %d vertical rules, want 5 and 7", hor, ver)
	}
	for _, r := range rules[1] {
		if !r.Horizontal() {
			t.Errorf("page 1 (body text) has a vertical rule %+v", r)
		}
	}
}
