package parser

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
	"github.com/kehoach/kehoach/parser/layout"
)

// The agency lexicon is what the pipeline resolves agency names with.
var _ AgencyResolver = (*agency.Lexicon)(nil)

// linesDoc makes a one-page document of text lines.
func linesDoc(text string) *layout.Doc {
	doc := &layout.Doc{Kind: "ocrtext", Pages: []layout.Page{{Number: 1}}}
	for i, l := range strings.Split(text, "\n") {
		doc.Pages[0].Lines = append(doc.Pages[0].Lines, layout.Line{Text: l, Num: i + 1})
	}
	return doc
}

func TestListFormClean(t *testing.T) {
	doc := linesDoc(`2. Chương trình công tác của Ban Chỉ đạo trong 03 tháng cuối năm 2025

a) Họp Phiên thứ II năm 2025 Ban Chỉ đạo UBND tỉnh về phát triển
khoa học, công nghệ

- Nội dung: Sơ kết 9 tháng đầu năm;

- Cơ quan chủ trì: Sở Khoa học và Công nghệ;

- Cơ quan phối hợp: Sở Nội vụ, Công an tỉnh, Thành viên Ban Chỉ đạo, các
Tổ giúp việc Ban Chỉ đạo;

- Thời gian: Tháng 10/2025.

b) Rà soát thủ tục hành chính nội bộ
- Cơ quan thực hiện: Văn phòng UBND tỉnh; Thời gian thực hiện: Quý IV/2025.

c) Theo dõi việc thực hiện
- Cơ quan chủ trì: Sở Nội vụ;
- Thời gian hoàn thành: Hằng tuần hoặc theo yêu cầu.

PHỤ LỤC I
a) Không phải nhiệm vụ thân bài
- Cơ quan chủ trì: Sở Y tế;
- Thời gian: 2025.`)
	tasks := listFormTasks(doc, 2025)
	if len(tasks) != 3 {
		t.Fatalf("got %d tasks: %+v", len(tasks), tasks)
	}
	a := tasks[0]
	if a.STT != "a)" || a.Content != "Họp Phiên thứ II năm 2025 Ban Chỉ đạo UBND tỉnh về phát triển khoa học, công nghệ" {
		t.Errorf("task a: %q %q", a.STT, a.Content)
	}
	if strings.Join(a.Lead, "|") != "Sở Khoa học và Công nghệ" {
		t.Errorf("lead %q", a.Lead)
	}
	if strings.Join(a.Support, "|") != "Sở Nội vụ|Công an tỉnh|Thành viên Ban Chỉ đạo|các Tổ giúp việc Ban Chỉ đạo" {
		t.Errorf("support %q", a.Support)
	}
	if a.Deadline != (Deadline{Text: "Tháng 10/2025", Kind: "month", Due: "2025-10-31"}) {
		t.Errorf("deadline %+v", a.Deadline)
	}
	if a.Section != "2. Chương trình công tác của Ban Chỉ đạo trong 03 tháng cuối năm 2025" {
		t.Errorf("section %q", a.Section)
	}
	if a.Source.Line != 3 || a.Note != "Nội dung: Sơ kết 9 tháng đầu năm" {
		t.Errorf("source %+v note %q", a.Source, a.Note)
	}
	b := tasks[1]
	if b.STT != "b)" || strings.Join(b.Lead, "|") != "Văn phòng UBND tỉnh" || b.Deadline.Text != "Quý IV/2025" {
		t.Errorf("task b: %+v", b)
	}
	c := tasks[2]
	if c.Deadline.Kind != "recurring" || c.Deadline.Every != "week" {
		t.Errorf("task c: %+v", c.Deadline)
	}
}

