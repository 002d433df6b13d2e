package fileutil

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// The fork compiles the two regular expressions on first use; what they
// decide is unchanged: the shell a shebang names, and which file names are
// shell scripts by their extension.
func TestLazyRegexpsDecideAsBefore(t *testing.T) {
	for in, want := range map[string]string{
		"#!/bin/sh":                 "sh",
		"#!/usr/bin/env bash\necho": "bash",
		"#! /bin/zsh -e":            "zsh",
		"#!/usr/bin/env\tmksh":      "mksh",
		"#!/bin/bats":               "bats",
		"#!/bin/dash\n":             "dash",
		"#!/bin/bash5":              "",
		"#!/usr/local/bin/bash":     "",
		"#!/usr/bin/python3":        "",
		" #!/bin/sh":                "",
		"# curl -X POST":            "",
		"":                          "",
	} {
		if got := Shebang([]byte(in)); got != want {
			t.Errorf("Shebang(%q) = %q, want %q", in, got, want)
		}
		if got := HasShebang([]byte(in)); got != (want != "") {
			t.Errorf("HasShebang(%q) = %v, want %v", in, got, want != "")
		}
	}
	fsys := fstest.MapFS{}
	want := map[string]ScriptConfidence{
		"run.sh":     ConfIsScript,
		"x.bash":     ConfIsScript,
		"t.bats":     ConfIsScript,
		"a.b.zsh":    ConfIsScript,
		"run.sh.txt": ConfNotScript,
		"notes.md":   ConfNotScript,
		".hidden.sh": ConfNotScript,
		"configure":  ConfIfShebang,
	}
	for name := range want {
		fsys[name] = &fstest.MapFile{}
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if got := CouldBeScript2(e); got != want[e.Name()] {
			t.Errorf("CouldBeScript2(%q) = %v, want %v", e.Name(), got, want[e.Name()])
		}
	}
}
