package postman

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

func TestLooks(t *testing.T) {
	for _, c := range []struct {
		data string
		want bool
	}{
		{`{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[]}`, true},
		{`{"info":{"schema":"https://json-schema.org/draft/2020-12/schema"},"item":[]}`, false},
		{`{"Name":"info item"}`, false},
		{`[1,2]`, false},
	} {
		if got := Looks([]byte(c.data)); got != c.want {
			t.Errorf("Looks(%s) = %v, want %v", c.data, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	data := `{
  "info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "x-token"}, {"key": "value", "value": "{{key}}"}]},
  "item": [{"name": "F", "item": [{"name": "Create", "request": {
    "method": "post",
    "header": [{"key": "X-Trace", "value": "on", "disabled": true}],
    "body": {"mode": "raw", "raw": "{\"Name\": \"A\"}"},
    "url": {"raw": "https://api.getaptly.com/api/aptlet/{{board}}"}}}]}],
  "variable": [{"key": "board", "value": "JShpBxEFgRmZnivTf"}]
}`
	units, err := Parse(&input.Source{Path: "c.json", Data: []byte(data)})
	if err != nil || len(units) != 1 {
		t.Fatalf("Parse = %d units, %v", len(units), err)
	}
	u := units[0]
	r := u.Request
	if u.Label != "F / Create" || r.Method != "POST" || r.URL != "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf" {
		t.Errorf("unit %q: %s %s", u.Label, r.Method, r.URL)
	}
	if r.URLAt != (input.Pos{Line: 8, Col: 21}) {
		t.Errorf("URLAt = %v", r.URLAt)
	}
	if h, ok := r.Header("x-token"); !ok || h.Value != "{{key}}" || len(r.Runtime) != 1 || r.Runtime[0].Name != "{{key}}" {
		t.Errorf("x-token = %+v, runtime %+v", h, r.Runtime)
	}
	if _, ok := r.Header("X-Trace"); ok {
		t.Error("a disabled header is sent")
	}
	if h, _ := r.Header("Content-Type"); h.Value != "text/plain" || !h.Implicit {
		t.Errorf("Content-Type = %+v, want Postman's text/plain for a raw body with no language", h)
	}
	if u.Body == nil || string(u.Body.Raw) != `{"Name": "A"}` {
		t.Errorf("body = %+v", u.Body)
	}
}
