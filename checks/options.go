package checks

import (
	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"

	"github.com/aptly-doctor/aptly-doctor/config"
)

// Options is what every check may read besides its unit: settings of the
// run that the driver resolved before any check runs.
type Options struct {
	// Schema replaces the bundled card schema for AD103 (--schema).
	Schema     *jsonschema.Schema
	SchemaPath string

	// Config is the loaded config, nil without one. Keys inside it were read
	// from the environment by the loader; checks never read it themselves.
	Config *config.Config
	// Envs are the environments named with --env: each unit is judged under
	// each of them. Empty means the environment is inferred per unit.
	Envs []*config.Env
	// Board is the board named with --board, for bare payloads.
	Board string
	// BoardEnv is the one environment that has Board, when --board is
	// given without --env: a unit whose own URL, host or key names no
	// environment is judged under it.
	BoardEnv *config.Env
	// ConfigProblems are the config's AD301 findings, reported against the
	// config file when it cannot be used.
	ConfigProblems []config.Problem
	// Probes are the live probe's results (--probe), judged on the config.
	Probes []ProbeResult
	// KeysNeeded says the run sends keys (--probe, serve --upstream): an
	// unset key variable is then a finding (AD306) for every environment.
	// Otherwise only the environments named with --env need their keys: a
	// committed config never fails an offline run for want of secrets.
	KeysNeeded bool
}

func (o *Options) configKeys() []*config.Key {
	if o == nil || o.Config == nil {
		return nil
	}
	return o.Config.Keys()
}

func (o *Options) cfg() *config.Config {
	if o == nil {
		return nil
	}
	return o.Config
}
