// Package agency splits cells into agencies and gives each agency its
// canonical name, from a built-in lexicon of Vietnamese state bodies and
// the user's own additions.
//
// The register keeps every agency as printed; the canonical name is what
// the by-agency sheet groups by and what diff compares. It is made by
// expanding the genre's abbreviations (UBND, KH&CN, BCĐ…), putting tones in
// one style, capitalising the first letter, dropping trailing notes in
// parentheses ("(tổng hợp)"), resolving the place from the plan's issuer
// ("UBND tỉnh" in a Quảng Ngãi plan is "Ủy ban nhân dân tỉnh Quảng Ngãi"),
// and mapping names the lexicon knows, old names of bodies merged in 2025
// included, to their canonical (successor) name: "Sở Kế hoạch và Đầu tư"
// groups under "Sở Tài chính" whatever the plan's date.
package agency

import (
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/kehoach/kehoach/normalize"
)

// Split splits a cell's paragraphs into agencies as printed: at ";", at
// paragraph boundaries, and at commas between two named bodies ("Văn phòng
// Thành ủy, Sở Khoa học và Công nghệ" is two; "Các sở, ban, ngành" stays
// one). Wrapped lines ("\n" inside a paragraph) are joined first. The text
// of each agency is kept as printed, notes in parentheses included.
func Split(paras []string) []string {
	var out []string
	for _, p := range paras {
		p = normalize.JoinLines(p)
		for _, s := range splitOutside(p, ';') {
			for _, a := range splitCommas(s) {
				a = clean(a)
				if a != "" {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// clean trims list marks and stray punctuation around one agency.
func clean(s string) string {
	s = normalize.Space(s)
	s = strings.TrimLeft(s, "-+•*– ")
	s = strings.TrimRight(s, ",;:. ")
	// "Sở Nội vụ." "Sở X,"
	return normalize.Space(s)
}

// splitOutside splits s at sep where sep is not inside parentheses.
func splitOutside(s string, sep rune) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + utf8.RuneLen(r)
			}
		}
	}
	return append(out, s[start:])
}

// splitCommas splits a ";"-free piece at the commas that stand between two
// named bodies.
func splitCommas(s string) []string {
	parts := splitOutside(s, ',')
	if len(parts) == 1 {
		return parts
	}
	var out []string
	cur := parts[0]
	for _, p := range parts[1:] {
		if startsBody(p) && strings.TrimSpace(cur) != "" && !bareHead(lastItem(cur)) {
			out = append(out, cur)
			cur = p
			continue
		}
		cur += "," + p
	}
	return append(out, cur)
}

// lastItem is the text after the last comma of s.
func lastItem(s string) string {
	if i := strings.LastIndex(s, ","); i >= 0 {
		return s[i+1:]
	}
	return s
}

// bareHead reports whether p is the head of a name without the name
// ("HĐND", "Đảng ủy"): in "Đảng ủy, HĐND, UBND cấp xã" the qualifier at
// the end is shared, and the list is one entry.
func bareHead(p string) bool {
	f := strings.Trim(normalize.Fold(p), " .")
	if f == "" {
		return false
	}
	for _, h := range heads {
		if f == h.fold && !h.alone {
			return true
		}
	}
	return false
}

// Bare reports whether text is only the head of a name, without the name
// ("Văn phòng", "Sở", "HĐND"): a list item that shares the qualifier after
// it, or a name cut at a line end. Diacritics may be missing.
func Bare(text string) bool {
	f := strings.Trim(ocrHeads(normalize.Fold(clean(text))), " .")
	if bareHead(f) {
		return true
	}
	for _, h := range heads {
		if !h.alone && len(h.fold) >= 6 && strings.Contains(h.fold, " ") && normalize.EditDistance(f, h.fold) <= 1 {
			return true
		}
	}
	return false
}

// startsBody reports whether a comma-separated piece begins a new body: a
// named body ("Sở Tư pháp", "UBND tỉnh", "Công an tỉnh") or a plural group
// ("các cơ quan liên quan", "các sở, ban, ngành").
func startsBody(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" {
		return false
	}
	f := ocrHeads(strings.ReplaceAll(normalize.Fold(p), ",", " ,"))
	words := strings.Fields(f)
	if len(words) == 0 {
		return false
	}
	if words[0] == "cac" || words[0] == "nhung" {
		return len(words) > 1
	}
	for _, h := range heads {
		if !hasWords(f, h.fold) {
			continue
		}
		if h.upper && !startsUpper(p) {
			continue
		}
		n := len(strings.Fields(h.fold))
		if h.alone || len(words) > n {
			return true
		}
	}
	return false
}

