//go:build unix

package docx

import (
	"os/exec"
	"syscall"
)

// setProcessGroup runs the converter in its own process group and, when
// the context ends, kills the whole group (soffice starts soffice.bin).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
