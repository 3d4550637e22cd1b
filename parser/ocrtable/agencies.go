package ocrtable

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"github.com/kehoach/kehoach/normalize/agency"
)

// Agency cells read from interleaved OCR lines pick up fragments of the
// columns beside them ("Sở Xây dựng quận", "Các sở, ngành, địa phương
// tiện") and carry English-OCR forms of the plural groups' words ("Céc s6,
// nganh", and what a repair that guessed wrong makes of them: "Cuộc số",
// "đĩa phường"). tidyAgencies reads each agency of a cell against the
// genre's grammar of agency lists: a plural group is "các" and a run of
// the group nouns below; a named body is a name the lexicon knows. Text
// after a whole group or name that does not itself read as an agency is a
// neighbour's fragment and is cut off; a group's words are written in
// full.

// groupWord is a word of the plural groups of agency columns: its folded
// key and its spelling.
type groupWord struct{ key, spell string }

// groupUnits are the nouns (one or two words) that plural groups of the
// genre are made of ("Các sở, ban, ngành, địa phương", "Các cơ quan, đơn
// vị có liên quan", "UBND các xã, phường, đặc khu").
var groupUnits = [][]groupWord{
	{{"cac", "các"}},
	{{"so", "sở"}},
	{{"ban", "ban"}},
	{{"nganh", "ngành"}},
	{{"co", "cơ"}, {"quan", "quan"}},
	{{"don", "đơn"}, {"vi", "vị"}},
	{{"dia", "địa"}, {"phuong", "phương"}},
	{{"vien", "viễn"}, {"thong", "thông"}},
	{{"co", "có"}, {"lien", "liên"}, {"quan", "quan"}},
	{{"lien", "liên"}, {"quan", "quan"}},
	{{"xa", "xã"}},
	{{"phuong", "phường"}},
	{{"dac", "đặc"}, {"khu", "khu"}},
	{{"cap", "cấp"}, {"xa", "xã"}},
	{{"cap", "cấp"}, {"tinh", "tỉnh"}},
	{{"doanh", "doanh"}, {"nghiep", "nghiệp"}},
	{{"huyen", "huyện"}},
	{{"thi", "thị"}, {"xa", "xã"}},
	{{"thi", "thị"}, {"tran", "trấn"}},
	{{"thanh", "thành"}, {"pho", "phố"}},
	{{"quan", "quận"}},
	{{"ubnd", "UBND"}},
	{{"va", "và"}},
}

// placeUnit are the units that name a kind of local government and only
// go on with a list of them ("UBND các huyện, thị xã, thành phố"): after a
// list's comma or "và", never right after "UBND" ("UBND thành phố" is one
// body, not a group).
var placeUnit = map[string]bool{"thi xa": true, "thi tran": true, "thanh pho": true, "quan quan": true}

// listedAt reports whether word i of a group follows a list's separator:
// a comma or semicolon on the word before, "và" before it, or the start of
// words that continue a list (cont).
func listedAt(words, ctx []string, i int, cont bool) bool {
	if i == 0 {
		return cont
	}
	return strings.HasSuffix(words[i-1], ",") || strings.HasSuffix(words[i-1], ";") || ctx[i-1] == "va"
}

// groupStarts are the first keys of the group nouns.
var groupStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, u := range groupUnits {
		m[u[0].key] = true
	}
	delete(m, "va") // "và" joins names of all kinds
	return m
}()

// groupEnds are the keys a plural group may end with.
var groupEnds = map[string]bool{"so": true, "ban": true, "nganh": true, "quan": true, "vi": true,
	"phuong": true, "xa": true, "khu": true, "nghiep": true, "tinh": true, "huyen": true, "thong": true,
	"pho": true, "tran": true}

// cacForms are English-OCR forms of "các", folded, and what repair makes
// of them ("Cuộc", "Cộc", "Cục" before a group noun).
var cacForms = map[string]bool{"cac": true, "cec": true, "cic": true, "c4c": true, "cae": true, "coc": true,
	"cuoc": true, "ce4c": true, "ca4c": true, "cac4": true, "caec": true, "cuc": true, "cdc": true}

