package normalize

import (
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Vietnamese collation: the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ
// p q r s t u ư v x y, letters before their tones, tones in the order
// ngang, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ), case a tie-breaker after
// the letters. It is CLDR's Vietnamese tailoring, through x/text/collate.
// A Collator is not safe for concurrent use, so each call takes one from a
// pool.

var collators = sync.Pool{New: func() any {
	return collate.New(language.Vietnamese)
}}

// Compare compares a and b in Vietnamese collation order; it returns -1, 0
// or 1. Text in NFC and NFD compares equal.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// Less reports whether a sorts before b in Vietnamese order.
func Less(a, b string) bool { return Compare(a, b) < 0 }

// SortStrings sorts s in place in Vietnamese collation order. The sort is
// stable, so equal keys (NFC and NFD spellings) keep their order.
func SortStrings(s []string) {
	keys := make([][]byte, len(s))
	c := collators.Get().(*collate.Collator)
	var buf collate.Buffer
	for i, x := range s {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, x)...)
		buf.Reset()
	}
	collators.Put(c)
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return string(keys[idx[i]]) < string(keys[idx[j]]) })
	out := make([]string, len(s))
	for i, k := range idx {
		out[i] = s[k]
	}
	copy(s, out)
}

// Sort sorts s in place by the Vietnamese collation order of key(element),
// stably.
func Sort[T any](s []T, key func(T) string) {
	c := collators.Get().(*collate.Collator)
	var buf collate.Buffer
	keys := make([]string, len(s))
	for i, x := range s {
		keys[i] = string(c.KeyFromString(&buf, key(x)))
		buf.Reset()
	}
	collators.Put(c)
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return keys[idx[i]] < keys[idx[j]] })
	out := make([]T, len(s))
	for i, k := range idx {
		out[i] = s[k]
	}
	copy(s, out)
}

// Key returns the collation key of s: comparing keys bytewise orders
// strings as Compare does. Useful to sort large lists once or to store an
// order.
func Key(s string) []byte {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	return append([]byte(nil), c.KeyFromString(&buf, s)...)
}
