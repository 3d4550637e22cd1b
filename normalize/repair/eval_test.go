package repair

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
	"golang.org/x/text/unicode/norm"
)

var (
	evalFlag   = flag.Bool("eval", false, "run the accuracy evaluation (slow; needs the corpus and seeds)")
	corpusDir  = flag.String("corpus", "../../../shared/corpus", "corpus folder for the held-out evaluation")
	seedsDir   = flag.String("seeds", "../../../shared/seeds", "seeds folder for the seed 000 evaluation")
	evalMax    = flag.Int("evalmax", 60000, "held-out syllables to evaluate")
	evalShow   = flag.Int("evalshow", 0, "print this many wrong seed-000 syllables")
	legalFiles = []string{"alqac2023_laws.txt", "congbot_policy_docs_nguoicocong.txt", "johnPa02_tvpl_crawl_legal.txt",
		"khanhng29_admin_docs.txt", "readability1000_legal_admin.txt", "tnt305_official_docs.txt",
		"undertheseanlp_vlc_laws.txt", "vbai_admin_style_guides.txt", "vbai_lamdong_admin_docs.txt", "vnmasterplan_nq57_docs.txt"}
)

// words returns the keys of the letter tokens of a line.
func words(line string) []string {
	var w []string
	for _, t := range vn.Tokens(line) {
		if t.Kind == vn.Word || t.Kind == vn.Mixed || t.Kind == vn.Roman {
			w = append(w, vn.Key(t.Core))
		}
	}
	return w
}

// align matches tokens of a to tokens of b (edit distance, equal keys
// free) and returns, for each index of b, the index of a matched to it or -1.
func align(a, b []string) []int {
	n, m := len(a), len(b)
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	fa, fb := make([]string, n), make([]string, m)
	for i, w := range a {
		fa[i] = vn.Fold(w)
	}
	for j, w := range b {
		fb[j] = vn.Fold(w)
	}
	cost := func(i, j int) int {
		if a[i] == b[j] {
			return 0
		}
		if fa[i] == fb[j] {
			return 1
		}
		return 2
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			v := d[i-1][j-1] + cost(i-1, j-1)
			v = min(v, d[i-1][j]+2, d[i][j-1]+2)
			d[i][j] = v
		}
	}
	res := make([]int, m)
	for j := range res {
		res[j] = -1
	}
	i, j := n, m
	for i > 0 && j > 0 {
		switch {
		case d[i][j] == d[i-1][j-1]+cost(i-1, j-1):
			res[j-1] = i - 1
			i--
			j--
		case d[i][j] == d[i-1][j]+2:
			i--
		default:
			j--
		}
	}
	return res
}

func strip(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'đ':
			r = 'd'
		case 'Đ':
			r = 'D'
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func readLines(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("eval: %v", err)
	}
	return strings.Split(strings.TrimRight(string(data), "\n \t"), "\n")
}

// TestEval prints the accuracy figures: go test ./normalize/repair -run Eval -eval
func TestEval(t *testing.T) {
	if !*evalFlag {
		t.Skip("accuracy evaluation: run with -eval")
	}
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("model: %s\n", r.m.meta)
	evalSeed(t, r)
	evalHeldOut(t, r)
	evalOCRHeldOut(t, r)
}

// evalOCRHeldOut repairs the English-model OCR of documents that
// make_pairs.sh rendered but whose pairs the model was not trained on
// (testdata/ocrheld: doc-NNN.eng.txt, the OCR text of each scan, and
// doc-NNN.truth.txt, its text; the text is corpus text, which the
// language model may have seen: the channel is what is held out) and
// measures, over the whole document
// (the OCR's lines are not the text's), the share of the text's syllables
// the output has.
func evalOCRHeldOut(t *testing.T, r *Repairer) {
	engs, _ := filepath.Glob(filepath.Join("testdata", "ocrheld", "*.eng.txt"))
	if len(engs) == 0 {
		fmt.Println("OCR held-out: none, skipped")
		return
	}
	total, inRight, outRight, kept, damaged := 0, 0, 0, 0, 0
	wrong := map[string]int{}
	start := time.Now()
	for _, eng := range engs {
		noisy := readLines(t, eng)
		clean := readLines(t, strings.TrimSuffix(eng, ".eng.txt")+".truth.txt")
		fixed, _ := r.Lines(noisy)
		var tw, iw, ow []string
		for _, l := range clean {
			tw = append(tw, words(l)...)
		}
		for i := range noisy {
			iw = append(iw, words(noisy[i])...)
			ow = append(ow, words(fixed[i])...)
		}
		ai, ao := align(iw, tw), align(ow, tw)
		for j, w := range tw {
			total++
			inOK := ai[j] >= 0 && iw[ai[j]] == w
			if ao[j] >= 0 && ow[ao[j]] == w {
				outRight++
			} else if ao[j] >= 0 && ai[j] >= 0 {
				wrong[iw[ai[j]]+" → "+ow[ao[j]]+" (truth "+w+")"]++
			}
			if inOK {
				inRight++
				kept++
				if len(iw) == len(ow) && ow[ai[j]] != w {
					damaged++
				}
			}
		}
	}
	fmt.Printf("OCR held-out (%d English-OCR scans of corpus text, not in the channel's pairs): %d syllables; input %.2f%% right; repaired %.2f%% right; damaged %d of %d already right (%.2f%%); %v\n",
		len(engs), total, pct(inRight, total), pct(outRight, total), damaged, kept, pct(damaged, kept), time.Since(start).Round(time.Millisecond))
	printWorst(wrong, *evalShow)
}

