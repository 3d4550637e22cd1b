package htmlread

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

func read(t testing.TB, s string) (*layout.Doc, error) {
	t.Helper()
	return Read(strings.NewReader(s), "page.html")
}

type want struct {
	Tasks []struct {
		STT      string   `json:"stt"`
		Section  string   `json:"section"`
		Content  string   `json:"content"`
		Lead     []string `json:"lead"`
		Support  []string `json:"support"`
		Deadline string   `json:"deadline"`
	} `json:"tasks"`
}

func TestLegalDatabasePage(t *testing.T) {
	data, err := os.ReadFile("../../testdata/html/plan_legaldb.html")
	if err != nil {
		t.Fatal(err)
	}
	var w want
	wb, err := os.ReadFile("../../testdata/html/plan_legaldb.want.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(wb, &w); err != nil {
		t.Fatal(err)
	}
	doc, err := read(t, string(data))
	if err != nil {
		t.Fatal(err)
	}
	pg := doc.Pages[0]
	var text []string
	for _, l := range pg.Lines {
		text = append(text, l.Text)
	}
	all := strings.Join(text, "\n")
	for _, bad := range []string{"tracking", "ignored", "Trang chủ", "Đăng nhập", "Bản quyền"} {
		if strings.Contains(all, bad) {
			t.Errorf("site chrome kept: %q", bad)
		}
	}
	if !strings.HasPrefix(text[0], "Kế hoạch 458/KH-UBND") {
		t.Errorf("title line %q", text[0])
	}
	if len(pg.Tables) != 3 {
		t.Fatalf("%d tables, want metadata, heading, appendix", len(pg.Tables))
	}
	meta := pg.Tables[0].Grid()
	if meta[0][0].Text() != "Số hiệu" || meta[0][1].Text() != "458/KH-UBND" {
		t.Errorf("metadata %+v", meta[0])
	}
	tb := pg.Tables[2]
	if tb.At == 0 || !strings.Contains(pg.Lines[tb.At-1].Text, "Kèm theo") {
		t.Errorf("appendix table at %d", tb.At)
	}
	if !tb.Rows[0].Header || tb.Rows[1].Header {
		t.Error("header row not marked")
	}
	grid := tb.Grid()
	k, section := 0, ""
	for ri, row := range grid[1:] {
		if len(row) != 6 {
			t.Fatalf("row %d: %d columns", ri+1, len(row))
		}
		if row[1].Merged && row[5].Merged {
			section = row[0].Text()
			continue
		}
		wt := w.Tasks[k]
		k++
		if section != wt.Section || row[0].Text() != wt.STT || row[1].Text() != wt.Content ||
			!reflect.DeepEqual(row[2].Paras, wt.Lead) || !reflect.DeepEqual(row[3].Paras, wt.Support) || row[4].Text() != wt.Deadline {
			t.Errorf("task %s:\n got %q %q %q %q %q %q\nwant %+v", wt.STT, section, row[0].Text(), row[1].Text(), row[2].Paras, row[3].Paras, row[4].Text(), wt)
		}
	}
	if k != len(w.Tasks) {
		t.Errorf("%d tasks, want %d", k, len(w.Tasks))
	}
}

