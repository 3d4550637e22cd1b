package export

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser"
)

// benchAgencies is a pool of agency names for synthetic registers.
var benchAgencies = []string{
	"Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế",
	"Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
	"Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Văn phòng UBND tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
	"Ủy ban MTTQ Việt Nam tỉnh", "Các sở, ban, ngành", "UBND các xã, phường", "Bưu điện tỉnh", "Ban Dân tộc",
	"Thanh tra tỉnh", "Ban Quản lý Khu kinh tế tỉnh", "Trường Đại học Khoa học", "Viễn thông tỉnh",
}

// syntheticRegisters makes n registers of tasks tasks each, with texts of
// the genre's lengths.
func syntheticRegisters(n, tasks int) []*parser.Register {
	regs := make([]*parser.Register, n)
	content := strings.Repeat("Triển khai nền tảng số dùng chung, kết nối và chia sẻ dữ liệu ", 3)
	for i := range regs {
		reg := &parser.Register{
			Source: fmt.Sprintf("plans/%04d-KH-UBND.pdf", i),
			Document: parser.Document{Number: fmt.Sprintf("%d/KH-UBND", i+1), Type: "Kế hoạch",
				Issuer: "Ủy ban nhân dân tỉnh Quảng Ngãi", Place: "Quảng Ngãi", Date: "2025-10-29",
				Title: "Thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo"},
			Warnings: []string{fmt.Sprintf("Phụ lục I, dòng %d: cột thời hạn không đọc được", i%10+1)},
		}
		for j := range tasks {
			a := benchAgencies
			reg.Tasks = append(reg.Tasks, parser.Task{
				Appendix: "Phụ lục I", Section: "II. Phát triển hạ tầng số", STT: fmt.Sprint(j + 1),
				Content:  fmt.Sprintf("%s (nhiệm vụ %d.%d)", content, i, j),
				Lead:     []string{a[(i+j)%len(a)]},
				Support:  []string{a[(i+2*j+1)%len(a)], a[(3*i+j+5)%len(a)]},
				Deadline: parser.Deadline{Text: "Quý IV/2025", Kind: "quarter", Due: "2025-12-31"},
				Result:   "Báo cáo kết quả thực hiện",
				Source:   parser.Position{Page: 3 + j/5, Line: 10 + j},
			})
		}
		regs[i] = reg
	}
	return regs
}

// BenchmarkXLSX1000Docs writes 1,000 registers of 10 tasks each to one
// workbook. Peak memory of one run:
//
//	go test -c -o /tmp/export.test ./export
//	/usr/bin/time -v /tmp/export.test -test.run '^$' -test.bench XLSX1000 -test.benchtime 1x
func BenchmarkXLSX1000Docs(b *testing.B) {
	regs := syntheticRegisters(1000, 10)
	opts := testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteXLSX(io.Discard, regs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSV1000Docs writes the same registers as CSV.
func BenchmarkCSV1000Docs(b *testing.B) {
	regs := syntheticRegisters(1000, 10)
	opts := testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCSV(io.Discard, regs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkICS1000Docs writes the same registers as a calendar.
func BenchmarkICS1000Docs(b *testing.B) {
	regs := syntheticRegisters(1000, 10)
	opts := testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteICS(io.Discard, regs, opts); err != nil {
			b.Fatal(err)
		}
	}
}
