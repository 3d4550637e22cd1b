package parser

import (
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

func TestPageList(t *testing.T) {
	for _, c := range []struct {
		pages []int
		want  string
	}{
		{[]int{3}, "trang 3"},
		{[]int{1, 2, 3, 4, 5}, "trang 1–5"},
		{[]int{1, 3}, "trang 1, 3"},
	} {
		if got := pageList(c.pages); got != c.want {
			t.Errorf("pageList(%v) = %q, want %q", c.pages, got, c.want)
		}
	}
}

// TestForeignOCR: a text layer made by English-model OCR of Vietnamese is
// told from a Vietnamese one, and from a page of figures.
func TestForeignOCR(t *testing.T) {
	page := func(lines ...string) layout.Page {
		var p layout.Page
		for _, l := range lines {
			p.Lines = append(p.Lines, layout.Line{Text: l})
		}
		return p
	}
	english := page("Ra sodt, danh gia tién do trién khai cic nhiém vu",
		"chuyén doi so, phat trien KH&CN, déi mdi sang tao",
		"tai cac co quan, don vi, dia phuong; tong hgp, bao cdo UBND thanh pho",
		"Hoan thién ha tang ky thudt, hang thiét bi, nhan lyc, an toan théng tin")
	if !foreignOCR(english) {
		t.Error("English-model OCR of Vietnamese not recognised")
	}
	vietnamese := page("Rà soát, đánh giá tiến độ triển khai các nhiệm vụ",
		"chuyển đổi số, phát triển KH&CN, đổi mới sáng tạo",
		"tại các cơ quan, đơn vị, địa phương; tổng hợp, báo cáo UBND thành phố")
	if foreignOCR(vietnamese) {
		t.Error("Vietnamese text taken for English-model OCR")
	}
	if foreignOCR(page("2025", "30/11/2025 31/12/2025")) {
		t.Error("figures taken for English-model OCR")
	}
}
