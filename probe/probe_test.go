package probe_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/probe"
	"github.com/aptly-doctor/aptly-doctor/probe/aptlytest"
)

const (
	leadsKey   = "Lk7PqR2sT9vWxYz3A"
	rentalsKey = "Rm4NbQ8cV2dXfGh6J"
	companyKey = "cmp_live_7f3a9c2e4b1d8f6a"
	expiredKey = "cmp_live_0000expired00000"
)

// sleeper stands in for the clock: it records each wait and returns at
// once, so no test really waits.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func (s *sleeper) total() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var t time.Duration
	for _, w := range s.waits {
		t += w
	}
	return t
}

// countingTransport fails every request and counts them: a probe given it
// must not have opened anything.
type countingTransport struct {
	mu sync.Mutex
	n  int
}

func (c *countingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return nil, errors.New("no connection may be opened in this test")
}

func (c *countingTransport) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

var cards = []map[string]any{
	{"_id": "JShpBxEFgRmZnivTf", "Name": "Ada Lovelace", "Status": "New", "Rent": 1850},
	{"_id": "MJxaStgENouWrNEKd", "Name": "Alan Turing", "Status": "Leased"},
}

func closeAll(t *testing.T, servers ...*aptlytest.Server) {
	t.Cleanup(func() {
		for _, s := range servers {
			s.Close()
		}
	})
}

// assertReadOnly fails when any server saw anything but a GET, or a key in
// a URL.
func assertReadOnly(t *testing.T, servers ...*aptlytest.Server) {
	t.Helper()
	for _, s := range servers {
		for _, r := range s.Requests() {
			if r.Method != http.MethodGet {
				t.Errorf("%s got %s %s; the probe may only GET", s, r.Method, r.Path)
			}
			if strings.Contains(strings.ToLower(r.Query), "x-token") {
				t.Errorf("%s got the key in the URL: %s?%s", s, r.Path, r.Query)
			}
		}
	}
}

// assertKeyHidden fails when the key appears whole anywhere in the outcome
// as it could be printed, marshalled or returned.
func assertKeyHidden(t *testing.T, key string, out probe.Outcome) {
	t.Helper()
	if key == "" {
		return
	}
	js, err := json.Marshal(out)
	if err != nil {
		t.Fatalf("marshal outcome: %v", err)
	}
	views := map[string]string{
		"detail": out.Detail,
		"%v":     fmt.Sprintf("%v", out),
		"%+v":    fmt.Sprintf("%+v", out),
		"%#v":    fmt.Sprintf("%#v", out),
		"%x":     fmt.Sprintf("%x", out.Target.Key),
		"%q":     fmt.Sprintf("%q", out.Target.Key),
		"json":   string(js),
		"error":  (&probe.Error{Outcome: out}).Error(),
	}
	for _, r := range out.Requests {
		views["request "+r] = r
	}
	for name, v := range views {
		if strings.Contains(v, key) {
			t.Errorf("the key appears whole in the outcome's %s: %s", name, v)
		}
	}
}