// hasWords reports whether f starts with the words of h.
func hasWords(f, h string) bool {
	return f == h || strings.HasPrefix(f, h+" ")
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// head is a word that opens the name of a body.
type head struct {
	fold  string // folded words
	upper bool   // counts only when printed with a capital (sở, ban are also common nouns)
	alone bool   // a complete name by itself (Tỉnh ủy)
}

var heads = func() []head {
	var hs []head
	add := func(upper, alone bool, names ...string) {
		for _, n := range names {
			hs = append(hs, head{fold: normalize.Fold(n), upper: upper, alone: alone})
		}
	}
	// Common nouns as well as heads: only with a capital and a name after.
	add(true, false, "Sở", "Ban", "Bộ", "Phòng", "Văn phòng", "Công an", "Thanh tra", "Đài", "Báo",
		"Trung tâm", "Hội", "Hiệp hội", "Liên đoàn", "Liên hiệp", "Mặt trận", "Đoàn", "Kho bạc", "Cục", "Chi cục",
		"Tổng cục", "Ngân hàng", "Bảo hiểm", "Viện", "Trường", "Học viện", "Đại học", "Công ty", "Tổng công ty",
		"Tập đoàn", "Ủy ban", "Uỷ ban", "Hội đồng", "Tổ", "Thành viên", "Thường trực", "Lãnh đạo", "Chủ tịch",
		"Giám đốc", "Thủ trưởng", "Người đứng đầu", "Bộ Chỉ huy", "Bộ Tư lệnh", "Cảng vụ", "Vườn quốc gia",
		"Thống kê", "Thuế", "Tòa án", "Viện kiểm sát", "Kiểm toán", "Đảng ủy", "Đảng uỷ", "Đảng đoàn", "Ban cán sự",
		"Cty", "Chính phủ", "Thủ tướng", "Quốc hội", "Bưu điện", "Viettel", "VNPT", "Điện lực")
	// Abbreviations and names complete by themselves.
	add(false, false, "UBND", "HĐND", "UBMTTQ", "UBMTTQVN", "MTTQ", "BCH", "BQL", "BCĐ", "VP", "VPUB",
		"VPUBND", "KBNN", "BHXH", "CA", "CQ", "TTPVHCC")
	add(true, true, "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Tỉnh đoàn", "Thành đoàn", "Chính phủ",
		"Quốc hội", "Bộ Chính trị", "Công an tỉnh", "Thanh tra tỉnh")
	return hs
}()

// Looks reports whether a cell's text looks like a list of agencies: every
// agency Split finds opens with the name of a body, a plural group ("Các
// sở, ban, ngành"), or is a name the built-in lexicon knows. Table readers
// use it to recognise the agency columns of text without positions.
func Looks(text string) bool {
	parts := Split([]string{text})
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		if !IsAgency(p) {
			return false
		}
	}
	return true
}

// IsAgency reports whether one agency name, as printed, looks like the name
// of a body (see Looks). Diacritics may be missing.
func IsAgency(name string) bool {
	name = clean(name)
	if name == "" || utf8.RuneCountInString(name) > 120 {
		return false
	}
	if Default().Known(name) {
		return true
	}
	f := ocrHeads(strings.ReplaceAll(normalize.Fold(name), ",", " ,"))
	words := strings.Fields(f)
	if len(words) == 0 {
		return false
	}
	if ocrCac[words[0]] || words[0] == "nhung" {
		return len(words) > 1 && pluralNouns[strings.Trim(words[1], ",;.:’'")]
	}
	for _, h := range heads {
		if hasWords(f, h.fold) {
			return true
		}
	}
	// English-model OCR misreads a letter of a head ("Vian phong", "Coéng
	// an"): one edit is tolerated in heads of two words or more.
	for _, h := range heads {
		hw := strings.Fields(h.fold)
		if len(h.fold) < 6 || len(hw) < 2 || len(words) < len(hw) {
			continue
		}
		if normalize.EditDistance(strings.Join(words[:len(hw)], " "), h.fold) <= 1 {
			return true
		}
	}
	return false
}

