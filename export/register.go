// Package export writes task registers in the formats people use (YAML,
// JSON, CSV, Excel, iCalendar) and reads saved YAML and JSON registers back,
// so a register corrected by hand can be exported again. It is the only
// package that knows these formats.
//
// Write dispatches on a format name (Formats; FormatFromPath maps a file
// name to one) to WriteYAML, WriteJSON, WriteCSV, WriteXLSX and WriteICS.
// YAML and JSON carry the contract's register tree, one object for one
// register and a list for several, and read back with ReadRegisters to the
// same bytes. CSV and XLSX are one table of tasks with the register's
// source in the Nguồn column, whatever the number of registers; the
// workbook adds sheets by agency, of documents and of warnings. ICS is a
// calendar of the tasks that have a due date. Every writer gives the same
// bytes for the same registers and Options.
package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser"
	"go.yaml.in/yaml/v3"
)

// WriteYAML writes one register as a YAML document, or several as a YAML
// list, with the contract's keys in the contract's order.
func WriteYAML(w io.Writer, regs []*parser.Register) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	var v any = regs
	if len(regs) == 1 {
		v = regs[0]
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}

// WriteJSON writes one register as a JSON object, or several as a JSON
// array, indented, with non-ASCII text as is.
func WriteJSON(w io.Writer, regs []*parser.Register) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	var v any = regs
	if len(regs) == 1 {
		v = regs[0]
	}
	return enc.Encode(v)
}

// ReadRegisters reads a saved register file: one register or a list of
// them, in YAML or JSON (JSON is read as YAML, of which it is a subset).
func ReadRegisters(r io.Reader, name string) ([]*parser.Register, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return nil, &parser.InputError{File: name, Reason: "register file is empty"}
	}
	var node yaml.Node
	if err := yaml.Unmarshal(trimmed, &node); err != nil {
		return nil, &parser.InputError{File: name, Reason: "not a YAML or JSON register: " + err.Error(), Err: err}
	}
	doc := &node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	var regs []*parser.Register
	switch doc.Kind {
	case yaml.SequenceNode:
		if err := doc.Decode(&regs); err != nil {
			return nil, &parser.InputError{File: name, Reason: "not a register list: " + err.Error(), Err: err}
		}
	case yaml.MappingNode:
		var reg parser.Register
		if err := doc.Decode(&reg); err != nil {
			return nil, &parser.InputError{File: name, Reason: "not a register: " + err.Error(), Err: err}
		}
		regs = []*parser.Register{&reg}
	default:
		return nil, &parser.InputError{File: name, Reason: "not a register (expected a mapping with source, document, tasks)"}
	}
	for i, reg := range regs {
		if reg == nil {
			return nil, &parser.InputError{File: name, Reason: fmt.Sprintf("register %d is empty", i+1)}
		}
		fill(reg)
	}
	return regs, nil
}

// fill gives a register read back the non-nil lists the parser gives, so
// that writing it again gives the same bytes, and its text in NFC, as every
// register's text is (a file edited by hand may hold decomposed letters).
func fill(reg *parser.Register) {
	nfcRegister(reg)
	if reg.Tasks == nil {
		reg.Tasks = []parser.Task{}
	}
	if reg.Warnings == nil {
		reg.Warnings = []string{}
	}
	for i := range reg.Tasks {
		if reg.Tasks[i].Lead == nil {
			reg.Tasks[i].Lead = []string{}
		}
		if reg.Tasks[i].Support == nil {
			reg.Tasks[i].Support = []string{}
		}
	}
}

// nfcRegister puts every text of reg in NFC.
func nfcRegister(reg *parser.Register) {
	nfc := func(p *string) { *p = normalize.NFC(*p) }
	nfcList := func(l []string) {
		for i := range l {
			nfc(&l[i])
		}
	}
	nfc(&reg.Source)
	d := &reg.Document
	for _, p := range []*string{&d.Number, &d.Type, &d.Issuer, &d.Place, &d.Date, &d.Title, &d.Signer} {
		nfc(p)
	}
	for i := range reg.Tasks {
		t := &reg.Tasks[i]
		for _, p := range []*string{&t.Appendix, &t.Section, &t.STT, &t.Content, &t.Result, &t.Note,
			&t.Deadline.Text, &t.Deadline.Kind, &t.Deadline.Due, &t.Deadline.Every} {
			nfc(p)
		}
		nfcList(t.Lead)
		nfcList(t.Support)
	}
	nfcList(reg.Warnings)
}
