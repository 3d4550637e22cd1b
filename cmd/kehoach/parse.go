package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser"
	"github.com/spf13/cobra"
)

// parseOptions are the flags of kehoach parse.
type parseOptions struct {
	Inputs   []string
	Format   string
	Output   string
	Repair   string
	OCR      string
	Jobs     int
	BOM      bool
	Agencies string
	Tone     string
}

func newParseCmd(s *Streams) *cobra.Command {
	opts := &parseOptions{}
	cmd := &cobra.Command{
		Use:   "parse [FILE|-]...",
		Short: "Read plan documents and write their task registers",
		Long: `Read plan documents — PDF (text layer; scanned pages through OCR where
tesseract is installed), DOCX (DOC, ODT, RTF through LibreOffice), HTML, or
text copied from a legal database or a PDF — and write the task register of
each: the document's metadata and every task of its appendix tables.

The default output is YAML on standard output. -o picks the format from the
file's extension (.yaml .json .csv .xlsx .ics) unless -f says otherwise.
One input gives one register; several give a list in input order (CSV and
Excel: one table with a Nguồn column). "-" reads standard input.

Scanned pages (a PDF page that is only an image) are read with tesseract's
Vietnamese model (--ocr auto, the default). A scan whose hidden text layer was
made by OCR without Vietnamese ("Ké hoach s6 02 ctia Thanh ay") is read again
from its page images the same way where tesseract is installed (about a second
a page), and the layer is kept when that finds fewer task rows; --ocr never
keeps the layer and only repairs its text, --ocr always reads every page from
its image. Without tesseract, such a layer is repaired in place.

OCR text is repaired automatically, page by page, where it looks like OCR
without Vietnamese or text typed without marks (--repair).

When some inputs cannot be read, the others are still written, the failures
are listed on standard error, and the exit status is 3. Warnings (a row that
could not be read whole) are kept in the register and printed on standard
error.

--agencies adds local names to the built-in lexicon of state bodies, which
groups agencies in the Excel sheet "Theo cơ quan" and in diff. The file maps
a canonical name to its other spellings and former names:

  Trung tâm Chuyển đổi số tỉnh: [TT CĐS, Trung tâm CĐS]
  Sở Khoa học và Công nghệ:
    aliases: [Sở KHCN]
    formerly: [Sở Thông tin và Truyền thông]`,
		Example: `  kehoach parse plan.pdf
  kehoach parse plan.pdf -o plan.xlsx
  kehoach parse plan.docx -f json > plan.json
  kehoach parse docs/*.pdf -o all.xlsx -j 4
  kehoach parse plan.pdf -o han.ics          # deadlines for a calendar
  kehoach parse scan.pdf --ocr never        # keep a scan's text layer, repaired
  cat copied.txt | kehoach parse - -o plan.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if opts.Format == "" && opts.Output != "" && opts.Output != "-" {
				opts.Format = formatFromPath(opts.Output)
				if opts.Format == "" || opts.Format == "text" {
					return usagef("cannot tell the output format from %q: add -f yaml|json|csv|xlsx|ics", opts.Output)
				}
			}
			if opts.Format == "" {
				opts.Format = "yaml"
			}
			if opts.Format == "xlsx" && (opts.Output == "" || opts.Output == "-") && s.OutTerminal {
				return usagef("Excel output is binary: add -o FILE.xlsx")
			}
			if opts.Jobs < 1 {
				return usagef("-j must be at least 1")
			}
			if len(opts.Inputs) == 0 {
				if s.InTerminal {
					return usagef("no input: name a plan document, or - to read standard input")
				}
				opts.Inputs = []string{"-"}
			}
			return runParse(cmd.Context(), opts, s)
		},
	}
	f := cmd.Flags()
	stringEnumFlag(cmd, &opts.Format, "format", "f", "", []string{"yaml", "json", "csv", "xlsx", "ics"}, "output format (default: from -o, else yaml)")
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	stringEnumFlag(cmd, &opts.Repair, "repair", "", "auto", []string{"auto", "always", "never"}, "restore Vietnamese of OCR text")
	stringEnumFlag(cmd, &opts.OCR, "ocr", "", "auto", []string{"auto", "always", "never"}, "read scanned pages, and pages whose text layer is English-model OCR, with tesseract")
	f.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "documents read in parallel")
	f.BoolVar(&opts.BOM, "bom", true, "start CSV with a byte-order mark, so Excel shows Vietnamese")
	f.StringVar(&opts.Agencies, "agencies", "", "YAML `FILE` of local agency names to add to the built-in lexicon")
	stringEnumFlag(cmd, &opts.Tone, "tone", "", "new", []string{"new", "old"}, "tone placement: new (hòa, thủy) or old (hoà, thuỷ)")
	return cmd
}

// parseResult is one input's outcome.
type parseResult struct {
	reg *parser.Register
	err error
}

// runParse parses every input, in parallel, and writes the registers.
func runParse(ctx context.Context, opts *parseOptions, s *Streams) error {
	if err := refuseInputAsOutput(opts.Output, opts.Inputs); err != nil {
		return err
	}
	lex, err := loadAgencies(opts.Agencies)
	if err != nil {
		return err
	}
	popts := []parser.Option{
		parser.WithRepair(parser.Mode(opts.Repair)),
		parser.WithOCR(parser.Mode(opts.OCR)),
		parser.WithTone(toneStyle(opts.Tone)),
		parser.WithAgencies(lex),
	}
	if ctx != nil {
		popts = append(popts, parser.WithContext(ctx))
	}
	results := parseAll(opts.Inputs, opts.Jobs, popts, s)

	var regs []*parser.Register
	var failed []error
	tasks := 0
	for _, r := range results {
		if r.err != nil {
			failed = append(failed, r.err)
			continue
		}
		regs = append(regs, r.reg)
		tasks += len(r.reg.Tasks)
	}
	if len(regs) > 0 {
		werr := writeOutput(opts.Output, s.Out, func(w io.Writer) error {
			return writeRegisters(w, opts.Format, regs, opts.BOM, lex)
		})
		if werr != nil {
			return werr
		}
	}
	if len(opts.Inputs) > 1 {
		fmt.Fprintf(s.Err, "kehoach: %d of %d documents read, %d tasks", len(regs), len(opts.Inputs), tasks)
		if len(failed) > 0 {
			fmt.Fprintf(s.Err, ", %d failed", len(failed))
		}
		if opts.Output != "" && opts.Output != "-" && len(regs) > 0 {
			fmt.Fprintf(s.Err, "; written to %s", opts.Output)
		}
		fmt.Fprintln(s.Err)
	}
	for _, r := range regs {
		for _, w := range r.Warnings {
			fmt.Fprintf(s.Err, "kehoach: warning: %s: %s\n", r.Source, w)
		}
	}
	if len(failed) == 1 {
		return failed[0]
	}
	if len(failed) > 0 {
		return &inputFailures{errs: failed}
	}
	return nil
}

// parseAll parses the inputs with up to jobs at once, showing progress on
// a terminal, and returns the results in input order.
func parseAll(inputs []string, jobs int, popts []parser.Option, s *Streams) []parseResult {
	results := make([]parseResult, len(inputs))
	bar := newProgress(s.Err, s.ErrTerminal && len(inputs) > 1, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, jobs)
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			reg, err := parseInput(in, s, popts)
			results[i] = parseResult{reg, err}
			bar.done(in)
		}()
	}
	wg.Wait()
	bar.finish()
	return results
}

// parseInput opens and parses one input ("-" is standard input).
func parseInput(path string, s *Streams, popts []parser.Option) (*parser.Register, error) {
	if path == "-" {
		return parser.Parse(s.In, "-", popts...)
	}
	f, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parser.Parse(f, path, popts...)
}

// openInput opens a file for reading, turning the usual failures into
// input errors that say what to do.
func openInput(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, &parser.InputError{File: path, Reason: "no such file", Hint: "check the name and the folder"}
	case errors.Is(err, os.ErrPermission):
		return nil, &parser.InputError{File: path, Reason: "permission denied", Hint: "ask for read access to the file"}
	case err != nil:
		return nil, &parser.InputError{File: path, Reason: err.Error(), Err: err}
	case fi.IsDir():
		return nil, &parser.InputError{File: path, Reason: "is a directory, not a document", Hint: "name the files, e.g. " + path + "/*.pdf"}
	case !fi.Mode().IsRegular():
		return nil, &parser.InputError{File: path, Reason: "is not a regular file"}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &parser.InputError{File: path, Reason: "cannot open: " + unwrapPathError(err).Error(), Err: err}
	}
	return f, nil
}

// toneStyle maps the --tone flag to a style.
func toneStyle(s string) normalize.ToneStyle {
	if s == "old" {
		return normalize.ToneOld
	}
	return normalize.ToneNew
}