// ocrCac are "các" and its English-OCR forms, folded ("Céc", "C4c",
// "Cé4c", "Cuộc" from a repair that guessed wrong).
var ocrCac = map[string]bool{"cac": true, "cec": true, "cic": true, "c4c": true, "cae": true, "coc": true,
	"cuoc": true, "ce4c": true, "ca4c": true, "cac4": true, "caec": true}

// pluralNouns are the nouns after "các" in agency lists.
var pluralNouns = map[string]bool{"so": true, "ban": true, "nganh": true, "co": true, "don": true, "dia": true,
	"bo": true, "xa": true, "phuong": true, "dac": true, "huyen": true, "tinh": true, "thanh": true, "to": true,
	"hoi": true, "doanh": true, "truong": true, "vien": true, "tap": true, "tong": true, "dang": true,
	"phong": true, "trung": true, "cap": true, "lien": true, "ubnd": true, "quan": true, "chi": true, "cuc": true,
	"doan": true, "ngan": true, "dai": true, "bao": true, "hiep": true, "cty": true, "cong": true, "sc": true}

// ocrHeads rewrites English-OCR forms of "sở" at word starts ("S&", "S¢",
// "S6", "SO") so that folded text from OCR matches the heads.
func ocrHeads(f string) string {
	return ocrSo.ReplaceAllString(f, "${1}so${2}")
}

var ocrSo = regexp.MustCompile(`(^|\s)s[&¢60oeéa@]?(\s|,|$)`)

// endWords end the genre's lists of bodies; a name that ends with one is
// not taken for a name cut short.
var endWords = map[string]bool{"nganh": true, "phuong": true, "quan": true, "tinh": true, "xa": true,
	"khu": true, "pho": true, "vi": true, "truong": true, "vien": true}

// groups are the plural groups of the genre's agency columns, which the
// lexicon of bodies does not hold.
var groups = []string{
	"Các sở, ngành, địa phương", "Các sở, ban, ngành, địa phương", "Các cơ quan, đơn vị, địa phương",
	"Các cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị có liên quan", "Sở, ngành, địa phương liên quan",
	"Sở, ban, ngành có liên quan", "UBND các địa phương", "UBND các xã, phường, đặc khu", "UBND các xã, phường",
	"Các sở, ngành liên quan", "Các doanh nghiệp viễn thông", "Các sở, ban, ngành", "Các sở, ngành",
	"Các cơ quan, đơn vị", "UBND cấp xã", "UBND các xã", "Các địa phương",
}

