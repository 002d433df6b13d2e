package serve

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/har"
	"github.com/aptly-doctor/aptly-doctor/redact"
)

// harEntry is one exchange in HAR 1.2 form, kept raw until HAR masks the
// whole document.
type harEntry struct {
	har.Entry
	secrets []string // the exchange's secrets, to mask; never marshalled
}

// newHAREntry records one exchange: the request as it came (to the URL it
// was judged as) and the answer as it went back, with the doctor's headers.
func newHAREntry(in *incoming, a *answer, h http.Header, secrets []string, start, end time.Time) *harEntry {
	ms := float64(end.Sub(start).Microseconds()) / 1000
	e := &harEntry{secrets: secrets, Entry: har.Entry{
		StartedDateTime: start.UTC().Format(time.RFC3339Nano),
		Time:            ms,
		Timings:         har.Timings{Wait: ms},
		Request: har.Request{
			Method: in.method, URL: in.url, HTTPVersion: "HTTP/1.1",
			Cookies: []har.NV{}, Headers: pairs(in.header), QueryString: []har.NV{},
			HeadersSize: -1, BodySize: len(in.body),
		},
	}}
	if _, q, ok := strings.Cut(in.uri, "?"); ok {
		for _, part := range strings.Split(q, "&") {
			name, value, _ := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(name); err == nil {
				name = n
			}
			if v, err := url.QueryUnescape(value); err == nil {
				value = v
			}
			e.Request.QueryString = append(e.Request.QueryString, har.NV{Name: name, Value: value})
		}
	}
	if in.hasBody {
		e.Request.PostData = &har.PostData{MimeType: in.header.Get("Content-Type"), Text: string(in.body)}
	}
	body := a.plainBody()
	content := har.Content{Size: len(body), MimeType: h.Get("Content-Type")}
	if utf8.Valid(body) {
		content.Text = string(body)
	} else {
		content.Size, content.Text, content.Encoding = len(a.body), base64.StdEncoding.EncodeToString(a.body), "base64"
	}
	e.Response = har.Response{
		Status: a.status, StatusText: http.StatusText(a.status), HTTPVersion: "HTTP/1.1",
		Cookies: []har.NV{}, Headers: pairs(h), Content: content,
		RedirectURL: h.Get("Location"), HeadersSize: -1, BodySize: len(a.body),
	}
	return e
}

// pairs lists headers in name order, each value once.
func pairs(h http.Header) []har.NV {
	out := []har.NV{}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range h[k] {
			out = append(out, har.NV{Name: k, Value: v})
		}
	}
	return out
}

// HAR returns every exchange so far as a HAR 1.2 document, in arrival
// order, with every secret masked the way `redact` masks one.
func (s *Server) HAR() ([]byte, error) {
	s.mu.Lock()
	entries := make([]*harEntry, 0, len(s.entries))
	var secrets []string
	for _, e := range s.entries {
		if e != nil {
			entries = append(entries, e)
			secrets = append(secrets, e.secrets...)
		}
	}
	s.mu.Unlock()
	doc := har.Document{Log: har.Log{
		Version: "1.2",
		Creator: har.Creator{Name: "aptly-doctor", Version: s.o.Version},
		Pages:   []any{},
		Entries: make([]*har.Entry, len(entries)),
	}}
	for i, e := range entries {
		doc.Log.Entries[i] = &e.Entry
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return redact.File(input.KindHAR, append(data, '\n'), redact.Options{Cfg: s.cfg, Extra: secrets})
}
