package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/parser"
	"github.com/spf13/cobra"
)

// checkOptions are the flags of kehoach check.
type checkOptions struct {
	Paths  []string
	Golden string
	Update bool
	JUnit  string
	Jobs   int
}

// documentExts are the extensions check reads as plan documents.
var documentExts = map[string]bool{
	".pdf": true, ".docx": true, ".doc": true, ".odt": true, ".rtf": true,
	".html": true, ".htm": true, ".txt": true, ".md": true,
}

func newCheckCmd(s *Streams) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH]...",
		Short: "Check that a folder of sample documents still parses",
		Long: `Parse every plan document under each PATH (default: testdata) and fail when
a document cannot be read, yields no tasks, or has a task without content
or lead agency. With --golden DIR, also compare each register with the one
stored in DIR: for PATH/a/plan.pdf, DIR/a/plan.register.yaml (so
"--golden PATH" keeps each register beside its document); --update
rewrites the stored registers instead. The register's source is the
document's path as found under PATH. --junit writes a JUnit XML
report for CI.

Documents are files ending in .pdf .docx .doc .odt .rtf .html .htm .txt .md;
README files, files ending in .register.yaml, and folders named "bad" or
"fuzz" are skipped.`,
		Example: `  kehoach check
  kehoach check testdata/seeds --golden testdata/seeds
  kehoach check plans --golden plans --update
  kehoach check plans --junit report.xml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if len(opts.Paths) == 0 {
				opts.Paths = []string{"testdata"}
			}
			if opts.Update && opts.Golden == "" {
				return usagef("--update needs --golden DIR")
			}
			return runCheck(opts, s)
		},
	}
	cmd.Flags().StringVar(&opts.Golden, "golden", "", "compare with the registers stored in `DIR`")
	cmd.Flags().BoolVar(&opts.Update, "update", false, "rewrite the stored registers from this run")
	cmd.Flags().StringVar(&opts.JUnit, "junit", "", "write a JUnit XML report to `FILE`")
	return cmd
}

// checkCase is one document's check.
type checkCase struct {
	path     string // as found
	rel      string // relative to its PATH argument
	root     string
	failures []string
	tasks    int
	elapsed  time.Duration
}

// runCheck checks every document and reports.
func runCheck(opts *checkOptions, s *Streams) error {
	var cases []*checkCase
	for _, root := range opts.Paths {
		fi, err := os.Stat(root)
		if err != nil {
			return &parser.InputError{File: root, Reason: "no such file or folder"}
		}
		if !fi.IsDir() {
			cases = append(cases, &checkCase{path: root, rel: filepath.Base(root), root: filepath.Dir(root)})
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != root && (d.Name() == "bad" || d.Name() == "fuzz" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			if strings.HasSuffix(name, ".register.yaml") || strings.HasPrefix(strings.ToUpper(name), "README") ||
				!documentExts[strings.ToLower(filepath.Ext(name))] {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			cases = append(cases, &checkCase{path: path, rel: rel, root: root})
			return nil
		})
		if err != nil {
			return &parser.InputError{File: root, Reason: err.Error()}
		}
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].path < cases[j].path })

	failed := 0
	for _, c := range cases {
		start := time.Now()
		checkOne(c, opts, s)
		c.elapsed = time.Since(start)
		status := "ok  "
		if len(c.failures) > 0 {
			status = "FAIL"
			failed++
		}
		fmt.Fprintf(s.Out, "%s %s (%d tasks, %.2fs)\n", status, c.path, c.tasks, c.elapsed.Seconds())
		for _, f := range c.failures {
			fmt.Fprintf(s.Out, "     %s\n", strings.ReplaceAll(f, "\n", "\n     "))
		}
	}
	fmt.Fprintf(s.Out, "%d passed, %d failed\n", len(cases)-failed, failed)
	if opts.JUnit != "" {
		if err := writeOutput(opts.JUnit, s.Out, func(w io.Writer) error { return writeJUnit(w, cases) }); err != nil {
			return err
		}
	}
	if len(cases) == 0 {
		return &negativeError{"no documents found under " + strings.Join(opts.Paths, ", ")}
	}
	if failed > 0 {
		return &negativeError{fmt.Sprintf("%d of %d documents failed the check", failed, len(cases))}
	}
	return nil
}

// checkOne parses one document and records what is wrong with it.
func checkOne(c *checkCase, opts *checkOptions, s *Streams) {
	f, err := openInput(c.path)
	if err != nil {
		c.failures = append(c.failures, err.Error())
		return
	}
	reg, err := parser.Parse(f, filepath.ToSlash(c.path))
	f.Close()
	if err != nil {
		c.failures = append(c.failures, err.Error())
		return
	}
	c.tasks = len(reg.Tasks)
	if len(reg.Tasks) == 0 {
		c.failures = append(c.failures, "no tasks found")
	}
	for i, t := range reg.Tasks {
		label := fmt.Sprintf("task %d (STT %q)", i+1, t.STT)
		if t.Appendix != "" {
			label = t.Appendix + ", " + label
		}
		if strings.TrimSpace(t.Content) == "" {
			c.failures = append(c.failures, label+": no content")
		}
		if len(t.Lead) == 0 {
			c.failures = append(c.failures, label+": no lead agency")
		}
	}
	if opts.Golden == "" {
		return
	}
	golden := filepath.Join(opts.Golden, strings.TrimSuffix(c.rel, filepath.Ext(c.rel))+".register.yaml")
	var got bytes.Buffer
	if err := export.WriteYAML(&got, []*parser.Register{reg}); err != nil {
		c.failures = append(c.failures, err.Error())
		return
	}
	if opts.Update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err == nil {
			err = writeOutput(golden, s.Out, func(w io.Writer) error { _, err := w.Write(got.Bytes()); return err })
			if err != nil {
				c.failures = append(c.failures, err.Error())
			}
		}
		return
	}
	want, err := os.ReadFile(golden)
	if errors.Is(err, os.ErrNotExist) {
		c.failures = append(c.failures, "no stored register "+golden+" (run with --update to create it)")
		return
	}
	if err != nil {
		c.failures = append(c.failures, err.Error())
		return
	}
	if d := firstDifference(string(want), got.String()); d != "" {
		c.failures = append(c.failures, "differs from "+golden+":\n"+d)
	}
}

// firstDifference describes the first lines where two texts differ, "" if
// they are the same.
func firstDifference(want, got string) string {
	if want == got {
		return ""
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, w, g)
		}
	}
	return "texts differ"
}

// JUnit XML report types.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes the cases as a JUnit XML report.
func writeJUnit(w io.Writer, cases []*checkCase) error {
	suite := junitSuite{Name: "kehoach check", Tests: len(cases)}
	var total time.Duration
	for _, c := range cases {
		jc := junitCase{Name: c.path, ClassName: "kehoach.check", Time: fmt.Sprintf("%.3f", c.elapsed.Seconds())}
		if len(c.failures) > 0 {
			suite.Failures++
			jc.Failure = &junitFailure{Message: c.failures[0], Text: strings.Join(c.failures, "\n")}
		}
		total += c.elapsed
		suite.Cases = append(suite.Cases, jc)
	}
	suite.Time = fmt.Sprintf("%.3f", total.Seconds())
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{suite}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
