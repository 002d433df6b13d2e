package load

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// walk loads one file and returns the URLs of the units it yields and the
// target's notes.
func walk(t *testing.T, path string, opt Options) (urls, notes []string) {
	t.Helper()
	ts, err := Expand([]string{path}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 {
		t.Fatalf("%d targets, want 1", len(ts))
	}
	err = ts[0].Walk(func(u *input.Unit) error {
		if u.Request != nil {
			urls = append(urls, u.Request.URL)
		} else {
			urls = append(urls, "(payload)")
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return urls, ts[0].Notes
}

// TestAimedOnly: every kind of request input judges only what is aimed at
// Aptly, and says what it skipped; a file with nothing for Aptly is no
// input error and no silent pass.
func TestAimedOnly(t *testing.T) {
	dir := filepath.Join("testdata", "aim")
	flags := func(u string) *input.Request { return &input.Request{Method: "POST", URL: u, BodyFlag: "payload file"} }
	tests := []struct {
		name      string
		path      string
		opt       Options
		wantURLs  []string
		wantNotes []string
	}{
		{name: "curl", path: "mixed.curl",
			wantURLs:  []string{"https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf"},
			wantNotes: []string{"1 request not aimed at the Aptly API skipped (api.example.com)"}},
		{name: "http", path: "other.http",
			wantNotes: []string{"1 request not aimed at the Aptly API skipped (localhost)", "no request here is aimed at the Aptly API, so nothing was judged"}},
		{name: "har", path: "other.har",
			wantNotes: []string{"1 entry not aimed at the Aptly API skipped (cdn.example.net)", "no entry here is aimed at the Aptly API, so nothing was judged"}},
		{name: "flags elsewhere", path: "card.json", opt: Options{Request: flags("https://api.example.com/v1/x")},
			wantNotes: []string{"1 request not aimed at the Aptly API skipped (api.example.com)", "no request here is aimed at the Aptly API, so nothing was judged"}},
		{name: "flags to a config host", path: "card.json", opt: Options{Request: flags("https://aptly.internal/x"), AptlyHosts: []string{"aptly.internal"}},
			wantURLs: []string{"https://aptly.internal/x"}},
		{name: "batch elsewhere", path: "cards.ndjson", opt: Options{Request: flags("https://api.example.com/v1/x")},
			wantNotes: []string{"1 request not aimed at the Aptly API skipped (api.example.com)", "no request here is aimed at the Aptly API, so nothing was judged"}},
		{name: "bare payload", path: "card.json", wantURLs: []string{"(payload)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			urls, notes := walk(t, filepath.Join(dir, tt.path), tt.opt)
			if !reflect.DeepEqual(urls, tt.wantURLs) {
				t.Errorf("units %q, want %q", urls, tt.wantURLs)
			}
			if !reflect.DeepEqual(notes, tt.wantNotes) {
				t.Errorf("notes %q, want %q", notes, tt.wantNotes)
			}
		})
	}
}
