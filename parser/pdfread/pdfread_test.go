package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

const fixtures = "../../testdata/pdf"

// buildPDF writes a minimal PDF: objs are the bodies of objects 1..n (a
// "stream:" prefix makes the rest a stream with a /Length), object 1 must
// be the catalog.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if s, ok := strings.CutPrefix(o, "stream:"); ok {
			dict, data, _ := strings.Cut(s, "\n")
			fmt.Fprintf(&b, "<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
		} else {
			b.WriteString(o)
		}
		b.WriteString("\nendobj\n")
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// cidFont is a Type0 font with Identity-H codes, widths from /W and a
// ToUnicode map that has a bfrange whose destination's low byte overflows
// (the library decodes "ộ" there as "Ù") and an array destination.
const cidFont = `<</Type/Font/Subtype/Type0/BaseFont/Test-Bold/Encoding/Identity-H/DescendantFonts[<</Type/Font/Subtype/CIDFontType2/BaseFont/Test-Bold/DW 500/W[49[722] 3[250] 257 260 556 474 474 556]>>]/ToUnicode 5 0 R>>`

const toUnicode = `stream:
/CIDInit/ProcSet findresource begin
12 dict begin
begincmap
/CMapName/Test def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0031> <004E>
<0003> <0020>
endbfchar
2 beginbfrange
<0100> <01FF> <1DFF>
<0101> <0104> [<0069> <0063> <0068> <00FA>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

func readBytes(t *testing.T, data []byte) *layout.Doc {
	t.Helper()
	doc, err := Read(bytes.NewReader(data), int64(len(data)), "test.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestCIDFontWidthsAndToUnicode(t *testing.T) {
	// "Nội" + a space glyph + "chú", then a word set apart by TJ kerning.
	content := `BT /F1 10 Tf 1 0 0 1 100 700 Tm <003101DA0101000301020103> Tj [<0104> -2000 <0031>] TJ ET`
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 6 0 R>>`,
		cidFont,
		toUnicode,
		"stream:\n"+content,
	)
	doc := readBytes(t, data)
	if len(doc.Pages) != 1 || len(doc.Pages[0].Lines) != 1 {
		t.Fatalf("got %+v", doc.Pages)
	}
	l := doc.Pages[0].Lines[0]
	if l.Text != "Nội chú N" {
		t.Errorf("text %q, want %q", l.Text, "Nội chú N")
	}
	if !l.Bold {
		t.Error("bold font not reported")
	}
	w := l.Words[0]
	// N (722) + ộ (556) + i (556) at 10 pt, from x=100, baseline 800-700.
	if w.X != 100 || w.Y != 100 || w.W < 18.3 || w.W > 18.4 {
		t.Errorf("first word box %+v", w)
	}
	if last := l.Words[2]; last.X < 100+18.34+2.5+5.56*3+20-0.1 {
		t.Errorf("kerned word at %v, too close", last.X)
	}
}

