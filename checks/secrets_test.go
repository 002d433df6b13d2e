package checks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// TestResponseBodySecretsMasked: AD501 quotes a recorded error body; a key
// the body echoes under a key name is masked in the message, though the
// request sent it from a variable (#16.4).
func TestResponseBodySecretsMasked(t *testing.T) {
	const key = "k3yS3cr3tV4lu3XYZ1234"
	har := `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"request":{"method":"POST","url":"https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf","headers":[{"name":"x-tokn","value":"$APTLY_KEY"}],"postData":{"mimeType":"application/json","text":"{\"Name\":\"A\"}"}},"response":{"status":401,"statusText":"Unauthorized","headers":[],"content":{"text":"{\"error\":\"Unauthorized\",\"x-token\":\"` + key + `\"}"}}}]}}`
	path := filepath.Join(t.TempDir(), "echo.har")
	if err := os.WriteFile(path, []byte(har), 0o644); err != nil {
		t.Fatal(err)
	}
	targets, err := load.Expand([]string{path}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := (&checks.Runner{Checks: checks.All, Opts: &checks.Options{}, Jobs: 1}).Run(targets)
	saw := false
	for _, tr := range res.Targets {
		for _, f := range tr.Findings {
			text := f.Message + f.Fix + f.Snippet
			if strings.Contains(text, key) {
				t.Errorf("[%s] shows the key: %q", f.Check, text)
			}
			if f.Check == "AD501" && strings.Contains(f.Message, secret.Mask(key)) {
				saw = true
			}
		}
	}
	if !saw {
		t.Errorf("no AD501 finding quoting the masked key: %+v", res.Targets)
	}
}
