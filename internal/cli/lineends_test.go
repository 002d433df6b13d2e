package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestCheckAndFixAgreeOnLines: with lone CR line endings, check and --fix
// place the same comma on the same line (one line index for the parsers,
// the snippet and --fix).
func TestCheckAndFixAgreeOnLines(t *testing.T) {
	files := map[string]string{
		"a.json":   "{\r  \"Name\": \"A\",\r  \"Note\": \"b\",\r}\r",
		"b.ndjson": "{\"Name\": \"A\",}\r\r{\"Name\": \"B\",}\r",
	}
	places := regexp.MustCompile(`(?m)^\S+:(\d+:\d+): `)
	run := func(fix bool) []string {
		dir := t.TempDir()
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Chdir(dir)
		args := []string{"aptly-doctor", "check", "--format", "text", "a.json", "b.ndjson"}
		if fix {
			args = append(args, "--fix")
		}
		var out, errb bytes.Buffer
		Main(args, nil, &out, &errb, func(string) (string, bool) { return "", false })
		var got []string
		for _, m := range places.FindAllStringSubmatch(out.String(), -1) {
			got = append(got, m[1])
		}
		return got
	}
	checked, fixed := run(false), run(true)
	want := []string{"3:14", "1:13", "3:13"}
	if !slices.Equal(checked, want) || !slices.Equal(fixed, want) {
		t.Errorf("check places %v, --fix places %v, want %v", checked, fixed, want)
	}
}
