package cli

import (
	"time"

	"github.com/urfave/cli/v3"
)

// flagIndex reads a command's parsed flags by name from a list built once.
// urfave/cli's own getters walk every flag of the command and its parents
// and allocate each flag's list of names on every call; the check pipeline
// reads about forty flags, and those walks were a fifth of the command
// path of a one-file check (perf record over 400 starts).
type flagIndex struct {
	cmd   *cli.Command
	names []flagName
}

type flagName struct {
	name string
	flag cli.Flag
}

func indexFlags(cmd *cli.Command) flagIndex {
	x := flagIndex{cmd: cmd, names: make([]flagName, 0, 64)}
	// The command's own flags first, so one of its names shadows an
	// ancestor's, as urfave/cli's lookup does.
	for _, c := range cmd.Lineage() {
		for _, f := range c.Flags {
			for _, n := range f.Names() { // made once: see nameFlags
				x.names = append(x.names, flagName{n, f})
			}
		}
	}
	return x
}

// value is the flag's parsed value; a name no flag has is a programming
// error that urfave/cli would also answer with the zero value.
func (x flagIndex) value(name string) any {
	for _, n := range x.names {
		if n.name == name {
			return n.flag.Get()
		}
	}
	return x.cmd.Value(name)
}

func (x flagIndex) String(name string) string {
	v, _ := x.value(name).(string)
	return v
}

func (x flagIndex) Bool(name string) bool {
	v, _ := x.value(name).(bool)
	return v
}

func (x flagIndex) Int(name string) int {
	v, _ := x.value(name).(int)
	return v
}

func (x flagIndex) Duration(name string) time.Duration {
	v, _ := x.value(name).(time.Duration)
	return v
}

func (x flagIndex) StringSlice(name string) []string {
	v, _ := x.value(name).([]string)
	return v
}

func (x flagIndex) Args() cli.Args { return x.cmd.Args() }
