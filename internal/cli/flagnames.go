package cli

import "github.com/urfave/cli/v3"

// urfave/cli asks a flag for its names (Flag.Names) over and over in every
// run: each lookup by name, the help flag's setup, the duplicate-name
// check and the help categories walk every flag of the command, and
// FlagBase.Names builds a new slice on every call. On the check command's
// forty flags that was 270,000 instructions and several hundred
// allocations of a one-file check (callgrind). Each flag is wrapped, when
// its command is built, in a type that answers Names from a slice made
// once; everything else is the flag itself.

type namedString struct {
	*cli.StringFlag
	names []string
}

func (f *namedString) Names() []string { return f.names }

type namedBool struct {
	*cli.BoolFlag
	names []string
}

func (f *namedBool) Names() []string { return f.names }

type namedInt struct {
	*cli.IntFlag
	names []string
}

func (f *namedInt) Names() []string { return f.names }

type namedDuration struct {
	*cli.DurationFlag
	names []string
}

func (f *namedDuration) Names() []string { return f.names }

type namedStringSlice struct {
	*cli.StringSliceFlag
	names []string
}

func (f *namedStringSlice) Names() []string { return f.names }

// nameFlags wraps the flags of cmd and of every command under it.
func nameFlags(cmd *cli.Command) {
	for i, f := range cmd.Flags {
		switch g := f.(type) {
		case *cli.StringFlag:
			cmd.Flags[i] = &namedString{g, g.Names()}
		case *cli.BoolFlag:
			cmd.Flags[i] = &namedBool{g, g.Names()}
		case *cli.IntFlag:
			cmd.Flags[i] = &namedInt{g, g.Names()}
		case *cli.DurationFlag:
			cmd.Flags[i] = &namedDuration{g, g.Names()}
		case *cli.StringSliceFlag:
			cmd.Flags[i] = &namedStringSlice{g, g.Names()}
		}
	}
	for _, sub := range cmd.Commands {
		nameFlags(sub)
	}
}
