// Package lmfile reads and writes the repair model: a syllable vocabulary,
// a pruned, quantised Kneser-Ney n-gram language model (order 2 to 4), the OCR channel's
// confusion table and the corpus's document-code segments.
//
// The file is the raw length and a flate stream of: magic, a metadata
// string, the vocabulary (one key a line), unigram log-probabilities and
// back-off weights as float32, the order, then for each order from 2 up the
// children of every node of the order below (count, delta-coded word ids,
// a quantised log-probability and back-off weight each) and the order's
// quantisation tables, then the channel entries, the code segments, the
// strip prior, a note on the channel, each word's capitalisation rate and
// the token-level readings of whole OCR tokens.
package lmfile

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

const magic = "KHRPLM06"

// Special word ids.
const (
	BOS   = 0 // segment start
	EOS   = 1 // segment end
	Unk   = 2 // a word outside the vocabulary
	Num   = 3 // a token with digits
	Code  = 4 // letters joined by - / .
	Roman = 5 // a Roman numeral
	// Abbr is an abbreviation joined by & (KH&CN, GD&ĐT, LĐ-TB&XH): the
	// name of a field or of an agency's department, which other words
	// precede than those before document codes (Sở KH&CN, hoạt động KH&CN).
	Abbr = 6
	// FirstWord is the id of the most frequent word.
	FirstWord = 7
)

// SpecialNames are the vocabulary entries of the special ids.
var SpecialNames = []string{"<s>", "</s>", "<unk>", "<num>", "<code>", "<roman>", "<abbr>"}

// Level is one order (2 and up) of the language model as a trie level:
// the children of every node of the order below, in order. The writer
// takes Keys (n-grams packed 16 bits a word, sorted); the reader fills
// Start (children of parent node j are IDs[Start[j]:Start[j+1]], sorted)
// and IDs. P and G are quantised log-probabilities and back-off weights
// (G empty at the top order), QP and QG their tables.
type Level struct {
	Keys   []uint64
	Start  []uint32
	IDs    []uint32
	P, G   []uint8
	QP, QG [256]float32
}

// Sub is one channel entry: the probability (natural log) that the OCR
// shows OCR where the truth has Truth. Truth or OCR may be empty (an
// insertion or a deletion).
type Sub struct {
	Truth, OCR string
	LogP       float32
}

// TokenSub is token-level evidence of the channel: the probability
// (natural log) that the OCR writes the whole token OCR (lower case) for
// the vocabulary word Word, counted over aligned OCR/truth pairs.
type TokenSub struct {
	OCR  string
	Word uint32
	LogP float32
}

// CodeSeg is an upper-case segment of document codes (BCĐ, NĐ, CP) and how
// often the corpus has it.
type CodeSeg struct {
	Seg   string
	Count uint32
}

// Model is the whole model as stored.
type Model struct {
	Meta       string
	Vocab      []string  // id → key
	UniP, UniG []float32 // natural-log probability and back-off weight
	Order      int
	Levels     []Level // index = order; 0 and 1 unused
	Subs       []Sub
	Codes      []CodeSeg
	StripPrior float32 // share of marked syllables English OCR strips bare
	// Title is, for each word, the share of its occurrences inside a
	// sentence that are capitalised, as 1 + 253·share (0 = unknown).
	Title       []uint8
	ChannelInfo string
	// Tokens are the token-level readings, sorted by OCR, then Word.
	Tokens []TokenSub
}

// Quantize maps values to 256 levels of equal population and returns the
// level of each value and the level means.
func Quantize(v []float32) ([]uint8, [256]float32) {
	var table [256]float32
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	q := make([]uint8, len(v))
	n := len(v)
	var sum [256]float64
	var cnt [256]int
	for rank, i := range idx {
		l := rank * 256 / max(n, 1)
		q[i] = uint8(l)
		sum[l] += float64(v[i])
		cnt[l]++
	}
	last := float32(0)
	for l := 0; l < 256; l++ {
		if cnt[l] > 0 {
			last = float32(sum[l] / float64(cnt[l]))
		}
		table[l] = last
	}
	return q, table
}

