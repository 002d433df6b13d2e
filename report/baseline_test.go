package report

import (
	"bytes"
	"errors"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// TestBaselineRoundTrip reads back a report this package wrote: a finding
// known twice sets aside two of three duplicates, never the third.
func TestBaselineRoundTrip(t *testing.T) {
	f := checks.Finding{Check: "AD104", Name: "duplicate-key", Severity: checks.Warning, Path: "p.json", Line: 1, Col: 2, Pointer: "/Name"}
	res := &checks.Result{Targets: []checks.TargetResult{{Path: "p.json", Findings: []checks.Finding{f, f}}}}
	res.Settle()
	var buf bytes.Buffer
	if err := (&JSON{Version: "test"}).Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	b, err := ParseBaseline(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	later := &checks.Result{Targets: []checks.TargetResult{{Path: "p.json", Findings: []checks.Finding{f, f, f}}}}
	b.Apply(later)
	n := 0
	for _, x := range later.Targets[0].Findings {
		if x.Baseline {
			n++
		}
	}
	if n != 2 {
		t.Errorf("set aside %d findings, want 2", n)
	}
	for _, bad := range []string{`{}`, `[]`, `{"version":1,"findings":[]}`, `not json`} {
		if _, err := ParseBaseline([]byte(bad)); !errors.Is(err, ErrNotReport) {
			t.Errorf("%s: err %v, want ErrNotReport", bad, err)
		}
	}
	if _, err := ParseBaseline([]byte(`{"version":2,"tool":{"name":"aptly-doctor"},"findings":[]}`)); err == nil || errors.Is(err, ErrNotReport) {
		t.Errorf("version 2: err %v", err)
	}
}
