package report

import (
	"errors"
	"fmt"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// fixtureChecks stand in for the registry so the golden files do not move
// when a real check's wording does.
func fixtureChecks() []*checks.Check {
	return []*checks.Check{
		{ID: "AD101", Name: "json-syntax", Title: "Body is not valid JSON", Severity: checks.Error,
			Doc: "The body must parse as one JSON value.", Fix: "Correct the JSON syntax"},
		{ID: "AD103", Name: "payload-schema", Title: "Payload breaks the card schema", Severity: checks.Error,
			Doc: "The payload must match the card schema.", Fix: "Change the payload to match the schema"},
		{ID: "AD108", Name: "placeholder", Title: "Placeholder left in the request", Severity: checks.Warning,
			Doc: "A value copied from an example was never filled in.", Fix: "Replace the placeholder with a real value"},
		{ID: "AD201", Name: "content-type", Title: "Content-Type missing or not JSON", Severity: checks.Error,
			Doc: "Write requests need a JSON content type.", Fix: `Add the header -H "Content-Type: application/json"`},
		{ID: "AD204", Name: "endpoint", Title: "Unknown endpoint", Severity: checks.Error,
			Doc: "The URL must name an endpoint the API has."},
	}
}

// fixture is one result every format is golden-tested on: a clean target,
// a failing one with findings of each severity (one baseline, one fixed,
// one pointer with "~1", text that needs escaping in every format) and a
// target on which a check could not run.
func fixture() *checks.Result {
	r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{
		{Path: "payloads/ok.json", Kind: input.KindPayload, Units: 1},
		{Path: "payloads/bad card.json", Kind: input.KindPayload, Units: 1, Findings: []checks.Finding{
			{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: "payloads/bad card.json", Line: 3, Col: 14,
				Message: `a comma before "}" ends the object early`, Fix: "Remove the comma after the last member"},
			{Check: "AD103", Name: "payload-schema", Severity: checks.Warning, Path: "payloads/bad card.json", Line: 5, Col: 9,
				Pointer: "/fields/a~1b", Message: "property \"a/b\" is not a field | see <fields> & `ids`, 100%: a,b",
				Fix: "Use a field ID from the board"},
			{Check: "AD108", Name: "placeholder", Severity: checks.Info, Path: "payloads/bad card.json", Line: 7, Col: 12,
				Pointer: "/title", Message: "the title holds \"\x1b[31m{{name}}\"\nit is sent as is\r\nand shown raw",
				Fix: "Replace the placeholder with a real value"},
			{Check: "AD201", Name: "content-type", Severity: checks.Error, Path: "payloads/bad card.json",
				Message: "the request sends no Content-Type header", Fix: `Add the header -H "Content-Type: application/json"`,
				Baseline: true},
			{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: "payloads/bad card.json", Line: 9, Col: 3,
				Message: "a comment is not JSON", Fix: "Remove the comment", Fixed: true},
		}},
		{Path: "requests/create.curl", Kind: input.KindCurl, Units: 1,
			Failures: []string{"check AD204 (endpoint) failed on line 1: unexpected end of input"}},
	}}
	r.Settle()
	return r
}

// unreadable is a result with a target that could not be read, one read
// from stdin and one given by absolute path.
func unreadable() *checks.Result {
	r := &checks.Result{FailOn: checks.Warning, Targets: []checks.TargetResult{
		{Path: "missing.json", Kind: input.KindPayload, ReadErr: errors.New("open missing.json: no such file or directory")},
		{Path: "-", Kind: input.KindCurl, Findings: []checks.Finding{
			{Check: "AD201", Name: "content-type", Severity: checks.Error, Path: "-", Line: 1, Col: 1, Message: "no header", Fix: "Add it"},
		}},
		{Path: "/abs/dir/x.json", Kind: input.KindPayload, Findings: []checks.Finding{
			{Check: "AD999", Name: "made-up", Severity: checks.Warning, Path: "/abs/dir/x.json", Line: 2, Col: 0, Message: "not in the list"},
		}},
	}}
	r.Settle()
	return r
}

// big is a result of n findings over n/10 targets, for benchmarks.
func big(n int) *checks.Result {
	r := &checks.Result{FailOn: checks.Error}
	sev := []checks.Severity{checks.Error, checks.Warning, checks.Info}
	all := checks.All
	for t := 0; t < (n+9)/10; t++ {
		tr := checks.TargetResult{Path: fmt.Sprintf("payloads/p%03d.json", t), Kind: input.KindPayload, Units: 1}
		for k := 0; k < 10 && t*10+k < n; k++ {
			c := all[k%len(all)]
			tr.Findings = append(tr.Findings, checks.Finding{
				Check: c.ID, Name: c.Name, Severity: sev[k%3], Path: tr.Path, Line: k + 1, Col: 3,
				Pointer: fmt.Sprintf("/cards/%d/title", k), Message: fmt.Sprintf("value %q is not allowed here", "x|y"),
				Fix: c.Fix, Baseline: k == 9,
			})
		}
		r.Targets = append(r.Targets, tr)
	}
	r.Settle()
	return r
}
