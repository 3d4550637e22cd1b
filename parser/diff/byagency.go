package diff

import (
	"sort"

	"github.com/kehoach/kehoach/parser"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// AgencyChange is what one agency gained and lost between the plans.
type AgencyChange struct {
	Agency string       `json:"agency"` // canonical name
	Gained []AgencyTask `json:"gained"` // tasks it now leads or supports and did not before
	Lost   []AgencyTask `json:"lost"`   // tasks it no longer leads or supports
}

// AgencyTask is one task an agency gained or lost, in one role.
type AgencyTask struct {
	Role string       `json:"role"` // "lead" or "support"
	Op   Op           `json:"op"`   // how the task itself changed: added, removed or changed
	Task *parser.Task `json:"task"` // the new task, or the old one when removed
}

// ByAgency regroups a comparison by agency: for each canonical agency, in
// Vietnamese alphabetical order, the tasks it gained and lost as lead or
// support, through tasks added or removed or agencies reassigned. Agencies
// whose tasks did not change are left out.
func ByAgency(res *Result) []AgencyChange {
	z := newTokenizer()
	byKey := map[string]*AgencyChange{}
	get := func(name, issuer string) (*AgencyChange, string) {
		if res.agencies != nil {
			name = res.agencies.Canonical(name, issuer)
		}
		k := z.key(name)
		ac, ok := byKey[k]
		if !ok {
			ac = &AgencyChange{Agency: name, Gained: []AgencyTask{}, Lost: []AgencyTask{}}
			byKey[k] = ac
		}
		return ac, k
	}
	gain := func(list []string, role, issuer string, op Op, t *parser.Task) {
		seen := map[string]bool{}
		for _, a := range list {
			ac, k := get(a, issuer)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			ac.Gained = append(ac.Gained, AgencyTask{Role: role, Op: op, Task: t})
		}
	}
	lose := func(list []string, role, issuer string, op Op, t *parser.Task) {
		seen := map[string]bool{}
		for _, a := range list {
			ac, k := get(a, issuer)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			ac.Lost = append(ac.Lost, AgencyTask{Role: role, Op: op, Task: t})
		}
	}
	for _, ch := range res.Changes {
		switch ch.Op {
		case Added:
			gain(ch.New.Lead, "lead", res.newIssuer, Added, ch.New)
			gain(ch.New.Support, "support", res.newIssuer, Added, ch.New)
		case Removed:
			lose(ch.Old.Lead, "lead", res.oldIssuer, Removed, ch.Old)
			lose(ch.Old.Support, "support", res.oldIssuer, Removed, ch.Old)
		case Changed:
			// The delta names are canonical already: no issuer needed.
			if d := ch.Detail.Lead; d != nil {
				gain(d.Added, "lead", res.newIssuer, Changed, ch.New)
				lose(d.Removed, "lead", res.oldIssuer, Changed, ch.New)
			}
			if d := ch.Detail.Support; d != nil {
				gain(d.Added, "support", res.newIssuer, Changed, ch.New)
				lose(d.Removed, "support", res.oldIssuer, Changed, ch.New)
			}
		}
	}
	out := make([]AgencyChange, 0, len(byKey))
	for k, ac := range byKey {
		if k == "" || len(ac.Gained)+len(ac.Lost) == 0 {
			continue
		}
		out = append(out, *ac)
	}
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	sort.SliceStable(out, func(i, j int) bool {
		if r := col.CompareString(out[i].Agency, out[j].Agency); r != 0 {
			return r < 0
		}
		return out[i].Agency < out[j].Agency
	})
	return out
}
