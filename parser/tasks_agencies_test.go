package parser

import (
	"reflect"
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
