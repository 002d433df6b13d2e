package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/internal/consumer"
)

// TestSARIFForCodeScanning writes the SARIF of a representative run of each
// kind code scanning used to refuse (payload files, stdin, --curl, a
// payload judged with request flags, a baseline) through the real CLI, and
// holds it to GitHub's rules: every result has a location with a region.
// Where Microsoft's sarif-multitool is installed (.ci/run installs it from
// npm), it validates each log with --rule-kind Ghas.
func TestSARIFForCodeScanning(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"payloads/lead.json":     "{\n  \"Name\": \"Maria\",\n  \"Name\": \"M\",\n  \"Owner\": \"YOUR_BOARD_ID\"\n}\n",
		"payloads/orders.ndjson": "{\"Name\": \"a\"}\n{\"Name\": \"b\",}\n",
		"payloads/ok.json":       "{\"Name\": \"ok\"}\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	curl := `curl -X POST https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf -d '{"Name":"x",}'`
	runs := []struct {
		name  string
		args  []string
		stdin string
	}{
		{name: "payload files", args: []string{"payloads"}},
		{name: "stdin", args: []string{"-"}, stdin: "{\"Name\": 1,}"},
		{name: "curl", args: []string{"--curl", curl, "--response", `401 {"error":"Unauthorized"}`}},
		{name: "request flags", args: []string{"payloads/lead.json", "payloads/ok.json", "--url", "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf"}},
		{name: "baseline", args: []string{"payloads", "--baseline", "base.json"}},
	}
	// The baseline knows the lead's findings, not the batch's.
	if code := Main([]string{"aptly-doctor", "check", "--format", "json", "--output", "base.json", "payloads/lead.json"}, nil, &bytes.Buffer{}, &bytes.Buffer{}, noEnv); code != 1 {
		t.Fatalf("baseline run: exit %d", code)
	}
	tool := consumer.Tool(t, "sarif-multitool", "npm install @microsoft/sarif-multitool; checking locations only")
	var logs []string
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"aptly-doctor", "check", "--format", "sarif"}, run.args...)
			code := Main(args, strings.NewReader(run.stdin), &out, &errb, noEnv)
			if code > 1 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var log struct {
				Runs []struct {
					Results []struct {
						RuleID    string
						Locations []struct {
							PhysicalLocation struct{ Region *struct{ StartLine int } }
						}
						Suppressions []struct{ Kind string }
					}
				}
			}
			if err := json.Unmarshal(out.Bytes(), &log); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			results := log.Runs[0].Results
			if len(results) == 0 && run.name != "request flags" {
				t.Fatalf("no results:\n%s", out.String())
			}
			suppressed := 0
			for _, r := range results {
				if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.Region == nil || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
					t.Errorf("result %s has no location with a region", r.RuleID)
				}
				if len(r.Suppressions) > 0 {
					suppressed++
				}
			}
			if (run.name == "baseline") != (suppressed > 0) {
				t.Errorf("%d suppressed results", suppressed)
			}
			p := filepath.Join(dir, strings.ReplaceAll(run.name, " ", "-")+".sarif")
			if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			logs = append(logs, p)
		})
	}
	if tool == "" {
		return
	}
	// One run of the tool for every log: it starts slowly.
	complaints := consumer.Multitool(t, tool, dir, logs...)
	for _, p := range logs {
		if msg := complaints[p]; msg != "" {
			t.Errorf("sarif-multitool validate --rule-kind Ghas %s:\n%s", filepath.Base(p), msg)
		}
	}
}
