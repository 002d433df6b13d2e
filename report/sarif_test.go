package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// sarifSchemaPath is the official OASIS schema, vendored under testdata so
// the test never fetches it and never skips.
var sarifSchemaPath = filepath.Join("testdata", "sarif-schema-2.1.0.json")

func sarifValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaPath)
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
		if loc.Region == nil || loc.Region.StartLine < 1 {
			t.Errorf("%s has no region: code scanning needs one on every result", res.RuleID)
		}
		if res.RuleID == "AD201" && (loc.Region.StartLine != 1 || loc.Region.StartColumn != 0) {
			t.Errorf("AD201 has no line, yet a region other than line 1: %+v", loc.Region)
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
		{name: "stdin is the artifact stdin", check: func() string {
			if len(run.Results[0].Locations) != 1 {
				return "no location on a finding in stdin"
			}
			a := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation
			if a.URI != "stdin" || a.URIBaseID != srcRoot {
				return "artifact " + a.URI + " " + a.URIBaseID
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

// inputs is a result of the inputs code scanning used to reject: stdin, a
// --curl command, a payload judged with request flags, a --response
// finding, and a baseline.
func inputs() *checks.Result {
	flagFinding := func(path string) checks.Finding {
		return checks.Finding{Check: "AD201", Name: "content-type", Severity: checks.Error, Path: path, Line: 1, Col: 1,
			Unit: checks.UnitFlags, Message: "the request sends no Content-Type header", Fix: "Add it"}
	}
	r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{
		{Path: "-", Kind: input.KindPayload, Findings: []checks.Finding{
			{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: "-", Line: 1, Col: 10, Message: "trailing comma"},
		}},
		{Path: "--curl", Kind: input.KindCurl, Findings: []checks.Finding{
			{Check: "AD202", Name: "auth-header", Severity: checks.Error, Path: "--curl", Line: 1, Col: 14, Message: "no key"},
			{Check: "AD501", Name: "response-status", Severity: checks.Info, Path: "--curl", Message: "Aptly answered 401"},
		}},
		{Path: "payloads/a.json", Kind: input.KindPayload, Findings: []checks.Finding{
			flagFinding("payloads/a.json"),
			{Check: "AD108", Name: "placeholder", Severity: checks.Error, Path: "payloads/a.json", Line: 2, Col: 5, Pointer: "/Name",
				Message: "placeholder", Baseline: true},
		}},
		{Path: "payloads/b.json", Kind: input.KindPayload, Findings: []checks.Finding{flagFinding("payloads/b.json")}},
	}}
	r.Settle()
	return r
}

func TestSARIFLocations(t *testing.T) {
	_, log := renderSARIF(t, inputs(), fixtureChecks())
	run := log.Runs[0]
	type where struct {
		uri        string
		line, col  int
		suppressed bool
	}
	var got []where
	for _, res := range run.Results {
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region == nil {
			t.Fatalf("result %s without a location and region: %+v", res.RuleID, res.Locations)
		}
		p := res.Locations[0].PhysicalLocation
		got = append(got, where{p.ArtifactLocation.URI, p.Region.StartLine, p.Region.StartColumn, len(res.Suppressions) > 0})
	}
	want := []where{
		{uri: "stdin", line: 1, col: 10},
		{uri: "--curl", line: 1, col: 14},
		{uri: "--curl", line: 1},                                    // the response: line 1, no column
		{uri: "payloads/a.json", line: 2, col: 5, suppressed: true}, // the baseline
	}
	if len(got) != len(want) {
		t.Fatalf("results at %+v, want %+v (flag findings left out)", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d at %+v, want %+v", i, got[i], want[i])
		}
	}
	base := run.Results[3]
	if base.BaselineState != "unchanged" || len(base.Suppressions) != 1 || base.Suppressions[0].Kind != "external" {
		t.Errorf("baseline result: state %q, suppressions %+v; want unchanged, one external", base.BaselineState, base.Suppressions)
	}
	if run.Results[0].BaselineState != "new" || run.Results[0].Suppressions != nil {
		t.Errorf("new result: state %q, suppressions %+v", run.Results[0].BaselineState, run.Results[0].Suppressions)
	}
	var flags []sarifNotification
	for _, n := range run.Invocations[0].Notifications {
		if n.AssociatedRule != nil {
			flags = append(flags, n)
		}
	}
	if len(flags) != 1 {
		t.Fatalf("%d notifications about the flags, want one for the two payloads: %+v", len(flags), run.Invocations[0].Notifications)
	}
	n := flags[0]
	if n.AssociatedRule.ID != "AD201" || run.Tool.Driver.Rules[n.AssociatedRule.Index].ID != "AD201" || n.Level != "error" ||
		!strings.Contains(n.Message.Text, "request flags") || !strings.Contains(n.Message.Text, "2 payloads") {
		t.Errorf("flag notification %+v", n)
	}
}

func TestSARIFCap(t *testing.T) {
	tests := []struct {
		name     string
		result   *checks.Result
		max      int
		kept     int
		levels   map[string]int
		notified bool
	}{
		// big(30): 12 errors (3 of them in the baseline), 9 warnings, 9
		// infos. The lowest go first.
		{name: "under the cap", result: big(30), max: 30, kept: 30, levels: map[string]int{"error": 12, "warning": 9, "note": 9}},
		{name: "notes go first", result: big(30), max: 25, kept: 25, levels: map[string]int{"error": 12, "warning": 9, "note": 4}, notified: true},
		{name: "then warnings", result: big(30), max: 14, kept: 14, levels: map[string]int{"error": 12, "warning": 2, "note": 0}, notified: true},
		{name: "GitHub's cap", result: big(SARIFMaxResults + 1), max: SARIFMaxResults, kept: SARIFMaxResults, notified: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warned []string
			var buf bytes.Buffer
			s := &SARIF{Checks: checks.All, MaxResults: tt.max, Warn: func(m string) { warned = append(warned, m) }}
			if err := s.Render(&buf, tt.result); err != nil {
				t.Fatal(err)
			}
			var log sarifLog
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			run := log.Runs[0]
			if len(run.Results) != tt.kept {
				t.Errorf("%d results, want %d", len(run.Results), tt.kept)
			}
			if tt.levels != nil {
				levels := map[string]int{}
				for _, r := range run.Results {
					levels[r.Level]++
				}
				for k, v := range tt.levels {
					if levels[k] != v {
						t.Errorf("levels %v, want %v", levels, tt.levels)
						break
					}
				}
			}
			total := 0
			for _, tr := range tt.result.Targets {
				total += len(tr.Findings)
			}
			wantMsg := fmt.Sprintf("%d of %d results left out", total-tt.kept, total)
			notes := run.Invocations[0].Notifications
			if !tt.notified {
				if len(notes) != 0 || len(warned) != 0 {
					t.Errorf("notifications %+v, warnings %q under the cap", notes, warned)
				}
				return
			}
			if len(notes) != 1 || !strings.Contains(notes[0].Message.Text, wantMsg) || notes[0].Level != "warning" {
				t.Errorf("notifications %+v, want one saying %q", notes, wantMsg)
			}
			if len(warned) != 1 || !strings.Contains(warned[0], wantMsg) {
				t.Errorf("warnings %q, want one saying %q", warned, wantMsg)
			}
			if tt.result.Failed() != true {
				t.Error("the result no longer fails: the cap must not touch the exit code")
			}
		})
	}
}

// TestSARIFSize: a log over what code scanning accepts gzipped draws a
// warning; one under it does not.
func TestSARIFSize(t *testing.T) {
	tests := []struct {
		name  string
		limit int
		warn  bool
	}{
		{name: "under", limit: 10 << 20},
		{name: "over", limit: 2000, warn: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warned []string
			s := &SARIF{Checks: checks.All, MaxGzipBytes: tt.limit, Warn: func(m string) { warned = append(warned, m) }}
			if err := s.Render(io.Discard, big(300)); err != nil {
				t.Fatal(err)
			}
			if got := len(warned) == 1 && strings.Contains(warned[0], "bytes gzipped, over the"); got != tt.warn {
				t.Errorf("warnings %q, want a size warning %v", warned, tt.warn)
			}
		})
	}
}
