package repair

import (
	"bufio"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
)

var (
	realWordEval   = flag.Bool("realword.eval", false, "measure RealWords on held-out corpus text (clean, and with marks misread)")
	realWordCorpus = flag.String("realword.corpus", "../../../shared/corpus", "corpus folder for -realword.eval")
	realWordMax    = flag.Int("realword.max", 40000, "held-out syllables -realword.eval reads")
	realWordSeeds  = flag.String("realword.seeds", "../../../shared/seeds", "folder of the sample documents whose clean text -realword.eval also reads")
)

func TestRealWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// tesseract -l vie: a hook above read as an acute, the right letters
		{"Rà soát tiến độ triển khai các nhiệm vụ chuyển đối số, phát triển KH&CN", "Rà soát tiến độ triển khai các nhiệm vụ chuyển đổi số, phát triển KH&CN"},
		{"Tố chức kiểm tra, hướng dẫn các xã", "Tổ chức kiểm tra, hướng dẫn các xã"},
		// one correction makes the context of the next
		{"Tố chức kiếm tra, hướng dẫn các xã, phường hoàn", "Tổ chức kiểm tra, hướng dẫn các xã, phường hoàn"},
		// a marked syllable outside the vocabulary
		{"Triến khai đánh giá mức độ hài lòng", "Triển khai đánh giá mức độ hài lòng"},
		// clean text stays
		{"Rà soát, đánh giá tiến độ triển khai các nhiệm vụ chuyển đổi số", "Rà soát, đánh giá tiến độ triển khai các nhiệm vụ chuyển đổi số"},
		{"Sở Tài chính chủ trì, phối hợp với các cơ quan, đơn vị liên quan", "Sở Tài chính chủ trì, phối hợp với các cơ quan, đơn vị liên quan"},
		{"Hàng tháng", "Hàng tháng"},
		{"Hằng tháng", "Hằng tháng"},
		{"", ""},
		{"số", "số"},
	} {
		if got := RealWords([]string{c.in})[0]; got != c.want {
			t.Errorf("RealWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// lines wrapping one sentence are read together
	got := RealWords([]string{"các nhiệm vụ chuyển", "đối số, phát triển KH&CN"})
	if got[1] != "đổi số, phát triển KH&CN" {
		t.Errorf("across a wrap: %q", got)
	}
}

// TestRealWordsEval measures RealWords on held-out corpus lines (never
// seen by the model): how many syllables of clean text it changes, and,
// with a share of the marked syllables replaced by another word of the
// same letters (what tesseract's Vietnamese model misreads), how many it
// restores and how many right ones it damages.
func TestRealWordsEval(t *testing.T) {
	if !*realWordEval {
		t.Skip("slow: -realword.eval")
	}
	r := def()
	lines := heldOutLines(t, *realWordMax)
	clean, changed := 0, 0
	for _, l := range lines {
		out := r.RealWords([]string{l})[0]
		a, b := strings.Fields(l), strings.Fields(out)
		clean += len(a)
		if len(a) == len(b) {
			for i := range a {
				if a[i] != b[i] {
					changed++
					if changed <= 20 {
						t.Logf("clean changed: %q → %q  (%s)", a[i], b[i], l)
					}
				}
			}
		}
	}
	t.Logf("clean: %d of %d syllables changed (%.3f%%)", changed, clean, 100*float64(changed)/float64(max(clean, 1)))
	// the sample plans' clean text (evaluation only: never training data)
	seeds, _ := filepath.Glob(filepath.Join(*realWordSeeds, "00[12]_*.txt"))
	seeds = append(seeds, filepath.Join(*realWordSeeds, "000.clean.txt"))
	for _, f := range seeds {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		lines := strings.Split(string(data), "\n")
		out := r.RealWords(lines)
		n := 0
		for i := range lines {
			if out[i] != lines[i] {
				n++
				t.Logf("%s: %q → %q", filepath.Base(f), lines[i], out[i])
			}
		}
		t.Logf("%s: %d of %d lines changed", filepath.Base(f), n, len(lines))
	}
	// noise: 5% of the marked syllables swapped for a same-letter word
	rng := rand.New(rand.NewPCG(1, 2))
	m := r.m
	noisy, fixed, damaged, right := 0, 0, 0, 0
	for _, l := range lines {
		f := strings.Fields(l)
		truth := append([]string(nil), f...)
		for i, w := range f {
			key := vn.Key(w)
			id, ok := m.ids[key]
			if !ok || vn.Fold(key) == key || rng.IntN(20) != 0 {
				continue
			}
			var alt []uint32
			for _, c := range m.foldCands(vn.Fold(key)) {
				if c != id && sameLetters(m.vocab[c], key) {
					alt = append(alt, c)
				}
			}
			if len(alt) == 0 {
				continue
			}
			f[i] = restoreCase(w, m.vocab[alt[rng.IntN(len(alt))]])
		}
		out := strings.Fields(r.RealWords([]string{strings.Join(f, " ")})[0])
		if len(out) != len(truth) {
			continue
		}
		for i := range truth {
			switch {
			case f[i] != truth[i]:
				noisy++
				if out[i] == truth[i] {
					fixed++
				}
			case out[i] != truth[i]:
				damaged++
			default:
				right++
			}
		}
	}
	t.Logf("noisy: %d misread syllables, %d restored (%.1f%%); %d of %d right ones damaged (%.3f%%)",
		noisy, fixed, 100*float64(fixed)/float64(max(noisy, 1)), damaged, damaged+right, 100*float64(damaged)/float64(max(damaged+right, 1)))
}

// heldOutLines reads held-out lines of the corpus's legal texts up to
// about n syllables, evenly across them.
func heldOutLines(t *testing.T, n int) []string {
	var all []string
	for _, name := range []string{"alqac2023_laws.txt", "congbot_policy_docs_nguoicocong.txt",
		"johnPa02_tvpl_crawl_legal.txt", "khanhng29_admin_docs.txt", "readability1000_legal_admin.txt",
		"tnt305_official_docs.txt", "undertheseanlp_vlc_laws.txt", "vbai_admin_style_guides.txt",
		"vbai_lamdong_admin_docs.txt", "vnmasterplan_nq57_docs.txt"} {
		f, err := os.Open(filepath.Join(*realWordCorpus, name))
		if err != nil {
			t.Skipf("corpus: %v", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		ln := 0
		for sc.Scan() {
			if vn.HeldOut(name, ln) && strings.TrimSpace(sc.Text()) != "" {
				all = append(all, sc.Text())
			}
			ln++
		}
		f.Close()
	}
	total := 0
	for _, l := range all {
		total += len(strings.Fields(l))
	}
	step := max(1, total/n)
	var pick []string
	for i, l := range all {
		if i%step == 0 {
			pick = append(pick, l)
		}
	}
	return pick
}
