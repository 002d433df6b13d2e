// Package consumer finds, for tests, the real consumers of the machine
// formats (Microsoft's sarif-multitool, junit2json): where they are
// installed a test runs them; where they are not it skips, unless the run
// said they must be there (APTLY_DOCTOR_CONSUMERS names them, set by .ci/run
// to what it installed), so a broken install never passes as a skip.
package consumer

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Required is the environment variable that lists, space-separated, the
// consumers whose absence is a failure rather than a skip.
const Required = "APTLY_DOCTOR_CONSUMERS"

func required(name string) bool {
	return slices.Contains(strings.Fields(os.Getenv(Required)), name)
}

// Tool returns the path of the named program, or "" when it is missing and
// not required (the test goes on without it, and says so in its log).
func Tool(tb testing.TB, name, install string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if required(name) {
		tb.Fatalf("%s not on PATH but %s names it: %s", name, Required, install)
	}
	tb.Logf("%s not on PATH (%s): not run", name, install)
	return ""
}

// Heavy skips a test of the named consumer that costs minutes unless the
// run requires that consumer (as .ci/run does): on a shared machine a plain
// go test ./... stays quick.
func Heavy(tb testing.TB, name, why string) {
	tb.Helper()
	if !required(name) {
		tb.Skipf("runs only when %s names %s: %s", Required, name, why)
	}
}

// MustTool is Tool for a test that has nothing to do without the program:
// it skips.
func MustTool(tb testing.TB, name, install string) string {
	tb.Helper()
	p := Tool(tb, name, install)
	if p == "" {
		tb.Skipf("%s not on PATH: skipping", name)
	}
	return p
}

// Multitool validates SARIF files under GitHub's rules in one run of the
// tool and returns each file's complaints (errors and warnings).
func Multitool(t testing.TB, tool, dir string, paths ...string) map[string]string {
	t.Helper()
	out := filepath.Join(dir, "validation.sarif")
	cmd := exec.Command(tool, append([]string{"validate", "--rule-kind", "Ghas", "--output", out}, paths...)...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	err := cmd.Run()
	complaints := map[string]string{}
	found := false
	for _, line := range strings.Split(log.String(), "\n") {
		if !strings.Contains(line, ": error ") && !strings.Contains(line, ": warning ") {
			continue
		}
		found = true
		for _, p := range paths {
			if strings.HasPrefix(line, p+"(") {
				complaints[p] += strings.TrimSpace(line) + "\n"
			}
		}
	}
	if err != nil && !found {
		t.Fatalf("sarif-multitool: %v\n%s", err, log.String())
	}
	return complaints
}
