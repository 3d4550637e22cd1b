package deadline

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in        string
		kind, due string
		every     string
	}{
		// date
		{"30/11/2025", "date", "2025-11-30", ""},
		{"30-11-2025", "date", "2025-11-30", ""},
		{"30.11.2025", "date", "2025-11-30", ""},
		{"30/09/2025", "date", "2025-09-30", ""},
		{"Ngày 15/12/2025", "date", "2025-12-15", ""},
		{"ngày 30 tháng 11 năm 2025", "date", "2025-11-30", ""},
		{"15/12/2025 (báo cáo)", "date", "2025-12-15", ""},
		{"15/10/2025, 18/10/2025", "date", "2025-10-18", ""},
		{"30/11/25", "date", "2025-11-30", ""},
		{"15/12", "date", "2025-12-15", ""},
		{"Ngay 31/12/2025", "date", "2025-12-31", ""},
		{"29/02/2024", "date", "2024-02-29", ""},
		{"31/02/2025", "text", "", ""},
		{"32/12/2025", "text", "", ""},
		// month
		{"Tháng 11/2025", "month", "2025-11-30", ""},
		{"tháng 11 năm 2025", "month", "2025-11-30", ""},
		{"Tháng 02/2026", "month", "2026-02-28", ""},
		{"Tháng 10-11/2025", "month", "2025-11-30", ""},
		{"Tháng 10, 11/2025", "month", "2025-11-30", ""},
		{"Trong tháng 12/2025", "month", "2025-12-31", ""},
		{"Thang 12/2025", "month", "2025-12-31", ""},
		{"Tháng 12", "month", "2025-12-31", ""},
		{"11/2025", "month", "2025-11-30", ""},
		{"Tháng 10 đến tháng 12/2025", "month", "2025-12-31", ""},
		{"Tháng 13/2025", "text", "", ""},
		// quarter
		{"Quý IV/2025", "quarter", "2025-12-31", ""},
		{"Quý IV-2025", "quarter", "2025-12-31", ""},
		{"Quí 4 năm 2025", "quarter", "2025-12-31", ""},
		{"Quý I/2026", "quarter", "2026-03-31", ""},
		{"Quý II năm 2026", "quarter", "2026-06-30", ""},
		{"Quý III, IV/2025", "quarter", "2025-12-31", ""},
		{"Quý III-IV/2025", "quarter", "2025-12-31", ""},
		{"Quy 1V/2025", "quarter", "2025-12-31", ""},
		{"quy 111/2025", "quarter", "2025-09-30", ""},
		{"Quy 1\\V/2025", "quarter", "2025-12-31", ""},
		{"Trong quý IV", "quarter", "2025-12-31", ""},
		{"6 tháng đầu năm 2026", "quarter", "2026-06-30", ""},
		{"6 tháng cuối năm 2025", "quarter", "2025-12-31", ""},
		{"9 tháng đầu năm", "quarter", "2025-09-30", ""},
		// year
		{"Năm 2025", "year", "2025-12-31", ""},
		{"2025", "year", "2025-12-31", ""},
		{"2025 - 2026", "year", "2026-12-31", ""},
		{"2025–2030", "year", "2030-12-31", ""},
		{"Giai đoạn 2021-2025", "year", "2025-12-31", ""},
		{"Trong năm 2025", "year", "2025-12-31", ""},
		{"Cuối năm 2025", "year", "2025-12-31", ""},
		{"Năm 2025, 2026", "year", "2026-12-31", ""},
		// before
		{"Trước ngày 20/12/2025", "before", "2025-12-19", ""},
		{"Trước 15/12", "before", "2025-12-14", ""},
		{"Trước ngày 01/01/2026", "before", "2025-12-31", ""},
		{"Chậm nhất ngày 30/11/2025", "before", "2025-11-30", ""},
		{"Chậm nhất là ngày 15/12/2025", "before", "2025-12-15", ""},
		{"Đến hết năm 2025", "before", "2025-12-31", ""},
		{"Đến hết tháng 11/2025", "before", "2025-11-30", ""},
		{"Đến ngày 20/12/2025", "before", "2025-12-20", ""},
		{"Trước tháng 12/2025", "before", "2025-11-30", ""},
		{"Trước Quý IV/2025", "before", "2025-09-30", ""},
		{"Hoàn thành trước 31/10/2025", "before", "2025-10-30", ""},
		{"Trudc ngay 20/12/2025", "before", "2025-12-19", ""},
		{"Không muộn hơn 30/11/2025", "before", "2025-11-30", ""},
		{"Trước ngày 31/02/2025", "text", "", ""},
		// recurring
		{"Hàng tháng", "recurring", "", "month"},
		{"Hằng tháng", "recurring", "", "month"},
		{"Hang thang", "recurring", "", "month"},
		{"Định kỳ hằng quý", "recurring", "", "quarter"},
		{"Hằng quý", "recurring", "", "quarter"},
		{"Hằng năm", "recurring", "", "year"},
		{"Hàng năm", "recurring", "", "year"},
		{"Hằng tuần hoặc theo yêu cầu, chỉ đạo của lãnh đạo Ban Chỉ đạo", "recurring", "", "week"},
		{"Thường xuyên, hằng năm", "recurring", "", "year"},
		{"Năm 2025 và các năm tiếp theo", "recurring", "", "year"},
		{"Định kỳ 6 tháng, hằng năm", "recurring", "", "year"},
		{"Mỗi tháng", "recurring", "", "month"},
		// ongoing
		{"Thường xuyên", "ongoing", "", ""},
		{"Thuong xuyen", "ongoing", "", ""},
		{"Thực hiện thường xuyên", "ongoing", "", ""},
		{"Liên tục", "ongoing", "", ""},
		{"Hằng ngày", "ongoing", "", ""},
		{"Thường xuyên các tháng cuối năm", "ongoing", "", ""},
		// event
		{"Sau khi Trung ương ban hành", "event", "", ""},
		{"Sau khi có hướng dẫn của Văn phòng Chính phủ", "event", "", ""},
		{"Theo tiến độ của Bộ Khoa học và Công nghệ", "event", "", ""},
		{"Theo yêu cầu", "event", "", ""},
		{"Khi có yêu cầu", "event", "", ""},
		{"Theo thời gian trong Kế hoạch và các Thông báo", "event", "", ""},
		{"Ngay sau khi được cấp có thẩm quyền ban hành", "event", "", ""},
		// text
		{"", "text", "", ""},
		{"Kịp thời", "text", "", ""},
		{"Đúng hạn", "text", "", ""},
		{"Sớm nhất có thể", "text", "", ""},
	}
	for _, tt := range tests {
		got := Parse(tt.in, 2025)
		want := Deadline{Kind: tt.kind, Due: tt.due, Every: tt.every}
		if got != want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, want)
		}
	}
	if len(tests) < 60 {
		t.Fatalf("only %d forms", len(tests))
	}
}

