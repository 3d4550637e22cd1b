package geom_test

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach/parser/geom"
	"github.com/kehoach/kehoach/parser/layout"
)

// TestHeaderEndsAtItsRule checks that a ruled header row stops at the rule
// under it even when the first task's line, close under the rule, is made
// of words that also name columns.
func TestHeaderEndsAtItsRule(t *testing.T) {
	p := layout.Page{Number: 1, Width: 600, Height: 800, Lines: []layout.Line{
		line(100, 50.0, "STT", 120.0, "Nội dung nhiệm vụ", 320.0, "Cơ quan chủ trì", 460.0, "Thời hạn"),
		line(116, 55.0, "1", 80.0, "Nội dung nhiệm vụ", 300.0, "Cơ quan chủ trì", 450.0, "Thời hạn"),
		line(140, 55.0, "2", 80.0, "Ban hành quy chế", 300.0, "Sở Tư pháp", 450.0, "Tháng 6/2026"),
	}}
	for _, y := range []float64{86, 104, 128, 152} {
		p.Rules = append(p.Rules, layout.Rule{X0: 45, Y0: y, X1: 560, Y1: y})
	}
	for _, x := range []float64{45, 75, 295, 445, 560} {
		p.Rules = append(p.Rules, layout.Rule{X0: x, Y0: 86, X1: x, Y1: 152})
	}
	doc := &layout.Doc{Kind: "pdf", Pages: []layout.Page{p}}
	geom.Tables(doc)
	got := dump(doc)
	if !strings.Contains(got, `["1"] | ["Nội dung nhiệm vụ"]`) {
		t.Errorf("the first task's row was taken into the header:\n%s", got)
	}
}
