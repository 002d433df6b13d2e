package redact

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
	"github.com/aptly-doctor/aptly-doctor/input/httpfile"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The secrets the test files hold; none may survive redaction.
var secrets = []string{
	"a1b2c3d4e5f6a7b8c9d0",  // x-token header
	"q9u8e7r6y5k4e3y2z1x0",  // x-token in a query string
	"corekey0123456789abcd", // Authorization: Bearer
	"s3ss10nV4lue99",        // a request cookie
	"n3wS3ssionV4lue77",     // a Set-Cookie value
	"c00kieValue42",         // curl -b
	"cfgkey9876543210zyxw",  // known only from the config
}

// notSecrets must survive: IDs and ordinary values look like keys but are
// not.
var notSecrets = []string{"5f1e2d3c4b5a69788796a5b4", "JShpBxEFgRmZnivTf", "Bearer", "sid=", "theme="}

const configYAML = `version: 1
environments:
  production:
    base_url: https://api.getaptly.com
    boards:
      leads:
        id: JShpBxEFgRmZnivTf
        key_env: APTLY_PROD_LEADS_KEY
`

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, problems := config.Load("aptly-doctor.yaml", []byte(configYAML), func(name string) (string, bool) {
		if name == "APTLY_PROD_LEADS_KEY" {
			return "cfgkey9876543210zyxw", true
		}
		return "", false
	})
	if cfg == nil || len(problems) > 0 {
		t.Fatalf("config: %v", problems)
	}
	return cfg
}

func TestFileGolden(t *testing.T) {
	tests := []struct {
		file  string
		kind  input.Kind
		check func(t *testing.T, out []byte)
	}{
		{file: "session.har", kind: input.KindHAR, check: validHAR},
		{file: "session.curl", kind: input.KindCurl, check: validCurl},
		{file: "session.http", kind: input.KindHTTP, check: validHTTP},
		{file: "payload.json", kind: input.KindPayload, check: validJSON},
		{file: "batch.ndjson", kind: input.KindBatch, check: validBatch},
		{file: "ticket.txt", kind: input.KindText},
	}
	cfg := testConfig(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			out, err := File(tt.kind, in, Options{Cfg: cfg})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.file+".golden")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, out)
			}
			for _, s := range secrets {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("secret %q survives", s)
				}
			}
			for _, s := range notSecrets {
				if bytes.Contains(in, []byte(s)) && !bytes.Contains(out, []byte(s)) {
					t.Errorf("%q was masked but is no secret", s)
				}
			}
			if tt.check != nil {
				tt.check(t, out)
			}
			sameMaskEverywhere(t, in, out)
		})
	}
}

// sameMaskEverywhere checks that each secret of the input became one mask:
// as many mentions of the mask in the output as of the secret in the input.
func sameMaskEverywhere(t *testing.T, in, out []byte) {
	t.Helper()
	for _, s := range secrets {
		n := bytes.Count(in, []byte(s))
		if n == 0 {
			continue
		}
		if got := bytes.Count(out, []byte(Mask(s))); got < n {
			t.Errorf("secret %q appears %d times but its mask %q only %d times", s, n, Mask(s), got)
		}
	}
}

// har12 is the shape HAR 1.2 requires of what File may touch.
type har12 struct {
	Log struct {
		Version string `json:"version"`
		Creator *struct {
			Name string `json:"name"`
		} `json:"creator"`
		Entries []struct {
			Request *struct {
				Method  string `json:"method"`
				URL     string `json:"url"`
				Headers []struct {
					Name, Value string
				} `json:"headers"`
			} `json:"request"`
			Response *struct {
				Status int `json:"status"`
			} `json:"response"`
		} `json:"entries"`
	} `json:"log"`
}