func evalSeed(t *testing.T, r *Repairer) {
	noisyFiles, _ := filepath.Glob(filepath.Join(*seedsDir, "000_*.txt"))
	if len(noisyFiles) == 0 {
		fmt.Println("seed 000: not found, skipped")
		return
	}
	noisy := readLines(t, noisyFiles[0])
	clean := readLines(t, filepath.Join(*seedsDir, "000.clean.txt"))
	if len(noisy) != len(clean) {
		t.Fatalf("seed 000: %d lines, clean %d", len(noisy), len(clean))
	}
	// line by line, as the parser calls it on lines without context
	perLine := make([]string, len(noisy))
	for i, l := range noisy {
		perLine[i] = r.Line(l)
	}
	ok, all := 0, 0
	for i := range clean {
		tw, ow := words(clean[i]), words(perLine[i])
		ao := align(ow, tw)
		for j, w := range tw {
			all++
			if ao[j] >= 0 && ow[ao[j]] == w {
				ok++
			}
		}
	}
	fmt.Printf("seed 000 line by line (Line): %.2f%% right\n", pct(ok, all))
	start := time.Now()
	fixed, _ := r.Lines(noisy)
	el := time.Since(start)
	total, inRight, outRight, kept, damaged := 0, 0, 0, 0, 0
	wrong := map[string]int{}
	for i := range clean {
		tw := words(clean[i])
		iw, ow := words(noisy[i]), words(fixed[i])
		ai := align(iw, tw)
		ao := align(ow, tw)
		for j, w := range tw {
			total++
			inOK := ai[j] >= 0 && iw[ai[j]] == w
			outOK := ao[j] >= 0 && ow[ao[j]] == w
			if inOK {
				inRight++
				kept++
				if len(iw) == len(ow) && ow[ai[j]] != w {
					damaged++
				}
			}
			if outOK {
				outRight++
			} else {
				got := "∅"
				if ao[j] >= 0 {
					got = ow[ao[j]]
				}
				in := "∅"
				if ai[j] >= 0 {
					in = iw[ai[j]]
				}
				wrong[in+" → "+got+" (truth "+w+")"]++
			}
		}
	}
	fmt.Printf("seed 000 as a text (Lines/Text): %d syllables; input %.2f%% right; repaired %.2f%% right; damaged %d of %d already right (%.2f%%); %v\n",
		total, pct(inRight, total), pct(outRight, total), damaged, kept, pct(damaged, kept), el.Round(time.Millisecond))
	printWorst(wrong, *evalShow)
}

