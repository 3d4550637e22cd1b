package ocr

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"

	"github.com/kehoach/kehoach/parser/layout"
)

// gray is an 8-bit greyscale image, 0 black, 255 white.
type gray struct {
	w, h int
	pix  []byte
}

func (g *gray) dark(x, y int) bool { return g.pix[y*g.w+x] < 128 }

// readPGM reads a binary PGM (P5, maxval 255) as pdftoppm -gray writes it.
func readPGM(path string) (*gray, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte("P5")) {
		return nil, errors.New("not a binary PGM")
	}
	// header: magic, width, height, maxval, blank-separated, # comments to
	// the end of the line, then exactly one blank before the pixels
	i := 2
	var fields [3]int
	for f := 0; f < 3; f++ {
		for i < len(b) && (isSpace(b[i]) || b[i] == '#') {
			if b[i] == '#' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
				continue
			}
			i++
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		v, err := strconv.Atoi(string(b[i:j]))
		if err != nil {
			return nil, fmt.Errorf("PGM header: %q is not a number", b[i:min(j+1, len(b))])
		}
		fields[f] = v
		i = j
	}
	w, h, maxv := fields[0], fields[1], fields[2]
	if w <= 0 || h <= 0 || maxv != 255 {
		return nil, fmt.Errorf("PGM %dx%d maxval %d: want 8-bit", w, h, maxv)
	}
	if i >= len(b) || !isSpace(b[i]) || len(b)-i-1 < w*h {
		return nil, errors.New("PGM data: short")
	}
	return &gray{w: w, h: h, pix: b[i+1 : i+1+w*h]}, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// writePGM writes g as a binary PGM.
func writePGM(path string, g *gray) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "P5\n%d %d\n255\n", g.w, g.h)
	if err == nil {
		_, err = f.Write(g.pix)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// ruleInk is the grey level under which a pixel can belong to a ruling
// line: lighter than for text, because a thin border rasterised at another
// resolution than the scan's comes out grey, not black.
const ruleInk = 192

// darkRun is a horizontal (or, transposed, vertical) dark run: row y, x0..x1.
type darkRun struct{ y, x0, x1 int }

// longRuns returns the dark runs of at least minLen pixels along each row
// (vertical: along each column), bridging gaps of up to bridge pixels. A
// pixel counts as dark when it or a neighbour across the line (the rows
// above and below; vertical: the columns beside) is: a thin border scanned at a slight
// skew, or thresholded to one bit, is a dotted staircase whose steps and
// holes would otherwise cut it into short runs. Runs come sorted by line,
// then by start.
func longRuns(g *gray, vertical bool, minLen, bridge int) []darkRun {
	if vertical {
		return longColumnRuns(g, minLen, bridge)
	}
	var out []darkRun
	for y := 0; y < g.h; y++ {
		row := g.pix[y*g.w : (y+1)*g.w]
		prev, next := row, row
		if y > 0 {
			prev = g.pix[(y-1)*g.w : y*g.w]
		}
		if y+1 < g.h {
			next = g.pix[(y+1)*g.w : (y+2)*g.w]
		}
		start, last := -1, -10
		for x, p := range row {
			if p >= ruleInk && prev[x] >= ruleInk && next[x] >= ruleInk {
				continue
			}
			if start < 0 || x-last > bridge {
				if start >= 0 && last-start+1 >= minLen {
					out = append(out, darkRun{y, start, last})
				}
				start = x
			}
			last = x
		}
		if start >= 0 && last-start+1 >= minLen {
			out = append(out, darkRun{y, start, last})
		}
	}
	return out
}

// longColumnRuns is longRuns down the columns, computed row by row (the
// image is stored by rows) with the open run of every column kept aside.
func longColumnRuns(g *gray, minLen, bridge int) []darkRun {
	start := make([]int32, g.w)
	last := make([]int32, g.w)
	for x := range start {
		start[x], last[x] = -1, -10
	}
	var out []darkRun
	flush := func(x int) {
		if start[x] >= 0 && int(last[x]-start[x])+1 >= minLen {
			out = append(out, darkRun{x, int(start[x]), int(last[x])})
		}
	}
	for y := 0; y < g.h; y++ {
		row := g.pix[y*g.w : (y+1)*g.w]
		for x, p := range row {
			if p >= ruleInk && (x == 0 || row[x-1] >= ruleInk) && (x+1 >= len(row) || row[x+1] >= ruleInk) {
				continue
			}
			if start[x] < 0 || int(int32(y)-last[x]) > bridge {
				flush(x)
				start[x] = int32(y)
			}
			last[x] = int32(y)
		}
	}
	for x := range start {
		flush(x)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].y != out[j].y {
			return out[i].y < out[j].y
		}
		return out[i].x0 < out[j].x0
	})
	return out
}

// ruleSeg is a ruling line found in the image, in pixels, along its own axis.
type ruleSeg struct {
	x0, y0, x1, y1 float64 // ends: x along the line, y across it
	runs           []darkRun
}

