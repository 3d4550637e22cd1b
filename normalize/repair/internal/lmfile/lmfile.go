// Package lmfile reads and writes the repair model: a syllable vocabulary,
// a pruned, quantised Kneser-Ney trigram language model, the OCR channel's
// confusion table and the corpus's document-code segments.
//
// The file is a flate stream of: magic, a metadata string, the vocabulary
// (one key a line), unigram log-probabilities and back-off weights as
// float32, the bigrams grouped by first word (delta-coded second word, one
// quantised log-probability and one quantised back-off weight each), the
// trigrams grouped by their bigram context in the same order (delta-coded
// third word, one quantised log-probability), the four quantisation tables,
// the channel entries and the code segments.
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

const magic = "KHRPLM02"

// Special word ids.
const (
	BOS   = 0 // segment start
	EOS   = 1 // segment end
	Unk   = 2 // a word outside the vocabulary
	Num   = 3 // a token with digits
	Code  = 4 // letters joined by - / .
	Roman = 5 // a Roman numeral
	// FirstWord is the id of the most frequent word.
	FirstWord = 6
)

// SpecialNames are the vocabulary entries of the special ids.
var SpecialNames = []string{"<s>", "</s>", "<unk>", "<num>", "<code>", "<roman>"}

// Bigram is a stored bigram: its words, quantised log-probability and the
// quantised back-off weight of the pair as a trigram context.
type Bigram struct {
	W1, W2 uint32
	P, G   uint8
}

// Trigram is a stored trigram and its quantised log-probability.
type Trigram struct {
	W1, W2, W3 uint32
	P          uint8
}

// Sub is one channel entry: the probability (natural log) that the OCR
// shows OCR where the truth has Truth. Truth or OCR may be empty (an
// insertion or a deletion).
type Sub struct {
	Truth, OCR string
	LogP       float32
}

// CodeSeg is an upper-case segment of document codes (BCĐ, NĐ, CP) and how
// often the corpus has it.
type CodeSeg struct {
	Seg   string
	Count uint32
}

// Model is the whole model as stored.
type Model struct {
	Meta        string
	Vocab       []string  // id → key
	UniP, UniG  []float32 // natural-log probability and back-off weight
	Bi          []Bigram  // sorted by W1, W2
	Tri         []Trigram // sorted by W1, W2, W3; every context is in Bi
	QBiP, QBiG  [256]float32
	QTriP       [256]float32
	Subs        []Sub
	Codes       []CodeSeg
	StripPrior  float32 // share of marked syllables English OCR strips bare
	ChannelInfo string

	// Read fills the language model as a trie of flat arrays instead of
	// Bi and Tri: the bigrams of word w are BiW2[BiStart[w]:BiStart[w+1]]
	// (sorted), with quantised BiP and BiG; the trigrams under bigram k are
	// TriW3[TriStart[k]:TriStart[k+1]] (sorted), with quantised TriP.
	BiStart  []uint32
	BiW2     []uint32
	BiP, BiG []uint8
	TriStart []uint32
	TriW3    []uint32
	TriP     []uint8
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
	// bigrams grouped by W1
	w.uvarint(uint64(len(m.Bi)))
	for i := 0; i < len(m.Bi); {
		j := i
		for j < len(m.Bi) && m.Bi[j].W1 == m.Bi[i].W1 {
			j++
		}
		w.uvarint(uint64(m.Bi[i].W1))
		w.uvarint(uint64(j - i))
		prev := uint32(0)
		for _, b := range m.Bi[i:j] {
			w.uvarint(uint64(b.W2 - prev))
			prev = b.W2
			w.w.WriteByte(b.P)
			w.w.WriteByte(b.G)
		}
		i = j
	}
	// trigrams: per bigram, the count of children then children.
	w.uvarint(uint64(len(m.Tri)))
	t := 0
	for _, b := range m.Bi {
		j := t
		for j < len(m.Tri) && m.Tri[j].W1 == b.W1 && m.Tri[j].W2 == b.W2 {
			j++
		}
		w.uvarint(uint64(j - t))
		prev := uint32(0)
		for _, tr := range m.Tri[t:j] {
			w.uvarint(uint64(tr.W3 - prev))
			prev = tr.W3
			w.w.WriteByte(tr.P)
		}
		t = j
	}
	if t != len(m.Tri) {
		return errors.New("lmfile: trigrams not sorted or context missing from bigrams")
	}
	for _, tab := range []*[256]float32{&m.QBiP, &m.QBiG, &m.QTriP} {
		for _, f := range tab {
			w.f32(f)
		}
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
	return w.w.Flush()
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
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
	nb := int(r.uvarint())
	if r.err != nil || nb > len(r.b) {
		return nil, errors.New("lmfile: bad bigram count")
	}
	V := len(m.Vocab)
	m.BiStart = make([]uint32, V+1)
	m.BiW2 = make([]uint32, 0, nb)
	m.BiP = make([]uint8, 0, nb)
	m.BiG = make([]uint8, 0, nb)
	lastW1 := -1
	for len(m.BiW2) < nb && r.err == nil {
		w1 := int(r.uvarint())
		if w1 <= lastW1 || w1 >= V {
			return nil, errors.New("lmfile: bigrams out of order")
		}
		for w := lastW1 + 1; w <= w1; w++ {
			m.BiStart[w] = uint32(len(m.BiW2))
		}
		lastW1 = w1
		k := int(r.uvarint())
		prev := uint32(0)
		for i := 0; i < k && r.err == nil; i++ {
			prev += uint32(r.uvarint())
			m.BiW2 = append(m.BiW2, prev)
			m.BiP = append(m.BiP, r.byte1())
			m.BiG = append(m.BiG, r.byte1())
		}
	}
	for w := lastW1 + 1; w <= V; w++ {
		m.BiStart[w] = uint32(len(m.BiW2))
	}
	nt := int(r.uvarint())
	if r.err != nil || nt > len(r.b) {
		return nil, errors.New("lmfile: bad trigram count")
	}
	m.TriStart = make([]uint32, len(m.BiW2)+1)
	m.TriW3 = make([]uint32, 0, nt)
	m.TriP = make([]uint8, 0, nt)
	for k := range m.BiW2 {
		m.TriStart[k] = uint32(len(m.TriW3))
		n := int(r.uvarint())
		prev := uint32(0)
		for i := 0; i < n && r.err == nil; i++ {
			prev += uint32(r.uvarint())
			m.TriW3 = append(m.TriW3, prev)
			m.TriP = append(m.TriP, r.byte1())
		}
		if r.err != nil {
			break
		}
	}
	m.TriStart[len(m.BiW2)] = uint32(len(m.TriW3))
	for _, tab := range []*[256]float32{&m.QBiP, &m.QBiG, &m.QTriP} {
		for i := range tab {
			tab[i] = r.f32()
		}
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
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
