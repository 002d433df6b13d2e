package cli

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"aptly-doctor": func() {
			os.Exit(Main(os.Args, os.Stdin, os.Stdout, os.Stderr, os.LookupEnv))
		},
	})
}

var updateScripts = flag.Bool("update-scripts", false, "rewrite the cmp files inside testdata/script/*.txtar")

// TestScripts drives the real CLI through the scripts in testdata/script:
// exit codes, streams, stdin, folders, formats and flags as users meet them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *updateScripts,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "")
			return nil
		},
	})
}
