//go:build unix

package load

import (
	"io/fs"
	"syscall"
)

// readFile reads a regular file with raw system calls: os.Open would also
// try to register the descriptor with the network poller, a wasted call and
// an allocation per file. It returns the file's size so the caller can
// refuse one over limit, in which case nothing is read.
func readFile(name string, limit int64) ([]byte, int64, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, 0, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		// A pipe or device: no size to trust, and never opened twice (a
		// named pipe's writer is gone after the first open).
		return readStream(fd, name, limit)
	}
	if st.Size > limit {
		return nil, st.Size, nil
	}
	data := make([]byte, st.Size)
	n := 0
	for n < len(data) {
		m, err := syscall.Read(fd, data[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if m == 0 {
			break // the file shrank while it was read: keep what is there
		}
		n += m
	}
	return data[:n], int64(n), nil
}

// readStream reads an open pipe or device to its end, at most limit+1
// bytes, so one over limit is refused without reading it all.
func readStream(fd int, name string, limit int64) ([]byte, int64, error) {
	var data []byte
	buf := make([]byte, 64<<10)
	for int64(len(data)) <= limit {
		m, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if m == 0 {
			break
		}
		data = append(data, buf[:m]...)
	}
	if int64(len(data)) > limit {
		return nil, int64(len(data)), nil
	}
	return data, int64(len(data)), nil
}
