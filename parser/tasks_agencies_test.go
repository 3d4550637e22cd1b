package parser

import (
	"reflect"
	"strings"
	"testing"
)

func TestAgenciesStackedOnLines(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []string
	}{
		{"two bodies a line", []string{"Sở Nội vụ\nSở Tài chính"}, []string{"Sở Nội vụ", "Sở Tài chính"}},
		{"group then body", []string{"Văn phòng UBND tỉnh\nCông an tỉnh"}, []string{"Văn phòng UBND tỉnh", "Công an tỉnh"}},
		{"name wrapped after và", []string{"Sở Khoa học và\nCông nghệ"}, []string{"Sở Khoa học và Công nghệ"}},
		{"name wrapped before its place", []string{"Sở Khoa học\nvà Công nghệ"}, []string{"Sở Khoa học và Công nghệ"}},
		{"head alone on a line", []string{"Văn phòng\nUBND tỉnh"}, []string{"Văn phòng UBND tỉnh"}},
		{"group wrapped", []string{"Các sở, ban,\nngành"}, []string{"Các sở, ban, ngành"}},
		{"group wrapped after địa", []string{"Các sở, ngành, địa\nphương"}, []string{"Các sở, ngành, địa phương"}},
		{"cut name completed later", []string{"Sở Khoa học\nCông nghệ"}, []string{"Sở Khoa học Công nghệ"}},
		{"semicolons still split", []string{"Sở Nội vụ;\nSở Y tế"}, []string{"Sở Nội vụ", "Sở Y tế"}},
		{"paragraphs", []string{"Sở Nội vụ", "Sở Y tế"}, []string{"Sở Nội vụ", "Sở Y tế"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := agencies(tt.paras); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("agencies(%q) = %q, want %q", tt.paras, got, tt.want)
			}
		})
	}
}

func TestGarbledCells(t *testing.T) {
	read := Task{STT: "1", Content: "Rà soát, đánh giá tiến độ triển khai KH&CN theo Nghị quyết 57-NQ/TW",
		Lead: []string{"Sở KH&CN"}, Support: []string{"UBND các xã, phường"},
		Deadline: Deadline{Text: "30/11/2025", Kind: "date"}}
	if w := garbledCells("Phụ lục, dòng 1", read); len(w) != 0 {
		t.Errorf("a cleanly read task flagged: %q", w)
	}
	bad := Task{STT: "4", Content: "Pllol h_qp h9an t~hanAh 61; _tlen’ _ frien Kinh tế - xã hội",
		Lead: []string{"Sở KH&CN"}, Support: []string{")S('g K&%‘?N’ HẸN e Ấp 8"},
		Deadline: Deadline{Text: "4511 5055", Kind: "text"}}
	w := garbledCells("Phụ lục, dòng 4", bad)
	want := []string{"nội dung nhiệm vụ", "cơ quan phối hợp", "thời hạn"}
	if len(w) != len(want) {
		t.Fatalf("warnings %q, want one for each of %q", w, want)
	}
	for i, col := range want {
		if !strings.Contains(w[i], "cột "+col+" đọc không rõ") {
			t.Errorf("warning %d = %q, want the column %q", i, w[i], col)
		}
	}
	if w := garbledCells("x", Task{Deadline: Deadline{Text: "Tromg 1200", Kind: "text"}}); len(w) != 1 {
		t.Errorf("a misread deadline not flagged: %q", w)
	}
}

func TestPlaceOf(t *testing.T) {
	tests := map[string]string{
		"Ủy ban nhân dân thành phố Huế":                                      "Huế",
		"Ủy ban nhân dân tỉnh Quảng Ngãi":                                    "Quảng Ngãi",
		"Ủy ban nhân dân Phường 3":                                           "3",
		"Ủy ban nhân dân phường 3":                                           "3",
		"Ban Chỉ đạo Ủy ban nhân dân tỉnh về phát triển khoa học, công nghệ": "",
		"Ban Chỉ đạo tỉnh Quảng Ngãi về chuyển đổi số":                       "Quảng Ngãi",
	}
	for in, want := range tests {
		if got := placeOf(in); got != want {
			t.Errorf("placeOf(%q) = %q, want %q", in, got, want)
		}
	}
}
