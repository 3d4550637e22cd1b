package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/diff")

// golden compares got with testdata/diff/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "diff", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

func editsResult(t *testing.T) *Result {
	old := sectioned(t)
	old.Source, old.Document.Issuer = "v1.yaml", "UBND thành phố Huế"
	n := editedPlan(t, old)
	n.Source = "v2.yaml"
	return Compare(old, n, Options{})
}

func TestWriteTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, editsResult(t), false); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("\x1b[")) {
		t.Error("colour without color")
	}
	golden(t, "edits.txt", b.Bytes())

	b.Reset()
	res := Compare(load(t, "458-web.register.yaml"), load(t, "458-pdf.register.yaml"), Options{})
	if err := WriteText(&b, res, false); err != nil {
		t.Fatal(err)
	}
	golden(t, "458-web-pdf.txt", b.Bytes())

	b.Reset()
	if err := WriteText(&b, res, true); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(ansiRed+"hang"+ansiReset)) || !bytes.Contains(b.Bytes(), []byte(ansiGreen+"trang"+ansiReset)) {
		t.Errorf("colour output lacks coloured words:\n%q", b.String())
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	res := editsResult(t)
	if err := WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	golden(t, "edits.json", b.Bytes())
	if bytes.Contains(b.Bytes(), []byte(`\u0026`)) {
		t.Error("JSON escapes & in KH&CN")
	}
	// The contract's keys, in its order, extra keys after them.
	if got := keys(t, b.Bytes()); !reflect.DeepEqual(got, []string{"old", "new", "summary", "changes", "renamed"}) {
		t.Errorf("top keys = %q", got)
	}
	var top struct {
		Summary json.RawMessage
		Changes []json.RawMessage
	}
	if err := json.Unmarshal(b.Bytes(), &top); err != nil {
		t.Fatal(err)
	}
	if got := keys(t, top.Summary); !reflect.DeepEqual(got, []string{"same", "changed", "added", "removed"}) {
		t.Errorf("summary keys = %q", got)
	}
	for _, c := range top.Changes {
		got := keys(t, c)
		if len(got) < 4 || !reflect.DeepEqual(got[:4], []string{"op", "fields", "old", "new"}) {
			t.Errorf("change keys = %q", got)
		}
	}
	// An empty comparison still has lists, not nulls.
	b.Reset()
	if err := WriteJSON(&b, Compare(nil, nil, Options{})); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"changes": []`) {
		t.Errorf("empty: %s", b.String())
	}
}

// keys lists the keys of a JSON object in order.
func keys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestByAgency(t *testing.T) {
	by := ByAgency(editsResult(t))
	type row struct {
		agency string
		gained []string
		lost   []string
	}
	var got []row
	for _, ac := range by {
		r := row{agency: ac.Agency}
		for _, g := range ac.Gained {
			r.gained = append(r.gained, g.Role+" "+g.Task.STT+" "+string(g.Op))
		}
		for _, l := range ac.Lost {
			r.lost = append(r.lost, l.Role+" "+l.Task.STT+" "+string(l.Op))
		}
		got = append(got, r)
	}
	want := []row{
		{"Các sở, ban, ngành", nil, []string{"support 5 removed"}},
		{"Sở Nội vụ", []string{"lead 6 changed"}, nil},
		{"Sở Tài chính", nil, []string{"lead 6 changed"}},
		{"UBND các xã, phường", nil, []string{"support 5 removed"}},
		{"Văn phòng UBND thành phố", []string{"lead 7 added"}, []string{"lead 5 removed"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by agency:\n got %+v\nwant %+v", got, want)
	}
	var b bytes.Buffer
	if err := WriteAgencyText(&b, by, false); err != nil {
		t.Fatal(err)
	}
	golden(t, "edits-by-agency.txt", b.Bytes())
	b.Reset()
	if err := WriteAgencyJSON(&b, by); err != nil {
		t.Fatal(err)
	}
	var back []AgencyChange
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != len(by) {
		t.Errorf("agency JSON does not read back: %v", err)
	}
}

// Vietnamese order: Đ after D; marks weigh less than letters.
func TestByAgencyCollation(t *testing.T) {
	names := []string{"Ủy ban MTTQ", "Đoàn Thanh niên", "Công an tỉnh", "Sở Y tế", "Bộ đội Biên phòng", "Uỷ ban nhân dân", "Dân quân"}
	old := register([]string{genre[0].text})
	n := register([]string{genre[0].text})
	n.Tasks[0].Lead = names
	var got []string
	for _, ac := range ByAgency(Compare(old, n, Options{})) {
		got = append(got, ac.Agency)
	}
	want := []string{"Bộ đội Biên phòng", "Công an tỉnh", "Dân quân", "Đoàn Thanh niên", "Sở Y tế", "Ủy ban MTTQ", "Uỷ ban nhân dân"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
}

func TestRenderWordsContext(t *testing.T) {
	e := []WordEdit{{"=", "một hai ba bốn năm sáu bảy tám chín mười"}, {"-", "cũ"}, {"+", "mới"}, {"=", "a b c d e f g h i"}, {"-", "x"}, {"=", "k l m n o p q r s"}}
	got := RenderWords(e, painter(false), 2)
	want := "… chín mười [-cũ-] {+mới+} a b … h i [-x-] k l …"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
