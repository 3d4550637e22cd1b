package texttable

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// piece is one line of a row's text, or part of one: a line whose end is a
// deadline ("Sở KH&CN Tháng 11/2025", two cells the extractor put on one
// line) is offered as two pieces, glued back when they land in one cell.
type piece struct {
	text string
	glue bool // continues the previous piece on the same line

	// features, computed once
	deadline, agency, lower, open bool
	runes                         int
}

// newPiece makes a piece and reads its features.
func newPiece(text string, glue bool) piece {
	return piece{text: text, glue: glue, deadline: IsDeadline(text), agency: StartsAgency(text),
		lower: startsLower(text), open: needsMore(text), runes: utf8.RuneCountInString(text)}
}

// Split cuts the lines of one table row (without its row number) into the
// cells of the given fields, in order (FieldContent, FieldLead…). Each cell
// is its lines joined by "\n". sure is false when the cut rests on weak
// evidence: a cell that should not be empty is, or the best cut scores
// hardly better than another.
func Split(lines []string, fields []string) (cells []string, sure bool) {
	var ps []piece
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if a, b, ok := splitTrailingDeadline(l); ok {
			ps = append(ps, newPiece(a, false), newPiece(b, true))
			continue
		}
		ps = append(ps, newPiece(l, false))
	}
	cells = make([]string, len(fields))
	if len(fields) == 0 {
		return cells, len(ps) == 0
	}
	if len(ps) > maxPieces {
		// not a row a person wrote: keep its text whole in the first cell
		var texts []string
		for _, p := range ps {
			texts = append(texts, p.text)
		}
		cells[0] = strings.Join(texts, "\n")
		return cells, false
	}
	n, m := len(ps), len(fields)
	const neg = -1e18
	// best[c][i]: best score of pieces[:i] in fields[:c].
	best := make([][]float64, m+1)
	from := make([][]int, m+1)
	for c := range best {
		best[c] = make([]float64, n+1)
		from[c] = make([]int, n+1)
		for i := range best[c] {
			best[c][i] = neg
		}
	}
	best[0][0] = 0
	sc := scorer{ps: ps, deadline: map[[2]int]bool{}}
	for c := 0; c < m; c++ {
		for i := 0; i <= n; i++ {
			if best[c][i] == neg {
				continue
			}
			for j := i; j <= n; j++ {
				s := best[c][i] + sc.block(fields[c], i, j)
				if j > i && j < n {
					s += cutScore(ps, j)
				}
				if s > best[c+1][j] {
					best[c+1][j] = s
					from[c+1][j] = i
				}
			}
		}
	}
	// Recover the cut.
	j := n
	bounds := make([][2]int, m)
	for c := m; c > 0; c-- {
		i := from[c][j]
		bounds[c-1] = [2]int{i, j}
		j = i
	}
	sure = true
	for c, b := range bounds {
		var sb strings.Builder
		for k := b[0]; k < b[1]; k++ {
			if k > b[0] {
				if ps[k].glue {
					sb.WriteByte(' ')
				} else {
					sb.WriteByte('\n')
				}
			}
			sb.WriteString(ps[k].text)
		}
		cells[c] = sb.String()
		if b[0] == b[1] && (fields[c] == FieldContent || fields[c] == FieldLead) {
			sure = false
		}
		if b[0] < b[1] && b[0] > 0 && startsLower(ps[b[0]].text) && !ps[b[0]].glue {
			sure = false
		}
	}
	return cells, sure
}

// maxPieces is the most lines a row may have for Split to weigh its cuts;
// the longest rows of real plans have a few dozen.
const maxPieces = 150

// scorer rates cells, remembering which runs of pieces read as a deadline.
type scorer struct {
	ps       []piece
	deadline map[[2]int]bool
}

