// Package startup holds the doctor's start-up budget: the work every process
// does in package initialisation before the first file is read. The test
// binary links the same packages as the doctor (through internal/cli), so its
// own GODEBUG=inittrace=1 report is the doctor's. It counts allocations,
// which do not depend on the machine's load; no time is asserted.
package startup

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	_ "github.com/aptly-doctor/aptly-doctor/internal/cli"
)

// inits runs this test binary again with inittrace on and returns each
// package's init allocations.
func inits(t *testing.T) map[string]int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("re-running the test binary: %v\n%s", err, stderr.Bytes())
	}
	out := map[string]int{}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init PKG @0.5 ms, 0.1 ms clock, 1234 bytes, 56 allocs
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[0] != "init" || f[len(f)-1] != "allocs" {
			continue
		}
		n, err := strconv.Atoi(f[len(f)-2])
		if err != nil {
			t.Fatalf("unreadable inittrace line %q", sc.Text())
		}
		out[f[1]] += n
	}
	if len(out) == 0 {
		t.Fatalf("no inittrace lines in:\n%s", stderr.Bytes())
	}
	return out
}

// The schema library once compiled five drafts' meta-schemas in its init
// (21,286 allocations, most of a start-up); the fork in third_party compiles
// them when a schema is first compiled. No package may grow such an init again.
//
// The doctor's own packages (third_party aside) build nothing at start-up:
// tables are arrays, switch statements or sorted slices the linker lays out,
// regexps are lazyre values compiled on first use. They once made 195
// allocations (34 KB) on every start; what is left is counted here exactly,
// so that a map literal or a computed table added at package level fails
// this test: make it static, or build it on first use (sync.OnceValue).
//
// The total is what all inits came to once the schema fork stopped linking
// golang.org/x/text (669 in this test binary, 704 with it), the shell parser's
// fileutil stopped compiling two regexps in its init (565, 104 more before)
// and the YAML fork laid out its resolve tables statically (523, 44 more
// before), the schema fork its drafts' subschema paths and its format,
// encoding and media type tables (365, 157 more before, and its init now
// allocates nothing at all; third_party/*/README.fork.md) and the XML reports
// stopped linking encoding/xml (359, 6 more and 18.7 KB of entity maps
// before; report/xml.go), with a little room (-race adds about 10): any of
// them coming back goes over it.
func TestInitAllocations(t *testing.T) {
	const perPackage, total = 1000, 370
	const own = "github.com/aptly-doctor/aptly-doctor/"
	// Packages whose init allocates nothing, and must go on doing so.
	zero := []string{own + "third_party/jsonschema"}
	// input/load: the source extensions of the kind registry (1);
	// report: Formats (1); internal/cli: its sync.OnceValue (2).
	const ownTotal = 4
	sum, ownSum := 0, 0
	all := inits(t)
	for _, pkg := range zero {
		if n := all[pkg]; n != 0 {
			t.Errorf("init of %s allocates %d times, want none: lay its tables out statically", pkg, n)
		}
	}
	for pkg, n := range all {
		sum += n
		if n > perPackage {
			t.Errorf("init of %s allocates %d times (budget %d): make its package-level tables and regexps lazy (sync.OnceValue)", pkg, n, perPackage)
		}
		if strings.HasPrefix(pkg, own) && !strings.HasPrefix(pkg, own+"third_party/") {
			ownSum += n
			if n > 0 {
				t.Logf("init of %s: %d allocations", pkg, n)
			}
		}
	}
	if sum > total {
		t.Errorf("package inits allocate %d times in all, budget %d", sum, total)
	}
	if ownSum > ownTotal {
		t.Errorf("the doctor's own package inits allocate %d times, budget %d (GODEBUG=inittrace=1 names the package): "+
			"write the new package-level table as an array, a switch or a sorted slice, or build it on first use", ownSum, ownTotal)
	}
	t.Logf("package inits: %d allocations, %d of them in the doctor's own packages", sum, ownSum)
}