func validHAR(t *testing.T, out []byte) {
	var h har12
	if err := json.Unmarshal(out, &h); err != nil {
		t.Fatalf("redacted HAR is not JSON: %v", err)
	}
	if h.Log.Version != "1.2" || h.Log.Creator == nil || len(h.Log.Entries) != 3 {
		t.Fatalf("redacted HAR lost its structure: %+v", h.Log)
	}
	for i, e := range h.Log.Entries {
		if e.Request == nil || e.Response == nil || e.Request.URL == "" {
			t.Errorf("entry %d lost its request or response", i)
		}
	}
	if v := h.Log.Entries[2].Request.Headers[0].Value; v != "Bearer "+Mask("corekey0123456789abcd") {
		t.Errorf("Authorization = %q, want the scheme kept and the key masked", v)
	}
}

func validJSON(t *testing.T, out []byte) {
	if !json.Valid(out) {
		t.Errorf("redacted payload is not JSON:\n%s", out)
	}
}

func validBatch(t *testing.T, out []byte) {
	for _, line := range strings.Split(string(out), "\n") {
		if line = strings.TrimSpace(line); line != "" && !json.Valid([]byte(line)) {
			t.Errorf("line %q is not JSON", line)
		}
	}
}

func validCurl(t *testing.T, out []byte) {
	units, err := curl.Parse(&input.Source{Path: "t.curl", Data: out}, curl.Options{})
	if err != nil || len(units) != 2 {
		t.Fatalf("redacted command does not parse: %v (%d commands)", err, len(units))
	}
	r := units[0].Request
	if h, _ := r.Header("x-token"); h.Value != Mask("a1b2c3d4e5f6a7b8c9d0") {
		t.Errorf("x-token = %q", h.Value)
	}
	if h, _ := r.Header("Authorization"); h.Value != "Bearer "+Mask("corekey0123456789abcd") {
		t.Errorf("Authorization = %q", h.Value)
	}
	if r.Body == nil || !json.Valid(r.Body.Raw) {
		t.Errorf("body is no longer JSON")
	}
	if !strings.Contains(string(out), "-u admin:"+Mask("pw")) {
		t.Errorf("the -u password is not masked")
	}
}

