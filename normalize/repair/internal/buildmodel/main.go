// Command buildmodel builds the repair model from the corpus: the syllable
// vocabulary, a modified Kneser-Ney trigram language model pruned by count
// and quantised to 8 bits, the OCR channel learned from aligned OCR/truth
// pairs, and the upper-case segments of document codes.
//
//	go run ./normalize/repair/internal/buildmodel -corpus ../shared/corpus \
//	    -pairs normalize/repair/data/pairs.tsv -out normalize/repair/model.bin
//
// The build is deterministic: files are read in name order, every tie is
// broken by key, and held-out lines (vn.HeldOut) are never counted.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"hash/fnv"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
	"github.com/kehoach/kehoach/normalize/repair/internal/vn"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "folder of corpus .txt files")
	pairs := flag.String("pairs", "normalize/repair/data/pairs.tsv", "aligned OCR/truth pairs (ocr, truth, count); missing = default channel")
	out := flag.String("out", "normalize/repair/model.bin", "model file to write")
	minWord := flag.Int("minword", 3, "fewest occurrences for a word to enter the vocabulary")
	minBi := flag.Int("minbi", 1, "fewest occurrences for a bigram to be stored")
	minTri := flag.Int("mintri", 2, "fewest occurrences for a trigram to be stored")
	flag.Parse()
	log.SetFlags(0)
	start := time.Now()

	files, err := filepath.Glob(filepath.Join(*corpus, "*.txt"))
	if err != nil || len(files) == 0 {
		log.Fatalf("buildmodel: no corpus .txt files in %s", *corpus)
	}
	sort.Strings(files)

	// Pass 1: the held-out lines, so that their duplicates elsewhere are not
	// trained on either.
	held := map[uint64]bool{}
	for _, f := range files {
		eachLine(f, func(n int, line string) {
			if vn.HeldOut(filepath.Base(f), n) {
				held[hash(line)] = true
			}
		})
	}

	// Pass 2: tokens of the training lines as temporary ids.
	tmpID := map[string]uint32{}
	var tmpWords []string
	var tmpCount []int
	keyOf := map[string]uint32{} // raw core → tmp id
	var stream []uint32          // tmp ids; segment ends marked by sep
	const sep = math.MaxUint32
	codeSeg := map[string]int{}
	nLines, nTok := 0, 0
	for _, f := range files {
		eachLine(f, func(n int, line string) {
			if vn.HeldOut(filepath.Base(f), n) || held[hash(line)] {
				return
			}
			nLines++
			for _, t := range vn.Tokens(line) {
				if t.BreakBefore && len(stream) > 0 && stream[len(stream)-1] != sep {
					stream = append(stream, sep)
				}
				var id uint32
				switch t.Kind {
				case vn.Word:
					var ok bool
					id, ok = keyOf[t.Core]
					if !ok {
						k := vn.Key(t.Core)
						id, ok = tmpID[k]
						if !ok {
							id = uint32(len(tmpWords))
							tmpID[k] = id
							tmpWords = append(tmpWords, k)
							tmpCount = append(tmpCount, 0)
						}
						keyOf[t.Core] = id
					}
					tmpCount[id]++
					id += lmfile.FirstWord
				case vn.Roman:
					id = lmfile.Roman
				case vn.Code:
					id = lmfile.Code
					addSegs(codeSeg, t.Core)
				default:
					id = lmfile.Num
					addSegs(codeSeg, t.Core)
				}
				nTok++
				stream = append(stream, id)
				if t.BreakAfter {
					stream = append(stream, sep)
				}
			}
			if len(stream) > 0 && stream[len(stream)-1] != sep {
				stream = append(stream, sep)
			}
		})
	}
	log.Printf("read %d lines, %d tokens, %d word types in %v", nLines, nTok, len(tmpWords), time.Since(start).Round(time.Millisecond))

	// Vocabulary: words seen at least minWord times, most frequent first.
	order := make([]int, 0, len(tmpWords))
	groupMax := map[string]int{}
	for i, c := range tmpCount {
		f := vn.Fold(tmpWords[i])
		if f != tmpWords[i] && c > groupMax[f] {
			groupMax[f] = c
		}
	}
	dropped := 0
	for i, c := range tmpCount {
		if c < *minWord {
			continue
		}
		// A syllable closed by p, t, c or ch takes only the sắc or nặng
		// tone: "thuat" is "thuật" with its marks lost somewhere in the
		// corpus, not a word, when a marked form is more frequent.
		if w := tmpWords[i]; vn.Fold(w) == w && stopFinal(w) && groupMax[w] > c {
			dropped++
			continue
		}
		order = append(order, i)
	}
	log.Printf("dropped %d unmarked stop-final forms", dropped)
	sort.Slice(order, func(a, b int) bool {
		ca, cb := tmpCount[order[a]], tmpCount[order[b]]
		if ca != cb {
			return ca > cb
		}
		return tmpWords[order[a]] < tmpWords[order[b]]
	})
	if limit := 1<<16 - 2 - len(lmfile.SpecialNames); len(order) > limit {
		order = order[:limit] // ids must fit in 16 bits
	}
	vocab := append([]string{}, lmfile.SpecialNames...)
	remap := make([]uint32, len(tmpWords))
	for i := range remap {
		remap[i] = lmfile.Unk
	}
	for _, i := range order {
		remap[i] = uint32(len(vocab))
		vocab = append(vocab, tmpWords[i])
	}
	V := len(vocab)
	log.Printf("vocabulary %d words", V)

	// Trigram occurrences over padded segments <s> <s> w… </s>.
	var tri []uint64
	w1, w2 := uint32(lmfile.BOS), uint32(lmfile.BOS)
	for _, id := range stream {
		if id == sep {
			tri = append(tri, pack(w1, w2, lmfile.EOS))
			w1, w2 = lmfile.BOS, lmfile.BOS
			continue
		}
		if id >= lmfile.FirstWord {
			id = remap[id-lmfile.FirstWord]
		}
		tri = append(tri, pack(w1, w2, id))
		w1, w2 = w2, id
	}
	stream = nil
	slices.Sort(tri)
	type ngram struct {
		key uint64
		c   uint32
	}
	var tris []ngram
	for i := 0; i < len(tri); {
		j := i
		for j < len(tri) && tri[j] == tri[i] {
			j++
		}
		tris = append(tris, ngram{tri[i], uint32(j - i)})
		i = j
	}
	tri = nil
	log.Printf("%d trigram types", len(tris))

	// Bigram raw counts and continuation counts from the trigram types.
	bk := make([]uint64, len(tris)) // (w2,w3,w1)
	for i, t := range tris {
		a, b, c := unpack(t.key)
		bk[i] = pack(b, c, a)
	}
	idx := make([]int, len(tris))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return bk[idx[a]] < bk[idx[b]] })
	type bigram struct {
		key    uint64 // (w2,w3) packed as pack(0,w2,w3)
		c, cc  uint32 // raw count, continuation count
		p      float64
		keep   bool
		gamma  float64 // as a trigram context
		hasCtx bool
	}
	var bis []bigram
	for i := 0; i < len(idx); {
		a, b, _ := unpack(bk[idx[i]])
		j := i
		var c, cc uint32
		for j < len(idx) {
			x, y, z := unpack(bk[idx[j]])
			if x != a || y != b {
				break
			}
			c += tris[idx[j]].c
			if z == lmfile.BOS && a == lmfile.BOS {
				cc += tris[idx[j]].c
			} else {
				cc++
			}
			j++
		}
		if !(a == lmfile.BOS && b == lmfile.BOS) {
			bis = append(bis, bigram{key: pack(0, a, b), c: c, cc: cc})
		}
		i = j
	}
	bk, idx = nil, nil
	log.Printf("%d bigram types", len(bis))

	// Unigram continuation counts.
	cc1 := make([]float64, V)
	for _, b := range bis {
		_, _, w := unpack(b.key)
		cc1[w]++
	}
	// Discounts.
	d1 := discounts(func(yield func(uint32)) {
		for _, c := range cc1 {
			if c > 0 {
				yield(uint32(c))
			}
		}
	})
	d2 := discounts(func(yield func(uint32)) {
		for _, b := range bis {
			yield(b.cc)
		}
	})
	d3 := discounts(func(yield func(uint32)) {
		for _, t := range tris {
			yield(t.c)
		}
	})
	log.Printf("discounts uni %.3f bi %.3f tri %.3f", d1, d2, d3)

	// Unigram probabilities, interpolated with the uniform distribution.
	var S float64
	var n1 [4]float64
	for _, c := range cc1 {
		S += c
		if c > 0 {
			n1[min(int(c), 3)]++
		}
	}
	g1 := (d1[1]*n1[1] + d1[2]*n1[2] + d1[3]*n1[3]) / S
	p1 := make([]float64, V)
	for w := range p1 {
		p1[w] = math.Max(cc1[w]-disc(d1, uint32(cc1[w])), 0)/S + g1/float64(V)
	}
	p1[lmfile.BOS] = 1e-9
	// Bigram level: context sums per w2.
	ctxSum := make([]float64, V)
	var ctxN [][4]float64 = make([][4]float64, V)
	for _, b := range bis {
		_, w, _ := unpack(b.key)
		ctxSum[w] += float64(b.cc)
		ctxN[w][min(int(b.cc), 3)]++
	}
	g2 := make([]float64, V)
	for w := range g2 {
		if ctxSum[w] > 0 {
			g2[w] = (d2[1]*ctxN[w][1] + d2[2]*ctxN[w][2] + d2[3]*ctxN[w][3]) / ctxSum[w]
		} else {
			g2[w] = 1
		}
	}
	biIndex := make(map[uint64]int, len(bis))
	for i := range bis {
		b := &bis[i]
		_, u, w := unpack(b.key)
		b.p = math.Max(float64(b.cc)-disc(d2, b.cc), 0)/ctxSum[u] + g2[u]*p1[w]
		b.keep = b.c >= uint32(*minBi)
		biIndex[b.key] = i
	}
	// Trigram level.
	type ctxStat struct {
		sum float64
		n   [4]float64
	}
	var keptTri []lmfile.Trigram
	var keptTriP []float32
	var ctxG = map[uint64]float64{}
	for i := 0; i < len(tris); {
		a, b, _ := unpack(tris[i].key)
		j := i
		var cs ctxStat
		for j < len(tris) {
			x, y, _ := unpack(tris[j].key)
			if x != a || y != b {
				break
			}
			cs.sum += float64(tris[j].c)
			cs.n[min(int(tris[j].c), 3)]++
			j++
		}
		gamma := (d3[1]*cs.n[1] + d3[2]*cs.n[2] + d3[3]*cs.n[3]) / cs.sum
		any := false
		for _, t := range tris[i:j] {
			if t.c < uint32(*minTri) {
				continue
			}
			_, _, c := unpack(t.key)
			lower := g2[b] * p1[c]
			if k, ok := biIndex[pack(0, b, c)]; ok {
				lower = bis[k].p
			}
			p := (float64(t.c)-disc(d3, t.c))/cs.sum + gamma*lower
			keptTri = append(keptTri, lmfile.Trigram{W1: a, W2: b, W3: c})
			keptTriP = append(keptTriP, float32(math.Log(p)))
			any = true
		}
		if any {
			ctxG[pack(0, a, b)] = gamma
		} else if k, ok := biIndex[pack(0, a, b)]; ok && bis[k].keep {
			ctxG[pack(0, a, b)] = gamma
		}
		i = j
	}
	tris = nil
	// Stored bigrams: frequent ones and every trigram context.
	var keptBi []lmfile.Bigram
	var keptBiP, keptBiG []float32
	ctxKeys := make([]uint64, 0, len(ctxG))
	for k := range ctxG {
		ctxKeys = append(ctxKeys, k)
	}
	for _, b := range bis {
		if b.keep {
			if _, ok := ctxG[b.key]; !ok {
				ctxKeys = append(ctxKeys, b.key)
			}
		}
	}
	slices.Sort(ctxKeys)
	for _, k := range ctxKeys {
		_, a, b := unpack(k)
		p := g2[a] * p1[b]
		if i, ok := biIndex[k]; ok {
			p = bis[i].p
		}
		g, ok := ctxG[k]
		if !ok {
			g = 1
		}
		keptBi = append(keptBi, lmfile.Bigram{W1: a, W2: b})
		keptBiP = append(keptBiP, float32(math.Log(p)))
		keptBiG = append(keptBiG, float32(math.Log(g)))
	}
	log.Printf("stored %d bigrams, %d trigrams", len(keptBi), len(keptTri))

	m := &lmfile.Model{Vocab: vocab}
	m.UniP = make([]float32, V)
	m.UniG = make([]float32, V)
	for w := 0; w < V; w++ {
		m.UniP[w] = float32(math.Log(p1[w]))
		m.UniG[w] = float32(math.Log(g2[w]))
	}
	qp, tp := lmfile.Quantize(keptBiP)
	qg, tg := lmfile.Quantize(keptBiG)
	m.QBiP, m.QBiG = tp, tg
	for i := range keptBi {
		keptBi[i].P, keptBi[i].G = qp[i], qg[i]
	}
	m.Bi = keptBi
	qt, tt := lmfile.Quantize(keptTriP)
	m.QTriP = tt
	for i := range keptTri {
		keptTri[i].P = qt[i]
	}
	m.Tri = keptTri

	// Code segments.
	var segs []lmfile.CodeSeg
	for s, c := range codeSeg {
		if c >= 3 {
			segs = append(segs, lmfile.CodeSeg{Seg: s, Count: uint32(c)})
		}
	}
	sort.Slice(segs, func(a, b int) bool { return segs[a].Seg < segs[b].Seg })
	m.Codes = segs

	m.Subs, m.StripPrior, m.ChannelInfo = learnChannel(*pairs, vocab)
	m.Meta = fmt.Sprintf("corpus %d lines %d tokens; vocab %d (min %d); bigrams %d (min %d); trigrams %d (min %d); KN-mod discounts %.3f/%.3f/%.3f",
		nLines, nTok, V, *minWord, len(keptBi), *minBi, len(keptTri), *minTri, d3[1], d3[2], d3[3])

	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d bytes in %v", *out, buf.Len(), time.Since(start).Round(time.Millisecond))
	log.Print(m.Meta)
	log.Print(m.ChannelInfo)
}

