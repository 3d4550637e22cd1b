package diff

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser"
)

// TestMaxAssign checks the Hungarian algorithm against brute force on small
// random matrices, square and rectangular.
func TestMaxAssign(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 300; trial++ {
		n, m := 1+rng.Intn(6), 1+rng.Intn(6)
		w := make([][]float64, n)
		for i := range w {
			w[i] = make([]float64, m)
			for j := range w[i] {
				if rng.Intn(3) > 0 {
					w[i][j] = float64(rng.Intn(100)) / 100
				}
			}
		}
		got := maxAssign(w)
		var total float64
		used := map[int]bool{}
		for i, j := range got {
			if j < 0 {
				continue
			}
			if used[j] {
				t.Fatalf("column %d assigned twice: %v", j, got)
			}
			used[j] = true
			total += w[i][j]
		}
		if best := brute(w, 0, map[int]bool{}); math.Abs(total-best) > 1e-9 {
			t.Fatalf("%dx%d: total %.2f, best %.2f\n%v\n%v", n, m, total, best, w, got)
		}
	}
}

func brute(w [][]float64, i int, used map[int]bool) float64 {
	if i == len(w) {
		return 0
	}
	best := brute(w, i+1, used) // row left out
	for j := range w[i] {
		if used[j] {
			continue
		}
		used[j] = true
		if s := w[i][j] + brute(w, i+1, used); s > best {
			best = s
		}
		used[j] = false
	}
	return best
}

// genre is a set of task contents of the kind plans carry, written for
// these tests (not taken from any sample document), each with a light and
// a heavy rewording.
var genre = []struct{ text, light, heavy string }{
	{"Xây dựng kế hoạch triển khai chương trình chuyển đổi số của tỉnh giai đoạn 2026 - 2030",
		"Xây dựng và ban hành kế hoạch triển khai chương trình chuyển đổi số của tỉnh giai đoạn 2026 - 2030",
		"Ban hành kế hoạch thực hiện chương trình chuyển đổi số tỉnh giai đoạn 2026 - 2030"},
	{"Tổ chức tập huấn nâng cao kỹ năng số cho cán bộ, công chức cấp xã",
		"Tổ chức các lớp tập huấn nâng cao kỹ năng số cho cán bộ, công chức, viên chức cấp xã",
		"Bồi dưỡng kỹ năng số cho đội ngũ cán bộ, công chức cấp xã"},
	{"Rà soát, sửa đổi quy chế quản lý, vận hành cổng thông tin điện tử của tỉnh",
		"Rà soát, sửa đổi, bổ sung quy chế quản lý, vận hành cổng thông tin điện tử tỉnh",
		"Sửa đổi quy chế vận hành cổng thông tin điện tử"},
	{"Đầu tư nâng cấp trung tâm dữ liệu dùng chung của tỉnh, bảo đảm an toàn thông tin cấp độ 3",
		"Đầu tư nâng cấp trung tâm dữ liệu dùng chung của tỉnh, bảo đảm an toàn hệ thống thông tin cấp độ 3",
		"Nâng cấp trung tâm dữ liệu tỉnh đạt an toàn thông tin cấp độ 3"},
	{"Triển khai thanh toán không dùng tiền mặt trong các cơ sở y tế, trường học",
		"Đẩy mạnh triển khai thanh toán không dùng tiền mặt tại các cơ sở y tế, trường học trên địa bàn",
		"Thúc đẩy thanh toán không tiền mặt ở bệnh viện, trường học"},
	{"Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
		"Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
		"Số hóa kết quả giải quyết thủ tục hành chính"},
	{"Xây dựng cơ sở dữ liệu đất đai, kết nối với cơ sở dữ liệu quốc gia về dân cư",
		"Xây dựng, cập nhật cơ sở dữ liệu đất đai, kết nối, chia sẻ với cơ sở dữ liệu quốc gia về dân cư",
		"Hoàn thiện dữ liệu đất đai và liên thông dữ liệu dân cư quốc gia"},
	{"Hỗ trợ doanh nghiệp nhỏ và vừa ứng dụng nền tảng số trong sản xuất, kinh doanh",
		"Hỗ trợ các doanh nghiệp nhỏ và vừa ứng dụng nền tảng số trong hoạt động sản xuất, kinh doanh",
		"Giúp doanh nghiệp nhỏ dùng nền tảng số để kinh doanh"},
	{"Tuyên truyền, phổ biến về vai trò của khoa học, công nghệ và đổi mới sáng tạo trên các phương tiện thông tin đại chúng",
		"Đẩy mạnh tuyên truyền, phổ biến vai trò của khoa học, công nghệ và đổi mới sáng tạo trên phương tiện thông tin đại chúng",
		"Truyền thông về khoa học, công nghệ, đổi mới sáng tạo trên báo, đài"},
	{"Bố trí kinh phí thực hiện các nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026",
		"Bố trí đủ kinh phí thực hiện các nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026",
		"Cân đối ngân sách cho nhiệm vụ khoa học công nghệ cấp tỉnh 2026"},
	{"Kiểm tra, đánh giá việc thực hiện chế độ báo cáo định kỳ trên hệ thống thông tin báo cáo",
		"Kiểm tra, đánh giá tình hình thực hiện chế độ báo cáo định kỳ trên hệ thống thông tin báo cáo của tỉnh",
		"Đánh giá chế độ báo cáo định kỳ qua hệ thống báo cáo"},
	{"Phát triển hạ tầng mạng 5G tại các khu công nghiệp, khu đô thị",
		"Phát triển hạ tầng mạng di động 5G tại các khu công nghiệp, khu đô thị mới",
		"Phủ sóng 5G cho khu công nghiệp và đô thị"},
}