// soForms are English-OCR forms of "sở", folded: "S&", "S6", "SO'", "sâ".
var soForms = map[string]bool{"so": true, "s": true, "s&": true, "s¢": true, "s6": true, "s0": true,
	"se": true, "s@": true, "sa": true, "sc": true, "so'": true, "so’": true}

// isSoForm reports whether a folded word is an English-OCR form of "sở":
// one of soForms, or "s" and a symbol OCR puts for the vowel ("sa&",
// what repair makes of "S¢&").
func isSoForm(k string) bool {
	if soForms[k] {
		return true
	}
	return utf8.RuneCountInString(k) <= 3 && strings.HasPrefix(k, "s") && strings.ContainsAny(k, "&¢@60")
}

// groupLine reports whether a line, whole, is a plural group's nouns
// ("SÂ&, ban, ngành cộ ."): two nouns or more, at most two words after.
func groupLine(s string) bool {
	w := strings.Fields(s)
	n, _ := groupPrefix(w, false)
	return n >= 2 && len(w)-n <= 2
}

// wordKey folds one word and strips the punctuation around it.
func wordKey(w string) string {
	if k, ok := wordKeyMemo.Load(w); ok {
		return k.(string)
	}
	f := normalize.Fold(w)
	k := strings.TrimFunc(f, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' && r != '¢' && r != '@'
	})
	if len(w) <= 32 && wordKeyCount.Add(1) <= 1<<16 {
		wordKeyMemo.Store(w, k) // words repeat; a bounded memo
	}
	return k
}

// wordKeyMemo holds the keys of the words seen (at most 65,536), shared by
// the documents read concurrently.
var (
	wordKeyMemo  sync.Map
	wordKeyCount atomic.Int64
)

// groupKey reads word i of a group in context: OCR forms of "các" at a
// group's start or before a group noun, of "sở" after "các" or before
// "ngành".
func groupKey(keys []string, i int) string {
	k := keys[i]
	next := ""
	if i+1 < len(keys) {
		next = keys[i+1]
	}
	if cacForms[k] && (next == "so" || isSoForm(next) || next == "co" || next == "xa" || next == "dia" || next == "don" || next == "doanh" || next == "ban" || next == "nganh") {
		return "cac"
	}
	prev := ""
	if i > 0 {
		prev = keys[i-1]
	}
	if isSoForm(k) && (prev == "cac" || cacForms[prev] || next == "nganh" || next == "ban") {
		return "so"
	}
	return k
}

// groupPrefix returns how many words from the start of words make a plural
// group, and their spellings; 0 if they do not. A group opens with "các",
// "sở" or "UBND" and is at least two words.
//
// With cont, the words continue a group on the item before ("Các sở,
// ngành; địa phương") and may open with any group noun.
func groupPrefix(words []string, cont bool) (int, []string) {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	ctx := make([]string, len(keys))
	for i := range keys {
		ctx[i] = groupKey(keys, i)
	}
	if !cont && (len(ctx) < 2 || ctx[0] != "cac" && ctx[0] != "so" && ctx[0] != "ubnd") {
		return 0, nil
	}
	var spell []string
	best, bestSpell := 0, []string(nil)
	i := 0
	for i < len(ctx) {
		matched := false
		for _, u := range groupUnits {
			if i+len(u) > len(ctx) {
				continue
			}
			ok := true
			for j, gw := range u {
				// the second word of a noun may carry one misread letter
				// ("liên guan"): the first fixes which noun it is
				if ctx[i+j] != gw.key && !(j > 0 && len(gw.key) >= 4 && len(ctx[i+j]) == len(gw.key) && normalize.EditDistance(ctx[i+j], gw.key) == 1) {
					ok = false
					break
				}
				// a unit's inner words are not broken by punctuation
				if j > 0 && strings.ContainsAny(words[i+j-1], ",;") {
					ok = false
					break
				}
			}
			if !ok || placeUnit[u[0].key+" "+u[len(u)-1].key] && !listedAt(words, ctx, i, cont) {
				continue
			}
			for j, gw := range u {
				spell = append(spell, gw.spell)
				ctx[i+j] = gw.key // read as the noun it matched
			}
			i += len(u)
			matched = true
			break
		}
		if !matched {
			// "địa" cut from its "phương" (OCR put it on another line):
			// in a group it is always "địa phương".
			if ctx[i] == "dia" && (i > 0 || cont) {
				spell = append(spell, "địa phương")
				i++
				best, bestSpell = i, append([]string(nil), spell...)
			}
			break
		}
		if (i >= 2 || cont) && groupEnds[ctx[i-1]] && ctx[i-1] != "so" || i >= 2 && ctx[i-1] == "so" && ctx[i-2] == "cac" {
			best, bestSpell = i, append([]string(nil), spell...)
		}
	}
	return best, bestSpell
}

