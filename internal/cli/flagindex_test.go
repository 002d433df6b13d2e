package cli

import (
	"context"
	"io"
	"reflect"
	"testing"

	"github.com/urfave/cli/v3"
)

// TestFlagIndexAgrees parses a command line that sets flags of every kind,
// short aliases among them, and checks that the index reads every flag of
// check and serve as urfave/cli's own getters do, defaults included.
func TestFlagIndexAgrees(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard}
	cases := []struct {
		cmd  *cli.Command
		args []string
	}{
		{e.checkCommand(), []string{"check", "-e", "prod", "--env", "staging", "-H", "x-token: a", "-H", "B: c", "-X", "put", "--timeout", "3s", "-j", "3", "--quiet", "--format", "json", "-o", "sarif=out.sarif", "--fail-on", "warning", "x.json"}},
		{e.checkCommand(), []string{"check"}},
		{e.serveCommand(), []string{"serve", "--quiet", "--env", "prod"}},
	}
	for _, tc := range cases {
		var ran bool
		tc.cmd.Action = func(_ context.Context, c *cli.Command) error {
			ran = true
			x := indexFlags(c)
			for _, f := range c.Flags {
				name := f.Names()[0]
				var got, want any
				switch f.(type) {
				case *cli.StringFlag:
					got, want = x.String(name), c.String(name)
				case *cli.BoolFlag:
					got, want = x.Bool(name), c.Bool(name)
				case *cli.IntFlag:
					got, want = x.Int(name), c.Int(name)
				case *cli.DurationFlag:
					got, want = x.Duration(name), c.Duration(name)
				case *cli.StringSliceFlag:
					got, want = x.StringSlice(name), c.StringSlice(name)
				default:
					t.Errorf("%s --%s: a flag type the index does not read (%T)", tc.args[0], name, f)
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s --%s: index %#v, urfave/cli %#v", tc.args[0], name, got, want)
				}
				for _, alias := range f.Names()[1:] {
					if !reflect.DeepEqual(x.value(alias), x.value(name)) {
						t.Errorf("%s -%s reads differently from --%s", tc.args[0], alias, name)
					}
				}
			}
			if got := x.StringSlice("env"); len(got) != 2 && tc.args[0] == "check" && len(tc.args) > 1 {
				t.Errorf("--env twice read as %q", got)
			}
			return nil
		}
		if err := tc.cmd.Run(context.Background(), tc.args); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if !ran {
			t.Fatalf("%v: action did not run", tc.args)
		}
	}
}

// TestRootBuildsNamedCommand: the table root reads names each command as
// the command names itself, and a command line that names one builds that
// one alone, while help and unknown commands see the whole tree.
func TestRootBuildsNamedCommand(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard}
	all := e.commands()
	for _, c := range all {
		if got := c.build().Name; got != c.name {
			t.Errorf("commands() lists %q, the command calls itself %q", c.name, got)
		}
		root := e.root([]string{"aptly-doctor", c.name, "--help"})
		if len(root.Commands) != 1 || root.Commands[0].Name != c.name {
			t.Errorf("root for %q built %d commands", c.name, len(root.Commands))
		}
	}
	for _, args := range [][]string{{"aptly-doctor"}, {"aptly-doctor", "--help"}, {"aptly-doctor", "help", "check"}, {"aptly-doctor", "chekc"}} {
		if got := len(e.root(args).Commands); got != len(all) {
			t.Errorf("%q built %d of %d commands", args, got, len(all))
		}
	}
}

// TestFlagsNamedOnce: every flag of every command is wrapped so urfave/cli
// reads its names from a slice made once (a flag type nameFlags does not
// know would be missed silently), with the names the flag itself gives.
func TestFlagsNamedOnce(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard}
	root := e.root([]string{"aptly-doctor"})
	_ = root.Walk(func(c *cli.Command) error {
		for _, f := range c.Flags {
			var inner cli.Flag
			switch g := f.(type) {
			case *namedString:
				inner = g.StringFlag
			case *namedBool:
				inner = g.BoolFlag
			case *namedInt:
				inner = g.IntFlag
			case *namedDuration:
				inner = g.DurationFlag
			case *namedStringSlice:
				inner = g.StringSliceFlag
			default:
				t.Errorf("%s --%s: %T is not wrapped by nameFlags", c.Name, f.Names()[0], f)
				continue
			}
			if !reflect.DeepEqual(f.Names(), inner.Names()) {
				t.Errorf("%s: names %q, the flag says %q", c.Name, f.Names(), inner.Names())
			}
		}
		return nil
	})
}

// TestCommandRunsNamedLeafAlone: a command line that names a command with
// no subcommands runs it as a root of its own, under the name help and
// messages give it ("aptly-doctor check"), with the arguments after the
// program's name; help, completion, a command with subcommands and an
// unknown command go through root (named "aptly-doctor") with every
// argument.
func TestCommandRunsNamedLeafAlone(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard}
	for _, args := range [][]string{
		{"aptly-doctor", "check", "a.json", "--format", "json"},
		{"aptly-doctor", "serve", "--quiet"},
		{"aptly-doctor", "explain", "AD101"},
		{"aptly-doctor", "version"},
	} {
		cmd, run := e.command(args)
		if cmd.Name != "aptly-doctor "+args[1] || len(run) != len(args)-1 || run[0] != args[1] {
			t.Errorf("%q: runs %q with %q", args, cmd.Name, run)
		}
		if cmd.ExitErrHandler == nil || cmd.OnUsageError == nil {
			t.Errorf("%q: the command would exit or word usage errors its own way", args)
		}
	}
	for _, args := range [][]string{
		{"aptly-doctor"},
		{"aptly-doctor", "check", "--help"},
		{"aptly-doctor", "check", "-h"},
		{"aptly-doctor", "check", "help"},
		{"aptly-doctor", "check", "--fo", "--generate-shell-completion"},
		{"aptly-doctor", "boards", "pull"},
		{"aptly-doctor", "chekc"},
		{"aptly-doctor", "--version"},
	} {
		cmd, run := e.command(args)
		if cmd.Name != "aptly-doctor" || len(run) != len(args) {
			t.Errorf("%q: runs %q with %q, want the whole tree", args, cmd.Name, run)
		}
	}
}
