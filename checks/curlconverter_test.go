package checks_test

import (
	"bytes"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
	"github.com/aptly-doctor/aptly-doctor/input/load"
)

// sent is a request as curl put it on the wire, from curlconverter's
// http/NAME.txt fixtures.
type sent struct {
	method, target, host string
	headers              [][2]string
	body                 string
}

func parseSent(t *testing.T, data []byte) sent {
	t.Helper()
	head, body, _ := bytes.Cut(data, []byte("\n\n"))
	lines := strings.Split(string(head), "\n")
	f := strings.Fields(lines[0])
	if len(f) < 2 {
		t.Fatalf("request line %q", lines[0])
	}
	s := sent{method: f[0], target: f[1], body: strings.TrimSuffix(string(body), "\n")}
	for _, l := range lines[1:] {
		name, value, _ := strings.Cut(l, ":")
		value = strings.TrimSpace(value)
		if strings.EqualFold(name, "Host") {
			s.host = value
			continue
		}
		s.headers = append(s.headers, [2]string{name, value})
	}
	return s
}

// curlAdds are the headers curl adds on its own; the doctor does not model
// them, as no check needs them.
var curlAdds = []string{"user-agent", "accept", "content-length", "expect", "accept-encoding", "connection"}

// bodyKind names what kind of body a request carries, for comparing with
// what curl sent.
func bodyKind(contentType string, hasBody bool) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "multipart/form-data":
		return "multipart"
	case !hasBody:
		return "none"
	case mt == "application/json":
		return "json"
	case mt == "application/x-www-form-urlencoded":
		return "form"
	}
	return "other:" + mt
}

// differs names the fixtures where the doctor reads the command otherwise
// than curlconverter's raw HTTP output, on purpose, and why.
var differs = map[string]string{
	// curl refuses -T with -d ("You can only select one HTTP request
	// method", exit 2; checked with curl 7.88); curlconverter sends the -d
	// data with PUT. The doctor judges the PUT of the file the command
	// means, and says in a note that curl will not send it.
	"multiple_urls":     "-T with -d",
	"put_with_T_option": "-T with -d",
	// Standard input comes from a file named by a command substitution,
	// whose output is not in the text.
	"redirect_command_url_query": "stdin from a command substitution",
}

// TestCurlconverterFixtures runs the public fixture commands of
// curlconverter (testdata/curlconverter, MIT licensed, LICENSE beside them,
// from github.com/curlconverter/curlconverter at 6dec0fe). Every command must
// be read without error; where curlconverter recorded what curl sent
// (http/NAME.txt) the request the doctor reads must agree on method, path and
// query, host, the headers the command sets and the kind and text of the
// body; and none may draw a finding, since all are aimed at other hosts.
func TestCurlconverterFixtures(t *testing.T) {
	dir := filepath.Join("..", "testdata", "curlconverter")
	cmds, _ := filepath.Glob(filepath.Join(dir, "curl_commands", "*.sh"))
	if len(cmds) < 100 {
		t.Fatalf("found %d fixture commands, want the 108 vendored", len(cmds))
	}
	compared := 0
	for _, path := range cmds {
		name := strings.TrimSuffix(filepath.Base(path), ".sh")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			units, err := curl.Parse(&input.Source{Path: path, Data: data}, curl.Options{Dir: filepath.Dir(path), ReadFile: os.ReadFile})
			if err != nil {
				t.Fatalf("not read: %v", err)
			}
			if wire, err := os.ReadFile(filepath.Join(dir, "http", name+".txt")); err == nil && differs[name] == "" {
				compared++
				compareSent(t, units[0].Request, parseSent(t, wire))
			}
			targets, err := load.Expand([]string{path}, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res := (&checks.Runner{Checks: checks.All, Opts: &checks.Options{}, Jobs: 1}).Run(targets)
			tr := res.Targets[0]
			if tr.ReadErr != nil {
				t.Fatalf("refused: %v", tr.ReadErr)
			}
			for _, f := range tr.Findings {
				t.Errorf("finding on a request aimed elsewhere: %d:%d %s [%s]", f.Line, f.Col, f.Message, f.Check)
			}
			if !slices.ContainsFunc(tr.Notes, func(n string) bool { return strings.Contains(n, "not aimed at the Aptly API skipped") }) {
				t.Errorf("no note says the requests were skipped: %q", tr.Notes)
			}
		})
	}
	if compared < 60 {
		t.Errorf("compared %d requests with curlconverter's, want the 64 recorded less the %d that differ on purpose", compared, len(differs))
	}
}

func compareSent(t *testing.T, r *input.Request, w sent) {
	t.Helper()
	if !strings.EqualFold(r.Method, w.method) {
		t.Errorf("method %q, curl sent %q", r.Method, w.method)
	}
	ep, _ := aptly.ParseEndpoint(r.URL)
	target := ep.Path
	if target == "" {
		target = "/"
	}
	if ep.RawQuery != "" {
		target += "?" + ep.RawQuery
	}
	if strings.HasPrefix(w.target, "?") {
		w.target = "/" + w.target // the generator leaves out an empty path
	}
	if target != w.target {
		t.Errorf("path and query %q, curl sent %q", target, w.target)
	}
	host := ep.Host
	if ep.Port != "" {
		host += ":" + ep.Port
	}
	if h, ok := r.Header("Host"); ok {
		host = h.Value // -H "Host: ..." is what curl sends
	}
	if !strings.EqualFold(host, w.host) {
		t.Errorf("host %q, curl sent %q", host, w.host)
	}
	ct := ""
	for _, h := range w.headers {
		n := strings.ToLower(h[0])
		if strings.EqualFold(n, "content-type") {
			ct = h[1]
		}
		got, ok := r.Header(h[0])
		switch {
		case slices.Contains(curlAdds, n) && !ok:
		case !ok:
			t.Errorf("header %s: %q not read", h[0], h[1])
		case n == "content-type":
			if a, b := bodyKind(got.Value, true), bodyKind(h[1], true); a != b {
				t.Errorf("Content-Type %q, curl sent %q", got.Value, h[1])
			}
		case got.Value != h[1]:
			t.Errorf("header %s: %q, curl sent %q", h[0], got.Value, h[1])
		}
	}
	gotCT := ""
	if h, ok := r.Header("Content-Type"); ok {
		gotCT = h.Value
	}
	hasBody := r.Body != nil && len(r.Body.Raw) > 0 || r.BodyFlag != ""
	// An empty body still counts when curl announced one (-d "" sends a
	// Content-Type and Content-Length: 0).
	sentBody := w.body != "" || ct != "" && slices.ContainsFunc(w.headers, func(h [2]string) bool { return strings.EqualFold(h[0], "Content-Length") })
	if a, b := bodyKind(gotCT, hasBody), bodyKind(ct, sentBody); a != b {
		t.Errorf("body kind %s, curl sent %s", a, b)
	}
	if r.Body != nil && r.Body.Origin == "inline" && !r.Multipart && string(r.Body.Raw) != w.body {
		t.Errorf("body %q, curl sent %q", r.Body.Raw, w.body)
	}
}
