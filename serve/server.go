package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/report"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Options configure a Server.
type Options struct {
	// Runner judges each request: the selected checks, their severities,
	// the config's ignores and the options every check reads (config,
	// environments). Its Jobs and Progress are not used: each request is
	// judged on the goroutine that serves it (Runner.RunOne).
	Runner *checks.Runner
	// Base is the URL the double is reached at ("http://127.0.0.1:8427"):
	// requests are judged as sent there. Empty: the request's own Host.
	Base string
	// Upstream, when set, makes the server a proxy: each request goes there
	// unchanged and the real answer comes back unchanged.
	Upstream *url.URL
	// Client sends to the upstream; nil means a client of its own. Redirects
	// are never followed whatever the client says.
	Client *http.Client
	// RateLimit applies Aptly's documented limits per key (the double only).
	RateLimit bool
	// MaxSize bounds a request body in bytes; a bigger one gets 413.
	MaxSize int64
	// Live, when set, gets one line per finding as requests are judged.
	Live io.Writer
	// Record keeps every exchange for HAR.
	Record bool
	// Version names the tool in the HAR's creator.
	Version string
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Server is the double or proxy. It is an http.Handler; serve it with an
// http.Server, shut that down, then read Result and HAR.
type Server struct {
	o      Options
	runner checks.Runner
	cfg    *config.Config
	double *double
	limit  *limiter
	client *http.Client

	mu      sync.Mutex
	n       int
	results []*checks.TargetResult // by arrival, nil while in flight
	entries []*harEntry            // by arrival, when recording
	liveMu  sync.Mutex
}

// New makes a server. It fails only on options that cannot work.
func New(o Options) (*Server, error) {
	if o.Runner == nil {
		return nil, errors.New("serve: no runner")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxSize <= 0 {
		o.MaxSize = 32 << 20
	}
	s := &Server{o: o, runner: *o.Runner}
	s.runner.Progress = nil
	if o.Runner.Opts != nil {
		s.cfg = o.Runner.Opts.Config
	}
	var envs []*config.Env
	if o.Runner.Opts != nil {
		envs = o.Runner.Opts.Envs
	}
	s.double = newDouble(s.cfg, envs)
	if o.RateLimit && o.Upstream == nil {
		s.limit = newLimiter(o.Now)
	}
	if o.Upstream != nil {
		s.client = upstreamClient(o.Client)
	}
	return s, nil
}

// arrive numbers a request in arrival order and holds its place.
func (s *Server) arrive() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	s.results = append(s.results, nil)
	if s.o.Record {
		s.entries = append(s.entries, nil)
	}
	return s.n
}

// ServeHTTP judges and answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.o.Upstream == nil && r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		preflight(w, r)
		return
	}
	start := s.o.Now()
	n := s.arrive()
	base := s.o.Base
	if s.o.Upstream != nil {
		base = s.o.Upstream.String()
	} else if base == "" {
		base = "http://" + r.Host
	}
	body, tooBig, readErr := s.readBody(w, r)
	in := newIncoming(n, r, base, body)
	name := in.name()
	if strings.ContainsAny(in.uri, "?;") {
		// The mask of a file, which needs no escaping in a URL.
		probe := &input.Unit{Request: &input.Request{Method: in.method, URL: in.url}}
		name = secret.Replace(name, checks.Secrets(probe, s.cfg), secret.Token)
	}
	u := in.unit(name)
	t := target(name, u)

	var a *answer
	var tr *checks.TargetResult
	switch {
	case tooBig:
		u.Request.Body, u.Body = nil, nil // never read: nothing to judge in it
		a = errorAnswer(http.StatusRequestEntityTooLarge, TooLargeBody, "")
		tr = s.judge(t, u, a)
		tr.Notes = append(tr.Notes, fmt.Sprintf("the body is over the %d bytes --max-size allows; it was not read", s.o.MaxSize))
	case s.o.Upstream != nil:
		a = s.forward(r, in)
		tr = s.judge(t, u, a)
		if a.note != "" {
			tr.Notes = append(tr.Notes, s.mask(u, a.note))
		}
	default:
		if wait, limited := s.limited(u); limited {
			a = errorAnswer(http.StatusTooManyRequests, RateLimitBody, "")
			a.header = http.Header{"Retry-After": {strconv.Itoa(wait)}}
			tr = s.judge(t, u, a)
			break
		}
		tr = s.judge(t, u, nil)
		a = s.double.answer(u, tr.Findings)
		if a.refused() && a.cause == "" {
			// Aptly refuses for a reason no check saw: judge again with
			// the answer, so AD501 says what it means.
			tr = s.judge(t, u, a)
		}
	}
	if readErr != nil {
		tr.Notes = append(tr.Notes, "the client stopped sending the body early: "+readErr.Error())
	}
	s.reply(w, a, tr)
	s.finish(n, tr, a, in, u, w.Header(), start)
}