// The body of seeds/004 (English-model OCR, not repaired): six list-form
// tasks, a) to f), with two markers misread.
func TestListFormOCR(t *testing.T) {
	data, err := os.ReadFile("../testdata/ocrtext/004.txt")
	if err != nil {
		t.Skip(err)
	}
	tasks := listFormTasks(linesDoc(string(data)), 2025)
	type want struct{ stt, content, lead, deadline string }
	wants := []want{
		{"a)", "Hop Phien thu II nam 2025 Ban Chi dao UBND tinh ve phat trien khoa hoc, cong nghe, doi moi sang tao, chuyen doi so va De an 06", "So Khoa hoc va Cong nghe", "Thang 10/2025"},
		{"b)", "Trien khai thuc hien Ke hoach to chuc Ngay hoi Doi moi sang tao va Chuyen doi so tinh Quang Ngai nam 2025", "So Khoa hoc va Cong nghe", "Thang 10/2025"},
		{"c)", "Theo doi, giam sat, danh gia, bao cao ket qua viec trien khai Nghi quyet so 71/NQ-CP ngay 01/4/2025 cua Chinh phu tren He thong thong tin giam sat, danh gia viec thuc hien Nghi quyet so 57-NQ/TW (http://nq57.vn)", "So Khoa hoc va Cong nghe", "Hang tuan hoac theo yeu cau, chi dao cua lanh dao Ban Chi dao"},
		{"d)", "Trien khai thuc hien cong tac danh gia va cong bo ket qua xep hang chi so cai cach hanh chinh (PAR INDEX) cac so, ban, nganh; UBND cac xa, phuong, dac khu tren dia ban tinh nam 2025", "So Noi vu", "Quy IV/2025"},
		{"e)", "Trien khai thuc hien cong tac danh gia va cong bo ket qua danh gia, xep hang Chuyen doi so cac co quan nha nuoc tinh nam 2025", "So Khoa hoc va Cong nghe", "Quy IV/2025"},
		{"f)", "Hop Phien thu III nam 2025 Ban Chi dao cua Uy ban nhan dan tinh Quang Ngai ve phat trien khoa hoc, cong nghe, doi moi sang tao, chuyen doi so va De an 06", "So Khoa hoc va Cong nghe", "Thang 12/2025"},
	}
	if len(tasks) != len(wants) {
		for _, tk := range tasks {
			t.Logf("%+v", tk)
		}
		t.Fatalf("got %d tasks, want %d", len(tasks), len(wants))
	}
	leads, dls := 0, 0
	for i, w := range wants {
		tk := tasks[i]
		if tk.STT != w.stt {
			t.Errorf("task %d: stt %q, want %q", i, tk.STT, w.stt)
		}
		if s := similarity(normalize.Fold(tk.Content), normalize.Fold(w.content)); s < 0.9 {
			t.Errorf("task %s: content %.2f similar:\n got %q\nwant %q", w.stt, s, tk.Content, w.content)
		}
		if len(tk.Lead) == 1 && similarity(normalize.Fold(tk.Lead[0]), normalize.Fold(w.lead)) >= 0.85 {
			leads++
		} else {
			t.Logf("task %s: lead %q, want %q", w.stt, tk.Lead, w.lead)
		}
		if similarity(normalize.Fold(tk.Deadline.Text), normalize.Fold(w.deadline)) >= 0.85 {
			dls++
		} else {
			t.Logf("task %s: deadline %q, want %q", w.stt, tk.Deadline.Text, w.deadline)
		}
		if tk.Appendix != "" || !strings.HasPrefix(normalize.Fold(tk.Section), "2. ") || !strings.Contains(normalize.Fold(tk.Section), "trinh cong tac") {
			t.Errorf("task %s: appendix %q section %q", w.stt, tk.Appendix, tk.Section)
		}
	}
	if tasks[4].Deadline.Kind != "quarter" || tasks[4].Deadline.Due != "2025-12-31" {
		t.Errorf("task e): misread quarter not read: %+v", tasks[4].Deadline)
	}
	if leads < 6 || dls < 5 {
		t.Errorf("leads %d/6, deadlines %d/6 (OCR-noisy, unrepaired)", leads, dls)
	}
}

// similarity is 1 - edit distance / longer length, over runes.
func similarity(a, b string) float64 {
	n := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(normalize.RuneDistance(a, b))/float64(n)
}

func TestFixQuarter(t *testing.T) {
	for in, want := range map[string]string{
		`Quý 1\V/2025`: "Quý IV/2025",
		"Quý 1V/2025":  "Quý IV/2025",
		"Quý 111/2025": "Quý III/2025",
		"Quý IV/2025":  "Quý IV/2025",
		"Quý 17/2025":  "Quý 17/2025",
	} {
		if got := fixQuarter(in); got != want {
			t.Errorf("fixQuarter(%q) = %q, want %q", in, got, want)
		}
	}
}