func TestRun(t *testing.T) {
	legacy := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(
		aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Name: "Leads", Key: leadsKey, Cards: cards},
		aptlytest.Board{ID: "K9mMGGjKgQPqDykaa", Name: "Rentals", Key: rentalsKey},
		aptlytest.Board{ID: "noSchemaBoard0001", Name: "Old", Key: leadsKey, NoSchema: true, Cards: cards},
		aptlytest.Board{ID: "brokenBoard000001", Key: leadsKey, Status: http.StatusInternalServerError},
		aptlytest.Board{ID: "maintenance000001", Key: leadsKey, Status: http.StatusServiceUnavailable},
		aptlytest.Board{ID: "slowBoard00000001", Key: leadsKey, Delay: time.Minute},
		aptlytest.Board{ID: "movedBoard0000001", Key: leadsKey, RedirectTo: "/api/schema/JShpBxEFgRmZnivTf", RedirectCode: http.StatusMovedPermanently},
		aptlytest.Board{ID: "teapotBoard000001", Key: leadsKey, Status: http.StatusTeapot},
	))
	other := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey}))
	legacy2 := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(
		aptlytest.Board{ID: "awayBoard00000001", Key: leadsKey, RedirectTo: other.URL + "/api/schema/JShpBxEFgRmZnivTf", RedirectCode: http.StatusTemporaryRedirect},
	))
	core := aptlytest.New(aptlytest.Core(companyKey), aptlytest.ExpiredKeys(expiredKey), aptlytest.WithBoards(
		aptlytest.Board{ID: "4EMDSYKirhQaNdQKz", Name: "Leads"},
		aptlytest.Board{ID: "MJxaStgENouWrNEKd", Name: "Closed", APIDisabled: true},
	))
	secure := aptlytest.New(aptlytest.TLS(), aptlytest.Legacy(), aptlytest.WithBoards(
		aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey},
	))
	throttledOnce := aptlytest.New(aptlytest.ThrottleFirst(1, "2"), aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey}))
	throttled := aptlytest.New(aptlytest.Core(companyKey), aptlytest.RateLimit(0, 0, "7"), aptlytest.WithBoards(aptlytest.Board{ID: "4EMDSYKirhQaNdQKz"}))
	throttledLong := aptlytest.New(aptlytest.ThrottleFirst(1, "3600"), aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey}))
	throttledDate := aptlytest.New(aptlytest.ThrottleFirst(1, "Wed, 01 Jan 2031 00:00:10 GMT"), aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey}))
	closed := aptlytest.New()
	closedURL := closed.URL
	closed.Close()
	notAptly := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("<html>captive portal</html>"))
	}))
	t.Cleanup(notAptly.Close)
	// A careless server that repeats the key in its error and in a redirect.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "again") {
			http.Redirect(w, r, "/api/schema/again?echo="+r.Header.Get("X-Token"), http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = fmt.Fprintf(w, `{"error":"Unauthorized","message":"key %s is not valid"}`, r.Header.Get("X-Token"))
	}))
	t.Cleanup(echo.Close)
	all := []*aptlytest.Server{legacy, other, legacy2, core, secure, throttledOnce, throttled, throttledLong, throttledDate}
	closeAll(t, all...)

	// A client that skips verification: a copy, since the server's own
	// client is shared by every call to Client.
	skipping := secure.Client().Transport.(*http.Transport).Clone()
	skipping.TLSClientConfig.InsecureSkipVerify = true
	skipping.TLSClientConfig.RootCAs = nil
	insecure := &http.Client{Transport: skipping}
	noDial := &countingTransport{}

	tests := []struct {
		name        string
		target      probe.Target
		client      *http.Client
		timeout     time.Duration
		now         time.Time
		want        probe.Verdict
		wantStatus  int
		wantFields  int
		wantAttempt int
		wantDetail  string
		wantWaited  time.Duration
		wantRetry   time.Duration
		wantReqs    []string
	}{
		{
			name:        "legacy key opens its board",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.LegacyFields),
			wantAttempt: 1,
			wantDetail:  "8 fields",
			wantReqs:    []string{"GET " + legacy.URL + "/api/schema/JShpBxEFgRmZnivTf"},
		},
		{
			name:        "legacy key of another board",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: rentalsKey},
			want:        probe.WrongKey,
			wantStatus:  401,
			wantAttempt: 1,
			wantDetail:  "different board",
		},
		{
			name:        "legacy board unknown",
			target:      probe.Target{BoardID: "4EMDSYKirhQaNdQKz", BaseURL: legacy.URL + "/", Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.NotFound,
			wantStatus:  404,
			wantAttempt: 2, // the schema's 404 sends the probe to the card list, which says 404 too
			wantDetail:  "does not exist",
			wantReqs: []string{
				"GET " + legacy.URL + "/api/schema/4EMDSYKirhQaNdQKz",
				"GET " + legacy.URL + "/api/aptlet/4EMDSYKirhQaNdQKz?page=0",
			},
		},
		{
			name:        "legacy host without schema endpoint falls back to the card list",
			target:      probe.Target{BoardID: "noSchemaBoard0001", BaseURL: legacy.URL + "/api/aptlet/noSchemaBoard0001", Key: leadsKey, Generation: aptly.Legacy},
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  3, // Name, Rent, Status of the first card
			wantAttempt: 2,
			wantDetail:  "first card",
			wantReqs: []string{
				"GET " + legacy.URL + "/api/schema/noSchemaBoard0001",
				"GET " + legacy.URL + "/api/aptlet/noSchemaBoard0001?page=0",
			},
		},
		{
			name:        "core company key opens the board",
			target:      probe.Target{BoardID: "4EMDSYKirhQaNdQKz", BaseURL: core.URL, Generation: aptly.Core, Key: companyKey},
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.CoreFields),
			wantAttempt: 1,
		},
		{
			name:        "core wrong key",
			target:      probe.Target{BoardID: "4EMDSYKirhQaNdQKz", BaseURL: core.URL, Generation: aptly.Core, Key: leadsKey},
			want:        probe.WrongKey,
			wantStatus:  401,
			wantAttempt: 1,
			wantDetail:  "API key is invalid",
		},
		{
			name:        "core expired key",
			target:      probe.Target{BoardID: "4EMDSYKirhQaNdQKz", BaseURL: core.URL, Generation: aptly.Core, Key: expiredKey},
			want:        probe.WrongKey,
			wantStatus:  401,
			wantAttempt: 1,
			wantDetail:  "expired",
		},
		{
			name:        "core board with the API off",
			target:      probe.Target{BoardID: "MJxaStgENouWrNEKd", BaseURL: core.URL, Generation: aptly.Core, Key: companyKey},
			want:        probe.APIDisabled,
			wantStatus:  403,
			wantAttempt: 1,
			wantDetail:  "not turned on",
		},
		{
			name:        "core board of another company",
			target:      probe.Target{BoardID: "K9mMGGjKgQPqDykaa", BaseURL: core.URL, Generation: aptly.Core, Key: companyKey},
			want:        probe.NotFound,
			wantStatus:  404,
			wantAttempt: 1, // a core 404 is final: no fallback
			wantDetail:  "company",
		},
		{
			name:        "board that always fails is retried once",
			target:      probe.Target{BoardID: "brokenBoard000001", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Unreachable,
			wantStatus:  500,
			wantAttempt: 2,
			wantDetail:  "the server answered 500 (internal server error), again on retry",
			wantWaited:  probe.DefaultBackoff,
		},
		{
			name:        "503 names its status",
			target:      probe.Target{BoardID: "maintenance000001", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Unreachable,
			wantStatus:  503,
			wantAttempt: 2,
			wantDetail:  "server answered 503",
		},
		{
			name:        "unexpected status is not taken for an answer",
			target:      probe.Target{BoardID: "teapotBoard000001", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Unreachable,
			wantStatus:  418,
			wantAttempt: 1,
			wantDetail:  "answered 418",
		},
		{
			name:        "slow board times out",
			target:      probe.Target{BoardID: "slowBoard00000001", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey},
			timeout:     20 * time.Millisecond,
			want:        probe.Unreachable,
			wantAttempt: 2,
			wantDetail:  "timed out after 20ms",
		},
		{
			name:        "redirect on the same server is followed",
			target:      probe.Target{BoardID: "movedBoard0000001", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.LegacyFields),
			wantAttempt: 2,
			wantReqs: []string{
				"GET " + legacy.URL + "/api/schema/movedBoard0000001",
				"GET " + legacy.URL + "/api/schema/JShpBxEFgRmZnivTf",
			},
		},
		{
			name:        "redirect to another server is refused",
			target:      probe.Target{BoardID: "awayBoard00000001", BaseURL: legacy2.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Refused,
			wantStatus:  307,
			wantAttempt: 1,
			wantDetail:  other.Host(),
		},
		{
			name:        "plain http to a remote host is never sent",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: "http://api.getaptly.com", Key: leadsKey},
			client:      &http.Client{Transport: noDial},
			want:        probe.Refused,
			wantDetail:  "plain http",
			wantAttempt: 0,
		},
		{
			name:       "a base URL that is not http is never sent",
			target:     probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: "ftp://api.getaptly.com", Key: leadsKey},
			client:     &http.Client{Transport: noDial},
			want:       probe.Refused,
			wantDetail: "not an http(s) URL",
		},
		{
			name:       "no key: nothing sent",
			target:     probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: "https://api.getaptly.com"},
			client:     &http.Client{Transport: noDial},
			want:       probe.Skipped,
			wantDetail: "no key",
		},
		{
			name:       "no board ID: nothing sent",
			target:     probe.Target{BaseURL: "https://api.getaptly.com", Key: leadsKey},
			client:     &http.Client{Transport: noDial},
			want:       probe.Skipped,
			wantDetail: "no board ID",
		},
		{
			name:        "429 once, then served",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: throttledOnce.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.LegacyFields),
			wantAttempt: 2,
			wantWaited:  2 * time.Second,
			wantRetry:   2 * time.Second,
		},
		{
			name:        "429 twice is rate-limited",
			target:      probe.Target{BoardID: "4EMDSYKirhQaNdQKz", BaseURL: throttled.URL, Generation: aptly.Core, Key: companyKey},
			want:        probe.RateLimited,
			wantStatus:  429,
			wantAttempt: 2,
			wantWaited:  7 * time.Second,
			wantRetry:   7 * time.Second,
			wantDetail:  "asked to wait 7s",
		},
		{
			name:        "Retry-After beyond the cap waits the cap",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: throttledLong.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.LegacyFields),
			wantAttempt: 2,
			wantWaited:  probe.DefaultRetryAfterCap,
			wantRetry:   time.Hour,
		},
		{
			name:        "Retry-After as an HTTP date",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: throttledDate.URL, Generation: aptly.Legacy, Key: leadsKey},
			now:         time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC),
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.LegacyFields),
			wantAttempt: 2,
			wantWaited:  10 * time.Second,
			wantRetry:   10 * time.Second,
		},
		{
			name:        "TLS server trusted through its client",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: secure.URL, Generation: aptly.Legacy, Key: leadsKey},
			client:      secure.Client(),
			want:        probe.Opens,
			wantStatus:  200,
			wantFields:  len(aptlytest.LegacyFields),
			wantAttempt: 1,
		},
		{
			name:        "TLS certificate not trusted by default",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: secure.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Unreachable,
			wantAttempt: 2,
			wantDetail:  "TLS certificate is not trusted",
		},
		{
			name:        "verification is turned back on in a client that skipped it",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: secure.URL, Generation: aptly.Legacy, Key: leadsKey},
			client:      insecure,
			want:        probe.Unreachable,
			wantAttempt: 2,
			wantDetail:  "TLS certificate is not trusted",
		},
		{
			name:        "https to a plain http server",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: strings.Replace(legacy.URL, "http://", "https://", 1), Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Unreachable,
			wantAttempt: 2,
			wantDetail:  "did not answer with TLS",
		},
		{
			name:        "nothing listening",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: closedURL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.Unreachable,
			wantAttempt: 2,
			wantDetail:  "connection refused",
		},
		{
			name:        "a key the server repeats is masked",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: echo.URL, Generation: aptly.Legacy, Key: leadsKey},
			want:        probe.WrongKey,
			wantStatus:  401,
			wantAttempt: 2,
			wantDetail:  "is not valid",
		},
		{
			name:        "200 that is not a schema",
			target:      probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: notAptly.URL, Key: leadsKey},
			want:        probe.Unreachable,
			wantStatus:  200,
			wantAttempt: 1,
			wantDetail:  "not an Aptly board schema",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &sleeper{}
			o := probe.Options{Client: tt.client, Timeout: tt.timeout, Sleep: s.Sleep}
			if !tt.now.IsZero() {
				o.Now = func() time.Time { return tt.now }
			}
			outs := probe.Run(context.Background(), []probe.Target{tt.target}, o)
			if len(outs) != 1 {
				t.Fatalf("got %d outcomes, want 1", len(outs))
			}
			got := outs[0]
			if got.Verdict != tt.want || got.Status != tt.wantStatus {
				t.Errorf("verdict %q status %d, want %q %d (detail: %s)", got.Verdict, got.Status, tt.want, tt.wantStatus, got.Detail)
			}
			if got.FieldCount != tt.wantFields || len(got.Fields) != tt.wantFields {
				t.Errorf("field count %d (%d fields), want %d", got.FieldCount, len(got.Fields), tt.wantFields)
			}
			if got.Attempts != tt.wantAttempt || len(got.Requests) != tt.wantAttempt {
				t.Errorf("attempts %d, requests %q, want %d", got.Attempts, got.Requests, tt.wantAttempt)
			}
			if !strings.Contains(got.Detail, tt.wantDetail) {
				t.Errorf("detail %q does not say %q", got.Detail, tt.wantDetail)
			}
			if tt.wantWaited != 0 && (got.Waited != tt.wantWaited || s.total() != tt.wantWaited) {
				t.Errorf("waited %s (slept %s), want %s", got.Waited, s.total(), tt.wantWaited)
			}
			if got.RetryAfter != tt.wantRetry {
				t.Errorf("retry after %s, want %s", got.RetryAfter, tt.wantRetry)
			}
			if tt.wantReqs != nil && strings.Join(got.Requests, "\n") != strings.Join(tt.wantReqs, "\n") {
				t.Errorf("requests %q, want %q", got.Requests, tt.wantReqs)
			}
			if got.Target.BoardID != tt.target.BoardID {
				t.Errorf("outcome is for board %q, want %q", got.Target.BoardID, tt.target.BoardID)
			}
			assertKeyHidden(t, string(tt.target.Key), got)
		})
	}

	t.Run("only GET, key only in the header", func(t *testing.T) {
		assertReadOnly(t, all...)
		for _, s := range all {
			for _, r := range s.Requests() {
				if got := r.Header.Get("X-Token"); got != "" && (got == leadsKey || got == rentalsKey || got == companyKey || got == expiredKey) {
					t.Errorf("%s logged the key unmasked", s)
				}
			}
		}
	})
	t.Run("the other host never saw the key", func(t *testing.T) {
		for _, r := range other.Requests() {
			if r.Token {
				t.Errorf("the redirect target got a request with a key: %s %s", r.Method, r.Path)
			}
		}
		if n := len(other.Requests()); n != 0 {
			t.Errorf("the redirect target got %d requests, want none", n)
		}
	})
	t.Run("refused targets opened no connection", func(t *testing.T) {
		if n := noDial.count(); n != 0 {
			t.Errorf("%d requests reached the transport, want none", n)
		}
	})
}

