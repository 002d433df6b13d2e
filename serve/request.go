package serve

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// incoming is one request as the server received it, before it is judged.
type incoming struct {
	n       int
	method  string
	uri     string // path and query as sent, still percent-encoded
	url     string // the URL the request is judged as: the base it went to, then uri
	header  http.Header
	body    []byte
	hasBody bool
}

// bodyMethods are the methods whose requests are meant to carry a body:
// one sent empty is judged as an empty body (AD101), not as no body.
var bodyMethods = []string{http.MethodPost, http.MethodPut, http.MethodPatch}

// newIncoming captures r; base is the scheme and host the request is judged
// against (the double's own address, or the upstream's).
func newIncoming(n int, r *http.Request, base string, body []byte) *incoming {
	uri := r.URL.RequestURI()
	if r.URL.Opaque != "" || !strings.HasPrefix(uri, "/") {
		uri = r.URL.EscapedPath()
		if r.URL.RawQuery != "" {
			uri += "?" + r.URL.RawQuery
		}
	}
	return &incoming{
		n: n, method: r.Method, uri: uri, url: strings.TrimRight(base, "/") + uri,
		header: r.Header, body: body,
		hasBody: len(body) > 0 || slices.Contains(bodyMethods, r.Method),
	}
}

// unit builds the one unit a request target holds. The body is a source of
// its own, named like the target, so body findings get a line and column
// inside the body; request-level findings (headers, the URL) have no line,
// since the request was never a file.
func (in *incoming) unit(name string) *input.Unit {
	req := &input.Request{Method: in.method, URL: in.url}
	names := make([]string, 0, len(in.header))
	for k := range in.header {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range in.header[k] {
			req.Headers = append(req.Headers, input.Header{Name: k, Value: v})
		}
	}
	if in.hasBody {
		if mt, _, _ := mime.ParseMediaType(in.header.Get("Content-Type")); mt == "multipart/form-data" {
			req.Multipart = true // a file upload: its parts are no JSON body
		} else {
			req.Body = &input.Body{
				Raw:    in.body,
				Src:    &input.Source{Path: name, Data: in.body},
				At:     input.Pos{Line: 1, Col: 1},
				Origin: "request",
			}
		}
		req.BodyFlag = "body"
	}
	return &input.Unit{Request: req, Body: req.Body}
}

// name is the target's name, "#N METHOD /path?query"; the server masks
// the secrets a query carries before anyone sees it.
func (in *incoming) name() string {
	return fmt.Sprintf("#%d %s %s", in.n, in.method, in.uri)
}

// target wraps the unit as the target the runner judges.
func target(name string, u *input.Unit) *input.Target {
	return &input.Target{Path: name, Kind: input.KindRequest, Walk: func(fn func(*input.Unit) error) error {
		return fn(u)
	}}
}
