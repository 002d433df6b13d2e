package source

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkMentions scans the bench corpus of code that never mentions
// Aptly (bench/out/_sources, written by bench/gen); it skips without it.
func BenchmarkMentions(b *testing.B) {
	var files [][]byte
	filepath.WalkDir(filepath.Join("..", "..", "bench", "out", "_sources"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && len(files) < 2000 {
			data, _ := os.ReadFile(p)
			files = append(files, data)
		}
		return nil
	})
	if len(files) == 0 {
		b.Skip("no corpus: run bench/run.sh or bench/gen first")
	}
	n := 0
	for _, f := range files {
		n += len(f)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, f := range files {
			if Mentions(f) {
				b.Fatal("the corpus mentions Aptly")
			}
		}
	}
}
