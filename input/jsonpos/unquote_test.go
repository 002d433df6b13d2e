package jsonpos

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzUnquote holds Unquote to what encoding/json decodes from the same
// valid JSON string.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`plain`, `a\"b`, `tab\tnew\nline`, `\u00e9\u65e5`, `\ud83d\ude00`, `\ud800 lone`, `\/\\\b\f\r`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return // invalid UTF-8 is AD101's to report; decoders differ on it
		}
		quoted := `"` + body + `"`
		var want string
		if err := json.Unmarshal([]byte(quoted), &want); err != nil {
			return // only valid strings reach Unquote
		}
		if got := string(Unquote([]byte(body))); got != want {
			t.Errorf("Unquote(%q) = %q, want %q", body, got, want)
		}
	})
}
