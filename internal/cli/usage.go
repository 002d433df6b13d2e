package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
)

// onUsageError turns what urfave/cli says about a bad command line into the
// project's one line, as actionlint and golangci-lint word theirs: the flag
// as it was typed, the closest flag there is, and where the list is.
func (e *env) onUsageError(_ context.Context, c *cli.Command, err error, _ bool) error {
	return usageErr("%s", e.usageProblem(c, oneLine(err.Error())))
}

var (
	notDefined   = lazyre.New(`^flag provided but not defined: -+(.+)$`)
	needsValue   = lazyre.New(`^flag needs an argument: -+(.+)$`)
	invalidValue = lazyre.New(`^invalid value "(.*)" for flag -+([^:]+): (.*)$`)
)

func (e *env) usageProblem(c *cli.Command, msg string) string {
	help := fmt.Sprintf("(see %s --help)", c.FullName())
	if m := notDefined.Get().FindStringSubmatch(msg); m != nil {
		typed := e.typedFlag(m[1])
		if best, ok := didyoumean.Closest(strings.TrimLeft(typed, "-"), longFlagNames(c)); ok {
			return fmt.Sprintf("unknown flag %s: did you mean --%s? %s", typed, best, help)
		}
		return fmt.Sprintf("unknown flag %s %s", typed, help)
	}
	if m := needsValue.Get().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s needs a value %s", e.typedFlag(m[1]), help)
	}
	if m := invalidValue.Get().FindStringSubmatch(msg); m != nil {
		val, flag, why := m[1], e.typedFlag(m[2]), m[3]
		if strings.Contains(why, "missing unit in duration") {
			return fmt.Sprintf("%s %q: add a unit, as in %ss or %sm", flag, val, val, val)
		}
		if strings.HasPrefix(why, "time: ") {
			return fmt.Sprintf("%s %q: want a duration such as 10s, 1m or 1m30s", flag, val)
		}
		if strings.HasSuffix(why, "invalid syntax") {
			return fmt.Sprintf("%s %q: want a number", flag, val)
		}
		return fmt.Sprintf("%s %q: %s", flag, val, why)
	}
	return msg
}

// typedFlag finds the flag as the user wrote it ("--formt", "-formt"),
// without any "=value"; urfave/cli reports it with one dash.
func (e *env) typedFlag(name string) string {
	for _, a := range e.args {
		if a == "--" {
			break
		}
		bare, _, _ := strings.Cut(a, "=")
		if strings.HasPrefix(bare, "-") && strings.TrimLeft(bare, "-") == name {
			return bare
		}
	}
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// longFlagNames lists the names of a command's flags longer than a letter.
func longFlagNames(c *cli.Command) []string {
	var names []string
	for _, f := range c.Flags {
		for _, n := range f.Names() {
			if len(n) > 1 {
				names = append(names, n)
			}
		}
	}
	return names
}
