package aptly

import (
	"encoding/json"
	"testing"
)

// FuzzPrefilter holds the fast path to the full search: whenever the full
// search finds a placeholder, mayHold must have said the text may hold one.
func FuzzPrefilter(f *testing.F) {
	for _, s := range []string{
		"YOUR_API_KEY", "my-token", "yourApiKey", "myBoardId", "REPLACEME", "CHANGE_ME", "API_KEY_HERE",
		"xToken_example", "xxxxxxxx", "<token>", "{{apiKey}}", "${VAR}", "$VAR", ":boardId", "{boardId}",
		"Maria Lopez", "2025-09-01", "at your convenience", "call me at 5", "MY dog", "Your-Key",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, inURL bool) {
		for _, bare := range []bool{false, true} {
			o := PlaceholderOptions{InURL: inURL, BareShell: bare}
			if found := findPlaceholders(s, o); len(found) > 0 && !mayHold(s, o) {
				t.Fatalf("mayHold(%q) = false, but the full search finds %q", s, found[0].Text)
			}
		}
	})
}

// mayHoldReference is mayHold as first written, a byte at a time; the
// table-driven mayHold must answer the same for every text.
func mayHoldReference(s string, o PlaceholderOptions) bool {
	caps, xs := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || c == '<' || c == '{' || c == '$':
			return true
		case c == ':' && o.InURL:
			return true
		case c == '-':
			if endsFold(s[:i], "your") || endsFold(s[:i], "my") {
				return true
			}
		case c >= 'A' && c <= 'Z':
			if caps++; caps >= 4 {
				return true
			}
			if endsFold(s[:i], "your") || endsFold(s[:i], "my") {
				return true
			}
		}
		if c < 'A' || c > 'Z' {
			caps = 0
		}
		if c == 'x' || c == 'X' {
			if xs++; xs >= 6 {
				return true
			}
		} else {
			xs = 0
		}
	}
	return false
}

func FuzzMayHoldTable(f *testing.F) {
	for _, s := range []string{"YOUR_API_KEY", "my-token", "ABCx", "XXXxxx", "xXxXxX", "AB:CD", "Move-in Date", "HVAC", "yourX", "MyX-"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, inURL bool) {
		o := PlaceholderOptions{InURL: inURL}
		if got, want := mayHold(s, o), mayHoldReference(s, o); got != want {
			t.Fatalf("mayHold(%q, InURL %v) = %v, the byte-at-a-time version says %v", s, inURL, got, want)
		}
	})
}

// FuzzJSONMayHold holds the body prefilter to the per-string one: when a key
// or string of a JSON text may hold a placeholder, the text as a whole may.
func FuzzJSONMayHold(f *testing.F) {
	for _, s := range []string{
		`{"Name": "YOUR_NAME"}`, `{"a": "b"}`, `{"ABCD": 1}`, `["x", "xxxxxx"]`, `{"k": "\u005f"}`,
		`{"Status": "Open", "Tags": ["vip", "your-key"]}`, `"{{apiKey}}"`, `{"AB":"CD"}`, `{"xxx":"xxx"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		var walk func(any) (string, bool)
		walk = func(v any) (string, bool) {
			switch v := v.(type) {
			case string:
				return v, mayHold(v, PlaceholderOptions{})
			case []any:
				for _, e := range v {
					if s, ok := walk(e); ok {
						return s, true
					}
				}
			case map[string]any:
				for k, e := range v {
					if mayHold(k, PlaceholderOptions{}) {
						return k, true
					}
					if s, ok := walk(e); ok {
						return s, true
					}
				}
			}
			return "", false
		}
		if str, ok := walk(v); ok && !JSONMayHold([]byte(s)) {
			t.Fatalf("JSONMayHold(%q) = false, but %q in it may hold a placeholder", s, str)
		}
	})
}

// The body prefilter says no for ordinary cards, whose braces, brackets and
// colons belong to the JSON, not to a string.
func TestJSONMayHoldOrdinaryCards(t *testing.T) {
	for _, s := range []string{
		`{"Name": "Maria Lopez", "Email": "maria.lopez@example.com", "Tags": ["vip", "pet"], "Budget": 1200, "Pets": false}`,
		`{"Name": "Leaking faucet", "Reported By": "John Dubois", "Move-in Date": "2025-09-01", "Due Date": null}`,
		"{\n  \"Status\": \"Open\",\n  \"Estimated Cost\": 109.41\n}\n",
		`[]`, `{}`, `""`,
	} {
		if JSONMayHold([]byte(s)) {
			t.Errorf("JSONMayHold(%s) = true, want false", s)
		}
	}
	for _, s := range []string{`{"Name": "YOUR_NAME"}`, `{"k": "{{v}}"}`, `{"k": "\u0041"}`, `{"HVAC": 1}`} {
		if !JSONMayHold([]byte(s)) {
			t.Errorf("JSONMayHold(%s) = false, want true", s)
		}
	}
}
