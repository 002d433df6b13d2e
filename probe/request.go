package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// maxBody bounds what is read of an answer: a schema is small, and a
// misbehaving server must not fill the memory.
const maxBody = 4 << 20

// maxHops bounds same-host redirects.
const maxHops = 5

// client returns the client to send with and whether Run made it (and so
// closes its idle connections). Redirects are never followed by the client:
// the probe follows them itself, after checking where they lead.
func (o Options) client() (*http.Client, bool) {
	owned := o.Client == nil
	var c http.Client
	if owned {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		c.Transport = t
	} else {
		c = *o.Client
		if t, ok := c.Transport.(*http.Transport); ok && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify {
			t = t.Clone()
			t.TLSClientConfig.InsecureSkipVerify = false
			c.Transport = t
		}
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c, owned
}

// prober probes one target; it owns the outcome being filled.
type prober struct {
	c   *http.Client
	o   Options
	t   Target
	gen aptly.Generation
	out *Outcome
}

// answer is the end of one fetch: a status and body, a transport failure,
// or a redirect the probe would not follow.
type answer struct {
	status  int
	body    []byte
	err     error
	refused string
	tries   int // attempts of the fetch that gave this answer
}

// probe probes one target. It never panics: a crash becomes an
// unreachable outcome, so every target still gets its verdict.
func probe(ctx context.Context, c *http.Client, t Target, o Options) (out Outcome) {
	out.Target = t
	defer func() {
		if r := recover(); r != nil {
			out.Verdict, out.Detail = Unreachable, fmt.Sprintf("the probe failed: %v", r)
		}
		out.Detail = redact(out.Detail, t.Key)
		for i := range out.Requests {
			out.Requests[i] = redact(out.Requests[i], t.Key)
		}
	}()
	id := strings.TrimSpace(t.BoardID)
	switch {
	case id == "":
		out.Verdict, out.Detail = Skipped, "no board ID is configured, so there is nothing to probe"
		return out
	case strings.TrimSpace(string(t.Key)) == "":
		out.Verdict, out.Detail = Skipped, "no key is known for this board, so nothing was sent"
		return out
	}
	base, why := BaseURL(t.BaseURL)
	if why != "" {
		out.Verdict, out.Detail = Refused, why+"; nothing was sent"
		return out
	}
	p := &prober{c: c, o: o, t: t, gen: t.Generation, out: &out}
	if p.gen == aptly.Unknown {
		p.gen = aptly.HostGeneration(base.Host)
	}
	schemaURL := base.String() + "/api/schema/" + url.PathEscape(id)
	a := p.fetch(ctx, schemaURL)
	var fallback string
	switch {
	case p.gen == aptly.Legacy && (a.status == http.StatusNotFound || a.status == http.StatusMethodNotAllowed):
		fallback = base.String() + "/api/aptlet/" + url.PathEscape(id) + "?page=0"
	case p.gen == aptly.Core && a.status == http.StatusMethodNotAllowed:
		fallback = base.String() + "/api/board/" + url.PathEscape(id) + "?page=0&pageSize=1"
	}
	if fallback == "" {
		p.judge(a, false)
		return out
	}
	first := a.status
	a = p.fetch(ctx, fallback)
	p.judge(a, true)
	if out.Verdict == Opens {
		out.Detail = fmt.Sprintf("the schema endpoint answered %d, so the fields were read off the board's first card; ", first) + out.Detail
	}
	return out
}

// BaseURL checks a base URL and keeps its scheme, host and any path in
// front of /api; why says in plain words why it may not carry a key. The
// probe and serve --upstream share it: https only, plain http to loopback.
func BaseURL(raw string) (*url.URL, string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return nil, fmt.Sprintf("the base URL %q is not a full http(s) URL", raw)
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "https":
	case scheme == "http" && aptly.IsLoopback(u.Hostname()):
	case scheme == "http":
		return nil, fmt.Sprintf("the base URL %q uses plain http to %q, a host that is not this machine, so the key would travel unencrypted", raw, u.Hostname())
	default:
		return nil, fmt.Sprintf("the base URL %q is not an http(s) URL", raw)
	}
	path := u.Path
	if i := strings.Index(path+"/", "/api/"); i >= 0 {
		path = path[:i]
	}
	return &url.URL{Scheme: scheme, Host: u.Host, Path: strings.TrimRight(path, "/")}, ""
}

