package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

func (e *env) explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "explain a check ID (AD201), a status code (401) or an error body ('{\"error\":\"Not found\"}')",
		ArgsUsage: "ARG",
		ShellComplete: func(_ context.Context, c *cli.Command) {
			for _, t := range explainTopics() {
				fmt.Fprintln(c.Root().Writer, t)
			}
		},
		Action: func(_ context.Context, c *cli.Command) error {
			arg := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
			if arg == "" {
				return usageErr("explain: give a check ID (AD201), a status code (401) or an error body")
			}
			if arg == "-" {
				data, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
				if err != nil {
					return usageErr("explain: read stdin: %v", err)
				}
				arg = strings.TrimSpace(string(data))
			}
			return e.explain(arg)
		},
	}
}

func (e *env) explain(arg string) error {
	w := e.stdout
	if ch, ok := checks.ByID(strings.ToUpper(arg)); ok {
		explainCheck(w, ch)
		return nil
	}
	for _, ch := range checks.All {
		if strings.EqualFold(ch.Name, arg) {
			explainCheck(w, ch)
			return nil
		}
	}
	if code, err := strconv.Atoi(arg); err == nil {
		return explainStatus(w, code)
	}
	if eb, ok := aptly.RecognizeErrorBody([]byte(arg)); ok {
		explainBody(w, eb)
		return nil
	}
	if len(arg) >= 5 && strings.HasPrefix(strings.ToUpper(arg), "AD") {
		return usageErr("explain: no check %q (see 'aptly-doctor checks')", arg)
	}
	return usageErr("explain: %q is not a check ID, a status code or an error body Aptly sends", prose.Clip(arg, 61))
}

func explainCheck(w io.Writer, c *checks.Check) {
	fmt.Fprintf(w, "%s %s (default severity: %s)\n%s\n\n%s\n\nfix: %s\n", c.ID, c.Name, c.Severity, c.Title, indent(c.Doc, "  "), c.Fix)
}

func explainStatus(w io.Writer, code int) error {
	legacy, okL := aptly.StatusInfo(code, aptly.Legacy)
	core, okC := aptly.StatusInfo(code, aptly.Core)
	if !okL && !okC {
		return usageErr("explain: %d is not a status the Aptly API is known to send", code)
	}
	if !okL {
		legacy = core
	}
	fmt.Fprintf(w, "%d %s\n%s\n", legacy.Code, legacy.Title, wrapText(legacy.Meaning, "  "))
	printCauses(w, legacy.Causes)
	if okC && okL && core.Meaning != legacy.Meaning {
		fmt.Fprintf(w, "\nOn the core API (core-api.getaptly.com, company keys):\n%s\n", wrapText(core.Meaning, "  "))
		printCauses(w, core.Causes)
	}
	return nil
}

func explainBody(w io.Writer, eb aptly.ErrorBody) {
	head := eb.Text
	if eb.Status != 0 {
		head = fmt.Sprintf("%d %s", eb.Status, eb.Text)
	}
	fmt.Fprintf(w, "%s (%s)\n", head, eb.Kind)
	causes := eb.Causes
	if eb.Generation == aptly.Unknown && eb.Status != 0 {
		// The body alone does not say which API answered: add the other
		// generation's causes for the same status.
		if st, ok := aptly.StatusInfo(eb.Status, aptly.Unknown); ok {
			for _, c := range st.Causes {
				if !slices.ContainsFunc(causes, func(x aptly.Cause) bool { return x.Text == c.Text }) {
					causes = append(causes, c)
				}
			}
		}
	}
	printCauses(w, causes)
}

func printCauses(w io.Writer, causes []aptly.Cause) {
	if len(causes) == 0 {
		return
	}
	if len(causes) == 1 {
		fmt.Fprintf(w, "\nLikely cause:\n")
	} else {
		fmt.Fprintf(w, "\n%d possible causes:\n", len(causes))
	}
	for i, c := range causes {
		fmt.Fprintf(w, "  %d. %s\n     fix: %s\n", i+1, c.Text, c.Fix)
	}
}

func wrapText(s, pad string) string {
	return indent(s, pad)
}
