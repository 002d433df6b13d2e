package secret

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

const key = "k3yS3cr3tV4lu3XYZ1234"

func TestNames(t *testing.T) {
	for _, n := range append(AltKeyNames(), "x_token", "X Token", "xtoken", "X-TOKEN ", "x-tokn", "x-tokens", "xx-token", "X-Api-Key") {
		if !IsKeyName(n) || !IsSecretName(n) {
			t.Errorf("%q is not a key name", n)
		}
		if !IsMisspeltKeyName(n) && norm(n) != KeyHeader {
			t.Errorf("%q is not called misspelt", n)
		}
	}
	if IsMisspeltKeyName("x-token") || !IsKeyName("X-Token") {
		t.Error("x-token itself is the right name")
	}
	for _, n := range []string{"Content-Type", "Accept", "x-request-id", "Name", "monkey"} {
		if IsKeyName(n) || IsSecretName(n) {
			t.Errorf("%q taken for a key name", n)
		}
	}
}

func values(s *Set) []string { return s.Values() }

func TestRequestSecrets(t *testing.T) {
	tests := []struct {
		name string
		req  input.Request
	}{
		{"misspelt header", input.Request{Headers: []input.Header{{Name: "x-tokn", Value: key}}}},
		{"spaced header name", input.Request{Headers: []input.Header{{Name: "X Token", Value: key}}}},
		{"alternative header", input.Request{Headers: []input.Header{{Name: "x-access-token", Value: `"` + key + `"`}}}},
		{"bearer", input.Request{Headers: []input.Header{{Name: "Authorization", Value: "Bearer " + key}}}},
		{"basic key as user", input.Request{Headers: []input.Header{{Name: "Authorization", Value: "Basic " + b64(key+":"), Implicit: true}}}},
		{"basic password", input.Request{Headers: []input.Header{{Name: "Authorization", Value: "Basic " + b64("me:"+key)}}}},
		{"misspelt query", input.Request{URL: "https://api.getaptly.com/api/aptlet/b?x-tokn=" + key}},
		{"user info password", input.Request{URL: "https://u:" + key + "@api.getaptly.com/api/aptlet/b"}},
		{"user info key", input.Request{URL: "https://" + key + "@api.getaptly.com/api/aptlet/b"}},
		{"form body", input.Request{Body: &input.Body{Raw: []byte("x_token=" + key + "&Name=A")}}},
		{"json body", input.Request{Body: &input.Body{Raw: []byte(`{"Name":"A","x-token":"` + key + `",}`)}}},
		{"json body decoded", input.Request{Body: &input.Body{Decoded: true, Value: map[string]any{"auth": map[string]any{"api_key": key}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Set
			s.Request(&tt.req)
			if !slices.Contains(values(&s), key) {
				t.Errorf("secrets %q miss the key", values(&s))
			}
		})
	}
	var s Set
	s.Request(&input.Request{URL: "https://api.getaptly.com/x?x-token=$APTLY_KEY", Headers: []input.Header{{Name: "x-token", Value: "{{key}}"}, {Name: "api-key", Value: "YOUR_API_KEY"}}})
	if v := values(&s); len(v) > 0 {
		t.Errorf("stand-ins taken for secrets: %q", v)
	}
}

func TestTextSecrets(t *testing.T) {
	for _, text := range []string{
		"curl -H 'x-tokn: " + key + "' https://e.com",
		"curl -H \"X Token: " + key + "\" https://e.com",
		"curl 'https://e.com/?api-token=" + key + "'",
		"curl -u " + key + ": https://e.com",
		"curl -u " + key + " https://e.com",
		"curl --user me:" + key + " https://e.com",
		"curl https://u:" + key + "@e.com/x",
		"curl https://" + key + "@e.com/x",
		"export APTLY_KEY=\"" + key + "\"\ncurl -H \"x-token: $APTLY_KEY\" https://e.com",
		"$env:APTLY_KEY = '" + key + "'",
		`{"error":"Unauthorized","x-token":"` + key + `"}`,
		"Authorization: Bearer " + key,
		"Cookie: sid=" + key + "; theme=dark",
	} {
		var s Set
		s.Text(text)
		if !slices.Contains(values(&s), key) {
			t.Errorf("Text(%q) = %q, missing the key", text, values(&s))
		}
	}
}

func TestReplaceSplitKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{`-H "x-token: ` + key + `"`, `-H "x-token: M"`},
		{`-H "x-token: "'` + key[:9] + `'"` + key[9:] + `"`, `-H "x-token: "'M'""`},
		{"-H \"x-token: " + key[:9] + "\\\n" + key[9:] + "\"", "-H \"x-token: M\\\n\""},
		{"-H \"x-token: " + key[:9] + "\\\r\n" + key[9:] + "\"", "-H \"x-token: M\\\r\n\""},
		{"-H \"x-token: " + key[:9] + "^\r\n" + key[9:] + "\"", "-H \"x-token: M^\r\n\""},
		{"a " + key + " b " + key, "a M b M"},
		{`"` + key[:5] + ` ` + key[5:] + `"`, `"` + key[:5] + ` ` + key[5:] + `"`},
	}
	for _, tt := range tests {
		if got := Replace(tt.in, []string{key}, func(string) string { return "M" }); got != tt.want {
			t.Errorf("Replace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskLine(t *testing.T) {
	text := "curl -X POST https://e.com \\\n  -H \"x-token: " + key[:9] + "\\\n" + key[9:] + "\" \\\n  -d '{}'\n"
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	line := func(n, col int) (string, int) {
		return MaskLine(text, starts[n-1], starts[n]-1, col, []string{key})
	}
	l2, c2 := line(2, 19)
	if strings.Contains(l2, key[:9]) || !strings.Contains(l2, Mask(key)) || c2 != 16 {
		t.Errorf("line 2 = %q, caret %d", l2, c2)
	}
	l3, c3 := line(3, 14)
	if strings.Contains(l3, key[9:]) || l3 != `" \` || c3 != 2 {
		t.Errorf("line 3 = %q, caret %d", l3, c3)
	}
	l1, c1 := line(1, 6)
	if l1 != "curl -X POST https://e.com \\" || c1 != 6 {
		t.Errorf("line 1 = %q, caret %d", l1, c1)
	}
}

func TestTokenAndMaskAgree(t *testing.T) {
	m, tok := Mask(key), Token(key)
	fp := Fingerprint(key)[:6]
	if m != "…1234 (sha256:"+fp+")" || tok != "REDACTED-1234-sha256-"+fp {
		t.Errorf("Mask %q, Token %q", m, tok)
	}
	if Token("short") != "REDACTED-sha256-"+Fingerprint("short")[:6] || Token("abcdefg h/é") != "REDACTED-sha256-"+Fingerprint("abcdefg h/é")[:6] {
		t.Errorf("Token shows a tail it must not: %q", Token("abcdefg h/é"))
	}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestMaskLineCaret(t *testing.T) {
	const key = "a1b2c3d4e5f6a7b8c9d0"
	tests := []struct {
		name, line string
		col        int
		wantCaret  string // the text the caret should sit on in the masked line
	}{
		{name: "caret before the key", line: `-H "x-token: ` + key + `" -d '{}'`, col: 5, wantCaret: "x-token"},
		{name: "caret after the key", line: `-H "x-token: ` + key + `" -d '{}'`, col: 36, wantCaret: "-d"},
		{name: "caret inside the key", line: `x-token: ` + key, col: 14, wantCaret: "…c9d0"},
		{name: "two mentions", line: key + " and " + key + " end", col: 47, wantCaret: "end"},
		{name: "multibyte before", line: "Zoë " + key + " ü", col: 26, wantCaret: "ü"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, caret := MaskLine(tt.line, 0, len(tt.line), tt.col, []string{key})
			if strings.Contains(got, key) {
				t.Fatalf("key survives: %q", got)
			}
			rest := string([]rune(got)[caret-1:])
			if !strings.HasPrefix(rest, tt.wantCaret) {
				t.Errorf("caret at %d sits on %q, want %q (line %q)", caret, rest, tt.wantCaret, got)
			}
		})
	}
}