// fetch GETs rawURL, retrying once after a 429 (waiting as asked, up to
// the cap), a 5xx or a transport failure (waiting the backoff).
func (p *prober) fetch(ctx context.Context, rawURL string) answer {
	var a answer
	for attempt := 1; ; attempt++ {
		a = p.get(ctx, rawURL)
		a.tries = attempt
		if ctx.Err() != nil || attempt == 2 || a.refused != "" {
			return a
		}
		var wait time.Duration
		switch {
		case a.err != nil, a.status >= 500:
			wait = p.o.Backoff
		case a.status == http.StatusTooManyRequests:
			wait = p.o.Backoff
			if p.out.RetryAfter > 0 {
				wait = min(p.out.RetryAfter, p.o.RetryAfterCap)
			}
		default:
			return a
		}
		p.out.Waited += wait
		if err := p.o.Sleep(ctx, wait); err != nil {
			return a
		}
	}
}

// get sends one GET and follows redirects that stay on the same scheme,
// host and port.
func (p *prober) get(ctx context.Context, rawURL string) answer {
	cur := rawURL
	for hop := 0; ; hop++ {
		a, next := p.once(ctx, cur)
		if next == nil {
			return a
		}
		from, err := url.Parse(cur)
		if err != nil {
			return answer{err: err}
		}
		if !sameOrigin(from, next) {
			where := next.Host
			if next.Scheme != from.Scheme && next.Host == from.Host {
				where = next.Scheme + "://" + next.Host
			}
			return answer{status: a.status, refused: fmt.Sprintf("the server redirected to %q, not the host the key is for, so the key was not sent there", where)}
		}
		if hop >= maxHops {
			return answer{status: a.status, err: errTooManyRedirects}
		}
		cur = next.String()
	}
}

var errTooManyRedirects = errors.New("too many redirects")

// once sends one request; next is where a redirect points, nil otherwise.
func (p *prober) once(ctx context.Context, rawURL string) (answer, *url.URL) {
	rctx, cancel := context.WithTimeout(ctx, p.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return answer{err: err}, nil
	}
	req.Header.Set("x-token", string(p.t.Key))
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "aptly-doctor-probe")
	p.out.Requests = append(p.out.Requests, "GET "+rawURL)
	p.out.Attempts++
	resp, err := p.c.Do(req)
	if err != nil {
		return answer{err: err}, nil
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	p.out.Status = resp.StatusCode
	if err != nil {
		return answer{status: resp.StatusCode, err: err}, nil
	}
	a := answer{status: resp.StatusCode, body: body}
	if resp.StatusCode == http.StatusTooManyRequests {
		p.out.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), p.o.Now())
	}
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		loc := resp.Header.Get("Location")
		if loc == "" {
			return a, nil
		}
		next, err := req.URL.Parse(loc)
		if err != nil {
			return answer{status: resp.StatusCode, err: fmt.Errorf("read redirect target: %w", err)}, nil
		}
		return a, next
	}
	return a, nil
}

