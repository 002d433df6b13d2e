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
	"github.com/aptly-doctor/aptly-doctor/redact"
)

// harEntry is one exchange in HAR 1.2 form, kept raw until HAR masks the
// whole document.
type harEntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         harRequest  `json:"request"`
	Response        harResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         harTimings  `json:"timings"`

	secrets []string // the exchange's secrets, to mask; never marshalled
}

type harPair struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harRequest struct {
	Method      string       `json:"method"`
	URL         string       `json:"url"`
	HTTPVersion string       `json:"httpVersion"`
	Cookies     []harPair    `json:"cookies"`
	Headers     []harPair    `json:"headers"`
	QueryString []harPair    `json:"queryString"`
	PostData    *harPostData `json:"postData,omitempty"`
	HeadersSize int          `json:"headersSize"`
	BodySize    int          `json:"bodySize"`
}

type harPostData struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
}

type harResponse struct {
	Status      int        `json:"status"`
	StatusText  string     `json:"statusText"`
	HTTPVersion string     `json:"httpVersion"`
	Cookies     []harPair  `json:"cookies"`
	Headers     []harPair  `json:"headers"`
	Content     harContent `json:"content"`
	RedirectURL string     `json:"redirectURL"`
	HeadersSize int        `json:"headersSize"`
	BodySize    int        `json:"bodySize"`
}

type harContent struct {
	Size     int    `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
}

type harTimings struct {
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
}

// newHAREntry records one exchange: the request as it came (to the URL it
// was judged as) and the answer as it went back, with the doctor's headers.
func newHAREntry(in *incoming, a *answer, h http.Header, secrets []string, start, end time.Time) *harEntry {
	ms := float64(end.Sub(start).Microseconds()) / 1000
	e := &harEntry{
		StartedDateTime: start.UTC().Format(time.RFC3339Nano),
		Time:            ms,
		Timings:         harTimings{Wait: ms},
		secrets:         secrets,
		Request: harRequest{
			Method: in.method, URL: in.url, HTTPVersion: "HTTP/1.1",
			Cookies: []harPair{}, Headers: pairs(in.header), QueryString: []harPair{},
			HeadersSize: -1, BodySize: len(in.body),
		},
	}
	if _, q, ok := strings.Cut(in.uri, "?"); ok {
		for _, part := range strings.Split(q, "&") {
			name, value, _ := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(name); err == nil {
				name = n
			}
			if v, err := url.QueryUnescape(value); err == nil {
				value = v
			}
			e.Request.QueryString = append(e.Request.QueryString, harPair{Name: name, Value: value})
		}
	}
	if in.hasBody {
		e.Request.PostData = &harPostData{MimeType: in.header.Get("Content-Type"), Text: string(in.body)}
	}
	body := a.plainBody()
	content := harContent{Size: len(body), MimeType: h.Get("Content-Type")}
	if utf8.Valid(body) {
		content.Text = string(body)
	} else {
		content.Size, content.Text, content.Encoding = len(a.body), base64.StdEncoding.EncodeToString(a.body), "base64"
	}
	e.Response = harResponse{
		Status: a.status, StatusText: http.StatusText(a.status), HTTPVersion: "HTTP/1.1",
		Cookies: []harPair{}, Headers: pairs(h), Content: content,
		RedirectURL: h.Get("Location"), HeadersSize: -1, BodySize: len(a.body),
	}
	return e
}

// pairs lists headers in name order, each value once.
func pairs(h http.Header) []harPair {
	out := []harPair{}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range h[k] {
			out = append(out, harPair{Name: k, Value: v})
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
	doc := map[string]any{"log": map[string]any{
		"version": "1.2",
		"creator": map[string]string{"name": "aptly-doctor", "version": s.o.Version},
		"pages":   []any{},
		"entries": entries,
	}}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return redact.File(input.KindHAR, append(data, '\n'), redact.Options{Cfg: s.cfg, Extra: secrets})
}
