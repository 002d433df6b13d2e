// Package profile holds benchmarks that drive the doctor's loader and
// checks in-process on the corpora bench/run.sh generates, so a CPU profile
// can show where a run spends its time:
//
//	(cd bench && go test ./profile -run '^$' -bench Folder -benchtime 5x -cpuprofile /tmp/folder.prof)
//	go tool pprof -top /tmp/folder.prof
//
// They skip when the corpora are missing (run bench/run.sh first).
package profile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input/load"
)

// corpus returns a path under bench/out, or skips the benchmark.
func corpus(b *testing.B, rel string) string {
	b.Helper()
	p := filepath.Join("..", "out", rel)
	if _, err := os.Stat(p); err != nil {
		b.Skipf("no corpus at %s: run bench/run.sh first", p)
	}
	return p
}

func runOnce(b *testing.B, path string, opt load.Options) {
	b.Helper()
	targets, err := load.Expand([]string{path}, opt)
	if err != nil {
		b.Fatal(err)
	}
	res := (&checks.Runner{Checks: checks.All, Opts: &checks.Options{}}).Run(targets)
	for _, t := range res.Targets {
		if t.ReadErr != nil {
			b.Fatalf("%s: %v", t.Path, t.ReadErr)
		}
		if len(t.Failures) > 0 {
			b.Fatalf("%s: %s", t.Path, t.Failures[0])
		}
	}
}

func BenchmarkFolder(b *testing.B) {
	dir := corpus(b, "payloads")
	for b.Loop() {
		runOnce(b, dir, load.Options{})
	}
}

func BenchmarkCurls(b *testing.B) {
	dir := corpus(b, "curls")
	for b.Loop() {
		runOnce(b, dir, load.Options{})
	}
}

func BenchmarkBatch(b *testing.B) {
	p := corpus(b, filepath.Join("batch", "cards.ndjson"))
	info, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	for b.Loop() {
		runOnce(b, p, load.Options{})
	}
}

func BenchmarkHAR(b *testing.B) {
	p := corpus(b, filepath.Join("har", "session.har"))
	info, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	for b.Loop() {
		runOnce(b, p, load.Options{MaxSize: 128 << 20})
	}
}

func BenchmarkSources(b *testing.B) {
	dir := corpus(b, "_sources")
	for b.Loop() {
		runOnce(b, dir, load.Options{})
	}
}

func BenchmarkRepo(b *testing.B) {
	dir := corpus(b, "_repo")
	for b.Loop() {
		runOnce(b, dir, load.Options{})
	}
}
