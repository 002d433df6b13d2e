package fix

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile replaces the file at path with data atomically: it writes a
// temporary file in the same folder, gives it the original file's mode and
// renames it over the original, so a reader sees either the old file or the
// new one, never half of each. On any error the original is untouched and
// the temporary file is removed. A symbolic link is followed, and the file
// it points to is replaced.
func WriteFile(path string, data []byte) (err error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	mode := fs.FileMode(0o644)
	info, err := os.Stat(target)
	if err == nil {
		mode = info.Mode().Perm()
		if err := writable(path, target, info); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %q: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".fix-*")
	if err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	if info != nil {
		// Run as root (a CI container on a mounted checkout), the new file
		// would be root's: it keeps the original's owner and group.
		if err := keepOwner(tmp, info); err != nil {
			return fmt.Errorf("write %q: keep its owner: %w", path, err)
		}
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	return nil
}

// Writable reports why --fix must leave the file at path alone, or nil: a
// rename would go around a file its owner made read-only, and would split a
// file that other names (hard links) share. --diff asks it too, so it never
// promises a fix that --fix would refuse.
func Writable(path string) error {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	return writable(path, target, info)
}

func writable(path, target string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s); only regular files are rewritten", path, kindOf(info.Mode()))
	}
	if info.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("%s is read-only; make it writable to let the doctor change it", path)
	}
	if links(info) > 1 {
		return fmt.Errorf("%s has other hard links, which a rewrite would split from it; fix it by hand", path)
	}
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s cannot be written: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	// The rewrite creates a file beside the original and renames it over
	// it: that needs the folder, whatever the file allows.
	dir := filepath.Dir(target)
	if d, err := os.Stat(dir); err == nil && d.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("the folder of %s is read-only; make it writable to let the doctor replace the file", path)
	}
	probe, err := os.CreateTemp(dir, "."+filepath.Base(target)+".fix-*")
	if err != nil {
		return fmt.Errorf("the folder of %s cannot be written: %w", path, errors.Unwrap(err))
	}
	_ = probe.Close()
	return os.Remove(probe.Name())
}

// Regular refuses what is not a regular file (a named pipe, a device):
// --fix reads a file twice, and a second read of a pipe would wait forever.
// A symbolic link is followed.
func Regular(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s); only regular files are rewritten", path, kindOf(info.Mode()))
	}
	return nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a plain file"
}
