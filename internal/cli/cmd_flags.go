package cli

import (
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// requestFromFlags builds the request bare payloads are judged as if sent
// with, from --url, -H and --method; nil when none is given.
func requestFromFlags(c flagIndex) (*input.Request, error) {
	url, method, headers := c.String("url"), c.String("method"), c.StringSlice("header")
	for _, h := range headers {
		if name, _, ok := strings.Cut(h, ":"); !ok || strings.TrimSpace(name) == "" {
			return nil, usageErr("-H %q: want \"Name: value\"", maskHeader(h))
		}
	}
	if url == "" {
		// Without a URL there is no request to judge: DESIGN skips request
		// checks on a bare payload. Headers or a method given anyway would
		// be silently ignored, so say so.
		if len(headers) > 0 || method != "" {
			return nil, usageErr("-H and --method describe the request a payload is sent with; give its --url too")
		}
		return nil, nil
	}
	// The flags become a line of their own, so findings about the request
	// point at the flag that carries the mistake, as they do in a file.
	cmd := &flagLine{}
	r := &input.Request{Method: strings.ToUpper(method), BodyFlag: "payload file"}
	r.URLAt = cmd.add("--url", url)
	r.URL = url
	if r.Method == "" {
		r.Method = "POST"
	} else {
		r.MethodAt = cmd.add("--method", r.Method)
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		at := cmd.add("-H", h)
		r.Headers = append(r.Headers, input.Header{Name: strings.TrimSpace(name), Value: strings.Trim(value, " \t"), At: at})
	}
	r.Src = &input.Source{Path: "(command line)", Data: []byte(cmd.b.String())}
	return r, nil
}

// flagLine writes request flags as one shell-quoted line and tells where
// each value starts on it.
type flagLine struct{ b strings.Builder }

func (l *flagLine) add(flag, value string) input.Pos {
	if l.b.Len() > 0 {
		l.b.WriteByte(' ')
	}
	l.b.WriteString(flag + " '")
	at := input.Pos{Line: 1, Col: utf8.RuneCountInString(l.b.String()) + 1}
	l.b.WriteString(strings.ReplaceAll(value, "'", `'\''`) + "'")
	return at
}

// maskHeader keeps a malformed header's shape without echoing a secret.
func maskHeader(h string) string {
	if len(h) <= 8 {
		return strings.Repeat("*", len(h))
	}
	return h[:4] + "…"
}
