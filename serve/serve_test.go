package serve

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/probe"
	"github.com/aptly-doctor/aptly-doctor/probe/aptlytest"
)

// Keys and boards of the test config: production is legacy (a key per
// board), staging is core (one company key).
const (
	leadsID   = "JShpBxEFgRmZnivTf"
	ownersID  = "K9mMGGjKgQPqDykaa"
	stagingID = "4EMDSYKirhQaNdQKz"
	leadsKey  = "leadsKEY7xq2mP9wZt"
	ownersKey = "ownersKEY4hT8nR2vYc"
	stageKey  = "stageKEY9pL3sW6qJd"
	wrongKey  = "wrongKEY5bN7cX2mKf"
)

const testConfig = `version: 1
environments:
  production:
    base_url: https://api.getaptly.com
    boards:
      leads:
        id: ` + leadsID + `
        key_env: LEADS_KEY
        fields:
          - {name: Name, type: text}
          - {name: Status, type: select, options: [New, Contacted, Leased]}
      owners:
        id: ` + ownersID + `
        key_env: OWNERS_KEY
  staging:
    base_url: https://core-api.getaptly.com
    key_env: STAGE_KEY
    boards:
      leads: {id: ` + stagingID + `}
`

func loadConfig(t testing.TB) *config.Config {
	t.Helper()
	vars := map[string]string{"LEADS_KEY": leadsKey, "OWNERS_KEY": ownersKey, "STAGE_KEY": stageKey}
	cfg, problems := config.Load("aptly-doctor.yaml", []byte(testConfig), func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	})
	if len(problems) > 0 || cfg == nil {
		t.Fatalf("test config: %v", problems)
	}
	return cfg
}