type writer struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *writer) uvarint(x uint64) {
	n := binary.PutUvarint(w.buf[:], x)
	w.w.Write(w.buf[:n])
}
func (w *writer) str(s string) { w.uvarint(uint64(len(s))); w.w.WriteString(s) }
func (w *writer) f32(f float32) {
	binary.LittleEndian.PutUint32(w.buf[:4], math.Float32bits(f))
	w.w.Write(w.buf[:4])
}

// Write encodes m to out: the length of the raw encoding as a uvarint, then
// the raw encoding compressed with flate.
func (m *Model) Write(out io.Writer) error {
	var raw bytes.Buffer
	if err := m.writeRaw(&raw); err != nil {
		return err
	}
	var n [binary.MaxVarintLen64]byte
	if _, err := out.Write(n[:binary.PutUvarint(n[:], uint64(raw.Len()))]); err != nil {
		return err
	}
	fw, err := flate.NewWriter(out, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(raw.Bytes()); err != nil {
		return err
	}
	return fw.Close()
}

func (m *Model) writeRaw(out io.Writer) error {
	w := &writer{w: bufio.NewWriter(out)}
	w.w.WriteString(magic)
	w.str(m.Meta)
	w.str(strings.Join(m.Vocab, "\n"))
	for i := range m.Vocab {
		w.f32(m.UniP[i])
		w.f32(m.UniG[i])
	}
	w.uvarint(uint64(m.Order))
	parents := make([]uint64, len(m.Vocab))
	for i := range parents {
		parents[i] = uint64(i)
	}
	for n := 2; n <= m.Order; n++ {
		lv := &m.Levels[n]
		w.uvarint(uint64(len(lv.Keys)))
		k := 0
		for _, p := range parents {
			j := k
			for j < len(lv.Keys) && lv.Keys[j]>>16 == p {
				j++
			}
			w.uvarint(uint64(j - k))
			prev := uint64(0)
			for x := k; x < j; x++ {
				id := lv.Keys[x] & 0xffff
				w.uvarint(id - prev)
				prev = id
				w.w.WriteByte(lv.P[x])
				if n < m.Order {
					w.w.WriteByte(lv.G[x])
				}
			}
			k = j
		}
		if k != len(lv.Keys) {
			return fmt.Errorf("lmfile: order %d has n-grams whose prefix is not stored", n)
		}
		for _, f := range lv.QP {
			w.f32(f)
		}
		if n < m.Order {
			for _, f := range lv.QG {
				w.f32(f)
			}
		}
		parents = lv.Keys
	}
	w.uvarint(uint64(len(m.Subs)))
	for _, s := range m.Subs {
		w.str(s.Truth)
		w.str(s.OCR)
		w.f32(s.LogP)
	}
	w.uvarint(uint64(len(m.Codes)))
	for _, c := range m.Codes {
		w.str(c.Seg)
		w.uvarint(uint64(c.Count))
	}
	w.f32(m.StripPrior)
	w.str(m.ChannelInfo)
	w.str(string(m.Title))
	w.uvarint(uint64(len(m.Tokens)))
	for _, t := range m.Tokens {
		w.str(t.OCR)
		w.uvarint(uint64(t.Word))
		w.f32(t.LogP)
	}
	return w.w.Flush()
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if len(r.b) > 0 && r.b[0] < 0x80 { // one byte: most of a model's numbers
		x := uint64(r.b[0])
		r.b = r.b[1:]
		return x
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("lmfile: truncated")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return x
}
func (r *reader) byte1() uint8 {
	if len(r.b) < 1 {
		r.err = errors.New("lmfile: truncated")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}
func (r *reader) str() string {
	n := int(r.uvarint())
	if n > len(r.b) {
		r.err = errors.New("lmfile: truncated")
		r.b = nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
func (r *reader) f32() float32 {
	if len(r.b) < 4 {
		r.err = errors.New("lmfile: truncated")
		r.b = nil
		return 0
	}
	f := math.Float32frombits(binary.LittleEndian.Uint32(r.b))
	r.b = r.b[4:]
	return f
}

// Read decodes a model written by Write.
func Read(data []byte) (*Model, error) {
	size, k := binary.Uvarint(data)
	if k <= 0 || size > 1<<30 {
		return nil, errors.New("lmfile: not a repair model")
	}
	raw := make([]byte, size)
	if _, err := io.ReadFull(flate.NewReader(bytes.NewReader(data[k:])), raw); err != nil {
		return nil, fmt.Errorf("lmfile: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errors.New("lmfile: not a repair model")
	}
	r := &reader{b: raw[len(magic):]}
	m := &Model{}
	m.Meta = r.str()
	m.Vocab = strings.Split(r.str(), "\n")
	m.UniP = make([]float32, len(m.Vocab))
	m.UniG = make([]float32, len(m.Vocab))
	for i := range m.Vocab {
		m.UniP[i] = r.f32()
		m.UniG[i] = r.f32()
	}
	m.Order = int(r.uvarint())
	if m.Order < 2 || m.Order > 4 {
		return nil, errors.New("lmfile: bad order")
	}
	m.Levels = make([]Level, m.Order+1)
	parents := len(m.Vocab)
	for n := 2; n <= m.Order && r.err == nil; n++ {
		lv := &m.Levels[n]
		total := int(r.uvarint())
		if r.err != nil || total > len(r.b) {
			return nil, errors.New("lmfile: bad n-gram count")
		}
		lv.Start = make([]uint32, parents+1)
		lv.IDs = make([]uint32, 0, total)
		lv.P = make([]uint8, 0, total)
		if n < m.Order {
			lv.G = make([]uint8, 0, total)
		}
		for j := 0; j < parents && r.err == nil; j++ {
			lv.Start[j] = uint32(len(lv.IDs))
			k := int(r.uvarint())
			if k > total-len(lv.IDs) {
				return nil, errors.New("lmfile: bad child count")
			}
			prev := uint32(0)
			for i := 0; i < k && r.err == nil; i++ {
				prev += uint32(r.uvarint())
				lv.IDs = append(lv.IDs, prev)
				lv.P = append(lv.P, r.byte1())
				if n < m.Order {
					lv.G = append(lv.G, r.byte1())
				}
			}
		}
		lv.Start[parents] = uint32(len(lv.IDs))
		for i := range lv.QP {
			lv.QP[i] = r.f32()
		}
		if n < m.Order {
			for i := range lv.QG {
				lv.QG[i] = r.f32()
			}
		}
		parents = len(lv.IDs)
	}
	ns := int(r.uvarint())
	for i := 0; i < ns && r.err == nil; i++ {
		s := Sub{Truth: r.str(), OCR: r.str()}
		s.LogP = r.f32()
		m.Subs = append(m.Subs, s)
	}
	nc := int(r.uvarint())
	for i := 0; i < nc && r.err == nil; i++ {
		m.Codes = append(m.Codes, CodeSeg{Seg: r.str(), Count: uint32(r.uvarint())})
	}
	m.StripPrior = r.f32()
	m.ChannelInfo = r.str()
	m.Title = []uint8(r.str())
	nt := int(r.uvarint())
	if nt > len(r.b) {
		return nil, errors.New("lmfile: bad token count")
	}
	for i := 0; i < nt && r.err == nil; i++ {
		t := TokenSub{OCR: r.str(), Word: uint32(r.uvarint())}
		t.LogP = r.f32()
		if int(t.Word) >= len(m.Vocab) {
			return nil, errors.New("lmfile: token reading of a word outside the vocabulary")
		}
		m.Tokens = append(m.Tokens, t)
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
