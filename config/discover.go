package config

import (
	"fmt"
	"os"
	"path/filepath"
)

// Names are the file names Discover looks for, in order of preference.
var Names = []string{
	"aptly-doctor.yaml",
	"aptly-doctor.yml",
	".aptly-doctor.yaml",
	".aptly-doctor.yml",
	"aptly-doctor.json",
	".aptly-doctor.json",
}

// Discover returns the config that governs dir: the first of Names found in
// dir, else in its parent, and so on up to the root. It returns "" when
// there is none; an error only when dir cannot be made absolute.
func Discover(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find config from %q: %w", dir, err)
	}
	for {
		for _, name := range Names {
			p := filepath.Join(abs, name)
			// A folder that cannot be read is passed over like one without
			// a config: an unreadable parent must not stop a run.
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
				return p, nil
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs = parent
	}
}