// start serves a Server on loopback and returns it with its URL.
func start(t testing.TB, o Options) (*Server, string) {
	t.Helper()
	if o.Runner == nil {
		o.Runner = &checks.Runner{Checks: checks.All, Opts: &checks.Options{}}
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

type sent struct {
	method, path, key, contentType, body string
}

type got struct {
	status   int
	body     string
	header   http.Header
	findings string
}

func send(t testing.TB, base string, r sent) got {
	t.Helper()
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.key != "" {
		req.Header.Set("x-token", r.key)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return got{status: resp.StatusCode, body: string(b), header: resp.Header, findings: resp.Header.Get("X-Aptly-Doctor-Findings")}
}

// noRedirects shows the answer as it came, as a test of a redirect needs.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func post(path, key, body string) sent {
	return sent{method: "POST", path: path, key: key, contentType: "application/json", body: body}
}

// findingIDs lists the check IDs of a result's findings.
func findingIDs(tr checks.TargetResult) []string {
	var ids []string
	for _, f := range tr.Findings {
		ids = append(ids, f.Check)
	}
	return ids
}

func TestAnswers(t *testing.T) {
	tests := []struct {
		name       string
		config     bool
		envs       []string
		req        sent
		wantStatus int
		wantBody   string // exact; "" skips
		wantLead   string // check ID at the head of X-Aptly-Doctor; "ok" for none
	}{
		{name: "legacy write succeeds", req: post("/api/aptlet/"+leadsID, leadsKey, `{"Name":"Ann"}`),
			wantStatus: 200, wantLead: "ok"},
		{name: "no key is 401", req: post("/api/aptlet/"+leadsID, "", `{"Name":"Ann"}`),
			wantStatus: 401, wantBody: UnauthorizedBody, wantLead: "AD202"},
		{name: "Bearer is 401", req: sent{method: "POST", path: "/api/aptlet/" + leadsID, contentType: "application/json", body: `{}`},
			wantStatus: 401, wantBody: UnauthorizedBody, wantLead: "AD202"},
		{name: "key of another board is 401", config: true, req: post("/api/aptlet/"+leadsID, ownersKey, `{"Name":"Ann"}`),
			wantStatus: 401, wantBody: UnauthorizedBody, wantLead: "AD302"},
		{name: "key the config does not know is 401", config: true, req: post("/api/aptlet/"+leadsID, wrongKey, `{"Name":"Ann"}`),
			wantStatus: 401, wantBody: UnauthorizedBody, wantLead: "AD501"},
		{name: "board unknown to the config is 404", config: true, req: post("/api/aptlet/MJxaStgENouWrNEKd", leadsKey, `{"Name":"Ann"}`),
			wantStatus: 404, wantBody: NotFoundBody, wantLead: "AD501"},
		{name: "board of another environment is 404", config: true, envs: []string{"staging"},
			req:        post("/api/board/"+leadsID, stageKey, `{"Name":"Ann"}`),
			wantStatus: 404, wantBody: NotFoundBody, wantLead: "AD303"},
		{name: "malformed JSON is 400", req: post("/api/aptlet/"+leadsID, leadsKey, "{\"Name\": \"Ann\",}"),
			wantStatus: 400, wantBody: BadRequestBody, wantLead: "AD101"},
		{name: "no Content-Type is 400", req: sent{method: "POST", path: "/api/aptlet/" + leadsID, key: leadsKey, body: `{"Name":"Ann"}`},
			wantStatus: 400, wantBody: BadRequestBody, wantLead: "AD201"},
		{name: "empty body is 400", req: post("/api/aptlet/"+leadsID, leadsKey, ""),
			wantStatus: 400, wantBody: BadRequestBody, wantLead: "AD101"},
		{name: "update of a card never made is 404", req: post("/api/aptlet/"+leadsID, leadsKey, `{"_id":"Zq3ZkWc3mPaT9rEyd","Name":"Ann"}`),
			wantStatus: 404, wantBody: NotFoundBody, wantLead: "AD501"},
		{name: "unknown path is 404", req: sent{method: "GET", path: "/api/aptlets/" + leadsID, key: leadsKey},
			wantStatus: 404, wantBody: NotFoundBody, wantLead: "AD204"},
		{name: "duplicate key still succeeds", req: post("/api/board/"+stagingID, stageKey, `{"name":"Ann","name":"Bo"}`),
			wantStatus: 200, wantLead: "AD104"},
		{name: "unknown field still succeeds", config: true, req: post("/api/aptlet/"+leadsID, leadsKey, `{"Nmae":"Ann"}`),
			wantStatus: 200, wantLead: "AD105"},
		{name: "placeholder still succeeds", req: post("/api/aptlet/"+leadsID, leadsKey, `{"Name":"{{name}}"}`),
			wantStatus: 200, wantLead: "AD108"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := &checks.Options{}
			if tt.config {
				opts.Config = loadConfig(t)
				for _, n := range tt.envs {
					e, _ := opts.Config.Env(n)
					opts.Envs = append(opts.Envs, e)
				}
			}
			s, base := start(t, Options{Runner: &checks.Runner{Checks: checks.All, Opts: opts}})
			req := tt.req
			if tt.name == "Bearer is 401" {
				r, _ := http.NewRequest(req.method, base+req.path, strings.NewReader(req.body))
				r.Header.Set("Content-Type", req.contentType)
				r.Header.Set("Authorization", "Bearer "+leadsKey)
				resp, err := http.DefaultClient.Do(r)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != tt.wantStatus || !strings.HasPrefix(resp.Header.Get("X-Aptly-Doctor"), tt.wantLead) {
					t.Fatalf("got %d %q", resp.StatusCode, resp.Header.Get("X-Aptly-Doctor"))
				}
				return
			}
			g := send(t, base, req)
			if g.status != tt.wantStatus {
				t.Errorf("status %d, want %d (body %s, %s)", g.status, tt.wantStatus, g.body, g.header.Get("X-Aptly-Doctor"))
			}
			if tt.wantBody != "" && g.body != tt.wantBody {
				t.Errorf("body %s, want %s", g.body, tt.wantBody)
			}
			lead := g.header.Get("X-Aptly-Doctor")
			if !strings.HasPrefix(lead, tt.wantLead) {
				t.Errorf("X-Aptly-Doctor %q, want it to start with %s", lead, tt.wantLead)
			}
			res := s.Result()
			if len(res) != 1 {
				t.Fatalf("%d results, want 1", len(res))
			}
			if want := fmt.Sprint(len(res[0].Findings)); g.findings != want {
				t.Errorf("X-Aptly-Doctor-Findings %q, want %s (%v)", g.findings, want, findingIDs(res[0]))
			}
			if g.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", g.header.Get("Content-Type"))
			}
			for _, k := range []string{leadsKey, ownersKey, stageKey, wrongKey} {
				if strings.Contains(lead, k) {
					t.Errorf("X-Aptly-Doctor holds a key whole: %q", lead)
				}
			}
		})
	}
}

