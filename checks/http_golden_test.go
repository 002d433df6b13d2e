package checks_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input/load"
)

// TestHTTPConstructs runs each case under testdata/http/<construct>/: a
// .http file using one construct of the JetBrains or REST Client syntax,
// with one request aimed at Aptly and one aimed elsewhere. Its findings and
// notes must match the .golden beside it; the request aimed elsewhere must
// be skipped (a note says so), the one aimed at Aptly judged.
func TestHTTPConstructs(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "http", "*", "*.http"))
	if len(cases) < 8 {
		t.Fatalf("found %d .http construct cases, want at least 8", len(cases))
	}
	for _, in := range cases {
		t.Run(filepath.Base(filepath.Dir(in)), func(t *testing.T) {
			targets, err := load.Expand([]string{in}, load.Options{Lookup: goldenLookup})
			if err != nil {
				t.Fatal(err)
			}
			res := (&checks.Runner{Checks: checks.All, Opts: &checks.Options{}, Jobs: 1}).Run(targets)
			tr := res.Targets[0]
			if tr.ReadErr != nil {
				t.Fatalf("read: %v", tr.ReadErr)
			}
			if tr.Units != 1 {
				t.Errorf("%d requests judged, want the one aimed at Aptly", tr.Units)
			}
			got := render(t, res)
			for _, n := range tr.Notes {
				got += "note: " + n + "\n"
			}
			if !strings.Contains(got, "1 request not aimed at the Aptly API skipped") {
				t.Errorf("no note of the request aimed elsewhere:\n%s", got)
			}
			matchGolden(t, in+".golden", got, "TestHTTPConstructs")
		})
	}
}
