// Package aptlytest runs an Aptly-like API server on the loopback interface
// for tests: real HTTP through net/http/httptest, answering the read and
// write endpoints of either API generation the way Aptly's documents say,
// with knobs for the failures a probe must survive (rate limits, broken
// boards, slow answers, redirects, TLS). Every request is recorded, with the
// key masked, so a test can assert what was sent and what was not.
package aptlytest

import (
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Field is one field of a test board. Legacy boards answer with Name;
// core boards with Key and Label.
type Field struct {
	Name    string
	Key     string
	Label   string
	Type    string
	Options []string
}

// Board is one board the server knows.
type Board struct {
	ID   string
	Name string
	// Key is the board's own key (legacy). Core boards are opened by the
	// server's company key instead.
	Key    string
	Fields []Field // nil: LegacyFields or CoreFields, by generation
	Cards  []map[string]any

	// APIDisabled makes a core board answer 403 and leaves it out of
	// /api/boards.
	APIDisabled bool
	// NoSchema makes the legacy schema endpoint answer 404 for this board,
	// as a host without it would, while its card list still works.
	NoSchema bool
	// Status, when not zero, is the only answer the board ever gives (500
	// for a broken board), with a JSON error body.
	Status int
	// Delay holds every answer about this board back, until the client
	// gives up.
	Delay time.Duration
	// RedirectTo, when set, answers every request about this board with a
	// redirect there: a path on this server or a full URL elsewhere.
	RedirectTo   string
	RedirectCode int // 302 when zero
}

// LegacyFields is a realistic legacy board: fields named as people see them.
var LegacyFields = []Field{
	{Name: "Name", Type: "text"},
	{Name: "Email", Type: "email"},
	{Name: "Phone", Type: "phone"},
	{Name: "Status", Type: "select", Options: []string{"New", "Contacted", "Leased"}},
	{Name: "Move-in Date", Type: "date"},
	{Name: "Rent", Type: "money"},
	{Name: "Pets", Type: "multiselect", Options: []string{"Dog", "Cat", "Bird"}},
	{Name: "Notes", Type: "text"},
}

// CoreFields is a realistic core board: fields keyed by their IDs.
var CoreFields = []Field{
	{Key: "AtRqjs5M5gXsBAxYa", Label: "Name", Type: "text"},
	{Key: "4Nk6BfGjpK7HD7sQu", Label: "Email", Type: "email"},
	{Key: "Hq7ZkWc3mPaT9rEyd", Label: "Phone", Type: "phone"},
	{Key: "Xw2nRbJ8sKfM4gCtq", Label: "Status", Type: "select", Options: []string{"New", "Contacted", "Leased"}},
	{Key: "Pz5YcL9dGhQ3wNkxe", Label: "Move-in Date", Type: "date"},
	{Key: "Mf8TsR2vBjW6qHnpa", Label: "Rent", Type: "money"},
	{Key: "Kd4EgX7yZcN2rLmwb", Label: "Pets", Type: "multiselect", Options: []string{"Dog", "Cat", "Bird"}},
}

// Request is one request the server received. The key is never stored
// whole: x-token in the headers and in the query is masked.
type Request struct {
	Method string
	Path   string
	Query  string // raw query, x-token masked
	Host   string
	Header http.Header // x-token masked
	// Token reports that the request carried a key, in the header or the
	// query.
	Token bool
}

// Option sets up a server.
type Option func(*Server)

// Legacy makes a server of the per-board key generation (the default).
func Legacy() Option { return func(s *Server) { s.gen = aptly.Legacy } }

// Core makes a server of the company key generation, opened by key.
func Core(key string) Option {
	return func(s *Server) {
		s.gen = aptly.Core
		s.companyKey = key
	}
}

// ExpiredKeys names core keys that once were valid: they get 401 with a
// message saying so.
func ExpiredKeys(keys ...string) Option {
	return func(s *Server) { s.expired = append(s.expired, keys...) }
}

// WithBoards adds boards.
func WithBoards(boards ...Board) Option {
	return func(s *Server) { s.boards = append(s.boards, boards...) }
}

// RateLimit answers 429 once limit requests have come in the current
// window; a zero window never ends, so every request after the first limit
// ones is refused. retryAfter is the Retry-After header as sent (seconds or
// an HTTP date); "" leaves the header out.
func RateLimit(limit int, window time.Duration, retryAfter string) Option {
	return func(s *Server) {
		s.limit, s.window, s.retryAfter, s.limited = limit, window, retryAfter, true
	}
}

// ThrottleFirst answers 429 to the first n requests and serves the rest.
func ThrottleFirst(n int, retryAfter string) Option {
	return func(s *Server) { s.throttleFirst, s.retryAfter = n, retryAfter }
}

// Delay holds every answer back by d (or until the client gives up).
func Delay(d time.Duration) Option { return func(s *Server) { s.delay = d } }

// TLS serves HTTPS with httptest's self-signed certificate; Client trusts
// it, a default client does not.
func TLS() Option { return func(s *Server) { s.tls = true } }

// Server is a running Aptly-like server. Close it when done.
type Server struct {
	*httptest.Server

	gen           aptly.Generation
	companyKey    string
	expired       []string
	boards        []Board
	limit         int
	window        time.Duration
	limited       bool
	throttleFirst int
	retryAfter    string
	delay         time.Duration
	tls           bool

	mu          sync.Mutex
	log         []Request
	count       int // requests seen, for ThrottleFirst
	windowStart time.Time
	inWindow    int
}

// New starts a server. Without options it is a legacy server with no
// boards.
func New(opts ...Option) *Server {
	s := &Server{gen: aptly.Legacy}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Refused handshakes are what some tests are about; their log lines
	// would only bury real failures.
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	if s.tls {
		s.StartTLS()
	} else {
		s.Start()
	}
	return s
}

// Requests returns a copy of every request received so far, in arrival
// order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// CertPool returns a pool that trusts the server's certificate (nil for a
// plain HTTP server), for a client built by hand; Client is the ready one.
func (s *Server) CertPool() *x509.CertPool {
	if s.Certificate() == nil {
		return nil
	}
	p := x509.NewCertPool()
	p.AddCert(s.Certificate())
	return p
}

// Host returns the server's host and port, as a URL carries them.
func (s *Server) Host() string {
	u, err := url.Parse(s.URL)
	if err != nil {
		return ""
	}
	return u.Host
}

// record logs the request and returns its number, counting from 1.
func (s *Server) record(r *http.Request) int {
	h := r.Header.Clone()
	token := false
	if v := h.Values("X-Token"); len(v) > 0 {
		token = true
		masked := make([]string, len(v))
		for i, k := range v {
			masked[i] = secret.Mask(k)
		}
		h["X-Token"] = masked
	}
	q := r.URL.Query()
	if v, ok := q["x-token"]; ok {
		token = true
		for i := range v {
			v[i] = secret.Mask(v[i])
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	s.log = append(s.log, Request{
		Method: r.Method, Path: r.URL.Path, Query: q.Encode(), Host: r.Host, Header: h, Token: token,
	})
	return s.count
}

// throttled reports whether request number n is over the limit, counting
// it against the window.
func (s *Server) throttled(n int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= s.throttleFirst {
		return true
	}
	if !s.limited {
		return false
	}
	now := time.Now()
	if s.window > 0 && now.Sub(s.windowStart) >= s.window {
		s.windowStart, s.inWindow = now, 0
	}
	s.inWindow++
	return s.inWindow > s.limit
}

func (s *Server) board(id string) (Board, bool) {
	for _, b := range s.boards {
		if b.ID == id {
			return b, true
		}
	}
	return Board{}, false
}

func token(r *http.Request) string {
	if v := r.Header.Get("X-Token"); v != "" {
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(r.URL.Query().Get("x-token"))
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// wait holds the answer back by d unless the client leaves first; it
// reports whether the client is still there.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	n := s.record(r)
	if !wait(r, s.delay) {
		return
	}
	if s.throttled(n) {
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"reason": "Rate limit exceeded. Try again shortly."})
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 2 || parts[0] != "api" {
		notFound(w, s.gen)
		return
	}
	if s.gen == aptly.Core && len(parts) == 2 && parts[1] == "boards" {
		s.coreBoards(w, r)
		return
	}
	if len(parts) < 3 {
		notFound(w, s.gen)
		return
	}
	kind, id, rest := parts[1], parts[2], parts[3:]
	if b, ok := s.board(id); ok {
		if !wait(r, b.Delay) {
			return
		}
		if b.RedirectTo != "" {
			code := b.RedirectCode
			if code == 0 {
				code = http.StatusFound
			}
			http.Redirect(w, r, b.RedirectTo, code)
			return
		}
		if b.Status != 0 {
			writeJSON(w, b.Status, map[string]string{"error": strings.ToLower(http.StatusText(b.Status))})
			return
		}
	}
	if s.gen == aptly.Core {
		s.coreBoard(w, r, kind, id, rest)
		return
	}
	s.legacyBoard(w, r, kind, id, rest)
}

func notFound(w http.ResponseWriter, g aptly.Generation) {
	if g == aptly.Core {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "Not found", "message": "The board does not exist within your company"})
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]string{"error": "Not found"})
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "Method not allowed"})
}

