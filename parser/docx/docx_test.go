package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// makeDOCX builds a DOCX whose body is body, with extra parts.
func makeDOCX(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	return zipOf(t, parts)
}

func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func read(t testing.TB, data []byte) (*layout.Doc, error) {
	t.Helper()
	return Read(bytes.NewReader(data), int64(len(data)), "test.docx")
}

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func tc(props string, paras ...string) string {
	s := `<w:tc><w:tcPr>` + props + `</w:tcPr>`
	if len(paras) == 0 {
		s += `<w:p/>`
	}
	for _, x := range paras {
		s += p(x)
	}
	return s + `</w:tc>`
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

// TestFixtures reads each DOCX fixture and checks its task table cell by
// cell against the tasks the generator wrote beside it.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/docx/*.docx")
	if len(files) < 4 {
		t.Fatalf("fixtures missing: %v (run go run ./testdata/docx/gen)", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var w want
			wb, err := os.ReadFile(strings.TrimSuffix(f, ".docx") + ".want.json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(wb, &w); err != nil {
				t.Fatal(err)
			}
			doc, err := read(t, data)
			if err != nil {
				t.Fatal(err)
			}
			pg := doc.Pages[0]
			if len(pg.Tables) != 1 {
				t.Fatalf("%d tables, want 1", len(pg.Tables))
			}
			tb := pg.Tables[0]
			// The caption stays before the table.
			if tb.At == 0 || !strings.Contains(pg.Lines[tb.At-1].Text, "Kèm theo") {
				t.Errorf("table at %d, after %q", tb.At, pg.Lines[max(tb.At-1, 0)].Text)
			}
			if !tb.Rows[0].Header || tb.Rows[1].Header {
				t.Errorf("header rows: %v %v", tb.Rows[0].Header, tb.Rows[1].Header)
			}
			grid := tb.Grid()
			k := 0
			section := ""
			for ri, row := range grid {
				if len(row) != 6 {
					t.Fatalf("row %d: %d columns", ri, len(row))
				}
				if ri == 0 {
					continue
				}
				if row[1].Merged && row[5].Merged {
					section = row[0].Text()
					continue
				}
				if k >= len(w.Tasks) {
					t.Fatalf("more task rows than tasks")
				}
				wt := w.Tasks[k]
				k++
				join := func(c layout.Cell) string { return strings.Join(strings.Fields(strings.Join(c.Paras, "; ")), " ") }
				if section != wt.Section {
					t.Errorf("task %s: section %q, want %q", wt.STT, section, wt.Section)
				}
				for _, c := range []struct{ got, want, field string }{
					{row[0].Text(), wt.STT, "stt"},
					{strings.Join(strings.Fields(row[1].Text()), " "), wt.Content, "content"},
					{join(row[2]), strings.Join(wt.Lead, "; "), "lead"},
					{join(row[3]), strings.Join(wt.Support, "; "), "support"},
					{row[4].Text(), wt.Deadline, "deadline"},
				} {
					if c.got != c.want {
						t.Errorf("task %s %s:\n got %q\nwant %q", wt.STT, c.field, c.got, c.want)
					}
				}
			}
			if k != len(w.Tasks) {
				t.Errorf("%d task rows, want %d", k, len(w.Tasks))
			}
		})
	}
}