func TestParseNoYear(t *testing.T) {
	if got := Parse("Tháng 12", 0); got.Kind != "month" || got.Due != "" {
		t.Errorf("Parse without plan year = %+v", got)
	}
	if got := Parse("Trước 15/12", 0); got.Kind != "text" {
		t.Errorf("Parse(before, no year) = %+v", got)
	}
}

func TestLooks(t *testing.T) {
	yes := []string{"Tháng 11/2025", "30/11/2025", "Thường xuyên", "Hằng tháng", "Quý IV/2025", "2025",
		"Sau khi Trung ương ban hành", "Trước ngày 20/12/2025", "Thuong xuyen"}
	no := []string{"Sở Khoa học và Công nghệ", "Các sở, ban, ngành",
		"Rà soát, đánh giá tiến độ triển khai các nhiệm vụ chuyển đổi số, phát triển KH&CN tại các cơ quan tháng 11/2025 theo Nghị định",
		"", "Ghi chú"}
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

func TestFindAll(t *testing.T) {
	line := "15/10/2025, gửi về Văn phòng Thành ủy Công nghệ 18/10/2025"
	spans := FindAll(line)
	var got []string
	for _, s := range spans {
		got = append(got, line[s.Start:s.End])
	}
	if strings.Join(got, "|") != "15/10/2025|18/10/2025" {
		t.Errorf("FindAll = %q", got)
	}
	line = "hoàn thành Tháng 12/2025 và Thường xuyên"
	got = nil
	for _, s := range FindAll(line) {
		got = append(got, line[s.Start:s.End])
	}
	if strings.Join(got, "|") != "Tháng 12/2025|Thường xuyên" {
		t.Errorf("FindAll = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"30/11/2025", "Quý IV/2025", "Trước 15/12", "Hằng tháng", "Tháng 10-11/2025",
		"6 tháng đầu năm 2026", "Sau khi Trung ương ban hành", "2025 - 2026", "31/02/2025", "quy 1V/2025"} {
		f.Add(s, 2025)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		a := Parse(s, year)
		b := Parse(s, year)
		if a != b {
			t.Fatalf("not deterministic: %+v vs %+v", a, b)
		}
		switch a.Kind {
		case "date", "month", "quarter", "year", "before", "recurring", "ongoing", "event", "text":
		default:
			t.Fatalf("kind %q", a.Kind)
		}
		for _, sp := range FindAll(s) {
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
				t.Fatalf("bad span %+v", sp)
			}
		}
		Looks(s)
	})
}

func BenchmarkParse(b *testing.B) {
	forms := []string{"30/11/2025", "Tháng 11/2025", "Quý IV/2025", "Trước ngày 20/12/2025", "Hằng tháng", "Sau khi Trung ương ban hành"}
	for b.Loop() {
		for _, f := range forms {
			Parse(f, 2025)
		}
	}
}
