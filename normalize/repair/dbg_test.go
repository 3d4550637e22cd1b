package repair

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDbgLines(t *testing.T) {
	if os.Getenv("DBG") == "" {
		t.Skip()
	}
	r := rep(t)
	nf, _ := filepath.Glob(filepath.Join(*seedsDir, "000_*.txt"))
	noisy := readLines(t, nf[0])
	clean := readLines(t, filepath.Join(*seedsDir, "000.clean.txt"))
	fixed, _ := r.Lines(noisy)
	for i := range clean {
		if strings.ToLower(fixed[i]) != strings.ToLower(clean[i]) {
			fmt.Printf("IN  %s\nOUT %s\nTRU %s\n\n", noisy[i], fixed[i], clean[i])
		}
	}
}
