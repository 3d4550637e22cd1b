package repair

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
)

// TestDebugLines prints the seed-000 lines that repair gets wrong (DEBUG_LINES=1).
func TestDebugLines(t *testing.T) {
	if os.Getenv("DEBUG_LINES") == "" {
		t.Skip("set DEBUG_LINES=1")
	}
	r := rep(t)
	nf, _ := filepath.Glob(filepath.Join(*seedsDir, "000_*.txt"))
	if len(nf) == 0 {
		t.Skip("no seed")
	}
	noisy := readLines(t, nf[0])
	clean := readLines(t, filepath.Join(*seedsDir, "000.clean.txt"))
	fixed, _ := r.Lines(noisy)
	for i := range clean {
		if strings.ToLower(fixed[i]) != strings.ToLower(clean[i]) {
			fmt.Printf("IN  %s\nOUT %s\nTRU %s\n\n", noisy[i], fixed[i], clean[i])
		}
	}
}

// TestDebugCands prints the readings of the tokens in DEBUG_CANDS and the
// repair of DEBUG_LINE.
func TestDebugCands(t *testing.T) {
	if os.Getenv("DEBUG_CANDS") == "" && os.Getenv("DEBUG_LINE") == "" {
		t.Skip("set DEBUG_CANDS or DEBUG_LINE")
	}
	r := rep(t)
	for _, w := range strings.Fields(os.Getenv("DEBUG_CANDS")) {
		e := r.entry(vn.Tokens(w)[0])
		fmt.Printf("%s:", w)
		for _, c := range e.c {
			fmt.Printf(" %s(%d) dp=%.2f s=%v u=%.2f;", c.out, c.id, c.dp, c.stripped, r.m.uniP[c.id])
		}
		fmt.Println()
	}
	if l := os.Getenv("DEBUG_LINE"); l != "" {
		fmt.Println(r.Line(l))
	}
}

func TestDebugNoJoin(t *testing.T) {
	if os.Getenv("DEBUG_LINES") == "" {
		t.Skip("set DEBUG_LINES=1")
	}
	r := rep(t)
	nf, _ := filepath.Glob(filepath.Join(*seedsDir, "000_*.txt"))
	noisy := readLines(t, nf[0])
	clean := readLines(t, filepath.Join(*seedsDir, "000.clean.txt"))
	fixed, _ := r.repair(noisy, false)
	ok, all := 0, 0
	for i := range clean {
		tw, ow := words(clean[i]), words(fixed[i])
		ao := align(ow, tw)
		for j, w := range tw {
			all++
			if ao[j] >= 0 && ow[ao[j]] == w {
				ok++
			}
		}
	}
	fmt.Printf("no join, block strip: %.2f%%\n", pct(ok, all))
}
