// Package cli is the aptly-doctor command line: the urfave/cli command tree
// (one file per command), the check pipeline and the exit codes. main.go only
// hands it the process: arguments, standard streams and the environment.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
	"github.com/aptly-doctor/aptly-doctor/internal/termtext"
)

// Exit codes, as DESIGN.md fixes them: a machine format never changes them.
const (
	// ExitOK: nothing at or above --fail-on.
	ExitOK = 0
	// ExitFindings: findings at or above --fail-on.
	ExitFindings = 1
	// ExitUsage: input the tool cannot get at or must refuse (unknown flag,
	// missing file, unreadable config).
	ExitUsage = 2
	// ExitFailure: the tool could not do its job (a check crashed, Aptly
	// could not be reached by any probe).
	ExitFailure = 3
)

// exitError carries an exit code and the one line to print on stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, args...)}
}

// env is the process environment as the CLI sees it; tests hand in their own.
type env struct {
	args           []string // the command line as given, for error messages
	stdin          io.Reader
	stdout, stderr io.Writer
	lookup         func(string) (string, bool)
	// notes are facts about the run itself for the report (a JSON file
	// that config discovery passed over).
	notes []string
}

// isTerminal reports whether w is a terminal, for --color auto and progress.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Main is the whole CLI: it returns the exit code instead of exiting, so tests
// drive the real thing in-process.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	e := &env{args: args, stdin: stdin, stdout: stdout, stderr: stderr, lookup: lookup}
	cmd, runArgs := e.command(args)
	err := cmd.Run(context.Background(), runArgs)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stderr, "aptly-doctor: %s\n", safeLine(ee.msg))
		}
		return ee.code
	}
	// Anything urfave/cli itself refused (unknown flag, bad value) is usage.
	fmt.Fprintf(stderr, "aptly-doctor: %s\n", safeLine(oneLine(err.Error())))
	return ExitUsage
}

// safeLine escapes control characters, so a path or value the user gave
// cannot send escape codes to the terminal through an error line.
func safeLine(s string) string { return termtext.Escape(s) }

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// command returns the command to run and the arguments it reads. A command
// line that names a command without subcommands and asks for neither help
// nor shell completion runs that command as the root of a tree of its own:
// urfave/cli sets up the root too on every run (its help command and flag,
// the version flag, the completion command, their categories), which was
// 75 us of a 2 ms start. Help and completion go through root, which
// prints them (with the named command alone under it); the command's name
// and every message it words are the same either way.
func (e *env) command(args []string) (*cli.Command, []string) {
	if len(args) < 2 || slices.ContainsFunc(args[2:], asksHelpOrCompletion) {
		return e.root(args), args
	}
	for _, c := range e.commands() {
		if args[1] != c.name {
			continue
		}
		cmd := c.build()
		if len(cmd.Commands) > 0 {
			break
		}
		cmd.Name = "aptly-doctor " + cmd.Name
		cmd.Writer, cmd.ErrWriter, cmd.Reader = e.stdout, e.stderr, e.stdin
		cmd.DisableSliceFlagSeparator = true
		cmd.ExitErrHandler = func(context.Context, *cli.Command, error) {}
		cmd.OnUsageError = e.onUsageError
		nameFlags(cmd)
		return cmd, args[1:]
	}
	return e.root(args), args
}

// asksHelpOrCompletion reports the arguments the root answers: help in any
// spelling urfave/cli reads, and the flag shells add to ask for completions.
func asksHelpOrCompletion(a string) bool {
	switch a {
	case "help", "h", "--help", "-help", "-h", "--h", "--generate-shell-completion":
		return true
	}
	return strings.HasPrefix(a, "--help=") || strings.HasPrefix(a, "-h=")
}

// commands is the command tree's first level, in the order help lists it.
func (e *env) commands() []struct {
	name  string
	build func() *cli.Command
} {
	return []struct {
		name  string
		build func() *cli.Command
	}{
		{"check", e.checkCommand},
		{"explain", e.explainCommand},
		{"checks", e.checksCommand},
		{"init", e.initCommand},
		{"boards", e.boardsCommand},
		{"redact", e.redactCommand},
		{"serve", e.serveCommand},
		{"version", e.versionCommand},
	}
}

// root builds the command tree for args. When args name a command, only
// that command is built: urfave/cli sets up every command it is given
// (help flags, categories, duplicate-name checks) on every run, which was a
// tenth of a one-file check's start. Help, completion and an unknown
// command get the whole tree.
func (e *env) root(args []string) *cli.Command {
	var cmds []*cli.Command
	for _, c := range e.commands() {
		if len(args) > 1 && args[1] == c.name {
			cmds = []*cli.Command{c.build()}
			break
		}
	}
	if cmds == nil {
		for _, c := range e.commands() {
			cmds = append(cmds, c.build())
		}
	}
	root := &cli.Command{
		Name:                            "aptly-doctor",
		Usage:                           "find what Aptly will reject before you send it, and how to fix it",
		Writer:                          e.stdout,
		ErrWriter:                       e.stderr,
		Reader:                          e.stdin,
		Version:                         versionString(),
		EnableShellCompletion:           true,
		ConfigureShellCompletionCommand: e.configureCompletion,
		DisableSliceFlagSeparator:       true,
		ExitErrHandler:                  func(context.Context, *cli.Command, error) {},
		Commands:                        cmds,
		Action: func(_ context.Context, c *cli.Command) error {
			if c.Args().Len() > 0 {
				name := c.Args().First()
				var names []string
				for _, sub := range c.Commands {
					if !sub.Hidden {
						names = append(names, sub.Name)
					}
				}
				if best, ok := didyoumean.Closest(name, names); ok {
					return usageErr("unknown command %q: did you mean %q? (see aptly-doctor --help)", name, best)
				}
				return usageErr("unknown command %q (see aptly-doctor --help)", name)
			}
			return cli.ShowAppHelp(c)
		},
	}
	nameFlags(root)
	// Every command words a bad command line the same way.
	_ = root.Walk(func(c *cli.Command) error {
		c.OnUsageError = e.onUsageError
		return nil
	})
	return root
}
