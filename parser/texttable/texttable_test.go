package texttable

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

func TestHeaderField(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{"STT", FieldSTT}, {"TT", FieldSTT}, {"Số TT", FieldSTT},
		{"Nội dung nhiệm vụ", FieldContent}, {"Tên nhiệm vụ", FieldContent}, {"Nội dung, nhiệm vụ", FieldContent},
		{"Nhiệm vụ, giải pháp", FieldContent}, {"**Nội dung công việc**", FieldContent},
		{"Cơ quan chủ trì", FieldLead}, {"Đơn vị chủ trì", FieldLead}, {"Đơn vị thực hiện", FieldLead},
		{"Cơ quan chủ trì tham mưu, thực hiện", FieldLead}, {"Trách nhiệm thực hiện", FieldLead},
		{"Co quan chu tri. tham muu", FieldLead}, // OCR without diacritics
		{"Cơ quan phối hợp", FieldSupport}, {"Đơn vị phối hợp", FieldSupport},
		{"Thời gian hoàn thành", FieldDeadline}, {"Thời hạn", FieldDeadline}, {"Thời gian thực hiện", FieldDeadline},
		{"Tiến độ", FieldDeadline}, {"Hạn hoàn thành", FieldDeadline},
		{"Sản phẩm", FieldResult}, {"Dự kiến kết quả", FieldResult}, {"Sản phẩm đầu ra", FieldResult},
		{"Ghi chú", FieldNote}, {"Kinh phí", FieldOther}, {"Đơn vị tính", ""}, {"", ""},
		// OCR letter slips in the header
		{"SIT", FieldSTT}, {"S1T", FieldSTT}, {"Co quan phai hgp", FieldSupport}, {"Ghi chi", FieldNote},
		{"Thei gian hoan thanh", FieldDeadline}, {"Co quan chi tri", FieldLead}, {"Noi dung nhiém vu", FieldContent},
		{"Sở Tài chính", ""}, {"Văn phòng UBND thành phố", ""}, {"SIS", ""}, {"Hàng tháng", ""},
	} {
		if got := HeaderField(c.header); got != c.want {
			t.Errorf("HeaderField(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

func TestSplitHeader(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"STT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành Ghi chú",
			[]string{FieldSTT, FieldContent, FieldLead, FieldSupport, FieldDeadline, FieldNote}},
		{"TT Tên nhiệm vụ Đơn vị thực hiện Thời hạn Sản phẩm",
			[]string{FieldSTT, FieldContent, FieldLead, FieldDeadline, FieldResult}},
		{"STT Nội dung, nhiệm vụ Đơn vị thực hiện Đơn vị phối hợp Thời gian hoàn thành",
			[]string{FieldSTT, FieldContent, FieldLead, FieldSupport, FieldDeadline}},
	} {
		cols, ok, partial := splitHeader(c.text)
		var got []string
		for _, col := range cols {
			got = append(got, col.field)
		}
		if !ok || partial || !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitHeader(%q) = %v ok=%v partial=%v, want %v", c.text, got, ok, partial, c.want)
		}
	}
	if _, ok, partial := splitHeader("STT Nội dung nhiệm vụ Cơ quan chủ"); !ok || !partial {
		t.Errorf("a header cut inside a phrase should be partial")
	}
	if _, ok, _ := splitHeader("STT Họ và tên"); ok {
		t.Errorf("unknown columns should not make a header")
	}
}