// legacyBoard answers /api/schema/{id} and /api/aptlet/{id}[/cards]: the
// board must exist (404), then the key must be the board's own (401).
func (s *Server) legacyBoard(w http.ResponseWriter, r *http.Request, kind, id string, rest []string) {
	b, ok := s.board(id)
	if !ok {
		notFound(w, aptly.Legacy)
		return
	}
	if k := token(r); k == "" || k != b.Key {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Unauthorized"})
		return
	}
	switch {
	case kind == "schema" && len(rest) == 0:
		if r.Method != http.MethodGet {
			methodNotAllowed(w, http.MethodGet)
			return
		}
		if b.NoSchema {
			notFound(w, aptly.Legacy)
			return
		}
		fields := b.Fields
		if fields == nil {
			fields = LegacyFields
		}
		out := make([]map[string]any, 0, len(fields))
		for _, f := range fields {
			m := map[string]any{"name": f.Name, "type": f.Type}
			if f.Options != nil {
				m["options"] = f.Options
			}
			out = append(out, m)
		}
		writeJSON(w, http.StatusOK, map[string]any{"fields": out})
	case kind == "aptlet" && (len(rest) == 0 || len(rest) == 1 && rest[0] == "cards"):
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, http.StatusOK, page(b.Cards, r.URL.Query().Get("page"), 200))
		case http.MethodPost:
			writeJSON(w, http.StatusOK, map[string]string{"_id": "JShpBxEFgRmZnivTf"})
		default:
			methodNotAllowed(w, "GET, POST")
		}
	default:
		notFound(w, aptly.Legacy)
	}
}

