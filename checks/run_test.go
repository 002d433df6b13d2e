package checks

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

func payloadTarget(path, body string) *input.Target {
	src := &input.Source{Path: path, Data: []byte(body)}
	return &input.Target{Path: path, Kind: input.KindPayload, Walk: func(fn func(*input.Unit) error) error {
		b := &input.Body{Raw: src.Data, Src: src, At: input.Pos{Line: 1, Col: 1}, Origin: "file"}
		b.Decode()
		return fn(&input.Unit{Src: src, Body: b})
	}}
}

func TestRunnerPanicIsToolFailure(t *testing.T) {
	boom := &Check{ID: "AD999", Name: "boom", Title: "t", Doc: "d", Fix: "f", Severity: Error, Needs: NeedBody,
		Run: func(*Pass) error { panic("index out of range") }}
	broken := &Check{ID: "AD998", Name: "broken", Title: "t", Doc: "d", Fix: "f", Severity: Error, Needs: NeedBody,
		Run: func(*Pass) error { return errors.New("cannot read the schema") }}
	r := &Runner{Checks: []*Check{boom, broken, Placeholder}, Opts: &Options{}}
	res := r.Run([]*input.Target{payloadTarget("a.json", `{"Name":"YOUR_API_KEY"}`)})
	tr := res.Targets[0]
	if tr.Status != StatusError {
		t.Errorf("status = %s, want error", tr.Status)
	}
	if len(tr.Failures) != 2 || !strings.Contains(tr.Failures[0], "AD999") || !strings.Contains(tr.Failures[0], "panic") {
		t.Errorf("failures = %q", tr.Failures)
	}
	if !res.HasFailures() {
		t.Error("HasFailures = false")
	}
	// The other checks still ran.
	if len(tr.Findings) != 1 || tr.Findings[0].Check != "AD108" {
		t.Errorf("findings = %+v", tr.Findings)
	}
}

func TestRunnerOrderIndependentOfJobs(t *testing.T) {
	var targets []*input.Target
	for i := range 200 {
		body := `{"Name": "ok"}`
		if i%3 == 0 {
			body = `{"Name": "x",}`
		}
		if i%5 == 0 {
			body = `{"Name": "{{name}}", "Name": "y"}`
		}
		targets = append(targets, payloadTarget(fmt.Sprintf("p%03d.json", i), body))
	}
	render := func(jobs int) string {
		res := (&Runner{Checks: All, Opts: &Options{}, Jobs: jobs}).Run(targets)
		var b strings.Builder
		for _, tr := range res.Targets {
			fmt.Fprintf(&b, "%s %s\n", tr.Path, tr.Status)
			for _, f := range tr.Findings {
				fmt.Fprintf(&b, "  %d:%d %s %s\n", f.Line, f.Col, f.Check, f.Message)
			}
		}
		return b.String()
	}
	one := render(1)
	for range 3 {
		if many := render(8); many != one {
			t.Fatalf("output depends on scheduling:\n%s\nvs\n%s", one, many)
		}
	}
	if !strings.Contains(one, "AD101") || !strings.Contains(one, "AD104") {
		t.Fatalf("expected findings missing:\n%s", one)
	}
}

func TestSeverityRemapAndFailOn(t *testing.T) {
	targets := []*input.Target{payloadTarget("dup.json", `{"a":1,"a":2}`)}
	tests := []struct {
		name   string
		remap  map[string]Severity
		failOn Severity
		want   Status
	}{
		{name: "warning passes at error", failOn: Error, want: StatusPass},
		{name: "warning fails at warning", failOn: Warning, want: StatusFail},
		{name: "remapped to error fails", remap: map[string]Severity{"AD104": Error}, failOn: Error, want: StatusFail},
		{name: "remapped to info passes at warning", remap: map[string]Severity{"AD104": Info}, failOn: Warning, want: StatusPass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := (&Runner{Checks: All, Opts: &Options{}, Severity: tt.remap, FailOn: tt.failOn}).Run(targets)
			if got := res.Targets[0].Status; got != tt.want {
				t.Errorf("status = %s, want %s", got, tt.want)
			}
		})
	}
}

// One target is judged without the pool (on the calling goroutine); its
// result, status and progress report are those the pool gives.
func TestRunOneTargetAsThePool(t *testing.T) {
	for _, body := range []string{`{"Name": "ok"}`, `{"Name": "x",}`, `{"Name": "{{name}}", "Name": "y"}`} {
		var calls []string
		r := &Runner{Checks: All, Opts: &Options{}, Jobs: 4, FailOn: Warning, Progress: func(done, total, findings int) {
			calls = append(calls, fmt.Sprint(done, total, findings))
		}}
		direct := r.Run([]*input.Target{payloadTarget("p.json", body)})
		directCalls := calls
		calls = nil
		ch := make(chan *input.Target, 1)
		ch <- payloadTarget("p.json", body)
		close(ch)
		pooled := r.RunStream(ch)
		if !reflect.DeepEqual(direct, pooled) {
			t.Errorf("%s: one target alone gives\n%+v\nthe pool gives\n%+v", body, direct, pooled)
		}
		if fmt.Sprint(directCalls) != fmt.Sprint(calls) {
			t.Errorf("%s: progress %v alone, %v from the pool", body, directCalls, calls)
		}
	}
}

// A batch's lines go to the workers in groups; whatever the group size
// and the number of workers, every line is judged once and the findings
// are those of judging the lines one by one (1,001 lines: not a multiple
// of any group size).
func TestBatchInGroupsAsOneByOne(t *testing.T) {
	batch := func() *input.Target {
		return &input.Target{Path: "b.ndjson", Kind: input.KindBatch, Walk: func(fn func(*input.Unit) error) error {
			for i := range 1001 {
				body := fmt.Sprintf(`{"Name": "card %d"}`, i)
				if i%7 == 0 {
					body = `{"Name": "x",}`
				}
				src := &input.Source{Path: "b.ndjson", Data: []byte(body), LineOffset: i}
				b := &input.Body{Raw: src.Data, Src: src, At: input.Pos{Line: i + 1, Col: 1}, Origin: "line"}
				if err := fn(&input.Unit{Label: fmt.Sprintf("line %d", i+1), Src: src, Body: b}); err != nil {
					return err
				}
			}
			return nil
		}}
	}
	render := func(jobs int) string {
		res := (&Runner{Checks: All, Opts: &Options{}, Jobs: jobs}).Run([]*input.Target{batch()})
		tr := res.Targets[0]
		var b strings.Builder
		fmt.Fprintf(&b, "%d units %s\n", tr.Units, tr.Status)
		for _, f := range tr.Findings {
			fmt.Fprintf(&b, "%d:%d %s\n", f.Line, f.Col, f.Check)
		}
		return b.String()
	}
	one := render(1)
	if !strings.HasPrefix(one, "1001 units fail") || strings.Count(one, "AD101") != 143 {
		t.Fatalf("one by one:\n%.300s", one)
	}
	for _, jobs := range []int{2, 3, 8} {
		if got := render(jobs); got != one {
			t.Errorf("%d workers:\n%.300s\none by one:\n%.300s", jobs, got, one)
		}
	}
}
