package repair

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLine checks that repair never panics, keeps the number of lines and
// fields, and never makes invalid UTF-8 out of valid input.
func FuzzLine(f *testing.F) {
	for _, s := range []string{
		"Ké hoach s6 02-KH/TU ngay 21/10/2025",
		"Cong hoa xa hoi chu nghia Viet Nam",
		"B§ k¥ hi¢u ﬁ so' thu'c I11/2025 NP-CP",
		"a\nb\n\nc",
		"“(x)” - + 1. 2) ...",
		"\xff\xfe bad utf8",
	} {
		f.Add(s)
	}
	r, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := r.Text(s)
		if strings.Count(out, "\n") != strings.Count(s, "\n") {
			t.Fatalf("line count changed: %q → %q", s, out)
		}
		if len(strings.Fields(out)) != len(strings.Fields(s)) {
			t.Fatalf("field count changed: %q → %q", s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of valid input: %q → %q", s, out)
		}
	})
}