func TestRulesFormXObjectAndRotate(t *testing.T) {
	content := `q 0.5 w 50 700 m 550 700 l S 49.75 500 0.5 200 re f 0 0 600 100 re f Q /X1 Do`
	form := `stream:/Type/XObject/Subtype/Form/BBox[0 0 600 800]/Matrix[1 0 0 1 0 -100]/Resources<</Font<</F1 4 0 R>>>>
BT /F1 12 Tf 100 650 Td (Ghi) Tj ET`
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1/Rotate 180>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</XObject<</X1 7 0 R>>>>/Contents 6 0 R>>`,
		`<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 32/LastChar 126/Widths[`+strings.Repeat("500 ", 95)+`]>>`,
		`<<>>`,
		"stream:\n"+content,
		form,
	)
	doc := readBytes(t, data)
	p := doc.Pages[0]
	// Rotated by 180° the text runs right to left: the reader turns the
	// page back so it reads.
	if len(p.Lines) != 1 || p.Lines[0].Text != "Ghi" {
		t.Fatalf("lines %+v", p.Lines)
	}
	if got := p.Lines[0].Words[0]; got.X != 100 || got.Y != 250 {
		t.Errorf("word from the form at %v,%v, want 100,250", got.X, got.Y)
	}
	var h, v int
	for _, r := range p.Rules {
		if r.Horizontal() {
			h++
		} else {
			v++
		}
	}
	if h != 1 || v != 1 {
		t.Errorf("rules %+v: want one stroked horizontal and one thin filled vertical (the big fill is no rule)", p.Rules)
	}
}

func TestFixtures(t *testing.T) {
	for _, tc := range []struct {
		file  string
		pages int
		want  []string // lines that must appear, in order
	}{
		{"appendix_bordered.pdf", 2, []string{"Phụ lục", "NHIỆM VỤ CỤ THỂ RÀ SOÁT, ĐÔN ĐỐC TRIỂN KHAI NGHỊ QUYẾT", "57-NQ/TW (QUÝ IV NĂM 2025)"}},
		{"appendix_cid.pdf", 2, []string{"Phụ lục", "NHIỆM VỤ CỤ THỂ RÀ SOÁT, ĐÔN ĐỐC TRIỂN KHAI NGHỊ QUYẾT",
			"(Kèm theo Kế hoạch số: 458/KH-UBND ngày 25 tháng 11 năm 2025 của UBND thành phố Huế)",
			"STT Nội dung nhiệm vụ Cơ quan chủ Cơ quan phối Thời gian Ghi chú"}},
		{"appendix_landscape.pdf", 2, []string{"Phụ lục"}},
		{"pdf20.pdf", 2, []string{"Phụ lục"}},
		{"encrypted_open.pdf", 2, []string{"Phụ lục"}},
		{"rotated.pdf", 2, []string{"Phụ lục"}},
		{"damaged_xref.pdf", 2, []string{"Phụ lục"}},
		{"shifted.pdf", 2, []string{"Phụ lục"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtures, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc := readBytes(t, data)
			if len(doc.Pages) != tc.pages {
				t.Errorf("%d pages, want %d", len(doc.Pages), tc.pages)
			}
			k := 0
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					if strings.ContainsRune(l.Text, '\uFFFD') || strings.Contains(l.Text, "  ") {
						t.Errorf("page %d: bad text %q", p.Number, l.Text)
					}
					if k < len(tc.want) && l.Text == tc.want[k] {
						k++
					}
					for _, w := range l.Words {
						if w.W <= 0 || w.H <= 0 || w.X < 0 || w.X+w.W > p.Width+1 || w.Y < 0 || w.Y > p.Height {
							t.Errorf("page %d: word %+v outside the page", p.Number, w)
						}
					}
				}
			}
			if k < len(tc.want) {
				t.Errorf("line %q not found", tc.want[k])
			}
		})
	}
}

func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "bad", "*.pdf"))
	if len(files) < 5 {
		t.Fatalf("only %d bad fixtures", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Read(bytes.NewReader(data), int64(len(data)), f)
		var enc *EncryptedError
		var bad *CorruptError
		switch {
		case strings.Contains(f, "encrypted"):
			if !errors.As(err, &enc) {
				t.Errorf("%s: err %v, want *EncryptedError", f, err)
			}
		case !errors.As(err, &bad):
			t.Errorf("%s: err %v, want *CorruptError", f, err)
		}
		if h, ok := err.(interface{ Hint() string }); !ok || h.Hint() == "" {
			t.Errorf("%s: error without a hint", f)
		}
	}
}

// TestDamagedPage checks that a page whose content cannot be read gives an
// error naming the page, not a panic.
func TestDamagedPage(t *testing.T) {
	page := func(contents string) string {
		return `<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents ` + contents + `>>`
	}
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>`,
		page("5 0 R"),
		page("6 0 R"),
		"stream:\nBT ET",
		"stream:/Filter/FlateDecode\nnot zlib data at all",
	)
	_, err := Read(bytes.NewReader(data), int64(len(data)), "x.pdf")
	var bad *CorruptError
	if !errors.As(err, &bad) || bad.Page != 2 || !strings.Contains(err.Error(), "page 2") {
		t.Fatalf("err %v, want a corrupt page 2", err)
	}
}