func register(contents []string) *parser.Register {
	r := &parser.Register{}
	for i, c := range contents {
		r.Tasks = append(r.Tasks, parser.Task{STT: strconv.Itoa(i + 1), Content: c})
	}
	return r
}

// scores gives the similarity of every pair of tasks of two registers.
func scores(old, new *parser.Register) [][]float64 {
	c := &comparer{z: newTokenizer(), oldReg: old, newReg: new, threshold: DefaultThreshold}
	c.prepare()
	out := make([][]float64, len(c.olds))
	for i, a := range c.olds {
		out[i] = make([]float64, len(c.news))
		for j, b := range c.news {
			out[i][j] = similarity(a, b)
		}
	}
	return out
}

// TestThresholdSeparates is the evidence for DefaultThreshold: content
// alone (no agencies, no deadlines), every light rewording scores above it,
// every pair of different tasks below it. Heavy rewordings (most words
// replaced) are reported as a removal and an addition unless agencies and
// deadlines vouch for them; their scores are logged with -v.
func TestThresholdSeparates(t *testing.T) {
	var orig, light, heavy []string
	for _, g := range genre {
		orig = append(orig, g.text)
		light = append(light, g.light)
		heavy = append(heavy, g.heavy)
	}
	sl := scores(register(orig), register(light))
	sh := scores(register(orig), register(heavy))
	minSame, maxOther := 1.0, 0.0
	for i := range sl {
		for j := range sl[i] {
			if i == j {
				minSame = math.Min(minSame, sl[i][j])
			} else {
				maxOther = math.Max(maxOther, sl[i][j])
				maxOther = math.Max(maxOther, sh[i][j])
			}
		}
	}
	var hv []string
	for i := range sh {
		hv = append(hv, fmt.Sprintf("%.2f", sh[i][i]))
	}
	t.Logf("light rewordings ≥ %.3f; different tasks ≤ %.3f; threshold %.2f; heavy rewordings %s", minSame, maxOther, DefaultThreshold, strings.Join(hv, " "))
	if minSame < DefaultThreshold || maxOther >= DefaultThreshold {
		t.Errorf("threshold %.2f does not separate: light ≥ %.3f, others ≤ %.3f", DefaultThreshold, minSame, maxOther)
	}
	// Matching the light rewordings, shuffled, finds every one.
	perm := rand.New(rand.NewSource(2)).Perm(len(light))
	shuffled := make([]string, len(light))
	for i, p := range perm {
		shuffled[p] = light[i]
	}
	res := Compare(register(orig), register(shuffled), Options{})
	if res.Summary.Added+res.Summary.Removed != 0 {
		t.Errorf("light rewordings: %+v", res.Summary)
	}
	for _, p := range res.Pairs {
		if perm[p.OldIndex] != p.NewIndex {
			t.Errorf("old %d paired with new %d, want %d", p.OldIndex, p.NewIndex, perm[p.OldIndex])
		}
	}
}

// Agencies and deadlines vouch for a heavy rewording that content alone
// would not match.
func TestEvidenceRescuesRewording(t *testing.T) {
	const k = 4 // a heavy rewording scoring below the threshold on content
	mk := func(heavy, evidence bool) *parser.Register {
		r := &parser.Register{}
		for i, g := range genre {
			c := g.text
			if heavy && i == k {
				c = g.heavy
			}
			tk := parser.Task{STT: strconv.Itoa(i + 1), Content: c}
			if evidence {
				tk.Lead = []string{"Sở số " + strconv.Itoa(i)}
				tk.Deadline = parser.Deadline{Text: "Quý " + strconv.Itoa(i%4+1) + "/2026", Kind: "quarter"}
			}
			r.Tasks = append(r.Tasks, tk)
		}
		return r
	}
	res := Compare(mk(false, true), mk(true, true), Options{})
	if got := outline(res); !reflect.DeepEqual(got, []string{"changed 5/5 content"}) {
		t.Errorf("with evidence: got %q", got)
	}
	res = Compare(mk(false, false), mk(true, false), Options{})
	if got := outline(res); !reflect.DeepEqual(got, []string{"removed 5/ ", "added /5 "}) {
		t.Errorf("without evidence: got %q", got)
	}
}

