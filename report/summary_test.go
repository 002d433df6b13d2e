package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

func TestStepSummary(t *testing.T) {
	tests := []struct {
		name   string
		result *checks.Result
		first  int
		want   []string
		not    []string
	}{
		{name: "fixture", result: fixture(), want: []string{
			"### ✗ aptly-doctor",
			"3 targets checked: 1 passed, 1 failed, 1 could not be checked",
			"| AD101 json-syntax | error | 1 | payloads/bad card.json:3:14 |",
			"| AD103 payload-schema | warning | 1 |",
			"- payloads/bad card.json:3:14 error AD101: a comma before",
		}, not: []string{"a comment is not JSON", "no Content-Type header", "\x1b"}},
		{name: "clean", result: &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{Path: "a.json"}}},
			want: []string{"### ✓ aptly-doctor", "1 target checked: 1 passed"}, not: []string{"| check |"}},
		{name: "long runs are cut", result: big(300), first: 5, want: []string{"... and 265 more in the full report"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.result.Settle()
			var buf bytes.Buffer
			if err := (&StepSummary{First: tt.first}).Render(&buf, tt.result); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("summary lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("summary holds %q:\n%s", n, out)
				}
			}
			if tt.first > 0 && strings.Count(out, "\n- ") != tt.first {
				t.Errorf("%d findings listed, want %d", strings.Count(out, "\n- "), tt.first)
			}
		})
	}
}
