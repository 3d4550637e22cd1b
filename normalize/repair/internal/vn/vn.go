// Package vn holds the tokenisation shared by the repair model's builder
// and its decoder, so that both read text the same way: where a line breaks
// into tokens, what kind each token is, the key a word is counted under, and
// which corpus lines are held out from training.
package vn

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/normalize"
	"golang.org/x/text/unicode/norm"
)

// Kind is what a token's core is.
type Kind uint8

const (
	// Word is a run of letters: a syllable, an abbreviation, a foreign word.
	Word Kind = iota
	// Number is anything with a digit: 2025, 21/10/2025, 57-NQ/TW.
	Number
	// Code is letters joined by - / . without digits: KH-UBND, NĐ-CP.
	Code
	// Roman is an upper-case Roman numeral, alone or before /year: III, IV/2025.
	Roman
	// Mixed is a short run of letters with one or two digits or OCR symbols
	// inside (s6, H01, d6i, B§): probably a misread syllable.
	Mixed
)

// Token is one whitespace-separated field of a line, split into leading
// punctuation, core and trailing punctuation.
type Token struct {
	Start, End int    // byte offsets of the core in the line
	Core       string // the core text
	Kind       Kind
	// BreakBefore and BreakAfter say that punctuation next to the core ends
	// a sentence-like segment, so language-model context does not cross it.
	BreakBefore, BreakAfter bool
}

// ocrSymbols are characters that English-model OCR puts for marked letters;
// inside a word they belong to its core.
const ocrSymbols = "§¢€¥&£©®"

// apostrophes are marks OCR reads for a horn or hook; after a letter they
// stay in the core.
const apostrophes = "'’`´"

func isCoreRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Tokens splits a line into tokens. Fields that are punctuation only yield no
// token but mark a break on their neighbours.
func Tokens(line string) []Token {
	return AppendTokens(nil, line)
}

// AppendTokens appends the tokens of line to toks (see Tokens).
func AppendTokens(toks []Token, line string) []Token {
	start := len(toks)
	pendingBreak := true // start of line
	i := 0
	for i < len(line) {
		r, sz := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) {
			i += sz
			continue
		}
		j := i
		for j < len(line) {
			r, sz := utf8.DecodeRuneInString(line[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += sz
		}
		field := line[i:j]
		// core: from the first core rune to the last core rune, extended by
		// OCR symbols and apostrophes attached to letters.
		cs, ce := -1, -1
		for k, r := range field {
			if isCoreRune(r) {
				if cs < 0 {
					cs = k
				}
				ce = k + utf8.RuneLen(r)
			}
		}
		if cs < 0 {
			if hasBreak(field) && len(toks) > start {
				toks[len(toks)-1].BreakAfter = true
				pendingBreak = true
			} else if hasBreak(field) {
				pendingBreak = true
			}
			i = j
			continue
		}
		// extend the core over trailing symbols/apostrophes right after it
		for ce < len(field) {
			r, sz := utf8.DecodeRuneInString(field[ce:])
			if strings.ContainsRune(ocrSymbols, r) || (strings.ContainsRune(apostrophes, r) && ce-cs <= 6) {
				ce += sz
				continue
			}
			break
		}
		for cs > 0 {
			r, sz := utf8.DecodeLastRuneInString(field[:cs])
			if strings.ContainsRune(ocrSymbols, r) {
				cs -= sz
				continue
			}
			break
		}
		core := field[cs:ce]
		t := Token{Start: i + cs, End: i + ce, Core: core, Kind: Classify(core)}
		t.BreakBefore = pendingBreak || hasBreak(field[:cs])
		t.BreakAfter = hasBreak(field[ce:])
		pendingBreak = t.BreakAfter
		toks = append(toks, t)
		i = j
	}
	return toks
}

// hasBreak reports whether punctuation ends a segment: anything but hyphens,
// slashes, apostrophes and quotation marks (a quoted phrase is read with
// the sentence around it: hợp tác “Ba nhà”), and an @ that OCR left on a
// word (Sé@ KH&CN).
func hasBreak(p string) bool {
	for _, r := range p {
		if unicode.IsSpace(r) || strings.ContainsRune("-–/'’`´\"“”„«»‘‚@", r) {
			continue
		}
		return true
	}
	return false
}

// Classify says what kind of token a core is.
func Classify(core string) Kind {
	letters, digits, others, syms := 0, 0, 0, 0
	for _, r := range core {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune(ocrSymbols, r) || strings.ContainsRune(apostrophes, r):
			syms++
		default:
			others++
		}
	}
	if IsRoman(core) {
		return Roman
	}
	if digits == 0 && syms > 0 && AmpersandCode(core) {
		return Code
	}
	if digits == 0 && others == 0 && syms == 0 {
		return Word
	}
	if others == 0 && letters >= 1 && digits+syms <= 2 && letters+digits+syms <= 8 {
		if digits == 0 || letters >= 1 {
			return Mixed
		}
	}
	if digits > 0 {
		return Number
	}
	if letters > 0 && others > 0 && syms == 0 {
		return Code
	}
	return Mixed
}

