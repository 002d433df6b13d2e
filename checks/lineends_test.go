package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input/load"
)

// A file written with lone CR or CRLF line endings draws the findings of
// the LF file, at the same lines and columns, quoting the same lines: one
// line index for the parsers, the findings and the snippets. The key a
// .http file reads from the environment is never expanded into a line.
func TestLineEndingsAgree(t *testing.T) {
	const key = "corpuskey000000000042"
	cases := map[string]string{
		"a.http":   "POST https://app.getaptly.com/api/aptlet/8f2c1d\nx-token: {{$processEnv APTLY_KEY}}\nContent-Type: application/json\n\n{\n  \"Name\": \"A\",\n}\n",
		"b.ndjson": "{\"Name\": \"A\",}\n\n{\"Name\": \"B\"}\n{\"Name\": 'C'}\n",
		"c.har": `{"log": {"entries": [
  {"request": {"method": "POST", "url": "https://app.getaptly.com/api/aptlet/8f2c1d",
    "headers": [{"name": "x-token", "value": "corpuskey000000000042"}],
    "postData": {"mimeType": "text/plain", "text": "{\"Name\": \"A\",}"}},
   "response": {"status": 401, "content": {"text": ""}}}
]}}
`,
	}
	for name, lf := range cases {
		run := func(nl string) string {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(strings.ReplaceAll(lf, "\n", nl)), 0o644); err != nil {
				t.Fatal(err)
			}
			targets, err := load.Expand([]string{path}, load.Options{Lookup: goldenLookup})
			if err != nil {
				t.Fatal(err)
			}
			res := (&checks.Runner{Checks: checks.All, Opts: &checks.Options{}, Jobs: 1}).Run(targets)
			var b strings.Builder
			for _, tr := range res.Targets {
				for _, f := range tr.Findings {
					fmt.Fprintf(&b, "%d:%d %s [%s] %q\n", f.Line, f.Col, f.Message, f.Check, f.Snippet)
				}
			}
			return b.String()
		}
		want := run("\n")
		if want == "" {
			t.Fatalf("%s draws no finding", name)
		}
		for what, nl := range map[string]string{"cr": "\r", "crlf": "\r\n"} {
			got := run(nl)
			if got != want {
				t.Errorf("%s with %s endings:\n%s\nwant (LF):\n%s", name, what, got, want)
			}
			if strings.Contains(got, key) {
				t.Errorf("%s with %s endings shows the key:\n%s", name, what, got)
			}
		}
	}
}