// groupRuns joins runs of neighbouring lines that overlap into one ruling
// line (a skewed rule is a staircase of runs), keeping lines at least
// minLen long and at most maxThick thick.
func groupRuns(runs []darkRun, minLen, maxThick int) []ruleSeg {
	// union-find over runs; runs are sorted by line then x0
	parent := make([]int, len(runs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	j0 := 0 // first run of the previous line
	for i := range runs {
		for j0 < i && runs[j0].y < runs[i].y-1 {
			j0++
		}
		for j := j0; j < i; j++ {
			if runs[j].y == runs[i].y-1 && runs[j].x0 <= runs[i].x1+1 && runs[i].x0 <= runs[j].x1+1 {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]darkRun{}
	for i := range runs {
		r := find(i)
		groups[r] = append(groups[r], runs[i])
	}
	var out []ruleSeg
	for _, g := range groups {
		x0, x1 := g[0].x0, g[0].x1
		cover := map[int]int{} // pixels along the line -> rows covering, for the thickness
		for _, r := range g {
			x0, x1 = min(x0, r.x0), max(x1, r.x1)
		}
		if x1-x0+1 < minLen {
			continue
		}
		// thickness: the most runs over one position, sampled every 8 px
		thick := 0
		for _, r := range g {
			for x := r.x0 - r.x0%8; x <= r.x1; x += 8 {
				if x >= r.x0 {
					cover[x]++
					thick = max(thick, cover[x])
				}
			}
		}
		if thick > maxThick {
			continue
		}
		yAt := func(x int) float64 {
			s, n := 0, 0
			for _, r := range g {
				if r.x0 <= x && x <= r.x1 {
					s += r.y
					n++
				}
			}
			return float64(s)/float64(n) + 0.5
		}
		out = append(out, ruleSeg{x0: float64(x0), y0: yAt(x0), x1: float64(x1 + 1), y1: yAt(x1), runs: g})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].y0 != out[j].y0 {
			return out[i].y0 < out[j].y0
		}
		return out[i].x0 < out[j].x0
	})
	return out
}

// findRules finds the ruling lines of a scanned page (table borders,
// separator lines): straight dark strokes at least half an inch long and at
// most 1/30 inch thick, possibly tilted by a skewed scan, possibly broken
// where a poor scan lost a few pixels of them. Vertical ones are returned
// transposed (x along the line is the page's y).
func findRules(g *gray, dpi float64) (hor, ver []ruleSeg) {
	minRun := int(dpi / 3)
	minLen := dpi / 2
	maxThick := int(dpi/30) + 1
	keep := func(segs []ruleSeg) []ruleSeg {
		var out []ruleSeg
		for _, s := range joinBroken(segs, dpi/2, float64(maxThick)) {
			if s.x1-s.x0 >= minLen {
				out = append(out, s)
			}
		}
		return out
	}
	// gaps a dotted border leaves, not the spaces between letters
	bridge := max(2, int(dpi/40))
	for _, s := range keep(groupRuns(longRuns(g, false, minRun, bridge), minRun, maxThick+2)) {
		if !underText(g, s, dpi) {
			hor = append(hor, s)
		}
	}
	ver = keep(groupRuns(longRuns(g, true, minRun, bridge), minRun, maxThick+2))
	closeCorners(hor, ver, dpi/4)
	closeCorners(ver, hor, dpi/4)
	return hor, ver
}

// closeCorners extends each of segs to the first rule of cross (the rules
// across it, transposed) that lies beyond one of its ends by at most
// reach and runs past the end's line: a border scanned faintly loses its
// last millimetres before the corner, and a table's grid read without
// them loses its first cell or its header row.
func closeCorners(segs, cross []ruleSeg, reach float64) {
	// a cross rule, transposed into segs' axes: at = position along segs,
	// lo..hi = its extent across them
	type line struct{ at, lo, hi float64 }
	var cs []line
	for _, c := range cross {
		cs = append(cs, line{(c.y0 + c.y1) / 2, c.x0, c.x1})
	}
	for i := range segs {
		s := &segs[i]
		y := (s.y0 + s.y1) / 2
		best0, best1 := s.x0-reach-1, s.x1+reach+1 // the nearest beyond each end
		for _, c := range cs {
			if c.lo > y+reach || c.hi < y-reach {
				continue
			}
			if c.at < s.x0 && c.at > best0 {
				best0 = c.at
			}
			if c.at > s.x1 && c.at < best1 {
				best1 = c.at
			}
		}
		if best0 >= s.x0-reach {
			s.x0 = best0
		}
		if best1 <= s.x1+reach {
			s.x1 = best1
		}
	}
}

// underText reports whether a horizontal dark line is the foot (or the
// top) of a line of text rather than a border: letters stand on it along
// much of its length, just above it (or just below), where a border has
// white on both sides but for a few letters that touch it.
func underText(g *gray, s ruleSeg, dpi float64) bool {
	thick := int(dpi/30) + 2 // the most a border is, blurred
	gap, span := max(1, int(dpi/150)), max(3, int(dpi/60))
	sideShare := func(dir int) float64 {
		n, dark := 0, 0
		for x := int(s.x0); x < int(s.x1); x += 2 {
			if x < 0 || x >= g.w {
				continue
			}
			t := (float64(x) - s.x0) / max(s.x1-s.x0, 1)
			y := int(s.y0 + t*(s.y1-s.y0))
			// from the line's middle to its edge on this side (a thick or
			// blurred border is dark some pixels on), then just beyond
			edge := y
			for k := 0; k < thick; k++ {
				yy := edge + dir
				if yy < 0 || yy >= g.h || g.pix[yy*g.w+x] >= ruleInk {
					break
				}
				edge = yy
			}
			n++
			for d := gap + 1; d <= gap+span; d++ {
				yy := edge + dir*d
				if yy >= 0 && yy < g.h && g.pix[yy*g.w+x] < 128 {
					dark++
					break
				}
			}
		}
		return float64(dark) / float64(max(n, 1))
	}
	// measured: borders 0–3 %, the feet of text lines 22–67 %
	return sideShare(-1) > 0.12 || sideShare(1) > 0.12
}

// joinBroken joins the pieces of a broken ruling line: pieces that follow
// each other along the line, with a gap of at most maxGap, the end of one
// within tol across of the start of the next.
func joinBroken(segs []ruleSeg, maxGap, tol float64) []ruleSeg {
	sort.Slice(segs, func(i, j int) bool { return segs[i].x0 < segs[j].x0 })
	var out []ruleSeg
	for _, s := range segs {
		joined := false
		for i := range out {
			o := &out[i]
			if gap := s.x0 - o.x1; gap >= -tol && gap <= maxGap && math.Abs(s.y0-o.y1) <= tol {
				if s.x1 > o.x1 {
					o.x1, o.y1 = s.x1, s.y1
				}
				o.runs = append(o.runs, s.runs...)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].y0 != out[j].y0 {
			return out[i].y0 < out[j].y0
		}
		return out[i].x0 < out[j].x0
	})
	return out
}

// layoutRules converts ruling lines to page rules in points.
func layoutRules(hor, ver []ruleSeg, dpi float64) []layout.Rule {
	k := 72 / dpi
	var rules []layout.Rule
	for _, s := range hor {
		rules = append(rules, layout.Rule{X0: s.x0 * k, Y0: s.y0 * k, X1: s.x1 * k, Y1: s.y1 * k})
	}
	for _, s := range ver {
		rules = append(rules, layout.Rule{X0: s.y0 * k, Y0: s.x0 * k, X1: s.y1 * k, Y1: s.x1 * k})
	}
	return rules
}

// eraseRules whitens the ruling lines' pixels, and the pixel on either side
// of each run (the stroke's blurred edge), so tesseract does not read the
// borders as "|", "[", "_" or "—".
func eraseRules(g *gray, hor, ver []ruleSeg) {
	for _, s := range hor {
		for _, r := range s.runs {
			for y := max(r.y-1, 0); y <= min(r.y+1, g.h-1); y++ {
				row := g.pix[y*g.w : (y+1)*g.w]
				for x := r.x0; x <= r.x1; x++ {
					row[x] = 255
				}
			}
		}
	}
	for _, s := range ver {
		for _, r := range s.runs {
			for x := max(r.y-1, 0); x <= min(r.y+1, g.w-1); x++ {
				for y := r.x0; y <= r.x1; y++ {
					g.pix[y*g.w+x] = 255
				}
			}
		}
	}
}

// inkBox returns the smallest box holding every row and column of g with at
// least two dark pixels, grown by margin and kept on the image, and whether
// there is any such ink.
func inkBox(g *gray, margin int) (cellBox, bool) {
	cols := make([]int32, g.w)
	y0, y1 := -1, -1
	for y := 0; y < g.h; y++ {
		n := 0
		for x, p := range g.pix[y*g.w : (y+1)*g.w] {
			if p < 128 {
				n++
				cols[x]++
			}
		}
		if n >= 2 {
			if y0 < 0 {
				y0 = y
			}
			y1 = y
		}
	}
	x0, x1 := -1, -1
	for x, n := range cols {
		if n >= 2 {
			if x0 < 0 {
				x0 = x
			}
			x1 = x
		}
	}
	if y0 < 0 || x0 < 0 {
		return cellBox{}, false
	}
	return cellBox{max(x0-margin, 0), max(y0-margin, 0), min(x1+1+margin, g.w), min(y1+1+margin, g.h)}, true
}

// crop returns the part of g inside b.
func (g *gray) crop(b cellBox) *gray {
	c := &gray{w: b.x1 - b.x0, h: b.y1 - b.y0}
	c.pix = make([]byte, c.w*c.h)
	for y := b.y0; y < b.y1; y++ {
		copy(c.pix[(y-b.y0)*c.w:], g.pix[y*g.w+b.x0:y*g.w+b.x1])
	}
	return c
}
