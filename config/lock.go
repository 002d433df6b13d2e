package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// LockName is the lock file written by boards pull beside the config.
const LockName = "aptly-doctor.lock.json"

// LockVersion is the version of the lock file format.
const LockVersion = 1

// Lock is the content of aptly-doctor.lock.json: the fields of each board
// as Aptly described them when boards pull last ran, for offline checks.
type Lock struct {
	Version int         `json:"version"`
	Boards  []LockBoard `json:"boards"`
}

// LockBoard is one board's pulled fields.
type LockBoard struct {
	Env    string  `json:"env"`
	Board  string  `json:"board"`
	ID     string  `json:"id"`
	Pulled string  `json:"pulled,omitempty"` // RFC 3339 time of the pull
	Fields []Field `json:"fields"`
}

// LockPath returns where the lock file of the config at configPath lives.
func LockPath(configPath string) string {
	return filepath.Join(filepath.Dir(configPath), LockName)
}

// LoadLock reads a lock file. A missing file is an error that wraps
// fs.ErrNotExist, which callers treat as "no lock".
func LoadLock(path string) (*Lock, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read lock file %q: %w", path, err)
	}
	var l Lock
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("decode lock file %q: %w", path, err)
	}
	if l.Version != LockVersion {
		return nil, fmt.Errorf("lock file %q has version %d: %w", path, l.Version, ErrLockVersion)
	}
	return &l, nil
}

// ErrLockVersion is returned for a lock file of a version this build does
// not read. Its text is written when it is read, not by every start's init.
var ErrLockVersion error = errLockVersion{}

type errLockVersion struct{}

func (errLockVersion) Error() string {
	return fmt.Sprintf("unsupported lock file version (want %d)", LockVersion)
}

// Marshal returns the lock file's bytes: indented JSON, ending in a newline,
// so that it diffs well under version control.
func (l *Lock) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode lock file: %w", err)
	}
	return append(data, '\n'), nil
}

// MergeLock gives each board without fields of its own in the config the
// fields pulled for it. An entry counts only when environment, board name
// and board ID all still agree: a lock pulled before an ID changed is
// stale and ignored. It returns how many boards took fields from the lock.
func (c *Config) MergeLock(l *Lock) int {
	if c == nil || l == nil {
		return 0
	}
	n := 0
	for _, lb := range l.Boards {
		e, ok := c.Env(lb.Env)
		if !ok {
			continue
		}
		b, ok := e.Board(lb.Board)
		if !ok || b.ID != lb.ID || b.FieldsFrom == "config" {
			continue
		}
		b.Fields = append([]Field(nil), lb.Fields...)
		b.FieldsFrom = "lock"
		n++
	}
	return n
}