func TestCardsAreRemembered(t *testing.T) {
	_, base := start(t, Options{})
	tests := []struct {
		name, writePath, getPath string
		idOf                     func(map[string]any) string
		wantRead                 func(map[string]any) map[string]any
	}{
		{
			name: "legacy", writePath: "/api/aptlet/" + leadsID, getPath: "/api/card/",
			idOf:     func(m map[string]any) string { s, _ := m["_id"].(string); return s },
			wantRead: func(m map[string]any) map[string]any { return m },
		},
		{
			name: "core", writePath: "/api/board/" + stagingID, getPath: "/api/board/" + stagingID + "/",
			idOf: func(m map[string]any) string {
				d, _ := m["data"].(map[string]any)
				s, _ := d["_id"].(string)
				return s
			},
			wantRead: func(m map[string]any) map[string]any { d, _ := m["data"].(map[string]any); return d },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := send(t, base, post(tt.writePath, leadsKey, `{"Name":"Ann","Status":"New"}`))
			var m map[string]any
			if err := json.Unmarshal([]byte(g.body), &m); err != nil || g.status != 200 {
				t.Fatalf("create: %d %s", g.status, g.body)
			}
			id := tt.idOf(m)
			if len(id) != 17 || strings.Trim(id, idAlphabet) != "" {
				t.Fatalf("card ID %q is not of Aptly's shape (body %s)", id, g.body)
			}
			g = send(t, base, post(tt.writePath, leadsKey, `{"_id":"`+id+`","Status":"Leased"}`))
			if g.status != 200 || !strings.Contains(g.body, id) {
				t.Fatalf("update: %d %s", g.status, g.body)
			}
			g = send(t, base, sent{method: "GET", path: tt.getPath + id, key: leadsKey})
			if g.status != 200 {
				t.Fatalf("get: %d %s", g.status, g.body)
			}
			if err := json.Unmarshal([]byte(g.body), &m); err != nil {
				t.Fatal(err)
			}
			card := tt.wantRead(m)
			if card["Name"] != "Ann" || card["Status"] != "Leased" || card["_id"] != id {
				t.Errorf("card read back as %s, want Name Ann kept and Status Leased", g.body)
			}
			g = send(t, base, sent{method: "GET", path: tt.getPath + "ZZZZZZZZZZZZZZZZZ", key: leadsKey})
			if g.status != 404 || g.body != NotFoundBody {
				t.Errorf("unknown card: %d %s", g.status, g.body)
			}
		})
	}
	g := send(t, base, sent{method: "GET", path: "/api/aptlet/" + leadsID + "?page=0", key: leadsKey})
	var list []map[string]any
	if err := json.Unmarshal([]byte(g.body), &list); err != nil || len(list) != 1 {
		t.Errorf("legacy list: %s", g.body)
	}
	g = send(t, base, sent{method: "GET", path: "/api/board/" + stagingID + "?page=0", key: leadsKey})
	if !strings.Contains(g.body, `"count":1`) || !strings.Contains(g.body, `"pageSize":20`) {
		t.Errorf("core list: %s", g.body)
	}
}

