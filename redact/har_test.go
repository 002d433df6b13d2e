package redact

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/har"
)

// harSecrets are the secrets of harWithSecrets; none may survive.
var harSecrets = []string{"a1b2c3d4e5f6a7b8c9d0", "corekey0123456789abcd", "s3ss10nV4lue99", "n3wS3ssionV4lue77", "shortC", "formTok3n123456"}

// harWithSecrets is an export whose secrets sit where a HAR keeps them: a
// key header, a bearer token, a Cookie header, a cookies list, Set-Cookie,
// and a form parameter. extra is spliced into the first request's postData
// params, to make the export what a real one sometimes is.
func harWithSecrets(extra string) string {
	return `{"log": {"version": "1.2", "creator": {"name": "WebInspector"}, "entries": [
  {"request": {"method": "POST", "url": "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf",
    "headers": [
      {"name": "x-token", "value": "a1b2c3d4e5f6a7b8c9d0"},
      {"name": "Authorization", "value": "Bearer corekey0123456789abcd"},
      {"name": "Cookie", "value": "sid=s3ss10nV4lue99; theme=dark"}],
    "cookies": [{"name": "sid", "value": "s3ss10nV4lue99"}, {"name": "k", "value": "shortC"}],
    "queryString": [],
    "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "token", "value": "formTok3n123456"}` + extra + `]}},
   "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "sid=n3wS3ssionV4lue77; Path=/; HttpOnly"}],
    "content": {"mimeType": "application/json", "text": "{}"}}}
]}}`
}

func noSecretLeft(t *testing.T, out []byte) {
	t.Helper()
	for _, s := range harSecrets {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("secret %q left in the output:\n%s", s, out)
		}
	}
}

// TestHARRedactFailures: each way a HAR once went out with its secrets, now
// masked or refused, never written back whole with success.
func TestHARRedactFailures(t *testing.T) {
	t.Run("byte order mark", func(t *testing.T) {
		in := "\ufeff" + harWithSecrets("")
		out, err := File(input.KindHAR, []byte(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		noSecretLeft(t, out)
		if !bytes.HasPrefix(out, bom) {
			t.Error("the byte order mark was not kept")
		}
		units, err := har.Parse(&input.Source{Path: "s.har", Data: out})
		if err != nil || len(units) != 1 {
			t.Fatalf("the redacted export no longer reads as a HAR: %v", err)
		}
		if h, _ := units[0].Request.Header("Authorization"); h.Value != "Bearer "+Mask("corekey0123456789abcd") {
			t.Errorf("Authorization = %q, want the scheme kept and the token masked", h.Value)
		}
	})
	t.Run("a param value that is an object", func(t *testing.T) {
		in := harWithSecrets(`, {"name": "api_key", "value": {"nested": "n3st3dS3cret88"}}, {"name": "note", "value": {"x": 1}}`)
		out, err := File(input.KindHAR, []byte(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		noSecretLeft(t, out)
		if bytes.Contains(out, []byte("n3st3dS3cret88")) {
			t.Errorf("the secret inside the object value was left:\n%s", out)
		}
		if _, err := har.Parse(&input.Source{Path: "s.har", Data: out}); err != nil {
			t.Errorf("the redacted export no longer reads as a HAR: %v", err)
		}
	})
	t.Run("not valid JSON", func(t *testing.T) {
		in := strings.TrimSuffix(harWithSecrets(""), "]}}") // cut short, as a failed save leaves it
		out, err := File(input.KindHAR, []byte(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		noSecretLeft(t, out)
	})
	t.Run("a secret that cannot be masked is refused", func(t *testing.T) {
		in := strings.Replace(harWithSecrets(""), `"value": "a1b2c3d4e5f6a7b8c9d0"`, `"value": 48151623420815`, 1)
		out, err := File(input.KindHAR, []byte(in), Options{})
		if err == nil {
			t.Fatalf("redacted with a numeric key left whole:\n%s", out)
		}
		if !strings.Contains(err.Error(), `the header "x-token"`) {
			t.Errorf("err = %v, want it to name the header", err)
		}
	})
}

// TestHARSetCookieAttributes: attributes after a Set-Cookie's cookie are no
// secret, whatever their name; the export is masked, not refused.
func TestHARSetCookieAttributes(t *testing.T) {
	in := `{"log": {"entries": [{"request": {"method": "GET", "url": "https://e.com/"}, "response": {"status": 200, "headers": [
  {"name": "Set-Cookie", "value": "sid=n3wS3ssionV4lue77; Version=1; Comment=login; Expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly"}]}}]}}`
	out, err := File(input.KindHAR, []byte(in), Options{})
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if bytes.Contains(out, []byte("n3wS3ssionV4lue77")) || !bytes.Contains(out, []byte("Version=1; Comment=login")) {
		t.Errorf("want the cookie masked and its attributes kept:\n%s", out)
	}
}

// TestHARSecretNamedHeader: a header named like a secret that is not a key
// header ("Auth", "Secret") is masked, not left for the check to refuse.
func TestHARSecretNamedHeader(t *testing.T) {
	for _, broken := range []bool{false, true} {
		in := `{"log": {"entries": [{"request": {"method": "GET", "url": "https://e.com/", "headers": [{"name": "Auth", "value": "h3aderS3cret55"}, {"name": "Secret", "value": "abc"}]}, "response": {"status": 200}}]}}`
		if broken {
			in = strings.TrimSuffix(in, "}}")
		}
		out, err := File(input.KindHAR, []byte(in), Options{})
		if err != nil {
			t.Fatalf("broken=%v: refused: %v", broken, err)
		}
		if bytes.Contains(out, []byte("h3aderS3cret55")) || bytes.Contains(out, []byte(`"abc"`)) {
			t.Errorf("broken=%v: secret header left:\n%s", broken, out)
		}
	}
}