func TestRunNoTargets(t *testing.T) {
	rt := &countingTransport{}
	progress := 0
	outs := probe.Run(context.Background(), nil, probe.Options{
		Client:   &http.Client{Transport: rt},
		Progress: func(int, int, probe.Target) { progress++ },
	})
	if len(outs) != 0 || rt.count() != 0 || progress != 0 {
		t.Errorf("got %d outcomes, %d requests, %d progress calls; want none", len(outs), rt.count(), progress)
	}
	if probe.NoneReached(outs) {
		t.Error("an empty run counts as unreached; nothing was tried")
	}
}

func TestRunManyRateLimited(t *testing.T) {
	const n, allowed = 100, 30
	srv := aptlytest.New(aptlytest.Core(companyKey), aptlytest.RateLimit(allowed, 0, "1"),
		aptlytest.WithBoards(aptlytest.Board{ID: "4EMDSYKirhQaNdQKz"}))
	closeAll(t, srv)
	targets := make([]probe.Target, n)
	for i := range targets {
		targets[i] = probe.Target{Env: "prod", Board: fmt.Sprintf("board-%03d", i), BoardID: "4EMDSYKirhQaNdQKz", BaseURL: srv.URL, Generation: aptly.Core, Key: companyKey}
	}
	s := &sleeper{}
	var (
		mu    sync.Mutex
		calls int
		last  int
	)
	outs := probe.Run(context.Background(), targets, probe.Options{Jobs: 4, Sleep: s.Sleep, Progress: func(done, total int, _ probe.Target) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if done != last+1 || total != n {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	}})
	if len(outs) != n || calls != n {
		t.Fatalf("got %d outcomes and %d progress calls, want %d", len(outs), calls, n)
	}
	count := map[probe.Verdict]int{}
	for i, o := range outs {
		if o.Target.Board != targets[i].Board {
			t.Errorf("outcome %d is for %q, want %q", i, o.Target.Board, targets[i].Board)
		}
		count[o.Verdict]++
	}
	if count[probe.Opens] != allowed || count[probe.RateLimited] != n-allowed {
		t.Errorf("verdicts %v, want %d opens and %d rate-limited", count, allowed, n-allowed)
	}
	if got, want := len(srv.Requests()), allowed+2*(n-allowed); got != want {
		t.Errorf("server saw %d requests, want %d", got, want)
	}
	if probe.NoneReached(outs) {
		t.Error("rate-limited boards were reached")
	}
	assertReadOnly(t, srv)
}