// sameOrigin reports whether two URLs share scheme, host and port (the
// scheme's default port when none is written).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// retryAfter reads a Retry-After header: seconds or an HTTP date. An
// absent or unreadable header is zero.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// judge turns the final answer into the verdict. cards says the answer is
// a card list (the fallback), not a schema.
func (p *prober) judge(a answer, cards bool) {
	out := p.out
	switch {
	case a.refused != "":
		out.Verdict, out.Detail = Refused, a.refused
		return
	case a.err != nil:
		out.Verdict = Unreachable
		out.Detail = describe(a.err, p.o.Timeout)
		if a.tries > 1 {
			out.Detail += ", again on retry"
		}
		return
	}
	info, _ := aptly.StatusInfo(a.status, p.gen)
	said := aptlySaid(a.body)
	switch {
	case a.status == http.StatusOK:
		fields, ok := parseSchema(a.body)
		if cards {
			fields, ok = parseCards(a.body, p.gen == aptly.Core)
		}
		if !ok {
			what := "board schema"
			if cards {
				what = "card list"
			}
			out.Verdict = Unreachable
			out.Detail = "the server answered 200 with something that is not an Aptly " + what + ", so it may not be Aptly"
			return
		}
		out.Verdict, out.Fields, out.FieldCount, out.FromCards = Opens, fields, len(fields), cards
		out.Detail = fmt.Sprintf("the key opens the board; it has %d fields", len(fields))
		if cards {
			out.Detail = fmt.Sprintf("the key opens the board; its first card names %d fields", len(fields))
		}
		return
	case a.status == http.StatusUnauthorized:
		out.Verdict = WrongKey
	case a.status == http.StatusForbidden:
		out.Verdict = APIDisabled
	case a.status == http.StatusNotFound:
		out.Verdict = NotFound
	case a.status == http.StatusTooManyRequests:
		out.Verdict = RateLimited
		out.Detail = fmt.Sprintf("Aptly still answered 429 after a wait of %s", out.Waited)
		if out.RetryAfter > 0 {
			out.Detail += fmt.Sprintf("; it asked to wait %s", out.RetryAfter)
		}
		return
	case a.status >= 500:
		out.Verdict = Unreachable
		out.Detail = fmt.Sprintf("the server answered %d (%s)", a.status, strings.ToLower(http.StatusText(a.status)))
		if a.tries > 1 {
			out.Detail += ", again on retry"
		}
		if said != "" {
			out.Detail += "; it said " + said
		}
		return
	default:
		out.Verdict = Unreachable
		out.Detail = fmt.Sprintf("the server answered %d, which a read of the board should not get", a.status)
		if info.Title != "" {
			out.Detail = fmt.Sprintf("the server answered %d (%s), which a read of the board should not get", a.status, info.Title)
		}
		return
	}
	out.Detail = fmt.Sprintf("Aptly answered %d (%s): %s", a.status, info.Title, strings.TrimSuffix(info.Meaning, "."))
	if said != "" {
		out.Detail += "; it said " + said
	}
}

// aptlySaid quotes the words of an error body ({"error"}, {"message"},
// {"reason"}), or "" when there are none.
func aptlySaid(body []byte) string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	var said []string
	for _, k := range []string{"error", "message", "reason"} {
		if v, ok := m[k].(string); ok && strings.TrimSpace(v) != "" {
			said = append(said, strings.TrimSpace(v))
		}
	}
	t := strings.Join(said, ": ")
	if t == "" {
		return ""
	}
	t = prose.Clip(t, 201)
	return strconv.Quote(t)
}

// describe says in plain words why a request got no answer.
func describe(err error, timeout time.Duration) string {
	var (
		netErr  net.Error
		dnsErr  *net.DNSError
		hostErr x509.HostnameError
		authErr x509.UnknownAuthorityError
		certErr x509.CertificateInvalidError
		verErr  *tls.CertificateVerificationError
		recErr  tls.RecordHeaderError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "the probe was cancelled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("timed out after %s", timeout)
	case errors.As(err, &hostErr):
		return "the TLS certificate is not valid for this host"
	case errors.As(err, &certErr):
		return "the TLS certificate is invalid or expired"
	case errors.As(err, &authErr), errors.As(err, &verErr):
		return "the TLS certificate is not trusted"
	case errors.As(err, &recErr), errors.Is(err, http.ErrSchemeMismatch):
		return "the server did not answer with TLS (it may speak plain http)"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Sprintf("the host %q was not found (DNS)", dnsErr.Name)
		}
		return fmt.Sprintf("the DNS lookup of %q failed", dnsErr.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection without a full answer"
	case errors.Is(err, errTooManyRedirects):
		return fmt.Sprintf("the server redirected more than %d times", maxHops)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return "the request failed: " + err.Error()
}

// redact masks every occurrence of the key in s.
func redact(s string, key Token) string {
	k := strings.TrimSpace(string(key))
	if k == "" || s == "" {
		return s
	}
	return strings.ReplaceAll(s, k, key.String())
}
