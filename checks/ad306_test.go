package checks

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// TestMissingKeyOnlyWhereAKeyIsSent: an unset key variable is AD306 only
// where the run needs the key (--probe, serve --upstream, an environment
// named with --env); an offline check of a committed config never fails for
// want of production secrets.
func TestMissingKeyOnlyWhereAKeyIsSent(t *testing.T) {
	cfg, problems := config.Load("aptly-doctor.yaml", []byte(`version: 1
environments:
  production:
    base_url: https://api.getaptly.com
    boards:
      leads: {id: JShpBxEFgRmZnivTf, key_env: UNSET_LEADS_KEY}
`), func(string) (string, bool) { return "", false })
	if cfg == nil || len(problems) > 0 {
		t.Fatalf("config: %v", problems)
	}
	prod, _ := cfg.Env("production")
	tests := []struct {
		name string
		opts Options
		want int
	}{
		{name: "an offline check", opts: Options{Config: cfg}, want: 0},
		{name: "a run that sends keys", opts: Options{Config: cfg, KeysNeeded: true}, want: 1},
		{name: "an offline check under --env", opts: Options{Config: cfg, Envs: []*config.Env{prod}}, want: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := &input.Target{Path: "aptly-doctor.yaml", Kind: input.KindConfig, Walk: func(fn func(*input.Unit) error) error {
				return fn(&input.Unit{})
			}}
			res := (&Runner{Checks: []*Check{MissingKey}, Opts: &tt.opts}).Run([]*input.Target{target})
			if got := len(res.Targets[0].Findings); got != tt.want {
				t.Errorf("%d AD306 findings, want %d", got, tt.want)
			}
		})
	}
}
