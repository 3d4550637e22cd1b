package diff

import (
	"math"
	"sort"
	"strings"

	"github.com/kehoach/kehoach/parser"
)

// Weights of the similarity score. Content is the main evidence; agencies
// and deadlines confirm or weaken it, so that a task reworded beyond
// recognition but kept with its agency and deadline still matches, and two
// tasks that share only their agency do not.
const (
	contentWeight  = 0.8 // share of content in the score when evidence exists
	cosineWeight   = 0.6 // share of tf-idf cosine in the content similarity
	leadWeight     = 0.5 // shares of the evidence
	supportWeight  = 0.2
	deadlineWeight = 0.3
	// positionWeight breaks ties between equally similar pairs (duplicate
	// rows) in favour of pairs at the same relative place in their plans.
	positionWeight = 1e-3
)

// DefaultThreshold is the similarity below which two tasks are not the same
// task: the older one is removed and the newer one added. Set from the
// genre sentences of TestThresholdSeparates (written for the tests, not
// taken from any sample plan): light rewordings (a few words added or
// changed) score 0.75 or more on content alone, different tasks of one plan
// at most 0.2 (so at most 0.36 with the same agencies and deadline), and
// heavy rewordings (most words replaced) 0.38–0.74, matched when their
// agencies and deadline agree.
const DefaultThreshold = 0.45

// term is one weighted word of a task's content vector.
type term struct {
	id int
	w  float64
}

// taskInfo is what the matcher knows about one task.
type taskInfo struct {
	task    *parser.Task
	idx     int
	toks    []token
	uni     []term // tf-idf, L2-normalised, sorted by id
	bi      []int  // distinct word bigrams, sorted
	lead    []string
	support []string
	names   map[string]string // agency key → name to show
	dlKey   string            // deadline key: due date, else folded text
	appKey  string
	secKey  string
	pos     float64 // relative position in its plan, 0…1
}

