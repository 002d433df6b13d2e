package checks

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/aptly-doctor/aptly-doctor/config"
)

// Policy is the config's checks section as the run applies it: checks
// disabled, severities remapped, findings set aside by ignore entries.
type Policy struct {
	Disable  []string
	Severity map[string]Severity
	Ignores  []config.Ignore
	Base     string // folder of the config: ignore paths are relative to it
}

// NewPolicy reads the checks section of cfg (nil: the empty policy).
// configPath names the config in errors and anchors ignore paths.
func NewPolicy(cfg *config.Config, configPath string) (*Policy, error) {
	p := &Policy{Severity: map[string]Severity{}}
	if cfg == nil {
		return p, nil
	}
	cc := cfg.Checks
	p.Disable = append(p.Disable, cc.Disable...)
	for id, s := range cc.Severity {
		sev, err := ParseSeverity(s)
		if err != nil {
			return nil, fmt.Errorf("config %s: checks.severity.%s: %v", configPath, id, err)
		}
		p.Severity[strings.ToUpper(id)] = sev
	}
	if p.Disable != nil {
		if _, err := Select(All, p.Disable, nil); err != nil {
			return nil, fmt.Errorf("config %s: checks.disable: %v", configPath, err)
		}
	}
	p.Ignores = cc.Ignore
	p.Base = filepath.Dir(configPath)
	return p, nil
}

// Ignored reports whether an ignore entry of the config sets f aside.
func (p *Policy) Ignored(f *Finding) bool {
	for _, ig := range p.Ignores {
		if ok, _ := path.Match(strings.ToUpper(ig.Check), f.Check); !ok {
			continue
		}
		if ig.Pointer != "" && ig.Pointer != f.Pointer {
			continue
		}
		if ig.Path != "" && !p.pathMatches(ig.Path, f.Path) {
			continue
		}
		return true
	}
	return false
}

func (p *Policy) pathMatches(pattern, target string) bool {
	cands := []string{filepath.ToSlash(target)}
	if rel, err := filepath.Rel(p.Base, target); err == nil {
		cands = append(cands, filepath.ToSlash(rel))
	}
	for _, c := range cands {
		if ok, _ := doublestar.Match(pattern, strings.TrimPrefix(c, "./")); ok {
			return true
		}
	}
	return false
}
