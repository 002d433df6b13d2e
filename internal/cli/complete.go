package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/report"
)

// bashCompletion is the bash script `completion bash` prints. It needs
// nothing but bash itself (not the bash-completion package the generated
// script of urfave/cli leans on): it asks the program for the words that fit
// after what was typed, one "word:description" a line, and falls back on
// file names.
const bashCompletion = `# bash completion for aptly-doctor (needs no bash-completion package):
#   source <(aptly-doctor completion bash)
_aptly_doctor_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}" line words=()
  local -a before=("${COMP_WORDS[@]:0:COMP_CWORD}")
  local ask=("${before[@]}")
  [[ "$cur" == -* ]] && ask+=("$cur")
  while IFS= read -r line; do
    [[ -n "$line" ]] && words+=("${line%%:*}")
  done < <("${ask[@]}" --generate-shell-completion 2>/dev/null)
  COMPREPLY=()
  local w
  for w in "${words[@]}"; do
    [[ "$w" == "$cur"* ]] && COMPREPLY+=("$w")
  done
}
complete -o bashdefault -o default -F _aptly_doctor_complete aptly-doctor
`

// configureCompletion shows the completion command in --help and gives it
// the bash script above.
func (e *env) configureCompletion(c *cli.Command) {
	c.Hidden = false
	c.Usage = "print a shell completion script: bash, zsh or fish (source <(aptly-doctor completion bash))"
	for _, sub := range c.Commands {
		if sub.Name == "bash" {
			sub.Action = func(context.Context, *cli.Command) error {
				_, err := fmt.Fprint(e.stdout, bashCompletion)
				return err
			}
		}
	}
}

// completeValues answers a completion request whose last word is a flag
// that takes one of a known set of values, and reports whether it did.
func (e *env) completeValues(c *cli.Command, values map[string][]string) bool {
	last := ""
	if n := len(e.args); n >= 2 && e.args[n-1] == "--generate-shell-completion" {
		last = e.args[n-2]
	}
	vals, ok := values[last]
	if !ok {
		return false
	}
	for _, v := range vals {
		fmt.Fprintln(c.Root().Writer, v)
	}
	return true
}

// checkValues are the values completed after check's flags.
func checkValues() map[string][]string {
	ids := make([]string, 0, len(checks.All))
	for _, c := range checks.All {
		ids = append(ids, c.ID+":"+c.Name)
	}
	formats := make([]string, 0, len(report.All))
	for _, f := range report.All {
		formats = append(formats, f.Name+":"+f.Usage)
	}
	return map[string][]string{
		"--format": formats, "-f": formats,
		"--color":   {"auto", "always", "never"},
		"--fail-on": {"error", "warning", "info"},
		"--enable":  ids, "--disable": ids,
	}
}

// explainTopics are the words explain knows: check IDs and the statuses
// Aptly sends.
func explainTopics() []string {
	var topics []string
	for _, c := range checks.All {
		topics = append(topics, c.ID+":"+c.Title)
	}
	// A run of codes that mean the same (every 5xx) is offered by its first.
	prev := ""
	for code := 100; code < 600; code++ {
		s, ok := aptly.StatusInfo(code, aptly.Unknown)
		if !ok || s.Title+s.Meaning == prev {
			continue
		}
		prev = s.Title + s.Meaning
		topics = append(topics, fmt.Sprintf("%d:%s", code, strings.ReplaceAll(s.Title, ":", " ")))
	}
	return topics
}
