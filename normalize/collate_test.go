package normalize

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestCompareAlphabet(t *testing.T) {
	// Each line is in order.
	orders := []string{
		"a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y",
		"a à ả ã á ạ",
		"ba bà bả bã bá bạ bă bằ bẳ bẵ bắ bặ",
		"da dà đa đà",
		"Các Chính Công Đài Sở Ủy Ưu Văn",
		"hoa hòa hỏa",
		"thu thủ thư",
	}
	for _, o := range orders {
		words := strings.Fields(o)
		for i := 1; i < len(words); i++ {
			if Compare(words[i-1], words[i]) >= 0 {
				t.Errorf("Compare(%q, %q) >= 0", words[i-1], words[i])
			}
		}
		shuffled := slices.Clone(words)
		slices.Reverse(shuffled)
		SortStrings(shuffled)
		if !slices.Equal(shuffled, words) {
			t.Errorf("SortStrings = %q, want %q", shuffled, words)
		}
	}
}

func TestCompareNFD(t *testing.T) {
	nfc := "Sở Khoa học"
	nfd := "So\u031b\u0309 Khoa ho\u0323c"
	if Compare(nfc, nfd) != 0 {
		t.Errorf("NFC and NFD differ")
	}
	if string(Key(nfc)) != string(Key(nfd)) {
		t.Errorf("keys differ")
	}
}

func TestSortAgencies(t *testing.T) {
	type row struct{ name string }
	rows := []row{{"Ủy ban nhân dân tỉnh Quảng Ngãi"}, {"Sở Y tế"}, {"Văn phòng Ủy ban nhân dân tỉnh"},
		{"Sở Xây dựng"}, {"Công an tỉnh"}, {"Sở Tư pháp"}, {"Sở Tài chính"}, {"Đài Phát thanh"}, {"Các sở, ban, ngành"}}
	Sort(rows, func(r row) string { return r.name })
	var got []string
	for _, r := range rows {
		got = append(got, r.name)
	}
	want := []string{"Các sở, ban, ngành", "Công an tỉnh", "Đài Phát thanh", "Sở Tài chính", "Sở Tư pháp",
		"Sở Xây dựng", "Sở Y tế", "Ủy ban nhân dân tỉnh Quảng Ngãi", "Văn phòng Ủy ban nhân dân tỉnh"}
	if !slices.Equal(got, want) {
		t.Errorf("Sort = %q\nwant %q", got, want)
	}
}

func ExampleSortStrings() {
	s := []string{"Ủy ban", "Đài", "Công an", "Sở", "Ân", "Ăn", "An"}
	SortStrings(s)
	fmt.Printf("%+q\n", s)
	// Output: ["An" "\u0102n" "\u00c2n" "C\u00f4ng an" "\u0110\u00e0i" "S\u1edf" "\u1ee6y ban"]
}

func BenchmarkSortStrings(b *testing.B) {
	base := strings.Fields("Ủy ban Sở Y tế Văn phòng Công an Chính phủ Các sở Đài Ban Bộ Thanh tra Hội đồng")
	for b.Loop() {
		s := slices.Clone(base)
		SortStrings(s)
	}
}
