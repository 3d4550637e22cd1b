package export

import (
	"slices"
	"strings"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser"
)

// taskRef points at one task of one register.
type taskRef struct {
	reg  *parser.Register
	task *parser.Task
}

// agencyTasks are the tasks one agency leads and those it supports, each
// list in register order.
type agencyTasks struct {
	Name    string
	Lead    []taskRef
	Support []taskRef
}

// byAgency groups the tasks of regs by agency: each agency named in a
// task's lead or support list, under its canonical name, with every task
// counted once per role. Agencies come in Vietnamese collation order
// (a, ă, â, b, c, d, đ, e, ê…, tones after the letter; normalize.Compare),
// ties broken by byte order so that the order never depends on the
// input's.
func byAgency(regs []*parser.Register, opts Options) []*agencyTasks {
	index := map[string]*agencyTasks{}
	var all []*agencyTasks
	add := func(name string, ref taskRef, lead bool, seen map[string]bool) {
		name = normalize.Space(normalize.NFC(name))
		if name == "" {
			return
		}
		name = normalize.Space(normalize.NFC(opts.canonical(name, ref.reg.Document.Issuer)))
		if seen[name] {
			return
		}
		seen[name] = true
		a := index[name]
		if a == nil {
			a = &agencyTasks{Name: name}
			index[name] = a
			all = append(all, a)
		}
		if lead {
			a.Lead = append(a.Lead, ref)
		} else {
			a.Support = append(a.Support, ref)
		}
	}
	for _, reg := range regs {
		for i := range reg.Tasks {
			ref := taskRef{reg, &reg.Tasks[i]}
			seen := map[string]bool{}
			for _, name := range ref.task.Lead {
				add(name, ref, true, seen)
			}
			seen = map[string]bool{}
			for _, name := range ref.task.Support {
				add(name, ref, false, seen)
			}
		}
	}
	sortVietnamese(all, func(a *agencyTasks) string { return a.Name })
	return all
}

// sortVietnamese sorts items by key in Vietnamese collation order
// (normalize.Sort), equal keys by byte order.
func sortVietnamese[T any](items []T, key func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	normalize.Sort(items, key)
}