func evalHeldOut(t *testing.T, r *Repairer) {
	var truth []string
	n := 0
	for _, name := range legalFiles {
		f, err := os.Open(filepath.Join(*corpusDir, name))
		if err != nil {
			fmt.Printf("held-out: %v, skipped\n", err)
			return
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		ln := 0
		var mine []string
		for sc.Scan() {
			if vn.HeldOut(name, ln) {
				mine = append(mine, sc.Text())
			}
			ln++
		}
		f.Close()
		truth = append(truth, mine...)
	}
	// take lines evenly across the held-out set up to the budget
	var pick []string
	total := 0
	for _, l := range truth {
		total += len(words(l))
	}
	step := max(1, total / *evalMax)
	for i, l := range truth {
		if i%step == 0 {
			pick = append(pick, l)
			n += len(words(l))
		}
	}
	stripped := make([]string, len(pick))
	for i, l := range pick {
		stripped[i] = strip(l)
	}
	start := time.Now()
	cpu0 := cpuTime()
	out := make([]string, len(pick))
	for i, l := range stripped {
		out[i] = r.Line(l)
	}
	el := time.Since(start)
	cpu := cpuTime() - cpu0
	right, all, plain, plainBad := 0, 0, 0, 0
	damage := map[string]int{}
	errs := map[string]int{}
	for i := range pick {
		tw, sw, ow := words(pick[i]), words(stripped[i]), words(out[i])
		if len(tw) != len(ow) || len(tw) != len(sw) {
			t.Errorf("held-out line %d: token count changed", i)
			continue
		}
		for j := range tw {
			all++
			if ow[j] == tw[j] {
				right++
			} else {
				errs[tw[j]+" → "+ow[j]]++
			}
			if sw[j] == tw[j] {
				plain++
				if ow[j] != tw[j] {
					plainBad++
					damage[tw[j]+" → "+ow[j]]++
				}
			}
		}
	}
	if *evalShow > 0 {
		type kv struct {
			k string
			v int
		}
		var l []kv
		for k, v := range damage {
			l = append(l, kv{"damaged " + k, v})
		}
		for k, v := range errs {
			l = append(l, kv{"wrong " + k, v})
		}
		sort.Slice(l, func(a, b int) bool { return l[a].v > l[b].v || l[a].v == l[b].v && l[a].k < l[b].k })
		for i, x := range l {
			if i < *evalShow {
				fmt.Printf("  %3d  %s\n", x.v, x.k)
			}
		}
	}
	// clean text through the repairer, as --repair always would
	changed, cleanAll := 0, 0
	for _, l := range pick {
		tw, ow := words(l), words(r.Line(l))
		for j := range tw {
			cleanAll++
			if j < len(ow) && ow[j] != tw[j] {
				changed++
			}
		}
	}
	fmt.Printf("held-out legal text as it is (clean) through Line: %.2f%% of syllables changed\n", pct(changed, cleanAll))
	fmt.Printf("held-out legal text, diacritics stripped: %d syllables in %d lines; restored %.2f%% right; unmarked syllables damaged %.2f%%; %.0f syllables/s (%.0f per CPU second, memo cold at start)\n",
		all, len(pick), pct(right, all), pct(plainBad, plain), float64(all)/el.Seconds(), float64(all)/cpu.Seconds())
}

// cpuTime is the CPU time the process has used, so that speed figures do
// not depend on what else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// TestCalibrateKeep sweeps the keep prior on held-out legal Q&A text with
// its diacritics stripped, a calibration set apart from the one TestEval
// measures: go test ./normalize/repair -run CalibrateKeep -eval -v
func TestCalibrateKeep(t *testing.T) {
	if !*evalFlag {
		t.Skip("calibration: run with -eval")
	}
	const file = "tnt305_legal_qa_news.txt"
	f, err := os.Open(filepath.Join(*corpusDir, file))
	if err != nil {
		t.Skipf("calibration: %v", err)
	}
	var pick []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for ln := 0; sc.Scan(); ln++ {
		if vn.HeldOut(file, ln) {
			pick = append(pick, sc.Text())
		}
	}
	f.Close()
	defer func(b, f float32) { keepBonusMax, keepFade = b, f }(keepBonusMax, keepFade)
	for _, p := range [][2]float32{{0, 0.16}, {1, 0.16}, {1.4, 0.16}, {2, 0.16}, {2.5, 0.16}, {2, 0.08}, {2, 1}} {
		keepBonusMax, keepFade = p[0], p[1]
		r, err := New()
		if err != nil {
			t.Fatal(err)
		}
		right, all, plain, bad := 0, 0, 0, 0
		for _, l := range pick {
			s := strip(l)
			tw, sw, ow := words(l), words(s), words(r.Line(s))
			if len(tw) != len(ow) || len(tw) != len(sw) {
				continue
			}
			for j := range tw {
				all++
				if ow[j] == tw[j] {
					right++
				}
				if sw[j] == tw[j] {
					plain++
					if ow[j] != tw[j] {
						bad++
					}
				}
			}
		}
		fmt.Printf("keep prior %.1f, fade %.2f: %d syllables; restored %.2f%%; unmarked damaged %.2f%% (%d of %d)\n",
			p[0], p[1], all, pct(right, all), pct(bad, plain), bad, plain)
	}
}

// printWorst prints the n most frequent errors of an evaluation.
func printWorst(wrong map[string]int, n int) {
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range wrong {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(a, b int) bool { return l[a].v > l[b].v || l[a].v == l[b].v && l[a].k < l[b].k })
	for i, x := range l {
		if i >= n {
			break
		}
		fmt.Printf("  %3d  %s\n", x.v, x.k)
	}
}
