// Package diff compares two task registers: which tasks were added, removed
// or changed, field by field. Tasks are matched by meaning, not position, so
// a plan renumbered, reordered, moved between sections or reworded slightly
// still lines up with its earlier version.
package diff

import (
	"bytes"
	"encoding/json"
	"reflect"
	"time"

	"github.com/kehoach/kehoach/parser"
)

// Canonicalizer gives the canonical name of an agency as printed; issuer is
// the plan's issuer, which resolves names such as "UBND tỉnh".
// normalize/agency's Lexicon is one.
type Canonicalizer interface {
	Canonical(name, issuer string) string
}

// Options tune a comparison. The zero value is ready to use.
type Options struct {
	// Agencies names agencies canonically, so that "Sở KH&CN" and "Sở
	// Khoa học và Công nghệ" are one agency. Nil compares agencies as
	// printed, ignoring case, marks and punctuation.
	Agencies Canonicalizer
	// Threshold is the similarity (0…1) below which two tasks are not the
	// same task; 0 means DefaultThreshold.
	Threshold float64
	// Marks makes differences of diacritics alone ("bảo"/"báo") count as
	// changes. By default text fields are compared without marks, so that a
	// restored OCR text and a clean one do not differ on every slip.
	Marks bool
}

// Op is what happened to a task between the plans.
type Op string

// The operations of a change, as the contract spells them.
const (
	Added   Op = "added"
	Removed Op = "removed"
	Changed Op = "changed"
)

// Field names, as the contract spells them, in the contract's order.
const (
	FieldContent  = "content"
	FieldLead     = "lead"
	FieldSupport  = "support"
	FieldDeadline = "deadline"
	FieldResult   = "result"
	FieldNote     = "note"
	FieldSection  = "section"
	FieldAppendix = "appendix"
	// FieldSTT is in the contract's list but never reported: see Compare.
	FieldSTT = "stt"
)

// Result is the difference between two registers.
type Result struct {
	Old     string   // source of the old register
	New     string   // source of the new register
	Summary Summary  // counts of tasks by outcome
	Changes []Change // added, removed and changed tasks, in the new plan's order, removed tasks where they stood
	// Renamed lists appendices and sections whose tasks all moved together
	// under another heading: renumbered ("II." → "III."), relabelled, or
	// reworded. Their tasks are not changed by it.
	Renamed []Rename
	// Pairs lists every matched pair, same ones included, in the new plan's
	// order.
	Pairs []Pair

	oldIssuer, newIssuer string
	agencies             Canonicalizer
}

// Summary counts the tasks of a comparison: same (matched, no field other
// than stt differs), changed, added (only in the new plan) and removed
// (only in the old one).
type Summary struct {
	Same    int `json:"same"`
	Changed int `json:"changed"`
	Added   int `json:"added"`
	Removed int `json:"removed"`
}

// Change is one task added, removed or changed. Old and New point into the
// registers compared; Old is nil for an added task, New for a removed one.
type Change struct {
	Op     Op
	Fields []string // fields that differ, contract order; empty for added and removed
	Old    *parser.Task
	New    *parser.Task
	Detail Detail
	// OldIndex and NewIndex are the tasks' indexes in their registers, -1
	// where there is no task.
	OldIndex, NewIndex int
}

// Pair is one old task matched with one new task.
type Pair struct {
	OldIndex, NewIndex int
	Score              float64 // similarity, 0…1
	Same               bool    // no field other than stt differs
}

// Detail says how a changed task changed.
type Detail struct {
	// Score is the similarity of the matched tasks, 0…1.
	Score float64 `json:"score,omitempty"`
	// Words is the word-level diff of the content: runs of words kept
	// ("="), removed ("-") and added ("+").
	Words []WordEdit `json:"words,omitempty"`
	// Lead and Support are the agencies added and removed, by canonical
	// name.
	Lead    *AgencyDelta `json:"lead,omitempty"`
	Support *AgencyDelta `json:"support,omitempty"`
	// Deadline says how the due date moved, where both plans give one.
	Deadline *DeadlineMove `json:"deadline,omitempty"`
}

// WordEdit is one run of a word-level diff.
type WordEdit struct {
	Op   string `json:"op"` // "=", "-" or "+"
	Text string `json:"text"`
}

// AgencyDelta is the agencies a task gained and lost in one role.
type AgencyDelta struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// DeadlineMove is how far a due date moved: Days > 0 later, < 0 earlier.
type DeadlineMove struct {
	Days      int    `json:"days"`
	Direction string `json:"direction"` // "later", "earlier" or "same"
}

