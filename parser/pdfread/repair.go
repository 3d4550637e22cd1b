package pdfread

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// maxRepair bounds the size of a file the reader copies to rebuild its
// cross-reference table.
const maxRepair = 512 << 20

var (
	objHead   = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,10})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b`)
	rootRef   = regexp.MustCompile(`/Root[ \t\r\n]*(\d+)[ \t\r\n]+(\d+)[ \t\r\n]+R`)
	catalog   = regexp.MustCompile(`/Type[ \t\r\n]*/Catalog\b`)
	encryptIn = regexp.MustCompile(`/Encrypt\b`)
)

// rebuild returns a copy of a damaged PDF with a new cross-reference table
// appended, made by finding every "n g obj" in the file, as viewers do
// when the table is missing, garbled or points at the wrong offsets. It
// returns nil when the file shows no catalog or is encrypted (the key
// needs the original trailer).
func rebuild(r io.ReaderAt, size int64) []byte {
	if size <= 0 || size > maxRepair {
		return nil
	}
	data := make([]byte, size)
	n, _ := r.ReadAt(data, 0)
	data = data[:n]
	if encryptIn.Match(data) {
		return nil
	}
	type entry struct {
		off int
		gen int
	}
	objs := map[int]entry{}
	maxID := 0
	for _, m := range objHead.FindAllSubmatchIndex(data, -1) {
		id, err1 := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, err2 := strconv.Atoi(string(data[m[4]:m[5]]))
		if err1 != nil || err2 != nil || id <= 0 || id > 10_000_000 {
			continue
		}
		objs[id] = entry{m[2], gen} // a later definition replaces an earlier one
		maxID = max(maxID, id)
	}
	if len(objs) == 0 {
		return nil
	}
	// The catalog: named by the last trailer that still stands, or found by
	// its /Type.
	root := ""
	if ms := rootRef.FindAllSubmatch(data, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		id, _ := strconv.Atoi(string(m[1]))
		if e, ok := objs[id]; ok && catalog.Match(objectText(data, e.off)) {
			root = fmt.Sprintf("%s %s R", m[1], m[2])
		}
	}
	if root == "" {
		for id := maxID; id > 0 && root == ""; id-- {
			if e, ok := objs[id]; ok && catalog.Match(objectText(data, e.off)) {
				root = fmt.Sprintf("%d %d R", id, e.gen)
			}
		}
	}
	if root == "" {
		return nil
	}
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxID+1) + 200)
	b.Write(data)
	b.WriteString("\n")
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if e, ok := objs[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %s>>\nstartxref\n%d\n%%%%EOF\n", maxID+1, root, start)
	return b.Bytes()
}

// objectText is the start of an object's text, enough to see its type.
func objectText(data []byte, off int) []byte {
	end := off + 4096
	if end > len(data) {
		end = len(data)
	}
	t := data[off:end]
	if i := bytes.Index(t, []byte("endobj")); i >= 0 {
		t = t[:i]
	}
	if i := bytes.Index(t, []byte("stream")); i >= 0 {
		t = t[:i]
	}
	return t
}
