package diff

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser"
)

// syntheticPlan makes a register of n tasks whose contents draw words from
// a vocabulary of v made-up syllables with a Zipf law, as plan vocabularies
// go: a few words everywhere, most words rare.
func syntheticPlan(rng *rand.Rand, n, v int) *parser.Register {
	return templatePlan(rng, n, v, 0)
}

// templatePlan is syntheticPlan with the first shared words of every
// content the same: rows of one template ("Báo cáo … quý I", "quý II"…).
func templatePlan(rng *rand.Rand, n, v, shared int) *parser.Register {
	onsets := []string{"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"}
	nuclei := []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "oa", "uy", "ươ", "iê"}
	codas := []string{"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
	vocab := make([]string, v)
	for i := range vocab {
		vocab[i] = onsets[rng.Intn(len(onsets))] + nuclei[rng.Intn(len(nuclei))] + codas[rng.Intn(len(codas))]
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(v-1))
	agencies := []string{"Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Xây dựng", "Sở KH&CN", "Văn phòng UBND", "Công an tỉnh", "UBND các xã"}
	deadlines := []parser.Deadline{
		{Text: "Tháng 11/2025", Kind: "month", Due: "2025-11-30"},
		{Text: "Quý IV/2025", Kind: "quarter", Due: "2025-12-31"},
		{Text: "Thường xuyên", Kind: "ongoing"},
		{Text: "Hằng tháng", Kind: "recurring", Every: "month"},
	}
	r := &parser.Register{Source: "synthetic"}
	for i := 0; i < n; i++ {
		words := make([]string, 12+rng.Intn(24))
		for k := range words {
			words[k] = vocab[zipf.Uint64()]
		}
		if shared > 0 {
			words = append(template(shared), words[:4]...)
		}
		r.Tasks = append(r.Tasks, parser.Task{
			Section:  "Mục " + strconv.Itoa(i/50+1),
			STT:      strconv.Itoa(i + 1),
			Content:  strings.Join(words, " "),
			Lead:     []string{agencies[rng.Intn(len(agencies))]},
			Support:  []string{agencies[rng.Intn(len(agencies))], agencies[rng.Intn(len(agencies))]},
			Deadline: deadlines[rng.Intn(len(deadlines))],
		})
	}
	return r
}

// revise makes a later version of a plan: tasks reordered within nearby
// rows, 15% reworded by a few words, 5% dropped, 5% added, 5% reassigned.
func revise(rng *rand.Rand, old *parser.Register) *parser.Register {
	n := clone(old)
	var ts []parser.Task
	for _, t := range n.Tasks {
		switch x := rng.Float64(); {
		case x < 0.05:
			continue
		case x < 0.20:
			w := strings.Fields(t.Content)
			for k := 0; k < 3; k++ {
				w[rng.Intn(len(w))] = "mới" + strconv.Itoa(rng.Intn(100))
			}
			t.Content = strings.Join(w, " ")
		case x < 0.25:
			t.Lead = []string{"Sở Công Thương"}
		}
		ts = append(ts, t)
		if rng.Float64() < 0.05 {
			extra := syntheticPlan(rng, 1, 400).Tasks[0]
			ts = append(ts, extra)
		}
	}
	for i := 0; i+1 < len(ts); i += 2 {
		if rng.Intn(4) == 0 {
			ts[i], ts[i+1] = ts[i+1], ts[i]
		}
	}
	n.Tasks = ts
	return n
}

// BenchmarkCompare500 compares two versions of a 500-task plan.
func BenchmarkCompare500(b *testing.B) {
	rng := rand.New(rand.NewSource(7))
	old := syntheticPlan(rng, 500, 3000)
	n := revise(rng, old)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compare(old, n, Options{})
	}
}

// template is n fixed words.
func template(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "mẫu" + strconv.Itoa(i)
	}
	return out
}

// BenchmarkCompare500Dense is the worst case of the matcher: 500 rows of
// one template (20 shared words, 4 of their own), so alike that every pair
// clears the threshold and the assignment is one 500×500 problem.
func BenchmarkCompare500Dense(b *testing.B) {
	rng := rand.New(rand.NewSource(8))
	old := templatePlan(rng, 500, 3000, 20)
	n := revise(rng, old)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compare(old, n, Options{})
	}
}

// The revised synthetic plan is found as revised: every kept task matched to
// itself, every dropped one removed, every added one added.
func TestSyntheticRevision(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	old := syntheticPlan(rng, 500, 3000)
	n := revise(rng, old)
	res := Compare(old, n, Options{})
	kept := 0
	for _, p := range res.Pairs {
		if old.Tasks[p.OldIndex].STT != n.Tasks[p.NewIndex].STT {
			t.Errorf("old %s paired with new row %d (stt %s)", old.Tasks[p.OldIndex].STT, p.NewIndex, n.Tasks[p.NewIndex].STT)
		}
		kept++
	}
	added := 0
	for _, tk := range n.Tasks {
		if tk.Section == "Mục 1" && tk.STT == "1" && tk.Content != old.Tasks[0].Content {
			added++ // a synthetic extra task (numbered 1 in its own plan)
		}
	}
	if res.Summary.Added != added || res.Summary.Removed != len(old.Tasks)-kept {
		t.Errorf("summary %+v; %d extra tasks, %d old tasks kept", res.Summary, added, kept)
	}
	t.Logf("%d old, %d new: %+v", len(old.Tasks), len(n.Tasks), res.Summary)
}

// Rows of one template still pair with their own revisions.
func TestTemplateRows(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	old := templatePlan(rng, 60, 3000, 20)
	n := clone(old)
	rng.Shuffle(len(n.Tasks), func(i, j int) { n.Tasks[i], n.Tasks[j] = n.Tasks[j], n.Tasks[i] })
	res := Compare(old, n, Options{})
	if res.Differs() || len(res.Pairs) != 60 {
		t.Fatalf("%+v", res.Summary)
	}
	for _, p := range res.Pairs {
		if old.Tasks[p.OldIndex].STT != n.Tasks[p.NewIndex].STT {
			t.Errorf("old %s paired with %s", old.Tasks[p.OldIndex].STT, n.Tasks[p.NewIndex].STT)
		}
	}
	if res.Pairs[0].Score < DefaultThreshold {
		t.Error("low score")
	}
}

// BenchmarkMaxAssign500 is the Hungarian algorithm alone on a full 500×500
// matrix of random weights.
func BenchmarkMaxAssign500(b *testing.B) {
	rng := rand.New(rand.NewSource(9))
	w := make([][]float64, 500)
	for i := range w {
		w[i] = make([]float64, 500)
		for j := range w[i] {
			w[i][j] = rng.Float64()
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		maxAssign(w)
	}
}
