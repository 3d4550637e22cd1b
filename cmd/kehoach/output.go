package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kehoach/kehoach/export"
)

// writeOutput writes what write produces to path, or to out when path is ""
// or "-". A file is written through a temporary file in the target folder
// and renamed into place only when write succeeds, so a failed run leaves
// no half-written file and an existing output is replaced only on success.
func writeOutput(path string, out io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriter(out)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usagef("output %s is a directory: name a file, e.g. -o %s", path, filepath.Join(path, "register.xlsx"))
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathError(err))
	}
	return nil
}

// unwrapPathError drops the temporary file's name from an error.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// refuseInputAsOutput fails when the output path names one of the inputs:
// inputs are never overwritten.
func refuseInputAsOutput(output string, inputs []string) error {
	if output == "" || output == "-" {
		return nil
	}
	ofi, err := os.Stat(output)
	if err != nil {
		return nil // does not exist yet
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		if ifi, err := os.Stat(in); err == nil && os.SameFile(ifi, ofi) {
			return usagef("output %s is one of the inputs: kehoach never overwrites an input", output)
		}
	}
	return nil
}

// formatFromPath picks an output format from a file name's extension:
// the register formats export knows, and "text" for .txt (diff's text).
func formatFromPath(path string) string {
	if f, ok := export.FormatFromPath(path); ok {
		return f
	}
	if strings.EqualFold(filepath.Ext(path), ".txt") {
		return "text"
	}
	return ""
}