func TestRunCancelled(t *testing.T) {
	srv := aptlytest.New(aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey}))
	closeAll(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	targets := []probe.Target{
		{BoardID: "JShpBxEFgRmZnivTf", BaseURL: srv.URL, Key: leadsKey},
		{BoardID: "JShpBxEFgRmZnivTf", BaseURL: srv.URL, Key: leadsKey},
	}
	outs := probe.Run(ctx, targets, probe.Options{})
	for i, o := range outs {
		if o.Verdict != probe.Unreachable || !strings.Contains(o.Detail, "cancelled") || o.Attempts > 1 {
			t.Errorf("outcome %d: %q after %d attempts (%s), want unreachable: cancelled, no retry", i, o.Verdict, o.Attempts, o.Detail)
		}
	}
	if !probe.NoneReached(outs) {
		t.Error("a cancelled run reached nothing")
	}
}

func TestSchema(t *testing.T) {
	legacy := aptlytest.New(aptlytest.WithBoards(
		aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey},
		aptlytest.Board{ID: "noSchemaBoard0001", Key: leadsKey, NoSchema: true, Cards: cards},
	))
	core := aptlytest.New(aptlytest.Core(companyKey), aptlytest.WithBoards(aptlytest.Board{ID: "4EMDSYKirhQaNdQKz"}))
	closeAll(t, legacy, core)

	tests := []struct {
		name      string
		target    probe.Target
		wantFirst string // first field, as Name or Key/Label
		wantErr   error
		wantVerd  probe.Verdict
	}{
		{name: "legacy", target: probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey}, wantFirst: "Name//text"},
		{name: "core", target: probe.Target{BoardID: "4EMDSYKirhQaNdQKz", BaseURL: core.URL, Generation: aptly.Core, Key: companyKey}, wantFirst: "/AtRqjs5M5gXsBAxYa/Name/text"},
		{name: "wrong key", target: probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: rentalsKey}, wantVerd: probe.WrongKey},
		{name: "no schema endpoint", target: probe.Target{BoardID: "noSchemaBoard0001", BaseURL: legacy.URL, Generation: aptly.Legacy, Key: leadsKey}, wantErr: probe.ErrNoSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, err := probe.Schema(context.Background(), tt.target, probe.Options{})
			var pe *probe.Error
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v, want %v", err, tt.wantErr)
				}
			case tt.wantVerd != "":
				if !errors.As(err, &pe) || pe.Outcome.Verdict != tt.wantVerd {
					t.Errorf("error %v, want a probe error with verdict %q", err, tt.wantVerd)
				}
			case err != nil:
				t.Fatalf("unexpected error: %v", err)
			case len(fields) == 0:
				t.Fatal("no fields")
			default:
				f := fields[0]
				first := f.Name + "/" + f.Key + "/" + f.Label + "/" + f.Type
				if tt.target.Generation == aptly.Legacy {
					first = f.Name + "//" + f.Type
				}
				if first != tt.wantFirst {
					t.Errorf("first field %q, want %q", first, tt.wantFirst)
				}
			}
			if err != nil && strings.Contains(err.Error(), string(tt.target.Key)) {
				t.Errorf("the error shows the key: %v", err)
			}
		})
	}
}

