package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func names(boards []*Board) []string {
	var out []string
	for _, b := range boards {
		out = append(out, b.Env.Name+"/"+b.Name)
	}
	return out
}

func envNames(envs []*Env) []string {
	var out []string
	for _, e := range envs {
		out = append(out, e.Name)
	}
	return out
}

func TestRegistry(t *testing.T) {
	cfg := loadTeam(t)
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{name: "board by id", got: names(cfg.BoardsByID("JShpBxEFgRmZnivTf")), want: []string{"production/leads"}},
		{name: "unknown id", got: names(cfg.BoardsByID("nope")), want: nil},
		{name: "legacy host", got: envNames(cfg.EnvsByHost("api.getaptly.com")), want: []string{"production"}},
		{name: "other legacy host is the same api", got: envNames(cfg.EnvsByHost("APP.getaptly.com")), want: []string{"production"}},
		{name: "core host with default port", got: envNames(cfg.EnvsByHost("core-api.getaptly.com:443")), want: []string{"staging"}},
		{name: "loopback with port", got: envNames(cfg.EnvsByHost("localhost:8080")), want: []string{"sandbox"}},
		{name: "loopback other port", got: envNames(cfg.EnvsByHost("localhost:9090")), want: nil},
		{name: "legacy key owner", got: names(cfg.KeyOwners("LeadsKey2345678901")), want: []string{"production/leads"}},
		{name: "company key owns every board", got: names(cfg.KeyOwners("StagingCompanyKey99")), want: []string{"staging/leads"}},
		{name: "unknown key", got: names(cfg.KeyOwners("nobody")), want: nil},
		{name: "company key env", got: envNames(cfg.KeyEnvs("StagingCompanyKey99")), want: []string{"staging"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}

	// With no variable set, production/leads is still known by its
	// key_sha256 (5410b6, the prefix of the value below).
	data, err := os.ReadFile("testdata/team.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bare, _ := Load("team.yaml", data, fakeEnv(nil))
	if got := names(bare.KeyOwners("LeadsKey2345678901")); !slices.Equal(got, []string{"production/leads"}) {
		t.Errorf("KeyOwners by fingerprint = %v", got)
	}
}

const sharedConfig = `version: 1
environments:
  production:
    base_url: https://api.getaptly.com
    boards:
      leads: {id: JShpBxEFgRmZnivTf, key_env: APTLY_LEADS_KEY}
      maintenance: {id: MJxaStgENouWrNEKd, key: literalProdKey1234}
  staging:
    base_url: https://api.getaptly.com
    boards:
      leads: {id: JShpBxEFgRmZnivTf, key_env: APTLY_LEADS_KEY}
      maintenance: {id: xStageMaint, key_env: STAGE_MAINT}
  sandbox:
    base_url: https://core-api.getaptly.com
    key_env: SANDBOX_KEY
    key_sha256: %s
    boards:
      leads: {id: sandboxLeads}
`

func TestConfigFindings(t *testing.T) {
	text := []byte(sprintf(sharedConfig, Fingerprint("literalProdKey1234")[:8]))
	cfg, problems := Load("c.yaml", text, fakeEnv(map[string]string{
		"APTLY_LEADS_KEY": "LeadsKey2345678901",
		"STAGE_MAINT":     "literalProdKey1234", // the same key as production's literal
		"SANDBOX_KEY":     "",
	}))
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	shared := cfg.SharedIDs()
	type row struct {
		kind, value string
		at          []Pos
	}
	var got []row
	for _, s := range shared {
		r := row{kind: s.Kind, value: s.Value}
		for _, u := range s.Uses {
			r.at = append(r.at, u.At)
		}
		got = append(got, r)
	}
	want := []row{
		{kind: SharedBoardID, value: "JShpBxEFgRmZnivTf", at: []Pos{{6, 19}, {11, 19}}},
		{kind: SharedKeyVar, value: "APTLY_LEADS_KEY", at: []Pos{{6, 47}, {11, 47}}},
		{kind: SharedKey, value: Mask("literalProdKey1234"), at: []Pos{{7, 49}, {12, 47}, {15, 14}}},
	}
	if len(got) != len(want) {
		t.Fatalf("SharedIDs = %+v, want %+v", got, want)
	}
	for i := range want {
		t.Run(want[i].kind, func(t *testing.T) {
			if got[i].kind != want[i].kind || got[i].value != want[i].value || !slices.Equal(got[i].at, want[i].at) {
				t.Errorf("got %+v, want %+v", got[i], want[i])
			}
		})
	}

	literal := cfg.LiteralKeys()
	if len(literal) != 1 || literal[0].Board.Name != "maintenance" || literal[0].LiteralAt != (Pos{7, 49}) || literal[0].Env.Name != "production" {
		t.Errorf("LiteralKeys = %+v", literal)
	}

	missing := cfg.MissingKeys()
	if len(missing) != 1 || missing[0].Var != "SANDBOX_KEY" || !missing[0].Empty || missing[0].Board != nil || missing[0].At != (Pos{15, 14}) {
		t.Errorf("MissingKeys = %+v", missing)
	}
}

func TestNoFindingsForSeparateEnvironments(t *testing.T) {
	cfg := loadTeam(t)
	if s := cfg.SharedIDs(); len(s) != 0 {
		t.Errorf("SharedIDs = %+v, want none", s)
	}
	if l := cfg.LiteralKeys(); len(l) != 0 {
		t.Errorf("LiteralKeys = %+v, want none", l)
	}
	var vars []string
	for _, m := range cfg.MissingKeys() {
		vars = append(vars, m.Var)
	}
	if want := []string{"APTLY_PROD_RENEWALS_KEY", "APTLY_SANDBOX_KEY"}; !slices.Equal(vars, want) {
		t.Errorf("MissingKeys = %v, want %v", vars, want)
	}
}

func TestLock(t *testing.T) {
	cfg := loadTeam(t)
	dir := t.TempDir()
	lock := &Lock{Version: LockVersion, Boards: []LockBoard{
		{Env: "production", Board: "maintenance", ID: "MJxaStgENouWrNEKd", Fields: []Field{{Name: "Unit", Type: "text"}}},
		{Env: "production", Board: "leads", ID: "JShpBxEFgRmZnivTf", Fields: []Field{{Name: "Other"}}}, // config fields win
		{Env: "production", Board: "renewals", ID: "stale", Fields: []Field{{Name: "Old"}}},            // ID changed since
		{Env: "nowhere", Board: "leads", ID: "JShpBxEFgRmZnivTf", Fields: []Field{{Name: "Gone"}}},     // env removed
	}}
	data, err := lock.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	path := LockPath(filepath.Join(dir, "aptly-doctor.yaml"))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	read, err := LoadLock(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := cfg.MergeLock(read); n != 1 {
		t.Errorf("MergeLock merged %d boards, want 1", n)
	}
	prod, _ := cfg.Env("production")
	maint, _ := prod.Board("maintenance")
	leads, _ := prod.Board("leads")
	renewals, _ := prod.Board("renewals")
	if maint.FieldsFrom != "lock" || len(maint.Fields) != 1 || maint.Fields[0].Name != "Unit" {
		t.Errorf("maintenance fields = %+v from %q", maint.Fields, maint.FieldsFrom)
	}
	if leads.FieldsFrom != "config" || len(leads.Fields) != 3 || len(renewals.Fields) != 0 {
		t.Errorf("lock overrode config or took a stale entry")
	}
	if _, err := LoadLock(filepath.Join(dir, "missing.json")); err == nil {
		t.Errorf("LoadLock of a missing file gave no error")
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
