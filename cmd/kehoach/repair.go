package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kehoach/kehoach/normalize/repair"
	"github.com/kehoach/kehoach/normalize/vnenc"
	"github.com/kehoach/kehoach/parser"
	"github.com/spf13/cobra"
)

// repairOptions are the flags of kehoach repair.
type repairOptions struct {
	Input  string
	Output string
	Diff   bool
	Tone   string
}

func newRepairCmd(s *Streams) *cobra.Command {
	opts := &repairOptions{}
	cmd := &cobra.Command{
		Use:   "repair [FILE|-]",
		Short: "Restore the Vietnamese of OCR text",
		Long: `Print text with its Vietnamese restored: OCR made without a Vietnamese
model ("Ké hoach s6 02 ctia Thanh ay") and text whose diacritics were
stripped get their marks and letters back ("Kế hoạch số 02 của Thành ủy").

The output has the same lines, in the same order, each holding the same
tokens: only misread or unmarked words change, so it lines up with the
input line for line. Numbers, dates, document codes, URLs and e-mail
addresses stay as they are. --diff prints only the changed words.`,
		Example: `  kehoach repair ocr.txt
  kehoach repair ocr.txt -o fixed.txt
  kehoach repair ocr.txt --diff
  pdftotext scan.pdf - | kehoach repair`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = "-"
			if len(args) == 1 {
				opts.Input = args[0]
			} else if s.InTerminal {
				return usagef("no input: name a text file, or - to read standard input")
			}
			return runRepair(opts, s)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&opts.Diff, "diff", false, "show only the words that changed, line by line")
	stringEnumFlag(cmd, &opts.Tone, "tone", "", "new", []string{"new", "old"}, "tone placement: new (hòa, thủy) or old (hoà, thuỷ)")
	return cmd
}

// runRepair repairs the input line by line.
func runRepair(opts *repairOptions, s *Streams) error {
	if err := refuseInputAsOutput(opts.Output, []string{opts.Input}); err != nil {
		return err
	}
	var r io.Reader = s.In
	if opts.Input != "-" {
		f, err := openInput(opts.Input)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, parser.MaxInput))
	if err != nil {
		return &parser.InputError{File: opts.Input, Reason: "cannot read: " + err.Error()}
	}
	text, err := vnenc.Decode(data)
	if errors.Is(err, vnenc.ErrBinary) {
		return &parser.InputError{File: opts.Input, Reason: "not a text file", Hint: "repair reads text; for PDF or Word files use kehoach parse"}
	}
	if err != nil {
		return &parser.InputError{File: opts.Input, Reason: err.Error()}
	}
	rep, err := repair.New(repair.WithTone(toneStyle(opts.Tone)))
	if err != nil {
		return fmt.Errorf("the repair model cannot be loaded: %w", err)
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	trailing := len(lines) > 0 && lines[len(lines)-1] == ""
	if trailing {
		lines = lines[:len(lines)-1]
	}
	fixed, changes := rep.Lines(lines)
	return writeOutput(opts.Output, s.Out, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if opts.Diff {
			writeChanges(bw, changes)
			return bw.Flush()
		}
		for _, line := range fixed {
			bw.WriteString(line)
			bw.WriteByte('\n')
		}
		return bw.Flush()
	})
}

// writeChanges prints the words repair changed, one line of the input per
// output line: "LINE: old → new, old → new".
func writeChanges(w io.Writer, changes []repair.Change) {
	for i := 0; i < len(changes); {
		j := i
		var words []string
		for ; j < len(changes) && changes[j].Line == changes[i].Line; j++ {
			words = append(words, changes[j].Old+" → "+changes[j].New)
		}
		fmt.Fprintf(w, "%d: %s\n", changes[i].Line+1, strings.Join(words, ", "))
		i = j
	}
}