// stopFinal reports whether a syllable ends in p, t, c or ch after a vowel.
func stopFinal(w string) bool {
	n := len(w)
	if n < 2 {
		return false
	}
	if strings.HasSuffix(w, "ch") {
		return n > 2 && strings.ContainsRune("aeiouy", rune(w[n-3]))
	}
	return strings.ContainsRune("ptc", rune(w[n-1])) && strings.ContainsRune("aeiouy", rune(w[n-2]))
}

func pack(a, b, c uint32) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }
func unpack(k uint64) (a, b, c uint32) {
	return uint32(k >> 42), uint32(k>>21) & (1<<21 - 1), uint32(k) & (1<<21 - 1)
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// discounts returns modified Kneser-Ney discounts D1, D2, D3+ (index 1..3)
// from the counts' count-of-counts.
func discounts(each func(func(uint32))) [4]float64 {
	var n [5]float64
	each(func(c uint32) {
		if c >= 1 && c <= 4 {
			n[c]++
		}
	})
	var d [4]float64
	if n[1] == 0 || n[2] == 0 || n[3] == 0 {
		return [4]float64{0, 0.5, 0.75, 0.9}
	}
	y := n[1] / (n[1] + 2*n[2])
	d[1] = 1 - 2*y*n[2]/n[1]
	d[2] = 2 - 3*y*n[3]/n[2]
	d[3] = 3 - 4*y*n[4]/n[3]
	for i := 1; i <= 3; i++ {
		if d[i] <= 0 || math.IsNaN(d[i]) {
			d[i] = 0.5
		}
	}
	return d
}

func disc(d [4]float64, c uint32) float64 {
	if c == 0 {
		return 0
	}
	return d[min(int(c), 3)]
}

func eachLine(path string, fn func(n int, line string)) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		fn(n, sc.Text())
		n++
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}

// addSegs counts the upper-case letter runs of a code (NĐ, CP, BCĐ).
func addSegs(m map[string]int, core string) {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			s := core[start:end]
			if len([]rune(s)) >= 2 && len(s) <= 16 && strings.ToUpper(s) == s {
				m[s]++
			}
			start = -1
		}
	}
	for i, r := range core {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(core))
}
