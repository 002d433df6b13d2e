package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/schemas"
)

// fakeEnv is a process environment for tests.
func fakeEnv(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

var teamVars = map[string]string{
	"APTLY_PROD_LEADS_KEY":    "LeadsKey2345678901",
	"APTLY_PROD_MAINT_KEY":    "MaintKey2345678901",
	"APTLY_PROD_RENEWALS_KEY": "  ",
	"APTLY_STAGING_KEY":       "StagingCompanyKey99",
}

func loadTeam(t *testing.T) *Config {
	t.Helper()
	data, err := os.ReadFile("testdata/team.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, problems := Load("testdata/team.yaml", data, fakeEnv(teamVars))
	if len(problems) > 0 {
		t.Fatalf("team.yaml: unexpected problems: %v", problems)
	}
	return cfg
}

func TestLoadTeam(t *testing.T) {
	cfg := loadTeam(t)
	if cfg.Version != 1 || cfg.VersionAt != (Pos{2, 10}) {
		t.Errorf("version = %d at %v, want 1 at 2:10", cfg.Version, cfg.VersionAt)
	}
	var names []string
	for _, e := range cfg.Envs {
		names = append(names, e.Name+"/"+e.Generation)
	}
	if want := []string{"production/legacy", "staging/core", "sandbox/core"}; !slices.Equal(names, want) {
		t.Fatalf("envs = %v, want %v", names, want)
	}
	prod, _ := cfg.Env("production")
	if prod.At != (Pos{4, 3}) || prod.BaseURLAt != (Pos{5, 15}) || prod.Key != nil {
		t.Errorf("production: at %v, base_url at %v, key %v", prod.At, prod.BaseURLAt, prod.Key)
	}
	var boards []string
	for _, b := range prod.Boards {
		boards = append(boards, b.Name)
	}
	if want := []string{"leads", "maintenance", "renewals"}; !slices.Equal(boards, want) {
		t.Errorf("production boards = %v, want %v", boards, want)
	}
	leads, _ := prod.Board("leads")
	tests := []struct {
		name      string
		got, want any
	}{
		{name: "id", got: leads.ID, want: "JShpBxEFgRmZnivTf"},
		{name: "id at", got: leads.IDAt, want: Pos{8, 13}},
		{name: "key env", got: leads.KeyEnv, want: "APTLY_PROD_LEADS_KEY"},
		{name: "key env at", got: leads.KeyEnvAt, want: Pos{9, 18}},
		{name: "key set", got: leads.Key.Set, want: true},
		{name: "key sha", got: leads.Key.SHA256Prefix, want: "5410b6"},
		{name: "key owner", got: leads.Key.Board, want: leads},
		{name: "update mode", got: leads.UpdateMode, want: UpdateIfExists},
		{name: "create fields", got: *leads.CreateFields, want: false},
		{name: "fields", got: len(leads.Fields), want: 3},
		{name: "fields from", got: leads.FieldsFrom, want: "config"},
		{name: "field options", got: strings.Join(leads.Fields[1].Options, ","), want: "New,Contacted,Leased"},
		{name: "field at", got: leads.Fields[2].At, want: Pos{16, 13}},
		{name: "board env", got: leads.Env, want: prod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	staging, _ := cfg.Env("staging")
	if staging.KeyEnv != "APTLY_STAGING_KEY" || staging.Key == nil || !staging.Key.Set {
		t.Fatalf("staging company key not resolved: %+v", staging)
	}
	if staging.Boards[0].Key != staging.Key {
		t.Errorf("staging board does not use the company key")
	}
	if staging.Boards[0].Fields[1].Key != "4Nk6BfGjpK7HD7sQu" {
		t.Errorf("core field key = %q", staging.Boards[0].Fields[1].Key)
	}
	c := cfg.Checks
	if !slices.Equal(c.Disable, []string{"AD203", "AD5*"}) || c.Severity["AD105"] != "error" || c.SeverityAt["AD105"] != (Pos{40, 14}) {
		t.Errorf("checks = %+v", c)
	}
	if len(c.Ignore) != 1 || c.Ignore[0].Reason != "old field, removed in Q3" || c.Ignore[0].Pointer != "/Notes" || c.Ignore[0].At != (Pos{42, 7}) {
		t.Errorf("ignore = %+v", c.Ignore)
	}
}

// problemsOf loads a config and returns its problems as "line:col: message".
func problemsOf(t *testing.T, path, text string) []string {
	t.Helper()
	_, problems := Load(path, []byte(text), fakeEnv(nil))
	var out []string
	for _, p := range problems {
		if p.Fix == "" || p.Message == "" {
			t.Errorf("problem without message or fix: %+v", p)
		}
		if strings.HasSuffix(p.Message, ".") || p.Message != strings.ToLower(p.Message[:1])+p.Message[1:] {
			t.Errorf("message not lowercase without period: %q", p.Message)
		}
		out = append(out, p.String())
	}
	return out
}

const okHead = "version: 1\nenvironments:\n  prod:\n    base_url: https://api.getaptly.com\n    boards:\n"

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name string
		path string
		text string
		want []string
	}{
		{
			name: "unknown key with did you mean",
			text: okHead + "      leads:\n        id: JShpBxEFgRmZnivTf\n        keyenv: APTLY_KEY\n",
			want: []string{
				`6:7: board "leads" of legacy environment "prod" has no key`,
				`8:9: unknown key "keyenv" in board "leads" of environment "prod", did you mean "key_env"`,
			},
		},
		{
			name: "unknown key without a close match",
			text: "version: 1\ncolour: blue\n",
			want: []string{`2:1: unknown key "colour" at the top level`},
		},
		{
			name: "wrong type",
			text: okHead + "      leads:\n        id: JShpBxEFgRmZnivTf\n        key_env: K\n        create_fields: \"no\"\n",
			want: []string{`9:24: environments.prod.boards.leads.create_fields must be true or false, not "no"`},
		},
		{
			name: "number where text belongs",
			text: okHead + "      leads:\n        id: JShpBxEFgRmZnivTf\n        key_env: K\n        key_sha256: 123456\n",
			want: []string{`9:21: environments.prod.boards.leads.key_sha256 must be text, but YAML reads 123456 as a number`},
		},
		{
			name: "list where a mapping belongs",
			text: "version: 1\nenvironments:\n  - prod\n",
			want: []string{`3:3: environments must be a mapping, not a list`},
		},
		{
			name: "bad enum",
			text: okHead + "      leads: {id: JShpBxEFgRmZnivTf, key_env: K, update_mode: always_create}\n",
			want: []string{`6:63: environments.prod.boards.leads.update_mode "always_create" is not a known value, did you mean "always-create"`},
		},
		{
			name: "missing version",
			text: "# team config\nenvironments: {}\n",
			want: []string{`2:1: the config does not say its version`},
		},
		{
			name: "wrong version",
			text: "version: 2\n",
			want: []string{`1:10: version "2" is not supported: only version 1 exists`},
		},
		{
			name: "ignore without reason",
			text: "version: 1\nchecks:\n  ignore:\n    - check: AD105\n      path: payloads/*.json\n",
			want: []string{`4:7: checks.ignore[0] has no reason`},
		},
		{
			name: "ignore matching everything",
			text: "version: 1\nchecks:\n  ignore:\n    - reason: too noisy\n",
			want: []string{`4:7: checks.ignore[0] would set aside every finding`},
		},
		{
			name: "bad ignore glob",
			text: "version: 1\nchecks:\n  ignore:\n    - {path: \"payloads/[a\", reason: old}\n",
			want: []string{`4:14: path "payloads/[a" of checks.ignore[0] is not a valid glob`},
		},
		{
			name: "bad key_sha256",
			text: okHead + "      leads:\n        id: JShpBxEFgRmZnivTf\n        key_env: K\n        key_sha256: 3f9a\n",
			want: []string{`9:21: environments.prod.boards.leads.key_sha256 "3f9a" is not a lowercase hex SHA-256 prefix of 6 to 64 digits`},
		},
		{
			name: "uppercase key_sha256",
			text: okHead + "      leads:\n        id: JShpBxEFgRmZnivTf\n        key_env: K\n        key_sha256: 3F9A1C\n",
			want: []string{`9:21: environments.prod.boards.leads.key_sha256 "3F9A1C" must be lowercase hex`},
		},
		{
			name: "key_env with a dollar",
			text: okHead + "      leads: {id: JShpBxEFgRmZnivTf, key_env: $APTLY_KEY}\n",
			want: []string{`6:47: environments.prod.boards.leads.key_env "$APTLY_KEY" names the variable with the shell's "$"`},
		},
		{
			name: "board id that is a url",
			text: okHead + "      leads: {id: \"https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf\", key_env: K}\n",
			want: []string{`6:19: environments.prod.boards.leads.id "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf" is a URL, not a board ID`},
		},
		{
			name: "placeholder board id",
			text: okHead + "      leads: {id: YOUR_BOARD_ID, key_env: K}\n",
			want: []string{`6:19: board id "YOUR_BOARD_ID" is a placeholder`},
		},
		{
			name: "board without id",
			text: okHead + "      leads: {key_env: K}\n",
			want: []string{`6:14: board "leads" of environment "prod" has no id`},
		},
		{
			name: "plain http base url",
			text: "version: 1\nenvironments:\n  prod:\n    base_url: http://api.getaptly.com\n",
			want: []string{`4:15: environments.prod.base_url "http://api.getaptly.com" is not an https URL`},
		},
		{
			name: "bad check id in severity",
			text: "version: 1\nchecks:\n  severity: {ad105: error}\n",
			want: []string{`3:14: "ad105" in checks.severity is not a check ID`},
		},
		{
			name: "bad severity",
			text: "version: 1\nchecks:\n  severity:\n    AD105: fatal\n",
			want: []string{`4:12: checks.severity.AD105 "fatal" is not a known value`},
		},
		{
			name: "bad disable entry",
			text: "version: 1\nchecks:\n  disable: [AD203, content-type]\n",
			want: []string{`3:20: checks.disable[1] "content-type" is not a check ID or a glob over check IDs`},
		},
		{
			name: "field with neither name nor key",
			text: okHead + "      leads:\n        id: JShpBxEFgRmZnivTf\n        key_env: K\n        fields:\n          - {type: text}\n",
			want: []string{`10:13: environments.prod.boards.leads.fields[0] has neither a name nor a key`},
		},
		{
			name: "duplicate yaml key",
			text: okHead + "      leads: {id: JShpBxEFgRmZnivTf, key_env: K}\n      leads: {id: MJxaStgENouWrNEKd, key_env: K}\n",
			want: []string{`7:7: duplicate key "leads": it is already set at line 6, and only one value can count`},
		},
		{
			name: "both key and key_env",
			text: okHead + "      leads: {id: JShpBxEFgRmZnivTf, key_env: K, key: abcdefgh12345678}\n",
			want: []string{`6:55: board "leads" sets both key and key_env`},
		},
		{
			name: "literal key alone is allowed",
			text: okHead + "      leads: {id: JShpBxEFgRmZnivTf, key: abcdefgh12345678}\n",
		},
		{
			name: "literal key with a wrong fingerprint",
			text: okHead + "      leads: {id: JShpBxEFgRmZnivTf, key: abcdefgh12345678, key_sha256: abcdef}\n",
			want: []string{`6:73: key_sha256 "abcdef" of board "leads" does not match its literal key`},
		},
		{
			name: "company key on a legacy host",
			text: "version: 1\nenvironments:\n  prod:\n    base_url: https://app.getaptly.com\n    key_env: K\n",
			want: []string{`5:14: environment "prod" has a company key, but "https://app.getaptly.com" is a legacy host, where each board has its own key`},
		},
		{
			name: "board key on the core host",
			text: "version: 1\nenvironments:\n  prod:\n    base_url: https://core-api.getaptly.com\n    boards:\n      leads: {id: x1, key_env: K}\n",
			want: []string{`6:32: board "leads" has its own key, but "https://core-api.getaptly.com" is the core host, where one company key serves every board`},
		},
		{
			name: "board key beside a company key",
			text: "version: 1\nenvironments:\n  prod:\n    key_env: K\n    boards:\n      leads: {id: x1, key_env: L}\n",
			want: []string{`6:32: board "leads" has its own key while environment "prod" has a company key`},
		},
		{
			name: "core environment without a key",
			text: "version: 1\nenvironments:\n  stage:\n    base_url: https://core-api.getaptly.com\n",
			want: []string{`3:3: core environment "stage" has no company key`},
		},
		{
			name: "same id twice in one environment",
			text: okHead + "      a: {id: x1, key_env: K}\n      b: {id: x1, key_env: L}\n",
			want: []string{`7:15: board "b" has the same id "x1" as board "a"`},
		},
		{
			name: "yaml syntax error",
			text: "version: 1\nenvironments:\n  prod:\n    base_url: [https://x\n",
			want: []string{`3:1: the config is not valid YAML: did not find expected ',' or ']'`},
		},
		{
			name: "tab indentation",
			text: "version: 1\nenvironments:\n\tprod: {}\n",
			want: []string{`3:1: the config is not valid YAML: found character that cannot start any token`},
		},
		{
			name: "empty file",
			text: "# nothing yet\n",
			want: []string{`1:1: the config is empty`},
		},
		{
			name: "two documents",
			text: "version: 1\n---\nversion: 1\n",
			want: []string{`2:1: the config holds more than one YAML document`},
		},
		{
			name: "alias loop is not a crash",
			text: "version: 1\nenvironments: &a\n  prod: *a\n",
			want: []string{`3:9: alias "a" refers to a node that contains it`},
		},
		{
			name: "merge keys share settings",
			text: "version: 1\nbase: &base {base_url: https://api.getaptly.com}\n",
			want: []string{`2:1: unknown key "base" at the top level`},
		},
		{
			name: "json config",
			path: "aptly-doctor.json",
			text: "{\n  \"version\": 1,\n  \"environments\": {\n    \"prod\": {\"base_url\": \"https://api.getaptly.com\", \"boardz\": {}}\n  }\n}\n",
			want: []string{`4:54: unknown key "boardz" in environment "prod", did you mean "boards"`},
		},
		{
			name: "json syntax error",
			path: "aptly-doctor.json",
			text: "{\n  \"version\": 1,\n}\n",
			want: []string{`3:1: the config is not valid JSON: invalid character '}' looking for beginning of object key string`},
		},
		{
			name: "json syntax error, lone CR endings",
			path: "aptly-doctor.json",
			text: "{\r  \"version\": 1,\r}\r",
			want: []string{`3:1: the config is not valid JSON: invalid character '}' looking for beginning of object key string`},
		},
		{
			name: "yaml, lone CR endings",
			text: "version: 1\rcolour: blue\r",
			want: []string{`2:1: unknown key "colour" at the top level`},
		},
		{
			name: "json duplicate key",
			path: "aptly-doctor.json",
			text: "{\"version\": 1, \"version\": 1}",
			want: []string{`1:16: duplicate key "version": it is already set at line 1, and only one value can count`},
		},
		{
			name: "json indented with tabs",
			path: "aptly-doctor.json",
			text: "{\n\t\"version\": 1,\n\t\"checks\": {\"disable\": 5}\n}\n",
			want: []string{`3:24: checks.disable must be a list, not 5`},
		},
		{
			name: "json truncated",
			path: "aptly-doctor.json",
			text: "{\"version\": 1",
			want: []string{`1:14: the config is not valid JSON: unexpected EOF`},
		},
		{
			name: "json columns count characters",
			path: "x.JSON",
			text: "{\"version\": 1, \"environments\": {\"prod\": {\"base_url\": \"https://api.getaptly.com\", \"boards\": {\"léads\": {\"id\": \"a\", \"key_env\": \"K\", \"x\": 1}}}}}",
			want: []string{`1:130: unknown key "x" in board "léads" of environment "prod"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "aptly-doctor.yaml"
			}
			got := problemsOf(t, path, tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMergeKeys(t *testing.T) {
	text := "version: 1\nenvironments:\n  prod: &prod\n    base_url: https://api.getaptly.com\n    boards:\n      leads: {id: x1, key_env: K}\n  copy:\n    <<: *prod\n    base_url: https://app.getaptly.com\n"
	cfg, problems := Load("c.yaml", []byte(text), fakeEnv(nil))
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	cp, _ := cfg.Env("copy")
	if cp.BaseURL != "https://app.getaptly.com" || len(cp.Boards) != 1 || cp.Boards[0].ID != "x1" {
		t.Errorf("merged env = %+v", cp)
	}
}

func TestKeyResolution(t *testing.T) {
	cfg := loadTeam(t)
	prod, _ := cfg.Env("production")
	sandbox, _ := cfg.Env("sandbox")
	tests := []struct {
		name      string
		key       *Key
		set, empt bool
		mask      string
	}{
		{name: "set", key: prod.Boards[0].Key, set: true, mask: Mask("LeadsKey2345678901")},
		{name: "blank", key: prod.Boards[2].Key, empt: true, mask: "(unset)"},
		{name: "unset", key: sandbox.Key, mask: "(unset)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.key.Set != tt.set || tt.key.Empty != tt.empt || tt.key.Mask() != tt.mask {
				t.Errorf("key %s: set %v empty %v mask %q", tt.key.Var, tt.key.Set, tt.key.Empty, tt.key.Mask())
			}
		})
	}
	var asked []string
	lookup := func(name string) (string, bool) {
		asked = append(asked, name)
		return "", false
	}
	data, _ := os.ReadFile("testdata/team.yaml")
	Load("team.yaml", data, lookup)
	slices.Sort(asked)
	want := []string{"APTLY_PROD_LEADS_KEY", "APTLY_PROD_MAINT_KEY", "APTLY_PROD_RENEWALS_KEY", "APTLY_SANDBOX_KEY", "APTLY_STAGING_KEY"}
	if !slices.Equal(asked, want) {
		t.Errorf("variables read = %v, want only %v", asked, want)
	}
}

func TestStarterLoads(t *testing.T) {
	cfg, problems := Load("aptly-doctor.yaml", []byte(Starter), fakeEnv(nil))
	if len(problems) != 0 {
		t.Fatalf("Starter has problems: %v", problems)
	}
	if len(cfg.Envs) != 2 || cfg.Envs[0].Generation != Legacy || cfg.Envs[1].Generation != Core {
		t.Errorf("Starter environments = %+v", cfg.Envs)
	}
}

// TestAllowedKeysMatchSchema keeps the did-you-mean lists equal to the
// schema's properties.
func TestAllowedKeysMatchSchema(t *testing.T) {
	data, err := schemas.Read(SchemaName)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var ignoreItem struct {
		Items struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"items"`
	}
	if err := json.Unmarshal(s.Defs["checks"].Properties["ignore"], &ignoreItem); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		level level
		props map[string]json.RawMessage
	}{
		{name: "root", level: levelRoot, props: s.Properties},
		{name: "environment", level: levelEnv, props: s.Defs["environment"].Properties},
		{name: "board", level: levelBoard, props: s.Defs["board"].Properties},
		{name: "field", level: levelField, props: s.Defs["field"].Properties},
		{name: "checks", level: levelChecks, props: s.Defs["checks"].Properties},
		{name: "ignore", level: levelIgnore, props: ignoreItem.Items.Properties},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var keys []string
			for k := range tt.props {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			want := slices.Sorted(slices.Values(allowedKeys[tt.level]))
			if !slices.Equal(keys, want) {
				t.Errorf("schema keys %v, allowedKeys %v", keys, want)
			}
		})
	}
}

func TestDiscover(t *testing.T) {
	tests := []struct {
		name  string
		files []string // created under the root
		from  string   // folder to search from, under the root
		want  string   // expected file, under the root; "" for none
	}{
		{name: "none", from: "a/b", want: ""},
		{name: "here", files: []string{"a/b/aptly-doctor.yaml"}, from: "a/b", want: "a/b/aptly-doctor.yaml"},
		{name: "parent", files: []string{"a/.aptly-doctor.yml"}, from: "a/b", want: "a/.aptly-doctor.yml"},
		{name: "nearest wins", files: []string{"aptly-doctor.yaml", "a/b/aptly-doctor.json"}, from: "a/b", want: "a/b/aptly-doctor.json"},
		{name: "order in one folder", files: []string{"a/.aptly-doctor.json", "a/aptly-doctor.json", "a/.aptly-doctor.yaml", "a/aptly-doctor.yml"}, from: "a", want: "a/aptly-doctor.yml"},
		{name: "yaml before dot yaml", files: []string{"a/.aptly-doctor.yaml", "a/aptly-doctor.yaml"}, from: "a", want: "a/aptly-doctor.yaml"},
		{name: "folder with the name is skipped", files: []string{"a/aptly-doctor.yaml/", "a/aptly-doctor.json"}, from: "a", want: "a/aptly-doctor.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, tt.from), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.files {
				p := filepath.Join(root, f)
				if strings.HasSuffix(f, "/") {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("version: 1\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, _, err := Discover(filepath.Join(root, tt.from))
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tt.want != "" {
				want = filepath.Join(root, tt.want)
			}
			// Above the temporary root a real config could exist; only a
			// result inside the root is ours to judge.
			if tt.want == "" && !strings.HasPrefix(got, root) {
				got = ""
			}
			if got != want {
				t.Errorf("Discover = %q, want %q", got, want)
			}
		})
	}
}

func FuzzLoad(f *testing.F) {
	data, err := os.ReadFile("testdata/team.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("aptly-doctor.yaml", data)
	f.Add("aptly-doctor.yaml", []byte(Starter))
	f.Add("aptly-doctor.json", []byte(`{"version":1,"environments":{"p":{"boards":{"b":{"id":"x","key_env":"K"}}}}}`))
	f.Add("aptly-doctor.yaml", []byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add("aptly-doctor.yaml", []byte("version: 1\nenvironments:\n  p: {<<: [{base_url: 1}]}\n"))
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		cfg, problems := Load(path, data, fakeEnv(map[string]string{"K": "secretsecret"}))
		for _, p := range problems {
			if p.At.Line < 1 || p.At.Col < 1 {
				t.Errorf("problem without a position: %+v", p)
			}
		}
		if cfg != nil {
			cfg.SharedIDs()
			cfg.MissingKeys()
			cfg.LiteralKeys()
			cfg.KeyOwners("secretsecret")
		}
	})
}

// TestDiscoverPassesOverReports: a JSON file under a config's name that is
// no config (a report saved with --output json=aptly-doctor.json, another
// tool's file) is passed over with a note, and the search goes on.
func TestDiscoverPassesOverReports(t *testing.T) {
	tests := []struct {
		name, content, why string
	}{
		{name: "saved report", content: `{"version": 1, "tool": {"name": "aptly-doctor"}, "findings": []}`, why: "a report of aptly-doctor's"},
		{name: "another tool's file", content: `{"name": "app", "private": true}`, why: `no top-level "version"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			sub := filepath.Join(root, "sub")
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(sub, "aptly-doctor.json"), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "aptly-doctor.yaml"), []byte("version: 1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			got, notes, err := Discover(sub)
			if err != nil || got != filepath.Join(root, "aptly-doctor.yaml") {
				t.Errorf("Discover = %q, %v; want the config above the report", got, err)
			}
			if len(notes) != 1 || !strings.Contains(notes[0], tt.why) {
				t.Errorf("notes %q, want one saying %s", notes, tt.why)
			}
		})
	}
	if why := NotConfig([]byte(`{"version": 1, "environments": {}}`)); why != "" {
		t.Errorf("a JSON config is not a config: %s", why)
	}
}
