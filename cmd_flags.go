package main

import (
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// requestFromFlags builds the request bare payloads are judged as if sent
// with, from --url, -H and --method; nil when none is given.
func requestFromFlags(c *cli.Command) (*input.Request, error) {
	url, method, headers := c.String("url"), c.String("method"), c.StringSlice("header")
	if url == "" {
		// Without a URL there is no request to judge: DESIGN skips request
		// checks on a bare payload. The headers still feed --probe.
		if len(headers) == 0 && method == "" {
			return nil, nil
		}
	}
	r := &input.Request{URL: url, Method: strings.ToUpper(method), BodyFlag: "payload file"}
	if r.Method == "" {
		r.Method = "POST"
	}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, usageErr("-H %q: want \"Name: value\"", maskHeader(h))
		}
		r.Headers = append(r.Headers, input.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	return r, nil
}

// maskHeader keeps a malformed header's shape without echoing a secret.
func maskHeader(h string) string {
	if len(h) <= 8 {
		return strings.Repeat("*", len(h))
	}
	return h[:4] + "…"
}
