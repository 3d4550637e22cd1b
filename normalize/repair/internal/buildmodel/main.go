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
	minFour := flag.Int("min4", 2, "fewest occurrences for a 4-gram to be stored")
	ngramOrder := flag.Int("order", 3, "n-gram order, 2 to 4")
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
	// The corpus repeats itself (the same law in several collections), so
	// a training line that shares any run of 20 words with a held-out line
	// is left out too.
	held := map[uint64]bool{}
	heldRuns := map[uint64]bool{}
	for _, f := range files {
		eachLine(f, func(n int, line string) {
			if vn.HeldOut(filepath.Base(f), n) {
				held[hash(line)] = true
				for _, h := range runs(line) {
					heldRuns[h] = true
				}
			}
		})
	}
	skipped := 0

	// Pass 2: tokens of the training lines as temporary ids.
	tmpID := map[string]uint32{}
	var tmpWords []string
	var tmpCount []int
	var tmpTitle [][2]int        // [capitalised, counted] inside sentences
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
			for _, h := range runs(line) {
				if heldRuns[h] {
					skipped++
					return
				}
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
							tmpTitle = append(tmpTitle, [2]int{})
						}
						keyOf[t.Core] = id
					}
					tmpCount[id]++
					// how often the word is capitalised inside a sentence
					if c := vn.CaseOf(t.Core); !t.BreakBefore && c != vn.Upper {
						tmpTitle[id][1]++
						if c == vn.Title {
							tmpTitle[id][0]++
						}
					}
					id += lmfile.FirstWord
				case vn.Roman:
					id = lmfile.Roman
				case vn.Code:
					id = lmfile.Code
					if vn.AmpersandCode(t.Core) {
						id = lmfile.Abbr
					}
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
	log.Printf("left out %d training lines that share 20 words with held-out text", skipped)
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

	for i, id := range stream {
		if id != sep && id >= lmfile.FirstWord {
			stream[i] = remap[id-lmfile.FirstWord]
		}
	}
	m := buildLM(stream, sep, V, *ngramOrder, []int{0, 0, *minBi, *minTri, *minFour})
	m.Vocab = vocab
	// the share of each word's occurrences inside a sentence that are
	// capitalised (Bộ Tài chính against bãi bỏ), in 256 steps; rare words
	// together stand for <unk>
	m.Title = make([]uint8, V)
	var unkTitle [2]int
	for i, c := range tmpTitle {
		id := remap[i]
		if id == lmfile.Unk {
			unkTitle[0] += c[0]
			unkTitle[1] += c[1]
			continue
		}
		m.Title[id] = titleByte(c)
	}
	m.Title[lmfile.Unk] = titleByte(unkTitle)
	stream = nil

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
	var tokInfo string
	m.Tokens, tokInfo = learnTokens(*pairs, vocab)
	m.ChannelInfo += "; " + tokInfo
	m.Meta = fmt.Sprintf("corpus %d lines %d tokens; vocab %d (min %d); order %d", nLines, nTok, V, *minWord, *ngramOrder)
	for n := 2; n <= *ngramOrder; n++ {
		m.Meta += fmt.Sprintf("; %d-grams %d (min %d)", n, len(m.Levels[n].Keys), []int{0, 0, *minBi, *minTri, *minFour}[n])
	}

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

// titleByte stores a capitalisation rate, smoothed, in a byte.
func titleByte(c [2]int) uint8 {
	rate := (float64(c[0]) + 0.5) / (float64(c[1]) + 1)
	return uint8(math.Round(1 + rate*253))
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

// runs returns hashes of every run of 20 consecutive lower-case words.
func runs(line string) []uint64 {
	const n = 20
	var words []string
	for _, t := range vn.Tokens(line) {
		words = append(words, strings.ToLower(t.Core))
	}
	var out []uint64
	for i := 0; i+n <= len(words); i++ {
		out = append(out, hash(strings.Join(words[i:i+n], " ")))
	}
	return out
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
