package report

import (
	"io"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// BenchmarkRender renders a result of 1,000 findings in every format.
func BenchmarkRender(b *testing.B) {
	r := big(1000)
	for _, f := range All {
		b.Run(f.Name, func(b *testing.B) {
			rd := f.New(Options{Version: "bench", Checks: checks.All})
			b.ReportAllocs()
			for b.Loop() {
				if err := rd.Render(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
