package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
)

// progress draws a one-line progress bar on a terminal; when stderr is not
// a terminal it draws nothing.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	on      bool
	total   int
	current int
}

func newProgress(w io.Writer, on bool, total int) *progress {
	return &progress{w: w, on: on, total: total}
}

// done counts one more finished item.
func (p *progress) done(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current++
	if !p.on {
		return
	}
	const width = 30
	filled := width * p.current / max(p.total, 1)
	name = filepath.Base(name)
	if len([]rune(name)) > 30 {
		name = string([]rune(name)[:29]) + "…"
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d %s", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.current, p.total, name)
}

// finish clears the bar.
func (p *progress) finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