func TestBodyFindingsPointInsideTheBody(t *testing.T) {
	s, base := start(t, Options{})
	send(t, base, post("/api/aptlet/"+leadsID, leadsKey, "{\n  \"Name\": \"Ann\",\n  \"Name\": \"Bo\"\n}"))
	res := s.Result()
	if len(res) != 1 || len(res[0].Findings) == 0 {
		t.Fatalf("results: %+v", res)
	}
	f := res[0].Findings[0]
	if f.Check != "AD104" || f.Path != "#1 POST /api/aptlet/"+leadsID || f.Line != 3 || f.Col != 3 || !f.InBody {
		t.Errorf("finding %s at %s:%d:%d (in body %v), want AD104 at #1 POST /api/aptlet/%s:3:3 in the body", f.Check, f.Path, f.Line, f.Col, f.InBody, leadsID)
	}
}

func TestQueryKeyIsMaskedInTheName(t *testing.T) {
	s, base := start(t, Options{})
	g := send(t, base, sent{method: "GET", path: "/api/aptlet/" + leadsID + "?page=0&x-token=" + leadsKey})
	if g.status != 200 {
		t.Fatalf("status %d %s", g.status, g.body)
	}
	res := s.Result()
	if strings.Contains(res[0].Path, leadsKey) || !strings.Contains(res[0].Path, "page=0") {
		t.Errorf("target name %q: want the query kept and the key masked", res[0].Path)
	}
	if !strings.Contains(g.header.Get("X-Aptly-Doctor"), "AD203") || strings.Contains(g.header.Get("X-Aptly-Doctor"), leadsKey) {
		t.Errorf("X-Aptly-Doctor %q", g.header.Get("X-Aptly-Doctor"))
	}
}

func TestTooLarge(t *testing.T) {
	s, base := start(t, Options{MaxSize: 64})
	g := send(t, base, post("/api/aptlet/"+leadsID, leadsKey, `{"Name":"`+strings.Repeat("a", 100)+`"}`))
	if g.status != 413 || g.body != TooLargeBody {
		t.Fatalf("got %d %s", g.status, g.body)
	}
	res := s.Result()
	if ids := findingIDs(res[0]); len(ids) != 1 || ids[0] != "AD501" {
		t.Errorf("findings %v, want one AD501", ids)
	}
	if !strings.HasPrefix(g.header.Get("X-Aptly-Doctor"), "AD501 Aptly answered 413") {
		t.Errorf("X-Aptly-Doctor %q", g.header.Get("X-Aptly-Doctor"))
	}
}

// clock is a hand-moved clock for the rate limiter.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestLimiter(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(c.now)
	for i := range perSecond {
		if ok, _ := l.allow("k"); !ok {
			t.Fatalf("request %d of a burst of 20 refused", i+1)
		}
	}
	if ok, wait := l.allow("k"); ok || wait != 1 {
		t.Errorf("21st request in a second: allowed %v, wait %d; want refused, wait 1", ok, wait)
	}
	if ok, _ := l.allow("other"); !ok {
		t.Error("another key shares the limit")
	}
	// 20 a second for six seconds reaches 120 in the minute.
	for s := 1; s < 6; s++ {
		c.add(time.Second)
		for i := range perSecond {
			if ok, _ := l.allow("k"); !ok {
				t.Fatalf("second %d, request %d refused", s, i+1)
			}
		}
	}
	c.add(time.Second)
	ok, wait := l.allow("k")
	if ok || wait != 54 {
		t.Errorf("121st request in a minute: allowed %v, wait %d; want refused, wait 54", ok, wait)
	}
	c.add(54 * time.Second)
	if ok, _ := l.allow("k"); !ok {
		t.Error("still refused once the minute has passed")
	}
}

