//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFixNamedPipe: --fix on a named pipe reads it once, as check does,
// and never opens it again (a second open would wait for a writer
// forever); it says the pipe was not rewritten.
func TestFixNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		_, _ = f.WriteString(`{"a":1,}`)
		_ = f.Close()
	}()
	var out, errb bytes.Buffer
	code := Main([]string{"aptly-doctor", "check", "--fix", path}, nil, &out, &errb, noEnv)
	if code != ExitFindings || !strings.Contains(out.String(), "is not a regular file (a named pipe)") {
		t.Errorf("exit %d\n%s%s", code, out.String(), errb.String())
	}
}