func TestIsDeadline(t *testing.T) {
	yes := []string{"Tháng 11/2025", "30/11/2025", "Quý IV/2025", "Hàng tháng", "Hằng quý", "Thường xuyên",
		"Trước ngày 15/12/2025", "Năm 2025 và các năm tiếp theo", "2025-2030", "6 tháng đầu năm 2026", "Định kỳ hằng năm"}
	no := []string{"Sở KH&CN", "năm 2026 về KH&CN, đổi mới sáng tạo, chuyển", "hoàn thành", "UBND các xã, phường", "Báo cáo kết quả", ""}
	for _, s := range yes {
		if !IsDeadline(s) {
			t.Errorf("IsDeadline(%q) = false", s)
		}
	}
	for _, s := range no {
		if IsDeadline(s) {
			t.Errorf("IsDeadline(%q) = true", s)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name   string
		lines  []string
		fields []string
		want   []string
	}{
		{"lead and support both wrapped",
			[]string{"Hoàn thiện hạ tầng kỹ thuật, thiết bị cho các", "trung tâm phục vụ hành chính công", "Văn phòng", "UBND tỉnh", "Sở Tài chính;", "UBND các huyện", "30/6/2026"},
			[]string{FieldContent, FieldLead, FieldSupport, FieldDeadline, FieldNote},
			[]string{"Hoàn thiện hạ tầng kỹ thuật, thiết bị cho các\ntrung tâm phục vụ hành chính công", "Văn phòng\nUBND tỉnh", "Sở Tài chính;\nUBND các huyện", "30/6/2026", ""}},
		{"support and deadline on one line",
			[]string{"Kiểm tra việc thực hiện quy chế tại các cơ quan", "Sở Nội vụ", "Thanh tra tỉnh Quý II/2026"},
			[]string{FieldContent, FieldLead, FieldSupport, FieldDeadline},
			[]string{"Kiểm tra việc thực hiện quy chế tại các cơ quan", "Sở Nội vụ", "Thanh tra tỉnh", "Quý II/2026"}},
		{"with a product column, no note",
			[]string{"Xây dựng cơ sở dữ liệu cán bộ, công chức của", "tỉnh", "Sở Nội vụ", "Năm 2026", "Cơ sở dữ liệu được", "vận hành"},
			[]string{FieldContent, FieldLead, FieldDeadline, FieldResult},
			[]string{"Xây dựng cơ sở dữ liệu cán bộ, công chức của\ntỉnh", "Sở Nội vụ", "Năm 2026", "Cơ sở dữ liệu được\nvận hành"}},
		{"empty support",
			[]string{"Tổ chức hội nghị sơ kết", "Sở Khoa học và", "Công nghệ", "Tháng 12/2026"},
			[]string{FieldContent, FieldLead, FieldSupport, FieldDeadline},
			[]string{"Tổ chức hội nghị sơ kết", "Sở Khoa học và\nCông nghệ", "", "Tháng 12/2026"}},
	} {
		got, _ := Split(c.lines, c.fields)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func docOf(text string) *layout.Doc {
	doc := &layout.Doc{Kind: "plaintext"}
	page := layout.Page{Number: 1}
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "\f") {
			doc.Pages = append(doc.Pages, page)
			page = layout.Page{Number: len(doc.Pages) + 1}
			l = strings.TrimPrefix(l, "\f")
		}
		page.Lines = append(page.Lines, layout.Line{Text: l, Num: i + 1})
	}
	doc.Pages = append(doc.Pages, page)
	return doc
}

func rowsOf(tab layout.Table) [][]string {
	var out [][]string
	for _, r := range tab.Rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, strings.Join(c.Paras, " / "))
		}
		out = append(out, cells)
	}
	return out
}

