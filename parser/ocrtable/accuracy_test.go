package ocrtable

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/normalize/deadline"
	"github.com/kehoach/kehoach/parser/layout"
)

var verbose = flag.Bool("mismatch", false, "print the cells that differ from the truth")

// task is a table row read back as the assembler would, for measuring.
type task struct {
	appendix, section, stt           string
	lead, support, deadline, content string
}

func readTruth(t *testing.T, path string) []task {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	var out []task
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 7 {
			t.Fatalf("%s: bad line %q", path, l)
		}
		out = append(out, task{f[0], f[1], f[2], f[3], f[4], f[5], f[6]})
	}
	return out
}

// tasksOf reads the rebuilt tables: the k-th table is the k-th appendix.
func tasksOf(doc *layout.Doc, labels []string) []task {
	var out []task
	n := 0
	for _, p := range doc.Pages {
		for _, tab := range p.Tables {
			app := ""
			if n < len(labels) {
				app = labels[n]
			}
			n++
			var fields []string
			for _, c := range tab.Rows[0].Cells {
				fields = append(fields, c.Text())
			}
			section := ""
			for _, r := range tab.Rows[1:] {
				if len(r.Cells) == 1 {
					section = r.Cells[0].Text()
					continue
				}
				tk := task{appendix: app, section: section}
				for i, c := range r.Cells {
					v := normalize.JoinLines(c.Text())
					switch fields[i] {
					case headerLabel[fSTT]:
						tk.stt = v
					case headerLabel[fContent]:
						tk.content = v
					case headerLabel[fLead]:
						tk.lead = strings.Join(agency.Split(c.Paras), "; ")
					case headerLabel[fSupport]:
						tk.support = strings.Join(agency.Split(c.Paras), "; ")
					case headerLabel[fDeadline]:
						tk.deadline = v
					}
				}
				out = append(out, tk)
			}
		}
	}
	return out
}

func canonSet(s string) string {
	var out []string
	for _, a := range agency.Split([]string{s}) {
		out = append(out, normalize.Fold(agency.Default().Canonical(a, "")))
	}
	sort.Strings(out)
	return strings.Join(out, "|")
}