// respell writes a group's words with their spellings, keeping each
// word's punctuation; the first word takes a capital.
func respell(words, spell []string) string {
	var out []string
	for i, w := range words {
		k := wordKey(w)
		s := spell[i]
		if i == 0 && s != "UBND" {
			// the first word keeps its case as read
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				r, n := utf8.DecodeRuneInString(s)
				s = string(unicode.ToUpper(r)) + s[n:]
			}
		}
		// keep the punctuation around the word as read
		lead, trail := "", ""
		if k != "" {
			f := normalize.Fold(w)
			if at := strings.Index(f, k); at >= 0 {
				lead = strings.TrimFunc(w[:min(at, len(w))], func(r rune) bool { return r != '(' })
				trail = strings.TrimLeftFunc(punctTail(w), unicode.IsSpace)
				// a comma misread as a full stop between two nouns ("Các
				// SO’. ngành"), or lost ("Các So nganh"); not before the
				// qualifier ("đơn vị có liên quan")
				if trail == "" && i+1 < len(words) && groupEnds[wordKey(spell[i])] && groupStarts[wordKey(words[i+1])] &&
					!qualifier(words[i+1:]) {
					trail = ","
				}
			}
		}
		out = append(out, lead+s+trail)
	}
	return strings.Join(out, " ")
}

// qualifier reports whether words open the qualifier of a group ("liên
// quan", "có liên quan").
func qualifier(words []string) bool {
	k0 := wordKey(words[0])
	return k0 == "lien" || k0 == "co" && len(words) > 1 && wordKey(words[1]) == "lien"
}

// punctTail returns the trailing punctuation of a word (",", ";", ")").
func punctTail(w string) string {
	end := len(w)
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(w[:end])
		if !strings.ContainsRune(",;)", r) {
			break
		}
		end -= n
	}
	return w[end:]
}

// knownPrefix returns the number of words from the start of words that
// make the longest name the lexicon knows (two words or more), 0 if none.
func knownPrefix(words []string) int {
	lex := agency.Default()
	for n := len(words); n >= 2; n-- {
		if lex.Known(strings.TrimRight(strings.Join(words[:n], " "), ",;.")) {
			return n
		}
	}
	return 0
}

// notAgency reports whether an item is a neighbour column's fragment
// rather than a body: the lexicon's grammar does not read it as one, or it
// is a product ("Báo cáo …", a report, not the newspaper "Báo").
func notAgency(item string) bool {
	ws := strings.Fields(normalize.Fold(item))
	if len(ws) >= 2 && ws[0] == "bao" && strings.Trim(ws[1], ",;.") == "cao" {
		return true
	}
	return !agency.IsAgency(item)
}

