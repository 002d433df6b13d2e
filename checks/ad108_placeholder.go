package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// Placeholder is AD108: template text or a documentation placeholder was
// left where a real value belongs.
var Placeholder = &Check{
	ID:       "AD108",
	Name:     "placeholder",
	Title:    "placeholder or unrendered template left in URL, headers or body",
	Severity: Error,
	Doc: `Copied examples carry placeholders (YOUR_API_KEY, YOUR_BOARD_ID, :boardId,
xToken_example) and templates that were never rendered ({{apiKey}}, ${VAR}, <token>).
Aptly takes them literally: a placeholder key gives 401, a placeholder board ID 404, and
one in the body is saved on the card as text. A shell variable in a curl command that is
not set here cannot be checked; that is reported as info, and so is a body file that lies
outside the request file's folder and the current folder, which is never read (an
untrusted request file must not make a report quote any file on the machine).`,
	Fix: "Replace the placeholder with the real value, or render the template before sending",
	Run: func(p *Pass) error {
		if r := p.Unit.Request; r != nil {
			placeholdersInRequest(p)
		}
		// Most bodies hold no mark a placeholder needs; one pass over the
		// text decides that without walking the decoded value.
		if b := p.Unit.Body; b != nil && b.Decoded && aptly.JSONMayHold(b.Raw) {
			walkStrings(b.Value, func(path *walkPath, s string, isKey bool) {
				for _, ph := range aptly.Placeholders(s, false) {
					if filledBySender(p.Unit.Request, ph.Text) {
						continue
					}
					ptr := path.Pointer()
					if isKey {
						p.Report(AtKey(ptr), "Replace "+quote(ph.Text)+" with the field's real name",
							"placeholder %s left in a key of the body", quote(ph.Text))
						continue
					}
					p.Report(AtPointer(ptr), "Replace "+quote(ph.Text)+" with the real value, or render the template before sending",
						"placeholder %s left in the body", quote(ph.Text))
				}
			})
		}
		return nil
	},
}

func placeholdersInRequest(p *Pass) {
	r := p.Unit.Request
	undefined := map[string]bool{}
	for _, v := range r.Undefined {
		undefined[v.Name] = true
		if name, ok := envReference(v.Name); ok {
			p.ReportSeverity(Info, requestSpan(r, v.At), "Set "+name+" in the environment to let the doctor check the value",
				"environment variable %s in the %s is not set here, so its value cannot be checked", name, v.In)
			continue
		}
		p.Report(requestSpan(r, v.At), "Define it with a line \"@"+strings.Trim(v.Name, "{} ")+" = value\" above the request, or replace it with the value",
			"variable %s in the %s is not defined in the file; it is sent literally", v.Name, v.In)
	}
	for _, v := range r.Unresolved {
		p.ReportSeverity(Info, requestSpan(r, v.At), "Set "+strings.TrimLeft(v.Name, "${}")+" in the environment to let the doctor check the value",
			"shell variable %s in the %s is not set here, so its value cannot be checked", v.Name, v.In)
	}
	for _, v := range r.Unresolved {
		undefined[v.Name] = true // reported above as info, not again as a placeholder
	}
	for _, v := range r.Withheld {
		p.ReportSeverity(Info, requestSpan(r, v.At), "Keep the body file beside the request file, or check it on its own: aptly-doctor check "+v.Name,
			"the %s %q lies outside the request file's folder and the current folder, so it was not read and its content cannot be checked", v.In, v.Name)
	}
	// A bare $VAR that reached the request unexpanded (single quotes, a
	// .http file, a HAR) is sent literally; one the shell would expand was
	// listed as unresolved above.
	find := func(s string, inURL bool) []aptly.Placeholder {
		var out []aptly.Placeholder
		for _, ph := range aptly.FindPlaceholders(s, aptly.PlaceholderOptions{InURL: inURL, BareShell: true}) {
			if clientExpands(p, s, ph) || filledBySender(r, ph.Text) {
				continue
			}
			out = append(out, ph)
		}
		return out
	}
	for _, ph := range find(r.URL, true) {
		if undefined[ph.Text] {
			continue
		}
		fix := "Replace " + quote(ph.Text) + " with the real value"
		if strings.Contains(strings.ToLower(ph.Text), "board") {
			fix = "Replace " + quote(ph.Text) + " with the board ID shown under the board's Card Sources > API"
		}
		p.Report(AtPos(urlPos(r, ph.Start)), fix, "placeholder %s left in the URL", quote(ph.Text))
	}
	for _, h := range r.Headers {
		for _, ph := range find(h.Value, false) {
			if undefined[ph.Text] {
				continue
			}
			fix := "Replace " + quote(ph.Text) + " with the real value"
			if strings.EqualFold(h.Name, "x-token") {
				fix = "Replace " + quote(ph.Text) + " with the board's API key, e.g. -H \"x-token: $APTLY_KEY\""
			}
			if ph.Kind == aptly.PlaceholderShell && p.Target.Kind == input.KindCurl {
				fix = "Use double quotes so the shell expands it: -H \"" + h.Name + ": " + ph.Text + "\""
				p.Report(requestSpan(r, h.At), fix, "%s in the %s header is sent as written: inside single quotes the shell does not expand it", ph.Text, h.Name)
				continue
			}
			p.Report(requestSpan(r, h.At), fix, "placeholder %s left in the %s header", quote(ph.Text), h.Name)
		}
	}
}

// envReference reads the variable name out of {{$processEnv NAME}} and
// {{$dotenv NAME}}, which the .http client fills from the environment.
func envReference(ref string) (string, bool) {
	f := strings.Fields(strings.Trim(ref, "{} "))
	if len(f) >= 2 && (strings.EqualFold(f[0], "$processEnv") || strings.EqualFold(f[0], "$dotenv")) {
		return strings.TrimPrefix(f[len(f)-1], "%"), true
	}
	return "", false
}

// filledBySender reports a reference the parser found the sending client
// fills in itself (.http built-ins, earlier responses, variables a script
// sets): no placeholder, wherever it stands.
func filledBySender(r *input.Request, text string) bool {
	if r == nil {
		return false
	}
	for _, v := range r.Runtime {
		if v.Name == text {
			return true
		}
	}
	return false
}

// clientExpands reports a reference the shell or PowerShell fills in, so
// it is no placeholder: PowerShell's $env:NAME, and a '$' inside a word (a
// key such as "Lit$Key9"), which no shell reads as a variable.
func clientExpands(_ *Pass, s string, ph aptly.Placeholder) bool {
	t := ph.Text
	if ph.Kind == aptly.PlaceholderShell && strings.HasPrefix(t, "$") && !strings.HasPrefix(t, "${") {
		if strings.HasPrefix(s[ph.End:], ":") && strings.EqualFold(t, "$env") {
			return true
		}
		if ph.Start > 0 && isWordByte(s[ph.Start-1]) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
