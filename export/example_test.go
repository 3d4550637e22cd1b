package export_test

import (
	"fmt"
	"strings"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/parser"
)

// A register as CSV: one row per task, agencies joined with "; ", the
// deadline's kind in Vietnamese, the due date in ISO form.
func ExampleWriteCSV() {
	reg := &parser.Register{
		Source: "plans/12-KH-UBND.pdf",
		Tasks: []parser.Task{{
			Appendix: "Phụ lục I", STT: "1", Content: `Xây dựng "Quy chế", trình UBND tỉnh`,
			Lead: []string{"Sở KH&CN"}, Support: []string{"Các sở, ban, ngành", "UBND các xã, phường"},
			Deadline: parser.Deadline{Text: "Quý IV/2025", Kind: "quarter", Due: "2025-12-31"},
		}},
	}
	opts := export.DefaultOptions()
	opts.BOM = false
	var out strings.Builder
	if err := export.WriteCSV(&out, []*parser.Register{reg}, opts); err != nil {
		fmt.Println(err)
	}
	// Records end with CRLF; shown here with LF.
	fmt.Print(strings.ReplaceAll(out.String(), "\r\n", "\n"))
	// Output:
	// Nguồn,Phụ lục,Mục,STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn,Hạn hoàn thành,Loại thời hạn,Sản phẩm,Ghi chú
	// plans/12-KH-UBND.pdf,Phụ lục I,,1,"Xây dựng ""Quy chế"", trình UBND tỉnh",Sở KH&CN,"Các sở, ban, ngành; UBND các xã, phường",Quý IV/2025,2025-12-31,quý,,
}

// The output format of a file name, as -o picks it.
func ExampleFormatFromPath() {
	for _, name := range []string{"register.xlsx", "lich.ics", "notes.txt"} {
		format, ok := export.FormatFromPath(name)
		fmt.Println(name, format, ok)
	}
	// Output:
	// register.xlsx xlsx true
	// lich.ics ics true
	// notes.txt  false
}