// TestScanPage checks that a page without text comes back without lines.
func TestScanPage(t *testing.T) {
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents 4 0 R>>`,
		"stream:\nq 600 0 0 800 0 0 cm Q",
	)
	doc := readBytes(t, data)
	if len(doc.Pages) != 1 || len(doc.Pages[0].Lines) != 0 || doc.Pages[0].Width != 600 {
		t.Fatalf("got %+v", doc.Pages)
	}
}

func FuzzReadPDF(f *testing.F) {
	for _, pat := range []string{"*.pdf", "bad/*.pdf"} {
		files, _ := filepath.Glob(filepath.Join(fixtures, pat))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) < 80000 {
				f.Add(data)
			}
		}
	}
	f.Add(buildPDF(`<</Type/Catalog/Pages 2 0 R>>`, `<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 6 0 R>>`,
		cidFont, toUnicode, "stream:\nBT /F1 10 Tf 100 700 Td <003101DA> Tj ET"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(bytes.NewReader(data), int64(len(data)), "fuzz.pdf")
		if err == nil && doc == nil {
			t.Fatal("no document and no error")
		}
	})
}

// TestInlineImage checks that the binary data of an inline image, which
// the library's Interpret cannot read, is skipped.
func TestInlineImage(t *testing.T) {
	content := "BI /W 4 /H 1 /BPC 8 /CS /G ID \x00\xff)(\x10] EI\nBT /F1 12 Tf 100 650 Td (G\\150\\\ni) Tj ET"
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>`,
		`<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>`,
		"stream:\n"+content,
	)
	doc := readBytes(t, data)
	if l := doc.Pages[0].Lines; len(l) != 1 || l[0].Text != "Ghi" {
		t.Fatalf("lines %+v", l)
	}
}

