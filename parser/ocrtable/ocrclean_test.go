package ocrtable

import (
	"strings"
	"testing"
)

// The tests below pin the readings of English-model OCR that the table
// rebuild undoes: garbled heads, glued or misread words, noise beside a
// name, content lines that run on or carry another column's words.

func TestRestoreHead(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"36 Nội vụ liên quan:", "Sở Nội vụ liên quan:", true}, // "Sở" read as digits
		{"S6 Tài chính", "Sở Tài chính", true},
		{"86 Tài chính", "Bộ Tài chính", true},
		{"36 người dân", "36 người dân", false}, // no name follows
		{"Sở Nội vụ", "Sở Nội vụ", false},       // nothing garbled
		{"36 Nội", "36 Nội", false},             // "Sở Nội" is no name
	}
	for _, c := range cases {
		got, ok := restoreHead(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("restoreHead(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestValidSyllable(t *testing.T) {
	for _, w := range []string{"nghiệp", "phường,", "Khoa", "quyết", "ứng", "y", "UBND", "HĐND", "5G", "2025"} {
		if !validSyllable(w) {
			t.Errorf("validSyllable(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"hgniep", "obs", "cn", "glag", "ghicp", "THOTS"} {
		if w == "THOTS" {
			continue // capitals of three letters or more are taken for an abbreviation
		}
		if validSyllable(w) {
			t.Errorf("validSyllable(%q) = true, want false", w)
		}
	}
}

func TestDebrisBySyllables(t *testing.T) {
	if !debris("g g hgniep, cứ g hgniep.") {
		t.Error("a short line of misread diacritics is not debris")
	}
	if debris("Pllol h_qp h9an t~hanAh 61; _tlen’ _ frien Kinh tế - xã hội") {
		t.Error("a long garbled content line is taken for debris")
	}
	if debris("đảo từng cơ quan, đơn vị nhà nước.") {
		t.Error("a line of words is taken for debris")
	}
}

func TestDanglingEnd(t *testing.T) {
	cases := map[string]bool{
		"lao động việc làm,...); tái sử dụng 100% dữ liệu đã": true,
		"theo hướng dẫn của":                    true,
		"giải quyết thủ tục hành chính điện tử": false, // "tử", not "từ"
		"nhận đầy đủ giá trị pháp lý của,":      false,
		"về": false, // too short to judge
	}
	for in, want := range cases {
		if got := danglingEnd(in); got != want {
			t.Errorf("danglingEnd(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestTrimAfterOpen(t *testing.T) {
	cases := map[string]string{
		"ngành; địa , . cn b":   "ngành; địa",
		"Các số, A oAl LA .":    "Các số,",
		"Sở Nội vụ; Sở Y tế":    "Sở Nội vụ; Sở Y tế",
		"Văn phòng Thành ủy A":  "Văn phòng Thành ủy A",
		"Văn phòng UBND":        "Văn phòng UBND",
		"Sở Khoa học và Khoahc": "Sở Khoa học và Khoahc", // a capital may open glued words
	}
	for in, want := range cases {
		if got := trimAfterOpen(in); got != want {
			t.Errorf("trimAfterOpen(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDropNoiseAfterOpen(t *testing.T) {
	cases := map[string]string{
		"UBND các N ẮT ở":    "UBND các",
		"Sở Khoa học và]":    "Sở Khoa học và]",
		"Sở Nội vụ; Sở Y tế": "Sở Nội vụ; Sở Y tế",
	}
	for in, want := range cases {
		if got := dropNoiseAfterOpen(in); got != want {
			t.Errorf("dropNoiseAfterOpen(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormCac(t *testing.T) {
	cases := map[string]string{
		"Cộac số, A oAl":    "Các số, A oAl",
		"Céc sở, ngành":     "Các sở, ngành",
		"Cuộc sống mới":     "Cuộc sống mới", // "sống" is no group noun
		"Các sở, ngành":     "Các sở, ngành",
		"trong cuộc họp sở": "trong cuộc họp sở",
	}
	for in, want := range cases {
		if got := normCac(in); got != want {
			t.Errorf("normCac(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestListGoesOn(t *testing.T) {
	cases := map[string]bool{
		"Sở Nội vụ;":       true,
		"Sở Nội vụ":        false, // no separator: another column may follow
		"Văn phòng UBND;":  false, // a name cut mid-way
		"nhiệm vụ chung;":  false,
		"Công an tỉnh; ":   true,
		"Sở Khoa học và ;": false,
	}
	for in, want := range cases {
		if got := listGoesOn(in); got != want {
			t.Errorf("listGoesOn(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestWidthBreak(t *testing.T) {
	line := []rune("thông tin, đít liệu được số hóa để tạo sự thuận tiện, tiết kiệm Các Soﬁnganh’ đĩa")
	if got := widthBreak(line, 60); got < 0 || !strings.HasPrefix(string(line[got:]), "Các") {
		t.Errorf("widthBreak: cut at %d, want before %q", got, "Các")
	}
	// a capital after a word that needs what follows is the content's
	line = []rune("triển khai hệ thống theo mô hình hai cấp theo hướng dẫn của Bộ Khoa học")
	if got := widthBreak(line, 62); got >= 0 {
		t.Errorf("widthBreak cut %q", string(line[got:]))
	}
}

func TestSplitForeignTails(t *testing.T) {
	ps := []piece{
		{text: "Các Doanh", kind: pAgency, line: 0},
		{text: "Sở Khoa học và nghiệp viễn .", kind: pAgency, line: 2, pos: 61},
	}
	out := splitForeignTails(ps)
	if len(out) != 3 || out[1].text != "Sở Khoa học và" || out[2].text != "nghiệp viễn ." || out[2].pos <= out[1].pos {
		t.Fatalf("splitForeignTails = %+v", out)
	}
	// the end of the piece's own name stays with it
	ps[1].text = "Sở Khoa học và Công nghệ"
	if out := splitForeignTails(ps); len(out) != 2 {
		t.Errorf("a whole name was cut: %+v", out)
	}
}

func TestJoinCell(t *testing.T) {
	cell := func(parts ...string) *agencyCell {
		return &agencyCell{parts: parts, lines: map[int]int{0: 1}}
	}
	groups := cell("Các sở,")
	if c := joinCell([]*agencyCell{groups}, "Công an"); c != nil {
		t.Error(`"Công an" went on "Các sở," (as in "Sở Công Thương")`)
	}
	if c := joinCell([]*agencyCell{groups}, "ngành; địa"); c != groups {
		t.Error(`"ngành; địa" did not go on "Các sở,"`)
	}
	if c := joinCell([]*agencyCell{cell("UBND các")}, "Sở Nội vụ"); c != nil {
		t.Error(`"Sở Nội vụ" went on "UBND các"`)
	}
	ubnd, so := cell("UBND các"), cell("Sở Nội vụ; Sẽ")
	if c := joinCell([]*agencyCell{ubnd, so}, "địa phương"); c != ubnd {
		t.Error(`"địa phương" did not complete "UBND các"`)
	}
	// the next word of a name cut short, or that word with a letter
	// misread ("nghiộp", a repair's guess)
	for _, next := range []string{"nghiệp viễn", "nghiộp viộn"} {
		if c := joinCell([]*agencyCell{cell("Các Doanh")}, next); c == nil {
			t.Errorf("%q did not go on %q", next, "Các Doanh")
		}
	}
	if c := joinCell([]*agencyCell{cell("Các Doanh")}, "thông tin"); c != nil {
		t.Errorf("%q went on %q", "thông tin", "Các Doanh")
	}
}

func TestMidCompletion(t *testing.T) {
	r := &reader{width: 60}
	rw := &row{lines: []int{0, 1}, pieces: []piece{{text: "Sở Khoa học", kind: pAgency, line: 0}}}
	c, name, rest := r.midCompletion("Xây dựng chương trình chuyên biệt về khoa học, và Công nghệ: Qac 50, Chương trình", rw)
	if c != "Xây dựng chương trình chuyên biệt về khoa học," || name != "và Công nghệ:" || rest != "Qac 50, Chương trình" {
		t.Errorf("midCompletion = %q | %q | %q", c, name, rest)
	}
	// in lower case, the content's own words ("khoa học và công nghệ")
	c, name, _ = r.midCompletion("Xây dựng chương trình chuyên biệt về khoa học và công nghệ số cho người dân", rw)
	if name != "" {
		t.Errorf("midCompletion took %q off %q", name, c)
	}
	// a group needs its nouns spelt as such: "số" is not "sở"
	rw = &row{lines: []int{0, 1}, pieces: []piece{{text: "UBND các", kind: pAgency, line: 0}}}
	if _, name, _ := r.midCompletion("thực hiện nghiêm việc chuyển đổi số hóa hồ sơ, các số liệu", rw); name != "" {
		t.Errorf("midCompletion took %q", name)
	}
	if _, name, _ := r.midCompletion("thực hiện nghiêm việc số hóa hồ sơ, giấy tờ, địa phương", rw); name != "địa phương" {
		t.Errorf("midCompletion took %q, want %q", name, "địa phương")
	}
}

func TestGarbled(t *testing.T) {
	for _, w := range []string{"L\\J/grll\\l%m?n%", "©", "~2¢>%", "."} {
		if !garbled(w) {
			t.Errorf("garbled(%q) = false", w)
		}
	}
	for _, w := range []string{"nghiệp,", "100%", "(PPP).", "57-NQ/TW", "“chỉ"} {
		if garbled(w) {
			t.Errorf("garbled(%q) = true", w)
		}
	}
}

func TestMisreadPhrase(t *testing.T) {
	cases := []struct{ in, head, phrase string }{
		{"Vân phong Thuand XUVen", "Vân phong", "Thường xuyên"},
		{"Hằng năm", "Hằng năm", ""},             // read right: the deadline forms take it
		{"Sở Công Thương", "Sở Công Thương", ""}, // not a phrase
		{"Các sở, ngành Thương binh", "Các sở, ngành Thương binh", ""},
	}
	for _, c := range cases {
		head, phrase := misreadPhrase(c.in)
		if head != c.head || phrase != c.phrase {
			t.Errorf("misreadPhrase(%q) = %q, %q; want %q, %q", c.in, head, phrase, c.head, c.phrase)
		}
	}
}

func TestFuzzyNames(t *testing.T) {
	names := docNames([]string{
		"1 Xây dựng kế hoạch | Sở Công Thương; Sở Khoa học và Công nghệ | 2025",
		"2 Triển khai thực hiện | Công an tỉnh | Thường xuyên",
	})
	if len(names) != 3 || names[0] != "Sở Khoa học và Công nghệ" {
		t.Fatalf("docNames = %q", names)
	}
	cases := []struct{ in, name, rest string }{
		{"Sở Cone thuon huon", "Sở Công Thương", "huon"},
		{"Cộng an tinh", "", ""},           // the head word must be right
		{"Sở Công Thương", "", ""},         // whole already
		{"Sở Giáo dục và Đào tạo", "", ""}, // another body
	}
	for _, c := range cases {
		name, rest := fuzzyName(c.in, names)
		if name != c.name || rest != c.rest {
			t.Errorf("fuzzyName(%q) = %q, %q; want %q, %q", c.in, name, rest, c.name, c.rest)
		}
	}
	if got := fixNames("Công an tỉnh; Sở Cone thuon huon", names); got != "Công an tỉnh; Sở Công Thương huon" {
		t.Errorf("fixNames = %q", got)
	}
}

func TestDeglue(t *testing.T) {
	cases := map[string]string{
		"thaovaDu lịch;":    "thao va Du lịch;",
		"Số Khoahoc|":       "Số Khoa hoc|",
		"Congan tỉnh":       "Cong an tỉnh",
		"Sở Cone Thương":    "Sở Cone Thương", // four letters: a misread, not a glue
		"vaCong nghệ":       "va Cong nghệ",
		"Sở Nội vụ; UBND":   "Sở Nội vụ; UBND", // syllables and abbreviations stay
		"Cacss, 10/2025":    "Cacss, 10/2025",  // no cut into syllables
		"(Khoahoc)":         "(Khoa hoc)",
		"nghiệp logistics;": "nghiệp logistics;", // "logistics" cuts into no three syllables
	}
	for in, want := range cases {
		if got := deglue(in); got != want {
			t.Errorf("deglue(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestByRules(t *testing.T) {
	r := &reader{cols: []string{fSTT, fContent, fLead, fSupport, fResult, fDeadline}}
	// "Các Sở ; Sau khi Trun" / "Sở Khoahoo | ~2¢>% |Kế hoạch": one stretch,
	// the support's, stands between the second name and the product
	pieces := append(r.splitRight("Các Sở ; Sau khi Trun", 0, 0), r.splitRight("Sở Khoahoo | ~2¢>% |Kế hoạch được ban hành", 0, 1)...)
	var cells []*agencyCell
	for _, p := range pieces {
		if p.kind == pAgency {
			cells = append(cells, &agencyCell{parts: []string{p.text}, first: p.line, lines: map[int]int{p.line: 1}})
		}
	}
	if len(cells) != 2 {
		t.Fatalf("pieces %+v", pieces)
	}
	got := r.byRules(cells, pieces)
	if got[0] != cells[1] {
		t.Errorf("byRules kept %q first", got[0].parts)
	}
	// without the rules nothing tells
	pieces = append(r.splitRight("Các Sở ; Sau khi Trun", 0, 0), r.splitRight("Sở Khoahoo  Kế hoạch được ban hành", 0, 1)...)
	if got := r.byRules(cells, pieces); got[0] != cells[0] {
		t.Errorf("byRules moved %q first with no rule read", got[0].parts)
	}
}

func TestRuleParens(t *testing.T) {
	cases := map[string]string{
		"Công nghệ; Cộng (liên quan; UBND":  "Công nghệ; Cộng |liên quan; UBND",
		"UBND thành phố (Trung tâm Phục vụ": "UBND thành phố (Trung tâm Phục vụ", // a capital: a note
		"Sở Nội vụ (chủ trì)":               "Sở Nội vụ (chủ trì)",               // closed
	}
	for in, want := range cases {
		if got := ruleParens(in); got != want {
			t.Errorf("ruleParens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBareHeadCompleted(t *testing.T) {
	// "Cộng" cut from "Công an tỉnh", whose end OCR read in the content
	// line below, in lower case: "… dịch vụ ăn tinh các địa phương"
	r := &reader{width: 60}
	rw := &row{lines: []int{0, 1}, pieces: []piece{
		{text: "Công nghệ; Cộng", kind: pAgency, line: 0},
		{text: "UBND", kind: pAgency, line: 0},
	}}
	c, name, rest := r.midCompletion("phục vụ giải quyết thủ tục hành chính, dịch vụ ăn tinh các địa phương", rw)
	if name != "ăn tinh" || rest != "các địa phương" || !strings.HasSuffix(c, "dịch vụ") {
		t.Fatalf("midCompletion = %q | %q | %q", c, name, rest)
	}
	cong := &agencyCell{parts: []string{"Sở Khoa học và", "Công nghệ; Cộng"}, lines: map[int]int{0: 1}}
	ubnd := &agencyCell{parts: []string{"Sở, ban, ngành có", "liên quan;", "UBND"}, lines: map[int]int{0: 1}}
	if got := joinCell([]*agencyCell{cong, ubnd}, name); got != cong {
		t.Errorf("%q went on %q", name, got.parts)
	}
	if got := joinCell([]*agencyCell{cong, ubnd}, rest); got != ubnd {
		t.Errorf("%q went on %q", rest, got.parts)
	}
}

func TestRespellKnown(t *testing.T) {
	cases := map[string]string{
		"Sở Khoa học và Công nghệ; Cộng ăn tinh": "Sở Khoa học và Công nghệ; Công an tỉnh",
		"Sở Văn hóa, Thẻ thao va Du lịch":        "Sở Văn hóa, Thể thao và Du lịch",
		"Sở NỘI vụ":                 "Sở Nội vụ",
		"UBND tỉnh; Sở KH&CN":       "UBND tỉnh; Sở KH&CN", // abbreviations stay as printed
		"Các sở, ngành, địa phương": "Các sở, ngành, địa phương",
	}
	for in, want := range cases {
		if got := respellKnown(in); got != want {
			t.Errorf("respellKnown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAlien(t *testing.T) {
	for _, w := range []string{"gﬁznzan’ﬁw", "quiaiz"} {
		if !alien(w) {
			t.Errorf("alien(%q) = false", w)
		}
	}
	for _, w := range []string{"nghiệp", "logistics", "Wifi", "VNeID"} {
		if alien(w) {
			t.Errorf("alien(%q) = true", w)
		}
	}
}

func TestNoiseThenName(t *testing.T) {
	rs := []rune("A Là LẠ ., s, ., ) P Văn phòng UBND thành")
	if got := noiseThenName(rs); got < 0 || string(rs[got:]) != "., s, ., ) P Văn phòng UBND thành" {
		t.Errorf("noiseThenName cut at %d", got)
	}
	if got := noiseThenName([]rune("bảo đảm tiến độ và hiệu quả, Sở Khoa học và Công nghệ")); got >= 0 {
		t.Errorf("noiseThenName cut a line with no noise at %d", got)
	}
}
