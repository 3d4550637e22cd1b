package parser

import (
	"testing"

	"github.com/kehoach/kehoach/parser/layout"
)

// TestFixOCRCells checks the cell fixes of a table read by OCR: agency
// names snapped to the genre's abbreviations and the column's other
// names, a task's content given its capital; and that a document not read
// by OCR is left as it is.
func TestFixOCRCells(t *testing.T) {
	cell := func(p ...string) layout.Cell { return layout.Cell{Paras: p, ColSpan: 1, RowSpan: 1} }
	row := func(c ...layout.Cell) layout.Row { return layout.Row{Cells: c} }
	newDoc := func(kind string) *layout.Doc {
		return &layout.Doc{Kind: kind, Pages: []layout.Page{{Number: 1, Tables: []layout.Table{{Rows: []layout.Row{
			row(cell("STT"), cell("Nội dung nhiệm vụ"), cell("Cơ quan chủ trì"), cell("Cơ quan phối hợp"), cell("Thời gian hoàn thành")),
			row(cell("1"), cell("Rà soát tiến độ"), cell("Sở KH&CN"), cell("Các sở, ban, ngành"), cell("Tháng 11/2025")),
			row(cell("2"), cell("Hoàn thiện hạ tầng"), cell("Văn phòng UBND thành phố"), cell("39 KH&CN; UBND các\nxã, phường"), cell("30/11/2025")),
			row(cell("3"), cell("Đẩy mạnh dịch vụ công"), cell("Sở KH&GN"), cell("Sở@ KH&CN"), cell("31/12/2025")),
			row(cell("4"), cell("Triển khai đánh giá"), cell("Sở KH&CN"), cell("Sở Tài chính"), cell("Hàng tháng")),
			row(cell("5"), cell("đảm bảo kinh phí"), cell("Sở Tài chính"), cell("Sở KH&CN"), cell("Quý IV/2025")),
		}}}}}}
	}
	doc := newDoc("ocr")
	repairDoc(doc, newOptions(nil))
	rows := doc.Pages[0].Tables[0].Rows
	for _, c := range []struct {
		row, col int
		want     string
	}{
		{2, 3, "Sở KH&CN; UBND các\nxã, phường"},
		{3, 2, "Sở KH&CN"},
		{3, 3, "Sở KH&CN"},
		{5, 1, "Đảm bảo kinh phí"},
		{4, 3, "Sở Tài chính"},
	} {
		if got := rows[c.row].Cells[c.col].Paras[0]; got != c.want {
			t.Errorf("row %d col %d: %q, want %q", c.row, c.col, got, c.want)
		}
	}
	// a text PDF: the same cells stay as printed
	doc = newDoc("pdf")
	repairDoc(doc, newOptions(nil))
	if got := doc.Pages[0].Tables[0].Rows[3].Cells[2].Paras[0]; got != "Sở KH&GN" {
		t.Errorf("a document not read by OCR was changed: %q", got)
	}
}

// TestFromOCR: a page read by OCR tells itself by its words' confidences
// in a PDF read by OCR in part; every page of a scan read is.
func TestFromOCR(t *testing.T) {
	ocrd := layout.Page{Lines: []layout.Line{{Text: "Sở", Words: []layout.Word{{Text: "Sở", Conf: 91}}}}}
	typed := layout.Page{Lines: []layout.Line{{Text: "Sở", Words: []layout.Word{{Text: "Sở"}}}}}
	pdf := &layout.Doc{Kind: "pdf", Pages: []layout.Page{ocrd, typed}}
	if !fromOCR(pdf, ocrd) || fromOCR(pdf, typed) {
		t.Error("pages of a PDF read by OCR in part told apart wrongly")
	}
	markOCR(pdf, 1)
	if pdf.Kind != "pdf" {
		t.Errorf("a PDF read by OCR in part became %q", pdf.Kind)
	}
	markOCR(pdf, 2)
	if pdf.Kind != "ocr" || !fromOCR(pdf, typed) {
		t.Error("a PDF read by OCR whole is not a scan read")
	}
}
