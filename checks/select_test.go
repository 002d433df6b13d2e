package checks

import (
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/config"
)

func ids(cs []*Check) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.ID)
	}
	return strings.Join(s, " ")
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name            string
		enable, disable []string
		want, wantErr   string
	}{
		{name: "glob then disable", enable: []string{"AD2*"}, disable: []string{"ad203"}, want: "AD201 AD202 AD204 AD205"},
		{name: "by name", enable: []string{"content-type"}, want: "AD201"},
		{name: "no match is an error", enable: []string{"AD9*"}, wantErr: `no check matches "AD9*"`},
		{name: "bad pattern", disable: []string{"AD[2"}, wantErr: "bad check pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Select(All, tt.enable, tt.disable)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || ids(got) != tt.want {
				t.Fatalf("got %q, %v; want %q", ids(got), err, tt.want)
			}
		})
	}
}

func TestPolicy(t *testing.T) {
	cfg := &config.Config{}
	cfg.Checks.Disable = []string{"AD203"}
	cfg.Checks.Severity = map[string]string{"ad105": "error"}
	cfg.Checks.Ignore = []config.Ignore{{Check: "AD105", Path: "payloads/legacy/**/*.json", Pointer: "/Notes", Reason: "old"}}
	p, err := NewPolicy(cfg, "conf/aptly-doctor.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Severity["AD105"] != Error {
		t.Errorf("severity not remapped: %v", p.Severity)
	}
	for _, tt := range []struct {
		f    Finding
		want bool
	}{
		{Finding{Check: "AD105", Path: "conf/payloads/legacy/a/b.json", Pointer: "/Notes"}, true},
		{Finding{Check: "AD105", Path: "conf/payloads/legacy/a/b.json", Pointer: "/Name"}, false},
		{Finding{Check: "AD106", Path: "conf/payloads/legacy/a/b.json", Pointer: "/Notes"}, false},
		{Finding{Check: "AD105", Path: "other/b.json", Pointer: "/Notes"}, false},
	} {
		if got := p.Ignored(&tt.f); got != tt.want {
			t.Errorf("Ignored(%+v) = %v, want %v", tt.f, got, tt.want)
		}
	}
	cfg.Checks.Disable = []string{"AD999"}
	if _, err := NewPolicy(cfg, "c.yaml"); err == nil || !strings.Contains(err.Error(), "checks.disable") {
		t.Errorf("unknown disabled check: %v", err)
	}
}