func TestRebuildPlainExtractor(t *testing.T) {
	b, err := os.ReadFile("../../testdata/seeds/002.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := docOf(string(b))
	warnings := Rebuild(doc)
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	p := doc.Pages[0]
	if len(p.Tables) != 1 {
		t.Fatalf("%d tables", len(p.Tables))
	}
	rows := rowsOf(p.Tables[0])
	if len(rows) != 11 {
		t.Fatalf("%d rows, want 11 (header and 10 tasks): %q", len(rows), rows)
	}
	if !reflect.DeepEqual(rows[0], []string{"STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"}) {
		t.Errorf("header %q", rows[0])
	}
	// Row 8 ends just before the page number and the repeated header.
	if want := []string{"8", "Báo cáo kết quả, minh chứng thực hiện Nghị\nquyết 57-NQ/TW và các nhiệm vụ liên quan trên\nhệ thống giám sát",
		"Các sở, ban,\nngành; UBND\ncác xã, phường", "Sở KH&CN (tổng\nhợp)", "Hàng tháng", ""}; !reflect.DeepEqual(rows[8], want) {
		t.Errorf("row 8\n got %q\nwant %q", rows[8], want)
	}
	if want := []string{"9", "Tổ chức kiểm tra, hướng dẫn các xã, phường\nhoàn thiện điều kiện hoạt động Trung tâm phục\nvụ hành chính công cấp xã",
		"Văn phòng\nUBND thành\nphố", "Sở KH&CN", "Tháng 11/2025", ""}; !reflect.DeepEqual(rows[9], want) {
		t.Errorf("row 9\n got %q\nwant %q", rows[9], want)
	}
	if p.Tables[0].Rows[1].Num != 20 {
		t.Errorf("row 1 at line %d, want 20", p.Tables[0].Rows[1].Num)
	}
	// The table's lines left Page.Lines; the caption stays before it.
	for _, l := range p.Lines {
		if strings.Contains(l.Text, "KH&CN") {
			t.Errorf("table line left in the lines: %d %q", l.Num, l.Text)
		}
	}
	at := p.Tables[0].At
	for at > 0 && strings.TrimSpace(p.Lines[at-1].Text) == "" {
		at--
	}
	if at == 0 || !strings.HasPrefix(p.Lines[at-1].Text, "(Kèm theo") {
		t.Errorf("table anchored after line %d", at)
	}
}

func TestRebuildPagesAndSections(t *testing.T) {
	text := strings.Join([]string{
		"PHỤ LỤC I",
		"TT Tên nhiệm vụ Đơn vị chủ trì Tiến độ Sản phẩm",
		"I. NHIỆM VỤ CHUNG",
		"1",
		"Ban hành quy chế phối hợp giữa các cơ quan",
		"trong việc chia sẻ dữ liệu",
		"Sở Tư pháp",
		"Quý I/2026",
		"Quy chế",
		"2",
		"Xây dựng kế hoạch ứng dụng trí tuệ nhân tạo",
		"\f3",
		"trong cơ quan nhà nước",
		"Sở Khoa học và",
		"Công nghệ",
		"Năm 2026",
		"Kế hoạch",
		"II. NHIỆM VỤ CỤ THỂ",
		"1",
		"Đào tạo kỹ năng số cho công chức",
		"Sở Nội vụ",
		"Hằng năm",
		"Nơi nhận:",
		"- Như trên;",
	}, "\n")
	doc := docOf(text)
	Rebuild(doc)
	var tables []layout.Table
	for _, p := range doc.Pages {
		tables = append(tables, p.Tables...)
	}
	if len(tables) != 1 {
		t.Fatalf("%d tables", len(tables))
	}
	want := [][]string{
		{"TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Tiến độ", "Sản phẩm"},
		{"I", "NHIỆM VỤ CHUNG", "", "", ""},
		{"1", "Ban hành quy chế phối hợp giữa các cơ quan\ntrong việc chia sẻ dữ liệu", "Sở Tư pháp", "Quý I/2026", "Quy chế"},
		{"2", "Xây dựng kế hoạch ứng dụng trí tuệ nhân tạo\ntrong cơ quan nhà nước", "Sở Khoa học và\nCông nghệ", "Năm 2026", "Kế hoạch"},
		{"II", "NHIỆM VỤ CỤ THỂ", "", "", ""},
		{"1", "Đào tạo kỹ năng số cho công chức", "Sở Nội vụ", "Hằng năm", ""},
	}
	if got := rowsOf(tables[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	last := doc.Pages[len(doc.Pages)-1].Lines
	if len(last) != 2 || last[0].Text != "Nơi nhận:" {
		t.Errorf("lines after the table: %v", last)
	}
}

func TestFollows(t *testing.T) {
	for _, c := range []struct {
		prev, n string
		want    bool
	}{{"", "1", true}, {"1", "2", true}, {"2", "1.1", false}, {"2", "2.1", true}, {"2.1", "2.2", true},
		{"2.3", "3", true}, {"8", "2", false}, {"1", "a)", true}} {
		if got := follows(c.prev, c.n); got != c.want {
			t.Errorf("follows(%q, %q) = %v", c.prev, c.n, got)
		}
	}
}

// FuzzTexttable checks that no text makes Rebuild panic, that it is
// deterministic, and that it keeps every line of text (in the lines or in
// a table).
func FuzzTexttable(f *testing.F) {
	if b, err := os.ReadFile("../../testdata/seeds/002.txt"); err == nil {
		f.Add(string(b))
	}
	f.Add("STT Nội dung Chủ trì Thời hạn\n1\nLàm việc\nSở A\n30/6/2026\n2\n\fSTT Nội dung Chủ trì Thời hạn\n")
	f.Fuzz(func(t *testing.T, text string) {
		a, b := docOf(text), docOf(text)
		wa, wb := Rebuild(a), Rebuild(b)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(wa, wb) {
			t.Fatal("two rebuilds differ")
		}
		for _, p := range a.Pages {
			for _, tab := range p.Tables {
				if tab.At < 0 || tab.At > len(p.Lines) {
					t.Fatalf("table at %d of %d lines", tab.At, len(p.Lines))
				}
			}
		}
	})
}

func TestRebuildNumbersBesideText(t *testing.T) {
	text := strings.Join([]string{
		"STT Nội dung nhiệm vụ Cơ quan chủ trì Thời hạn",
		"I",
		"CÔNG TÁC CHỈ ĐẠO",
		"1 Ban hành kế hoạch thực hiện mô hình hợp tác",
		"3 Nhà tại địa phương",
		"Sở Khoa học và Công nghệ",
		"Tháng 3/2026",
		"2 Sơ kết việc thực hiện",
		"Sở Nội vụ",
		"Quý IV/2026",
		"NHIỆM VỤ KHÁC",
		"3",
		"Báo cáo UBND tỉnh",
		"Sở Nội vụ",
		"Hằng quý",
	}, "\n")
	doc := docOf(text)
	Rebuild(doc)
	want := [][]string{
		{"STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"},
		{"I", "CÔNG TÁC CHỈ ĐẠO", "", ""},
		{"1", "Ban hành kế hoạch thực hiện mô hình hợp tác\n3 Nhà tại địa phương", "Sở Khoa học và Công nghệ", "Tháng 3/2026"},
		{"2", "Sơ kết việc thực hiện", "Sở Nội vụ", "Quý IV/2026"},
		{"", "NHIỆM VỤ KHÁC", "", ""},
		{"3", "Báo cáo UBND tỉnh", "Sở Nội vụ", "Hằng quý"},
	}
	if got := rowsOf(doc.Pages[0].Tables[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}