// Rename is an appendix or section heading whose tasks moved together under
// another heading.
type Rename struct {
	Kind string `json:"kind"` // "appendix" or "section"
	Old  string `json:"old"`
	New  string `json:"new"`
	// Renumbered is true when only the numbering or the label's presence
	// changed ("II. A" → "III. A", "" → "Phụ lục"), not the words.
	Renumbered bool `json:"renumbered"`
	// Appendix is the (new) appendix a renamed section belongs to.
	Appendix string `json:"appendix,omitempty"`
}

// Differs reports whether the plans differ: a task added, removed or
// changed, or a heading reworded. Renumbering alone is no difference.
func (r *Result) Differs() bool {
	if r.Summary.Changed+r.Summary.Added+r.Summary.Removed > 0 {
		return true
	}
	for _, rn := range r.Renamed {
		if !rn.Renumbered {
			return true
		}
	}
	return false
}

// comparer holds the state of one comparison.
type comparer struct {
	opts           Options
	threshold      float64
	z              *tokenizer
	oldReg, newReg *parser.Register
	olds, news     []*taskInfo
	nWords         int   // vocabulary size
	nBigrams       int   // distinct word bigrams
	oldMatch       []int // old index → new index, -1
	newMatch       []int // new index → old index, -1
	score          []float64
	appCorr        map[string]string // old appendix key → new appendix key
	secCorr        map[string]string // old section key → new section key
}

// Compare compares two registers. Nil registers compare as empty ones.
//
// Tasks are paired by meaning: content words compared without marks, case
// or punctuation (tf-idf cosine blended with bigram overlap), confirmed by
// agencies and deadlines; the pairing maximises total similarity, and tasks
// below Options.Threshold from every counterpart are added or removed.
// A paired task is changed when its content, lead, support, deadline,
// result, note, section or appendix differ; a new row number (stt) alone,
// a move in the order, or a heading renumbered is no change.
func Compare(old, new *parser.Register, opts Options) *Result {
	if old == nil {
		old = &parser.Register{}
	}
	if new == nil {
		new = &parser.Register{}
	}
	c := &comparer{opts: opts, threshold: opts.Threshold, z: newTokenizer(), oldReg: old, newReg: new}
	if c.threshold <= 0 {
		c.threshold = DefaultThreshold
	}
	c.prepare()
	c.match()
	res := &Result{Old: old.Source, New: new.Source, oldIssuer: old.Document.Issuer,
		newIssuer: new.Document.Issuer, agencies: opts.Agencies}
	res.Renamed = c.correspond()

	// Changes in the new plan's order; each removed task after the last
	// (in the new plan) of the tasks that stood before it in the old one.
	after := map[int][]int{} // new index (-1: start) → removed old indexes
	last := -1
	for i := range c.olds {
		if j := c.oldMatch[i]; j >= 0 {
			last = max(last, j)
			continue
		}
		after[last] = append(after[last], i)
	}
	removed := func(j int) {
		for _, i := range after[j] {
			res.Changes = append(res.Changes, Change{Op: Removed, Fields: []string{}, Old: c.olds[i].task, OldIndex: i, NewIndex: -1})
			res.Summary.Removed++
		}
	}
	removed(-1)
	for j, b := range c.news {
		i := c.newMatch[j]
		if i < 0 {
			res.Changes = append(res.Changes, Change{Op: Added, Fields: []string{}, New: b.task, OldIndex: -1, NewIndex: j})
			res.Summary.Added++
		} else {
			ch := c.compareFields(c.olds[i], b)
			ch.Detail.Score = round(c.score[i])
			same := ch.Op == ""
			res.Pairs = append(res.Pairs, Pair{OldIndex: i, NewIndex: j, Score: ch.Detail.Score, Same: same})
			if same {
				res.Summary.Same++
			} else {
				res.Changes = append(res.Changes, ch)
				res.Summary.Changed++
			}
		}
		removed(j)
	}
	return res
}

func round(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}

