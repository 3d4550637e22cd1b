package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Main runs kehoach with args and returns the exit status.
func Main(args []string, s *Streams) int {
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
		err = &usageError{err.Error()}
	}
	return exitCode(err, s.Err)
}

// newRootCmd builds the command tree.
func newRootCmd(s *Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "kehoach",
		Short: "Turn Vietnamese plan documents into task registers",
		Long: `kehoach reads Vietnamese public-sector plans (Kế hoạch, chương trình hành
động, quyết định ban hành kế hoạch) — PDF, Word, HTML or text copied from a
legal database, including scans read by OCR without Vietnamese — and gives
the plan's task register: every task of every appendix table with its
section, STT, content, lead and supporting agencies, deadline, product and
note, and the document's own metadata.`,
		Example: `  kehoach parse plan.pdf                     # register as YAML on stdout
  kehoach parse plan.pdf -o plan.xlsx        # Excel workbook for the clerk
  kehoach parse docs/*.pdf -o all.xlsx -j 4  # many plans, one workbook
  kehoach repair ocr.txt --diff              # restore Vietnamese of OCR text
  kehoach diff old.pdf new.pdf               # what changed between versions
  kehoach check testdata --golden testdata   # CI: every sample still parses`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildVersion(),
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.SetVersionTemplate("kehoach {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{err.Error()}
	})
	root.AddCommand(
		newParseCmd(s),
		newRepairCmd(s),
		newExportCmd(s),
		newDiffCmd(s),
		newCheckCmd(s),
		newVersionCmd(s),
	)
	for _, c := range root.Commands() {
		c.Long = strings.TrimSpace(c.Long) + "\n" + exitHelp
		if check := c.Args; check != nil {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					return &usageError{err.Error()}
				}
				return nil
			}
		}
	}
	root.Long += "\n" + exitHelp
	return root
}

// enumFlag is a string flag that accepts one of a fixed set of values and
// completes them in the shell.
type enumFlag struct {
	value   *string
	allowed []string
}

func (e *enumFlag) String() string { return *e.value }
func (e *enumFlag) Type() string   { return "string" }
func (e *enumFlag) Set(v string) error {
	if !slices.Contains(e.allowed, v) {
		return fmt.Errorf("must be one of %s", strings.Join(e.allowed, ", "))
	}
	*e.value = v
	return nil
}

// stringEnumFlag adds an enum flag to cmd and registers its completion.
func stringEnumFlag(cmd *cobra.Command, p *string, name, short, def string, allowed []string, usage string) *pflag.Flag {
	*p = def
	f := cmd.Flags().VarPF(&enumFlag{value: p, allowed: allowed}, name, short,
		fmt.Sprintf("%s: {%s}", usage, strings.Join(allowed, "|")))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return allowed, cobra.ShellCompDirectiveNoFileComp
	})
	return f
}
