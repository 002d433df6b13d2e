package probe_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/probe"
)

const teamConfig = `version: 1
environments:
  production:
    base_url: https://api.getaptly.com
    boards:
      leads:
        id: JShpBxEFgRmZnivTf
        key_env: PROD_LEADS
      renewals:
        id: K9mMGGjKgQPqDykaa
        key_env: PROD_RENEWALS
  staging:
    base_url: https://core-api.getaptly.com
    key_env: STAGING
    boards:
      leads: {id: 4EMDSYKirhQaNdQKz}
`

func TestTargets(t *testing.T) {
	cfg, problems := config.Load("aptly-doctor.yaml", []byte(teamConfig), func(name string) (string, bool) {
		v, ok := map[string]string{"PROD_LEADS": "Lk7PqR2sT9vWxYz3A", "STAGING": "cmp_live_7f3a9c2e4b1d8f6a"}[name]
		return v, ok
	})
	if cfg == nil {
		t.Fatalf("config did not load: %v", problems)
	}
	// The test stands in for the accessor config is to offer: it reveals a
	// key by its variable name.
	secretOf := func(k *config.Key) (string, bool) {
		v, ok := map[string]string{"PROD_LEADS": "Lk7PqR2sT9vWxYz3A", "STAGING": "cmp_live_7f3a9c2e4b1d8f6a"}[k.Var]
		return "  " + v + "\n", ok
	}
	tests := []struct {
		name string
		envs []string
		want []string
	}{
		{
			name: "every environment in file order",
			want: []string{
				"production/leads JShpBxEFgRmZnivTf https://api.getaptly.com legacy key=true",
				"production/renewals K9mMGGjKgQPqDykaa https://api.getaptly.com legacy key=false",
				"staging/leads 4EMDSYKirhQaNdQKz https://core-api.getaptly.com core key=true",
			},
		},
		{
			name: "one environment",
			envs: []string{"staging"},
			want: []string{"staging/leads 4EMDSYKirhQaNdQKz https://core-api.getaptly.com core key=true"},
		},
		{
			name: "unknown environment",
			envs: []string{"qa"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tg := range probe.Targets(cfg, tt.envs, secretOf) {
				key := string(tg.Key)
				if key != "" && strings.TrimSpace(key) != key {
					t.Errorf("key of %s/%s keeps its surrounding whitespace", tg.Env, tg.Board)
				}
				got = append(got, fmt.Sprintf("%s/%s %s %s %s key=%t", tg.Env, tg.Board, tg.BoardID, tg.BaseURL, tg.Generation, key != ""))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("targets\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	if got := probe.Targets(nil, nil, secretOf); got != nil {
		t.Errorf("a nil config gave %d targets", len(got))
	}
	if g := probe.Targets(cfg, nil, nil)[0].Generation; g != aptly.Legacy {
		t.Errorf("generation %s without keys, want legacy", g)
	}
}
