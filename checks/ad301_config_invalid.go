package checks

// ConfigInvalid is AD301: the config file breaks its schema or its rules.
var ConfigInvalid = &Check{
	ID:       "AD301",
	Name:     "config-invalid",
	Title:    "the config file breaks its schema",
	Severity: Error,
	Needs:    NeedConfig,
	Doc: `aptly-doctor.yaml is validated against its own JSON Schema and the rules a schema cannot
state (a legacy board needs its own key, a core environment one company key, an ignore
entry needs a reason...). Each problem points at its line and column in the config, with
"did you mean" for misspelt keys. A config with problems stops the run (exit 2): nothing
else is checked against a config the doctor cannot trust.`,
	Fix: "Correct the config at the position shown; aptly-doctor init writes a commented example",
	Run: func(p *Pass) error {
		for _, pr := range p.Opts.ConfigProblems {
			p.Report(AtPos(cfgPos(pr.At)), pr.Fix, "%s", pr.Message)
		}
		return nil
	},
}
