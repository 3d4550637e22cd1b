package parser

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzAssembleText runs the whole pipeline on text inputs: no panic, no
// error other than an *InputError, and the same register twice.
func FuzzAssembleText(f *testing.F) {
	files, _ := filepath.Glob("../testdata/seeds/*")
	for _, file := range files {
		if strings.HasSuffix(file, ".yaml") {
			continue
		}
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("STT Nội dung Chủ trì Thời hạn\n1\nHọp\nSở A\n30/6/2026\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errA := ParseBytes(data, "fuzz.txt", WithRepair(Never))
		b, errB := ParseBytes(data, "fuzz.txt", WithRepair(Never))
		if (errA == nil) != (errB == nil) {
			t.Fatalf("errors differ: %v / %v", errA, errB)
		}
		if errA != nil {
			var ie *InputError
			if !errors.As(errA, &ie) {
				t.Fatalf("not an InputError: %v", errA)
			}
			if strings.Contains(errA.Error(), "internal error") {
				t.Fatalf("panic inside: %v", errA)
			}
			return
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatal("two parses differ")
		}
	})
}
