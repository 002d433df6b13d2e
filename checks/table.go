package checks

import (
	"fmt"
	"strings"
)

// MarkdownTable renders the registry as the README's check table.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| ID | name | default | finds |\n|---|---|---|---|\n")
	for _, c := range All {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.ID, c.Name, c.Severity, strings.ReplaceAll(c.Title, "|", `\|`))
	}
	return b.String()
}
