package httpfile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// A .http file saved with lone CR (old Mac) or CRLF line endings is the
// same requests at the same places as the LF file: one line index for the
// whole program, where "\r" alone ends a line too.
func TestParseLineEndings(t *testing.T) {
	files := map[string]string{"req/card.json": `{"Name":"From File"}`}
	env := map[string]string{"APTLY_KEY": "3b9f0c2e7a"}
	parse := func(s string) []want {
		t.Helper()
		units, err := Parse(&input.Source{Path: "req/cards.http", Data: []byte(s)},
			Options{Dir: "req", ReadFile: reader(files), Lookup: lookup(env)})
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		var got []want
		for _, u := range units {
			w := describe(u)
			w.Body = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(w.Body)
			got = append(got, w)
		}
		return got
	}
	lf := parse(restFile)
	for name, nl := range map[string]string{"cr": "\r", "crlf": "\r\n"} {
		got := parse(strings.ReplaceAll(restFile, "\n", nl))
		if !reflect.DeepEqual(got, lf) {
			t.Errorf("%s endings:\ngot  %+v\nwant %+v", name, got, lf)
		}
	}
}

// The key a {{$processEnv}} reference stands for stays in the header it was
// written in: with lone CR endings it must not run into the request line.
func TestParseLoneCRKeepsKeyInHeader(t *testing.T) {
	in := "POST https://app.getaptly.com/api/aptlet/8f2c1d\rx-token: {{$processEnv APTLY_KEY}}\rContent-Type: application/json\r\r{\"Name\":\"A\",}\r"
	units, err := Parse(&input.Source{Path: "a.http", Data: []byte(in)}, Options{Lookup: lookup(map[string]string{"APTLY_KEY": "3b9f0c2e7a5d"})})
	if err != nil || len(units) != 1 {
		t.Fatalf("Parse = %d units, %v", len(units), err)
	}
	r := units[0].Request
	if strings.Contains(r.URL, "3b9f0c2e7a5d") || r.URL != "https://app.getaptly.com/api/aptlet/8f2c1d" {
		t.Errorf("URL = %q", r.URL)
	}
	if h, ok := r.Header("x-token"); !ok || h.At != at(2, 10) {
		t.Errorf("x-token header = %+v, %v", h, ok)
	}
	if r.Body == nil || string(r.Body.Raw) != `{"Name":"A",}` || r.Body.At != at(5, 1) {
		t.Errorf("body = %+v", r.Body)
	}
}
