package vnenc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// A sample of plan text with every kind of letter: capitals, ơ/ư with
// tones, đ, stopped rhymes.
const sample = "Kế hoạch số 458/KH-UBND của Ủy ban nhân dân thành phố Huế\n" +
	"Rà soát, đánh giá tiến độ triển khai các nhiệm vụ chuyển đổi số; tổng hợp, báo cáo\n" +
	"Văn phòng UBND thành phố chủ trì, phối hợp với Sở Tài chính và các cơ quan liên quan\n" +
	"Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, thời gian hoàn thành: Quý IV/2025"

func TestLettersRoundTripTCVN3(t *testing.T) {
	letters := vietLetters()
	if len(letters) != 134 {
		t.Fatalf("vietLetters: %d letters, want 134", len(letters))
	}
	for _, r := range letters {
		enc, ok := EncodeTCVN3(string(r))
		if unicode.IsLower(r) || strings.ContainsRune("ĂÂÊÔƠƯĐ", r) {
			if !ok {
				t.Errorf("EncodeTCVN3(%q) not ok", r)
			}
			if got := DecodeTCVN3(enc); got != string(r) {
				t.Errorf("TCVN3 %q → %+q → %q", r, enc, got)
			}
			continue
		}
		// A capital with a tone: TCVN3 spells it in a capitals font.
		if got := DecodeTCVN3Caps(enc); got != string(r) {
			t.Errorf("TCVN3 caps %q → %+q → %q", r, enc, got)
		}
	}
}

func TestLettersRoundTripVNI(t *testing.T) {
	for _, r := range vietLetters() {
		enc := EncodeVNI(string(r))
		if got := DecodeVNI(enc); got != string(r) {
			t.Errorf("VNI %q → %+q → %q", r, enc, got)
		}
		for _, c := range enc {
			if c > 0xFF {
				t.Errorf("VNI %q → %+q: not Latin-1", r, enc)
			}
		}
	}
	// Whole text, capitals included.
	if got := DecodeVNI(EncodeVNI(sample)); got != sample {
		t.Errorf("VNI text round trip:\n%s\n%s", got, sample)
	}
}

func TestTablesAreInjective(t *testing.T) {
	tablesOnce.Do(initTables)
	seen := map[rune]byte{}
	for _, e := range tcvn3Table {
		if b, dup := seen[e.r]; dup {
			t.Errorf("TCVN3: %q at %#x and %#x", e.r, b, e.b)
		}
		seen[e.r] = e.b
	}
	spell := map[string]rune{}
	for r, s := range vniEnc {
		if o, dup := spell[s]; dup {
			t.Errorf("VNI: %q spells both %q and %q", s, r, o)
		}
		spell[s] = r
	}
}

func TestDecode(t *testing.T) {
	lower := strings.ToLower(sample)
	tcvn, _ := EncodeTCVN3(lower)
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf8", []byte(sample), sample, Unicode},
		{"utf8 bom", append([]byte("\xef\xbb\xbf"), sample...), sample, Unicode},
		{"nfd", []byte(norm.NFD.String(sample)), sample, Unicode},
		{"utf16le bom", utf16Bytes(sample, false, true), sample, UTF16},
		{"utf16be bom", utf16Bytes(sample, true, true), sample, UTF16},
		{"utf16le no bom", utf16Bytes(sample, false, false), sample, UTF16},
		{"windows-1258", cp1258(t, sample), sample, Windows1258},
		{"tcvn3 bytes", latin1Bytes(tcvn), lower, TCVN3},
		{"tcvn3 as utf8", []byte(tcvn), lower, TCVN3},
		{"vni bytes", latin1Bytes(EncodeVNI(sample)), sample, VNI},
		{"vni as utf8", []byte(EncodeVNI(sample)), sample, VNI},
		{"viqr", []byte("Ke^' hoa.ch so^' 458/KH-UBND cu?a UBND tha`nh pho^' Hue^'.\nDdo^`ng chi' Nguye^~n Thanh Bi`nh ky'.\n"),
			"Kế hoạch số 458/KH-UBND của UBND thành phố Huế.\nĐồng chí Nguyễn Thanh Bình ký.\n", VIQR},
		{"the paper example", []byte("KÕ ho¹ch"), "Kế hoạch", TCVN3},
		{"plain ascii", []byte("Ke hoach so 458. UBND?"), "Ke hoach so 458. UBND?", Unicode},
		{"french latin-1", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e"), "café crème brûlée", Unicode},
		// English-model OCR of Vietnamese is Unicode with stray Latin-1
		// letters; read as TCVN3 a word or two would spell ("Céc" → "Cộc")
		// and the rest would not ("hién" → "hiộn"): it is left as it is.
		{"english ocr", []byte("Thuc hién nghiém viéc tiép nhé}n, xu 1y phan anh, Céc co quan, don"),
			"Thuc hién nghiém viéc tiép nhé}n, xu 1y phan anh, Céc co quan, don", Unicode},
		{"english ocr short", []byte("hién, Céc co"), "hién, Céc co", Unicode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := DecodeAs(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %+q\nwant %+q", got, tc.want)
			}
			if tc.enc != "" && enc != tc.enc && tc.name != "french latin-1" {
				t.Errorf("encoding %s, want %s", enc, tc.enc)
			}
		})
	}
}

