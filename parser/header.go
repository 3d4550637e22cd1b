package parser

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
)

// docTypes are the types of administrative documents in the genre, in the
// case a register prints them, keyed by their folded form.
var docTypes = map[string]string{
	"ke hoach": "Kế hoạch", "quyet dinh": "Quyết định", "chuong trinh": "Chương trình",
	"chuong trinh hanh dong": "Chương trình hành động", "cong van": "Công văn",
	"thong bao": "Thông báo", "bao cao": "Báo cáo", "chi thi": "Chỉ thị", "nghi quyet": "Nghị quyết",
	"ket luan": "Kết luận", "huong dan": "Hướng dẫn", "de an": "Đề án", "to trinh": "Tờ trình",
	"ke hoach hanh dong": "Kế hoạch hành động", "quy che": "Quy chế", "quy dinh": "Quy định",
}

var (
	// numberRE finds "Số: 458/KH-UBND" (spaces around the slash allowed,
	// as plain extractors print them: "Số:  458  /KH-UBND").
	numberRE = regexp.MustCompile(`(?i)^(?:số|so|sô|s6|sb)\s*:?\s*((?:\d+[A-Za-zĐđ]*)?\s*[-/]\s*[A-Za-zĐđ0-9]+(?:\s*[-/]\s*[A-Za-zĐđ0-9]+)*)`)
	// dateRE finds "Huế, ngày 25 tháng 11 năm 2025".
	dateRE = regexp.MustCompile(`(?i)(?:^|\s)([^,]*?)\s*,\s*ngày\s+(\d{1,2})(?:\s+tháng\s+|\s*[/.-]\s*)(\d{1,2})(?:\s+năm\s+|\s*[/.-]\s*)(\d{4})`)
	// captionRE finds the appendix caption "Kèm theo Kế hoạch số 458/KH-UBND
	// ngày 25 tháng 11 năm 2025 của UBND thành phố Huế".
	captionRE = regexp.MustCompile(`(?i)kèm\s+theo\s+(kế hoạch|quyết định|chương trình(?: hành động)?|công văn|thông báo|nghị quyết|chỉ thị|đề án|hướng dẫn)\s+(?:số\s*:?\s*)?([0-9]*\s*[-/Il]?\s*[A-Za-zĐđ0-9]+(?:\s*[-/]\s*[A-Za-zĐđ0-9]+)+)?`)
	// captionDateRE and captionIssuerRE read the rest of a caption.
	captionDateRE   = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})(?:\s+tháng\s+|/)(\d{1,2})(?:\s+năm\s+|/)(\d{4})`)
	captionIssuerRE = regexp.MustCompile(`(?i)(?:^|\s)của\s+([^)]+)`)
	// webTitleRE reads a legal database's title line: "Kế hoạch 458/KH-UBND
	// năm 2025 triển khai … do thành phố Huế ban hành".
	webTitleRE = regexp.MustCompile(`^(Kế hoạch|Quyết định|Chương trình|Công văn|Thông báo|Nghị quyết|Chỉ thị|Đề án|Hướng dẫn|Báo cáo)\s+(?:số\s+)?(\S+)\s+năm\s+(\d{4})\s+(.+?)(?:\s+do\s+(.+?)\s+ban hành)?$`)
	// mottoRE matches the national motto and the party line that stand
	// beside the issuer in the header block.
	mottoRE = regexp.MustCompile(`(?i)(cộng hòa xã hội\s*(?:chủ nghĩa việt nam)?|cộng hoà xã hội\s*(?:chủ nghĩa việt nam)?|chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|đảng cộng sản việt nam)`)
)

// signerTitles are the signing titles after which the signer's name comes.
var signerTitles = []string{"chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban",
	"pho truong ban", "bi thu", "pho bi thu", "chanh van phong", "truong phong", "thu truong", "bo truong"}

// readDocument reads the plan's metadata from its header block, signature
// block, a legal database's metadata table and title line, and the
// appendix caption, each filling what the ones before left empty.
func readDocument(items []item, o *options) Document {
	var d Document
	units := textUnits(items)
	web := webMetadata(items)
	header := headerBlock(units)

	d.Number = firstOf(header.number, web["số hiệu"], "")
	d.Type = firstOf(header.kind, web["loại văn bản"], "")
	d.Date = firstOf(header.date, isoDate(web["ngày ban hành"]), "")
	d.Place = header.place
	d.Title = header.title
	d.Signer = firstOf(signer(units), web["người ký"], "")
	if t := webTitle(units); t != nil {
		d.Type = firstOf(d.Type, t.kind, "")
		d.Number = firstOf(d.Number, t.number, "")
		d.Title = firstOf(d.Title, t.title, "")
	}
	cap := caption(units)
	d.Number = firstOf(d.Number, cap.number, "")
	d.Type = firstOf(d.Type, cap.kind, "")
	d.Date = firstOf(d.Date, cap.date, "")

	// The issuer: the header's if it names a place, else the caption's,
	// else the header's completed by the database's.
	issuer := header.issuer
	switch {
	case issuer != "" && hasPlace(issuer):
	case cap.issuer != "":
		issuer = cap.issuer
	case issuer != "" && web["cơ quan ban hành"] != "":
		issuer = issuer + " " + lowerFirst(web["cơ quan ban hành"])
	case issuer == "":
		issuer = web["cơ quan ban hành"]
	}
	d.Issuer = expandIssuer(issuer, o)
	if d.Place == "" {
		d.Place = placeOf(d.Issuer)
	}
	return d
}

// firstOf returns the first non-empty string.
func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// webMetadata reads a legal database's metadata table: two-column rows
// "Số hiệu | 458/KH-UBND", keyed by the lower-case label.
func webMetadata(items []item) map[string]string {
	out := map[string]string{}
	labels := map[string]string{"so hieu": "số hiệu", "ngay ban hanh": "ngày ban hành", "loai van ban": "loại văn bản",
		"co quan ban hanh": "cơ quan ban hành", "nguoi ky": "người ký", "noi ban hanh": "cơ quan ban hành"}
	for _, it := range items {
		if it.table == nil {
			continue
		}
		for _, r := range it.table.Rows {
			if len(r.Cells) < 2 {
				continue
			}
			for c := 0; c+1 < len(r.Cells); c += 2 {
				key := normalize.Fold(normalize.StripMarkup(r.Cells[c].Text()))
				key = strings.TrimRight(key, ": ")
				if l, ok := labels[key]; ok && out[l] == "" {
					out[l] = normalize.Space(normalize.StripMarkup(r.Cells[c+1].Text()))
				}
			}
		}
	}
	return out
}

// header is what the header block gives.
type header struct {
	issuer, number, place, date, kind, title string
}

// headerBlock reads the header block: the issuer's lines, "Số: …", the
// place and date line, the type line and the title lines after it. Only the
// first of each counts (some copies repeat the document).
func headerBlock(units []unit) header {
	var h header
	limit := min(len(units), 80)
	numberAt, dateAt, vvAt := -1, -1, -1
	for i := 0; i < limit; i++ {
		t := units[i].text
		rest := t
		if h.number == "" {
			if m := numberRE.FindStringSubmatchIndex(t); m != nil {
				h.number = cleanNumber(t[m[2]:m[3]])
				rest = strings.TrimSpace(t[m[1]:])
				numberAt = i
			}
		}
		if h.date == "" && len(rest) < 400 && strings.Contains(rest, "ngày") {
			if m := dateRE.FindStringSubmatch(rest); m != nil {
				if iso := isoYMD(m[4], m[3], m[2]); iso != "" {
					h.date = iso
					h.place = cleanPlace(m[1])
					dateAt = i
				}
			}
		}
		if h.kind == "" && vvAt < 0 && i < 30 {
			if k := foldShort(t, 12); strings.HasPrefix(k, "v/v ") || strings.HasPrefix(k, "v/v:") {
				vvAt = i
			}
		}
		if h.kind == "" {
			if k, ok := docTypes[foldShort(lettersOnly(t), 40)]; ok && isUpperText(t) {
				h.kind = k
				h.title = titleAfter(units, i+1)
			}
		}
	}
	// An official letter has no type line: its subject follows "V/v".
	if h.kind == "" && vvAt >= 0 {
		h.kind = "Công văn"
		first := units[vvAt].text
		first = strings.TrimSpace(strings.TrimLeft(first[strings.Index(strings.ToLower(first), "v/v")+3:], ": "))
		rest := titleAfter(units, vvAt+1)
		h.title = upperFirst(normalize.JoinLines(first + "\n" + continuation(units, vvAt+1, rest)))
	}
	// The issuer stands above the number (the date may stand beside the
	// issuer's last lines, on a line merged from two columns).
	first := numberAt
	if first < 0 {
		first = dateAt
	}
	if first > 0 {
		h.issuer = issuerLines(units[:first])
	} else if first < 0 && h.kind != "" {
		// no number line: the issuer stands above the type line
		for i := 0; i < limit; i++ {
			if _, ok := docTypes[foldShort(lettersOnly(units[i].text), 40)]; ok {
				h.issuer = issuerLines(units[:i])
				break
			}
		}
	}
	return h
}

// issuerLines reads the issuer from the upper-case lines of the header
// block above the number: the motto is taken out; where a superior body
// and the issuing body stand one above the other ("THÀNH ỦY HẢI PHÒNG" /
// "BAN CHỈ ĐẠO …"), the issuing body is the lower one.
func issuerLines(units []unit) string {
	// Walk up from the number line over the upper-case lines.
	var parts []string
	for i := len(units) - 1; i >= 0 && len(parts) < 6; i-- {
		t := units[i].text
		if strings.Contains(t, "ngày") {
			// "KHOA HỌC, CÔNG NGHỆ, Hải Phòng, ngày 18 tháng 10 năm 2025"
			if loc := dateRE.FindStringIndex(t); loc != nil {
				t = t[:loc[0]] + t[loc[1]:]
			}
		}
		t = strings.TrimSpace(mottoRE.ReplaceAllString(t, " "))
		t = strings.Trim(t, " -–_*")
		if t == "" {
			continue
		}
		if !isUpperText(t) {
			break
		}
		parts = append([]string{normalize.Space(t)}, parts...)
	}
	if len(parts) == 0 {
		return ""
	}
	// A line that starts a body of its own ("BAN …", "SỞ …") below a
	// complete name is the issuing body; it takes its superior's place
	// where it names none ("UBND TỈNH QUẢNG NGÃI" / "BAN CHỈ ĐẠO").
	start := 0
	for i := 1; i < len(parts); i++ {
		above := strings.Join(parts[start:i], " ")
		if startsBody(parts[i]) && (hasPlace(above) || isPartyBody(above)) {
			start = i
		}
	}
	name := strings.Join(parts[start:], " ")
	if start > 0 && !hasPlace(name) {
		if p := placePhrase(nameCase(strings.Join(parts[:start], " "))); p != "" {
			return nameCase(name) + " " + p
		}
	}
	return nameCase(name)
}

// isPartyBody reports whether an upper-case line names a party committee
// ("THÀNH ỦY HẢI PHÒNG", "TỈNH ỦY …", "ĐẢNG ỦY …"), whose place follows
// without a unit word.
func isPartyBody(s string) bool {
	k := normalize.Fold(s)
	for _, p := range []string{"thanh uy", "tinh uy", "huyen uy", "dang uy", "quan uy", "thi uy"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// placePhrase returns the place part of a name, from its unit word on:
// "Ủy ban nhân dân tỉnh Quảng Ngãi" → "tỉnh Quảng Ngãi".
func placePhrase(name string) string {
	ws := strings.Fields(name)
	for i, w := range ws {
		k := normalize.Fold(w)
		if k == "tinh" || k == "huyen" || k == "quan" || k == "xa" || k == "phuong" ||
			(k == "thanh" && i+1 < len(ws) && normalize.Fold(ws[i+1]) == "pho") {
			if i+1 < len(ws) {
				return strings.Join(ws[i:], " ")
			}
		}
	}
	return ""
}

// startsBody reports whether an upper-case header line begins the name of
// a body of its own.
func startsBody(s string) bool {
	k := normalize.Fold(s)
	for _, h := range []string{"ban ", "so ", "van phong", "hoi dong", "uy ban", "ubnd", "phong ", "cuc ", "bo chi huy", "cong an", "dang uy", "ban chi dao"} {
		if strings.HasPrefix(k, h) {
			return true
		}
	}
	return false
}

// isUpperText reports whether s has letters and all of them are capitals.
func isUpperText(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 1
}

// titleAfter reads the trích yếu: the line after the type line and the
// lines that continue its sentence (lower-case starts, or after a word
// that needs its complement), stopping at the body.
func titleAfter(units []unit, i int) string {
	var lines []string
	for ; i < len(units) && len(lines) < 8; i++ {
		t := units[i].text
		if strings.Trim(t, "-–_* ") == "" {
			if len(lines) > 0 {
				break
			}
			continue
		}
		k := foldShort(t, 40)
		if len(lines) == 0 {
			if strings.HasPrefix(k, "can cu") || strings.HasPrefix(k, "so:") {
				break
			}
			lines = append(lines, t)
			continue
		}
		prev := normalize.Fold(lastWords(lines[len(lines)-1], 2))
		if startsLowerText(t) || endsOpen(prev) || strings.HasSuffix(prev, ",") {
			if strings.HasPrefix(k, "can cu") || strings.HasPrefix(k, "thuc hien ") && !startsLowerText(t) {
				break
			}
			lines = append(lines, t)
			continue
		}
		break
	}
	return normalize.JoinLines(strings.Join(lines, "\n"))
}

// endsOpen reports whether a folded line ends on a word after which the
// sentence must go on.
func endsOpen(k string) bool {
	ws := strings.Fields(k)
	if len(ws) == 0 {
		return false
	}
	switch ws[len(ws)-1] {
	case "va", "cua", "ve", "tai", "so", "cac", "nhung", "theo", "cho", "voi", "trong", "nam", "ngay", "giai", "doan", "thuc", "hien", "trien", "khai", "-":
		return true
	}
	return false
}

// startsLowerText reports whether s begins with a lower-case letter.
func startsLowerText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// webTitle is what a legal database's title line gives.
type webTitleInfo struct{ kind, number, title, issuer string }

// webTitle reads the title line a legal database puts first: "Kế hoạch
// 458/KH-UBND năm 2025 triển khai … do thành phố Huế ban hành".
func webTitle(units []unit) *webTitleInfo {
	for i := 0; i < min(len(units), 3); i++ {
		if units[i].cell {
			continue
		}
		if m := webTitleRE.FindStringSubmatch(units[i].text); m != nil {
			return &webTitleInfo{kind: m[1], number: m[2], title: upperFirst(strings.TrimSpace(m[4])), issuer: m[5]}
		}
	}
	return nil
}

// captionInfo is what an appendix caption gives.
type captionInfo struct{ kind, number, date, issuer string }

// caption reads the first "(Kèm theo Kế hoạch số … ngày … của …)" caption,
// joining its wrapped lines.
func caption(units []unit) captionInfo {
	for i, u := range units {
		k := foldShort(u.text, 24)
		if !strings.HasPrefix(strings.TrimLeft(k, "( "), "kem theo") {
			continue
		}
		text := u.text
		for j := i + 1; j < len(units) && j < i+4 && strings.Count(text, "(") > strings.Count(text, ")"); j++ {
			text = normalize.JoinLines(text + "\n" + units[j].text)
		}
		m := captionRE.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		c := captionInfo{kind: docTypes[normalize.Fold(text[m[2]:m[3]])]}
		if m[4] >= 0 {
			c.number = cleanNumber(text[m[4]:m[5]])
		}
		rest := text[m[1]:]
		if d := captionDateRE.FindStringSubmatch(rest); d != nil {
			c.date = isoYMD(d[3], d[2], d[1])
		}
		if is := captionIssuerRE.FindStringSubmatch(rest); is != nil {
			issuer := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(is[1]), ").;"))
			// "của Trưởng Ban Chỉ đạo …": the body, not its head
			for _, head := range []string{"Trưởng ", "Chủ tịch ", "Giám đốc ", "Bí thư "} {
				issuer = strings.TrimPrefix(issuer, head)
			}
			c.issuer = issuer
		}
		return c
	}
	return captionInfo{}
}

// signer finds the signer's name in the signature block: a name of two to
// five capitalised words within a few lines after a signing title.
func signer(units []unit) string {
	for i := len(units) - 1; i >= 0; i-- {
		if len(units[i].text) > 80 {
			continue
		}
		k := normalize.Fold(units[i].text)
		title := false
		for _, s := range signerTitles {
			if k == s || strings.HasSuffix(k, " "+s) || strings.HasPrefix(k, "kt. "+s) || strings.HasPrefix(k, "tm. ") {
				title = true
			}
		}
		if !title {
			continue
		}
		for j := i + 1; j < len(units) && j < i+8; j++ {
			if isPersonName(units[j].text) {
				return units[j].text
			}
		}
	}
	return ""
}

// isPersonName reports whether s reads as a Vietnamese personal name:
// two to five words, each a capital followed by lower-case letters.
func isPersonName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 5 {
		return false
	}
	for _, w := range ws {
		for i, r := range w {
			if !unicode.IsLetter(r) {
				return false
			}
			if (i == 0) != unicode.IsUpper(r) {
				return false
			}
		}
	}
	k := normalize.Fold(s)
	for _, bad := range []string{"noi nhan", "luu", "van phong", "uy ban", "thanh pho", "chu tich"} {
		if strings.Contains(k, bad) {
			return false
		}
	}
	return true
}

// isoYMD makes an ISO date of year, month and day strings; "" if invalid.
func isoYMD(y, m, d string) string {
	yy, e1 := strconv.Atoi(y)
	mm, e2 := strconv.Atoi(m)
	dd, e3 := strconv.Atoi(d)
	if e1 != nil || e2 != nil || e3 != nil || mm < 1 || mm > 12 || dd < 1 || dd > 31 || yy < 1900 || yy > 2200 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd)
}

// isoDate reads "25/11/2025" as an ISO date; "" if it is not one.
func isoDate(s string) string {
	p := strings.Split(strings.TrimSpace(s), "/")
	if len(p) != 3 {
		return ""
	}
	return isoYMD(p[2], p[1], p[0])
}

// cleanPlace trims what stands before the place on a merged header line.
func cleanPlace(s string) string {
	s = strings.TrimSpace(mottoRE.ReplaceAllString(s, " "))
	s = strings.Trim(s, " *_-–")
	// On a line merged from two columns the place is the last capitalised run.
	ws := strings.Fields(s)
	start := len(ws)
	for start > 0 {
		r, _ := utf8.DecodeRuneInString(ws[start-1])
		if !unicode.IsUpper(r) && !unicode.IsLower(r) {
			break
		}
		if unicode.IsUpper(r) || isPlaceWord(ws[start-1]) {
			start--
			continue
		}
		break
	}
	return strings.Join(ws[start:], " ")
}

// isPlaceWord reports whether w is a lower-case word of a place name
// ("thành phố", "tỉnh"…) that may stand before the proper name.
func isPlaceWord(w string) bool {
	switch normalize.Fold(w) {
	case "thanh", "pho", "tinh", "huyen", "quan", "thi", "xa", "phuong", "tp.":
		return true
	}
	return false
}

// placeUnits are the words that introduce a place name.
var placeUnits = []string{"thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu", "tp."}

// hasPlace reports whether an issuer's name names its place.
func hasPlace(s string) bool {
	k := " " + normalize.Fold(s) + " "
	for _, p := range placeUnits {
		if strings.Contains(k, " "+normalize.Fold(p)+" ") {
			return true
		}
	}
	return false
}

// placeOf returns the proper name after the last place unit of an
// issuer's name: "Ủy ban nhân dân thành phố Huế" → "Huế". The name is the
// capitalised words after the unit; a unit followed by a common word
// ("Ban Chỉ đạo UBND tỉnh về phát triển …") names no place.
func placeOf(issuer string) string {
	ws := strings.Fields(issuer)
	for i := len(ws) - 1; i >= 0; i-- {
		k := normalize.Fold(ws[i])
		unit := k == "tinh" || k == "huyen" || k == "quan" || k == "xa" || k == "phuong" || k == "tp." ||
			(k == "pho" && i > 0 && normalize.Fold(ws[i-1]) == "thanh")
		if !unit {
			continue
		}
		var name []string
		for _, w := range ws[i+1:] {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !isDigits(w) {
				break
			}
			name = append(name, strings.Trim(w, ",;.()"))
		}
		if len(name) > 0 {
			return strings.Join(name, " ")
		}
	}
	return ""
}

// isDigits reports whether w is a number ("Phường 3").
func isDigits(w string) bool {
	return w != "" && strings.Trim(w, "0123456789") == ""
}

// issuerWords expands the abbreviations of issuers' names.
var issuerWords = []struct{ abbr, full string }{
	{"UBND", "Ủy ban nhân dân"}, {"HĐND", "Hội đồng nhân dân"}, {"BCĐ", "Ban Chỉ đạo"},
	{"UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"}, {"UBMTTQ", "Ủy ban Mặt trận Tổ quốc"},
	{"MTTQ", "Mặt trận Tổ quốc"}, {"BTV", "Ban Thường vụ"}, {"TP.", "thành phố"}, {"TP", "thành phố"},
	{"BCH", "Ban Chấp hành"}, {"VP", "Văn phòng"},
}

// expandIssuer writes an issuer's name in full: "UBND thành phố Huế" →
// "Ủy ban nhân dân thành phố Huế". A lexicon given with WithAgencies has
// the first word.
func expandIssuer(s string, o *options) string {
	s = normalize.Space(s)
	if s == "" {
		return ""
	}
	if o != nil && o.agencies != nil {
		if c := o.agencies.Canonical(s, s); c != "" {
			s = c
		}
	}
	ws := strings.Fields(s)
	for i, w := range ws {
		for _, e := range issuerWords {
			if strings.EqualFold(w, e.abbr) && (w == e.abbr || utf8.RuneCountInString(w) >= 3) {
				full := e.full
				if i == 0 {
					full = upperFirst(full)
				}
				ws[i] = full
				break
			}
		}
	}
	return upperFirst(strings.Join(ws, " "))
}

// nameCase writes an upper-case name in the case the genre uses: the first
// word and the bodies' proper parts capitalised, the proper name after a
// place unit capitalised word by word: "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ" →
// "Ủy ban nhân dân thành phố Huế".
func nameCase(s string) string {
	orig := strings.Fields(s)
	out := strings.ToLower(normalize.Space(s))
	for _, fix := range []struct{ from, to string }{
		{"ban chỉ đạo", "Ban Chỉ đạo"}, {"thành ủy", "Thành ủy"}, {"tỉnh ủy", "Tỉnh ủy"},
		{"ban thường vụ", "Ban Thường vụ"}, {"mặt trận tổ quốc", "Mặt trận Tổ quốc"}, {"việt nam", "Việt Nam"},
	} {
		out = strings.ReplaceAll(out, fix.from, fix.to)
	}
	ws := strings.Fields(out)
	proper := false
	// A department's field is a name: "Sở Khoa học và Công nghệ", "Sở
	// Văn hóa, Thể thao và Du lịch", "Chi cục Thuế".
	field, head := false, 1
	if len(ws) > 1 {
		switch normalize.Fold(ws[0]) {
		case "so", "bo", "phong", "cuc":
			field = true
		case "chi":
			field, head = true, 2 // "Chi cục …", "Chi nhánh …"
		}
	}
	for i, w := range ws {
		k := normalize.Fold(w)
		after := ""
		if i > 0 {
			after = ws[i-1]
		}
		if i == 0 || proper || field && i >= head && (i == head || after == "và" || strings.HasSuffix(after, ",")) {
			ws[i] = upperFirst(w)
		}
		if i < len(orig) && len(orig[i]) <= 4 && romanRE.MatchString(orig[i]) {
			ws[i] = orig[i] // "KHU VỰC I"
		}
		if k == "tinh" || k == "huyen" || k == "quan" || k == "xa" || k == "phuong" || (k == "pho" && i > 0 && normalize.Fold(ws[i-1]) == "thanh") {
			proper = true
		}
		if strings.HasSuffix(w, ",") {
			proper = false
		}
	}
	return strings.Join(ws, " ")
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// planYear is the year of the plan, for deadlines printed without one.
func planYear(d Document) int {
	if len(d.Date) >= 4 {
		if y, err := strconv.Atoi(d.Date[:4]); err == nil {
			return y
		}
	}
	return 0
}

// foldShort folds s when it is short enough to be what the caller looks
// for, and returns "" for longer text (the header block's key lines are
// short; folding whole paragraphs would cost for nothing). Only the first
// max bytes are folded when s is longer.
func foldShort(s string, max int) string {
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return normalize.Fold(s[:cut]) + " …"
	}
	return normalize.Fold(s)
}

// lastWords returns the last n words of s.
func lastWords(s string, n int) string {
	ws := strings.Fields(s)
	if len(ws) > n {
		ws = ws[len(ws)-n:]
	}
	return strings.Join(ws, " ")
}

// lettersOnly trims everything but letters from both ends of s, as OCR
// leaves marks beside a type line ("KẾ HOẠCH ‘ ]").
func lettersOnly(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// slashMisreadRE matches a number whose slash OCR read as a letter:
// "52IKH-BCĐ", "52 lKH".
var slashMisreadRE = regexp.MustCompile(`^(\d+)\s*[Il|]\s*([A-ZĐ]{2,})`)

// cleanNumber writes a số hiệu without the spaces plain extractors put
// around its slash ("458  /KH-UBND"), and with a slash OCR read as "I"
// restored ("52IKH-BCĐ" → "52/KH-BCĐ").
func cleanNumber(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return slashMisreadRE.ReplaceAllString(s, "$1/$2")
}

// continuation returns the title text after the first line when its lines
// continue the subject (titleAfter read them as a title of their own).
func continuation(units []unit, i int, after string) string {
	if i < len(units) && startsLowerText(units[i].text) {
		return after
	}
	return ""
}
