package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/parser"
	"github.com/kehoach/kehoach/parser/diff"
	"github.com/spf13/cobra"
)

// diffOptions are the flags of kehoach diff.
type diffOptions struct {
	Old, New string
	Format   string
	Output   string
	By       string
	Color    string
	BOM      bool
	Agencies string
	Marks    bool
}

func newDiffCmd(s *Streams) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two plans: tasks added, removed, re-assigned, re-dated",
		Long: `Compare two plans — two versions of one plan, or a province's plan and the
central plan it implements. Each side is a document (parsed on the fly) or
a register saved as YAML or JSON.

Tasks are matched by meaning, not position: renumbered, moved to another
section or appendix, or reworded slightly, a task is still the same task.
Each matched task is then compared field by field: content (with the words
that changed), lead and supporting agencies (by canonical name, so
"Sở KH&CN" and "Sở Khoa học và Công nghệ" are one agency), deadline
(earlier or later, by how many days), section, appendix, product and note.
Text is compared without diacritics by default, so an OCR slip in a mark
is not a change (--marks counts them).

--by agency lists, for each agency, the tasks it gained and lost.

The exit status is 0 when the plans have the same tasks, 1 when they differ.`,
		Example: `  kehoach diff v1.pdf v2.pdf
  kehoach diff old.yaml new.docx -f json -o changes.json
  kehoach diff central.pdf province.pdf -o changes.xlsx
  kehoach diff v1.pdf v2.pdf --by agency`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if opts.Format == "" && opts.Output != "" && opts.Output != "-" {
				opts.Format = formatFromPath(opts.Output)
				if opts.Format == "" || opts.Format == "yaml" || opts.Format == "ics" {
					return usagef("cannot tell the output format from %q: add -f text|json|csv|xlsx", opts.Output)
				}
			}
			if opts.Format == "" {
				opts.Format = "text"
			}
			if opts.Format == "xlsx" && (opts.Output == "" || opts.Output == "-") && s.OutTerminal {
				return usagef("Excel output is binary: add -o FILE.xlsx")
			}
			return runDiff(opts, s)
		},
	}
	stringEnumFlag(cmd, &opts.Format, "format", "f", "", []string{"text", "json", "csv", "xlsx"}, "output format (default: from -o, else text)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	stringEnumFlag(cmd, &opts.By, "by", "", "task", []string{"task", "agency"}, "list changes by task, or by agency")
	stringEnumFlag(cmd, &opts.Color, "color", "", "auto", []string{"auto", "always", "never"}, "colour the text output")
	cmd.Flags().BoolVar(&opts.BOM, "bom", true, "start CSV with a byte-order mark, so Excel shows Vietnamese")
	cmd.Flags().StringVar(&opts.Agencies, "agencies", "", "YAML `FILE` of local agency names to add to the built-in lexicon")
	cmd.Flags().BoolVar(&opts.Marks, "marks", false, "count differences in diacritics alone as changes")
	return cmd
}

// runDiff compares the two plans and writes the changes.
func runDiff(opts *diffOptions, s *Streams) error {
	if err := refuseInputAsOutput(opts.Output, []string{opts.Old, opts.New}); err != nil {
		return err
	}
	if opts.Old == "-" && opts.New == "-" {
		return usagef("only one side can be standard input")
	}
	lex, err := loadAgencies(opts.Agencies)
	if err != nil {
		return err
	}
	popts := []parser.Option{parser.WithAgencies(lex)}
	old, err := loadPlan(opts.Old, s, popts)
	if err != nil {
		return err
	}
	neu, err := loadPlan(opts.New, s, popts)
	if err != nil {
		return err
	}
	res := diff.Compare(old, neu, diff.Options{Agencies: lex, Marks: opts.Marks})
	color := opts.Color == "always" || (opts.Color == "auto" && s.OutTerminal && (opts.Output == "" || opts.Output == "-") && os.Getenv("NO_COLOR") == "")
	err = writeOutput(opts.Output, s.Out, func(w io.Writer) error {
		if opts.By == "agency" {
			changes := diff.ByAgency(res)
			switch opts.Format {
			case "json":
				return diff.WriteAgencyJSON(w, changes)
			case "csv":
				return export.WriteAgencyDiffCSV(w, changes, opts.BOM)
			case "xlsx":
				return export.WriteAgencyDiffXLSX(w, changes)
			}
			return diff.WriteAgencyText(w, changes, color)
		}
		switch opts.Format {
		case "json":
			return diff.WriteJSON(w, res)
		case "csv":
			return export.WriteDiffCSV(w, res, opts.BOM)
		case "xlsx":
			return export.WriteDiffXLSX(w, res)
		}
		return diff.WriteText(w, res, color)
	})
	if err != nil {
		return err
	}
	if res.Differs() {
		return &negativeError{}
	}
	return nil
}

// loadPlan reads one side of a diff: a saved register (YAML or JSON) or a
// document to parse.
func loadPlan(path string, s *Streams, popts []parser.Option) (*parser.Register, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".yaml" || ext == ".yml" || ext == ".json" {
		regs, err := readRegisterFile(path, s)
		if err != nil {
			return nil, err
		}
		if len(regs) != 1 {
			return nil, &parser.InputError{File: path, Reason: "holds several registers; diff compares one plan with one plan",
				Hint: "split the file, or parse the two documents directly"}
		}
		return regs[0], nil
	}
	if path == "-" {
		data, err := io.ReadAll(s.In)
		if err != nil {
			return nil, &parser.InputError{File: "-", Reason: err.Error()}
		}
		if regs, err := export.ReadRegisters(bytes.NewReader(data), "-"); err == nil && len(regs) == 1 && regs[0].Source != "" {
			return regs[0], nil
		}
		return parser.ParseBytes(data, "-", popts...)
	}
	return parseInput(path, s, popts)
}
