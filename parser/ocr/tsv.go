package ocr

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/parser/layout"
)

// TSV levels as tesseract numbers them.
const (
	levelPage = 1
	levelLine = 4
	levelWord = 5
)

// tsvRow is one row of tesseract's TSV output.
type tsvRow struct {
	level, page, block, par, line, word int
	left, top, width, height            float64
	conf                                float64
	text                                string
}

// ParseTSV reads tesseract's TSV output (`tesseract img - tsv`) into pages.
// dpi is the resolution of the image tesseract read: boxes are converted
// from its pixels to points (72 per inch), top-left origin. Pages are
// numbered as the TSV numbers them (1-based, one per image of a multi-image
// input). Lines are tesseract's own lines in its reading order, their words
// in order; words that are only blanks are dropped, and so are lines left
// without words. Text is NFC. tesseract reports the ruling lines it finds
// (table borders) as blank words with a long thin box: those become the
// page's Rules, through the middle of the box.
func ParseTSV(r io.Reader, dpi float64) ([]layout.Page, error) {
	if dpi <= 0 {
		return nil, fmt.Errorf("tesseract TSV: resolution must be positive, got %v", dpi)
	}
	k := 72 / dpi
	var (
		pages []layout.Page
		cur   *layout.Page
		line  *layout.Line
		key   [4]int // page, block, par, line of the open line
	)
	flush := func() {
		if cur != nil && line != nil && len(line.Words) > 0 {
			finishLine(line)
			line.Num = len(cur.Lines) + 1
			cur.Lines = append(cur.Lines, *line)
		}
		line = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimRight(sc.Text(), "\r")
		if n == 1 && strings.HasPrefix(text, "level\t") {
			continue
		}
		if text == "" {
			continue
		}
		row, err := parseRow(text)
		if err != nil {
			return nil, fmt.Errorf("tesseract TSV line %d: %w", n, err)
		}
		switch row.level {
		case levelPage:
			flush()
			pages = append(pages, layout.Page{
				Number: row.page,
				Width:  row.width * k,
				Height: row.height * k,
			})
			cur = &pages[len(pages)-1]
		case levelLine:
			flush()
			if cur == nil {
				return nil, fmt.Errorf("tesseract TSV line %d: a line before any page", n)
			}
			line = &layout.Line{X: row.left * k, Y: (row.top + row.height) * k, Width: row.width * k}
			key = [4]int{row.page, row.block, row.par, row.line}
		case levelWord:
			w := normalize.NFC(strings.TrimSpace(row.text))
			if w == "" {
				if r, ok := ruling(row, dpi); ok && cur != nil {
					cur.Rules = append(cur.Rules, layout.Rule{X0: r.X0 * k, Y0: r.Y0 * k, X1: r.X1 * k, Y1: r.Y1 * k})
				}
				continue
			}
			if line == nil || key != [4]int{row.page, row.block, row.par, row.line} {
				return nil, fmt.Errorf("tesseract TSV line %d: a word outside its line", n)
			}
			line.Words = append(line.Words, layout.Word{
				Text: w,
				X:    row.left * k,
				Y:    row.top * k,
				W:    row.width * k,
				H:    row.height * k,
				Conf: max(row.conf, 0),
			})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tesseract TSV: %w", err)
	}
	flush()
	return pages, nil
}

// parseRow splits one TSV data row.
func parseRow(s string) (tsvRow, error) {
	f := strings.SplitN(s, "\t", 12)
	if len(f) < 11 {
		return tsvRow{}, fmt.Errorf("%d fields, want 12", len(f))
	}
	var ints [6]int
	for i := range ints {
		v, err := strconv.Atoi(f[i])
		if err != nil {
			return tsvRow{}, fmt.Errorf("field %d: %q is not a number", i+1, f[i])
		}
		ints[i] = v
	}
	var fl [5]float64
	for i := range fl {
		v, err := strconv.ParseFloat(f[6+i], 64)
		if err != nil {
			return tsvRow{}, fmt.Errorf("field %d: %q is not a number", 7+i, f[6+i])
		}
		fl[i] = v
	}
	row := tsvRow{
		level: ints[0], page: ints[1], block: ints[2], par: ints[3], line: ints[4], word: ints[5],
		left: fl[0], top: fl[1], width: fl[2], height: fl[3], conf: fl[4],
	}
	if len(f) == 12 {
		row.text = f[11]
	}
	return row, nil
}

// finishLine sets a line's Text and its baseline. tesseract's TSV has no
// baseline; the median bottom of the line's words that hold a letter or a
// digit stands for it (most syllables sit on the baseline; descenders and
// dots below pull a minority lower, and a skewed scan tilts the line about
// its middle). Where no word qualifies the line box's bottom is kept.
func finishLine(l *layout.Line) {
	parts := make([]string, len(l.Words))
	var bottoms []float64
	for i, w := range l.Words {
		parts[i] = w.Text
		if strings.IndexFunc(w.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			bottoms = append(bottoms, w.Y+w.H)
		}
	}
	l.Text = strings.Join(parts, " ")
	if len(bottoms) > 0 {
		sort.Float64s(bottoms)
		l.Y = bottoms[len(bottoms)/2]
	}
}

// ruling returns the segment a blank TSV word stands for when its box is a
// long thin bar (at least a quarter inch long, 15 times longer than thick),
// in pixels.
func ruling(row tsvRow, dpi float64) (layout.Rule, bool) {
	w, h := row.width, row.height
	switch {
	case w >= dpi/4 && w >= 15*h:
		y := row.top + h/2
		return layout.Rule{X0: row.left, Y0: y, X1: row.left + w, Y1: y}, true
	case h >= dpi/4 && h >= 15*w:
		x := row.left + w/2
		return layout.Rule{X0: x, Y0: row.top, X1: x, Y1: row.top + h}, true
	}
	return layout.Rule{}, false
}