func TestRateLimitAnswer(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s, base := start(t, Options{RateLimit: true, Now: c.now})
	for range perSecond {
		if g := send(t, base, sent{method: "GET", path: "/api/aptlet/" + leadsID, key: leadsKey}); g.status != 200 {
			t.Fatalf("status %d before the limit", g.status)
		}
	}
	g := send(t, base, sent{method: "GET", path: "/api/aptlet/" + leadsID, key: leadsKey})
	if g.status != 429 || g.body != RateLimitBody || g.header.Get("Retry-After") != "1" {
		t.Fatalf("got %d %s Retry-After %q", g.status, g.body, g.header.Get("Retry-After"))
	}
	res := s.Result()
	last := res[len(res)-1]
	if ids := findingIDs(last); len(ids) != 1 || ids[0] != "AD501" || !strings.Contains(last.Findings[0].Message, "1 second") {
		t.Errorf("429 findings %v %v", ids, last.Findings)
	}
	// Off: the same burst goes through.
	_, base = start(t, Options{RateLimit: false, Now: c.now})
	for i := range perSecond + 5 {
		if g := send(t, base, sent{method: "GET", path: "/api/aptlet/" + leadsID, key: leadsKey}); g.status != 200 {
			t.Fatalf("request %d: status %d with the rate limit off", i+1, g.status)
		}
	}
}

