package checks

import (
	"strconv"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// Results keep the order targets arrived in across the chunks RunStream
// stores them in: chunks that double from 8 to 1,024 (8+16+...+1,024 is
// 2,040), full, partial and past the last doubling.
func TestRunStreamKeepsOrderAcrossChunks(t *testing.T) {
	for _, n := range []int{0, 1, 8, 9, 1024, 2040, 2041, 5000} {
		src := make(chan *input.Target)
		go func() {
			for i := range n {
				src <- &input.Target{Path: strconv.Itoa(i), Kind: input.KindPayload, Walk: func(func(*input.Unit) error) error { return nil }}
			}
			close(src)
		}()
		res := (&Runner{Checks: All, Jobs: 4}).RunStream(src)
		if len(res.Targets) != n {
			t.Fatalf("%d targets in, %d results out", n, len(res.Targets))
		}
		for i, tr := range res.Targets {
			if tr.Path != strconv.Itoa(i) {
				t.Fatalf("n=%d: result %d is for %q", n, i, tr.Path)
			}
		}
	}
}