// block rates pieces ps[i:j] as the whole of one cell of the field.
func (sc *scorer) block(field string, i, j int) float64 {
	ps := sc.ps[i:j]
	if len(ps) == 0 {
		return 0
	}
	s := 0.0
	if ps[0].lower && !ps[0].glue {
		s -= 3
	}
	switch field {
	case FieldContent, FieldResult:
		if field == FieldContent {
			s += 2
		} else {
			s += 0.5
		}
		for k, p := range ps {
			s += 0.5
			if p.deadline {
				s -= 3
			}
			if k < len(ps)-1 && p.runes < 20 {
				s -= 1
			}
		}
		if ps[0].agency && ps[0].runes < 25 {
			s -= 2
		}
	case FieldLead, FieldSupport:
		s += 2
		if field == FieldLead {
			s += 0.5 // a task has a lead more often than a partner
		}
		if ps[0].agency {
			s += 2
		} else {
			s -= 1
		}
		for _, p := range ps {
			if p.runes > 40 {
				s -= 2
			}
			if p.deadline {
				s -= 4
			}
		}
	case FieldDeadline:
		key := [2]int{i, j}
		d, ok := sc.deadline[key]
		if !ok {
			var texts []string
			for _, p := range ps {
				texts = append(texts, p.text)
			}
			d = IsDeadline(strings.Join(texts, " "))
			sc.deadline[key] = d
		}
		if d {
			s += 1 + 4
		} else {
			s -= 2 * float64(len(ps))
		}
	default: // note, other
		for _, p := range ps {
			s -= 0.5
			if p.deadline {
				s -= 2
			}
		}
	}
	return s
}

// cutScore rates a cell boundary before ps[j]: a cell does not end on a
// word that needs its complement, after a separator, inside parentheses,
// nor does the next begin with a lower-case word.
func cutScore(ps []piece, j int) float64 {
	s := 0.0
	prev := ps[j-1].text
	if ps[j-1].open {
		s -= 4
	}
	if strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, ";") || strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "–") {
		s -= 3
	}
	if strings.Count(prev, "(") > strings.Count(prev, ")") {
		s -= 3
	}
	if ps[j].glue {
		s += 1
	}
	return s
}

// openEnds are the words after which a cell of agencies or of text goes on:
// conjunctions, prepositions, and halves of two-syllable words that end no
// agency name ("UBND thành" + "phố").
var openEnds = map[string]bool{
	"va": true, "cua": true, "cac": true, "voi": true, "thanh": true, "co": true, "don": true,
	"lien": true, "nhan": true, "chu": true, "phoi": true, "tham": true, "trung": true, "khoa": true,
	"tai": true, "theo": true, "ve": true, "cho": true, "hoac": true, "hiep": true, "ngan": true,
	"kho": true, "tong": true, "mat": true,
}

// headNouns are agency heads that never stand alone in a cell: they need
// whose office, which department.
var headNouns = map[string]bool{
	"van phong": true, "so": true, "ban": true, "uy ban nhan dan": true, "ubnd": true, "hoi dong": true,
	"bo": true, "trung tam": true, "phong": true, "cuc": true, "chi cuc": true, "vien": true,
	"cac so": true, "cac co quan": true, "cong an": false, "hiep hoi": true, "lien doan": true,
	"uy ban": true, "ban quan ly": true, "bo chi huy": true, "dang uy": true, "cac": true,
}

// needsMore reports whether a line ends where no cell of the genre ends.
func needsMore(line string) bool {
	k := foldKey(line)
	if headNouns[k] {
		return true
	}
	ws := strings.Fields(k)
	if len(ws) == 0 {
		return false
	}
	return openEnds[ws[len(ws)-1]]
}

// agencyStarts are the folded first words of agency names in the genre.
var agencyStarts = []string{
	"so", "ubnd", "uy ban", "van phong", "cac so", "cac co quan", "cac don vi", "cac ban", "ban", "bo",
	"hiep hoi", "hoi", "cong an", "bo chi huy", "dai", "bao", "truong", "vien", "trung tam",
	"thanh tra", "kho bac", "ngan hang", "cuc", "chi cuc", "lien doan", "doan", "mat tran",
	"tinh doan", "thanh doan", "dang uy", "phong", "toa an", "hdnd", "ubmttq", "mttq", "cac xa", "cac phuong",
	"cac huyen", "cac dia phuong", "dia phuong", "tap doan", "tong cong ty", "cong ty", "buu dien",
	"chi nhanh", "thanh uy", "tinh uy", "huyen uy", "dang uy", "cac hoi", "lien minh", "quy", "vp",
	"bch", "bqp", "btc", "bo phan", "to cong tac", "ban chi dao", "bcd", "thuong truc", "hoi dong",
	"chinh phu", "thu tuong", "cac to chuc", "cac doanh nghiep", "doanh nghiep", "nha truong",
	"cac truong", "cac vien", "cac cap", "cac nganh", "cac dia", "co quan", "don vi", "ubnd cac",
	"vien kiem sat", "toa an nhan dan", "bao hiem", "vnpt", "viettel", "cac thanh vien",
}

