package lmfile

import (
	"bytes"
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	m := &Model{
		Meta:  "test",
		Vocab: append(append([]string{}, SpecialNames...), "của", "các"),
		Order: 3,
	}
	V := len(m.Vocab)
	m.UniP = make([]float32, V)
	m.UniG = make([]float32, V)
	for i := range m.UniP {
		m.UniP[i] = -float32(i)
	}
	m.Levels = make([]Level, 4)
	m.Levels[2] = Level{Keys: []uint64{0<<16 | 6, 6<<16 | 7, 7<<16 | 1}, P: []uint8{1, 2, 3}, G: []uint8{4, 5, 6}}
	m.Levels[3] = Level{Keys: []uint64{(6<<16|7)<<16 | 1}, P: []uint8{9}}
	m.Levels[2].QP[1] = -1.5
	m.Subs = []Sub{{Truth: "ố", OCR: "6", LogP: -2}, {Truth: "", OCR: "'", LogP: -7}}
	m.Codes = []CodeSeg{{"NĐ", 100}}
	m.StripPrior = 0.6
	m.Title = []uint8{0, 0, 10, 0, 0, 0, 200, 3}
	m.Tokens = []TokenSub{{OCR: "ctia", Word: 7, LogP: -1.25}}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := Read(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Vocab, m.Vocab) || r.Order != 3 || r.Meta != "test" {
		t.Fatalf("header: %+v", r)
	}
	l2 := r.Levels[2]
	// children of word 6 (của): 7; of 7: 1 (</s>); of 0 (<s>): 6
	if l2.Start[0] != 0 || l2.Start[1] != 1 || l2.IDs[0] != 6 || l2.IDs[l2.Start[6]] != 7 || l2.IDs[l2.Start[7]] != 1 {
		t.Errorf("order 2: %+v", l2)
	}
	if l2.QP[1] != -1.5 || l2.P[l2.Start[6]] != 2 || l2.G[l2.Start[6]] != 5 {
		t.Errorf("order 2 values: %+v", l2)
	}
	l3 := r.Levels[3]
	// trigram (của, các, </s>) hangs under bigram node 1 (của các)
	if len(l3.IDs) != 1 || l3.IDs[0] != 1 || l3.Start[1] != 0 || l3.Start[2] != 1 || l3.P[0] != 9 {
		t.Errorf("order 3: %+v", l3)
	}
	if !reflect.DeepEqual(r.Title, m.Title) {
		t.Errorf("title rates %v", r.Title)
	}
	if !reflect.DeepEqual(r.Tokens, m.Tokens) {
		t.Errorf("token readings %+v", r.Tokens)
	}
	if !reflect.DeepEqual(r.Subs, m.Subs) || !reflect.DeepEqual(r.Codes, m.Codes) || r.StripPrior != 0.6 {
		t.Errorf("channel: %+v %+v", r.Subs, r.Codes)
	}
	if _, err := Read(b.Bytes()[:b.Len()/2]); err == nil {
		t.Error("truncated model read without error")
	}
	if _, err := Read([]byte("not a model")); err == nil {
		t.Error("garbage read without error")
	}
}

func TestQuantize(t *testing.T) {
	v := []float32{-1, -2, -3, -4, -5, -6, -7, -8}
	q, tab := Quantize(v)
	for i, x := range v {
		if tab[q[i]] != x {
			t.Errorf("value %v quantised to %v", x, tab[q[i]])
		}
	}
}