func TestSchemaOptions(t *testing.T) {
	srv := aptlytest.New(aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: leadsKey, Fields: []aptlytest.Field{
		{Name: "Status", Type: "select", Options: []string{"New", "Contacted", "Leased"}},
		{Name: "Pets", Type: "multiselect", Options: []string{"Dog", "Cat"}},
	}}))
	closeAll(t, srv)
	fields, err := probe.Schema(context.Background(), probe.Target{BoardID: "JShpBxEFgRmZnivTf", BaseURL: srv.URL, Key: leadsKey}, probe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(fields[0].Options, fields[1].Options)
	if want := "[New Contacted Leased] [Dog Cat]"; got != want {
		t.Errorf("options %s, want %s", got, want)
	}
}

func TestToken(t *testing.T) {
	const key = "Lk7PqR2sT9vWxYz3A"
	tok := probe.Token(key)
	for _, verb := range []string{"%s", "%v", "%+v", "%#v", "%q", "%x", "%X", "%d"} {
		t.Run(verb, func(t *testing.T) {
			got := fmt.Sprintf(verb, tok)
			if strings.Contains(got, key) || strings.Contains(got, fmt.Sprintf("%x", key)) || !strings.Contains(got, "z3A") {
				t.Errorf("%s shows %q, want the mask only", verb, got)
			}
		})
	}
}
