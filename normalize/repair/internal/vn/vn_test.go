package vn

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	got := []string{}
	kinds := []Kind{}
	for _, tk := range Tokens("Căn cứ Nghị định 118/2025/NĐ-CP, (so' B§) UBND-KH “III/2025”") {
		got = append(got, tk.Core)
		kinds = append(kinds, tk.Kind)
	}
	want := []string{"Căn", "cứ", "Nghị", "định", "118/2025/NĐ-CP", "so'", "B§", "UBND-KH", "III/2025"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("cores %q, want %q", got, want)
	}
	wantKinds := []Kind{Word, Word, Word, Word, Number, Mixed, Mixed, Code, Roman}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("kinds %v, want %v", kinds, wantKinds)
	}
}

func TestBreaks(t *testing.T) {
	toks := Tokens("nhiệm vụ, giải pháp - trọng tâm")
	if !toks[0].BreakBefore || !toks[1].BreakAfter || !toks[2].BreakBefore {
		t.Errorf("comma should break: %+v", toks)
	}
	if toks[3].BreakAfter || toks[4].BreakBefore {
		t.Errorf("a dash should not break: %+v", toks)
	}
}

func TestRoman(t *testing.T) {
	for s, want := range map[string]bool{"III": true, "IV/2025": true, "XIV": true, "IIII": false, "I11": false, "VX": false, "III/": false, "iii": false} {
		if IsRoman(s) != want {
			t.Errorf("IsRoman(%q) = %v", s, !want)
		}
	}
}

func TestKeyFold(t *testing.T) {
	if k := Key("HOÀ"); k != "hòa" {
		t.Errorf("Key = %q", k)
	}
	if f := Fold("Đường"); f != "duong" {
		t.Errorf("Fold = %q", f)
	}
}

func TestHeldOutShare(t *testing.T) {
	n := 0
	for i := 0; i < 200000; i++ {
		if HeldOut("x.txt", i) {
			n++
		}
	}
	if n < 200 || n > 8000 {
		t.Errorf("held out %d of 200000 lines, want about 1%%", n)
	}
}

func TestAmpersandCode(t *testing.T) {
	for s, want := range map[string]bool{"KH&CN": true, "GD&ĐT": true, "LĐ-TB&XH": true, "S&": false, "&CN": false, "Kh&cn": false, "B2&C3": false, "x&": false} {
		if got := AmpersandCode(s); got != want {
			t.Errorf("AmpersandCode(%q) = %v, want %v", s, got, want)
		}
		if want && Classify(s) != Code {
			t.Errorf("Classify(%q) = %v, want Code", s, Classify(s))
		}
	}
}

func TestQuotesDoNotBreak(t *testing.T) {
	toks := Tokens("mô hình “ba nhà” (nhà nước) Sé@ KH&CN")
	if toks[1].BreakAfter || toks[2].BreakBefore || toks[3].BreakAfter {
		t.Errorf("quotes should not break: %+v", toks[1:4])
	}
	if !toks[4].BreakBefore {
		t.Errorf("a parenthesis should break: %+v", toks[4])
	}
	if toks[6].BreakAfter || toks[7].BreakBefore {
		t.Errorf("an @ left on a word should not break: %+v", toks[6:])
	}
}
