package aptly

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func checkCauses(t *testing.T, cs []Cause) {
	t.Helper()
	for _, c := range cs {
		if c.Text == "" || c.Fix == "" {
			t.Errorf("cause %+v lacks text or fix", c)
			continue
		}
		if unicode.IsUpper([]rune(c.Text)[0]) && !strings.HasPrefix(c.Text, "Aptly") {
			t.Errorf("cause text %q starts with a capital", c.Text)
		}
		if !unicode.IsUpper([]rune(c.Fix)[0]) {
			t.Errorf("fix %q is not an imperative phrase with a capital", c.Fix)
		}
		if strings.HasSuffix(c.Text, ".") || strings.HasSuffix(c.Fix, ".") {
			t.Errorf("cause %+v ends with a period", c)
		}
	}
}

func causeTexts(cs []Cause) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Text + " / " + c.Fix + "\n")
	}
	return b.String()
}

func TestStatusInfo(t *testing.T) {
	tests := []struct {
		code       int
		gen        Generation
		wantOK     bool
		wantTitle  string
		wantInText []string // words the meaning or the causes must hold
		wantNot    []string // words they must not hold
	}{
		{code: 200, gen: Unknown, wantOK: true, wantTitle: "success", wantInText: []string{"_id"}},
		{code: 302, gen: Unknown, wantOK: true, wantTitle: "redirect", wantInText: []string{"https://"}},
		{code: 400, gen: Legacy, wantOK: true, wantTitle: "bad request", wantInText: []string{"JSON", "Content-Type"}, wantNot: []string{"unknown field"}},
		{code: 400, gen: Core, wantOK: true, wantTitle: "bad request", wantInText: []string{"JSON", "Content-Type", "names no field"}},
		{code: 401, gen: Legacy, wantOK: true, wantTitle: "unauthorized", wantInText: []string{"another board", "x-token"}, wantNot: []string{"expired"}},
		{code: 401, gen: Core, wantOK: true, wantTitle: "unauthorized", wantInText: []string{"expired", "archived", "x-token"}, wantNot: []string{"another board"}},
		{code: 401, gen: Unknown, wantOK: true, wantTitle: "unauthorized", wantInText: []string{"another board", "expired"}},
		{code: 403, gen: Legacy, wantOK: true, wantTitle: "forbidden", wantInText: []string{"may not"}, wantNot: []string{"turned off"}},
		{code: 403, gen: Core, wantOK: true, wantTitle: "forbidden", wantInText: []string{"not turned on", "Card Sources > API"}},
		{code: 403, gen: Unknown, wantOK: true, wantTitle: "forbidden", wantInText: []string{"turned off", "may not"}},
		{code: 404, gen: Legacy, wantOK: true, wantTitle: "not found", wantInText: []string{"another environment", "deleted"}},
		{code: 404, gen: Core, wantOK: true, wantTitle: "not found", wantInText: []string{"company", "GET /api/boards", "deleted"}},
		{code: 405, gen: Unknown, wantOK: true, wantTitle: "method not allowed", wantInText: []string{"POST"}},
		{code: 413, gen: Unknown, wantOK: true, wantTitle: "payload too large", wantInText: []string{"50 MB"}},
		{code: 415, gen: Unknown, wantOK: true, wantTitle: "unsupported media type", wantInText: []string{"application/json"}},
		{code: 429, gen: Core, wantOK: true, wantTitle: "too many requests", wantInText: []string{"Retry-After", "120"}},
		{code: 429, gen: Legacy, wantOK: true, wantTitle: "too many requests", wantInText: []string{"no numbers"}},
		{code: 500, gen: Unknown, wantOK: true, wantTitle: "internal server error", wantInText: []string{"Aptly"}},
		{code: 502, gen: Core, wantOK: true, wantTitle: "server error", wantInText: []string{"gateway"}},
		{code: 503, gen: Legacy, wantOK: true, wantTitle: "server error"},
		{code: 599, gen: Unknown, wantOK: true, wantTitle: "server error"},
		{code: 418, gen: Unknown},
		{code: 0, gen: Unknown},
		{code: -1, gen: Core},
		{code: 600, gen: Unknown},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code)+"/"+tt.gen.String(), func(t *testing.T) {
			s, ok := StatusInfo(tt.code, tt.gen)
			if ok != tt.wantOK {
				t.Fatalf("StatusInfo(%d, %v) ok = %v, want %v", tt.code, tt.gen, ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if s.Code != tt.code || s.Title != tt.wantTitle || s.Meaning == "" {
				t.Errorf("StatusInfo(%d, %v) = %d %q %q", tt.code, tt.gen, s.Code, s.Title, s.Meaning)
			}
			all := s.Meaning + "\n" + causeTexts(s.Causes)
			for _, w := range tt.wantInText {
				if !strings.Contains(all, w) {
					t.Errorf("StatusInfo(%d, %v) does not mention %q:\n%s", tt.code, tt.gen, w, all)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(all, w) {
					t.Errorf("StatusInfo(%d, %v) mentions %q:\n%s", tt.code, tt.gen, w, all)
				}
			}
			if tt.code >= 400 && len(s.Causes) == 0 {
				t.Errorf("StatusInfo(%d, %v) gives no cause", tt.code, tt.gen)
			}
			checkCauses(t, s.Causes)
		})
	}
}

func TestRecognizeErrorBody(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantOK     bool
		wantStatus int
		wantKind   string
		wantText   string
		wantGen    Generation
		wantCauses []string // a word from each expected cause, in order
	}{
		// The legacy error page's bodies.
		{name: "unauthorized", body: "{\n  \"error\": \"Unauthorized\"\n}", wantOK: true, wantStatus: 401, wantKind: ErrUnauthorized,
			wantText: "Unauthorized", wantCauses: []string{"no x-token", "another board", "wrong"}},
		{name: "not found", body: `{"error": "Not found"}`, wantOK: true, wantStatus: 404, wantKind: ErrNotFound,
			wantText: "Not found", wantCauses: []string{"another environment", "deleted"}},
		{name: "bad request", body: `{"error": "Bad request"}`, wantOK: true, wantStatus: 400, wantKind: ErrBadRequest,
			wantText: "Bad request", wantCauses: []string{"not valid JSON", "Content-Type"}},
		{name: "too many requests", body: `{"error": "Too many requests"}`, wantOK: true, wantStatus: 429, wantKind: ErrRateLimited,
			wantText: "Too many requests", wantCauses: []string{"too many"}},
		{name: "internal server error", body: `{"error": "Internal server error"}`, wantOK: true, wantStatus: 500, wantKind: ErrServer,
			wantText: "Internal server error", wantCauses: []string{"Aptly's side"}},
		// The core API's bodies.
		{name: "core rate limit", body: `{ "reason": "Rate limit exceeded. Try again shortly." }`, wantOK: true, wantStatus: 429,
			wantKind: ErrRateLimited, wantText: "Rate limit exceeded. Try again shortly.", wantGen: Core, wantCauses: []string{"120"}},
		{name: "core rate limit other words", body: `{"reason": "You hit the rate limit"}`, wantOK: true, wantStatus: 429,
			wantKind: ErrRateLimited, wantText: "You hit the rate limit", wantGen: Core},
		{name: "core error and message", body: `{"error": "Forbidden", "message": "API access is not enabled for this board"}`, wantOK: true,
			wantStatus: 403, wantKind: ErrAPIDisabled, wantText: "API access is not enabled for this board", wantGen: Core, wantCauses: []string{"turned off"}},
		{name: "core not in company", body: `{"error": "Not Found", "message": "Board not found within your company"}`, wantOK: true,
			wantStatus: 404, wantKind: ErrNotFound, wantText: "Board not found within your company", wantGen: Core, wantCauses: []string{"company", "deleted"}},
		{name: "core card not found", body: `{"error": "Not Found", "message": "Card not found"}`, wantOK: true,
			wantStatus: 404, wantKind: ErrNotFound, wantText: "Card not found", wantGen: Core, wantCauses: []string{"deleted"}},
		{name: "core unauthorized message", body: `{"error": "Unauthorized", "message": "Invalid API key"}`, wantOK: true,
			wantStatus: 401, wantKind: ErrUnauthorized, wantText: "Invalid API key", wantGen: Core, wantCauses: []string{"no x-token", "wrong", "expired"}},
		{name: "core error code only known by error", body: `{"error": "Unauthorized", "message": "Key expired on 2025-01-01"}`, wantOK: true,
			wantStatus: 401, wantKind: ErrUnauthorized, wantText: "Key expired on 2025-01-01", wantGen: Core},
		{name: "core email failure", body: `{"error": "EMAIL_SEND_FAILURE", "message": "Could not send"}`, wantOK: true,
			wantStatus: 500, wantKind: ErrEmailSend, wantText: "Could not send", wantGen: Core},
		{name: "core unknown error", body: `{"error": "ValidationError", "message": "unknown custom field"}`, wantOK: true,
			wantKind: ErrOther, wantText: "ValidationError: unknown custom field", wantGen: Core},
		// Variants of spelling and form.
		{name: "plain text", body: "Unauthorized", wantOK: true, wantStatus: 401, wantKind: ErrUnauthorized, wantText: "Unauthorized"},
		{name: "plain text with code", body: "401 Unauthorized\n", wantOK: true, wantStatus: 401, wantKind: ErrUnauthorized, wantText: "401 Unauthorized"},
		{name: "http status line", body: "HTTP 404 Not Found", wantOK: true, wantStatus: 404, wantKind: ErrNotFound, wantText: "HTTP 404 Not Found"},
		{name: "json string", body: `"Not found"`, wantOK: true, wantStatus: 404, wantKind: ErrNotFound, wantText: "Not found"},
		{name: "shouting", body: `{"ERROR":"UNAUTHORIZED"}`, wantOK: true, wantStatus: 401, wantKind: ErrUnauthorized, wantText: "UNAUTHORIZED"},
		{name: "spaced", body: `  {  "error" :  "  not   found. "  }  `, wantOK: true, wantStatus: 404, wantKind: ErrNotFound, wantText: "not   found."},
		{name: "snake case", body: `{"error":"bad_request"}`, wantOK: true, wantStatus: 400, wantKind: ErrBadRequest, wantText: "bad_request"},
		{name: "byte order mark", body: "\xef\xbb\xbf{\"error\":\"Forbidden\"}", wantOK: true, wantStatus: 403, wantKind: ErrForbidden, wantText: "Forbidden"},
		{name: "message only", body: `{"message":"Too many requests"}`, wantOK: true, wantStatus: 429, wantKind: ErrRateLimited, wantText: "Too many requests"},
		{name: "gateway", body: "Bad Gateway", wantOK: true, wantStatus: 502, wantKind: ErrServer, wantText: "Bad Gateway"},
		{name: "unavailable", body: "503 Service Unavailable", wantOK: true, wantStatus: 503, wantKind: ErrServer, wantText: "503 Service Unavailable"},
		// Not error bodies.
		{name: "success", body: `{"_id": "JShpBxEFgRmZnivTf"}`},
		{name: "core success", body: `{"data": {"_id": "abc"}}`},
		{name: "empty", body: ""},
		{name: "blank", body: " \n"},
		{name: "array", body: `[]`},
		{name: "error not a string", body: `{"error": 401}`},
		{name: "unknown words", body: `{"error": "Something odd"}`},
		{name: "html page", body: "<html><body>hello</body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eb, ok := RecognizeErrorBody([]byte(tt.body))
			if ok != tt.wantOK {
				t.Fatalf("RecognizeErrorBody(%q) ok = %v, want %v (%+v)", tt.body, ok, tt.wantOK, eb)
			}
			if !ok {
				return
			}
			if eb.Status != tt.wantStatus || eb.Kind != tt.wantKind || eb.Text != tt.wantText || eb.Generation != tt.wantGen {
				t.Errorf("RecognizeErrorBody(%q) = %d %q %q %v; want %d %q %q %v", tt.body,
					eb.Status, eb.Kind, eb.Text, eb.Generation, tt.wantStatus, tt.wantKind, tt.wantText, tt.wantGen)
			}
			if tt.wantCauses != nil {
				if len(eb.Causes) != len(tt.wantCauses) {
					t.Fatalf("causes:\n%swant %d of them (%v)", causeTexts(eb.Causes), len(tt.wantCauses), tt.wantCauses)
				}
				for i, w := range tt.wantCauses {
					if !strings.Contains(eb.Causes[i].Text+eb.Causes[i].Fix, w) {
						t.Errorf("cause %d %q does not mention %q", i, eb.Causes[i].Text, w)
					}
				}
			}
			if tt.wantKind != ErrOther && len(eb.Causes) == 0 {
				t.Errorf("RecognizeErrorBody(%q) gives no cause", tt.body)
			}
			checkCauses(t, eb.Causes)
		})
	}
}
