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

func TestJoinLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nghị định 118/2025/NĐ-\nCP", "Nghị định 118/2025/NĐ-CP"},
		{"Sở KH&CN; các\nsở, ban, ngành", "Sở KH&CN; các sở, ban, ngành"},
		{"Nhà nước -\nNhà khoa học", "Nhà nước - Nhà khoa học"},
		{"  a  \n\n  b ", "a b"},
		{"31/12/202\n6", "31/12/2026"},
		{"Trước ngày 30/6/20\n26", "Trước ngày 30/6/2026"},
		{"Tháng 12/2\n025", "Tháng 12/2025"},
		{"năm 2025\n26 xã", "năm 2025 26 xã"},
		{"ngày 30/6/2026\n15 ngày", "ngày 30/6/2026 15 ngày"},
		{"tỷ lệ 1/3\n20 đơn vị", "tỷ lệ 1/3 20 đơn vị"},
		{"30/6/202\n6/7", "30/6/202 6/7"},
	}
	for _, tt := range tests {
		if got := JoinLines(tt.in); got != tt.want {
			t.Errorf("JoinLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripMarkup(t *testing.T) {
	if got := StripMarkup("**KẾ HOẠCH** và *một* ghi chú*"); got != "KẾ HOẠCH và một ghi chú*" {
		t.Errorf("StripMarkup = %q", got)
	}
}