func TestMixedLines(t *testing.T) {
	tcvn, _ := EncodeTCVN3("nội dung nhiệm vụ của các sở, ban, ngành")
	in := "Tôi là người Việt Nam\n" + tcvn + "\nKế hoạch số 5"
	want := "Tôi là người Việt Nam\nnội dung nhiệm vụ của các sở, ban, ngành\nKế hoạch số 5"
	if got := Fix(in); got != want {
		t.Errorf("got %+q", got)
	}
}

func TestUnicodeLeftAlone(t *testing.T) {
	// Real Vietnamese whose letters are all in Latin-1 must not be taken
	// for mojibake.
	for _, s := range []string{"Tôi là ai", "Cà Mau", "Bà Rịa", "Hà Nội", "ô tô", "cá", "Ủy ban", "Đà Nẵng"} {
		if got := Fix(s); got != s {
			t.Errorf("Fix(%q) = %q", s, got)
		}
	}
}

func TestBinary(t *testing.T) {
	bin := []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00")
	if _, err := Decode(bin); !errors.Is(err, ErrBinary) {
		t.Errorf("ELF: err = %v", err)
	}
	if _, err := Decode(make([]byte, 100)); !errors.Is(err, ErrBinary) {
		t.Errorf("NULs: err = %v", err)
	}
}

func TestIsSyllable(t *testing.T) {
	for _, w := range []string{"nghiêng", "quốc", "giữa", "gì", "khuỷu", "người", "hoạch", "Huế", "Đồng", "kỹ", "quỳnh", "thuở", "xoong"} {
		if !IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = false", w)
		}
	}
	for _, w := range []string{"KÕ", "ho¹ch", "kà", "ngiêng", "cèn", "hoàc", "abc", "café", "Th«ng"} {
		if IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = true", w)
		}
	}
}

func TestFontOf(t *testing.T) {
	for name, want := range map[string]Font{".VnTime": FontTCVN3, ".VnTimeH": FontTCVN3Caps, ".VnArialH": FontTCVN3Caps,
		"VNI-Times": FontVNI, "Times New Roman": FontUnicode, "": FontUnicode} {
		if got := FontOf(name); got != want {
			t.Errorf("FontOf(%q) = %v, want %v", name, got, want)
		}
	}
	if got := DecodeFont("phô lôc", FontTCVN3Caps); got != "PHỤ LỤC" {
		t.Errorf("caps font: %q", got)
	}
}

func ExampleDecodeTCVN3() {
	fmt.Printf("%+q\n", DecodeTCVN3("KÕ ho¹ch"))
	// Output: "K\u1ebf ho\u1ea1ch"
}

func ExampleDecodeVNI() {
	fmt.Println(DecodeVNI("Keá hoaïch soá 458/KH-UBND"))
	// Output: Kế hoạch số 458/KH-UBND
}

func ExampleDecode() {
	s, _ := Decode([]byte("Ke^' hoa.ch so^' 1 cu?a UBND tha`nh pho^'"))
	fmt.Println(s)
	// Output: Kế hoạch số 1 của UBND thành phố
}

func utf16Bytes(s string, be, bom bool) []byte {
	var out []byte
	if bom {
		if be {
			out = append(out, 0xFE, 0xFF)
		} else {
			out = append(out, 0xFF, 0xFE)
		}
	}
	for _, r := range s { // BMP only
		if be {
			out = append(out, byte(r>>8), byte(r))
		} else {
			out = append(out, byte(r), byte(r>>8))
		}
	}
	return out
}

