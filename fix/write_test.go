//go:build unix

package fix

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWritableFolder: a writable file in a read-only folder cannot be
// replaced (the rename needs the folder), so --diff must not promise it.
func TestWritableFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "p.json")
	if err := os.WriteFile(path, []byte(`{"a":1,}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Writable(path); err != nil {
		t.Fatalf("writable file in a writable folder: %v", err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	err := Writable(path)
	if err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("Writable in a read-only folder = %v, want the folder named", err)
	}
	if err := WriteFile(path, []byte(`{"a":1}`)); err == nil {
		t.Error("WriteFile replaced a file in a read-only folder")
	}
	if data, _ := os.ReadFile(path); string(data) != `{"a":1,}` {
		t.Errorf("file changed to %q", data)
	}
}

// TestRegularOnly: a named pipe is never reopened nor replaced.
func TestRegularOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := Regular(path); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("Regular(fifo) = %v", err)
	}
	if err := Writable(path); err == nil {
		t.Error("Writable(fifo) = nil")
	}
	if err := WriteFile(path, []byte("x")); err == nil {
		t.Error("WriteFile replaced a named pipe")
	}
	if info, err := os.Lstat(path); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe is gone: %v %v", info, err)
	}
}

// TestWriteFileKeepsOwner: run as root (a Docker CI job on a mounted
// checkout), a rewrite keeps the file's owner and group.
func TestWriteFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another owner")
	}
	path := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 4321, 8765); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 4321 || st.Gid != 8765 {
		t.Errorf("owner %d:%d, want 4321:8765", st.Uid, st.Gid)
	}
}