// Complete completes an agency name cut short where an OCR table lost the
// end of its cell ("Các sở, ngành, địa" → "Các sở, ngành, địa phương",
// "Sở Khoa học" → "Sở Khoa học và Công nghệ"): when the words read begin
// exactly one name of the built-in lexicon or one plural group of the
// genre, and at most three words are missing. Otherwise it returns name
// unchanged. Diacritics may be missing from name; the words added are
// written in full.
func Complete(name string) string {
	name = strings.TrimRight(name, " ,;")
	fw := wordKeys(name)
	if len(fw) < 2 {
		return name
	}
	var best []string
	bestCanon := ""
	ambiguous := false
	if endWords[fw[len(fw)-1]] {
		return name // "…, ngành", "… liên quan": a list that may end there
	}
	for _, ph := range completions() {
		if strings.Join(ph.keys, " ") == strings.Join(fw, " ") {
			return name // a whole name already
		}
	}
	for _, ph := range completions() {
		if len(ph.keys) <= len(fw) || len(ph.keys)-len(fw) > 3 {
			continue
		}
		match := true
		for i := range fw {
			if fw[i] != ph.keys[i] {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if best != nil && ph.canon != bestCanon {
			ambiguous = true
			break
		}
		if best == nil || len(ph.words)-len(fw) < len(best) {
			best, bestCanon = ph.words[len(fw):], ph.canon
		}
	}
	if best == nil || ambiguous {
		return name
	}
	return name + " " + strings.Join(best, " ")
}

// completion is a name Complete can complete to: its words as written,
// their keys, and its canonical name.
type completion struct {
	words, keys []string
	canon       string
}

var (
	completionOnce sync.Once
	completionList []completion
)

// completions lists the lexicon's canonical names and the genre's groups,
// with their word keys, once.
func completions() []completion {
	completionOnce.Do(func() {
		seen := map[string]bool{}
		add := func(name string) {
			if seen[name] {
				return
			}
			seen[name] = true
			w, k := strings.Fields(name), wordKeys(name)
			if len(w) == len(k) {
				completionList = append(completionList, completion{w, k, name})
			}
		}
		var names []string
		for _, c := range Default().canon {
			names = append(names, c)
		}
		sort.Strings(names)
		for _, n := range names {
			add(n)
		}
		for _, g := range groups {
			add(g)
		}
	})
	return completionList
}

// Joins reports whether right can continue an agency name that left
// stops in the middle of: the last word of left and the first word of right
// follow each other in a name of the lexicon or a group of the genre
// ("Sở Khoa học và" + "Công nghệ", "Văn phòng" + "UBND tỉnh", "Các sở,
// ngành, địa" + "phương"). Diacritics may be missing.
func Joins(left, right string) bool {
	lk, rk := wordKeys(left), wordKeys(right)
	if len(lk) == 0 || len(rk) == 0 {
		return false
	}
	a, b := lk[len(lk)-1], rk[0]
	pairsOnce.Do(func() {
		pairs = map[[2]string]bool{}
		for _, c := range completions() {
			for i := 0; i+1 < len(c.keys); i++ {
				pairs[[2]string{c.keys[i], c.keys[i+1]}] = true
			}
		}
	})
	return pairs[[2]string{a, b}]
}

var (
	pairsOnce sync.Once
	pairs     map[[2]string]bool
)

// wordKeys folds the words of s for comparison: diacritics, punctuation
// and the OCR forms of "sở" and "các" taken out, abbreviations expanded.
func wordKeys(s string) []string {
	f := ocrHeads(normalize.Fold(Expand(s)))
	var out []string
	for _, w := range strings.Fields(f) {
		w = strings.Trim(w, ",;.:()’'")
		if w == "" {
			continue
		}
		if ocrCac[w] {
			w = "cac"
		}
		out = append(out, w)
	}
	return out
}

// Lexicon maps agency names and abbreviations to canonical names.
type Lexicon struct {
	// memo holds the canonical names already worked out, by issuer and
	// name: registers repeat the same few agencies many times.
	memo sync.Map
	// canon maps the key of a known name (alias, former name or canonical
	// name itself) to the canonical name.
	canon map[string]string
	// formerly maps the key of a former name to its successor.
	formerly map[string]string
}

//go:embed data/agencies.yaml
var builtin []byte

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the built-in lexicon. It is shared; use New to get one
// to Load a user file into.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		defaultLex = &Lexicon{canon: map[string]string{}, formerly: map[string]string{}}
		if err := defaultLex.Load(strings.NewReader(string(builtin))); err != nil {
			panic("agency: built-in lexicon: " + err.Error())
		}
	})
	return defaultLex
}

// New returns a lexicon holding a copy of the built-in one, for Load to
// extend with a user file.
func New() *Lexicon {
	d := Default()
	l := &Lexicon{canon: make(map[string]string, len(d.canon)), formerly: make(map[string]string, len(d.formerly))}
	for k, v := range d.canon {
		l.canon[k] = v
	}
	for k, v := range d.formerly {
		l.formerly[k] = v
	}
	return l
}