// compareFields compares a matched pair field by field. The change's Op is
// "" when no field other than stt differs.
func (c *comparer) compareFields(a, b *taskInfo) Change {
	ch := Change{Old: a.task, New: b.task, OldIndex: a.idx, NewIndex: b.idx, Fields: []string{}}
	ta, tb := a.task, b.task
	if !c.sameTokens(a.toks, b.toks) {
		ch.Fields = append(ch.Fields, FieldContent)
		ch.Detail.Words = c.wordDiff(ta.Content, a.toks, tb.Content, b.toks)
	}
	if d := agencyDelta(a.lead, b.lead, a.names, b.names); d != nil && !c.sameWords(ta.Lead, tb.Lead) {
		ch.Fields = append(ch.Fields, FieldLead)
		ch.Detail.Lead = d
	}
	if d := agencyDelta(a.support, b.support, a.names, b.names); d != nil && !c.sameWords(ta.Support, tb.Support) {
		ch.Fields = append(ch.Fields, FieldSupport)
		ch.Detail.Support = d
	}
	if c.deadlineChanged(ta.Deadline, tb.Deadline) {
		ch.Fields = append(ch.Fields, FieldDeadline)
		ch.Detail.Deadline = deadlineMove(ta.Deadline.Due, tb.Deadline.Due)
	}
	if !c.sameText(ta.Result, tb.Result) {
		ch.Fields = append(ch.Fields, FieldResult)
	}
	if !c.sameText(ta.Note, tb.Note) {
		ch.Fields = append(ch.Fields, FieldNote)
	}
	appMoved := moved(c.appCorr, a.appKey, b.appKey)
	secMoved := moved(c.secCorr, a.secKey, b.secKey) && c.z.key(ta.Section) != c.z.key(tb.Section)
	if secMoved {
		ch.Fields = append(ch.Fields, FieldSection)
	}
	if appMoved {
		ch.Fields = append(ch.Fields, FieldAppendix)
	}
	// stt is never listed: a row renumbered is the contract's "same", and
	// a changed row renumbered as well shows both numbers in old and new.
	if len(ch.Fields) > 0 {
		ch.Op = Changed
	}
	return ch
}

// sameWords reports whether two agency lists hold the same words, split
// differently or in another order: "Các sở, ban, ngành, UBND các xã" as one
// entry or two is one reading of the cell, not a reassignment.
func (c *comparer) sameWords(a, b []string) bool {
	bag := func(list []string) map[string]int {
		m := map[string]int{}
		for _, s := range list {
			for _, t := range c.z.tokens(s) {
				m[c.tokKey(t)]++
			}
		}
		return m
	}
	return reflect.DeepEqual(bag(a), bag(b))
}

// sameTokens compares two token sequences by key.
func (c *comparer) sameTokens(a, b []token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if c.tokKey(a[i]) != c.tokKey(b[i]) {
			return false
		}
	}
	return true
}

func (c *comparer) tokKey(t token) string {
	if c.opts.Marks {
		return t.mark
	}
	return t.fold
}

// sameText compares two texts word by word, as the options say.
func (c *comparer) sameText(a, b string) bool {
	if a == b {
		return true
	}
	return c.sameTokens(c.z.tokens(a), c.z.tokens(b))
}

// deadlineChanged reports whether two deadlines differ in meaning: another
// due date, kind or recurrence, or, where neither fixes a date, other words.
func (c *comparer) deadlineChanged(a, b parser.Deadline) bool {
	if a.Due != b.Due {
		return true
	}
	if a.Kind != "" && b.Kind != "" && a.Kind != b.Kind {
		return true
	}
	if a.Every != b.Every {
		return true
	}
	if a.Due == "" {
		return !c.sameText(a.Text, b.Text)
	}
	return false
}

// deadlineMove says how far a due date moved; nil unless both are dates.
func deadlineMove(old, new string) *DeadlineMove {
	a, err1 := time.Parse("2006-01-02", old)
	b, err2 := time.Parse("2006-01-02", new)
	if err1 != nil || err2 != nil {
		return nil
	}
	days := int(b.Sub(a).Hours() / 24)
	dir := "same"
	switch {
	case days > 0:
		dir = "later"
	case days < 0:
		dir = "earlier"
	}
	return &DeadlineMove{Days: days, Direction: dir}
}

// agencyDelta compares two sorted key sets; nil when they are equal.
func agencyDelta(a, b []string, an, bn map[string]string) *AgencyDelta {
	d := &AgencyDelta{Added: []string{}, Removed: []string{}}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i] < b[j]):
			d.Removed = append(d.Removed, an[a[i]])
			i++
		case i >= len(a) || a[i] > b[j]:
			d.Added = append(d.Added, bn[b[j]])
			j++
		default:
			i++
			j++
		}
	}
	if len(d.Added) == 0 && len(d.Removed) == 0 {
		return nil
	}
	return d
}

// MarshalJSON writes a change with the contract's keys first: op, fields,
// old, new, then detail.
func (ch Change) MarshalJSON() ([]byte, error) {
	v := struct {
		Op     Op           `json:"op"`
		Fields []string     `json:"fields"`
		Old    *parser.Task `json:"old"`
		New    *parser.Task `json:"new"`
		Detail *Detail      `json:"detail,omitempty"`
	}{ch.Op, ch.Fields, ch.Old, ch.New, nil}
	if v.Fields == nil {
		v.Fields = []string{}
	}
	if ch.Op == Changed {
		d := ch.Detail
		v.Detail = &d
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "KH&CN" stays as printed
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
