package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// sarifSchemaPath is the official schema, kept beside the repository in
// ../shared so the test never fetches it.
var sarifSchemaPath = filepath.Join("..", "..", "shared", "reference", "sarif-schema-2.1.0.json")

func sarifValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("SARIF schema not found at %s: skipping validation (it lives in ../shared, present in CI)", sarifSchemaPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("read %s: %v", sarifSchemaPath, err)
	}
	// The schema is registered under its own id, so nothing is looked up
	// on the network.
	id, _ := doc.(map[string]any)["id"].(string)
	if id == "" {
		t.Fatalf("%s has no id", sarifSchemaPath)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compile the SARIF schema: %v", err)
	}
	return sch
}

func renderSARIF(t *testing.T, r *checks.Result, cs []*checks.Check) (string, sarifLog) {
	t.Helper()
	var buf bytes.Buffer
	if err := (&SARIF{Version: "1.2.3", Checks: cs}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	return buf.String(), log
}

func TestSARIFSchema(t *testing.T) {
	sch := sarifValidator(t)
	tests := []struct {
		name   string
		result *checks.Result
		checks []*checks.Check
	}{
		{name: "fixture", result: fixture(), checks: fixtureChecks()},
		{name: "unreadable, stdin, absolute", result: unreadable(), checks: fixtureChecks()},
		{name: "no checks passed on", result: fixture()},
		{name: "empty", result: &checks.Result{FailOn: checks.Error}},
		{name: "registry", result: big(30), checks: checks.All},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := renderSARIF(t, tt.result, tt.checks)
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("output breaks the SARIF schema: %v\n%s", err, out)
			}
		})
	}
}

// TestSARIFSchemaCatches makes sure the validation above can fail.
func TestSARIFSchemaCatches(t *testing.T) {
	sch := sarifValidator(t)
	out, _ := renderSARIF(t, fixture(), fixtureChecks())
	bad := strings.Replace(out, `"level": "note"`, `"level": "info"`, 1)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(inst) == nil {
		t.Error("a result with level \"info\" passed the schema")
	}
}

func TestSARIFContent(t *testing.T) {
	_, log := renderSARIF(t, fixture(), fixtureChecks())
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != len(fixtureChecks()) {
		t.Errorf("%d rules, want one per check (%d)", len(rules), len(fixtureChecks()))
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4 (the fixed finding left out)", len(run.Results))
	}
	states := map[string]int{}
	for _, res := range run.Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is %s", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
		states[res.BaselineState]++
		if strings.Contains(res.Message.Text, "a comment is not JSON") {
			t.Errorf("fixed finding in the results: %q", res.Message.Text)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "payloads/bad%20card.json" || loc.ArtifactLocation.URIBaseID != srcRoot {
			t.Errorf("artifact %+v, want the relative, escaped path under %s", loc.ArtifactLocation, srcRoot)
		}
		if res.RuleID == "AD201" && loc.Region != nil {
			t.Errorf("AD201 has no line, yet a region: %+v", loc.Region)
		}
	}
	if states["unchanged"] != 1 || states["new"] != 3 {
		t.Errorf("baseline states %v, want 1 unchanged and 3 new", states)
	}
	if got := run.Results[1].Properties["jsonPointer"]; got != "/fields/a~1b" {
		t.Errorf("pointer %q, want %q", got, "/fields/a~1b")
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations %+v, want one, unsuccessful (a check failed)", run.Invocations)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
}

func TestSARIFEdges(t *testing.T) {
	_, log := renderSARIF(t, unreadable(), fixtureChecks())
	run := log.Runs[0]
	tests := []struct {
		name  string
		check func() string
	}{
		{name: "no baseline state without a baseline", check: func() string {
			for _, res := range run.Results {
				if res.BaselineState != "" {
					return "baselineState " + res.BaselineState
				}
			}
			return ""
		}},
		{name: "stdin has no physical location", check: func() string {
			if len(run.Results[0].Locations) != 0 {
				return "locations on a finding in stdin"
			}
			return ""
		}},
		{name: "absolute path is a file URI", check: func() string {
			a := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation
			if a.URI != "file:///abs/dir/x.json" || a.URIBaseID != "" {
				return "artifact " + a.URI + " " + a.URIBaseID
			}
			return ""
		}},
		{name: "unknown check gets a rule", check: func() string {
			r := run.Tool.Driver.Rules[run.Results[1].RuleIndex]
			if r.ID != "AD999" {
				return "rule " + r.ID
			}
			return ""
		}},
		{name: "unreadable target is a notification", check: func() string {
			n := run.Invocations[0].Notifications
			if len(n) != 1 || !strings.Contains(n[0].Message.Text, "no such file") {
				return "notifications are not the read error"
			}
			if !run.Invocations[0].ExecutionSuccessful {
				return "a read error made the execution unsuccessful"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if msg := tt.check(); msg != "" {
				t.Error(msg)
			}
		})
	}
}
