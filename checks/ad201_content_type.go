package checks

import (
	"mime"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
)

const jsonHeaderFix = `Add the header -H "Content-Type: application/json"`

// ContentType is AD201: the body is not announced as JSON.
var ContentType = &Check{
	ID:       "AD201",
	Name:     "content-type",
	Title:    "Content-Type missing or not application/json",
	Severity: Error,
	Needs:    NeedRequest,
	Doc: `Aptly reads a card write only when it is sent with Content-Type: application/json; without
it the body is not parsed and the answer is 400 {"error":"Bad request"}. curl's -d (and
--data-raw, --data-binary) sends application/x-www-form-urlencoded unless told otherwise,
-F sends multipart/form-data, and --json sets the right header by itself. A charset other
than UTF-8 is refused too.`,
	Fix: jsonHeaderFix,
	Run: func(p *Pass) error {
		r := p.Unit.Request
		if !hasBody(r) {
			return nil
		}
		ep, _ := aptly.ParseEndpoint(r.URL)
		if ep.Op == aptly.OpFile {
			return nil // the upload endpoint takes multipart on purpose
		}
		h, ok := r.Header("Content-Type")
		if !ok {
			p.Report(requestSpan(r, r.BodyFlagAt), jsonHeaderFix,
				"the request sends a body with no Content-Type header; Aptly will not read it as JSON and answers 400")
			return nil
		}
		mt, params, err := mime.ParseMediaType(h.Value)
		if err != nil {
			mt = strings.ToLower(strings.TrimSpace(h.Value))
		}
		at := requestSpan(r, h.At)
		if h.Implicit {
			at = requestSpan(r, r.BodyFlagAt)
		}
		switch {
		case mt == "application/json":
			if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
				p.Report(at, `Send the body as UTF-8 and set -H "Content-Type: application/json" (or charset=utf-8)`,
					"Content-Type names the charset %q; Aptly reads JSON as UTF-8 only", cs)
			}
		case h.Implicit && mt == "application/x-www-form-urlencoded":
			flag := r.BodyFlag
			if flag == "" {
				flag = "-d"
			}
			p.Report(at, jsonHeaderFix+" (or send the body with --json)",
				"%s without a Content-Type header makes curl send application/x-www-form-urlencoded; Aptly answers 400 {\"error\":\"Bad request\"}", flag)
		case mt == "multipart/form-data":
			p.Report(at, `Send the card as a JSON body: -H "Content-Type: application/json" -d '{"Name": "..."}' instead of -F`,
				"the body is sent as multipart/form-data (-F); a card write takes a JSON object")
		default:
			p.Report(at, `Set the header to -H "Content-Type: application/json"`,
				"Content-Type is %q; Aptly reads a card write only as application/json and answers 400", h.Value)
		}
		return nil
	},
}
