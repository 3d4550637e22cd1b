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
		// a comma misread as a full stop between two nouns
		{"Các SO’. ngành; đĩa phường", "Các sở, ngành; địa phương"},
		// a group continued after a semicolon
		{"Các sở, ngành; địa phương", "Các sở, ngành; địa phương"},
		// one misread letter in a noun's second word
		{"So, nganh, dia phuong lién guan", "Sở, ngành, địa phương liên quan"},
		// a product is not the newspaper "Báo"
		{"Sở Y tế; Báo cáo kết quả", "Sở Y tế"},
		// punctuation debris inside a name
		{"Sở Tài chính . ", "Sở Tài chính"},
		// local government kinds go on a list after its comma
		{"UBND các huyện, thị xã, thành phố hiệu", "UBND các huyện, thị xã, thành phố"},
		{"UBND các quận, huyện", "UBND các quận, huyện"},
		// a stray symbol glued to the head
		{"Sở@ Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"},
		// nothing to change
		{"Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"},
		{"UBND thành phố", "UBND thành phố"},
		{"Đảng ủy, HĐND, UBND cấp xã", "Đảng ủy, HĐND, UBND cấp xã"},
	}
	for _, c := range cases {
		if got := tidyAgencies(c.in); got != c.want {
			t.Errorf("tidyAgencies(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAgencies(t *testing.T) {
	in := "Cuộc số, ban, ngành là thành viên Ban Chỉ đạo; các cơ quan, đơn vì liên quan"
	want := "Các sở, ban, ngành là thành viên Ban Chỉ đạo; các cơ quan, đơn vị liên quan"
	if got := Agencies(in); got != want {
		t.Errorf("Agencies(%q) = %q, want %q", in, got, want)
	}
}

func TestSpillContent(t *testing.T) {
	kept, spilled, _ := spillContent([]string{"Rà soát quy trình, bảo đảm tiến độ", "và hiệu quả.", "phương; Sở Y tế"})
	if len(kept) != 2 || len(spilled) != 1 || spilled[0] != "phương; Sở Y tế" {
		t.Errorf("lower-case text after the last sentence: kept %q, spilled %q", kept, spilled)
	}
	kept, spilled, _ = spillContent([]string{"Rà soát quy trình. Ngũ phương"})
	if kept[0] != "Rà soát quy trình." || len(spilled) != 1 {
		t.Errorf("short tail after the full stop: kept %q, spilled %q", kept, spilled)
	}
	// a full stop that is noise, and a new sentence, stay content
	kept, spilled, _ = spillContent([]string{"Rà soát quy trình nh}r .", "các thủ tục. Tổ chức thực hiện", "theo quy định"})
	if len(kept) != 3 || len(spilled) != 0 {
		t.Errorf("content cut: kept %q, spilled %q", kept, spilled)
	}
	kept, spilled, _ = spillContent([]string{"Triển khai tại các trung tâm cấp tỉnh, cấp xã Công nghệ phòng"})
	if kept[0] != "Triển khai tại các trung tâm cấp tỉnh, cấp xã" || len(spilled) != 1 {
		t.Errorf("name's end after the content: kept %q, spilled %q", kept, spilled)
	}
	kept, _, _ = spillContent([]string{"Phối hợp với Sở Khoa học và Công nghệ, các địa phương"})
	if kept[0] != "Phối hợp với Sở Khoa học và Công nghệ, các địa phương" {
		t.Errorf("content cut: %q", kept)
	}
	kept, spilled, _ = spillContent([]string{"Cung cấp học liệu để người dân", "tham gia học tập. sở, ngành, địa [Thường xuyên"})
	if len(kept) != 2 || kept[1] != "tham gia học tập." || len(spilled) != 1 {
		t.Errorf("lower case after a full stop inside a line: kept %q, spilled %q", kept, spilled)
	}
	if got := dropNoiseRuns("minh chứng p‘ © ., s, trên hệ thống y tế"); got != "minh chứng trên hệ thống y tế" {
		t.Errorf("dropNoiseRuns = %q", got)
	}
}

func TestHeaderEndsAtFirstSection(t *testing.T) {
	lines := []string{"STT Nội dung, nhiệm vụ Đơn vị thực hiện |Đơn vị phối hợp hoàn thành", "NHIỆM VỤ CHUNG", "1 Rà soát quy trình | Sở Y tế | 2025"}
	defer func(v bool) { splitFirstSection = v }(splitFirstSection)
	splitFirstSection = true
	if _, end, ok := findHeader(lines, 0); !ok || end != 1 {
		t.Errorf("header end = %d, %v; want 1, true", end, ok)
	}
}

func FuzzContentAndAgencies(f *testing.F) {
	for _, s := range []string{"Rà soát. phương Công nghệ", "a. b c Công nghệ x", "Các sở, , ngành; địa", "S& Xay dung quan", "x . y. z"} {
		f.Add(s, "tiếp theo. sở")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		kept, spilled, from := spillContent([]string{a, b})
		if len(spilled) != len(from) || len(kept) > 2 {
			t.Fatalf("spillContent(%q, %q) = %q, %q, %v", a, b, kept, spilled, from)
		}
		tidyAgencies(a)
		Agencies(b)
		dropNoiseRuns(a)
	})
}
