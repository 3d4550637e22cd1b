package agency

import (
	"fmt"
	"testing"
)

func TestFix(t *testing.T) {
	// what a plan's agency columns print elsewhere
	seen := NewNames([]string{"Sở KH&CN", "Sở KH&CN", "Sở KH&CN", "UBND các xã, phường",
		"Văn phòng UBND thành phố", "Sở Tài chính", "Sở GD&ĐT", "Sở GD&ĐT"})
	cases := []struct{ in, want string }{
		// an abbreviation one edit from the genre's
		{"Sở KH&GN", "Sở KH&CN"},
		{"Sở KH&CGN", "Sở KH&CN"},
		{"Sở KH&CN (tổng hợp)", "Sở KH&CN (tổng hợp)"},
		// debris glued to a word
		{"Sở@ KH&CN; các sở, ban,\nngành", "Sở KH&CN; các sở, ban,\nngành"},
		// a head read as digits, before a name printed twice or more
		{"39 KH&CN; UBND các\nxã, phường", "Sở KH&CN; UBND các\nxã, phường"},
		// left alone: right names, names nobody else prints, noise
		{"Sở Tài chính", "Sở Tài chính"},
		{"Sở GD&ĐT", "Sở GD&ĐT"},
		{"Sở TN&MT", "Sở TN&MT"},
		{"39 Nội vụ", "39 Nội vụ"},
		{")S('g K&%‘?N’ HẸN e", ")S('g K&%‘?N’ HẸN e"},
		{"UBND tỉnh", "UBND tỉnh"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fix(c.in, seen); got != c.want {
			t.Errorf("Fix(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// an abbreviation the document prints more than its neighbour is its own
	own := NewNames([]string{"Sở KH&GN", "Sở KH&GN"})
	if got := Fix("Sở KH&GN", own); got != "Sở KH&GN" {
		t.Errorf("Fix kept nothing of the document's own abbreviation: %q", got)
	}
	// the same misreading twice in a long plan that prints the right one
	// many times
	twice := NewNames([]string{"Sở KH&GN", "Sở KH&GN", "Sở KH&CGN", "Sở KH&CN", "Sở KH&CN", "Sở KH&CN"})
	for _, in := range []string{"Sở KH&GN", "Sở KH&CGN"} {
		if got := Fix(in, twice); got != "Sở KH&CN" {
			t.Errorf("Fix(%q) with the misreading twice = %q", in, got)
		}
	}
	// without a document prior, the genre's abbreviations still apply
	if got := Fix("Sở KH&GN", nil); got != "Sở KH&CN" {
		t.Errorf("Fix(nil prior) = %q", got)
	}
}

func ExampleFix() {
	seen := NewNames([]string{"Sở KH&CN", "Sở KH&CN", "UBND các xã, phường"})
	for _, s := range []string{"Sở KH&CGN", "39 KH&CN; UBND các xã, phường", "Sở@ KH&CN"} {
		fmt.Printf("%+q\n", Fix(s, seen))
	}
	// Output:
	// "S\u1edf KH&CN"
	// "S\u1edf KH&CN; UBND c\u00e1c x\u00e3, ph\u01b0\u1eddng"
	// "S\u1edf KH&CN"
}
