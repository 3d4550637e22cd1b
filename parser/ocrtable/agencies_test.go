package ocrtable

import "testing"

func TestTidyAgencies(t *testing.T) {
	cases := []struct{ in, want string }{
		// a neighbour's fragment after a whole name
		{"Sở Tư pháp quận", "Sở Tư pháp"},
		// a group with English-OCR and misrepaired forms, respelled
		{"Céc s6, nganh, dia phuong", "Các sở, ngành, địa phương"},
		{"Cuộc số, ngành, đĩa phường tiện", "Các sở, ngành, địa phương"},
		// "địa" cut from "phương"
		{"Các cơ quan, đơn vị, địa và", "Các cơ quan, đơn vị, địa phương"},
		// a group continued after a semicolon
		{"Các sở, ngành; địa phương", "Các sở, ngành; Địa phương"},
		// a product is not the newspaper "Báo"
		{"Sở Y tế; Báo cáo kết quả", "Sở Y tế"},
		// punctuation debris inside a name
		{"Sở Tài chính . ", "Sở Tài chính"},
		// nothing to change
		{"Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"},
		{"Đảng ủy, HĐND, UBND cấp xã", "Đảng ủy, HĐND, UBND cấp xã"},
	}
	for _, c := range cases {
		if got := tidyAgencies(c.in); got != c.want {
			t.Errorf("tidyAgencies(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
