package geom

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize"
)

// TestFoldWord checks the fast fold against normalize.Fold.
func TestFoldWord(t *testing.T) {
	for _, w := range strings.Fields("Nội dung NHIỆM VỤ Cơ quan chủ trì, phối hợp Thời gian/hoàn thành Ghi chú Đơn vị ĐẦU MỐI Sản phẩm: Tiến độ Quý IV/2025 (tổng hợp) Nô\u0323i") {
		want := strings.Trim(normalize.Fold(w), ".,:;()[]/-–*\"“”' ")
		if got := foldWord(w); got != want {
			t.Errorf("foldWord(%q) = %q, want %q", w, got, want)
		}
	}
}
