package schemas_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"
)

// The official JSON-Schema-Test-Suite (testdata/JSON-Schema-Test-Suite: its
// required tests for draft-07 and 2020-12 with the remotes they refer to,
// under the suite's LICENSE) run against the schema library the doctor
// links, which is the fork in third_party/jsonschema. When the suite was
// vendored the library passed every one of its 2,226 cases; the test holds
// it to that, so a change to the fork can never make it less complete.

const (
	suiteDir     = "testdata/JSON-Schema-Test-Suite"
	suiteCases   = 2226 // draft7 + draft2020-12 required cases in the vendored suite
	suiteRootURL = "http://testsuites.com/schema.json"
	suiteRemote  = "http://localhost:1234/"
)

type suiteGroup struct {
	Description string
	Schema      any
	Tests       []struct {
		Description string
		Data        any
		Valid       bool
	}
}

func TestJSONSchemaSuite(t *testing.T) {
	total, passed := 0, 0
	for _, d := range []struct {
		dir   string
		draft *jsonschema.Draft
	}{{"draft7", jsonschema.Draft7}, {"draft2020-12", jsonschema.Draft2020}} {
		files, err := filepath.Glob(filepath.Join(suiteDir, "tests", d.dir, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no suite files for %s (%v)", d.dir, err)
		}
		for _, f := range files {
			n, bad := runSuiteFile(t, f, d.draft)
			total += n
			passed += n - len(bad)
			for _, b := range bad {
				t.Errorf("%s/%s: %s", d.dir, filepath.Base(f), b)
			}
		}
	}
	t.Logf("JSON-Schema-Test-Suite draft-07 + 2020-12 required: %d of %d cases pass", passed, total)
	if total != suiteCases {
		t.Errorf("the vendored suite holds %d cases, want %d", total, suiteCases)
	}
}

// runSuiteFile runs one suite file and returns how many cases it holds and
// the ones the library got wrong, as "group / case".
func runSuiteFile(t *testing.T, path string, draft *jsonschema.Draft) (int, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var groups []suiteGroup
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&groups); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	n := 0
	var bad []string
	for _, g := range groups {
		n += len(g.Tests)
		c := jsonschema.NewCompiler()
		c.DefaultDraft(draft)
		c.UseLoader(suiteRemotes{})
		var sch *jsonschema.Schema
		err := c.AddResource(suiteRootURL, g.Schema)
		if err == nil {
			sch, err = c.Compile(suiteRootURL)
		}
		for _, tc := range g.Tests {
			name := g.Description + " / " + tc.Description
			switch {
			case err != nil:
				bad = append(bad, name+" (schema does not compile)")
			case (sch.Validate(tc.Data) == nil) != tc.Valid:
				bad = append(bad, name)
			}
		}
	}
	return n, bad
}

// suiteRemotes serves the suite's remotes folder for http://localhost:1234/,
// as the suite's README asks; nothing else is fetched.
type suiteRemotes struct{}

func (suiteRemotes) Load(url string) (any, error) {
	rel, ok := strings.CutPrefix(url, suiteRemote)
	if !ok {
		return nil, errors.New("no network in tests: " + url)
	}
	f, err := os.Open(filepath.Join(suiteDir, "remotes", filepath.FromSlash(rel)))
	if err != nil {
		return nil, fmt.Errorf("remote %s: %w", url, err)
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// The fork compiles a draft's meta-schemas on first use; compiles of several
// drafts at once must neither race (go test -race) nor deadlock.
func TestMetaSchemasCompileConcurrently(t *testing.T) {
	drafts := []*jsonschema.Draft{jsonschema.Draft4, jsonschema.Draft6, jsonschema.Draft7, jsonschema.Draft2019, jsonschema.Draft2020}
	done := make(chan error)
	for i := range 4 * len(drafts) {
		go func() {
			c := jsonschema.NewCompiler()
			c.DefaultDraft(drafts[i%len(drafts)])
			if err := c.AddResource("mem:///s.json", map[string]any{"type": "object", "minProperties": "x"}); err != nil {
				done <- err
				return
			}
			_, err := c.Compile("mem:///s.json")
			if err == nil {
				err = errors.New("a schema that breaks its meta-schema compiled")
			} else {
				err = nil
			}
			done <- err
		}()
	}
	for range 4 * len(drafts) {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