func validHTTP(t *testing.T, out []byte) {
	units, err := httpfile.Parse(&input.Source{Path: "t.http", Data: out}, httpfile.Options{})
	if err != nil || len(units) != 2 {
		t.Fatalf("redacted .http does not parse: %v (%d requests)", err, len(units))
	}
	if h, _ := units[0].Request.Header("x-token"); h.Value != Mask("a1b2c3d4e5f6a7b8c9d0") {
		t.Errorf("x-token = %q", h.Value)
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		name, in string
		want     *regexp.Regexp
	}{
		{name: "long key shows its tail", in: "a1b2c3d4e5f6a7b8c9d0", want: regexp.MustCompile(`^REDACTED-c9d0-sha256-[0-9a-f]{6}$`)},
		{name: "short secret shows no tail", in: "pw", want: regexp.MustCompile(`^REDACTED-sha256-[0-9a-f]{6}$`)},
		{name: "tail with shell characters is not shown", in: "abcdefgh$'`)", want: regexp.MustCompile(`^REDACTED-sha256-[0-9a-f]{6}$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Mask(tt.in)
			if !tt.want.MatchString(got) {
				t.Errorf("Mask(%q) = %q", tt.in, got)
			}
			if Mask(tt.in) != got {
				t.Error("mask is not stable")
			}
		})
	}
	if Mask("a1b2c3d4e5f6a7b8c9d0") == Mask("a1b2c3d4e5f6a7b8c9d1") {
		t.Error("two keys share a mask")
	}
}

func TestFileKeepsStandIns(t *testing.T) {
	tests := []struct {
		name, in string
		kind     input.Kind
	}{
		{name: "shell variable", kind: input.KindCurl, in: `curl https://a.getaptly.com/x -H "x-token: $APTLY_KEY"`},
		{name: "docs placeholder", kind: input.KindCurl, in: `curl https://a.getaptly.com/x -H "x-token: YOUR_API_KEY"`},
		{name: "http variable", kind: input.KindHTTP, in: "GET https://a.getaptly.com/x\nx-token: {{token}}\n"},
		{name: "no secrets at all", kind: input.KindPayload, in: `{"Name": "Ann", "_id": "5f1e2d3c4b5a69788796a5b4"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := File(tt.kind, []byte(tt.in), Options{})
			if err != nil || string(out) != tt.in {
				t.Errorf("File() = %q, %v; want the input unchanged", out, err)
			}
		})
	}
}

func TestFileExtraSecrets(t *testing.T) {
	out, err := File(input.KindText, []byte("log: key=zz99yy88xx77 done"), Options{Extra: []string{"zz99yy88xx77"}})
	if err != nil || strings.Contains(string(out), "zz99yy88xx77") {
		t.Errorf("extra secret survives: %q, %v", out, err)
	}
}

func TestFileUnknownKind(t *testing.T) {
	if _, err := File("pdf", []byte("x"), Options{}); err == nil {
		t.Error("unknown kind accepted")
	}
}

func FuzzRedactCurl(f *testing.F) {
	f.Add([]byte(`curl https://api.getaptly.com/x?x-token=abc123456 -H 'x-token: a1b2c3d4e5f6' -b 'a=b' -u u:p -d '{"a":1}'`))
	f.Add([]byte("curl -H \"Authorization: Bearer abcdefgh\" https://x -H 'Cookie: a=1; b'"))
	f.Add([]byte(`{"log":{"entries":[{"request":{"headers":[{"name":"Cookie","value":"a=1"}]}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []input.Kind{input.KindCurl, input.KindHTTP, input.KindHAR, input.KindPayload, input.KindBatch, input.KindText} {
			out, err := File(kind, data, Options{Extra: []string{"secret-value"}})
			if err != nil {
				if kind == input.KindCurl || kind == input.KindHAR && errors.Is(err, ErrUncertain) {
					continue // refused rather than broken or leaking: allowed
				}
				t.Fatalf("%s: %v", kind, err)
			}
			if bytes.Contains(out, []byte("secret-value")) {
				t.Fatalf("%s: extra secret survives in %q", kind, out)
			}
			if kind == input.KindCurl {
				src := &input.Source{Path: "t", Data: data}
				if _, err := curl.Parse(src, curl.Options{ReadFile: noFiles}); err == nil {
					if _, err := curl.Parse(&input.Source{Path: "t", Data: out}, curl.Options{ReadFile: noFiles}); err != nil {
						t.Fatalf("redacted command no longer parses: %v\n%q\n%q", err, data, out)
					}
				}
			}
			if (kind == input.KindHAR || kind == input.KindPayload) && json.Valid(data) && !json.Valid(out) {
				t.Fatalf("%s: redacted JSON is invalid: %q", kind, out)
			}
		}
	})
}

// TestFileCorpus redacts the project's request corpus and reads each
// result back with the parser of its kind.
func TestFileCorpus(t *testing.T) {
	kinds := map[string]input.Kind{".har": input.KindHAR, ".curl": input.KindCurl, ".http": input.KindHTTP, ".rest": input.KindHTTP}
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "corpus", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		kind, ok := kinds[filepath.Ext(path)]
		if !ok {
			continue
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out, err := File(kind, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			src := &input.Source{Path: path, Data: out}
			switch kind {
			case input.KindHAR:
				validHARShape(t, out)
			case input.KindCurl:
				if _, err := curl.Parse(src, curl.Options{ReadFile: noFiles}); err != nil {
					t.Errorf("redacted command does not parse: %v", err)
				}
			case input.KindHTTP:
				if _, err := httpfile.Parse(src, httpfile.Options{ReadFile: noFiles}); err != nil {
					t.Errorf("redacted file does not parse: %v", err)
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no corpus files found")
	}
}

func validHARShape(t *testing.T, out []byte) {
	var h har12
	if err := json.Unmarshal(out, &h); err != nil || h.Log.Version == "" || len(h.Log.Entries) == 0 {
		t.Errorf("redacted HAR lost its shape: %v", err)
	}
}