// AmpersandCode reports whether core is an abbreviation joined by "&",
// capitals on both sides and no lower-case letter: KH&CN, GD&ĐT, TT&TT,
// NN&PTNT, LĐ-TB&XH. Such codes are printed as they are, never misread
// words, and the language model reads them as the code class, so that
// what stands before them (Sở KH&CN) is learnt from every such code.
func AmpersandCode(core string) bool {
	i := strings.IndexByte(core, '&')
	if i <= 0 || i == len(core)-1 {
		return false
	}
	for _, c := range core {
		if unicode.IsLower(c) || unicode.IsDigit(c) {
			return false
		}
	}
	before, _ := utf8.DecodeLastRuneInString(core[:i])
	after, _ := utf8.DecodeRuneInString(core[i+1:])
	return unicode.IsUpper(before) && unicode.IsUpper(after)
}

// IsRoman reports whether s is an upper-case Roman numeral from I to
// XXXIX, alone or followed by /digits (III/2025).
func IsRoman(s string) bool {
	if k := strings.IndexByte(s, '/'); k > 0 {
		rest := s[k+1:]
		if rest == "" {
			return false
		}
		for _, r := range rest {
			if r < '0' || r > '9' {
				return false
			}
		}
		s = s[:k]
	}
	if s == "" || len(s) > 7 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("IVX", r) {
			return false
		}
	}
	return romanValid(s)
}

func romanValid(s string) bool {
	tens := strings.TrimLeft(s, "X")
	if len(s)-len(tens) > 3 {
		return false
	}
	switch tens {
	case "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX":
		return true
	}
	return false
}

// Key is the form a word is counted under: NFC, lower case, tone marks in
// the new style (hòa, thủy).
func Key(word string) string {
	if isASCII(word) {
		return strings.ToLower(word) // no marks: NFC and tone placement keep it
	}
	return normalize.SetTone(strings.ToLower(norm.NFC.String(word)), normalize.ToneNew)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Fold is the key without marks: lower case, no diacritics, đ read as d.
func Fold(word string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(word)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == 'đ' {
			r = 'd'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// HeldOut reports whether a line of a corpus file belongs to the held-out
// evaluation text: whole blocks of 200 lines, about one in a hundred,
// chosen by a hash of the file name and block number.
func HeldOut(file string, lineNo int) bool {
	h := fnv.New32a()
	h.Write([]byte(file))
	var b [4]byte
	blk := uint32(lineNo / 200)
	b[0], b[1], b[2], b[3] = byte(blk), byte(blk>>8), byte(blk>>16), byte(blk>>24)
	h.Write(b[:])
	return h.Sum32()%100 == 7
}

// Case is the capitalisation of a word.
type Case uint8

const (
	// Lower is all lower case (or no letters).
	Lower Case = iota
	// Title has its first letter upper case and some lower case after.
	Title
	// Upper is all upper case, two letters or more.
	Upper
	// Single is one upper-case letter alone.
	Single
)

// CaseOf says how a word is capitalised.
func CaseOf(w string) Case {
	up, low, n := 0, 0, 0
	first := false
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if n == 0 {
			first = unicode.IsUpper(r)
		}
		n++
		if unicode.IsUpper(r) {
			up++
		} else {
			low++
		}
	}
	switch {
	case up == 0:
		return Lower
	case n == 1:
		return Single
	case low == 0:
		return Upper
	case first:
		return Title
	}
	return Lower
}
