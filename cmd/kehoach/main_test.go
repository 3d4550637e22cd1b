package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kehoach": func() { os.Exit(Main(os.Args[1:], systemStreams())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script against the
// real binary. Files the scripts read from the repository's testdata are
// reachable as $TESTDATA.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", root)
			return nil
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"parse", "--bogus"}, exitUsage, "unknown flag"},
		{[]string{"parse", "-f", "docx", empty}, exitUsage, "must be one of"},
		{[]string{"parse", filepath.Join(dir, "missing.pdf")}, exitInput, "no such file"},
		{[]string{"parse", dir}, exitInput, "is a directory"},
		{[]string{"parse", empty}, exitInput, "empty"},
		{[]string{"export"}, exitUsage, "requires at least 1 arg"},
		{[]string{"check", "--update"}, exitUsage, "--update needs --golden"},
		{[]string{"version"}, exitOK, ""},
	}
	for _, tt := range tests {
		s, _, errb := testStreams("")
		code := Main(tt.args, s)
		if code != tt.code {
			t.Errorf("kehoach %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.code, errb)
		}
		if tt.err != "" && !strings.Contains(errb.String(), tt.err) {
			t.Errorf("kehoach %s: stderr %q lacks %q", strings.Join(tt.args, " "), errb, tt.err)
		}
		if strings.Contains(errb.String(), "goroutine ") || strings.Contains(errb.String(), "panic") {
			t.Errorf("kehoach %s: stack trace on stderr:\n%s", strings.Join(tt.args, " "), errb)
		}
	}
}

func TestBinaryInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.bin")
	data := make([]byte, 4096)
	for i := range data {
		data[i] = byte(i * 7919 % 251)
	}
	os.WriteFile(junk, data, 0o644)
	out := filepath.Join(dir, "out.yaml")
	s, _, errb := testStreams("")
	if code := Main([]string{"parse", junk, "-o", out}, s); code != exitInput {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitInput, errb)
	}
	if !strings.Contains(errb.String(), "junk.bin") {
		t.Errorf("message does not name the file: %s", errb)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("output written for a failed run")
	}
}

// TestScanWithoutOCR: without tesseract, a scanned PDF is refused with a
// message naming the packages, exit 3, and no output. (It runs the command
// in-process with an empty PATH; no other in-process test reads a scan, so
// the OCR check, made once per process, sees that PATH.)
func TestScanWithoutOCR(t *testing.T) {
	scan, err := filepath.Abs("../../testdata/ocr/seed001.scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(scan); err != nil {
		t.Skip("no scan fixture")
	}
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "out.yaml")
	s, _, errb := testStreams("")
	if code := Main([]string{"parse", scan, "-o", out}, s); code != exitInput {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInput, errb)
	}
	for _, want := range []string{"seed001.scan.pdf", "tesseract-ocr-vie"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("output written for a failed run")
	}
}
