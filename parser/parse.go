package parser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/geom"
	"github.com/kehoach/kehoach/parser/layout"
)

// Mode is an auto/always/never switch for an optional stage.
type Mode string

// The values of Mode.
const (
	Auto   Mode = "auto"
	Always Mode = "always"
	Never  Mode = "never"
)

// MaxInput is the largest input Parse reads, in bytes.
const MaxInput = 512 << 20

type options struct {
	repair   Mode
	ocr      Mode
	tone     normalize.ToneStyle
	ctx      context.Context
	agencies AgencyResolver
	format   string
}

// Option configures Parse.
type Option func(*options)

// WithRepair sets when OCR repair runs: Auto (where the text looks like
// stripped or English-OCR Vietnamese, page by page), Always, Never.
func WithRepair(m Mode) Option { return func(o *options) { o.repair = m } }

// WithOCR sets when scanned pages are read with tesseract: Auto (pages
// without a text layer), Always, Never.
func WithOCR(m Mode) Option { return func(o *options) { o.ocr = m } }

// WithTone sets the tone-placement style of the output text.
func WithTone(s normalize.ToneStyle) Option { return func(o *options) { o.tone = s } }

// WithContext sets a context that cancels long work (OCR).
func WithContext(ctx context.Context) Option { return func(o *options) { o.ctx = ctx } }

// WithFormat forces the input format ("pdf", "docx", "html", "text")
// instead of sniffing it.
func WithFormat(f string) Option { return func(o *options) { o.format = f } }

// AgencyResolver expands an agency as printed into its canonical name, given
// the issuer of the plan (for "UBND tỉnh" and the like).
type AgencyResolver interface {
	Canonical(name, issuer string) string
}

// WithAgencies sets the lexicon used to expand the issuer's name.
func WithAgencies(a AgencyResolver) Option { return func(o *options) { o.agencies = a } }

// Parse reads one plan document and returns its task register. name is used
// in messages and as the register's source. Inputs that cannot be read give
// an *InputError.
func Parse(r io.Reader, name string, opts ...Option) (reg *Register, err error) {
	o := newOptions(opts)
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, inputErr(name, "cannot read: "+err.Error(), "", err)
	}
	if len(data) > MaxInput {
		return nil, inputErr(name, fmt.Sprintf("file is larger than %d MB", MaxInput>>20), "split the document or extract its appendix", nil)
	}
	defer func() {
		if p := recover(); p != nil {
			reg = nil
			err = inputErr(name, fmt.Sprintf("cannot be parsed (internal error: %v)", p),
				"please report this file; the stack is below when KEHOACH_DEBUG=1", fmt.Errorf("%v\n%s", p, debug.Stack()))
		}
	}()
	doc, err := read(data, name, o)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, inputErr(name, err.Error(), "", err)
	}
	return pipeline(doc, name, o), nil
}

// ParseBytes is Parse over a byte slice.
func ParseBytes(data []byte, name string, opts ...Option) (*Register, error) {
	return Parse(bytes.NewReader(data), name, opts...)
}

// Pipeline runs every stage after reading: repair, tables, structure, tasks
// and normalisation, on a document any reader made.
func Pipeline(doc *layout.Doc, name string, opts ...Option) (*Register, error) {
	return pipeline(doc, name, newOptions(opts)), nil
}

// newOptions applies opts over the defaults.
func newOptions(opts []Option) *options {
	o := &options{repair: Auto, ocr: Auto, ctx: context.Background()}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// pipeline is Pipeline with its options applied.
func pipeline(doc *layout.Doc, name string, o *options) *Register {
	if hasGeometry(doc) {
		// Tables first, from the words' positions, then repair cell by
		// cell: a cell's wrapped lines are one sentence, while a line of
		// an OCR'd table runs across several cells.
		geom.Tables(doc)
		repairDoc(doc, o)
	} else {
		// Text without positions: repair whole pages first, so that the
		// table builders read Vietnamese.
		repairDoc(doc, o)
		buildTables(doc)
	}
	reg := assemble(doc, o)
	reg.Source = name
	reg.Warnings = append(append([]string(nil), doc.Warnings...), reg.Warnings...)
	finish(reg, o)
	return reg
}

// finish normalises every text field of the register: NFC, tone style,
// non-nil lists.
func finish(reg *Register, o *options) {
	fix := func(s string) string { return normalize.SetTone(normalize.NFC(s), o.tone) }
	d := &reg.Document
	d.Issuer, d.Title, d.Place, d.Signer, d.Type = fix(d.Issuer), fix(d.Title), fix(d.Place), fix(d.Signer), fix(d.Type)
	for i := range reg.Tasks {
		t := &reg.Tasks[i]
		t.Appendix, t.Section, t.Content, t.Result, t.Note = fix(t.Appendix), fix(t.Section), fix(t.Content), fix(t.Result), fix(t.Note)
		t.Deadline.Text = fix(t.Deadline.Text)
		for j := range t.Lead {
			t.Lead[j] = fix(t.Lead[j])
		}
		for j := range t.Support {
			t.Support[j] = fix(t.Support[j])
		}
		if t.Lead == nil {
			t.Lead = []string{}
		}
		if t.Support == nil {
			t.Support = []string{}
		}
	}
	for i := range reg.Warnings {
		reg.Warnings[i] = normalize.NFC(reg.Warnings[i])
	}
	if reg.Tasks == nil {
		reg.Tasks = []Task{}
	}
	if reg.Warnings == nil {
		reg.Warnings = []string{}
	}
}
