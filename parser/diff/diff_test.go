package diff

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser"
	"go.yaml.in/yaml/v3"
)

// load reads a register fixture from testdata/diff.
func load(t testing.TB, name string) *parser.Register {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "diff", name))
	if err != nil {
		t.Fatal(err)
	}
	var reg parser.Register
	if err := yaml.Unmarshal(data, &reg); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(reg.Tasks) == 0 {
		t.Fatalf("%s: no tasks", name)
	}
	return &reg
}

// clone deep-copies a register so that a test may edit it.
func clone(r *parser.Register) *parser.Register {
	c := *r
	c.Tasks = make([]parser.Task, len(r.Tasks))
	for i, t := range r.Tasks {
		t.Lead = append([]string(nil), t.Lead...)
		t.Support = append([]string(nil), t.Support...)
		c.Tasks[i] = t
	}
	return &c
}

// outline describes a result compactly for comparison in tests: one entry
// per change, "op old-stt/new-stt fields".
func outline(res *Result) []string {
	var out []string
	for _, ch := range res.Changes {
		o, n := "", ""
		if ch.Old != nil {
			o = ch.Old.STT
		}
		if ch.New != nil {
			n = ch.New.STT
		}
		out = append(out, string(ch.Op)+" "+o+"/"+n+" "+strings.Join(ch.Fields, ","))
	}
	return out
}

func TestSamePlanTwoShapes(t *testing.T) {
	web, pdf := load(t, "458-web.register.yaml"), load(t, "458-pdf.register.yaml")
	res := Compare(web, pdf, Options{})
	if want := (Summary{Same: 9, Changed: 1}); res.Summary != want {
		t.Errorf("summary = %+v, want %+v\n%v", res.Summary, want, outline(res))
	}
	if got, want := outline(res), []string{"changed 2/2 content"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("changes = %q, want %q", got, want)
	}
	words := res.Changes[0].Detail.Words
	wantWords := []WordEdit{
		{"=", "Hoàn thiện hạ tầng kỹ thuật,"},
		{"-", "hang"},
		{"+", "trang"},
		{"=", "thiết bị, nhân lực, an toàn thông tin cho Trung tâm phục vụ hành chính công cấp xã"},
	}
	if !reflect.DeepEqual(words, wantWords) {
		t.Errorf("words = %q, want %q", words, wantWords)
	}
	if len(res.Renamed) != 0 {
		t.Errorf("renamed = %+v, want none", res.Renamed)
	}
	if !res.Differs() {
		t.Error("Differs() = false")
	}
	// The other way round: the same change, reversed.
	back := Compare(pdf, web, Options{})
	if got, want := outline(back), []string{"changed 2/2 content"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reversed: changes = %q, want %q", got, want)
	}
}

// A reader that does not see the appendix label of the web text ("" for
// "Phụ lục") still finds one change: the label is a heading relabelled.
func TestSamePlanUnlabelledAppendix(t *testing.T) {
	web, pdf := load(t, "458-web.register.yaml"), load(t, "458-pdf.register.yaml")
	web = clone(web)
	for i := range web.Tasks {
		web.Tasks[i].Appendix = ""
	}
	res := Compare(web, pdf, Options{})
	if got, want := outline(res), []string{"changed 2/2 content"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("changes = %q, want %q", got, want)
	}
	want := []Rename{{Kind: "appendix", Old: "", New: "Phụ lục", Renumbered: true}}
	if !reflect.DeepEqual(res.Renamed, want) {
		t.Errorf("renamed = %+v, want %+v", res.Renamed, want)
	}
	// Without the typo, the relabelling alone is no difference.
	pdf = clone(pdf)
	pdf.Tasks[1].Content = web.Tasks[1].Content
	if res := Compare(web, pdf, Options{}); res.Differs() || res.Summary.Same != 10 {
		t.Errorf("relabelled only: differs, summary %+v, changes %q", res.Summary, outline(res))
	}
}

func TestMarksOption(t *testing.T) {
	a := &parser.Register{Tasks: []parser.Task{{STT: "1", Content: "Báo cáo kết quả thực hiện hàng quý"}}}
	b := &parser.Register{Tasks: []parser.Task{{STT: "1", Content: "Bảo cáo kết quả thực hiện hàng quý"}}}
	if res := Compare(a, b, Options{}); res.Differs() {
		t.Errorf("marks ignored by default, got %q", outline(res))
	}
	if res := Compare(a, b, Options{Marks: true}); !reflect.DeepEqual(outline(res), []string{"changed 1/1 content"}) {
		t.Errorf("Marks: got %q", outline(res))
	}
	// Tone placement, case, dashes and spacing never count.
	c := &parser.Register{Tasks: []parser.Task{{STT: "1", Content: "báo  cáo kết quả thực hiện — hàng quý"}}}
	if res := Compare(a, c, Options{Marks: true}); res.Differs() {
		t.Errorf("case/dash/space: got %q", outline(res))
	}
	d := &parser.Register{Tasks: []parser.Task{{Content: "Hoàn thiện quy chế phối hợp"}}}
	f := &parser.Register{Tasks: []parser.Task{{Content: "hoàn thiện quy chế phối hợp"}}}
	if res := Compare(d, f, Options{Marks: true}); res.Differs() {
		t.Errorf("case: got %q", outline(res))
	}
}