// mask masks in text every secret the unit or the config carries, with the
// mask a person reads.
func (s *Server) mask(u *input.Unit, text string) string {
	return secret.MaskText(text, checks.Secrets(u, s.cfg))
}

// preflight lets a browser's test page call the double: a CORS preflight
// is the browser's request, not the integration's, so it is answered and
// neither judged nor counted.
func preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "GET, POST, PUT")
	if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
		h.Set("Access-Control-Allow-Headers", req)
	}
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

// readBody reads the body up to MaxSize; tooBig reports a body over it,
// whether announced by Content-Length or found while reading.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) (body []byte, tooBig bool, err error) {
	if r.ContentLength > s.o.MaxSize {
		return nil, true, nil
	}
	body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, s.o.MaxSize))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, true, nil
	}
	return body, false, err
}

// limited applies the rate limit to the request's key; a request with no
// key is not counted (Aptly refuses it anyway).
func (s *Server) limited(u *input.Unit) (int, bool) {
	if s.limit == nil {
		return 0, false
	}
	key, ok := checks.RequestKey(u.Request)
	if !ok || key == "" {
		return 0, false
	}
	allowed, wait := s.limit.allow(key)
	return wait, !allowed
}

// judge runs the checks on the request, with the answer as its response
// when given (AD501 reads it).
func (s *Server) judge(t *input.Target, u *input.Unit, a *answer) *checks.TargetResult {
	u.Response = nil
	if a != nil {
		u.Response = a.response()
	}
	tr := s.runner.RunOne(t)
	return &tr
}

// response is the answer as a recorded response, for AD501.
func (a *answer) response() *input.Response {
	resp := &input.Response{Status: a.status, StatusText: http.StatusText(a.status), Body: a.plainBody()}
	for k, vs := range a.header {
		for _, v := range vs {
			resp.Headers = append(resp.Headers, input.Header{Name: k, Value: v})
		}
	}
	return resp
}

// reply writes the answer with the doctor's two headers.
func (s *Server) reply(w http.ResponseWriter, a *answer, tr *checks.TargetResult) {
	h := w.Header()
	for k, vs := range a.header {
		h[k] = vs
	}
	if h.Get("Content-Type") == "" && !a.proxied {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	if !a.proxied {
		// A browser's test page may read the double's answers and headers.
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "X-Aptly-Doctor, X-Aptly-Doctor-Findings, Retry-After")
	}
	h.Set("X-Aptly-Doctor", headerValue(lead(tr.Findings, a.cause)))
	h.Set("X-Aptly-Doctor-Findings", strconv.Itoa(len(tr.Findings)))
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// lead is the finding the header names: the one that made Aptly refuse,
// else (for a refusal AD501 explains) AD501, else the first.
func lead(fs []checks.Finding, cause string) *checks.Finding {
	if len(fs) == 0 {
		return nil
	}
	for _, id := range []string{cause, "AD501"} {
		for i := range fs {
			if id != "" && fs[i].Check == id {
				return &fs[i]
			}
		}
	}
	return &fs[0]
}

// headerValue is "<ID> <message>" as a header may carry it: plain ASCII
// (non-ASCII written \uXXXX, "…" as "..."), no control characters, at most
// 400 characters; "ok" when there is no finding. The message is masked
// already: the runner masks every message.
func headerValue(f *checks.Finding) string {
	if f == nil {
		return "ok"
	}
	var b strings.Builder
	for _, r := range f.Check + " " + f.Message {
		switch {
		case r == '…':
			b.WriteString("...")
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r > 0x7e:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
		if b.Len() >= 400 {
			return b.String()[:397] + "..."
		}
	}
	return b.String()
}

// finish files the result in its arrival slot and writes the live lines.
func (s *Server) finish(n int, tr *checks.TargetResult, a *answer, in *incoming, u *input.Unit, h http.Header, start time.Time) {
	var e *harEntry
	if s.o.Record {
		e = newHAREntry(in, a, h.Clone(), checks.Secrets(u, s.cfg), start, s.o.Now())
	}
	s.mu.Lock()
	s.results[n-1] = tr
	if e != nil {
		s.entries[n-1] = e
	}
	s.mu.Unlock()
	if s.o.Live == nil || len(tr.Findings) == 0 {
		return
	}
	var b strings.Builder
	for i := range tr.Findings {
		b.WriteString(liveLine(&tr.Findings[i], a.status))
	}
	s.liveMu.Lock()
	defer s.liveMu.Unlock()
	_, _ = io.WriteString(s.o.Live, b.String())
}

// liveLine is one finding as it is seen, with the status the request got.
func liveLine(f *checks.Finding, status int) string {
	return report.Line(f) + fmt.Sprintf(" (answered %d)\n", status)
}

// Result is every request's result in arrival order, each exactly once.
// Call it after the HTTP server has shut down; a request still in flight
// is left out.
func (s *Server) Result() []checks.TargetResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]checks.TargetResult, 0, len(s.results))
	for _, tr := range s.results {
		if tr != nil {
			out = append(out, *tr)
		}
	}
	return out
}
