package export

import (
	"bytes"
	"testing"

	"github.com/kehoach/kehoach/parser"
)

func sampleRegister() *parser.Register {
	return &parser.Register{
		Source: "plans/458-KH-UBND.pdf",
		Document: parser.Document{Number: "458/KH-UBND", Type: "Kế hoạch", Issuer: "Ủy ban nhân dân thành phố Huế",
			Place: "Huế", Date: "2025-11-25", Title: "Triển khai Kế hoạch số 02-KH/TU", Signer: "Nguyễn Thanh Bình"},
		Tasks: []parser.Task{{
			Appendix: "Phụ lục", Section: "I. Công tác chỉ đạo", STT: "1", Content: "Rà soát: \"một cửa\", báo cáo",
			Lead: []string{"Sở KH&CN"}, Support: []string{"Các sở, ban, ngành", "UBND các xã, phường"},
			Deadline: parser.Deadline{Text: "Tháng 11/2025", Kind: "month", Due: "2025-11-30"},
			Source:   parser.Position{Page: 1, Line: 14},
		}, {STT: "2", Content: "Không có cơ quan", Lead: []string{}, Support: []string{}}},
		Warnings: []string{"Phụ lục, dòng 2: cột cơ quan chủ trì không đọc được"},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, n := range []int{1, 2} {
		var regs []*parser.Register
		for i := 0; i < n; i++ {
			regs = append(regs, sampleRegister())
		}
		for name, write := range map[string]func(*bytes.Buffer, []*parser.Register) error{
			"yaml": func(b *bytes.Buffer, r []*parser.Register) error { return WriteYAML(b, r) },
			"json": func(b *bytes.Buffer, r []*parser.Register) error { return WriteJSON(b, r) },
		} {
			var first bytes.Buffer
			if err := write(&first, regs); err != nil {
				t.Fatal(err)
			}
			back, err := ReadRegisters(bytes.NewReader(first.Bytes()), "x")
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, first.String())
			}
			if len(back) != n {
				t.Fatalf("%s: read %d registers, want %d", name, len(back), n)
			}
			var second bytes.Buffer
			if err := write(&second, back); err != nil {
				t.Fatal(err)
			}
			if first.String() != second.String() {
				t.Errorf("%s round trip differs:\n%s\n---\n%s", name, first.String(), second.String())
			}
		}
	}
}