func TestSectionsFixtureSpans(t *testing.T) {
	data, err := os.ReadFile("../../testdata/docx/plan_sections.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	tb := doc.Pages[0].Tables[0]
	// Section row: one cell over six columns.
	if c := tb.Rows[1].Cells; len(c) != 1 || c[0].ColSpan != 6 || c[0].Text() != "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" {
		t.Errorf("section row: %+v", c)
	}
	// Văn phòng UBND thành phố leads four consecutive tasks: one cell.
	found := false
	for _, r := range tb.Rows {
		for _, c := range r.Cells {
			if c.Text() == "Văn phòng UBND thành phố" && c.RowSpan == 4 {
				found = true
			}
		}
	}
	if !found {
		t.Error("no lead cell spanning four rows")
	}
	// Agencies typed as separate paragraphs stay separate.
	if got := tb.Rows[2].Cells[3].Paras; !reflect.DeepEqual(got, []string{"Các sở, ban, ngành", "UBND các xã, phường"}) {
		t.Errorf("support paragraphs: %q", got)
	}
	// A soft line break inside a paragraph is a "\n" in it.
	if got := tb.Rows[2].Cells[1].Paras; len(got) != 1 || !strings.Contains(got[0], ";\ntổng hợp") {
		t.Errorf("soft break: %q", got)
	}
}

func TestStructures(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		extra map[string]string
		check func(t *testing.T, pg layout.Page)
	}{
		{"gridBefore and hMerge", `<w:tbl>` +
			`<w:tr>` + tc(``, "a") + tc(``, "b") + tc(``, "c") + `</w:tr>` +
			`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc(``, "x") + tc(``, "y") + `</w:tr>` +
			`<w:tr>` + tc(`<w:hMerge w:val="restart"/>`, "m") + tc(`<w:hMerge/>`) + tc(``, "z") + `</w:tr>` +
			`</w:tbl>`, nil, func(t *testing.T, pg layout.Page) {
			g := pg.Tables[0].Grid()
			if g[1][1].Text() != "x" || g[1][2].Text() != "y" || g[2][1].Text() != "m" || g[2][2].Text() != "z" {
				t.Errorf("grid: %+v", g)
			}
		}},
		{"vMerge with gridSpan", `<w:tbl>` +
			`<w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "big") + tc(``, "r1") + `</w:tr>` +
			`<w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge/>`) + tc(``, "r2") + `</w:tr>` +
			`<w:tr>` + tc(``, "a") + tc(``, "b") + tc(``, "c") + `</w:tr>` +
			`</w:tbl>`, nil, func(t *testing.T, pg layout.Page) {
			tb := pg.Tables[0]
			if c := tb.Rows[0].Cells[0]; c.ColSpan != 2 || c.RowSpan != 2 {
				t.Errorf("big cell %+v", c)
			}
			if len(tb.Rows[1].Cells) != 1 {
				t.Errorf("continued cell not omitted: %+v", tb.Rows[1].Cells)
			}
			g := tb.Grid()
			if g[1][2].Text() != "r2" || g[2][2].Text() != "c" || !g[1][1].Merged {
				t.Errorf("grid %+v", g)
			}
		}},
		{"nested table flattened", `<w:tbl><w:tr>` + tc(``, "1") +
			`<w:tc><w:tbl><w:tr>` + tc(``, "n1") + tc(``, "n2") + `</w:tr></w:tbl><w:p/></w:tc>` + `</w:tr></w:tbl>`,
			nil, func(t *testing.T, pg layout.Page) {
				if got := pg.Tables[0].Rows[0].Cells[1].Paras; !reflect.DeepEqual(got, []string{"n1", "n2"}) {
					t.Errorf("nested: %q", got)
				}
			}},
		{"frame table unwrapped", p("before") + `<w:tbl><w:tr><w:tc>` + p("inside") +
			`<w:tbl><w:tr>` + tc(``, "a") + tc(``, "b") + `</w:tr><w:tr>` + tc(``, "c") + tc(``, "d") + `</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>` + p("after"),
			nil, func(t *testing.T, pg layout.Page) {
				if len(pg.Tables) != 1 || pg.Tables[0].Rows[1].Cells[1].Text() != "d" {
					t.Fatalf("tables %+v", pg.Tables)
				}
				if pg.Lines[pg.Tables[0].At-1].Text != "inside" || pg.Lines[pg.Tables[0].At+1].Text != "after" {
					t.Errorf("order: %+v at %d", pg.Lines, pg.Tables[0].At)
				}
			}},
		{"runs, fields, revisions, hidden text", `<w:p><w:r><w:t>Kế </w:t></w:r><w:ins><w:r><w:t>hoạch</w:t></w:r></w:ins>` +
			`<w:del><w:r><w:delText>XÓA</w:delText></w:r></w:del>` +
			`<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>` +
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> số 5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
			`<w:hyperlink><w:r><w:t>/KH</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>x</w:t><w:noBreakHyphen/><w:t>y</w:t></w:r></w:p>`,
			nil, func(t *testing.T, pg layout.Page) {
				if got := pg.Lines[0].Text; got != "Kế hoạch số 5/KH\tx-y" {
					t.Errorf("text %q", got)
				}
			}},
		{"text box once, fallback skipped", `<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>` + p("Số: 12/KH-UBND") + `</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + p("Số: 12/KH-UBND") + `</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			nil, func(t *testing.T, pg layout.Page) {
				var texts []string
				for _, l := range pg.Lines {
					texts = append(texts, l.Text)
				}
				if !reflect.DeepEqual(texts, []string{"anchor", "Số: 12/KH-UBND"}) {
					t.Errorf("lines %q", texts)
				}
			}},
		{"content controls", `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>` + p("trong sdt") + `</w:sdtContent></w:sdt>`,
			nil, func(t *testing.T, pg layout.Page) {
				if pg.Lines[0].Text != "trong sdt" {
					t.Errorf("%+v", pg.Lines)
				}
			}},
		{"numbering formats", `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Mục một</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>ý a</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>ý b</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Mục hai</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>ý a lại</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>gạch</w:t></w:r></w:p>`,
			map[string]string{"word/numbering.xml": `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="7">` +
				`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>` +
				`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>` +
				`<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>` +
				`</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`},
			func(t *testing.T, pg layout.Page) {
				var texts []string
				for _, l := range pg.Lines {
					texts = append(texts, l.Text)
				}
				want := []string{"I. Mục một", "a) ý a", "b) ý b", "II. Mục hai", "a) ý a lại", "• gạch"}
				if !reflect.DeepEqual(texts, want) {
					t.Errorf("got  %q\nwant %q", texts, want)
				}
			}},
		{"legacy fonts by style and run", `<w:p><w:r><w:t>KÕ ho¹ch</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t xml:space="preserve"> – Hà Nội</w:t></w:r></w:p>` +
			`<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr><w:t>phô lôc</w:t></w:r></w:p>` +
			`<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr><w:t>Keá hoaïch</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr><w:t>T«i lµ ng­êi ViÖt</w:t></w:r></w:p>`,
			map[string]string{"word/styles.xml": `<w:styles ` + wNS + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>` +
				`<w:style w:type="paragraph" w:styleId="Body"><w:rPr><w:b/></w:rPr></w:style></w:styles>`},
			func(t *testing.T, pg layout.Page) {
				var texts []string
				for _, l := range pg.Lines {
					texts = append(texts, l.Text)
				}
				// The last paragraph names a Unicode font but holds TCVN3
				// mojibake: the detector mends it.
				want := []string{"Kế hoạch – Hà Nội", "PHỤ LỤC", "Kế hoạch", "Tôi là người Việt"}
				if !reflect.DeepEqual(texts, want) {
					t.Errorf("got  %q\nwant %q", texts, want)
				}
				if !pg.Lines[3].Bold || pg.Lines[0].Bold {
					t.Errorf("bold from style: %v %v", pg.Lines[3].Bold, pg.Lines[0].Bold)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := read(t, makeDOCX(t, tt.body, tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, doc.Pages[0])
		})
	}
}

func TestErrors(t *testing.T) {
	good := makeDOCX(t, p("x"), nil)
	deep := strings.Repeat(`<w:tbl><w:tr><w:tc>`, MaxDepth) + strings.Repeat(`</w:tc></w:tr></w:tbl>`, MaxDepth)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("hello world, not a zip"), "zip archive is damaged"},
		{"truncated", good[:len(good)/2], "zip archive is damaged"},
		{"no document", zipOf(t, map[string]string{"a.txt": "x"}), "no word/document.xml"},
		{"excel", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), "Excel workbook"},
		{"malformed xml", zipOf(t, map[string]string{"word/document.xml": `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>x</w:r></w:body>`}), "damaged"},
		{"no body", zipOf(t, map[string]string{"word/document.xml": `<?xml version="1.0"?><foo/>`}), "damaged"},
		{"empty document", makeDOCX(t, `<w:p/>`, nil), "has no text"},
		{"nested too deep", makeDOCX(t, deep, nil), "deeper"},
		{"zip bomb", bombDOCX(t, 300<<20), "suspicious"},
		{"too many entries", manyEntries(t, MaxEntries+1), "suspicious"},
		{"odd ods", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "not a text document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := read(t, tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Hint() == "" {
				t.Errorf("error %T without a hint", err)
			}
		})
	}
}

// bombDOCX makes a DOCX whose document.xml inflates to n bytes (a
// multiple of 1 MB) from a few hundred kilobytes, without compressing n
// bytes: one sync-flushed deflate block of a megabyte of "a" repeats.
func bombDOCX(t testing.TB, n int) []byte {
	t.Helper()
	head := []byte(`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>`)
	var block bytes.Buffer
	fw, _ := flate.NewWriter(&block, flate.BestCompression)
	fw.Write(head)
	fw.Flush()
	first := append([]byte(nil), block.Bytes()...)
	block.Reset()
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	fw.Write(chunk)
	fw.Flush()
	body := append([]byte(nil), block.Bytes()...)
	var raw bytes.Buffer
	raw.Write(first)
	crc := crc32.NewIEEE()
	crc.Write(head)
	for i := 0; i < n>>20; i++ {
		raw.Write(body)
		crc.Write(chunk)
	}
	raw.Write([]byte{0x03, 0x00}) // final empty block
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: uint64(len(head) + n>>20<<20)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	return buf.Bytes()
}

func manyEntries(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < n; i++ {
		zw.CreateHeader(&zip.FileHeader{Name: "f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + itoa(i), Method: zip.Store})
	}
	zw.Close()
	return buf.Bytes()
}

func itoa(i int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
		if i == 0 {
			return string(b)
		}
	}
}

// TestBombHeaderLies checks the budget holds when the sizes in the zip's
// headers understate the content.
func TestBombHeaderLies(t *testing.T) {
	data := bombDOCX(t, 210<<20)
	// Patch the uncompressed size in the central directory to 1 KB.
	i := bytes.LastIndex(data, []byte("PK\x01\x02"))
	if i < 0 {
		t.Fatal("no central directory")
	}
	copy(data[i+24:i+28], []byte{0, 4, 0, 0})
	_, err := read(t, data)
	if err == nil {
		t.Fatal("no error")
	}
	t.Logf("header lies: %v", err)
}

func TestConvertWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Convert(context.Background(), []byte("{\\rtf1 hello}"), "a.rtf")
	if err == nil || !strings.Contains(err.Error(), "LibreOffice") || !errors.Is(err, ErrNoLibreOffice) {
		t.Fatalf("err = %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Hint(), LibreOfficePackage) {
		t.Errorf("hint does not name the package: %v", err)
	}
}

func TestConvertEncrypted(t *testing.T) {
	data := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 100)...)
	data = append(data, utf16le("EncryptionInfo")...)
	data = append(data, utf16le("EncryptedPackage")...)
	_, err := Convert(context.Background(), data, "secret.docx")
	if err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Fatalf("err = %v", err)
	}
}

func FuzzDOCX(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/docx/*.docx")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add(makeDOCX(f, `<w:tbl><w:tr>`+tc(`<w:vMerge w:val="restart"/><w:gridSpan w:val="3"/>`, "a")+`</w:tr><w:tr>`+tc(`<w:vMerge/>`)+`</w:tr></w:tbl>`, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errA := read(t, data)
		b, errB := read(t, data)
		if (errA == nil) != (errB == nil) || !reflect.DeepEqual(a, b) {
			t.Fatal("not deterministic")
		}
		if errA == nil {
			for _, pg := range a.Pages {
				for _, tb := range pg.Tables {
					_ = tb.Grid()
				}
			}
		}
	})
}

// TestBudget checks the decompression budget stops reading past it, even
// where the zip headers would not (Go's zip reader already refuses parts
// longer than their header says; the budget also bounds the sum of parts).
func TestBudget(t *testing.T) {
	a := &archive{left: 1 << 20}
	r := &bounded{r: bytes.NewReader(make([]byte, 2<<20)), c: io.NopCloser(nil), a: a}
	if _, err := io.ReadAll(r); !errors.Is(err, ErrBomb) {
		t.Fatalf("err = %v, want ErrBomb", err)
	}
	a = &archive{left: 1 << 20}
	r = &bounded{r: bytes.NewReader(make([]byte, 1<<20)), c: io.NopCloser(nil), a: a}
	if _, err := io.ReadAll(r); err != nil {
		t.Fatalf("exactly the budget: %v", err)
	}
}

// TestUnnamedVNI reads VNI text whose font the document no longer names:
// the document votes VNI, so a paragraph that reads as well in TCVN3
// ("Cô quan chuû trì") is read as VNI too.
func TestUnnamedVNI(t *testing.T) {
	body := p("Keá hoaïch soá 458/KH-UBND cuûa UÛy ban nhaân daân thaønh phoá Hueá") +
		p("Ñaåy maïnh cung caáp dòch vuï coâng tröïc tuyeán toaøn trình") +
		`<w:tbl><w:tr>` + tc(``, "Cô quan chuû trì") + tc(``, "Thôøi gian hoaøn thaønh") + `</w:tr></w:tbl>`
	doc, err := read(t, makeDOCX(t, body, nil))
	if err != nil {
		t.Fatal(err)
	}
	pg := doc.Pages[0]
	if got := pg.Lines[0].Text; got != "Kế hoạch số 458/KH-UBND của Ủy ban nhân dân thành phố Huế" {
		t.Errorf("line %q", got)
	}
	if got := pg.Tables[0].Rows[0].Cells[0].Text(); got != "Cơ quan chủ trì" {
		t.Errorf("cell %q", got)
	}
}

// FuzzDOCXXML fuzzes the XML of the main part inside a well-formed archive,
// which byte-level changes to a zip (its CRCs, its deflate streams) rarely
// reach.
func FuzzDOCXXML(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/docx/*.docx")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue
		}
		for _, zf := range zr.File {
			if zf.Name == "word/document.xml" {
				rc, _ := zf.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				f.Add(string(b))
			}
		}
	}
	f.Add(`<w:document ` + wNS + `><w:body><w:tbl><w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>` + tc(`<w:hMerge/>`) + tc(`<w:vMerge/>`, "x") + `</w:tr></w:tbl></w:body></w:document>`)
	numbering := `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	f.Fuzz(func(t *testing.T, document string) {
		data := zipOf(t, map[string]string{"word/document.xml": document, "word/numbering.xml": numbering})
		a, errA := read(t, data)
		b, errB := read(t, data)
		if (errA == nil) != (errB == nil) || !reflect.DeepEqual(a, b) {
			t.Fatal("not deterministic")
		}
		if errA == nil {
			for _, pg := range a.Pages {
				for _, tb := range pg.Tables {
					_ = tb.Grid()
				}
			}
		}
	})
}

func TestBackslashNames(t *testing.T) {
	data := zipOf(t, map[string]string{`word\document.xml`: `<w:document ` + wNS + `><w:body>` + p("Kế hoạch") + `</w:body></w:document>`})
	doc, err := read(t, data)
	if err != nil || doc.Pages[0].Lines[0].Text != "Kế hoạch" {
		t.Fatalf("doc %+v, err %v", doc, err)
	}
}
