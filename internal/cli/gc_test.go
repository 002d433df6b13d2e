package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: a run over payloads collects at GOGC=800 with no memory
// limit, a named batch at 300, a named HAR with Go's defaults, and GOGC or
// GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	env := func(kv map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := kv[k]; return v, ok }
	}
	for _, tc := range []struct {
		paths   []string
		env     map[string]string
		tuned   bool
		percent int
		limit   int64
	}{
		{[]string{"cards/", "a.json"}, nil, true, 800, math.MaxInt64},
		{[]string{"cards/", "export.NDJSON"}, nil, true, 300, math.MaxInt64},
		{[]string{"cards/", "session.har"}, nil, false, 100, math.MaxInt64},
		{[]string{"cards/"}, map[string]string{"GOGC": "50"}, false, 100, math.MaxInt64},
		{[]string{"cards/"}, map[string]string{"GOMEMLIMIT": "1GiB"}, true, 800, math.MaxInt64},
	} {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		if got := tuneGC(tc.paths, env(tc.env)); got != tc.tuned {
			t.Errorf("%v %v: tuned %v, want %v", tc.paths, tc.env, got, tc.tuned)
		}
		if got := debug.SetGCPercent(100); got != tc.percent {
			t.Errorf("%v %v: GOGC %d, want %d", tc.paths, tc.env, got, tc.percent)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.limit {
			t.Errorf("%v %v: memory limit %d, want %d", tc.paths, tc.env, got, tc.limit)
		}
	}
}