func TestConcurrentRequestsAreEachReportedOnceInArrivalOrder(t *testing.T) {
	var live strings.Builder
	var mu sync.Mutex
	s, base := start(t, Options{Live: writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return live.Write(p)
	}), Record: true})
	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"Name":"n%d","Name":"dup"}`, i)
			if g := send(t, base, post("/api/aptlet/"+leadsID, leadsKey, body)); g.status != 200 {
				t.Errorf("status %d", g.status)
			}
		}()
	}
	wg.Wait()
	res := s.Result()
	if len(res) != n {
		t.Fatalf("%d results, want %d", len(res), n)
	}
	for i, tr := range res {
		want := fmt.Sprintf("#%d POST /api/aptlet/%s", i+1, leadsID)
		if tr.Path != want {
			t.Errorf("result %d is %q, want %q", i, tr.Path, want)
		}
		if len(tr.Findings) != 1 {
			t.Errorf("%s: %d findings, want 1", tr.Path, len(tr.Findings))
		}
	}
	if got := strings.Count(live.String(), "\n"); got != n {
		t.Errorf("%d live lines, want %d", got, n)
	}
	har, err := s.HAR()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Log struct {
			Entries []json.RawMessage
		}
	}
	if err := json.Unmarshal(har, &doc); err != nil || len(doc.Log.Entries) != n {
		t.Errorf("HAR: %d entries, err %v", len(doc.Log.Entries), err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestUpstream(t *testing.T) {
	up := aptlytest.New(aptlytest.WithBoards(
		aptlytest.Board{ID: leadsID, Key: leadsKey},
		aptlytest.Board{ID: ownersID, Key: ownersKey, RedirectTo: "/api/aptlet/" + leadsID},
	))
	t.Cleanup(up.Close)
	u, why := probe.BaseURL(up.URL)
	if u == nil {
		t.Fatal(why)
	}
	s, base := start(t, Options{Upstream: u, Record: true, RateLimit: true})
	tests := []struct {
		name       string
		req        sent
		wantStatus int
		wantBody   string
		wantLead   string
	}{
		{name: "success passes through", req: post("/api/aptlet/"+leadsID, leadsKey, `{"Name":"Ann"}`),
			wantStatus: 200, wantBody: `{"_id":"JShpBxEFgRmZnivTf"}` + "\n", wantLead: "ok"},
		{name: "401 tied to the missing key", req: post("/api/aptlet/"+leadsID, "", `{"Name":"Ann"}`),
			wantStatus: 401, wantBody: UnauthorizedBody + "\n", wantLead: "AD501 Aptly answered 401 {\"error\":\"Unauthorized\"}; this is why: [AD202]"},
		{name: "redirect not followed", req: sent{method: "GET", path: "/api/aptlet/" + ownersID, key: ownersKey},
			wantStatus: 302, wantLead: "AD501"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := send(t, base, tt.req)
			if g.status != tt.wantStatus {
				t.Fatalf("status %d, want %d (%s)", g.status, tt.wantStatus, g.body)
			}
			if tt.wantBody != "" && g.body != tt.wantBody {
				t.Errorf("body %q, want the upstream's %q unchanged", g.body, tt.wantBody)
			}
			if lead := g.header.Get("X-Aptly-Doctor"); !strings.HasPrefix(lead, tt.wantLead) {
				t.Errorf("X-Aptly-Doctor %q, want %s first", lead, tt.wantLead)
			}
			if tt.wantStatus == 302 && g.header.Get("Location") != "/api/aptlet/"+leadsID {
				t.Errorf("Location %q", g.header.Get("Location"))
			}
		})
	}
	res := s.Result()
	if len(res) != len(tests) {
		t.Fatalf("%d results", len(res))
	}
	var ad501 *checks.Finding
	for i, f := range res[1].Findings {
		if f.Check == "AD501" {
			ad501 = &res[1].Findings[i]
		}
	}
	if ad501 == nil || !strings.Contains(ad501.Message, "[AD202]") {
		t.Errorf("the 401 has no AD501 tied to AD202: %+v", res[1].Findings)
	}
	if got := len(up.Requests()); got != len(tests) {
		t.Errorf("upstream got %d requests, want %d (a redirect must not be followed)", got, len(tests))
	}
	if h := up.Requests()[0].Header.Get("Content-Type"); h != "application/json" {
		t.Errorf("upstream saw Content-Type %q: the request was changed", h)
	}
	har, err := s.HAR()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{leadsKey, ownersKey} {
		if strings.Contains(string(har), k) {
			t.Errorf("HAR holds a key whole")
		}
	}
	for _, want := range []string{`"version": "1.2"`, up.URL + "/api/aptlet/" + leadsID, `"status": 302`, "REDACTED-"} {
		if !strings.Contains(string(har), want) {
			t.Errorf("HAR lacks %s", want)
		}
	}
}

func TestUpstreamUnreachable(t *testing.T) {
	u, _ := probe.BaseURL("http://127.0.0.1:1")
	s, base := start(t, Options{Upstream: u})
	g := send(t, base, post("/api/aptlet/"+leadsID+"?x-token="+leadsKey, "", `{"Name":"Ann"}`))
	if g.status != 502 || g.body != BadGatewayBody {
		t.Fatalf("got %d %s", g.status, g.body)
	}
	res := s.Result()
	notes := strings.Join(res[0].Notes, "\n")
	if !strings.Contains(notes, "could not be reached") || strings.Contains(notes, leadsKey) {
		t.Errorf("notes %q: want the reason, with the key masked", notes)
	}
}

func TestPreflightIsAnsweredNotJudged(t *testing.T) {
	s, base := start(t, Options{})
	req, _ := http.NewRequest("OPTIONS", base+"/api/aptlet/"+leadsID, nil)
	req.Header.Set("Origin", "http://localhost:3000")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type, x-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Headers") != "content-type, x-token" {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	if n := len(s.Result()); n != 0 {
		t.Errorf("a preflight became %d targets", n)
	}
	g := send(t, base, post("/api/aptlet/"+leadsID, leadsKey, `{"Name":"Ann"}`))
	if g.header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(g.header.Get("Access-Control-Expose-Headers"), "X-Aptly-Doctor") {
		t.Errorf("answer headers %v", g.header)
	}
	if res := s.Result(); len(res) != 1 || res[0].Path != "#1 POST /api/aptlet/"+leadsID {
		t.Errorf("results %+v", res)
	}
}

// TestConfigWithoutBoardsKnowsNoBoard: a config that lists no boards (a core
// company key alone) cannot call a board unknown; its key still counts.
func TestConfigWithoutBoardsKnowsNoBoard(t *testing.T) {
	cfg, problems := config.Load("aptly-doctor.yaml", []byte(`version: 1
environments:
  staging:
    base_url: https://core-api.getaptly.com
    key_env: STAGE_KEY
`), func(k string) (string, bool) { return stageKey, k == "STAGE_KEY" })
	if cfg == nil {
		t.Fatalf("config: %v", problems)
	}
	_, base := start(t, Options{Runner: &checks.Runner{Checks: checks.All, Opts: &checks.Options{Config: cfg}}})
	if g := send(t, base, post("/api/board/"+stagingID, stageKey, `{"name":"Ann"}`)); g.status != 200 {
		t.Errorf("a board of a config without boards: %d %s", g.status, g.body)
	}
}
