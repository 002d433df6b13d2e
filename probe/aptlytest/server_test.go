package aptlytest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/probe/aptlytest"
)

const (
	boardKey   = "Lk7PqR2sT9vWxYz3A"
	companyKey = "cmp_live_7f3a9c2e4b1d8f6a"
)

func send(t *testing.T, c *http.Client, method, url, key string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(`{"Name":"Ada"}`))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("x-token", key)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSpace(string(body)), resp.Header
}

func TestLegacy(t *testing.T) {
	s := aptlytest.New(aptlytest.WithBoards(
		aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Key: boardKey, Cards: []map[string]any{{"_id": "c1", "Name": "Ada"}}},
		aptlytest.Board{ID: "K9mMGGjKgQPqDykaa", Key: "Rm4NbQ8cV2dXfGh6J"},
	))
	defer s.Close()
	tests := []struct {
		name, method, path, key string
		wantStatus              int
		wantBody                string // a part of it
	}{
		{name: "schema", method: "GET", path: "/api/schema/JShpBxEFgRmZnivTf", key: boardKey, wantStatus: 200, wantBody: `{"name":"Status","options":["New","Contacted","Leased"],"type":"select"}`},
		{name: "no key", method: "GET", path: "/api/schema/JShpBxEFgRmZnivTf", wantStatus: 401, wantBody: `{"error":"Unauthorized"}`},
		{name: "another board's key", method: "GET", path: "/api/schema/K9mMGGjKgQPqDykaa", key: boardKey, wantStatus: 401, wantBody: `{"error":"Unauthorized"}`},
		{name: "unknown board", method: "GET", path: "/api/schema/4EMDSYKirhQaNdQKz", key: boardKey, wantStatus: 404, wantBody: `{"error":"Not found"}`},
		{name: "cards page 0", method: "GET", path: "/api/aptlet/JShpBxEFgRmZnivTf?page=0", key: boardKey, wantStatus: 200, wantBody: `[{"Name":"Ada","_id":"c1"}]`},
		{name: "cards past the end", method: "GET", path: "/api/aptlet/JShpBxEFgRmZnivTf?page=1", key: boardKey, wantStatus: 200, wantBody: `[]`},
		{name: "card write", method: "POST", path: "/api/aptlet/JShpBxEFgRmZnivTf", key: boardKey, wantStatus: 200, wantBody: `{"_id":`},
		{name: "schema is read-only", method: "POST", path: "/api/schema/JShpBxEFgRmZnivTf", key: boardKey, wantStatus: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := send(t, s.Client(), tt.method, s.URL+tt.path, tt.key)
			if code != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("%d %s, want %d with %s", code, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
	reqs := s.Requests()
	if len(reqs) != len(tests) {
		t.Fatalf("logged %d requests, want %d", len(reqs), len(tests))
	}
	posts := 0
	for _, r := range reqs {
		if r.Method == "POST" {
			posts++
		}
		if v := r.Header.Get("X-Token"); strings.Contains(v, boardKey) || (r.Token && !strings.Contains(v, "sha256:")) {
			t.Errorf("logged x-token %q, want it masked", v)
		}
	}
	if posts != 2 {
		t.Errorf("logged %d POSTs, want 2", posts)
	}
}

func TestCore(t *testing.T) {
	s := aptlytest.New(aptlytest.Core(companyKey), aptlytest.ExpiredKeys("cmp_old"), aptlytest.WithBoards(
		aptlytest.Board{ID: "4EMDSYKirhQaNdQKz", Name: "Leads"},
		aptlytest.Board{ID: "MJxaStgENouWrNEKd", Name: "Closed", APIDisabled: true},
	))
	defer s.Close()
	tests := []struct {
		name, path, key string
		wantStatus      int
		wantBody        string
	}{
		{name: "schema", path: "/api/schema/4EMDSYKirhQaNdQKz", key: companyKey, wantStatus: 200, wantBody: `[{"key":"AtRqjs5M5gXsBAxYa","label":"Name","type":"text"}`},
		{name: "boards leave out API-off boards", path: "/api/boards", key: companyKey, wantStatus: 200, wantBody: `{"data":[{"endpoints":`},
		{name: "card page", path: "/api/board/4EMDSYKirhQaNdQKz?page=0&pageSize=1", key: companyKey, wantStatus: 200, wantBody: `{"count":0,"data":[],"page":0,"pageSize":1}`},
		{name: "expired key", path: "/api/schema/4EMDSYKirhQaNdQKz", key: "cmp_old", wantStatus: 401, wantBody: `"message":"API key has expired"`},
		{name: "API off", path: "/api/schema/MJxaStgENouWrNEKd", key: companyKey, wantStatus: 403, wantBody: `not enabled`},
		{name: "not in company", path: "/api/schema/K9mMGGjKgQPqDykaa", key: companyKey, wantStatus: 404, wantBody: `within your company`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := send(t, s.Client(), "GET", s.URL+tt.path, tt.key)
			if code != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("%d %s, want %d with %s", code, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
	_, body, _ := send(t, s.Client(), "GET", s.URL+"/api/boards", companyKey)
	var list struct {
		Data []struct{ UUID string }
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Data) != 1 || list.Data[0].UUID != "4EMDSYKirhQaNdQKz" {
		t.Errorf("boards %s, want only the API-enabled board", body)
	}
}

func TestKnobs(t *testing.T) {
	t.Run("rate limit", func(t *testing.T) {
		s := aptlytest.New(aptlytest.RateLimit(1, 0, "5"), aptlytest.WithBoards(aptlytest.Board{ID: "b", Key: boardKey}))
		defer s.Close()
		if code, _, _ := send(t, s.Client(), "GET", s.URL+"/api/schema/b", boardKey); code != 200 {
			t.Errorf("first request got %d, want 200", code)
		}
		code, body, h := send(t, s.Client(), "GET", s.URL+"/api/schema/b", boardKey)
		if code != 429 || h.Get("Retry-After") != "5" || body != `{"reason":"Rate limit exceeded. Try again shortly."}` {
			t.Errorf("second request got %d %s Retry-After %q", code, body, h.Get("Retry-After"))
		}
	})
	t.Run("broken board and redirect", func(t *testing.T) {
		s := aptlytest.New(aptlytest.WithBoards(
			aptlytest.Board{ID: "broken", Status: 500},
			aptlytest.Board{ID: "moved", RedirectTo: "https://elsewhere.example/api/schema/x"},
		))
		defer s.Close()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		if code, _, _ := send(t, c, "GET", s.URL+"/api/schema/broken", boardKey); code != 500 {
			t.Errorf("broken board got %d, want 500", code)
		}
		code, _, h := send(t, c, "GET", s.URL+"/api/schema/moved", boardKey)
		if code != 302 || h.Get("Location") != "https://elsewhere.example/api/schema/x" {
			t.Errorf("moved board got %d to %q", code, h.Get("Location"))
		}
	})
	t.Run("TLS", func(t *testing.T) {
		s := aptlytest.New(aptlytest.TLS(), aptlytest.WithBoards(aptlytest.Board{ID: "b", Key: boardKey}))
		defer s.Close()
		if !strings.HasPrefix(s.URL, "https://") || s.CertPool() == nil {
			t.Fatalf("TLS server at %s without a certificate pool", s.URL)
		}
		if code, _, _ := send(t, s.Client(), "GET", s.URL+"/api/schema/b", boardKey); code != 200 {
			t.Errorf("got %d, want 200", code)
		}
	})
}
