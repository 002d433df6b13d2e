package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// StepSummary renders the short Markdown a CI job page shows (GitHub's
// GITHUB_STEP_SUMMARY): the verdict and counts, a row per check that
// found something, and the first few findings. The full report stays in
// the formats the run was asked for; this is what a reader sees first.
type StepSummary struct {
	// First is how many findings are listed one by one (default 10).
	First int
}

// Render writes the summary. Findings set aside by the baseline or fixed
// are counted in the verdict line only.
func (s *StepSummary) Render(w io.Writer, r *checks.Result) error {
	first := s.First
	if first <= 0 {
		first = 10
	}
	ew := &errWriter{w: w}
	mark := "✓"
	if r.Failed() || r.Summary().Errored > 0 {
		mark = "✗"
	}
	ew.printf("### %s %s\n\n%s\n", mark, toolName, mdText(summaryLine(r)))
	type row struct {
		check, name string
		sev         checks.Severity
		n           int
		at          string
	}
	rows := map[string]*row{}
	var open []*checks.Finding
	for i := range r.Targets {
		for j := range r.Targets[i].Findings {
			f := &r.Targets[i].Findings[j]
			if f.Fixed || f.Baseline {
				continue
			}
			open = append(open, f)
			if rw, ok := rows[f.Check]; ok {
				rw.n++
				rw.sev = max(rw.sev, f.Severity)
				continue
			}
			rows[f.Check] = &row{check: f.Check, name: f.Name, sev: f.Severity, n: 1, at: location(f)}
		}
	}
	if len(open) == 0 {
		return ew.err
	}
	list := make([]*row, 0, len(rows))
	for _, rw := range rows {
		list = append(list, rw)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.sev != b.sev {
			return a.sev > b.sev
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return a.check < b.check
	})
	ew.printf("\n| check | severity | findings | first at |\n| --- | --- | ---: | --- |\n")
	for _, rw := range list {
		ew.printf("| %s %s | %s | %d | %s |\n", mdText(rw.check), mdText(rw.name), rw.sev, rw.n, mdText(rw.at))
	}
	// The most severe first, in report order within a severity.
	sort.SliceStable(open, func(i, j int) bool { return open[i].Severity > open[j].Severity })
	ew.printf("\n")
	for _, f := range open[:min(first, len(open))] {
		ew.printf("- %s %s %s: %s\n", mdText(location(f)), f.Severity, mdText(f.Check), mdText(f.Message))
	}
	if more := len(open) - first; more > 0 {
		ew.printf("\n%s\n", mdText(fmt.Sprintf("... and %d more in the full report", more)))
	}
	return ew.err
}