// ocrKey folds agency text for comparison across English-OCR misreadings
// of "sở" and "các" and punctuation, as repair would undo them.
func ocrKey(s string) string {
	f := normalize.Fold(s)
	f = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '&' || r == '¢' || r == '@' {
			return r
		}
		return ' '
	}, f)
	var out []string
	for _, w := range strings.Fields(f) {
		switch w {
		case "s", "s&", "s¢", "s0", "s6", "se", "s@", "sc":
			w = "so"
		case "cec", "cic", "c4c", "ce4c", "cae":
			w = "cac"
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

func sameDeadline(a, b string) bool {
	da, db := deadline.Parse(a, 2025), deadline.Parse(b, 2025)
	if da.Kind == "text" || da.Kind == "event" || db.Kind == "text" || db.Kind == "event" {
		return similarity(normalize.Fold(a), normalize.Fold(b)) >= 0.85
	}
	return da == db
}

// score aligns found tasks with the truth appendix by appendix, in order,
// and counts what is right.
type score struct {
	truth, found, matched, lead, leadNear, support, deadline, content, stt, section int
	contentSim                                                                      float64
	// contentMarked is contentSim with diacritics and case kept: the
	// restored marks count too.
	contentMarked float64
}

func measure(truth, found []task) score {
	s := score{truth: len(truth), found: len(found)}
	byApp := func(ts []task) map[string][]task {
		m := map[string][]task{}
		for _, t := range ts {
			m[t.appendix] = append(m[t.appendix], t)
		}
		return m
	}
	tm, fm := byApp(truth), byApp(found)
	for app, tt := range tm {
		ff := fm[app]
		pairs := align(tt, ff)
		if *verbose {
			hit := map[int]bool{}
			for _, p := range pairs {
				hit[p[0]] = true
			}
			for i, t := range tt {
				if !hit[i] {
					fmt.Printf("MISS %s %s %s: %.60q\n", app, t.section, t.stt, t.content)
				}
			}
		}
		for _, pair := range pairs {
			a, b := tt[pair[0]], ff[pair[1]]
			s.matched++
			sim := similarity(normalize.Fold(a.content), normalize.Fold(b.content))
			s.contentSim += sim
			s.contentMarked += similarity(a.content, b.content)
			if sim >= 0.9 {
				s.content++
			}
			if canonSet(a.lead) == canonSet(b.lead) {
				s.lead++
			}
			if canonSet(a.support) == canonSet(b.support) {
				s.support++
			}
			if similarity(ocrKey(a.lead), ocrKey(b.lead)) >= 0.85 {
				s.leadNear++
			}
			if canonSet(a.lead) != canonSet(b.lead) && *verbose {
				fmt.Printf("LEAD %s %s.%s: %q\n        got %q (support %q)\n", app, a.section, a.stt, a.lead, b.lead, b.support)
			}
			if sameDeadline(a.deadline, b.deadline) {
				s.deadline++
			} else if *verbose {
				fmt.Printf("DL   %s %s.%s: %q got %q\n", app, a.section, a.stt, a.deadline, b.deadline)
			}
			if os.Getenv("SIMS") != "" {
				fmt.Printf("SIM %s %s %.4f\n", app, a.stt, sim)
			}
			if sim < 0.9 && *verbose {
				fmt.Printf("CONT %s %s.%s %.2f: %q\n        got %q\n", app, a.section, a.stt, sim, normalize.Fold(a.content), normalize.Fold(b.content))
			}
			if a.stt == b.stt {
				s.stt++
			}
			if a.section == "" && b.section == "" || a.section != "" && strings.HasPrefix(normalize.Fold(b.section), normalize.Fold(a.section)) {
				s.section++
			} else if *verbose {
				fmt.Printf("SECT %s %s: %q got %q\n", app, a.stt, a.section, b.section)
			}
		}
	}
	return s
}

// align pairs truth and found tasks in order, maximising content
// similarity (a task pairs with at most one).
func align(a, b []task) [][2]int {
	n, m := len(a), len(b)
	dp := make([][]float64, n+1)
	for i := range dp {
		dp[i] = make([]float64, m+1)
	}
	sim := func(i, j int) float64 {
		x, y := normalize.Fold(a[i].content), normalize.Fold(b[j].content)
		return similarity(x, y)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(dp[i+1][j], dp[i][j+1])
			if s := sim(i, j); s > 0.3 {
				best = max(best, dp[i+1][j+1]+s)
			}
			dp[i][j] = best
		}
	}
	var out [][2]int
	i, j := 0, 0
	for i < n && j < m {
		s := sim(i, j)
		switch {
		case s > 0.3 && dp[i][j] == dp[i+1][j+1]+s:
			out = append(out, [2]int{i, j})
			i++
			j++
		case dp[i][j] == dp[i+1][j]:
			i++
		default:
			j++
		}
	}
	return out
}

func similarity(a, b string) float64 {
	n := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(normalize.RuneDistance(a, b))/float64(n)
}

func (s score) String() string {
	pc := func(k int) string {
		return fmt.Sprintf("%d/%d (%.0f%%)", k, s.truth, 100*float64(k)/float64(max(s.truth, 1)))
	}
	return fmt.Sprintf("tasks found %d (truth %d), matched %s; lead %s (OCR-near %s); deadline %s; support %s; content≥0.9 %s, mean %.2f (with marks and case %.2f); stt %s; section %s",
		s.found, s.truth, pc(s.matched), pc(s.lead), pc(s.leadNear), pc(s.deadline), pc(s.support), pc(s.content), s.contentSim/float64(max(s.matched, 1)), s.contentMarked/float64(max(s.matched, 1)), pc(s.stt), pc(s.section))
}

// TestAccuracy measures the tables rebuilt from the English-model OCR of
// seeds 003 and 004 (without repair, which runs before in the pipeline)
// against truth read from the documents. The thresholds guard against
// regressions; the figures print with -v.
func TestAccuracy(t *testing.T) {
	cases := []struct {
		file, truth string
		labels      []string
		minMatched  int
		minLead     int
		minDeadline int
	}{
		{"003.txt", "003.tasks.tsv", []string{"Phụ lục"}, 10, 8, 9},
		{"004.txt", "004.tasks.tsv", []string{"Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"}, 46, 28, 41},
	}
	for _, c := range cases {
		doc := readDoc(t, "../../testdata/ocrtext/"+c.file)
		Rebuild(doc)
		truth := readTruth(t, "../../testdata/ocrtext/"+c.truth)
		found := tasksOf(doc, c.labels)
		s := measure(truth, found)
		t.Logf("%s: %v", c.file, s)
		if s.matched < c.minMatched || s.lead < c.minLead || s.deadline < c.minDeadline {
			t.Errorf("%s below its floor: %v", c.file, s)
		}
	}
}