func TestStructures(t *testing.T) {
	tests := []struct {
		name  string
		page  string
		check func(t *testing.T, pg layout.Page)
	}{
		{"spans clamped", `<table><tr><td rowspan="65534" colspan="5000">a</td><td>b</td></tr><tr><td>c</td></tr></table>`,
			func(t *testing.T, pg layout.Page) {
				c := pg.Tables[0].Rows[0].Cells[0]
				if c.RowSpan != 2 || c.ColSpan != MaxSpan {
					t.Errorf("spans %d×%d", c.RowSpan, c.ColSpan)
				}
			}},
		{"rowspan zero fills the table", `<table><tr><td rowspan="0">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>`,
			func(t *testing.T, pg layout.Page) {
				g := pg.Tables[0].Grid()
				if len(g) != 3 || !g[2][0].Merged || g[2][1].Text() != "d" {
					t.Errorf("grid %+v", g)
				}
			}},
		{"paragraphs in cells", `<table><tr><td>Sở A<br>Sở B<p>Sở C</p><ul><li>Sở D</li></ul></td><td>x</td></tr></table>`,
			func(t *testing.T, pg layout.Page) {
				if got := pg.Tables[0].Rows[0].Cells[0].Paras; !reflect.DeepEqual(got, []string{"Sở A", "Sở B", "Sở C", "Sở D"}) {
					t.Errorf("paras %q", got)
				}
			}},
		{"nested table read as paragraphs", `<table><tr><td>1</td><td><table><tr><td>n1</td><td>n2</td></tr></table></td></tr></table>`,
			func(t *testing.T, pg layout.Page) {
				if got := pg.Tables[0].Rows[0].Cells[1].Paras; !reflect.DeepEqual(got, []string{"n1", "n2"}) {
					t.Errorf("paras %q", got)
				}
			}},
		{"layout table unwrapped", `<p>trước</p><table><tr><td><p>trong</p><table><tr><td>a</td><td>b</td></tr></table></td></tr></table><p>sau</p>`,
			func(t *testing.T, pg layout.Page) {
				if len(pg.Tables) != 1 || pg.Tables[0].Rows[0].Cells[1].Text() != "b" {
					t.Fatalf("tables %+v", pg.Tables)
				}
				at := pg.Tables[0].At
				if pg.Lines[at-1].Text != "trong" || pg.Lines[at].Text != "sau" {
					t.Errorf("order %+v at %d", pg.Lines, at)
				}
			}},
		{"th row is a header", `<table><tr><th>STT</th><th>Nội dung</th></tr><tr><td>1</td><td>x</td></tr></table>`,
			func(t *testing.T, pg layout.Page) {
				if !pg.Tables[0].Rows[0].Header || pg.Tables[0].Rows[1].Header {
					t.Error("header")
				}
			}},
		{"legacy fonts", `<p><font face=".VnTime">KÕ ho¹ch</font> số 5</p><p><span style="font-family: 'VNI-Times', serif">Keá hoaïch</span></p><p>T«i lµ ng­êi ViÖt</p><p style="font-family:.VnTimeH">phô lôc</p>`,
			func(t *testing.T, pg layout.Page) {
				var got []string
				for _, l := range pg.Lines {
					got = append(got, l.Text)
				}
				if want := []string{"Kế hoạch số 5", "Kế hoạch", "Tôi là người Việt", "PHỤ LỤC"}; !reflect.DeepEqual(got, want) {
					t.Errorf("got %q", got)
				}
			}},
		{"hidden and chrome", `<div hidden>a</div><div style="display: none">b</div><div role="navigation">c</div><p>thân <b>bài</b></p><p><a href="/x">Đăng xuất</a></p><select><option>d</option></select>`,
			func(t *testing.T, pg layout.Page) {
				if len(pg.Lines) != 1 || pg.Lines[0].Text != "thân bài" || pg.Lines[0].Bold {
					t.Errorf("lines %+v", pg.Lines)
				}
			}},
		{"pre keeps lines", "<pre>dòng 1\n  dòng 2</pre>", func(t *testing.T, pg layout.Page) {
			if len(pg.Lines) != 2 || pg.Lines[1].Text != "dòng 2" {
				t.Errorf("lines %+v", pg.Lines)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := read(t, "<html><body>"+tt.page+"</body></html>")
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, doc.Pages[0])
		})
	}
}

func TestHostile(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"deep divs", strings.Repeat("<div>", 100000) + "x", "deeper"},
		{"deep spans", "<p>" + strings.Repeat("<span>", 100000) + "x", "deeper"},
		{"nested tables", strings.Repeat("<table><tr><td>", 20000), "deeper"},
		{"many tables", strings.Repeat("<table><tr><td>x</td></tr></table>", MaxTables+1), "tables"},
		{"no text", "<html><head><script>var x = 1</script></head><body><nav>menu</nav></body></html>", "no text"},
		{"empty", "", "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := read(t, tt.page)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Hint() == "" {
				t.Errorf("no hint: %v", err)
			}
		})
	}
}

func FuzzHTML(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/html/*.html")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
	f.Add(`<table><tr><td rowspan=3 colspan=2>a<br>b</td></tr><tr><th>c</table>`)
	f.Add(`<pre><font face=".VnTime">KÕ</font></pre>`)
	f.Fuzz(func(t *testing.T, page string) {
		a, errA := read(t, page)
		b, errB := read(t, page)
		if (errA == nil) != (errB == nil) || !reflect.DeepEqual(a, b) {
			t.Fatal("not deterministic")
		}
		if errA == nil {
			for _, tb := range a.Pages[0].Tables {
				_ = tb.Grid()
			}
		}
	})
}
