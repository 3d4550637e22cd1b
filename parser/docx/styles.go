package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// styles holds what the reader needs from styles.xml: each style's font,
// weight, capitals and numbering, through its basedOn chain.
type styles struct {
	byID         map[string]*style
	defaultPara  string
	defaultFont  string
	defaultBold  bool
	defaultCaps  bool
	resolveCache map[string]resolved
}

type style struct {
	Type    string  `xml:"type,attr"`
	ID      string  `xml:"styleId,attr"`
	Default string  `xml:"default,attr"`
	BasedOn *valStr `xml:"basedOn"`
	RPr     *rPr    `xml:"rPr"`
	PPr     *pPr    `xml:"pPr"`
}

type resolved struct {
	font       string
	bold, caps *bool
	num        *numPr
}

func parseStyles(data []byte) *styles {
	var doc struct {
		Defaults struct {
			RPr struct {
				RPr *rPr `xml:"rPr"`
			} `xml:"rPrDefault"`
		} `xml:"docDefaults"`
		Styles []*style `xml:"style"`
	}
	st := &styles{byID: map[string]*style{}}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return st // a damaged styles part costs only fonts and numbering
	}
	if r := doc.Defaults.RPr.RPr; r != nil {
		st.defaultFont = fontName(r)
		st.defaultBold = r.Bold.on()
		st.defaultCaps = r.Caps.on()
	}
	for _, s := range doc.Styles {
		if s.ID == "" {
			continue
		}
		st.byID[s.ID] = s
		if s.Type == "paragraph" && (s.Default == "1" || s.Default == "true") {
			st.defaultPara = s.ID
		}
	}
	return st
}

// fontName is the font a run's properties name for Latin text beyond
// ASCII (where legacy encodings put their letters), else for ASCII.
func fontName(r *rPr) string {
	if r == nil || r.Fonts == nil {
		return ""
	}
	if r.Fonts.HAnsi != "" {
		return r.Fonts.HAnsi
	}
	return r.Fonts.ASCII
}

// chain resolves a style through its basedOn ancestors.
func (st *styles) chain(id string) resolved {
	if st.resolveCache == nil {
		st.resolveCache = map[string]resolved{}
	}
	if r, ok := st.resolveCache[id]; ok {
		return r
	}
	var out resolved
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur] && len(seen) < 32; {
		seen[cur] = true
		s := st.byID[cur]
		if s == nil {
			break
		}
		if s.RPr != nil {
			if out.font == "" {
				out.font = fontName(s.RPr)
			}
			if out.bold == nil && s.RPr.Bold != nil {
				b := s.RPr.Bold.on()
				out.bold = &b
			}
			if out.caps == nil && s.RPr.Caps != nil {
				c := s.RPr.Caps.on()
				out.caps = &c
			}
		}
		if out.num == nil && s.PPr != nil && s.PPr.Num != nil {
			out.num = s.PPr.Num
		}
		if s.BasedOn == nil {
			break
		}
		cur = s.BasedOn.Val
	}
	st.resolveCache[id] = out
	return out
}

// resolve gives a run's effective font name, weight and capitals: the
// run's own properties, then its character style, the paragraph's style,
// the default paragraph style and the document defaults.
func (st *styles) resolve(run *rPr, props *pPr) (font string, bold, caps bool) {
	font = fontName(run)
	var b, c *bool
	if run.Bold != nil {
		v := run.Bold.on()
		b = &v
	}
	if run.Caps != nil {
		v := run.Caps.on()
		c = &v
	}
	layers := []string{}
	if run.Style != nil {
		layers = append(layers, run.Style.Val)
	}
	pstyle := st.defaultPara
	if props != nil && props.Style != nil {
		pstyle = props.Style.Val
	}
	layers = append(layers, pstyle)
	for _, id := range layers {
		r := st.chain(id)
		if font == "" {
			font = r.font
		}
		if b == nil {
			b = r.bold
		}
		if c == nil {
			c = r.caps
		}
	}
	if font == "" {
		font = st.defaultFont
	}
	bold, caps = st.defaultBold, st.defaultCaps
	if b != nil {
		bold = *b
	}
	if c != nil {
		caps = *c
	}
	return font, bold, caps
}

// numPr is the numbering a paragraph style applies.
func (st *styles) numPr(id string) *numPr { return st.chain(id).num }

// numbering holds the lists of numbering.xml and their counters.
type numbering struct {
	nums     map[string]*numDef
	abstract map[string]*abstractNum
	counters map[string]*[9]int  // by abstract list
	set      map[string]*[9]bool // which levels have counted
	started  map[string]bool     // num instances already used
}