// Load reads a lexicon file and merges it over l (later names win). The
// file is YAML: a mapping from each canonical name to either a list of
// aliases, or a mapping with "aliases" and "formerly" lists:
//
//	# agencies.yaml (kehoach parse --agencies agencies.yaml)
//	Sở Khoa học và Công nghệ:
//	  aliases: [Sở KHCN]
//	  formerly: [Sở Thông tin và Truyền thông]
//	Trung tâm Chuyển đổi số tỉnh: [TT CĐS, Trung tâm CĐS]
//	Ban Quản lý Khu kinh tế Dung Quất: {}
//
// Aliases are other spellings of the same body; former names are bodies
// merged into it or renamed. Both group under the canonical name. Matching
// ignores case, diacritics and tone placement, after abbreviations are
// expanded, so one entry covers "Sở KH&CN" and "So Khoa hoc va Cong nghe".
func (l *Lexicon) Load(r io.Reader) error {
	l.memo.Clear()
	var root yaml.Node
	dec := yaml.NewDecoder(r)
	if err := dec.Decode(&root); err != nil {
		if err == io.EOF {
			return nil
		}
		return fmt.Errorf("agencies: %w", err)
	}
	if len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("agencies: line %d: want a mapping of canonical names to aliases", m.Line)
	}
	if l.canon == nil {
		l.canon, l.formerly = map[string]string{}, map[string]string{}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		name := normalize.Space(normalize.NFC(k.Value))
		if name == "" {
			return fmt.Errorf("agencies: line %d: empty name", k.Line)
		}
		var aliases, former []string
		switch v.Kind {
		case yaml.SequenceNode:
			if err := v.Decode(&aliases); err != nil {
				return fmt.Errorf("agencies: line %d: %w", v.Line, err)
			}
		case yaml.MappingNode:
			var e struct {
				Aliases  []string `yaml:"aliases"`
				Formerly []string `yaml:"formerly"`
			}
			if err := v.Decode(&e); err != nil {
				return fmt.Errorf("agencies: line %d: %w", v.Line, err)
			}
			aliases, former = e.Aliases, e.Formerly
		case yaml.ScalarNode:
			if v.Value != "" && v.Tag != "!!null" {
				aliases = []string{v.Value}
			}
		default:
			return fmt.Errorf("agencies: line %d: want a list of aliases", v.Line)
		}
		l.canon[key(name)] = name
		for _, a := range aliases {
			l.canon[key(a)] = name
		}
		for _, a := range former {
			l.canon[key(a)] = name
			l.formerly[key(a)] = name
		}
	}
	return nil
}

// Known reports whether the lexicon knows the name, as printed or after
// expansion.
func (l *Lexicon) Known(name string) bool {
	_, ok := l.canon[key(name)]
	return ok
}

// Successor returns the body a former name was merged into or renamed as,
// and whether the name is a former one.
func (l *Lexicon) Successor(name string) (string, bool) {
	s, ok := l.formerly[key(name)]
	return s, ok
}

// Canonical returns the canonical name of an agency as printed; issuer is
// the plan's issuer, used to resolve "UBND tỉnh" and the like.
func (l *Lexicon) Canonical(name, issuer string) string {
	k := issuer + "\x00" + name
	if v, ok := l.memo.Load(k); ok {
		return v.(string)
	}
	c := l.canonical(name, issuer)
	l.memo.Store(k, c)
	return c
}

func (l *Lexicon) canonical(name, issuer string) string {
	n := Expand(stripNotes(clean(normalize.NFC(name))))
	if n == "" {
		return ""
	}
	if c, ok := l.canon[key(n)]; ok {
		n = c
	}
	n = normalize.SetTone(n, normalize.ToneNew)
	n = resolvePlace(n, issuer)
	return upperFirst(n)
}

// key is the lookup key of a name: expanded, folded, OCR forms of "sở"
// read as such, punctuation around "-" and "," made regular.
func key(name string) string {
	f := normalize.Fold(Expand(stripNotes(clean(normalize.NFC(name)))))
	f = ocrHeads(f)
	f = strings.NewReplacer(" - ", " ", "-", " ", ",", " ", "&", " va ").Replace(f)
	return normalize.Space(f)
}