func TestMoves(t *testing.T) {
	r := &parser.Register{}
	for i, g := range genre[:6] {
		sec := "I. Thể chế"
		app := "Phụ lục I"
		if i >= 3 {
			sec, app = "II. Hạ tầng", "Phụ lục II"
		}
		r.Tasks = append(r.Tasks, parser.Task{Appendix: app, Section: sec, STT: strconv.Itoa(i + 1), Content: g.text})
	}
	n := clone(r)
	n.Tasks[0].Section = "II. Hạ tầng" // moved to another section of its appendix
	n.Tasks[3].Appendix = "Phụ lục I"  // moved to the same section name, other appendix
	n.Tasks[3].Section = "I. Thể chế"
	res := Compare(r, n, Options{})
	want := []string{"changed 1/1 section", "changed 4/4 section,appendix"}
	if got := outline(res); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	m := clone(r)
	m.Tasks[4].Appendix, m.Tasks[4].Section = "Phụ lục I", "II. Hạ tầng"
	res = Compare(r, m, Options{})
	if got := outline(res); !reflect.DeepEqual(got, []string{"changed 5/5 appendix"}) {
		t.Errorf("appendix only: got %q", got)
	}
	// A whole appendix renamed with words changed: no task changes, one
	// rename that is a difference.
	k := clone(r)
	for i := 3; i < 6; i++ {
		k.Tasks[i].Appendix = "Phụ lục III"
		k.Tasks[i].Section = "II. Hạ tầng số"
	}
	res = Compare(r, k, Options{})
	if res.Summary.Same != 6 || !res.Differs() {
		t.Errorf("renamed: summary %+v, differs %v", res.Summary, res.Differs())
	}
	wantRen := []Rename{{Kind: "appendix", Old: "Phụ lục II", New: "Phụ lục III", Renumbered: true},
		{Kind: "section", Old: "II. Hạ tầng", New: "II. Hạ tầng số", Appendix: "Phụ lục III"}}
	if !reflect.DeepEqual(res.Renamed, wantRen) {
		t.Errorf("renamed = %+v", res.Renamed)
	}
}

// Reordered and renumbered, nothing else: the same plan.
func TestReorderIsSame(t *testing.T) {
	var c []string
	for _, g := range genre {
		c = append(c, g.text)
	}
	old := register(c)
	var rev []string
	for i := len(c) - 1; i >= 0; i-- {
		rev = append(rev, c[i])
	}
	res := Compare(old, register(rev), Options{})
	if res.Differs() || res.Summary.Same != len(c) {
		t.Errorf("reversed: %+v %q", res.Summary, outline(res))
	}
	if res := Compare(old, old, Options{}); res.Differs() || len(res.Pairs) != len(c) {
		t.Errorf("itself: %+v", res.Summary)
	}
}

// Duplicate rows pair one to one, and an extra duplicate is the one added.
func TestDuplicates(t *testing.T) {
	a := genre[0].text
	old := register([]string{a, genre[1].text, a})
	new := register([]string{a, genre[1].text, a, a})
	res := Compare(old, new, Options{})
	if res.Summary != (Summary{Same: 3, Added: 1}) || res.Changes[0].New.Content != a {
		t.Errorf("got %+v %q", res.Summary, outline(res))
	}
}

type lexicon map[string]string

func (l lexicon) Canonical(name, issuer string) string {
	if c, ok := l[name]; ok {
		return c
	}
	return name
}

func TestCanonicalAgencies(t *testing.T) {
	lex := lexicon{"Sở KH&CN": "Sở Khoa học và Công nghệ", "Sở TT&TT": "Sở Thông tin và Truyền thông"}
	mk := func(lead ...string) *parser.Register {
		return &parser.Register{Tasks: []parser.Task{{STT: "1", Content: genre[0].text, Lead: lead}}}
	}
	if res := Compare(mk("Sở KH&CN"), mk("Sở Khoa học và Công nghệ"), Options{Agencies: lex}); res.Differs() {
		t.Errorf("abbreviation: %q", outline(res))
	}
	if res := Compare(mk("Sở KH&CN"), mk("Sở Khoa học và Công nghệ"), Options{}); !res.Differs() {
		t.Error("without a lexicon names as printed differ")
	}
	res := Compare(mk("Sở KH&CN"), mk("Sở TT&TT", "Sở Khoa học và Công nghệ"), Options{Agencies: lex})
	d := res.Changes[0].Detail.Lead
	if d == nil || !reflect.DeepEqual(d.Added, []string{"Sở Thông tin và Truyền thông"}) || len(d.Removed) != 0 {
		t.Errorf("lead delta = %+v", d)
	}
	by := ByAgency(res)
	if len(by) != 1 || by[0].Agency != "Sở Thông tin và Truyền thông" || len(by[0].Gained) != 1 || by[0].Gained[0].Role != "lead" {
		t.Errorf("by agency = %+v", by)
	}
}