// StartsAgency reports whether s begins with the name of a state body or
// a group of them ("Sở …", "UBND …", "Các sở, ban, ngành", "Văn phòng …").
// The first letter must be a capital.
func StartsAgency(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "-+•( "))
	if !unicode.IsUpper(r) {
		return false
	}
	k := " " + foldKey(s) + " "
	for _, a := range agencyStarts {
		if strings.HasPrefix(k, " "+a+" ") {
			return true
		}
	}
	return false
}

// deadlineWords are the words deadline cells are made of in the genre.
var deadlineWords = map[string]bool{
	"truoc": true, "sau": true, "tu": true, "den": true, "trong": true, "cuoi": true, "dau": true,
	"giua": true, "ngay": true, "thang": true, "quy": true, "nam": true, "tuan": true, "hang": true,
	"thuong": true, "xuyen": true, "dinh": true, "ky": true, "lien": true, "tuc": true, "va": true,
	"cac": true, "tiep": true, "theo": true, "giai": true, "doan": true, "hoan": true, "thanh": true,
	"het": true, "moi": true, "yeu": true, "cau": true, "chi": true, "dao": true, "khi": true,
	"co": true, "lan": true, "ke": true, "hoach": true, "tien": true, "do": true, "hoac": true,
	"nhung": true, "kip": true, "thoi": true, "han": true, "gian": true,
	"truc": true, "hien": true, "thuc": true, "i": true, "ii": true, "iii": true, "iv": true,
	"nua": true, "thu": true, "ba": true, "hai": true, "mot": true, "bon": true, "quyet": true,
	"phe": true, "duyet": true, "duoc": true, "nhat": true,
	"muon": true, "le": true, "chay": true, "xong": true, "dot": true, "xuat": true,
}

// deadlineAnchors are words that make a run of deadline words a deadline
// even without a number.
var deadlineAnchors = map[string]bool{"hang": true, "thuong": true, "dinh": true, "lien": true, "theo": true, "kip": true}

var numberRE = regexp.MustCompile(`^\d{1,4}(?:[/.\-]\d{1,4}){0,2}$`)

// IsDeadline reports whether s, as a whole, is a deadline as the genre
// prints them: "Tháng 11/2025", "30/11/2025", "Quý IV/2025", "Hàng tháng",
// "Thường xuyên", "Trước ngày 15/12", "Năm 2025 và các năm tiếp theo".
func IsDeadline(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 14 {
		return false
	}
	anchored := false
	for _, w := range ws {
		w = strings.Trim(w, ",.;:()")
		if w == "" || w == "-" || w == "–" {
			continue
		}
		if strings.ContainsAny(w, "/-–") || numberRE.MatchString(w) {
			parts := strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' || r == '–' || r == '.' })
			for _, p := range parts {
				p = foldKey(p)
				if !numberRE.MatchString(p) && !isRoman(p) {
					return false
				}
			}
			anchored = true
			continue
		}
		for _, f := range strings.Fields(foldKey(w)) {
			switch {
			case isRoman(f):
			case deadlineWords[f]:
				if deadlineAnchors[f] {
					anchored = true
				}
			default:
				return false
			}
		}
	}
	return anchored
}

// isRoman reports whether w is a Roman numeral of a quarter or month.
func isRoman(w string) bool {
	switch w {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii":
		return true
	}
	return false
}

// splitTrailingDeadline cuts a line whose end is a deadline printed after
// another cell's last words: "Sở KH&CN Tháng 11/2025". The deadline must
// begin with a capital or a digit, and the words before it must not lead
// into it ("trong", "ngày").
func splitTrailingDeadline(l string) (string, string, bool) {
	ws := strings.Fields(l)
	for i := 1; i < len(ws); i++ {
		r, _ := utf8.DecodeRuneInString(ws[i])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			continue
		}
		tail := strings.Join(ws[i:], " ")
		if !IsDeadline(tail) {
			continue
		}
		head := strings.Join(ws[:i], " ")
		last := foldKey(ws[i-1])
		if deadlineWords[last] || IsDeadline(head) {
			return "", "", false
		}
		return head, tail, true
	}
	return "", "", false
}

// OnlyDeadlineWords reports whether every word of s belongs to the words
// deadlines are made of ("Tháng", "Quý", "hàng năm", numbers): a cell
// holding only such words is part of a deadline, not an agency.
func OnlyDeadlineWords(s string) bool {
	return IsDeadline(s + " 1")
}
