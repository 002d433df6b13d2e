package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// loadedConfig is the config as the run uses it, with its source kept for
// config-level findings.
type loadedConfig struct {
	cfg   *config.Config
	src   *input.Source
	notes []string // about the lock file
}

// findConfig loads --config, or the config discovered from the current
// folder upward; nil when there is none. A config that cannot be used is
// returned as a result holding its AD301 findings, for the caller to report
// before it exits 2.
func (e *env) findConfig(explicit string) (*loadedConfig, *checks.Result, error) {
	p := explicit
	if p == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil, nil
		}
		var notes []string
		p, notes, err = config.Discover(wd)
		e.notes = append(e.notes, notes...)
		if err != nil || p == "" {
			return nil, nil, nil
		}
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, usageErr("read config %s: no such file", p)
		}
		return nil, nil, usageErr("read config %s: %v", p, err)
	}
	if why := config.NotConfig(data); explicit != "" && why != "" && strings.HasSuffix(strings.ToLower(p), ".json") {
		return nil, nil, usageErr("config %s: not a config: %s", p, why)
	}
	cfg, problems := config.Load(p, data, e.lookup)
	lc := &loadedConfig{cfg: cfg, src: &input.Source{Path: p, Data: data}}
	if len(problems) > 0 {
		c, _ := checks.ByID("AD301")
		r := &checks.Runner{Checks: []*checks.Check{c}, Opts: &checks.Options{ConfigProblems: problems}, Jobs: 1}
		return nil, r.Run([]*input.Target{configTarget(lc)}), nil
	}
	lockPath := config.LockPath(p)
	if lock, err := config.LoadLock(lockPath); err == nil {
		cfg.MergeLock(lock)
		lc.notes = staleLock(cfg, lock, lockPath)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, nil, usageErr("read lock file %s: %v", lockPath, err)
	}
	return lc, nil, nil
}

// staleLock names the boards the lock file cannot serve: pulled before the
// board was added to the config, or before its ID changed.
func staleLock(cfg *config.Config, lock *config.Lock, lockPath string) []string {
	var stale []string
	for _, env := range cfg.Envs {
		for _, b := range env.Boards {
			if b.FieldsFrom == "config" {
				continue
			}
			found := false
			for _, lb := range lock.Boards {
				if lb.Env == env.Name && lb.Board == b.Name && lb.ID == b.ID {
					found = true
				}
			}
			if !found {
				stale = append(stale, env.Name+"/"+b.Name)
			}
		}
	}
	if len(stale) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s is older than the config's board list: it has no fields for %s (added, or its ID changed, since the last pull); run aptly-doctor boards pull",
		lockPath, strings.Join(stale, ", "))}
}

// configTarget is the config file as a target, for config-level checks.
func configTarget(lc *loadedConfig) *input.Target {
	return &input.Target{Path: lc.src.Path, Kind: input.KindConfig, Notes: lc.notes, Walk: func(fn func(*input.Unit) error) error {
		return fn(&input.Unit{Src: lc.src})
	}}
}

// selectEnvs resolves --env names against the config.
func selectEnvs(lc *loadedConfig, names []string) ([]*config.Env, error) {
	if len(names) == 0 {
		return nil, nil
	}
	if lc == nil {
		return nil, usageErr("--env %s: no config found (looked for aptly-doctor.yaml from here upward; name one with --config)", names[0])
	}
	var out []*config.Env
	for _, n := range names {
		e, ok := lc.cfg.Env(n)
		if !ok {
			var known []string
			for _, x := range lc.cfg.Envs {
				known = append(known, x.Name)
			}
			return nil, usageErr("--env %s: no such environment in %s (it has %s)", n, lc.src.Path, strings.Join(known, ", "))
		}
		out = append(out, e)
	}
	return out, nil
}

func (e *env) initCommandAction(force bool, target string) error {
	if target == "" {
		target = "aptly-doctor.yaml"
	}
	if _, err := os.Stat(target); err == nil && !force {
		return usageErr("init: %s already exists (use --force to overwrite it)", target)
	}
	if err := writeFile(target, []byte(config.Starter)); err != nil {
		return &exitError{code: ExitUsage, msg: fmt.Sprintf("init: write %s: %v", target, err)}
	}
	fmt.Fprintf(e.stdout, "wrote %s: fill in your environments and boards, then run aptly-doctor check\n", target)
	return nil
}

// unsetKeyNotes names, for --verbose, the key variables that are unset in
// a run that does not need them (AD306 holds only the runs that do).
func unsetKeyNotes(cfg *config.Config, named []*config.Env) []string {
	var notes []string
	for _, m := range cfg.MissingKeys() {
		if len(named) > 0 && slices.Contains(named, m.Env) {
			continue // AD306 reports it
		}
		state := "unset"
		if m.Empty {
			state = "empty"
		}
		notes = append(notes, fmt.Sprintf("key variable %s (%s) is %s; an offline check does not need it", m.Var, m.Env.Name, state))
	}
	return notes
}

// boardEnv finds the environment that has a board named name (DESIGN.md,
// "Added after the first release"): the only one, or an error that asks
// for --env when there are several (unless only is false: --env chose) and
// names the boards known when there is none. A flag the run cannot honour
// is never silently ignored.
func boardEnv(lc *loadedConfig, name string, only bool) (*config.Env, error) {
	var in []string
	var found *config.Env
	var known []string
	for _, env := range lc.cfg.Envs {
		if _, ok := env.Board(name); ok {
			in = append(in, env.Name)
			found = env
		}
		for _, b := range env.Boards {
			if !slices.Contains(known, b.Name) {
				known = append(known, b.Name)
			}
		}
	}
	switch {
	case len(in) == 0:
		return nil, usageErr("--board %s: no such board in %s (it has %s)", name, lc.src.Path, strings.Join(known, ", "))
	case len(in) == 1:
		return found, nil
	case !only:
		return nil, nil
	}
	list := strings.Join(in[:len(in)-1], ", ") + " and " + in[len(in)-1]
	return nil, usageErr("--board %s: board %q is in environments %s; name one with --env", name, name, list)
}