// coreAuth checks the company key: 401 for a missing, wrong or expired one.
func (s *Server) coreAuth(w http.ResponseWriter, r *http.Request) bool {
	k := token(r)
	msg := ""
	switch {
	case k == "":
		msg = "API key is missing"
	case k == s.companyKey && k != "":
		return true
	default:
		msg = "API key is invalid"
		for _, e := range s.expired {
			if k == e {
				msg = "API key has expired"
			}
		}
	}
	writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Unauthorized", "message": msg})
	return false
}

func (s *Server) coreBoards(w http.ResponseWriter, r *http.Request) {
	if !s.coreAuth(w, r) {
		return
	}
	if r.Method != http.MethodGet {
		methodNotAllowed(w, http.MethodGet)
		return
	}
	data := []map[string]any{}
	for _, b := range s.boards {
		if b.APIDisabled {
			continue
		}
		data = append(data, map[string]any{
			"uuid": b.ID,
			"name": b.Name,
			"endpoints": []map[string]string{
				{"method": "GET", "url": s.URL + "/api/board/" + b.ID, "description": "List cards"},
				{"method": "POST", "url": s.URL + "/api/board/" + b.ID, "description": "Create or update a card"},
				{"method": "GET", "url": s.URL + "/api/schema/" + b.ID, "description": "Board schema"},
			},
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data})
}

// coreBoard answers /api/schema/{id} and /api/board/{id}: the key first
// (401), then the board within the company (404), then its API switch
// (403).
func (s *Server) coreBoard(w http.ResponseWriter, r *http.Request, kind, id string, rest []string) {
	if !s.coreAuth(w, r) {
		return
	}
	b, ok := s.board(id)
	if !ok {
		notFound(w, aptly.Core)
		return
	}
	if b.APIDisabled {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "Forbidden", "message": "API access is not enabled for this board"})
		return
	}
	switch {
	case kind == "schema" && len(rest) == 0:
		if r.Method != http.MethodGet {
			methodNotAllowed(w, http.MethodGet)
			return
		}
		fields := b.Fields
		if fields == nil {
			fields = CoreFields
		}
		out := make([]map[string]any, 0, len(fields))
		for _, f := range fields {
			m := map[string]any{"key": f.Key, "label": f.Label, "type": f.Type}
			if f.Options != nil {
				m["options"] = f.Options
			}
			out = append(out, m)
		}
		writeJSON(w, http.StatusOK, out)
	case kind == "board" && len(rest) == 0:
		switch r.Method {
		case http.MethodGet:
			size := 20
			if n, err := strconv.Atoi(r.URL.Query().Get("pageSize")); err == nil && n > 0 {
				size = n
			}
			pg := page(b.Cards, r.URL.Query().Get("page"), size)
			p, _ := strconv.Atoi(r.URL.Query().Get("page"))
			writeJSON(w, http.StatusOK, map[string]any{"data": pg, "count": len(b.Cards), "page": p, "pageSize": size})
		case http.MethodPost:
			writeJSON(w, http.StatusOK, map[string]any{"data": map[string]string{"_id": "JShpBxEFgRmZnivTf"}})
		default:
			methodNotAllowed(w, "GET, POST")
		}
	default:
		notFound(w, aptly.Core)
	}
}

// page returns the zero-based page p of cards, never nil, so it encodes
// as [] past the end as Aptly's list does.
func page(cards []map[string]any, p string, size int) []map[string]any {
	n, err := strconv.Atoi(p)
	if err != nil || n < 0 {
		n = 0
	}
	out := []map[string]any{}
	start := n * size
	if start >= len(cards) {
		return out
	}
	end := min(start+size, len(cards))
	return append(out, cards[start:end]...)
}

// String describes the server for test logs.
func (s *Server) String() string {
	return fmt.Sprintf("aptlytest %s server at %s", s.gen, s.URL)
}