// prepare builds the task infos of both registers, sharing one vocabulary
// and document frequencies.
func (c *comparer) prepare() {
	c.olds = c.infos(c.oldReg)
	c.news = c.infos(c.newReg)
	vocab := map[string]int{}
	bigrams := map[[2]int]int{}
	df := map[int]int{}
	counts := func(ti *taskInfo) map[int]int {
		tf := map[int]int{}
		prev := -1
		seen := map[int]bool{}
		for _, t := range ti.toks {
			id, ok := vocab[t.fold]
			if !ok {
				id = len(vocab)
				vocab[t.fold] = id
			}
			tf[id]++
			if prev >= 0 {
				b, ok := bigrams[[2]int{prev, id}]
				if !ok {
					b = len(bigrams)
					bigrams[[2]int{prev, id}] = b
				}
				if !seen[b] {
					seen[b] = true
					ti.bi = append(ti.bi, b)
				}
			}
			prev = id
		}
		sort.Ints(ti.bi)
		for id := range tf {
			df[id]++
		}
		return tf
	}
	all := append(append([]*taskInfo{}, c.olds...), c.news...)
	tfs := make([]map[int]int, len(all))
	for i, ti := range all {
		tfs[i] = counts(ti)
	}
	c.nWords, c.nBigrams = len(vocab), len(bigrams)
	n := float64(len(all))
	for i, ti := range all {
		var norm float64
		for id, f := range tfs[i] {
			w := (1 + math.Log(float64(f))) * math.Log(1+n/float64(df[id]))
			ti.uni = append(ti.uni, term{id, w})
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for k := range ti.uni {
			ti.uni[k].w /= norm
		}
		sort.Slice(ti.uni, func(a, b int) bool { return ti.uni[a].id < ti.uni[b].id })
	}
}

// infos reads the tasks of one register.
func (c *comparer) infos(reg *parser.Register) []*taskInfo {
	out := make([]*taskInfo, len(reg.Tasks))
	for i := range reg.Tasks {
		t := &reg.Tasks[i]
		ti := &taskInfo{task: t, idx: i, names: map[string]string{}}
		ti.toks = c.z.tokens(t.Content)
		ti.lead = c.agencies(t.Lead, reg.Document.Issuer, ti.names)
		ti.support = c.agencies(t.Support, reg.Document.Issuer, ti.names)
		ti.dlKey = t.Deadline.Due
		if ti.dlKey == "" {
			ti.dlKey = c.z.key(t.Deadline.Text)
		}
		ti.appKey = c.z.key(t.Appendix)
		ti.secKey = ti.appKey + "\x1f" + c.z.key(t.Section)
		if len(reg.Tasks) > 1 {
			ti.pos = float64(i) / float64(len(reg.Tasks)-1)
		}
		out[i] = ti
	}
	return out
}

// agencies gives the sorted, distinct keys of a list of agencies, recording
// the name to show for each key.
func (c *comparer) agencies(list []string, issuer string, names map[string]string) []string {
	var keys []string
	for _, a := range list {
		name := a
		if c.opts.Agencies != nil {
			name = c.opts.Agencies.Canonical(a, issuer)
		}
		k := c.z.key(name)
		if k == "" {
			continue
		}
		if _, ok := names[k]; !ok {
			names[k] = name
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// similarity scores how likely a and b are the same task, 0…1.
func similarity(a, b *taskInfo) float64 {
	return scoreWith(contentSimilarity(a, b), a, b)
}

// scoreWith blends a content similarity with the evidence of agencies and
// deadlines.
func scoreWith(content float64, a, b *taskInfo) float64 {
	var ev, evw float64
	if len(a.lead) > 0 && len(b.lead) > 0 {
		ev += leadWeight * jaccard(a.lead, b.lead)
		evw += leadWeight
	}
	if len(a.support) > 0 && len(b.support) > 0 {
		ev += supportWeight * jaccard(a.support, b.support)
		evw += supportWeight
	}
	if a.dlKey != "" && b.dlKey != "" {
		if a.dlKey == b.dlKey {
			ev += deadlineWeight
		}
		evw += deadlineWeight
	}
	if evw == 0 {
		return content
	}
	return contentWeight*content + (1-contentWeight)*ev/evw
}

// contentSimilarity blends the tf-idf cosine of the words with the Dice
// overlap of word bigrams, which rewards words kept in their order.
func contentSimilarity(a, b *taskInfo) float64 {
	if len(a.uni) == 0 || len(b.uni) == 0 {
		if len(a.uni) == 0 && len(b.uni) == 0 {
			return 0.5 // both unreadable: only the evidence can tell
		}
		return 0
	}
	var dot float64
	i, j := 0, 0
	for i < len(a.uni) && j < len(b.uni) {
		switch {
		case a.uni[i].id < b.uni[j].id:
			i++
		case a.uni[i].id > b.uni[j].id:
			j++
		default:
			dot += a.uni[i].w * b.uni[j].w
			i++
			j++
		}
	}
	if len(a.bi) == 0 || len(b.bi) == 0 {
		return dot
	}
	common := 0
	i, j = 0, 0
	for i < len(a.bi) && j < len(b.bi) {
		switch {
		case a.bi[i] < b.bi[j]:
			i++
		case a.bi[i] > b.bi[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	dice := 2 * float64(common) / float64(len(a.bi)+len(b.bi))
	return cosineWeight*dot + (1-cosineWeight)*dice
}

// dense holds one task's content vector spread over the vocabulary, so that
// comparing it with many others costs one look-up per word of the others.
type dense struct {
	w     []float64 // weight by word id
	bi    []int32   // stamp by bigram id: owner+1 where the task has it
	owner int32
	nbi   int
}

func newDense(words, bigrams int) *dense {
	return &dense{w: make([]float64, words), bi: make([]int32, bigrams), owner: -1}
}

// load spreads a over the arrays, clearing the previous task's words.
func (d *dense) load(prev, a *taskInfo) {
	if prev != nil {
		for _, t := range prev.uni {
			d.w[t.id] = 0
		}
	}
	for _, t := range a.uni {
		d.w[t.id] = t.w
	}
	d.owner = int32(a.idx)
	for _, b := range a.bi {
		d.bi[b] = d.owner + 1
	}
	d.nbi = len(a.bi)
}

// content is contentSimilarity of the loaded task and b.
func (d *dense) content(a, b *taskInfo) float64 {
	if len(a.uni) == 0 || len(b.uni) == 0 {
		return contentSimilarity(a, b)
	}
	var dot float64
	for _, t := range b.uni {
		dot += d.w[t.id] * t.w
	}
	if d.nbi == 0 || len(b.bi) == 0 {
		return dot
	}
	common := 0
	for _, x := range b.bi {
		if d.bi[x] == d.owner+1 {
			common++
		}
	}
	dice := 2 * float64(common) / float64(d.nbi+len(b.bi))
	return cosineWeight*dot + (1-cosineWeight)*dice
}

// jaccard is |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []string) float64 {
	common := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch strings.Compare(a[i], b[j]) {
		case -1:
			i++
		case 1:
			j++
		default:
			common++
			i++
			j++
		}
	}
	union := len(a) + len(b) - common
	if union == 0 {
		return 1
	}
	return float64(common) / float64(union)
}

// match pairs old tasks with new ones: the assignment of maximum total
// similarity among pairs at or above the threshold. Pairs above the
// threshold form a bipartite graph; each connected part is solved on its
// own, which gives the same optimum as one large problem, much faster.
func (c *comparer) match() {
	no, nn := len(c.olds), len(c.news)
	c.oldMatch = make([]int, no)
	c.newMatch = make([]int, nn)
	c.score = make([]float64, no)
	for i := range c.oldMatch {
		c.oldMatch[i] = -1
	}
	for j := range c.newMatch {
		c.newMatch[j] = -1
	}
	type edge struct {
		i, j int
		s, w float64 // similarity; weight with the tie-break
	}
	var edges []edge
	parent := make([]int, no+nn)
	for k := range parent {
		parent[k] = k
	}
	var find func(int) int
	find = func(k int) int {
		for parent[k] != k {
			parent[k] = parent[parent[k]]
			k = parent[k]
		}
		return k
	}
	d := newDense(c.nWords, c.nBigrams)
	var prev *taskInfo
	for i, a := range c.olds {
		d.load(prev, a)
		prev = a
		for j, b := range c.news {
			s := scoreWith(d.content(a, b), a, b)
			if s < c.threshold {
				continue
			}
			edges = append(edges, edge{i, j, s, s + positionWeight*(1-math.Abs(a.pos-b.pos))})
			if ra, rb := find(i), find(no+j); ra != rb {
				parent[ra] = rb
			}
		}
	}
	// Group the edges by component, keeping first-seen order.
	comp := map[int][]edge{}
	var roots []int
	for _, e := range edges {
		r := find(e.i)
		if _, ok := comp[r]; !ok {
			roots = append(roots, r)
		}
		comp[r] = append(comp[r], e)
	}
	for _, r := range roots {
		es := comp[r]
		rowOf, colOf := map[int]int{}, map[int]int{}
		var rows, cols []int
		for _, e := range es {
			if _, ok := rowOf[e.i]; !ok {
				rowOf[e.i] = len(rows)
				rows = append(rows, e.i)
			}
			if _, ok := colOf[e.j]; !ok {
				colOf[e.j] = len(cols)
				cols = append(cols, e.j)
			}
		}
		w := make([][]float64, len(rows))
		sim := make([][]float64, len(rows))
		for k := range w {
			w[k] = make([]float64, len(cols))
			sim[k] = make([]float64, len(cols))
		}
		for _, e := range es {
			w[rowOf[e.i]][colOf[e.j]] = e.w
			sim[rowOf[e.i]][colOf[e.j]] = e.s
		}
		for r, col := range maxAssign(w) {
			if col < 0 || w[r][col] == 0 {
				continue
			}
			i, j := rows[r], cols[col]
			c.oldMatch[i] = j
			c.newMatch[j] = i
			c.score[i] = sim[r][col]
		}
	}
}
