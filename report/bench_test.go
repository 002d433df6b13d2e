package report

import (
	"io"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

func benchRender(b *testing.B, rd Renderer) {
	r := big(1000)
	b.ReportAllocs()
	for b.Loop() {
		if err := rd.Render(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSARIF(b *testing.B)    { benchRender(b, &SARIF{Version: "bench", Checks: checks.All}) }
func BenchmarkJUnit(b *testing.B)    { benchRender(b, &JUnit{Checks: checks.All}) }
func BenchmarkGitHub(b *testing.B)   { benchRender(b, &GitHub{}) }
func BenchmarkMarkdown(b *testing.B) { benchRender(b, &Markdown{}) }
