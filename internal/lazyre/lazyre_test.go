package lazyre

import (
	"sync"
	"testing"
)

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	re := New(`^a(\d+)$`)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = re.Get() })
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatal("concurrent first uses compiled more than one regexp")
		}
	}
	if m := re.Get().FindStringSubmatch("a42"); len(m) != 2 || m[1] != "42" {
		t.Errorf("match = %q", m)
	}
}

func TestNewPanicsOnFirstUseOfABadExpression(t *testing.T) {
	re := New(`(`) // no panic yet: nothing is compiled at declaration
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on first use")
		}
	}()
	re.Get()
}

// TestGetAllocatesNothingOnceCompiled: Get sits in per-value loops (AD106
// reads every field value through one), so after the first call it must
// cost no allocation.
func TestGetAllocatesNothingOnceCompiled(t *testing.T) {
	re := New(`^\d+$`)
	re.Get()
	if n := testing.AllocsPerRun(100, func() { re.Get() }); n != 0 {
		t.Errorf("Get allocates %v times per call", n)
	}
}
