package parser_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/export"
	"github.com/kehoach/kehoach/parser"
)

var update = flag.Bool("update", false, "rewrite the golden registers under testdata/seeds")

// TestGoldenSeeds parses every text under testdata/seeds through the whole
// pipeline and compares the register with the stored one, field by field.
// Run with -update to rewrite the stored registers, then read them against
// the source text before committing.
func TestGoldenSeeds(t *testing.T) {
	files, err := filepath.Glob("../testdata/seeds/*.*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed texts under testdata/seeds: %v", err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, ".register.yaml") || strings.HasPrefix(filepath.Base(file), "README") {
			continue
		}
		name := strings.TrimPrefix(filepath.ToSlash(file), "../")
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parser.ParseBytes(data, name)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			golden := strings.TrimSuffix(file, filepath.Ext(file)) + ".register.yaml"
			if *update {
				var buf bytes.Buffer
				if err := export.WriteYAML(&buf, []*parser.Register{got}); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			f, err := os.Open(golden)
			if err != nil {
				t.Fatalf("no golden register (run go test ./parser -run Golden -update): %v", err)
			}
			defer f.Close()
			regs, err := export.ReadRegisters(f, golden)
			if err != nil || len(regs) != 1 {
				t.Fatalf("golden %s: %v", golden, err)
			}
			for _, d := range diffRegisters(regs[0], got) {
				t.Error(d)
			}
		})
	}
}

// diffRegisters lists the fields in which got differs from want.
func diffRegisters(want, got *parser.Register) []string {
	var out []string
	cmp := func(path string, w, g any) {
		if !reflect.DeepEqual(w, g) {
			out = append(out, fmt.Sprintf("%s: want %+q, got %+q", path, w, g))
		}
	}
	cmp("source", want.Source, got.Source)
	wd, gd := reflect.ValueOf(want.Document), reflect.ValueOf(got.Document)
	for i := 0; i < wd.NumField(); i++ {
		cmp("document."+wd.Type().Field(i).Name, wd.Field(i).Interface(), gd.Field(i).Interface())
	}
	if len(want.Tasks) != len(got.Tasks) {
		out = append(out, fmt.Sprintf("tasks: want %d, got %d", len(want.Tasks), len(got.Tasks)))
	}
	for i := 0; i < min(len(want.Tasks), len(got.Tasks)); i++ {
		wt, gt := reflect.ValueOf(want.Tasks[i]), reflect.ValueOf(got.Tasks[i])
		for f := 0; f < wt.NumField(); f++ {
			cmp(fmt.Sprintf("tasks[%d].%s", i, wt.Type().Field(f).Name), wt.Field(f).Interface(), gt.Field(f).Interface())
		}
	}
	cmp("warnings", want.Warnings, got.Warnings)
	return out
}
