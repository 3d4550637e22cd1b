// Package repair restores the Vietnamese of OCR text made without a
// Vietnamese model, and of text whose diacritics were stripped.
package repair

import "github.com/kehoach/kehoach/parser/layout"

// Needed reports whether text looks like stripped or English-OCR Vietnamese.
func Needed(text string) bool { return false }

// Line repairs one line: same tokens in the same order, only misread or
// unmarked words changed.
func Line(s string) string { return s }

// Text repairs a text of several lines, line by line.
func Text(s string) string { return s }

// Words copies the repaired line's tokens onto the line's words, where the
// tokens and the words correspond one to one.
func Words(words []layout.Word, repaired string) {}
