package main

import (
	"io"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/parser"
	"github.com/spf13/cobra"
)

// exportOptions are the flags of kehoach export.
type exportOptions struct {
	Inputs   []string
	Format   string
	Output   string
	BOM      bool
	Agencies string
}

func newExportCmd(s *Streams) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export REGISTER... -f yaml|json|csv|xlsx|ics -o OUT",
		Short: "Convert saved registers to another format",
		Long: `Convert registers saved as YAML or JSON (by kehoach parse, and perhaps
corrected by hand) into another format: YAML, JSON, CSV, an Excel workbook
or an iCalendar file of deadlines. Several registers give one output, in
the order given.`,
		Example: `  kehoach parse plan.pdf -o plan.yaml
  # correct plan.yaml by hand, then:
  kehoach export plan.yaml -o plan.xlsx
  kehoach export a.yaml b.yaml -f csv -o all.csv
  kehoach export plan.json -f ics -o han.ics`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if opts.Format == "" && opts.Output != "" && opts.Output != "-" {
				opts.Format = formatFromPath(opts.Output)
			}
			if opts.Format == "" || opts.Format == "text" {
				return usagef("no output format: add -f yaml|json|csv|xlsx|ics, or -o with one of those extensions")
			}
			if opts.Format == "xlsx" && (opts.Output == "" || opts.Output == "-") && s.OutTerminal {
				return usagef("Excel output is binary: add -o FILE.xlsx")
			}
			return runExport(opts, s)
		},
	}
	stringEnumFlag(cmd, &opts.Format, "format", "f", "", []string{"yaml", "json", "csv", "xlsx", "ics"}, "output format (default: from -o)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&opts.BOM, "bom", true, "start CSV with a byte-order mark, so Excel shows Vietnamese")
	cmd.Flags().StringVar(&opts.Agencies, "agencies", "", "YAML `FILE` of local agency names to add to the built-in lexicon")
	return cmd
}

// runExport reads every register and writes them in the new format.
func runExport(opts *exportOptions, s *Streams) error {
	if err := refuseInputAsOutput(opts.Output, opts.Inputs); err != nil {
		return err
	}
	lex, err := loadAgencies(opts.Agencies)
	if err != nil {
		return err
	}
	var regs []*parser.Register
	for _, in := range opts.Inputs {
		rs, err := readRegisterFile(in, s)
		if err != nil {
			return err
		}
		regs = append(regs, rs...)
	}
	return writeOutput(opts.Output, s.Out, func(w io.Writer) error {
		return writeRegisters(w, opts.Format, regs, opts.BOM, lex)
	})
}

// readRegisterFile reads a saved register (YAML or JSON) from a file or
// standard input.
func readRegisterFile(path string, s *Streams) ([]*parser.Register, error) {
	if path == "-" {
		return export.ReadRegisters(s.In, "-")
	}
	f, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return export.ReadRegisters(f, path)
}
