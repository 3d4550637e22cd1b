package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kehoach/kehoach/normalize/repair/internal/lmfile"
)

// writePairs writes a pairs file of (OCR, truth, count) rows.
func writePairs(t *testing.T, rows string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pairs.tsv")
	if err := os.WriteFile(p, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A letter OCR writes as two (ữ as "it") is learned as one edit, and
// carries over, dearer, to the letters of its class with other tones.
func TestLearnMulti(t *testing.T) {
	p := writePairs(t, "dit\tdữ\t40\nnhitng\tnhững\t20\ndu\tdu\t30\nti\tti\t30\nnhung\tnhưng\t20\ntu\ttừ\t20\nthu\tthứ\t20\n")
	subs, _, info := learnChannel(p, nil)
	var it, itOther float32
	for _, s := range subs {
		if s.OCR == "it" && s.Truth == "ữ" {
			it = s.LogP
		}
		if s.OCR == "it" && s.Truth == "ứ" {
			itOther = s.LogP
		}
	}
	if it == 0 || it < -2 {
		t.Fatalf(`ữ as "it": log p %v; %s`, it, info)
	}
	if itOther == 0 || itOther >= it {
		t.Errorf(`ứ as "it" (backed off from ữ): log p %v, ữ's %v`, itOther, it)
	}
}

// Token readings keep what the OCR wrote often for a word, not the
// stripped forms, nor readings that are a small share of the token's.
func TestLearnTokens(t *testing.T) {
	vocab := append(append([]string{}, lmfile.SpecialNames...), "của", "khai", "khối", "nước")
	p := writePairs(t, "ctia\tcủa\t30\ncua\tcủa\t10\nkhai\tkhai\t100\nkhai\tkhối\t3\nnude\tnước\t4\nnuoc\tnước\t9\n")
	toks, _ := learnTokens(p, vocab)
	got := map[string]string{}
	for _, x := range toks {
		got[x.OCR] = vocab[x.Word]
	}
	if got["ctia"] != "của" || got["nude"] != "nước" {
		t.Errorf("token readings %v: want ctia → của, nude → nước", got)
	}
	if _, ok := got["cua"]; ok {
		t.Errorf("the stripped form cua is a token reading: %v", got)
	}
	if _, ok := got["khai"]; ok {
		t.Errorf("khai → khối (3 of 103) is a token reading: %v", got)
	}
}