func cp1258(t *testing.T, s string) []byte {
	// Windows-1258 spells most toned letters as a base and a combining tone.
	b, err := charmap.Windows1258.NewEncoder().Bytes([]byte(norm.NFD.String(s)))
	if err != nil {
		// precomposed letters that 1258 has (â, ê, ô, ơ, ư, ă, đ) must stay composed
		b, err = charmap.Windows1258.NewEncoder().Bytes([]byte(to1258Form(s)))
		if err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// to1258Form keeps the shape marks composed and the tones separate, the
// form Windows-1258 spells.
func to1258Form(s string) string {
	var out []rune
	var tone rune
	flush := func() {
		if tone != 0 {
			out = append(out, tone)
			tone = 0
		}
	}
	for _, r := range norm.NFD.String(s) {
		switch r {
		case markCirc, markBreve, markHorn:
			out[len(out)-1] = compose(out[len(out)-1], r)
		case markGrave, markAcute, markTilde, markHook, markDot:
			tone = r
		default:
			flush()
			out = append(out, r)
		}
	}
	flush()
	return string(out)
}

func latin1Bytes(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

func FuzzVnenc(f *testing.F) {
	tcvn, _ := EncodeTCVN3(strings.ToLower(sample))
	for _, s := range []string{sample, tcvn, EncodeVNI(sample), "Ke^' hoa.ch", "\xff\xfeK\x00", "caf\xe9", "", "\x00\x01"} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../testdata/legacy/*.txt")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errA := Decode(data)
		b, errB := Decode(data)
		if a != b || (errA == nil) != (errB == nil) {
			t.Fatalf("not deterministic")
		}
		if errA == nil && !norm.NFC.IsNormalString(a) {
			t.Errorf("not NFC: %+q", a)
		}
		_ = Fix(string(data))
		_ = DecodeVIQR(string(data))
	})
}

// TestDocumentVotes checks that a line reading as well in TCVN3 as in VNI
// follows the encoding of the rest of the text.
func TestDocumentVotes(t *testing.T) {
	ambiguous := "Cơ quan chủ trì" // VNI "Cô quan chuû trì" is also TCVN3 "Cụ quan chuỷ trỡ"
	vni := EncodeVNI(sample + "\n" + ambiguous)
	if got := Fix(vni); got != sample+"\n"+ambiguous {
		t.Errorf("VNI text: last line %q", got[strings.LastIndex(got, "\n")+1:])
	}
	tcvn, _ := EncodeTCVN3(strings.ToLower(sample) + "\n" + ambiguous)
	if got := Fix(tcvn); !strings.HasSuffix(got, "\n"+ambiguous) {
		t.Errorf("TCVN3 text: last line %q", got[strings.LastIndex(got, "\n")+1:])
	}
}

func TestVIQRPunctuation(t *testing.T) {
	for in, want := range map[string]string{
		"Bo^. No^.i vu. va` So+? KH&CN.":  "Bộ Nội vụ và Sở KH&CN.",
		"Co' ddu'ng kho^ng?\nXong.":       "Có đúng không?\nXong.",
		"Ba'o ca'o vu., thu+o+`ng xuye^n": "Báo cáo vụ, thường xuyên",
		"Mu.c \\. 5":                      "Mục . 5",
	} {
		if got := DecodeVIQR(in); got != want {
			t.Errorf("DecodeVIQR(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLooksUTF16(t *testing.T) {
	if !LooksUTF16(utf16Bytes(sample, false, false)) || !LooksUTF16(utf16Bytes(sample, true, false)) || !LooksUTF16(utf16Bytes("x", true, true)) {
		t.Error("UTF-16 not recognised")
	}
	if LooksUTF16([]byte(sample)) || LooksUTF16(make([]byte, 64)) {
		t.Error("UTF-8 or NULs taken for UTF-16")
	}
}

func BenchmarkDecode(b *testing.B) {
	tcvn, _ := EncodeTCVN3(strings.ToLower(sample))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"utf8", []byte(sample)},
		{"tcvn3", latin1Bytes(tcvn)},
		{"vni-as-utf8", []byte(EncodeVNI(sample))},
		{"random-high-bytes", func() []byte {
			r := []byte{}
			for i := 0; len(r) < 64<<10; i++ {
				r = append(r, byte(0x80|(i*131+i/7)%128), ' ', byte(0xA0+i%96))
			}
			return r
		}()},
	} {
		data := bytes.Repeat(c.data, max(1, (64<<10)/len(c.data)))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				Decode(data)
			}
		})
	}
}
