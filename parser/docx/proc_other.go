//go:build !unix

package docx

import "os/exec"

// setProcessGroup does nothing where process groups are not available;
// the context still kills the converter itself.
func setProcessGroup(cmd *exec.Cmd) {}
