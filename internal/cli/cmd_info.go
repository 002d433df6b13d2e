package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// buildVersion is set with -ldflags "-X github.com/aptly-doctor/aptly-doctor/internal/cli.buildVersion=v1.2.3" by release
// builds; otherwise the module version from `go install` is used.
var buildVersion = ""

// buildInfo is the binary's build information, parsed once: a run asks
// for the version and the commit more than once, and each
// debug.ReadBuildInfo parses the whole module list again.
var buildInfo = sync.OnceValues(debug.ReadBuildInfo)

func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if bi, ok := buildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func commit() string {
	if bi, ok := buildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" && dirty {
			rev += "-dirty"
		}
		return rev
	}
	return ""
}

func versionString() string {
	s := version()
	if c := commit(); c != "" {
		s += " (" + c + ")"
	}
	return s
}

func (e *env) versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, commit and Go version",
		Action: func(_ context.Context, c *cli.Command) error {
			if c.Args().Len() > 0 {
				return usageErr("version: takes no arguments, got %q", c.Args().First())
			}
			rev := commit()
			if rev == "" {
				rev = "unknown"
			}
			fmt.Fprintf(e.stdout, "aptly-doctor %s\ncommit %s\n%s %s/%s\n", version(), rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

func (e *env) checksCommand() *cli.Command {
	return &cli.Command{
		Name:  "checks",
		Usage: "list every check: ID, name, default severity, title",
		Action: func(_ context.Context, c *cli.Command) error {
			if c.Args().Len() > 0 {
				return usageErr("checks: takes no arguments, got %q (for one check: aptly-doctor explain %s)", c.Args().First(), c.Args().First())
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tTITLE")
			for _, c := range checks.All {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Name, c.Severity, c.Title)
			}
			return tw.Flush()
		},
	}
}

func indent(s, pad string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = pad + strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

func (e *env) initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter config (aptly-doctor.yaml)",
		ArgsUsage: "[FILE]",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file"}},
		Action: func(_ context.Context, c *cli.Command) error {
			return e.initCommandAction(c.Bool("force"), c.Args().First())
		},
	}
}