// sectioned is the 458 register with its tasks spread over three sections,
// as a plan with headings would print them.
func sectioned(t *testing.T) *parser.Register {
	r := clone(load(t, "458-web.register.yaml"))
	for i := range r.Tasks {
		switch {
		case i < 3:
			r.Tasks[i].Section = "I. Công tác chỉ đạo, điều hành"
		case i < 7:
			r.Tasks[i].Section = "II. Dịch vụ công và thủ tục hành chính"
		default:
			r.Tasks[i].Section = "III. Báo cáo, kiểm tra"
		}
	}
	return r
}

// editedPlan is old with one edit of each kind (see TestEdits).
func editedPlan(t *testing.T, old *parser.Register) *parser.Register {
	ts := clone(old).Tasks
	// Swap tasks 1 and 2.
	ts[0], ts[1] = ts[1], ts[0]
	// Re-assign task 7: another lead.
	ts[6].Lead = []string{"Sở Nội vụ"}
	// Re-date task 9 by a month.
	ts[8].Deadline = parser.Deadline{Text: "Tháng 12/2025", Kind: "month", Due: "2025-12-31"}
	// Reword task 10 by a few words.
	ts[9].Content = "Xây dựng báo cáo tổng kết và đề xuất nhiệm vụ, giải pháp trọng tâm năm 2026 về KH&CN, đổi mới sáng tạo, chuyển đổi số"
	// Section III becomes IV: a new section III is inserted with a new task.
	for i := 7; i < 10; i++ {
		ts[i].Section = "IV. Báo cáo, kiểm tra"
	}
	added := parser.Task{Appendix: "Phụ lục", Section: "III. Hội nghị", STT: "", Content: "Tổ chức hội nghị sơ kết một năm thực hiện Nghị quyết tại thành phố",
		Lead: []string{"Văn phòng UBND thành phố"}, Deadline: parser.Deadline{Text: "15/12/2025", Kind: "date", Due: "2025-12-15"}}
	// Drop task 5; insert the new task before section IV; renumber rows.
	var nt []parser.Task
	for i, tk := range ts {
		if i == 4 {
			continue
		}
		if i == 7 {
			nt = append(nt, added)
		}
		nt = append(nt, tk)
	}
	for i := range nt {
		nt[i].STT = strconv.Itoa(i + 1)
	}
	newReg := clone(old)
	newReg.Tasks = nt

	return newReg
}

// TestEdits makes one edit of each kind to a plan and expects exactly those
// reported: a task dropped, one added, one re-dated, one re-assigned, two
// swapped in order, one reworded by a few words, and a whole section
// renumbered (with the rows renumbered after the drop).
func TestEdits(t *testing.T) {
	old := sectioned(t)
	newReg := editedPlan(t, old)
	res := Compare(old, newReg, Options{})
	want := []string{
		"removed 5/ ",
		"changed 7/6 lead",
		"added /7 ",
		"changed 9/9 deadline",
		"changed 10/10 content",
	}
	if got := outline(res); !reflect.DeepEqual(got, want) {
		t.Fatalf("changes:\n got %q\nwant %q", got, want)
	}
	if want := (Summary{Same: 6, Changed: 3, Added: 1, Removed: 1}); res.Summary != want {
		t.Errorf("summary = %+v, want %+v", res.Summary, want)
	}
	wantRen := []Rename{{Kind: "section", Old: "III. Báo cáo, kiểm tra", New: "IV. Báo cáo, kiểm tra", Renumbered: true, Appendix: "Phụ lục"}}
	if !reflect.DeepEqual(res.Renamed, wantRen) {
		t.Errorf("renamed = %+v, want %+v", res.Renamed, wantRen)
	}
	byOld := map[string]Change{}
	for _, ch := range res.Changes {
		if ch.Old != nil {
			byOld[ch.Old.STT] = ch
		}
	}
	if d := byOld["7"].Detail.Lead; d == nil || !reflect.DeepEqual(d.Added, []string{"Sở Nội vụ"}) || !reflect.DeepEqual(d.Removed, []string{"Sở Tài chính"}) {
		t.Errorf("task 7 lead delta = %+v", d)
	}
	if m := byOld["9"].Detail.Deadline; m == nil || *m != (DeadlineMove{Days: 31, Direction: "later"}) {
		t.Errorf("task 9 deadline move = %+v", m)
	}
	if got := WordsText(byOld["10"].Detail.Words); got != "{+Xây dựng+} báo cáo tổng kết … nhiệm vụ, giải pháp {+trọng tâm+} năm 2026 về KH&CN, …" {
		t.Errorf("task 10 words = %q", got)
	}
}
