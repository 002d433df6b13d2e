package serve

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"crypto/tls"
	"io"
	"net/http"
	"strings"
	"time"
)

// BadGatewayBody answers a request the upstream could not be asked.
const BadGatewayBody = `{"error":"Bad gateway"}`

// maxUpstreamBody bounds what is read of an upstream answer.
const maxUpstreamBody = 64 << 20

// hopHeaders belong to one connection and are never passed on (RFC 9110
// section 7.6.1).
var hopHeaders = []string{
	"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
}

// upstreamClient never follows a redirect (the answer goes back as it is)
// and never adds or undoes compression, so the bytes pass unchanged.
func upstreamClient(c *http.Client) *http.Client {
	var out http.Client
	if c != nil {
		out = *c
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		t.DisableCompression = true
		t.MaxIdleConnsPerHost = 32
		out.Transport = t
		out.Timeout = 2 * time.Minute
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &out
}

// forward sends the request to the upstream as it came and returns the
// real answer; an upstream that cannot be asked is a 502 of the server's
// own, with the reason in the answer's note.
func (s *Server) forward(r *http.Request, in *incoming) *answer {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, in.url, bytes.NewReader(in.body))
	if err != nil {
		return &answer{status: http.StatusBadGateway, body: []byte(BadGatewayBody), note: "the request could not be forwarded: " + err.Error()}
	}
	req.Header = r.Header.Clone()
	for _, h := range hopHeaders {
		req.Header.Del(h)
	}
	if !in.hasBody || len(in.body) == 0 && r.Method == http.MethodGet {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return &answer{status: http.StatusBadGateway, body: []byte(BadGatewayBody), note: "the upstream could not be reached: " + err.Error()}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUpstreamBody))
	a := &answer{status: resp.StatusCode, body: body, header: resp.Header.Clone(), proxied: true}
	for _, h := range hopHeaders {
		a.header.Del(h)
	}
	a.header.Del("Content-Length") // set again from the body as read
	if err != nil {
		a.note = "the upstream's answer broke off: " + err.Error()
	}
	return a
}

// plainBody is the answer's body as text for the checks: decompressed when
// the upstream compressed it (gzip or deflate; other encodings are judged
// by their status alone).
func (a *answer) plainBody() []byte {
	if !a.proxied {
		return a.body
	}
	var rd io.ReadCloser
	var err error
	switch strings.ToLower(strings.TrimSpace(a.header.Get("Content-Encoding"))) {
	case "", "identity":
		return a.body
	case "gzip", "x-gzip":
		rd, err = gzip.NewReader(bytes.NewReader(a.body))
	case "deflate": // HTTP's deflate is the zlib format
		rd, err = zlib.NewReader(bytes.NewReader(a.body))
	default:
		return nil
	}
	if err != nil {
		return nil
	}
	defer rd.Close()
	out, err := io.ReadAll(io.LimitReader(rd, maxUpstreamBody))
	if err != nil {
		return nil
	}
	return out
}
