package ocrtable

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

func docOf(text string) *layout.Doc {
	doc := &layout.Doc{Kind: "ocrtext", Pages: []layout.Page{{Number: 1}}}
	for i, l := range strings.Split(text, "\n") {
		doc.Pages[0].Lines = append(doc.Pages[0].Lines, layout.Line{Text: l, Num: i + 1})
	}
	return doc
}

// rowsOf prints a table's rows as "cell | cell | …".
func rowsOf(t layout.Table) []string {
	var out []string
	for _, r := range t.Rows {
		var cs []string
		for _, c := range r.Cells {
			cs = append(cs, strings.ReplaceAll(c.Text(), "\n", " / "))
		}
		out = append(out, strings.Join(cs, " | "))
	}
	return out
}

// A table in the genre's layout as OCR without positions gives it: the
// right-hand columns on the lines of the task's text, a section row, a
// row in block layout.
const interleaved = `PHỤ LỤC
NHIỆM VỤ CỤ THỂ NĂM 2025

TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời hạn hoàn thành

I. Công tác chỉ đạo, điều hành
Xây dựng kế hoạch triển khai các nhiệm vụ trọng tâm về chuyển đổi số
1 của tỉnh, bảo đảm đồng bộ, hiệu quả và đúng tiến độ đã đề ra tại | Sở Khoa học và | Các sở, ban, ngành 30/11/2025
Kế hoạch của Ban Chỉ đạo Trung ương. Công nghệ
Rà soát, đánh giá mức độ hài lòng của người dân, doanh nghiệp về
2 dịch vụ công trực tuyến; công khai kết quả trên Cổng thông tin | Văn phòng UBND tỉnh | Sở Nội vụ Tháng 12/2025
điện tử của tỉnh.
II. Bảo đảm kinh phí
Bố trí kinh phí cho các nhiệm vụ khoa học, công nghệ, đổi mới sáng
tạo và chuyển đổi số theo quy định hiện hành của pháp luật.

Sở Tài chính

Các sở, ngành, địa
phương

Quý IV/2025
`

func TestTablesInterleaved(t *testing.T) {
	doc := docOf(interleaved)
	Tables(doc)
	p := doc.Pages[0]
	if len(p.Tables) != 1 {
		t.Fatalf("%d tables", len(p.Tables))
	}
	got := rowsOf(p.Tables[0])
	want := []string{
		"STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
		"I. Công tác chỉ đạo, điều hành",
		"1 | Xây dựng kế hoạch triển khai các nhiệm vụ trọng tâm về chuyển đổi số của tỉnh, bảo đảm đồng bộ, hiệu quả và đúng tiến độ đã đề ra tại Kế hoạch của Ban Chỉ đạo Trung ương. | Sở Khoa học và / Công nghệ | Các sở, ban, ngành | 30/11/2025",
		"2 | Rà soát, đánh giá mức độ hài lòng của người dân, doanh nghiệp về dịch vụ công trực tuyến; công khai kết quả trên Cổng thông tin điện tử của tỉnh. | Văn phòng UBND tỉnh | Sở Nội vụ | Tháng 12/2025",
		"II. Bảo đảm kinh phí",
		"1 | Bố trí kinh phí cho các nhiệm vụ khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số theo quy định hiện hành của pháp luật. | Sở Tài chính | Các sở, ngành, địa / phương | Quý IV/2025",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The caption stays before the table; the table's lines are taken out.
	tab := p.Tables[0]
	if tab.At != 3 || p.Lines[0].Text != "PHỤ LỤC" {
		t.Errorf("At = %d, lines %v", tab.At, p.Lines)
	}
	if tab.Rows[0].Header != true || tab.Rows[2].Num != 7 {
		t.Errorf("header %v, row num %d", tab.Rows[0].Header, tab.Rows[2].Num)
	}
}

func TestNoTableInBody(t *testing.T) {
	doc := docOf("KẾ HOẠCH\nTriển khai nhiệm vụ\n1. Mục đích\nNội dung nhiệm vụ được giao cho các cơ quan chủ trì, phối hợp thực hiện.\n")
	warns := Rebuild(doc)
	if len(doc.Pages[0].Tables) != 0 || len(warns) != 0 || len(doc.Pages[0].Lines) != 5 {
		t.Errorf("tables %d, warnings %q, lines %d", len(doc.Pages[0].Tables), warns, len(doc.Pages[0].Lines))
	}
}

func TestHeaderOCR(t *testing.T) {
	lines := []string{
		"Noi dung nhiém vu Co quan chu tri. tham Co”fluan Han\\hoﬁn",
		": ) : muu, thue hién phoi hop thanh",
		"",
		"Céng tdc chi dgo, diéu hanh",
	}
	cols, end, ok := findHeader(lines, 0)
	if !ok || end != 2 || strings.Join(cols, ",") != "stt,content,lead,support,deadline" {
		t.Errorf("findHeader = %v, %d, %v", cols, end, ok)
	}
	lines = []string{"STT Tén nhiém vu Co quan chatri | ©° Ton PhOT 1 Thdihan | Ghicha"}
	cols, _, ok = findHeader(lines, 0)
	if !ok || strings.Join(cols, ",") != "stt,content,lead,support,deadline,note" {
		t.Errorf("findHeader = %v, %v", cols, ok)
	}
}

func TestRomanValue(t *testing.T) {
	for s, v := range map[string]int{"I": 1, "Il": 2, "I11": 3, "111": 3, "IV": 4, "1V": 4, "VI": 6, "|": 1, "X": 10, "ab": 0} {
		if got := romanValue(s); got != v {
			t.Errorf("romanValue(%q) = %d, want %d", s, got, v)
		}
	}
}

func TestFixCaptions(t *testing.T) {
	doc := docOf(" PHU LUC |\nx\n PHU LUC Il\ny\n PHU LUC I\nz\n PHU LUC IV")
	var texts []string
	var refs []ref
	for i, l := range doc.Pages[0].Lines {
		texts = append(texts, l.Text)
		refs = append(refs, ref{0, i})
	}
	fixCaptions(doc, refs, texts)
	var got []string
	for _, l := range doc.Pages[0].Lines {
		if strings.Contains(l.Text, "LUC") {
			got = append(got, strings.TrimSpace(l.Text))
		}
	}
	if strings.Join(got, ",") != "PHU LUC I,PHU LUC II,PHU LUC III,PHU LUC IV" {
		t.Errorf("captions = %q", got)
	}
}

func BenchmarkRebuild004(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		doc := readDoc(b, "../../testdata/ocrtext/004.txt")
		b.StartTimer()
		Rebuild(doc)
	}
}

func FuzzTables(f *testing.F) {
	f.Add(interleaved)
	f.Add("PHU LUC |\nTT Noi dung nhiem vu Co quan chu tri Thoi gian\n1 |x| S& Khoa hoc va | 2025\n")
	f.Add("PHỤ LỤC\nSTT Nội dung Chủ trì Phối hợp Thời hạn\nI. A\n\n10\n| | |\n")
	f.Fuzz(func(t *testing.T, s string) {
		a, b := docOf(s), docOf(s)
		wa, wb := Rebuild(a), Rebuild(b)
		if len(wa) != len(wb) || len(a.Pages[0].Tables) != len(b.Pages[0].Tables) {
			t.Fatalf("not deterministic")
		}
		for _, tab := range a.Pages[0].Tables {
			if tab.At < 0 || tab.At > len(a.Pages[0].Lines) {
				t.Fatalf("At %d out of range", tab.At)
			}
		}
	})
}
