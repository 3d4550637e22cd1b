package docx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/kehoach/kehoach/parser/layout"
)

// ConvertTimeout bounds a LibreOffice conversion when the context given to
// Convert has no deadline.
const ConvertTimeout = 2 * time.Minute

// LibreOfficePackage is the Debian/Ubuntu package that provides the
// converter Convert runs.
const LibreOfficePackage = "libreoffice-writer-nogui"

// ErrNoLibreOffice is wrapped by the error Convert returns when LibreOffice
// is not installed.
var ErrNoLibreOffice = errors.New("LibreOffice is not installed")

// Convert converts a legacy document (Word 97–2003 .doc, OpenDocument .odt,
// RTF) to DOCX with LibreOffice and reads it. Each call runs its own
// LibreOffice with a private profile folder, so conversions can run in
// parallel; ctx cancels it.
func Convert(ctx context.Context, data []byte, name string) (*layout.Doc, error) {
	if encryptedOOXML(data) {
		return nil, &Error{Reason: "the document is encrypted (password-protected)",
			hint: "open it in Word, remove the password (File › Info › Protect Document) and save it again"}
	}
	bin := ""
	for _, b := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(b); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		return nil, &Error{
			Reason: "reading " + kindName(data, name) + " needs LibreOffice, which is not installed",
			hint:   "install it (sudo apt-get install " + LibreOfficePackage + "), or save the file as DOCX or PDF",
			Err:    ErrNoLibreOffice,
		}
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ConvertTimeout)
		defer cancel()
	}
	dir, err := os.MkdirTemp("", "kehoach-lo-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+inputExt(data, name))
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	outDir := filepath.Join(dir, "out")
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	if !strings.HasPrefix(profile, "file:///") {
		profile = "file:///" + strings.TrimPrefix(profile, "file://")
	}
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation="+profile,
		"--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	setProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, &Error{Reason: "LibreOffice did not convert the document in time",
			hint: "save the file as DOCX or PDF and try again", Err: ctx.Err()}
	}
	out := filepath.Join(outDir, "input.docx")
	converted, err := os.ReadFile(out)
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[len(msg)-300:]
		}
		if runErr != nil {
			msg = strings.TrimSpace(runErr.Error() + " " + msg)
		}
		return nil, &Error{Reason: "LibreOffice could not convert the document (it may be damaged or password-protected): " + msg,
			hint: "open it in Word or LibreOffice and save it as DOCX", Err: runErr}
	}
	doc, err := Read(bytes.NewReader(converted), int64(len(converted)), name)
	if err != nil {
		return nil, err
	}
	if !latinText(doc) {
		// LibreOffice imports any file it cannot recognise as plain text
		// in some encoding: junk comes back as a page of CJK characters.
		return nil, &Error{Reason: "not a document kehoach can read: LibreOffice could only read it as text in an unknown encoding",
			hint: "the file may be damaged or not a Word, OpenDocument or RTF file; open it in Word and save it as DOCX"}
	}
	return doc, nil
}

// latinText reports whether most letters of the document are in the Latin
// script, as those of a Vietnamese document are.
func latinText(doc *layout.Doc) bool {
	latin, other := 0, 0
	for _, p := range doc.Pages {
		for _, r := range p.Text() {
			switch {
			case unicode.Is(unicode.Latin, r):
				latin++
			case unicode.IsLetter(r) || r >= 0xE000 && r <= 0xF8FF || r == unicode.ReplacementChar:
				other++
			}
		}
	}
	return latin >= other
}

// encryptedOOXML recognises a password-protected Word 2007+ file: an OLE
// container holding an EncryptionInfo stream.
func encryptedOOXML(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
		return false
	}
	return bytes.Contains(data, utf16le("EncryptionInfo")) && bytes.Contains(data, utf16le("EncryptedPackage"))
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// inputExt names the file LibreOffice is given by its content, so that it
// picks the right import filter.
func inputExt(data []byte, name string) string {
	switch {
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return ".rtf"
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return ".doc"
	case bytes.HasPrefix(data, []byte("PK")) && bytes.Contains(data[:min(len(data), 200)], []byte("opendocument.text")):
		return ".odt"
	}
	if ext := strings.ToLower(filepath.Ext(name)); ext != "" && len(ext) <= 5 {
		return ext
	}
	return ".doc"
}

func kindName(data []byte, name string) string {
	switch inputExt(data, name) {
	case ".rtf":
		return "RTF files"
	case ".odt":
		return "OpenDocument files"
	}
	return fmt.Sprintf("Word 97–2003 (%s) files", ".doc")
}
