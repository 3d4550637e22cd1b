package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/kehoach/kehoach/parser"
)

// Formats lists the output formats Write knows, in the order the command
// line's help shows them.
var Formats = []string{"yaml", "json", "csv", "xlsx", "ics"}

// FormatFromPath gives the output format a file name asks for by its
// extension (.yaml, .yml, .json, .csv, .xlsx, .ics, in any case), and false
// when the extension names none of them.
func FormatFromPath(path string) (string, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return "yaml", true
	case ".json":
		return "json", true
	case ".csv":
		return "csv", true
	case ".xlsx":
		return "xlsx", true
	case ".ics":
		return "ics", true
	}
	return "", false
}

// Canonicalizer gives an agency's canonical name; issuer is the issuer of
// the plan that names the agency, so that "UBND tỉnh" can be resolved to the
// province. normalize/agency's Lexicon is one.
type Canonicalizer interface {
	Canonical(name, issuer string) string
}

// Options tunes what Write produces. The zero value is usable, except that
// CSV then has no byte-order mark: use DefaultOptions for the command line's
// defaults.
type Options struct {
	// BOM starts CSV output with a UTF-8 byte-order mark, which Excel needs
	// to show Vietnamese; the command line's --bom flag, default true.
	BOM bool
	// Comma separates CSV fields; 0 means ','. Excel opens a CSV by
	// double-click with the system's list separator, which is ';' where
	// the decimal separator is a comma: ';' suits such machines.
	Comma rune
	// Agencies canonicalises agency names for the xlsx "Theo cơ quan"
	// sheet; nil groups agencies by their names as printed.
	Agencies Canonicalizer
	// Now gives the time stamped into iCalendar DTSTAMP and the xlsx
	// document properties; nil means time.Now. Tests fix it to get the
	// same bytes on every run.
	Now func() time.Time
}

// DefaultOptions returns the options the command line starts from: CSV
// with a byte-order mark, agencies as printed, the current time.
func DefaultOptions() Options { return Options{BOM: true} }

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) canonical(name, issuer string) string {
	if o.Agencies == nil {
		return name
	}
	if c := o.Agencies.Canonical(name, issuer); c != "" {
		return c
	}
	return name
}

// Write writes regs to w in format (one of Formats). YAML and JSON give one
// register object for one register and a list for several, as the contract
// says; CSV and XLSX give one table of tasks with a Nguồn (source) column
// whatever the number of registers; ICS gives one calendar of the tasks
// that have a due date.
func Write(w io.Writer, format string, regs []*parser.Register, opts Options) error {
	switch format {
	case "yaml":
		return WriteYAML(w, regs)
	case "json":
		return WriteJSON(w, regs)
	case "csv":
		return WriteCSV(w, regs, opts)
	case "xlsx":
		return WriteXLSX(w, regs, opts)
	case "ics":
		return WriteICS(w, regs, opts)
	}
	return fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
}
