package agency

import (
	"strings"
	"testing"
)

// Cells as printed in plans of the genre (seeds 001–004 appendix tables and
// body lists, and more in their style).
func TestSplit(t *testing.T) {
	tests := []struct {
		paras []string
		want  string // agencies joined by " | "
	}{
		{[]string{"Sở KH&CN"}, "Sở KH&CN"},
		{[]string{"Các sở, ban, ngành; UBND các xã, phường"}, "Các sở, ban, ngành | UBND các xã, phường"},
		{[]string{"Văn phòng UBND thành phố"}, "Văn phòng UBND thành phố"},
		{[]string{"Sở KH&CN; UBND các xã, phường"}, "Sở KH&CN | UBND các xã, phường"},
		{[]string{"Văn phòng UBND thành phố; các cơ quan, đơn vị liên quan"}, "Văn phòng UBND thành phố | các cơ quan, đơn vị liên quan"},
		{[]string{"Sở Kế hoạch và Đầu tư; Hiệp hội doanh nghiệp; các viện, trường"}, "Sở Kế hoạch và Đầu tư | Hiệp hội doanh nghiệp | các viện, trường"},
		{[]string{"Sở KH&CN; các sở, ban, ngành, UBND xã, phường"}, "Sở KH&CN | các sở, ban, ngành | UBND xã, phường"},
		{[]string{"Sở KH&CN (tổng hợp)"}, "Sở KH&CN (tổng hợp)"},
		{[]string{"Văn phòng UBND thành phố; Sở Tài chính"}, "Văn phòng UBND thành phố | Sở Tài chính"},
		{[]string{"Văn phòng Thành ủy, Sở Khoa học và Công nghệ"}, "Văn phòng Thành ủy | Sở Khoa học và Công nghệ"},
		{[]string{"Các sở, ban, ngành"}, "Các sở, ban, ngành"},
		{[]string{"Các cơ quan, đơn vị, địa\nphương"}, "Các cơ quan, đơn vị, địa phương"},
		{[]string{"Văn phòng Thành ủy, Các cơ quan, đơn\nvị liên quan"}, "Văn phòng Thành ủy | Các cơ quan, đơn vị liên quan"},
		{[]string{"Văn phòng Thành ủy, Văn phòng HĐND thành phố, Văn phòng UBND thành phố, UBMTTQ thành phố; Đảng ủy, HĐND, UBND, UBMTTQ cấp xã."},
			"Văn phòng Thành ủy | Văn phòng HĐND thành phố | Văn phòng UBND thành phố | UBMTTQ thành phố | Đảng ủy, HĐND, UBND, UBMTTQ cấp xã"},
		{[]string{"UBND các xã, phường,\nđặc khu"}, "UBND các xã, phường, đặc khu"},
		{[]string{"Sở Tài chính; Sở\nNội vụ; Sở Khoa\nhọc và Công nghệ."}, "Sở Tài chính | Sở Nội vụ | Sở Khoa học và Công nghệ"},
		{[]string{"Văn phòng UBND thành phố (Trung tâm Phục vụ hành chính công thành phố), Công an thành phố."},
			"Văn phòng UBND thành phố (Trung tâm Phục vụ hành chính công thành phố) | Công an thành phố"},
		{[]string{"Các sở, ngành; địa phương"}, "Các sở, ngành | địa phương"},
		{[]string{"Sở Nội vụ, Công an tỉnh, Thành viên Ban Chỉ đạo, các Tổ giúp việc Ban Chỉ đạo"},
			"Sở Nội vụ | Công an tỉnh | Thành viên Ban Chỉ đạo | các Tổ giúp việc Ban Chỉ đạo"},
		{[]string{"Các sở, ban, ngành là thành viên Ban Chỉ đạo; Tổ Giúp việc Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số; các cơ quan, đơn vị có liên quan"},
			"Các sở, ban, ngành là thành viên Ban Chỉ đạo | Tổ Giúp việc Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số | các cơ quan, đơn vị có liên quan"},
		{[]string{"Các sở, ban, ngành; UBND các xã, phường, đặc khu; các cơ quan, đơn vị có liên quan"},
			"Các sở, ban, ngành | UBND các xã, phường, đặc khu | các cơ quan, đơn vị có liên quan"},
		{[]string{"Sở Văn hóa, Thể thao và Du lịch; Sở Công Thương"}, "Sở Văn hóa, Thể thao và Du lịch | Sở Công Thương"},
		{[]string{"Sở Văn hóa, Thể thao và Du lịch, Sở Y tế"}, "Sở Văn hóa, Thể thao và Du lịch | Sở Y tế"},
		{[]string{"Công an tỉnh; Văn phòng UBND tỉnh; Sở Khoa học và Công nghệ"}, "Công an tỉnh | Văn phòng UBND tỉnh | Sở Khoa học và Công nghệ"},
		{[]string{"Sở, ban, ngành có liên quan; UBND cấp xã"}, "Sở, ban, ngành có liên quan | UBND cấp xã"},
		{[]string{"Văn phòng UBND tỉnh; Sở Nội vụ; Sở Tài chính"}, "Văn phòng UBND tỉnh | Sở Nội vụ | Sở Tài chính"},
		{[]string{"Sở Công Thương; Cty Điện lực Quảng Ngãi"}, "Sở Công Thương | Cty Điện lực Quảng Ngãi"},
		{[]string{"Các Doanh nghiệp viễn thông; UBND cấp xã"}, "Các Doanh nghiệp viễn thông | UBND cấp xã"},
		{[]string{"Các cơ quan chủ trì quản lý, vận hành các nền tảng số, hệ thống thông tin, cơ sở dữ liệu"},
			"Các cơ quan chủ trì quản lý, vận hành các nền tảng số, hệ thống thông tin, cơ sở dữ liệu"},
		{[]string{"Sở Khoa học và Công nghệ", "Sở Tài chính"}, "Sở Khoa học và Công nghệ | Sở Tài chính"},
		{[]string{"- Sở Tư pháp;", "- Sở Nội vụ."}, "Sở Tư pháp | Sở Nội vụ"},
		{[]string{"BQL KKT Dung Quất; UBND cấp tỉnh"}, "BQL KKT Dung Quất | UBND cấp tỉnh"},
		{[]string{"Sở Tài chính, các cơ quan liên quan"}, "Sở Tài chính | các cơ quan liên quan"},
		{[]string{"Cục Thuế tỉnh, Kho bạc Nhà nước tỉnh"}, "Cục Thuế tỉnh | Kho bạc Nhà nước tỉnh"},
		{[]string{"Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Ngãi"}, "Đài Phát thanh và Truyền hình tỉnh | Báo Quảng Ngãi"},
		{[]string{"Sở Giáo dục và Đào tạo, các trường đại học, cao đẳng"}, "Sở Giáo dục và Đào tạo | các trường đại học, cao đẳng"},
		{[]string{"Ban Tuyên giáo và Dân vận Tỉnh ủy, Sở Văn hóa, Thể thao và Du lịch"}, "Ban Tuyên giáo và Dân vận Tỉnh ủy | Sở Văn hóa, Thể thao và Du lịch"},
		{[]string{"Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh"}, "Tỉnh đoàn | Hội Liên hiệp Phụ nữ tỉnh"},
		{[]string{"UBND tỉnh"}, "UBND tỉnh"},
		{[]string{"Các Sở, Ban, Ngành"}, "Các Sở, Ban, Ngành"},
		{[]string{"Sở Y tế, Bảo hiểm xã hội tỉnh"}, "Sở Y tế | Bảo hiểm xã hội tỉnh"},
		{[]string{"So Khoa hoc va Cong nghe; Cac so, nganh, dia phuong"}, "So Khoa hoc va Cong nghe | Cac so, nganh, dia phuong"},
		{[]string{""}, ""},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d cells", len(tests))
	}
	for _, tt := range tests {
		got := strings.Join(Split(tt.paras), " | ")
		if got != tt.want {
			t.Errorf("Split(%q)\n got %q\nwant %q", tt.paras, got, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	const hue = "Ủy ban nhân dân thành phố Huế"
	const qng = "Ủy ban nhân dân tỉnh Quảng Ngãi"
	const hp = "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thành phố Hải Phòng"
	tests := []struct{ name, issuer, want string }{
		{"Sở KH&CN", hue, "Sở Khoa học và Công nghệ"},
		{"Sở Khoa học và Công nghệ", hue, "Sở Khoa học và Công nghệ"},
		{"Sở KHCN", qng, "Sở Khoa học và Công nghệ"},
		{"Sở KH&CN (tổng hợp)", hue, "Sở Khoa học và Công nghệ"},
		{"So Khoa hoc va Cong nghe", qng, "Sở Khoa học và Công nghệ"},
		{"S& Khoa hoc va Cong nghé", qng, "Sở Khoa học và Công nghệ"},
		{"Sở Thông tin và Truyền thông", qng, "Sở Khoa học và Công nghệ"},
		{"Sở TT&TT", qng, "Sở Khoa học và Công nghệ"},
		{"Sở Kế hoạch và Đầu tư", hue, "Sở Tài chính"},
		{"Sở KH&ĐT", hue, "Sở Tài chính"},
		{"Sở LĐ-TB&XH", qng, "Sở Nội vụ"},
		{"Sở Lao động - Thương binh và Xã hội", qng, "Sở Nội vụ"},
		{"Sở NN&PTNT", qng, "Sở Nông nghiệp và Môi trường"},
		{"Sở TN&MT", qng, "Sở Nông nghiệp và Môi trường"},
		{"Sở GTVT", qng, "Sở Xây dựng"},
		{"Sở VH-TT&DL", qng, "Sở Văn hóa, Thể thao và Du lịch"},
		{"Sở GD&ĐT", qng, "Sở Giáo dục và Đào tạo"},
		{"Sở Văn hoá, Thể thao và Du lịch", qng, "Sở Văn hóa, Thể thao và Du lịch"},
		{"Bộ TT&TT", qng, "Bộ Khoa học và Công nghệ"},
		{"Bộ Kế hoạch và Đầu tư", qng, "Bộ Tài chính"},
		{"UBND tỉnh", qng, "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"Uỷ ban nhân dân tỉnh", qng, "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"Văn phòng UBND thành phố", hue, "Văn phòng Ủy ban nhân dân thành phố Huế"},
		{"Văn phòng UBND tỉnh", qng, "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"VPUB", qng, "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"Công an tỉnh", qng, "Công an tỉnh Quảng Ngãi"},
		{"Công an thành phố", hp, "Công an thành phố Hải Phòng"},
		{"Văn phòng Thành ủy", hp, "Văn phòng Thành ủy Hải Phòng"},
		{"UBND thành phố", qng, "Ủy ban nhân dân thành phố"},
		{"UBND cấp tỉnh", qng, "Ủy ban nhân dân cấp tỉnh"},
		{"Các sở, ban, ngành", hue, "Các sở, ban, ngành"},
		{"các sở, ban, ngành", hue, "Các sở, ban, ngành"},
		{"UBND các xã, phường", hue, "Ủy ban nhân dân các xã, phường"},
		{"HĐND, UBND, UBMTTQ cấp xã", hp, "Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc cấp xã"},
		{"BCH Quân sự tỉnh", qng, "Bộ Chỉ huy Quân sự tỉnh Quảng Ngãi"},
		{"Văn phòng Đoàn ĐBQH và HĐND tỉnh", qng, "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Quảng Ngãi"},
		{"Văn phòng HĐND tỉnh", qng, "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Quảng Ngãi"},
		{"Ban Dân tộc tỉnh", qng, "Sở Dân tộc và Tôn giáo"},
		{"UBMTTQ thành phố", hp, "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hải Phòng"},
		{"Thanh tra tỉnh", qng, "Thanh tra tỉnh Quảng Ngãi"},
		{"Sở Công thương", qng, "Sở Công Thương"},
		{"Hiệp hội doanh nghiệp", hue, "Hiệp hội doanh nghiệp"},
		{"UBND tỉnh", "", "Ủy ban nhân dân tỉnh"},
		{"UBND tỉnh", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"Sở Tư pháp", qng, "Sở Tư pháp"},
	}
	l := Default()
	for _, tt := range tests {
		if got := l.Canonical(tt.name, tt.issuer); got != tt.want {
			t.Errorf("Canonical(%q, %q) = %q, want %q", tt.name, tt.issuer, got, tt.want)
		}
	}
}

func TestPlace(t *testing.T) {
	tests := []struct{ issuer, level, place string }{
		{"Ủy ban nhân dân tỉnh Quảng Ngãi", "tỉnh", "Quảng Ngãi"},
		{"UBND thành phố Huế", "thành phố", "Huế"},
		{"Thành ủy Hải Phòng", "thành phố", "Hải Phòng"},
		{"Ban Chỉ đạo của Ủy ban nhân dân tỉnh Quảng Ngãi về phát triển khoa học", "tỉnh", "Quảng Ngãi"},
		{"Bộ Khoa học và Công nghệ", "", ""},
	}
	for _, tt := range tests {
		l, p := Place(tt.issuer)
		if l != tt.level || p != tt.place {
			t.Errorf("Place(%q) = %q, %q; want %q, %q", tt.issuer, l, p, tt.level, tt.place)
		}
	}
}

func TestLooks(t *testing.T) {
	yes := []string{"Sở KH&CN", "Các sở, ban, ngành; UBND các xã, phường", "Văn phòng UBND thành phố",
		"Cac so, nganh, dia phuong", "So Khoa hoc va Cong nghe", "Công an tỉnh", "UBND cấp xã",
		"Sở Kế hoạch và Đầu tư; Hiệp hội doanh nghiệp; các viện, trường"}
	no := []string{"Tháng 11/2025", "Rà soát, đánh giá tiến độ triển khai các nhiệm vụ chuyển đổi số",
		"Kế hoạch được ban hành", "Thường xuyên", ""}
	for _, s := range yes {
		if !Looks(s) {
			t.Errorf("Looks(%q) = false", s)
		}
	}
	for _, s := range no {
		if Looks(s) {
			t.Errorf("Looks(%q) = true", s)
		}
	}
}

func TestBuiltinKeys(t *testing.T) {
	// Every known name is a whole name: no fragment of a list split at a
	// comma by mistake.
	for k, v := range Default().canon {
		if len(strings.Fields(k)) < 2 && strings.ToUpper(k) != k && !abbrevKey(k) {
			t.Errorf("built-in lexicon key %q (for %q) is a fragment", k, v)
		}
	}
	if Default().Known("công nghệ") {
		t.Error("a fragment is known")
	}
}

// abbrevKey reports whether a one-word key is an abbreviation (no vowel
// run of a Vietnamese syllable).
func abbrevKey(k string) bool {
	return !strings.ContainsAny(k[1:], "aeiouy") || len(k) >= 4 && !strings.ContainsAny(k, "aeo")
}

func TestComplete(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Các sở, ngành, địa", "Các sở, ngành, địa phương"},
		{"Cac so, nganh, dia", "Cac so, nganh, dia phương"},
		{"S& Khoa hoc va", "S& Khoa hoc va Công nghệ"},
		{"Sở Khoa học", "Sở Khoa học và Công nghệ"},
		{"Cac co quan, don vi, dia", "Cac co quan, don vi, dia phương"},
		{"Sở Tư pháp", "Sở Tư pháp"},
		{"Văn phòng", "Văn phòng"},
		{"Các cơ quan, đơn", "Các cơ quan, đơn"},
		{"Các sở, ban, ngành", "Các sở, ban, ngành"},
		{"Sở Giáo dục", "Sở Giáo dục và Đào tạo"},
	}
	for _, tt := range tests {
		if got := Complete(tt.in); got != tt.want {
			t.Errorf("Complete(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	l := New()
	err := l.Load(strings.NewReader(`
Trung tâm Chuyển đổi số tỉnh: [TT CĐS, Trung tâm CĐS]
Sở Khoa học và Công nghệ:
  aliases: [Sở KHCN&ĐMST]
  formerly: [Sở Bưu chính]
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Canonical("TT CĐS", "Ủy ban nhân dân tỉnh Quảng Ngãi"); got != "Trung tâm Chuyển đổi số tỉnh Quảng Ngãi" {
		t.Errorf("user alias: %q", got)
	}
	if got := l.Canonical("Sở Bưu chính", ""); got != "Sở Khoa học và Công nghệ" {
		t.Errorf("user former name: %q", got)
	}
	if s, ok := l.Successor("Sở Bưu chính"); !ok || s != "Sở Khoa học và Công nghệ" {
		t.Errorf("Successor = %q, %v", s, ok)
	}
	if Default().Known("TT CĐS") {
		t.Error("Load changed the built-in lexicon")
	}
	if err := New().Load(strings.NewReader("- a\n- b\n")); err == nil {
		t.Error("a list loaded without error")
	}
}

func BenchmarkCanonical(b *testing.B) {
	l := Default()
	for b.Loop() {
		l.Canonical("Văn phòng UBND thành phố", "Ủy ban nhân dân thành phố Huế")
	}
}

func FuzzAgency(f *testing.F) {
	for _, s := range []string{"Sở KH&CN; các sở, ban, ngành, UBND xã, phường", "Văn phòng Thành ủy, Sở Khoa học và Công nghệ",
		"Cac so, nganh, dia", "UBND tỉnh (tổng hợp)", "S& Khoa hoc va", ", ; ,", "HĐND, UBND, UBMTTQ cấp xã"} {
		f.Add(s, "Ủy ban nhân dân tỉnh Quảng Ngãi")
	}
	f.Fuzz(func(t *testing.T, s, issuer string) {
		a := Split([]string{s})
		b := Split([]string{s})
		if strings.Join(a, "\x00") != strings.Join(b, "\x00") {
			t.Fatal("Split not deterministic")
		}
		for _, x := range a {
			if x == "" {
				t.Fatal("empty agency")
			}
		}
		l := Default()
		if l.Canonical(s, issuer) != l.Canonical(s, issuer) || Complete(s) != Complete(s) {
			t.Fatal("not deterministic")
		}
		Looks(s)
		Joins(s, issuer)
	})
}
