package serve

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// BenchmarkHandler is the double's own cost per request, without the
// network: what the checks and the answer take.
func BenchmarkHandler(b *testing.B) {
	s, err := New(Options{Runner: &checks.Runner{Checks: checks.All, Opts: &checks.Options{}}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		r := httptest.NewRequest("POST", "http://127.0.0.1:8427/api/aptlet/"+leadsID, strings.NewReader(benchBody))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("x-token", leadsKey)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