// tidyItem reads one agency against the grammar: it returns the agency
// (respelled where it is a group) and whatever followed a whole group or
// name, "" if nothing did.
func tidyItem(item string, cont bool) (string, string, bool) {
	// words of punctuation only, doubled separators left by dropped
	// debris: "Sở Khoa học . và", "Các sở, , ngành"
	var words []string
	for _, w := range strings.Fields(item) {
		if wordKey(w) == "" && w != "-" && w != "&" {
			if len(words) > 0 && strings.ContainsAny(w, ",;") && !strings.ContainsAny(words[len(words)-1], ",;") {
				words[len(words)-1] += strings.Trim(w, " ")[:1]
			}
			continue
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return "", "", false
	}
	words = soHead(words)
	if n, spell := groupPrefix(words, cont); n > 0 {
		// the group goes on, misread ("đơn vilien quan"): keep it whole
		if n < len(words) && !strings.ContainsAny(words[n-1], ",;") && groupStarts[wordKey(words[n])] {
			return respell(words[:n], spell) + " " + strings.Join(words[n:], " "), "", true
		}
		if n < len(words) && strings.HasSuffix(words[n-1], ",") && groupStarts[wordKey(words[n])] {
			return respell(words[:n], spell) + " " + strings.Join(words[n:], " "), "", true
		}
		return respell(words[:n], spell), strings.Join(words[n:], " "), true
	}
	if n := knownPrefix(words); n > 0 && (n == len(words) || !strings.HasPrefix(words[n], "(")) {
		return strings.TrimRight(strings.Join(words[:n], " "), ",;"), strings.Join(words[n:], " "), false
	}
	// a known name cut short, then a neighbour's fragment
	for n := len(words) - 1; n >= 2; n-- {
		head := strings.TrimRight(strings.Join(words[:n], " "), ",;")
		if c := agency.Complete(head); c != head && agency.Default().Known(c) {
			return c, strings.Join(words[n:], " "), false
		}
	}
	return strings.Join(words, " "), "", false
}

// soHead writes "Sở" for a head OCR read with a symbol for its vowel or
// glued to one ("S@", "Sở@", "S¢&") when the words after it make with "Sở"
// a name the lexicon knows ("Sở@ Văn hóa, Thể thao và Du lịch").
func soHead(words []string) []string {
	if len(words) < 2 || !strings.ContainsAny(words[0], "@¢&") || !isSoForm(wordKey(words[0])) {
		return words
	}
	try := append([]string{"Sở"}, words[1:]...)
	if knownPrefix(try) == 0 {
		return words
	}
	return try
}

// Agencies writes the plural groups of an agency field of OCR text in full,
// as the table rebuild does ("Cuộc số, ban, ngành là thành viên…" →
// "Các sở, ban, ngành là thành viên…"), and keeps every other word: a
// field that stands on its own line (list-form tasks in the body) holds no
// neighbour's text to cut off.
func Agencies(field string) string {
	items := agency.Split([]string{field})
	if len(items) == 0 {
		return field
	}
	var out []string
	group := false
	for _, it := range items {
		a, rest, isGroup := tidyItem(it, group)
		if isGroup {
			it = strings.TrimSpace(a + " " + rest)
		}
		group = isGroup
		out = append(out, it)
	}
	return strings.Join(out, "; ")
}

// tidyAgencies reads a cell's agencies against the genre's grammar (see
// above). Agencies stay in order, one paragraph each; a fragment that
// follows a whole name and reads as no agency is dropped, as is an item
// that reads as none beside items that do.
func tidyAgencies(cell string) string {
	t, _ := tidyAgenciesDropped(cell)
	return t
}

// tidyAgenciesDropped is tidyAgencies, also returning the fragments it
// took off, for a warning.
func tidyAgenciesDropped(cell string) (string, []string) {
	items := agency.Split([]string{cell})
	if len(items) == 0 {
		return cell, nil
	}
	var dropped []string
	var kept []string
	group := false
	for _, it := range items {
		for it != "" {
			a, rest, isGroup := tidyItem(it, group)
			rest = strings.TrimLeft(rest, ",;.:- ")
			if a != "" && (isGroup || !notAgency(a)) {
				kept = append(kept, a)
				group = isGroup
			} else if a != "" {
				dropped = append(dropped, a)
			}
			if rest == "" || notAgency(rest) {
				if rest != "" {
					dropped = append(dropped, rest)
				}
				break
			}
			it = rest
		}
	}
	if len(kept) == 0 {
		return cell, nil
	}
	return strings.Join(kept, "; "), dropped
}

// docNames lists the names of bodies a document's tables print whole,
// as the lexicon knows them (two words or more, longest first where one
// starts another): a plan names the same few bodies row after row, and
// OCR garbles one of them here and there ("Sở Cone thuon huon" for the
// "Sở Công Thương" of another row).
func docNames(lines []string) []string {
	lex := agency.Default()
	seen := map[string]bool{}
	heads := map[string]bool{} // memo of agency.IsAgency on two words
	known := map[string]bool{} // memo of lex.Known
	isHead := func(s string) bool {
		v, ok := heads[s]
		if !ok {
			v = agency.IsAgency(s)
			heads[s] = v
		}
		return v
	}
	isKnown := func(s string) bool {
		v, ok := known[s]
		if !ok {
			v = lex.Known(s)
			known[s] = v
		}
		return v
	}
	var out []string
	for _, l := range lines {
		w := strings.Fields(strings.NewReplacer("|", " ", "[", " ", "]", " ").Replace(l))
		for i := 0; i+1 < len(w); i++ {
			// a name opens with a capitalised head the lexicon's grammar
			// reads as a body's
			if !upperRe.MatchString(w[i]) || !isHead(w[i]+" "+w[i+1]) {
				continue
			}
			for n := min(len(w)-i, 8); n >= 2; n-- {
				name := strings.TrimRight(strings.Join(w[i:i+n], " "), ",;.:")
				if isKnown(name) && !strings.ContainsAny(name, ",;()") && !strings.Contains(" "+name+" ", " - ") {
					if !seen[name] {
						seen[name] = true
						out = append(out, name)
					}
					i += n - 1
					break
				}
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(strings.Fields(out[a])) > len(strings.Fields(out[b])) })
	return out
}

// fuzzyName reads an agency OCR garbled against names: the first name
// whose words open the item, each word within one misread letter (two in
// words of six letters or more; the head word exact, folded). It returns
// the name and the item's words after it, or "" if none does.
func fuzzyName(item string, names []string) (string, string) {
	w := strings.Fields(item)
	if len(w) < 2 || agency.Default().Known(strings.TrimRight(item, ",;.:")) {
		return "", ""
	}
	keys := make([]string, len(w))
	for i, x := range w {
		keys[i] = wordKey(x)
	}
	for _, name := range names {
		nw := strings.Fields(name)
		if len(nw) > len(w) {
			continue
		}
		ok := true
		edits := 0
		for i, x := range nw {
			a, b := wordKey(x), keys[i]
			if a == b {
				continue
			}
			d := normalize.EditDistance(a, b)
			limit := 1
			if len(a) >= 6 {
				limit = 2
			}
			if i == 0 || len(a) < 3 || d > limit {
				ok = false
				break
			}
			edits += d
		}
		if ok && edits > 0 {
			return name, strings.Join(w[len(nw):], " ")
		}
	}
	return "", ""
}

// fixNames rewrites the garbled agencies of a cell's text as the names of
// the document they are (see fuzzyName); what followed a name stays after
// it. A cell it rewrites has its wrapped lines joined.
func fixNames(cell string, names []string) string {
	if len(names) == 0 {
		return cell
	}
	joined := normalize.JoinLines(cell)
	changed := false
	for _, it := range agency.Split([]string{cell}) {
		if name, rest := fuzzyName(it, names); name != "" && strings.Contains(joined, it) {
			joined = strings.Replace(joined, it, strings.TrimSpace(name+" "+rest), 1)
			changed = true
		}
	}
	if !changed {
		return cell
	}
	return joined
}

// respellKnown writes the names of a cell that the lexicon knows, read
// with their diacritics or case misread ("Cộng ăn tinh", "Sở Văn hóa, Thẻ
// thao va Du lịch"), as the lexicon spells them; a name printed another
// way (an abbreviation, "UBND tỉnh") stays as printed.
func respellKnown(cell string) string {
	lex := agency.Default()
	joined := normalize.JoinLines(cell)
	changed := false
	for _, it := range agency.Split([]string{cell}) {
		if !lex.Known(it) || !strings.Contains(joined, it) {
			continue
		}
		canon := lex.Canonical(it, "")
		if canon == it || strings.ToLower(normalize.Fold(canon)) != strings.ToLower(normalize.Fold(it)) {
			continue
		}
		joined = strings.Replace(joined, it, canon, 1)
		changed = true
	}
	if !changed {
		return cell
	}
	return joined
}
