package diff

import "strings"

// wordDiff is the word-level diff of two texts: the longest common
// subsequence of their word keys, kept words as "=" runs (printed as in the
// new text) and the others as "-" and "+" runs (as printed in their own
// text). Punctuation travels with the word before it.
func (c *comparer) wordDiff(old string, a []token, new string, b []token) []WordEdit {
	n, m := len(a), len(b)
	// lcs[i][j]: length of the LCS of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case c.tokKey(a[i]) == c.tokKey(b[j]):
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	var out []WordEdit
	add := func(op, text string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += text
			return
		}
		out = append(out, WordEdit{Op: op, Text: text})
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && c.tokKey(a[i]) == c.tokKey(b[j]):
			add("=", span(new, b, j))
			i++
			j++
		case j >= m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			add("-", span(old, a, i))
			i++
		default:
			add("+", span(new, b, j))
			j++
		}
	}
	for k := range out {
		out[k].Text = strings.TrimSpace(out[k].Text)
	}
	return reorder(out)
}

// span is the printed text of token k of s: the word with the punctuation
// and space that follow it (and, for the first word, any that precede it),
// so that the spans of consecutive words give back the text.
func span(s string, toks []token, k int) string {
	start := toks[k].start
	if k == 0 {
		start = 0
	}
	end := len(s)
	if k+1 < len(toks) {
		end = toks[k+1].start
	}
	return s[start:end]
}

// reorder puts each removed run before the added run next to it, so that a
// replacement reads "-old +new".
func reorder(e []WordEdit) []WordEdit {
	for k := 0; k+1 < len(e); k++ {
		if e[k].Op == "+" && e[k+1].Op == "-" {
			e[k], e[k+1] = e[k+1], e[k]
		}
	}
	// Merge runs that became neighbours.
	var out []WordEdit
	for _, w := range e {
		if k := len(out) - 1; k >= 0 && out[k].Op == w.Op {
			out[k].Text += " " + w.Text
			continue
		}
		out = append(out, w)
	}
	return out
}