func TestLexer(t *testing.T) {
	lx := lexer{b: []byte(`% comment
/Na#6De (a\(b\)c\101) <4E 6f7> [1 -2.5 (x)] << /K [1] >> true Tj`)}
	var got []string
	for {
		o, op, ok := lx.next()
		if !ok {
			break
		}
		if op != "" {
			got = append(got, "op:"+op)
			continue
		}
		got = append(got, fmt.Sprintf("%c:%q:%v:%d", o.kind, o.str, o.num, len(o.arr)))
	}
	want := []string{`/:"Name":0:0`, `s:"a(b)cA":0:0`, `s:"Nop":0:0`, `a:"":0:3`, `x:"":0:0`, `x:"":0:0`, "op:Tj"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestLegacyFont checks that text set in a TCVN3 font (".VnTime") comes out
// in Unicode.
func TestLegacyFont(t *testing.T) {
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R/F2 5 0 R>>>>/Contents 6 0 R>>`,
		`<</Type/Font/Subtype/TrueType/BaseFont/ABCDEF+.VnTime/Encoding/WinAnsiEncoding>>`,
		`<</Type/Font/Subtype/TrueType/BaseFont/Times-Roman/Encoding/WinAnsiEncoding>>`,
		"stream:\nBT /F1 12 Tf 100 700 Td (K\\325 ho\\271ch) Tj /F2 12 Tf 60 0 Td (s\\363) Tj ET",
	)
	doc := readBytes(t, data)
	if l := doc.Pages[0].Lines; len(l) != 1 || l[0].Text != "Kế hoạch só" {
		t.Fatalf("lines %+v", l)
	}
}

// TestLetterSpacing checks that a title set with wide character spacing
// stays one word, and words still part where a space is.
func TestLetterSpacing(t *testing.T) {
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>`,
		`<</Type/Font/Subtype/Type1/BaseFont/Helvetica-Bold/FirstChar 32/LastChar 126/Widths[`+strings.Repeat("600 ", 95)+`]>>`,
		"stream:\nBT /F1 14 Tf 5 Tc 100 700 Td (KE HOACH) Tj ET",
	)
	doc := readBytes(t, data)
	if l := doc.Pages[0].Lines; len(l) != 1 || l[0].Text != "KE HOACH" {
		t.Fatalf("lines %+v", l)
	}
}

// TestVerticalText checks that text turned on its side (a header cell
// rotated in a narrow column) is kept, read along its run, in order.
func TestVerticalText(t *testing.T) {
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>`,
		`<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 32/LastChar 126/Widths[`+strings.Repeat("500 ", 95)+`]>>`,
		"stream:\nBT /F1 12 Tf 100 700 Td (Noi dung nhiem vu) Tj ET BT /F1 12 Tf 0 1 -1 0 300 600 Tm (Thoi han) Tj ET"+
			" BT /F1 12 Tf 0 -1 1 0 400 700 Tm (Ghi chu) Tj ET",
	)
	doc := readBytes(t, data)
	var got []string
	for _, l := range doc.Pages[0].Lines {
		got = append(got, l.Text)
	}
	want := []string{"Noi dung nhiem vu", "Ghi chu", "Thoi han"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("lines %q, want %q", got, want)
	}
	for _, l := range doc.Pages[0].Lines[1:] {
		if len(l.Words) != 2 || l.Words[0].Y >= l.Words[1].Y || l.Words[0].W != 12 {
			t.Errorf("%q: words %+v", l.Text, l.Words)
		}
	}
}

// TestOverprint checks that text drawn twice half a point apart (bold
// faked by overprinting) reads once.
func TestOverprint(t *testing.T) {
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>`,
		`<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 32/LastChar 126/Widths[`+strings.Repeat("500 ", 95)+`]>>`,
		"stream:\nBT /F1 12 Tf 100 700 Td (Ghi chu) Tj ET BT /F1 12 Tf 100.5 700 Td (Ghi chu) Tj ET",
	)
	doc := readBytes(t, data)
	if l := doc.Pages[0].Lines; len(l) != 1 || l[0].Text != "Ghi chu" {
		t.Fatalf("lines %+v", l)
	}
}

// TestCombiningMarks checks that marks drawn as glyphs of their own, a
// little left of their letter, join it: "ộ" from o, dot below, circumflex.
func TestCombiningMarks(t *testing.T) {
	// Codes 1: N, 2: o, 3: i, 4: U+0323, 5: U+0302 (marks of no width).
	cmap := `stream:
/CIDInit/ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange
<00> <FF>
endcodespacerange
5 beginbfchar
<01> <004E>
<02> <006F>
<03> <0069>
<04> <0323>
<05> <0302>
endbfchar
endcmap
end
end`
	data := buildPDF(
		`<</Type/Catalog/Pages 2 0 R>>`,
		`<</Type/Pages/Kids[3 0 R]/Count 1>>`,
		`<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 4 0 R>>>>/Contents 6 0 R>>`,
		`<</Type/Font/Subtype/TrueType/BaseFont/Test/FirstChar 1/LastChar 5/Widths[722 500 278 0 0]/ToUnicode 5 0 R>>`,
		cmap,
		"stream:\nBT /F1 10 Tf 100 700 Td <01> Tj 7 0 Td <02> Tj -0.5 0 Td <04> Tj 0 0 Td <05> Tj 5.5 0 Td <03> Tj ET",
	)
	doc := readBytes(t, data)
	if l := doc.Pages[0].Lines; len(l) != 1 || l[0].Text != "Nội" {
		t.Fatalf("lines %+v", l)
	}
}
