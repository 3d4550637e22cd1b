// Command cidpdf writes the appendix of seed001_tasks.tsv as a bordered
// table in a CID-keyed (Type0, Identity-H) TrueType font, the way Go and PHP
// PDF writers embed Unicode fonts, for the fixtures of parser/pdfread.
//
//	go run . ../seed001_tasks.tsv ../../appendix_cid.pdf
package main

import (
	"log"
	"os"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

const fonts = "/usr/share/fonts/truetype/liberation/"

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: cidpdf TASKS.tsv OUT.pdf")
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		rows = append(rows, strings.Split(l, "\t"))
	}
	pdf := fpdf.New("P", "pt", "A4", fonts)
	pdf.SetCreationDate(time.Date(2025, 11, 25, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2025, 11, 25, 0, 0, 0, 0, time.UTC))
	pdf.SetCompression(true)
	pdf.AddUTF8Font("serif", "", "LiberationSerif-Regular.ttf")
	pdf.AddUTF8Font("serif", "B", "LiberationSerif-Bold.ttf")
	pdf.AddUTF8Font("serif", "I", "LiberationSerif-Italic.ttf")
	pdf.SetMargins(56, 56, 42)
	pdf.SetAutoPageBreak(false, 56)
	pdf.AddPage()
	pageW, pageH := pdf.GetPageSize()
	left, _, right, bottom := pdf.GetMargins()
	width := pageW - left - right
	center := func(style string, size float64, lines ...string) {
		pdf.SetFont("serif", style, size)
		for _, l := range lines {
			pdf.CellFormat(width, size*1.25, l, "", 1, "C", false, 0, "")
		}
	}
	center("B", 13, "Phụ lục")
	center("B", 13, "NHIỆM VỤ CỤ THỂ RÀ SOÁT, ĐÔN ĐỐC TRIỂN KHAI NGHỊ QUYẾT", "57-NQ/TW (QUÝ IV NĂM 2025)")
	center("I", 12, "(Kèm theo Kế hoạch số: 458/KH-UBND ngày 25 tháng 11 năm 2025 của UBND thành phố Huế)")
	pdf.Ln(8)

	frac := []float64{0.07, 0.37, 0.14, 0.18, 0.13, 0.11}
	const size, lead, pad = 12.0, 14.0, 4.0
	drawRow := func(cells []string, style string) {
		pdf.SetFont("serif", style, size)
		var split [][]string
		n := 1
		for i, c := range cells {
			w := frac[i]*width - 2*pad
			ls := wrap(pdf, c, w)
			split = append(split, ls)
			n = max(n, len(ls))
		}
		h := float64(n)*lead + 2*pad
		if pdf.GetY()+h > pageH-bottom {
			pdf.AddPage()
		}
		x, y := left, pdf.GetY()
		for i, ls := range split {
			w := frac[i] * width
			pdf.Rect(x, y, w, h, "D")
			align := "L"
			if i == 0 || style == "B" {
				align = "C"
			}
			for k, l := range ls {
				pdf.SetXY(x+pad, y+pad+float64(k)*lead)
				pdf.CellFormat(w-2*pad, lead, l, "", 0, align, false, 0, "")
			}
			x += w
		}
		pdf.SetXY(left, y+h)
	}
	drawRow(rows[0], "B")
	for _, r := range rows[1:] {
		drawRow(r, "")
	}
	if err := pdf.OutputFileAndClose(os.Args[2]); err != nil {
		log.Fatal(err)
	}
}

// wrap breaks text into lines no wider than w (fpdf's SplitText does not
// handle UTF-8 fonts).
func wrap(pdf *fpdf.Fpdf, text string, w float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && pdf.GetStringWidth(try) > w {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
