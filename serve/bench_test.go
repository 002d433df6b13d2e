package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// The benchmarks send a small card write over loopback TCP with a
// keep-alive client, to the double and to a bare handler that only
// answers {"_id": …}: the difference is what the double adds. Run with
//
//	go test -run '^$' -bench Serve -benchtime 5s ./serve
//
// req/s is the throughput with as many clients as GOMAXPROCS; p50-µs the
// median latency of one client sending one request at a time.

const benchBody = `{"Name":"Ann Lee","Status":"New","Email":"ann@example.com","Move-in Date":"2026-09-01"}`

func benchServer(b *testing.B, double bool) string {
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = io.WriteString(w, `{"_id":"JShpBxEFgRmZnivTf"}`)
	})
	if double {
		s, err := New(Options{Runner: &checks.Runner{Checks: checks.All, Opts: &checks.Options{}}})
		if err != nil {
			b.Fatal(err)
		}
		h = s
	}
	ts := httptest.NewServer(h)
	b.Cleanup(ts.Close)
	return ts.URL + "/api/aptlet/" + leadsID
}

func benchClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: t}
}

func postOnce(b *testing.B, c *http.Client, url string) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(benchBody))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-token", leadsKey)
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("status %d", resp.StatusCode)
	}
}

func BenchmarkServe(b *testing.B) {
	for _, tc := range []struct {
		name   string
		double bool
	}{{"bare", false}, {"double", true}} {
		b.Run(tc.name+"/throughput", func(b *testing.B) {
			url, c := benchServer(b, tc.double), benchClient()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					postOnce(b, c, url)
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
		b.Run(tc.name+"/latency", func(b *testing.B) {
			url, c := benchServer(b, tc.double), benchClient()
			postOnce(b, c, url) // open the connection
			took := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				postOnce(b, c, url)
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
		})
	}
}
