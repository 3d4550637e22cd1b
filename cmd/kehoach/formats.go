package main

import (
	"io"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/parser"
)

// writeRegisters writes registers in the given format.
func writeRegisters(w io.Writer, format string, regs []*parser.Register, bom bool, lex *agency.Lexicon) error {
	opts := export.DefaultOptions()
	opts.BOM = bom
	opts.Agencies = lex
	return export.Write(w, format, regs, opts)
}

// loadAgencies returns the built-in agency lexicon, with the user's file
// merged over it when one is named.
func loadAgencies(path string) (*agency.Lexicon, error) {
	if path == "" {
		return agency.Default(), nil
	}
	f, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lex := agency.New()
	if err := lex.Load(f); err != nil {
		return nil, &parser.InputError{File: path, Reason: "not an agencies file: " + err.Error(),
			Hint: "the file maps canonical names to aliases; see kehoach parse --help"}
	}
	return lex, nil
}