type numDef struct {
	ID        string  `xml:"numId,attr"`
	Abstract  *valStr `xml:"abstractNumId"`
	Overrides []struct {
		Ilvl  string  `xml:"ilvl,attr"`
		Start *valStr `xml:"startOverride"`
	} `xml:"lvlOverride"`
}

type abstractNum struct {
	ID     string `xml:"abstractNumId,attr"`
	Levels []struct {
		Ilvl    string  `xml:"ilvl,attr"`
		Start   *valStr `xml:"start"`
		Fmt     *valStr `xml:"numFmt"`
		Text    *valStr `xml:"lvlText"`
		Suffix  *valStr `xml:"suff"`
		Restart *valStr `xml:"lvlRestart"`
	} `xml:"lvl"`
}

func parseNumbering(data []byte) *numbering {
	var doc struct {
		Abstract []*abstractNum `xml:"abstractNum"`
		Nums     []*numDef      `xml:"num"`
	}
	nb := &numbering{}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nb
	}
	nb.nums = map[string]*numDef{}
	nb.abstract = map[string]*abstractNum{}
	for _, a := range doc.Abstract {
		nb.abstract[a.ID] = a
	}
	for _, n := range doc.Nums {
		nb.nums[n.ID] = n
	}
	return nb
}

type level struct {
	start      int
	format     string
	text       string
	suffix     string
	hasSetting bool
}

func (nb *numbering) level(a *abstractNum, n *numDef, ilvl int) level {
	lv := level{start: 1, format: "decimal", text: "%" + strconv.Itoa(ilvl+1) + "."}
	for _, l := range a.Levels {
		if l.Ilvl != strconv.Itoa(ilvl) {
			continue
		}
		lv.hasSetting = true
		if l.Start != nil {
			if s, err := strconv.Atoi(l.Start.Val); err == nil {
				lv.start = s
			}
		}
		if l.Fmt != nil {
			lv.format = l.Fmt.Val
		}
		if l.Text != nil {
			lv.text = l.Text.Val
		}
		if l.Suffix != nil {
			lv.suffix = l.Suffix.Val
		}
	}
	for _, o := range n.Overrides {
		if o.Ilvl == strconv.Itoa(ilvl) && o.Start != nil {
			if s, err := strconv.Atoi(o.Start.Val); err == nil {
				lv.start = s
			}
		}
	}
	return lv
}

// next counts one more paragraph of list id at level ilvl and returns its
// label followed by its separator ("1. ", "a) ", "- ").
func (nb *numbering) next(id string, ilvl int) string {
	if nb.nums == nil || id == "0" {
		return ""
	}
	n := nb.nums[id]
	if n == nil || n.Abstract == nil {
		return ""
	}
	a := nb.abstract[n.Abstract.Val]
	if a == nil {
		return ""
	}
	ilvl = min(max(ilvl, 0), 8)
	if nb.counters == nil {
		nb.counters = map[string]*[9]int{}
		nb.set = map[string]*[9]bool{}
		nb.started = map[string]bool{}
	}
	c, set := nb.counters[a.ID], nb.set[a.ID]
	if c == nil {
		c, set = &[9]int{}, &[9]bool{}
		nb.counters[a.ID], nb.set[a.ID] = c, set
	}
	if !nb.started[id] {
		// A list instance that overrides its start restarts the count.
		nb.started[id] = true
		if len(n.Overrides) > 0 {
			*set = [9]bool{}
		}
	}
	lv := nb.level(a, n, ilvl)
	if !set[ilvl] {
		c[ilvl], set[ilvl] = lv.start, true
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		set[k] = false
	}
	if lv.format == "none" {
		return ""
	}
	if lv.format == "bullet" {
		return bullet(lv.text) + " "
	}
	text := lv.text
	for k := 0; k <= ilvl; k++ {
		v := c[k]
		if !set[k] {
			v = nb.level(a, n, k).start
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(k+1), formatNum(v, nb.level(a, n, k).format))
	}
	if text == "" {
		return ""
	}
	if lv.suffix == "nothing" {
		return text
	}
	return text + " "
}

// bullet turns a bullet's symbol-font character into one a person reads.
func bullet(s string) string {
	for _, r := range s {
		switch {
		case r >= 0xE000 && r <= 0xF8FF, r == '·':
			return "•"
		case r == '-' || r == '+' || r == '–' || r == '•' || r == '*':
			return string(r)
		}
		return "•"
	}
	return "•"
}

func formatNum(n int, format string) string {
	switch format {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return letters(n)
	case "lowerLetter":
		return strings.ToLower(letters(n))
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// letters spells n as Word does: A…Z, then AA, BB….
func letters(n int) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	ch := string(rune('A' + (n-1)%26))
	return strings.Repeat(ch, min((n-1)/26+1, 10))
}

type relationship struct {
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func parseRels(data []byte) []relationship {
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil
	}
	return doc.Rels
}