func TestDeadlines(t *testing.T) {
	mk := func(d parser.Deadline) *parser.Register {
		return &parser.Register{Tasks: []parser.Task{{STT: "1", Content: genre[2].text, Deadline: d}}}
	}
	cases := []struct {
		a, b    parser.Deadline
		changed bool
		move    *DeadlineMove
	}{
		{parser.Deadline{Text: "30/11/2025", Kind: "date", Due: "2025-11-30"}, parser.Deadline{Text: "30-11-2025", Kind: "date", Due: "2025-11-30"}, false, nil},
		{parser.Deadline{Text: "30/11/2025", Kind: "date", Due: "2025-11-30"}, parser.Deadline{Text: "15/11/2025", Kind: "date", Due: "2025-11-15"}, true, &DeadlineMove{-15, "earlier"}},
		{parser.Deadline{Text: "Tháng 11/2025", Kind: "month", Due: "2025-11-30"}, parser.Deadline{Text: "30/11/2025", Kind: "date", Due: "2025-11-30"}, true, &DeadlineMove{0, "same"}},
		{parser.Deadline{Text: "Hàng tháng", Kind: "recurring", Every: "month"}, parser.Deadline{Text: "Hằng tháng", Kind: "recurring", Every: "month"}, false, nil},
		{parser.Deadline{Text: "Hàng tháng", Kind: "recurring", Every: "month"}, parser.Deadline{Text: "Hàng quý", Kind: "recurring", Every: "quarter"}, true, nil},
		{parser.Deadline{Text: "Thường xuyên"}, parser.Deadline{Text: "thường xuyên"}, false, nil},
		{parser.Deadline{Text: "Thường xuyên"}, parser.Deadline{Text: "Khi có yêu cầu"}, true, nil},
	}
	for _, tc := range cases {
		res := Compare(mk(tc.a), mk(tc.b), Options{})
		if res.Differs() != tc.changed {
			t.Errorf("%q → %q: differs %v", tc.a.Text, tc.b.Text, res.Differs())
			continue
		}
		if tc.changed && !reflect.DeepEqual(res.Changes[0].Detail.Deadline, tc.move) {
			t.Errorf("%q → %q: move %+v, want %+v", tc.a.Text, tc.b.Text, res.Changes[0].Detail.Deadline, tc.move)
		}
	}
}

// Agencies split differently or listed in another order are the same
// agencies; result and note changes are reported.
func TestAgencySplitAndOtherFields(t *testing.T) {
	mk := func(support []string, result, note string) *parser.Register {
		return &parser.Register{Tasks: []parser.Task{{STT: "1", Content: genre[3].text, Lead: []string{"Sở Y tế"},
			Support: support, Result: result, Note: note}}}
	}
	a := mk([]string{"Các sở, ban, ngành", "UBND các xã, phường"}, "Báo cáo", "")
	if res := Compare(a, mk([]string{"Các sở, ban, ngành, UBND các xã, phường"}, "Báo cáo", ""), Options{}); res.Differs() {
		t.Errorf("split: %q", outline(res))
	}
	if res := Compare(a, mk([]string{"UBND các xã, phường", "Các sở, ban, ngành"}, "Báo cáo", ""), Options{}); res.Differs() {
		t.Errorf("order: %q", outline(res))
	}
	res := Compare(a, mk([]string{"Các sở, ban, ngành"}, "Quyết định", "Đã có kinh phí"), Options{})
	if got := outline(res); !reflect.DeepEqual(got, []string{"changed 1/1 support,result,note"}) {
		t.Errorf("got %q", got)
	}
	if d := res.Changes[0].Detail.Support; d == nil || !reflect.DeepEqual(d.Removed, []string{"UBND các xã, phường"}) {
		t.Errorf("support delta = %+v", d)
	}
}

// Removed tasks stand where they stood: before everything when they led
// the old plan, after the tasks that preceded them otherwise.
func TestRemovedOrder(t *testing.T) {
	old := register([]string{genre[0].text, genre[1].text, genre[2].text, genre[3].text, genre[4].text})
	n := register([]string{genre[5].text, genre[3].text, genre[1].text, genre[4].text})
	got := outline(Compare(old, n, Options{}))
	want := []string{"removed 1/ ", "added /1 ", "removed 3/ "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
