package parser

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
	"github.com/kehoach/kehoach/parser/textread"
)

// tab builds a table from rows of cell texts; "\n" inside a text separates
// paragraphs.
func tab(rows ...[]string) layout.Table {
	var t layout.Table
	for i, r := range rows {
		row := layout.Row{Num: 100 + i, Page: 1}
		for _, c := range r {
			cell := layout.Cell{ColSpan: 1, RowSpan: 1}
			if c != "" {
				cell.Paras = strings.Split(c, "\n")
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// docWith makes a one-page document of lines, then tables anchored after
// all of them.
func docWith(lines []string, tables ...layout.Table) *layout.Doc {
	p := layout.Page{Number: 1}
	for i, l := range lines {
		p.Lines = append(p.Lines, layout.Line{Text: l, Num: i + 1})
	}
	for _, t := range tables {
		t.At = len(p.Lines)
		p.Tables = append(p.Tables, t)
	}
	return &layout.Doc{Name: "test", Kind: "docx", Pages: []layout.Page{p}}
}

func TestMapHeaderWordings(t *testing.T) {
	for _, c := range []struct {
		header []string
		want   []string
	}{
		{[]string{"STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"},
			[]string{"stt", "content", "lead", "support", "deadline", "note"}},
		{[]string{"TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm"},
			[]string{"stt", "content", "lead", "support", "deadline", "result"}},
		{[]string{"**STT**", "**Nội dung, nhiệm vụ**", "**Đơn vị thực hiện**", "**Tiến độ**", "**Dự kiến kết quả**"},
			[]string{"stt", "content", "lead", "deadline", "result"}},
		{[]string{"TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì tham mưu, thực hiện", "Thời gian thực hiện", "Sản phẩm đầu ra", "Kinh phí"},
			[]string{"stt", "content", "lead", "deadline", "result", "other"}},
		{[]string{"Stt", "Noi dung nhiem vu", "Trach nhiem thuc hien", "Thoi han"}, // stripped
			[]string{"stt", "content", "lead", "deadline"}},
	} {
		var cells []layout.Cell
		for _, h := range c.header {
			cells = append(cells, layout.Cell{Paras: []string{h}})
		}
		if got := mapHeader(cells).field; !reflect.DeepEqual(got, c.want) {
			t.Errorf("mapHeader(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

func TestSectionsAndSTTForms(t *testing.T) {
	full := tab([]string{"II. NHIỆM VỤ CỤ THỂ"})
	full.Rows[0].Cells[0].ColSpan = 5
	table := tab(
		[]string{"STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"},
		[]string{"A", "NHIỆM VỤ CHUNG", "", "", ""},
		[]string{"I", "Công tác chỉ đạo, điều hành", "", "", ""},
		[]string{"1", "Xây dựng kế hoạch năm", "Sở Nội vụ", "", "Tháng 3/2026"},
		[]string{"2", "Nhóm nhiệm vụ về dữ liệu", "", "", ""},
		[]string{"2.1", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "Quý II/2026"},
		[]string{"5.1.3", "Cập nhật dữ liệu dân cư", "Công an tỉnh", "", "Thường xuyên"},
		[]string{"a)", "Rà soát thủ tục", "Văn phòng UBND tỉnh", "", "30/6/2026"},
		[]string{"09", "Báo cáo sơ kết", "Sở Nội vụ", "", "Tháng 12/2026"},
	)
	table.Rows = append(table.Rows, full.Rows[0])
	table.Rows = append(table.Rows, tab([]string{"1", "Đào tạo kỹ năng số", "Sở Nội vụ", "", "Hằng năm"}).Rows...)
	doc := docWith([]string{"PHỤ LỤC II"}, table)
	reg := assemble(doc, &options{})
	type ts struct{ appendix, section, stt, content string }
	var got []ts
	for _, task := range reg.Tasks {
		got = append(got, ts{task.Appendix, task.Section, task.STT, task.Content})
	}
	want := []ts{
		{"Phụ lục II", "I. Công tác chỉ đạo, điều hành", "1", "Xây dựng kế hoạch năm"},
		{"Phụ lục II", "2. Nhóm nhiệm vụ về dữ liệu", "2.1", "Xây dựng cơ sở dữ liệu dùng chung"},
		{"Phụ lục II", "2. Nhóm nhiệm vụ về dữ liệu", "5.1.3", "Cập nhật dữ liệu dân cư"},
		{"Phụ lục II", "2. Nhóm nhiệm vụ về dữ liệu", "a)", "Rà soát thủ tục"},
		{"Phụ lục II", "2. Nhóm nhiệm vụ về dữ liệu", "09", "Báo cáo sơ kết"},
		{"Phụ lục II", "II. NHIỆM VỤ CỤ THỂ", "1", "Đào tạo kỹ năng số"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks\n got %q\nwant %q", got, want)
	}
	if len(reg.Warnings) != 0 {
		t.Errorf("warnings %q", reg.Warnings)
	}
	if task := reg.Tasks[1]; !reflect.DeepEqual(task.Lead, []string{"Sở Khoa học và Công nghệ"}) || task.Source.Line != 105 {
		t.Errorf("task 2.1 = %+v", task)
	}
}

func TestTaskOverSeveralRows(t *testing.T) {
	table := tab(
		[]string{"STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"},
		[]string{"1", "Triển khai nền tảng số:", "Sở Khoa học và Công nghệ", "Năm 2026"},
		[]string{"", "- Nền tảng họp trực tuyến;", "", ""},
		[]string{"", "- Nền tảng văn bản điện tử", "", ""},
		[]string{"2", "Tổ chức tập huấn", "Sở Nội vụ", "Quý III/2026"},
	)
	// STT, lead and deadline of task 1 span its three rows.
	for _, c := range []int{0, 2, 3} {
		table.Rows[1].Cells[c].RowSpan = 3
	}
	for _, r := range []int{2, 3} {
		table.Rows[r].Cells = table.Rows[r].Cells[1:2]
	}
	reg := assemble(docWith(nil, table), &options{})
	if len(reg.Tasks) != 2 {
		t.Fatalf("%d tasks: %+v", len(reg.Tasks), reg.Tasks)
	}
	t1 := reg.Tasks[0]
	if t1.Content != "Triển khai nền tảng số: - Nền tảng họp trực tuyến; - Nền tảng văn bản điện tử" ||
		!reflect.DeepEqual(t1.Lead, []string{"Sở Khoa học và Công nghệ"}) || t1.Deadline.Text != "Năm 2026" {
		t.Errorf("task 1 = %+v", t1)
	}
	if t1.Appendix != "" {
		t.Errorf("a table in the body has appendix %q", t1.Appendix)
	}
}

func TestNotTaskTables(t *testing.T) {
	indicators := tab(
		[]string{"STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu năm 2026"},
		[]string{"1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "80"},
	)
	headerLayout := tab(
		[]string{"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"},
		[]string{"Số: 458/KH-UBND", "Huế, ngày 25 tháng 11 năm 2025"},
	)
	meta := tab([]string{"Số hiệu", "458/KH-UBND"}, []string{"Loại văn bản", "Kế hoạch"})
	schedule := tab(
		[]string{"STT", "Đơn vị được kiểm tra", "Thời gian", "Thành phần đoàn"},
		[]string{"1", "UBND xã A", "Tháng 5/2026", "Sở Nội vụ"},
	)
	reg := assemble(docWith(nil, indicators, headerLayout, meta, schedule), &options{})
	if len(reg.Tasks) != 0 {
		t.Errorf("tasks from tables that are not task tables: %+v", reg.Tasks)
	}
	if reg.Document.Issuer != "Ủy ban nhân dân thành phố Huế" || reg.Document.Number != "458/KH-UBND" || reg.Document.Date != "2025-11-25" {
		t.Errorf("document %+v", reg.Document)
	}
}

func TestExtraColumnsAndWarnings(t *testing.T) {
	table := tab(
		[]string{"TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Kinh phí", "Thời hạn", "Ghi chú"},
		[]string{"1", "Mua sắm thiết bị", "Sở Tài chính", "500 triệu đồng", "Quý II/2026", "Nguồn ngân sách tỉnh"},
		[]string{"2", "Nâng cấp phần mềm", "", "", "Năm 2026", ""},
		[]string{"3", "", "Sở Nội vụ", "", "", ""},
	)
	reg := assemble(docWith([]string{"Phụ lục I"}, table), &options{})
	if len(reg.Tasks) != 3 {
		t.Fatalf("%d tasks", len(reg.Tasks))
	}
	if n := reg.Tasks[0].Note; n != "Nguồn ngân sách tỉnh; Kinh phí: 500 triệu đồng" {
		t.Errorf("note %q", n)
	}
	want := []string{
		"Phụ lục I, dòng 2: cột cơ quan chủ trì không đọc được",
		"Phụ lục I, dòng 3: cột nội dung nhiệm vụ không đọc được",
	}
	if !reflect.DeepEqual(reg.Warnings, want) {
		t.Errorf("warnings\n got %q\nwant %q", reg.Warnings, want)
	}
}

func TestAppendixLabel(t *testing.T) {
	for _, c := range []struct {
		line, want string
		ok         bool
	}{
		{"PHỤ LỤC II", "Phụ lục II", true},
		{"Phụ lục", "Phụ lục", true},
		{"**PHỤ LỤC I**", "Phụ lục I", true},
		{"PHỤ LỤC I: DANH MỤC NHIỆM VỤ", "Phụ lục I", true},
		{"Phụ lục số 2", "Phụ lục 2", true},
		{"Phụ lục II kèm theo được triển khai đúng tiến độ.", "", false},
		{"Phụ lục: danh sách các cơ quan tham gia", "", false},
		{"Nhiệm vụ tại Phụ lục I", "", false},
	} {
		got, ok := appendixLabel(c.line)
		if got != c.want || ok != c.ok {
			t.Errorf("appendixLabel(%q) = %q, %v; want %q, %v", c.line, got, ok, c.want, c.ok)
		}
	}
}

func TestHeaderBlock(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  Document
	}{
		{"plain extractor, two columns merged", []string{
			"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc",
			"Số: 52/KH-UBND Quảng Ngãi, ngày 29 tháng 10 năm 2025",
			"KẾ HOẠCH",
			"Chuyển đổi số trong các cơ quan nhà nước",
			"của tỉnh năm 2026",
			"Căn cứ Luật Tổ chức chính quyền địa phương;",
			"TM. ỦY BAN NHÂN DÂN",
			"KT. CHỦ TỊCH",
			"PHÓ CHỦ TỊCH",
			"Trần Văn Minh",
		}, Document{Number: "52/KH-UBND", Type: "Kế hoạch", Issuer: "Ủy ban nhân dân tỉnh Quảng Ngãi", Place: "Quảng Ngãi",
			Date: "2025-10-29", Title: "Chuyển đổi số trong các cơ quan nhà nước của tỉnh năm 2026", Signer: "Trần Văn Minh"}},
		{"steering committee under a party committee", []string{
			"THÀNH ỦY HẢI PHÒNG",
			"BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ,",
			"ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
			"Số 01-KH/BCĐ",
			"Hải Phòng, ngày 18 tháng 10 năm 2025",
			"KẾ HOẠCH",
			"triển khai kết luận của Ban Chỉ đạo Trung ương",
		}, Document{Number: "01-KH/BCĐ", Type: "Kế hoạch", Issuer: "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
			Place: "Hải Phòng", Date: "2025-10-18", Title: "triển khai kết luận của Ban Chỉ đạo Trung ương"}},
		{"official letter", []string{
			"SỞ KHOA HỌC VÀ CÔNG NGHỆ",
			"Số: 88/SKHCN-CĐS",
			"V/v triển khai nhiệm vụ chuyển đổi số",
			"quý I năm 2026",
			"Đà Nẵng, ngày 05 tháng 01 năm 2026",
			"Kính gửi: Các sở, ban, ngành",
		}, Document{Number: "88/SKHCN-CĐS", Type: "Công văn", Issuer: "Sở Khoa học và Công nghệ", Place: "Đà Nẵng",
			Date: "2026-01-05", Title: "Triển khai nhiệm vụ chuyển đổi số quý I năm 2026"}},
		{"date with slashes", []string{
			"UBND HUYỆN ĐÔNG ANH",
			"Số: 7/KH-UBND",
			"Đông Anh, ngày 09/01/2026",
		}, Document{Number: "7/KH-UBND", Issuer: "Ủy ban nhân dân huyện Đông Anh", Place: "Đông Anh", Date: "2026-01-09"}},
		{"appendix alone", []string{
			"Phụ lục",
			"DANH MỤC NHIỆM VỤ",
			"(Kèm theo Kế hoạch số:  12  /KH-BCĐ ngày 05/3/2026 của BCĐ tỉnh",
			"Bình Định)",
		}, Document{Number: "12/KH-BCĐ", Type: "Kế hoạch", Issuer: "Ban Chỉ đạo tỉnh Bình Định", Place: "Bình Định", Date: "2026-03-05"}},
		{"legal database title line", []string{
			"Quyết định 15/2026/QĐ-UBND năm 2026 ban hành Quy chế quản lý dữ liệu do tỉnh Nghệ An ban hành",
		}, Document{Number: "15/2026/QĐ-UBND", Type: "Quyết định", Title: "Ban hành Quy chế quản lý dữ liệu"}},
	} {
		got := readDocument(readingOrder(docWith(c.lines)), &options{})
		if got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestNameCase(t *testing.T) {
	for in, want := range map[string]string{
		"ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ":           "Ủy ban nhân dân thành phố Huế",
		"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH":         "Sở Văn hóa, Thể thao và Du lịch",
		"CHI CỤC THUẾ KHU VỰC I":                  "Chi cục Thuế khu vực I",
		"BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH BẮC NINH": "Ban Chỉ đạo chuyển đổi số tỉnh Bắc Ninh",
	} {
		if got := nameCase(in); got != want {
			t.Errorf("nameCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExpandIssuer(t *testing.T) {
	for in, want := range map[string]string{
		"UBND thành phố Huế":      "Ủy ban nhân dân thành phố Huế",
		"HĐND tỉnh Quảng Trị":     "Hội đồng nhân dân tỉnh Quảng Trị",
		"BCĐ tỉnh Bình Định":      "Ban Chỉ đạo tỉnh Bình Định",
		"UBND TP. Hồ Chí Minh":    "Ủy ban nhân dân thành phố Hồ Chí Minh",
		"Ủy ban nhân dân xã Long": "Ủy ban nhân dân xã Long",
	} {
		if got := expandIssuer(in, nil); got != want {
			t.Errorf("expandIssuer(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTwoRowHeader(t *testing.T) {
	table := tab(
		[]string{"STT", "Nội dung", "Cơ quan thực hiện", "", "Thời gian", ""},
		[]string{"", "", "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành"},
		[]string{"1", "Xây dựng đề án", "Sở Nội vụ", "Sở Tư pháp", "Tháng 1/2026", "Tháng 6/2026"},
	)
	// the upper header cells span their sub-columns
	table.Rows[0].Cells[2].ColSpan, table.Rows[0].Cells[4].ColSpan = 2, 2
	table.Rows[0].Cells = []layout.Cell{table.Rows[0].Cells[0], table.Rows[0].Cells[1], table.Rows[0].Cells[2], table.Rows[0].Cells[4]}
	table.Rows[0].Cells[0].RowSpan, table.Rows[0].Cells[1].RowSpan = 2, 2
	table.Rows[1].Cells = table.Rows[1].Cells[2:]
	reg := assemble(docWith(nil, table), &options{})
	if len(reg.Tasks) != 1 {
		t.Fatalf("%d tasks: %+v", len(reg.Tasks), reg.Tasks)
	}
	task := reg.Tasks[0]
	if !reflect.DeepEqual(task.Lead, []string{"Sở Nội vụ"}) || !reflect.DeepEqual(task.Support, []string{"Sở Tư pháp"}) ||
		task.Deadline.Text != "Tháng 6/2026" || task.Note != "Thời gian bắt đầu: Tháng 1/2026" {
		t.Errorf("task %+v", task)
	}
}

func TestPlausibleCut(t *testing.T) {
	good := Task{Content: "Rà soát thủ tục", Lead: []string{"Sở Nội vụ"}, Support: []string{"các sở, ban, ngành", "Hiệp hội doanh nghiệp"},
		Deadline: Deadline{Text: "Quý IV/2025", Kind: "quarter"}}
	if !plausibleCut(good) {
		t.Errorf("a well-cut task reads as implausible")
	}
	for name, bad := range map[string]Task{
		"content starts mid-sentence": {Content: "đổi số; ưu tiên bố trí", Lead: []string{"Sở Tài chính"}},
		"agency with half a bracket":  {Content: "Báo cáo", Lead: []string{"Sở KH&CN nghiệp) thúc đẩy"}},
		"deadline word as agency":     {Content: "Báo cáo", Lead: []string{"Sở KH&CN"}, Support: []string{"Tháng"}},
		"agency in lower case":        {Content: "Báo cáo", Lead: []string{"người dân, doanh nghiệp về TTHC"}},
	} {
		if plausibleCut(bad) {
			t.Errorf("%s: reads as plausible", name)
		}
	}
}

func BenchmarkAssembleWeb(b *testing.B) {
	data, err := os.ReadFile("../testdata/seeds/001.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := textread.Read(string(data), "001.txt")
	for b.Loop() {
		assemble(doc, &options{})
	}
}
