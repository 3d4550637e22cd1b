package main

import "github.com/kehoach/kehoach/normalize/repair/internal/lmfile"

// learnChannel learns the OCR channel from aligned pairs. Without pairs it
// returns no entries and the decoder's default channel applies.
func learnChannel(path string, vocab []string) ([]lmfile.Sub, float32, string) {
	return nil, 0.6, "default channel (no pairs)"
}
