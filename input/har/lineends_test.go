package har

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// A HAR saved with lone CR or CRLF line endings puts every request at the
// line and column of the LF export, not all of them on line 1.
func TestParseLineEndings(t *testing.T) {
	positions := func(s string) []input.Pos {
		t.Helper()
		units, err := Parse(&input.Source{Path: "f.har", Data: []byte(s)})
		if err != nil {
			t.Fatal(err)
		}
		var ps []input.Pos
		for _, u := range units {
			r := u.Request
			ps = append(ps, r.MethodAt, r.URLAt, r.BodyFlagAt)
			for _, h := range r.Headers {
				ps = append(ps, h.At)
			}
			if r.Body != nil {
				ps = append(ps, r.Body.At)
			}
			if u.Response != nil {
				ps = append(ps, u.Response.At)
			}
		}
		checkPositions(t, units)
		return ps
	}
	lf := positions(export)
	for name, nl := range map[string]string{"cr": "\r", "crlf": "\r\n"} {
		if got := positions(strings.ReplaceAll(export, "\n", nl)); !reflect.DeepEqual(got, lf) {
			t.Errorf("%s endings: positions %v, want %v", name, got, lf)
		}
	}
	broken := "{\n\"log\": {\n\"entries\": [\n{\"request\": {\"url\": x}}]}}"
	_, want := Parse(&input.Source{Path: "f.har", Data: []byte(broken)})
	_, err := Parse(&input.Source{Path: "f.har", Data: []byte(strings.ReplaceAll(broken, "\n", "\r"))})
	if err == nil || want == nil || err.Error() != want.Error() || !strings.Contains(err.Error(), "line 4,") {
		t.Errorf("syntax error with CR endings = %v, want %v", err, want)
	}
}
