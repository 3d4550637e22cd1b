package normalize

import "testing"

func TestSetTone(t *testing.T) {
	tests := []struct{ in, neu, old string }{
		{"hòa", "hòa", "hoà"},
		{"hoà", "hòa", "hoà"},
		{"Thuỷ lợi", "Thủy lợi", "Thuỷ lợi"},
		{"ỦY BAN", "ỦY BAN", "UỶ BAN"},
		{"khỏe", "khỏe", "khoẻ"},
		{"quý", "quý", "quý"},
		{"hoàng", "hoàng", "hoàng"},
		{"thuyết", "thuyết", "thuyết"},
		{"số hóa", "số hóa", "số hoá"},
		{"57-NQ/TW", "57-NQ/TW", "57-NQ/TW"},
	}
	for _, tt := range tests {
		if got := SetTone(tt.in, ToneNew); got != tt.neu {
			t.Errorf("SetTone(%+q, new) = %+q, want %+q", tt.in, got, tt.neu)
		}
		if got := SetTone(tt.in, ToneOld); got != tt.old {
			t.Errorf("SetTone(%+q, old) = %+q, want %+q", tt.in, got, tt.old)
		}
	}
}

func TestFold(t *testing.T) {
	if got := Fold("Ủy ban  nhân dân ĐỒNG"); got != "uy ban nhan dan dong" {
		t.Errorf("Fold = %q", got)
	}
}
