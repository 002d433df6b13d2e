// The benchmark tools are a module of their own, so installing the doctor
// from its root (go install ./..., as pre-commit's golang hooks do) builds
// aptly-doctor alone and not gen, floor and report.
module github.com/aptly-doctor/aptly-doctor/bench

go 1.26.0

require github.com/aptly-doctor/aptly-doctor v0.0.0

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	github.com/bmatcuk/doublestar/v4 v4.10.4 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	github.com/urfave/cli/v3 v3.14.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
)

replace github.com/aptly-doctor/aptly-doctor => ../
