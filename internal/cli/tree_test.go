package cli

import (
	"bytes"
	"testing"
)

// TestOwnTreeClean runs `check .` on this repository, as the Action's
// default `paths: .` would: a stray file at the root (an invalid hl.json)
// or a schema taken for a payload would fail every user who dogfoods it.
// Fixtures under testdata/ are passed over by the walk, as the go tool does.
func TestOwnTreeClean(t *testing.T) {
	t.Chdir("../..")
	var out, errb bytes.Buffer
	code := Main([]string{"aptly-doctor", "check", "--quiet", "."}, nil, &out, &errb, noEnv)
	// Its Go files are source code: read, checked and clean (a tree of
	// source files is never "nothing to check").
	if code != ExitOK || out.Len() > 0 {
		t.Errorf("check . on the repository: exit %d\n%s%s", code, out.String(), errb.String())
	}
}
