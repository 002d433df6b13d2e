package checks

import (
	"strconv"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// Results keep the order targets arrived in across the chunks RunStream
// stores them in (more than one chunk here, the last one partial).
func TestRunStreamKeepsOrderAcrossChunks(t *testing.T) {
	for _, n := range []int{0, 1, 1024, 2500} {
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
