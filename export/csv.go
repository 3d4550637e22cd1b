package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/kehoach/kehoach/parser"
)

// WriteCSV writes the tasks of regs as one CSV table: a header row of
// TaskColumns, then one row per task, registers in order, with the
// register's source in the Nguồn column.
//
// The table is what Excel and LibreOffice open without an import dialogue
// and what RFC 4180 readers expect:
//   - UTF-8, preceded by a byte-order mark when opts.BOM is set (Excel reads
//     a file without one in the system's legacy code page and garbles
//     Vietnamese);
//   - fields separated by commas (opts.Comma if set), quoted with double
//     quotes when they hold the separator, a quote, a line break or a
//     leading space, quotes doubled;
//   - records ended by CRLF, as RFC 4180 says; a line break inside a field
//     is written as CRLF too, and a lone CR as a line break (encoding/csv
//     reads both back as "\n");
//   - agencies joined with "; " (AgencySeparator);
//   - Hạn hoàn thành as the ISO date (2025-11-30), which Excel and
//     LibreOffice read as a date in every locale, the Vietnamese one
//     included, where a dd/mm/yyyy text would be read as a date only in
//     locales that put the day first and silently swapped in the others;
//   - Loại thời hạn as KindLabel's Vietnamese label.
//
// Text that starts with "=", "+", "-" or "@" is written as is, not
// defused for spreadsheets: the CSV keeps the register's text exactly; the
// xlsx, where every text is a text cell, is the format for spreadsheet use.
func WriteCSV(w io.Writer, regs []*parser.Register, opts Options) error {
	if opts.Comma == '"' || opts.Comma == '\r' || opts.Comma == '\n' || opts.Comma == utf8.RuneError || opts.Comma < 0 {
		return fmt.Errorf("invalid CSV separator %q", opts.Comma)
	}
	if opts.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if opts.Comma != 0 {
		cw.Comma = opts.Comma
	}
	if err := cw.Write(TaskColumns); err != nil {
		return err
	}
	record := make([]string, numTaskColumns)
	for _, reg := range regs {
		for i := range reg.Tasks {
			row := makeTaskRow(reg, &reg.Tasks[i])
			for j, cell := range row {
				record[j] = csvField(cell)
			}
			if err := cw.Write(record); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvLineBreaks turns CR LF and lone CR into LF, which encoding/csv writes
// as CRLF; it would drop a lone CR.
var csvLineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func csvField(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return csvLineBreaks.Replace(s)
}
