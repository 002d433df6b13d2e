package checks

// MissingKey is AD306: a key variable the config names is unset or empty.
var MissingKey = &Check{
	ID:       "AD306",
	Name:     "missing-key",
	Title:    "an environment's key variable is unset or empty",
	Severity: Error,
	Needs:    NeedConfig,
	Doc: `The config names the environment variable that holds each key (key_env). When it is
unset or empty, the integration sends no key (or "x-token: " with nothing after it) and
Aptly answers 401; in CI it usually means the secret was not passed to the job. Only a
run that needs the key is held to it: --probe and serve --upstream (every environment),
or an environment named with --env. An offline check recognises keys by key_sha256 and
never fails for want of a production secret; --verbose notes the unset variables.`,
	Fix: "Set the variable (in CI: pass the secret to the job's environment)",
	Run: func(p *Pass) error {
		if p.Opts.Config == nil {
			return nil // a probe of --url alone has no config
		}
		if !p.Opts.KeysNeeded && len(p.Opts.Envs) == 0 {
			return nil // no key leaves this run, so none is missing
		}
		for _, m := range p.Opts.Config.MissingKeys() {
			if len(p.Opts.Envs) > 0 && !containsEnv(p.Opts.Envs, m.Env) {
				continue // only the environments this run is judged under need their keys
			}
			owner := "environment " + m.Env.Name
			if m.Board != nil {
				owner = "board " + quote(m.Board.Name) + " of " + m.Env.Name
			}
			state := "is not set"
			if m.Empty {
				state = "is empty"
			}
			p.Report(AtPos(cfgPos(m.At)), "Set "+m.Var+" to "+owner+"'s key (in CI, map the secret into the job's environment)",
				"variable %s, the key of %s, %s", m.Var, owner, state)
		}
		return nil
	},
}
