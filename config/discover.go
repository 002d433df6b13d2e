package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
// dir, else in its parent, and so on up to the root. A JSON file under one
// of those names that is not a config (NotConfig: a report the doctor
// saved there, another tool's file) is passed over, and notes say so. It
// returns "" when there is none; an error only when dir cannot be made
// absolute.
func Discover(dir string) (path string, notes []string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, fmt.Errorf("find config from %q: %w", dir, err)
	}
	for {
		for _, name := range Names {
			p := filepath.Join(abs, name)
			// A folder that cannot be read is passed over like one without
			// a config: an unreadable parent must not stop a run.
			info, err := os.Stat(p)
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			if strings.HasSuffix(name, ".json") {
				if data, err := os.ReadFile(p); err == nil {
					if why := NotConfig(data); why != "" {
						notes = append(notes, fmt.Sprintf("%s is not a config (%s), so it was passed over", p, why))
						continue
					}
				}
			}
			return p, notes, nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", notes, nil
		}
		abs = parent
	}
}

// NotConfig says why a JSON document is no config of the doctor's: a
// report it saved (a top-level "findings" or "tool"), or a file with no
// top-level "version", like another tool's. It returns "" for what may be
// a config, a document that does not parse included: AD301 explains that.
func NotConfig(data []byte) string {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return ""
	}
	_, findings := top["findings"]
	_, tool := top["tool"]
	_, version := top["version"]
	switch {
	case findings || tool:
		return "it is a report of aptly-doctor's"
	case !version:
		return `it has no top-level "version"`
	}
	return ""
}
