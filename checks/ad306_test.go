package checks

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// TestMissingKeyOnlyWhereAKeyIsSent: serve without --upstream sends no
// key, so an unset variable counts only for an environment named with --env.
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
		{name: "a run that may send keys", opts: Options{Config: cfg}, want: 1},
		{name: "no key sent", opts: Options{Config: cfg, KeysUnsent: true}, want: 0},
		{name: "no key sent but --env named", opts: Options{Config: cfg, KeysUnsent: true, Envs: []*config.Env{prod}}, want: 1},
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
