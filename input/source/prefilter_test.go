package source

import (
	"bytes"
	"strings"
	"testing"
)

func TestMentions(t *testing.T) {
	tests := []struct {
		data string
		want bool
	}{
		{"fetch('https://api.getaptly.com/x')", true},
		{"URL = 'HTTPS://API.GETAPTLY.COM'", true},
		{"post('/api/aptlet/' + id)", true},
		{"post('/API/Board/' + id)", true},
		{"url = 'https://CORE-API.GetAPTLY.com'", true},
		{"headers['X-Token'] = k", true},
		{"headers['x_token'] = k", true},
		{"const token = getToken(); fetch('/api/users')", false},
		{"the aptly word alone", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Mentions([]byte(tt.data)); got != tt.want {
			t.Errorf("Mentions(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

// FuzzMentions holds the anchored search to a plain one: both find the same
// mentions, in any case.
func FuzzMentions(f *testing.F) {
	for _, s := range []string{"getaptly.com", "GetAptly.Com", "/api/aptlet/", "/Api/Board/", "X-TOKEN", "x_Token"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, full := Mentions(data), fullScan(data); got != full {
			t.Fatalf("Mentions(%q) = %v, the full scan says %v", data, got, full)
		}
	})
}

// fullScan is the marker search done plainly, case-insensitive (ASCII).
func fullScan(data []byte) bool {
	l := []byte(strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, string(data)))
	for _, m := range []string{"getaptly.com", "/api/aptlet/", "/api/board/", "x-token", "x_token"} {
		if bytes.Contains(l, []byte(m)) {
			return true
		}
	}
	return false
}
