package repair

import (
	"runtime"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/layout"
)

func rep(t testing.TB) *Repairer {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStrippedRestored(t *testing.T) {
	r := rep(t)
	cases := map[string]string{
		"Cong hoa xa hoi chu nghia Viet Nam":              "Cộng hòa xã hội chủ nghĩa Việt Nam",
		"Doc lap - Tu do - Hanh phuc":                     "Độc lập - Tự do - Hạnh phúc",
		"Uy ban nhan dan tinh":                            "Ủy ban nhân dân tỉnh",
		"to chuc thuc hien nhiem vu duoc giao":            "tổ chức thực hiện nhiệm vụ được giao",
		"CONG HOA XA HOI CHU NGHIA VIET NAM":              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"chuyen doi so va phat trien khoa hoc, cong nghe": "chuyển đổi số và phát triển khoa học, công nghệ",
		"Can cu Luat To chuc chinh quyen dia phuong":      "Căn cứ Luật Tổ chức chính quyền địa phương",
		"theo doi, kiem tra":                              "theo dõi, kiểm tra",
	}
	for in, want := range cases {
		if got := r.Line(in); got != want {
			t.Errorf("Line(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestOCRConfusions(t *testing.T) {
	r := rep(t)
	// English-model OCR forms (not from the seeds): marks misread, letters
	// read as digits.
	cases := map[string]string{
		"Ké hoach s6 15/KH-UBND":    "Kế hoạch số 15/KH-UBND",
		"co quan chuyén mén":        "cơ quan chuyên môn",
		"nguoi dan va doanh nghiép": "người dân và doanh nghiệp",
		"theo d6i, kiém tra":        "theo dõi, kiểm tra",
	}
	for in, want := range cases {
		if got := r.Line(in); got != want {
			t.Errorf("Line(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// OCR that writes two letters for one (learned from the aligned pairs,
// not listed): "it" for ữ, "tt", "tr" or "ir" for ử.
func TestTwoLettersForOne(t *testing.T) {
	r := rep(t)
	cases := map[string]string{
		"ket noi, chia se dit lieu hanh chinh":  "kết nối, chia sẻ dữ liệu hành chính",
		"co so dit lieu quoc gia":               "cơ sở dữ liệu quốc gia",
		"mo hinh mot ctta, mot ctra lien thong": "mô hình một cửa, một cửa liên thông",
		"cac chitc nang, nhiem vu":              "các chức năng, nhiệm vụ",
	}
	for in, want := range cases {
		if got := r.Line(in); got != want {
			t.Errorf("Line(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	// the channel scores the reading through the pair above the same
	// alignment letter by letter (a misread letter and debris)
	m := r.m
	var with scorer
	with.reset(m.ch, m.subs, m.alpha, []rune("dit"), false)
	if !with.hasPair {
		t.Fatal(`no reading of "it" as one letter in the model`)
	}
	pairScore := with.score(m.spell[m.ids["dữ"]])
	with.hasPair = false
	if letters := with.score(m.spell[m.ids["dữ"]]); pairScore <= letters+1 {
		t.Errorf("dit → dữ: %.2f with the pair reading, %.2f letter by letter", pairScore, letters)
	}
}

// A number with a symbol OCR writes for a marked letter (¢6 for có, seen
// in the aligned pairs) is read as the word; numbers stay numbers.
func TestSymbolTokens(t *testing.T) {
	r := rep(t)
	cases := map[string]string{
		"cac co quan ¢6 lien quan":    "các cơ quan có liên quan",
		"theo quy dinh va 1€ phi":     "theo quy định và lệ phí",
		"nam 2025 co 16 don vi, 6 xa": "năm 2025 có 16 đơn vị, 6 xã",
	}
	for in, want := range cases {
		if got := r.Line(in); got != want {
			t.Errorf("Line(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestKeepsWhatIsRight(t *testing.T) {
	r := rep(t)
	for _, s := range []string{
		"Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
		"Liên hệ: vanphong@hue.gov.vn hoặc https://hue.gov.vn/van-ban",
		"Quyết định 118/2025/NĐ-CP, quý III/2025",
		"",
		"   ",
		"2025",
	} {
		if got := r.Line(s); got != s {
			t.Errorf("Line(%q) = %q, want unchanged", s, got)
		}
	}
}

func TestSameTokens(t *testing.T) {
	r := rep(t)
	in := "Trien khai (giai doan 1) , ke hoach: 12/2025;  con  lai..."
	out := r.Line(in)
	if a, b := strings.Fields(in), strings.Fields(out); len(a) != len(b) {
		t.Fatalf("token count changed: %q → %q", in, out)
	}
	if strings.Count(in, " ") != strings.Count(out, " ") {
		t.Errorf("spacing changed: %q → %q", in, out)
	}
}

func TestCodesAndNumerals(t *testing.T) {
	r := rep(t)
	if got := r.Line("Nghi dinh so 118/2025/NP-CP"); !strings.Contains(got, "118/2025/NĐ-CP") {
		t.Errorf("NP-CP not restored: %q", got)
	}
	if got := r.Line("trong quy I11/2025"); !strings.Contains(got, "III/2025") {
		t.Errorf("I11 not read as III: %q", got)
	}
	if got := r.Line("Quyet dinh so 509/QDP-UBND"); !strings.Contains(got, "509/QĐ-UBND") {
		t.Errorf("QDP not read as QĐ: %q", got)
	}
	if got := r.Line("Nghi quyet so 07/NQ-UBND ngay 2/1/2025"); !strings.Contains(got, "07/NQ-UBND ngày 2/1/2025") {
		t.Errorf("code or date changed: %q", got)
	}
}

func TestNeeded(t *testing.T) {
	r := rep(t)
	if !r.Needed("Trien khai ke hoach cua Uy ban nhan dan thanh pho ve chuyen doi so") {
		t.Error("stripped text not flagged")
	}
	if !r.Needed("Trién khai Ké hoach s6 02 ngay 21/10/2025 ciia Thanh ay vé viéc thyc hién") {
		t.Error("English-OCR text not flagged")
	}
	if r.Needed("Triển khai kế hoạch của Ủy ban nhân dân thành phố về chuyển đổi số") {
		t.Error("clean text flagged")
	}
	if r.Needed("The quick brown fox jumps over the lazy dog") {
		t.Error("English flagged")
	}
	if r.Needed("") {
		t.Error("empty text flagged")
	}
}

func TestTextAndDiff(t *testing.T) {
	r := rep(t)
	in := "Uy ban nhan dan\nthanh pho Hue\n\n2025"
	out := r.Text(in)
	if strings.Count(out, "\n") != 3 {
		t.Fatalf("line count changed: %q", out)
	}
	if !strings.HasPrefix(out, "Ủy ban nhân dân\nthành phố Huế") {
		t.Errorf("Text = %q", out)
	}
	ch := r.Diff(in)
	if len(ch) == 0 || ch[0].Old != "Uy" || ch[0].New != "Ủy" || ch[0].Line != 0 || ch[0].Start != 0 {
		t.Errorf("Diff = %+v", ch)
	}
}

func TestListLabels(t *testing.T) {
	r := rep(t)
	in := []string{"c) Bao cao ket qua;", "d) De xuat giai phap;", "d) Kiem tra, giam sat;", "e) Cac nhiem vu khac."}
	out, _ := r.Lines(in)
	for i, want := range []string{"c)", "d)", "đ)", "e)"} {
		if !strings.HasPrefix(out[i], want) {
			t.Errorf("line %d: %q, want it to begin %q", i, out[i], want)
		}
	}
}

func TestToneStyle(t *testing.T) {
	r, err := New(WithTone(normalize.ToneOld))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Line("Cong hoa"); got != "Cộng hoà" {
		t.Errorf("old style: %q", got)
	}
	if got := rep(t).Line("Cong hoa"); got != "Cộng hòa" {
		t.Errorf("new style: %q", got)
	}
}

func TestWords(t *testing.T) {
	w := []layout.Word{{Text: "Ke"}, {Text: "hoach"}}
	Words(w, "Kế hoạch")
	if w[0].Text != "Kế" || w[1].Text != "hoạch" {
		t.Errorf("Words: %+v", w)
	}
	Words(w, "one two three")
	if w[0].Text != "Kế" {
		t.Error("Words changed words that do not correspond")
	}
}

func TestPackageFunctions(t *testing.T) {
	if got := Line("Viet Nam"); got != "Việt Nam" {
		t.Errorf("Line = %q", got)
	}
	if !Needed("Trien khai ke hoach cua Uy ban nhan dan thanh pho") {
		t.Error("Needed false")
	}
}

func BenchmarkLoad(b *testing.B) {
	var m *model
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		if m, err = loadModel(modelData); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(modelData)), "model-bytes")
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	// the heap a loaded model holds (the last one loaded; the others are
	// garbage by now)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(m)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
}

// benchText is stripped administrative prose (written for the benchmark).
const benchText = `Uy ban nhan dan tinh ban hanh ke hoach trien khai thuc hien nghi quyet ve phat trien khoa hoc, cong nghe, doi moi sang tao va chuyen doi so quoc gia. Cac so, ban, nganh va uy ban nhan dan cac huyen, thi xa, thanh pho chu dong xay dung ke hoach, to chuc thuc hien cac nhiem vu duoc giao, bao cao ket qua ve So Khoa hoc va Cong nghe truoc ngay 15 thang 12 nam 2025 de tong hop, bao cao Uy ban nhan dan tinh theo quy dinh. Trong qua trinh thuc hien, neu co kho khan, vuong mac, cac co quan, don vi kip thoi phan anh ve So Khoa hoc va Cong nghe de huong dan hoac bao cao cap co tham quyen xem xet, giai quyet.`

func BenchmarkRepair(b *testing.B) {
	r := rep(b)
	lines := strings.Split(benchText, ". ")
	syl := 0
	for _, l := range lines {
		syl += len(strings.Fields(l))
	}
	r.Text(benchText) // warm the candidate memo
	cpu0 := cpuTime()
	for b.Loop() {
		for _, l := range lines {
			r.Line(l)
		}
	}
	reportSpeed(b, syl, cpuTime()-cpu0)
}

func TestConcurrent(t *testing.T) {
	r := rep(t)
	in := []string{"Cong hoa xa hoi chu nghia Viet Nam", "Ké hoach s6 15/KH-UBND", "hi¢u qua B§ k¥ thuat"}
	want := make([]string, len(in))
	for i, s := range in {
		want[i] = r.Line(s)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for k := 0; k < 20; k++ {
				for i, s := range in {
					if got := r.Line(s); got != want[i] {
						t.Errorf("Line(%q) = %q, want %q", s, got, want[i])
					}
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// BenchmarkRepairCold repairs the text with an empty memo each time: every
// token's readings are generated afresh.
func BenchmarkRepairCold(b *testing.B) {
	m, err := defaultModel()
	if err != nil {
		b.Fatal(err)
	}
	syl := len(strings.Fields(benchText))
	cpu0 := cpuTime()
	for b.Loop() {
		r := &Repairer{m: m, memo: map[string]*entry{}, vmemo: map[variantKey][]uint32{}}
		r.Text(benchText)
	}
	reportSpeed(b, syl, cpuTime()-cpu0)
}

// TestAmpersandCodes: abbreviations joined by "&" are codes, kept as
// printed, whatever OCR did to the words around them.
func TestAmpersandCodes(t *testing.T) {
	for _, in := range []string{"S¢ KH&CN", "S& KH&CN; UBND cac xa", "Sở GD&ĐT", "Sở NN&PTNT chủ trì"} {
		out := Line(in)
		for _, code := range []string{"KH&CN", "GD&ĐT", "NN&PTNT"} {
			if strings.Contains(in, code) && !strings.Contains(out, code) {
				t.Errorf("Line(%q) = %q: lost %s", in, out, code)
			}
		}
	}
}

// An abbreviation joined by & is a field or a department (GD&ĐT, TN&MT);
// the language model reads it as its own class, so that "Sở" before it
// wins over "Số" and "Sổ" even in a table cell with no other context.
func TestDepartmentBeforeAbbreviation(t *testing.T) {
	r := rep(t)
	cases := map[string]string{
		"So GD&ĐT chu tri":  "Sở GD&ĐT chủ trì",
		"S6 TN&MT":          "Sở TN&MT",
		"Sé NN&PTNT":        "Sở NN&PTNT",
		"S§ LĐ-TB&XH":       "Sở LĐ-TB&XH",
		"Ke hoach so 12/KH": "Kế hoạch số 12/KH",
	}
	for in, want := range cases {
		if got := r.Text(in); got != want {
			t.Errorf("Text(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// The keep prior for unmarked syllables is full in text whose only damage
// is lost marks and fades as OCR garbling grows.
func TestKeepBonusFades(t *testing.T) {
	r := rep(t)
	clean := r.Analyze("to chuc thuc hien nhiem vu duoc giao trong nam")
	garbled := r.Analyze("t6 chirc thyc hién nhiém vy dugc giao trong nim ctiia")
	if b := clean.keepBonus(); b < 0.95*keepBonusMax {
		t.Errorf("stripped text: keep bonus %.2f, want about %.2f", b, keepBonusMax)
	}
	if bc, bg := clean.keepBonus(), garbled.keepBonus(); bg >= bc {
		t.Errorf("garbled text: keep bonus %.2f, not below %.2f", bg, bc)
	}
}

// The first word of a segment is scored by the (<s>, w) bigram: the
// padding (<s> <s>) adds no context and must not charge a back-off twice.
func TestSegmentStartContext(t *testing.T) {
	m := rep(t).m
	const bos = 0 // lmfile.BOS
	for _, w := range []string{"kế", "sở", "hằng", "trong"} {
		id, ok := m.ids[w]
		if !ok {
			t.Fatalf("%q not in the vocabulary", w)
		}
		if got, want := m.logProb(bos, bos, bos, id), m.p2(bos, id); got != want {
			t.Errorf("log p(%s | <s> <s>) = %.3f, want log p(%s | <s>) = %.3f", w, got, w, want)
		}
	}
}

func TestCells(t *testing.T) {
	r := rep(t)
	in := []string{"Uy ban nhan dan tinh", "So GD&ĐT", "", "to chuc thuc hien\nnhiem vu duoc giao"}
	want := []string{"Ủy ban nhân dân tỉnh", "Sở GD&ĐT", "", "tổ chức thực hiện\nnhiệm vụ được giao"}
	got := r.Cells(in)
	if len(got) != len(want) {
		t.Fatalf("Cells gave %d texts for %d", len(got), len(in))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Cells[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
