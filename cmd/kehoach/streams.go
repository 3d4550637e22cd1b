package main

import (
	"bytes"
	"io"
	"os"
)

// Streams are the standard streams a command uses, injected so tests can
// use buffers and say whether stderr is a terminal.
type Streams struct {
	In          io.Reader
	Out         io.Writer
	Err         io.Writer
	InTerminal  bool // standard input is a terminal (nothing piped in)
	ErrTerminal bool // standard error is a terminal: progress bars and colour
	OutTerminal bool // standard output is a terminal: colour in diff output
}

// systemStreams returns the process's own streams.
func systemStreams() *Streams {
	return &Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTerminal:  isTerminal(os.Stdin),
		ErrTerminal: isTerminal(os.Stderr),
		OutTerminal: isTerminal(os.Stdout),
	}
}

// testStreams returns streams over buffers, for tests.
func testStreams(in string) (*Streams, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Streams{In: bytes.NewBufferString(in), Out: &out, Err: &errb}, &out, &errb
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}
