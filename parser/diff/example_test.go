package diff_test

import (
	"fmt"
	"os"

	"github.com/kehoach/kehoach/parser"
	"github.com/kehoach/kehoach/parser/diff"
)

// Two versions of a plan: rows reordered and renumbered, one task
// re-dated, one reworded, one dropped, one added.
func ExampleCompare() {
	old := &parser.Register{Source: "v1.yaml", Tasks: []parser.Task{
		{STT: "1", Content: "Ban hành quy chế quản lý cổng thông tin điện tử", Lead: []string{"Văn phòng UBND"},
			Deadline: parser.Deadline{Text: "30/11/2025", Kind: "date", Due: "2025-11-30"}},
		{STT: "2", Content: "Tập huấn kỹ năng số cho cán bộ cấp xã", Lead: []string{"Sở Nội vụ"}},
		{STT: "3", Content: "Số hóa hồ sơ thủ tục hành chính còn hiệu lực", Lead: []string{"Sở KH&CN"}},
	}}
	new := &parser.Register{Source: "v2.yaml", Tasks: []parser.Task{
		{STT: "1", Content: "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã", Lead: []string{"Sở Nội vụ"}},
		{STT: "2", Content: "Ban hành quy chế quản lý cổng thông tin điện tử", Lead: []string{"Văn phòng UBND"},
			Deadline: parser.Deadline{Text: "15/12/2025", Kind: "date", Due: "2025-12-15"}},
		{STT: "3", Content: "Triển khai nền tảng họp trực tuyến đến cấp xã", Lead: []string{"Sở KH&CN"}},
	}}
	res := diff.Compare(old, new, diff.Options{})
	fmt.Println("differs:", res.Differs())
	diff.WriteText(os.Stdout, res, false)
	// Output:
	// differs: true
	// v1.yaml → v2.yaml: 2 thay đổi, 1 thêm, 1 bỏ, 0 giữ nguyên
	// ~ 2→1  Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã
	//     nội dung: {+Tổ chức+} tập huấn kỹ năng số cho cán bộ, {+công chức+} cấp xã
	// ~ 1→2  Ban hành quy chế quản lý cổng thông tin điện tử
	//     thời hạn: 30/11/2025 → 15/12/2025 (muộn hơn 15 ngày)
	// - 3  Số hóa hồ sơ thủ tục hành chính còn hiệu lực  [Sở KH&CN]
	// + 3  Triển khai nền tảng họp trực tuyến đến cấp xã  [Sở KH&CN]
}