// stripNotes drops trailing notes in parentheses: "Sở KH&CN (tổng hợp)".
func stripNotes(s string) string {
	for strings.HasSuffix(s, ")") {
		i := strings.LastIndex(s, "(")
		if i <= 0 {
			break
		}
		s = strings.TrimSpace(s[:i])
	}
	return s
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// abbreviations of the genre, longest first where one contains another.
// Keys are matched as whole tokens, case-sensitively.
var abbreviations = []struct{ abbr, full string }{
	{"UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"},
	{"UBMTTQ", "Ủy ban Mặt trận Tổ quốc"},
	{"MTTQVN", "Mặt trận Tổ quốc Việt Nam"},
	{"MTTQ", "Mặt trận Tổ quốc"},
	{"VPUBND", "Văn phòng Ủy ban nhân dân"},
	{"VPUB", "Văn phòng Ủy ban nhân dân"},
	{"UBND", "Ủy ban nhân dân"},
	{"HĐND", "Hội đồng nhân dân"},
	{"ĐBQH", "đại biểu Quốc hội"},
	{"KH&CN", "Khoa học và Công nghệ"},
	{"KHCN", "Khoa học và Công nghệ"},
	{"KH và CN", "Khoa học và Công nghệ"},
	{"KH&ĐT", "Kế hoạch và Đầu tư"},
	{"KHĐT", "Kế hoạch và Đầu tư"},
	{"TT&TT", "Thông tin và Truyền thông"},
	{"TTTT", "Thông tin và Truyền thông"},
	{"GD&ĐT", "Giáo dục và Đào tạo"},
	{"GDĐT", "Giáo dục và Đào tạo"},
	{"LĐ-TB&XH", "Lao động - Thương binh và Xã hội"},
	{"LĐTB&XH", "Lao động - Thương binh và Xã hội"},
	{"LĐTBXH", "Lao động - Thương binh và Xã hội"},
	{"NN&PTNT", "Nông nghiệp và Phát triển nông thôn"},
	{"NNPTNT", "Nông nghiệp và Phát triển nông thôn"},
	{"NN&MT", "Nông nghiệp và Môi trường"},
	{"VH-TT&DL", "Văn hóa, Thể thao và Du lịch"},
	{"VHTT&DL", "Văn hóa, Thể thao và Du lịch"},
	{"VHTTDL", "Văn hóa, Thể thao và Du lịch"},
	{"TN&MT", "Tài nguyên và Môi trường"},
	{"TNMT", "Tài nguyên và Môi trường"},
	{"GTVT", "Giao thông vận tải"},
	{"TTHC", "thủ tục hành chính"},
	{"BCĐ", "Ban Chỉ đạo"},
	{"BCH", "Bộ Chỉ huy"},
	{"BQL", "Ban Quản lý"},
	{"KKT", "Khu kinh tế"},
	{"KCN", "khu công nghiệp"},
	{"QS", "Quân sự"},
	{"KBNN", "Kho bạc Nhà nước"},
	{"BHXH", "Bảo hiểm xã hội"},
	{"CNTT", "công nghệ thông tin"},
	{"ĐMST", "đổi mới sáng tạo"},
	{"CĐS", "chuyển đổi số"},
	{"TTPVHCC", "Trung tâm Phục vụ hành chính công"},
	{"VP", "Văn phòng"},
	{"TW", "Trung ương"},
	{"TƯ", "Trung ương"},
	{"TP.", "thành phố"},
	{"TP", "thành phố"},
	{"Cty", "Công ty"},
	{"CP", "Chính phủ"},
}

// Expand writes the genre's abbreviations of an agency name out in full:
// "Sở KH&CN" → "Sở Khoa học và Công nghệ", "UBND tỉnh" → "Ủy ban nhân dân
// tỉnh". Words that are not abbreviations are left as printed.
func Expand(s string) string {
	if s == "" {
		return s
	}
	rx := abbrRe()
	for range 4 { // adjacent abbreviations share a boundary: repeat
		ms := rx.FindAllStringSubmatchIndex(s, -1)
		if ms == nil {
			break
		}
		var b strings.Builder
		last := 0
		for _, m := range ms {
			b.WriteString(s[last:m[4]])
			b.WriteString(full[s[m[4]:m[5]]])
			last = m[5]
		}
		b.WriteString(s[last:])
		s = b.String()
	}
	return normalize.Space(s)
}

var (
	abbrOnce sync.Once
	abbrRx   *regexp.Regexp
	full     = map[string]string{}
)

func abbrRe() *regexp.Regexp {
	abbrOnce.Do(func() {
		var alts []string
		for _, a := range abbreviations {
			alts = append(alts, regexp.QuoteMeta(a.abbr))
			full[a.abbr] = a.full
		}
		// Token boundaries: not a letter, digit, & or - on either side.
		abbrRx = regexp.MustCompile(`(^|[^\p{L}\p{N}&-])(` + strings.Join(alts, "|") + `)($|[^\p{L}\p{N}&-])`)
	})
	return abbrRx
}

// resolvePlace appends the issuer's place to a name that ends in the
// issuer's level ("Ủy ban nhân dân tỉnh" → "… tỉnh Quảng Ngãi"), or gives
// a bare "Văn phòng Ủy ban nhân dân" the issuer's level and place.
func resolvePlace(n, issuer string) string {
	level, place := Place(issuer)
	if level == "" || place == "" {
		return n
	}
	f := normalize.Fold(n)
	lf := normalize.Fold(level)
	switch {
	case strings.HasSuffix(f, " "+lf) && !strings.HasSuffix(f, " cap "+lf):
		return n + " " + place
	case strings.HasSuffix(f, "uy ban nhan dan") || strings.HasSuffix(f, "hoi dong nhan dan"):
		return n + " " + level + " " + place
	case (lf == "tinh" && (f == "tinh uy" || f == "van phong tinh uy" || strings.HasSuffix(f, " tinh uy"))) ||
		(lf == "thanh pho" && (f == "thanh uy" || strings.HasSuffix(f, " thanh uy"))):
		return n + " " + place
	}
	return n
}

// Place reads the level ("tỉnh", "thành phố") and the place name ("Quảng
// Ngãi", "Huế") from an issuer's name: "Ủy ban nhân dân tỉnh Quảng Ngãi",
// "UBND thành phố Huế", "Thành ủy Hải Phòng". It returns "", "" when the
// issuer names no place.
func Place(issuer string) (level, place string) {
	s := Expand(normalize.Space(normalize.NFC(issuer)))
	if s == "" {
		return "", ""
	}
	upper := isAllUpper(s)
	words := strings.Fields(s)
	for i := len(words) - 1; i >= 0; i-- {
		w := normalize.Fold(words[i])
		var lvl string
		var next int
		switch {
		case w == "tinh":
			lvl, next = "tỉnh", i+1
		case w == "thanh" && i+1 < len(words) && normalize.Fold(words[i+1]) == "pho":
			lvl, next = "thành phố", i+2
		case (w == "tinh" || w == "thanh") && i+1 < len(words) && normalize.Fold(words[i+1]) == "uy":
			continue
		default:
			if (w == "uy" || w == "ủy") && i > 0 {
				pw := normalize.Fold(words[i-1])
				if pw == "tinh" || pw == "thanh" {
					if i+1 < len(words) && (upper || startsUpper(words[i+1])) {
						lvl = map[string]string{"tinh": "tỉnh", "thanh": "thành phố"}[pw]
						return lvl, placeWords(words[i+1:], upper)
					}
				}
			}
			continue
		}
		if next < len(words) && (upper || startsUpper(words[next])) {
			return lvl, placeWords(words[next:], upper)
		}
	}
	return "", ""
}

// placeWords takes the capitalised words of a place name.
func placeWords(ws []string, upper bool) string {
	var out []string
	for _, w := range ws {
		if !upper && !startsUpper(w) {
			break
		}
		w = strings.Trim(w, ",;.()")
		if w == "" {
			break
		}
		if upper {
			r := []rune(strings.ToLower(w))
			r[0] = unicode.ToUpper(r[0])
			w = string(r)
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

func isAllUpper(s string) bool {
	hasLetter := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			hasLetter = true
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	return hasLetter
}
