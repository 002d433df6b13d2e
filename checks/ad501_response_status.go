package checks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// ResponseStatus is AD501: what a recorded response means, tied to the
// request findings that explain it.
var ResponseStatus = &Check{
	ID:       "AD501",
	Name:     "response-status",
	Title:    "what a recorded response's status and body mean",
	Severity: Info,
	Needs:    NeedResponse,
	Doc: `When the input holds Aptly's answer (a HAR entry's response, or --response), the doctor
says what the status and body mean on the request's API generation and names the findings
on the same request that explain it: a 401 beside a missing x-token says "this is why".
Successful answers are not reported.`,
	Fix: "Fix the request findings named in the message; they are why Aptly answered this way",
	Run: func(p *Pass) error {
		resp := p.Unit.Response
		if resp.Status >= 200 && resp.Status < 300 || resp.Status == 0 {
			return nil
		}
		g := aptly.Unknown
		at := Span{}
		if r := p.Unit.Request; r != nil {
			g = generationOf(p)
			at = AtPos(r.URLAt)
		}
		if at.Pos.IsZero() {
			at = AtPos(resp.At)
		}
		st, known := aptly.StatusInfo(resp.Status, g)
		title := st.Title
		if !known {
			title = resp.StatusText
		}
		msg := fmt.Sprintf("Aptly answered %d %s", resp.Status, title)
		causes := st.Causes
		if eb, ok := aptly.RecognizeErrorBody(resp.Body); ok {
			msg += fmt.Sprintf(" with %q", eb.Text)
			if len(eb.Causes) > 0 {
				causes = eb.Causes
			}
		}
		if known && st.Meaning != "" {
			msg += ": " + strings.TrimSuffix(lowerFirst(st.Meaning), ".")
		}
		for _, h := range resp.Headers {
			if strings.EqualFold(h.Name, "Retry-After") && strings.TrimSpace(h.Value) != "" {
				msg += fmt.Sprintf(" (this answer asked to wait %s)", retryWords(strings.TrimSpace(h.Value)))
			}
		}
		fix := "See 'aptly-doctor explain " + fmt.Sprint(resp.Status) + "'"
		if len(causes) > 0 {
			texts := make([]string, len(causes))
			for i, c := range causes {
				texts[i] = c.Text
			}
			msg += "; possible causes: " + strings.Join(texts, "; or ")
			fix = causes[0].Fix
		}
		p.Report(at, fix, "%s", msg)
		return nil
	},
	Relate: relateResponse,
}

// explainedBy lists, per status, the checks whose findings cause it. An
// array of structs, searched by a loop: the linker lays it out, where a map
// was built by every start.
var explainedBy = [...]struct {
	status int
	ids    []string
}{
	{400, []string{"AD101", "AD102", "AD103", "AD201", "AD106"}},
	{401, []string{"AD202", "AD108", "AD205", "AD302", "AD306"}},
	{403, []string{"AD205", "AD302"}},
	{404, []string{"AD204", "AD108", "AD205", "AD303"}},
	{405, []string{"AD204"}},
}

// explaining returns the IDs of the checks whose findings cause status.
func explaining(status int) []string {
	for _, e := range explainedBy {
		if e.status == status {
			return e.ids
		}
	}
	return nil
}

// relateResponse ties an AD501 finding to the findings on the same unit
// that explain the status, so the user reads the cause beside the symptom.
func relateResponse(self *Finding, others []Finding, p *Pass) {
	status := p.Unit.Response.Status
	ids := explaining(status)
	var why []string
	fix := ""
	for _, o := range others {
		if o.Check == self.Check || !slices.Contains(ids, o.Check) || o.Severity < Warning {
			continue
		}
		where := ""
		if o.Line > 0 && o.Line != self.Line {
			where = fmt.Sprintf(" (line %d)", o.Line)
		}
		why = append(why, fmt.Sprintf("[%s] %s%s", o.Check, o.Message, where))
		if fix == "" {
			fix = o.Fix
		}
	}
	if len(why) == 0 {
		return
	}
	answer := fmt.Sprint(status)
	if _, ok := aptly.RecognizeErrorBody(p.Unit.Response.Body); ok {
		// Mask before cutting: a key cut in half would no longer be found.
		answer += " " + maskText(strings.TrimSpace(string(p.Unit.Response.Body)), secretsOf(p.Unit, p.Opts.cfg()))
	}
	self.Message = fmt.Sprintf("Aptly answered %s; this is why: %s", prose.Clip(answer, 81), strings.Join(why, "; and "))
	self.Fix = fix
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "Aptly") || len(s) > 1 && strings.ToUpper(s[:2]) == s[:2] {
		return s // a name or an acronym keeps its capital
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func retryWords(v string) string {
	if n, err := strconv.Atoi(v); err == nil {
		return fmt.Sprintf("%d %s", n, prose.Plural(n, "second", "seconds"))
	}
	return "until " + v
}
