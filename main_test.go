package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"aptly-doctor": func() {
			os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr, os.LookupEnv))
		},
	})
}

// TestScripts drives the real CLI through the scripts in testdata/script:
// exit codes, streams, stdin, folders, formats and flags as users meet them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "")
			return nil
		},
	})
}
