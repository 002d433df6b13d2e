package httpfile

import (
	"io/fs"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

const restFile = `# Aptly card sources
@host = https://app.getaptly.com
@board = 8f2c1d
@base = {{host}}/api/aptlet/{{board}}
// the key comes from .env
@key = {{$dotenv APTLY_KEY}}

### create a card
# @name create
POST {{base}} HTTP/1.1
x-token: {{key}}
Content-Type: application/json

{
  "Name": "José Smith",
  "Owner": "{{owner}}",
  "Id": "{{$guid}}"
}


### list users
GET {{host}}/api/user
    ?limit=5
    &page={{page}}
Accept: application/json

###
https://example.com/health

### from a file
PUT {{base}}
Content-Type: application/json

< ./card.json
`

func at(line, col int) input.Pos { return input.Pos{Line: line, Col: col} }

func hdr(name, value string, line, col int) input.Header {
	return input.Header{Name: name, Value: value, At: at(line, col)}
}

type want struct {
	Label     string
	Method    string
	MethodAt  input.Pos
	URL       string
	URLAt     input.Pos
	Headers   []input.Header
	Body      string
	BodyAt    input.Pos
	BodySrc   string
	Origin    string
	BodyFlag  string
	Undefined []input.Var
}

func describe(u *input.Unit) want {
	r := u.Request
	w := want{Label: u.Label, Method: r.Method, MethodAt: r.MethodAt, URL: r.URL, URLAt: r.URLAt,
		Headers: r.Headers, Body: "<nil>", BodyFlag: r.BodyFlag, Undefined: r.Undefined}
	if r.Body != nil {
		w.Body, w.BodyAt, w.Origin = string(r.Body.Raw), r.Body.At, r.Body.Origin
		if r.Body.Src != u.Src {
			w.BodySrc = r.Body.Src.Path
		}
	}
	return w
}

func TestParse(t *testing.T) {
	files := map[string]string{"req/card.json": `{"Name":"From File"}`}
	env := map[string]string{"APTLY_KEY": "3b9f0c2e7a"}
	tests := []struct {
		name string
		in   string
		opt  Options
		want []want
	}{
		{
			name: "rest client file",
			in:   restFile,
			opt:  Options{Dir: "req", ReadFile: reader(files), Lookup: lookup(env)},
			want: []want{
				{
					Label: "request 1", Method: "POST", MethodAt: at(10, 1),
					URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(10, 6),
					Headers: []input.Header{
						hdr("x-token", "3b9f0c2e7a", 11, 10),
						hdr("Content-Type", "application/json", 12, 15),
					},
					Body:   "{\n  \"Name\": \"José Smith\",\n  \"Owner\": \"{{owner}}\",\n  \"Id\": \"{{$guid}}\"\n}",
					BodyAt: at(14, 1), Origin: "inline",
					Undefined: []input.Var{{Name: "{{owner}}", In: "body", At: at(16, 13)}},
				},
				{
					Label: "request 2", Method: "GET", MethodAt: at(22, 1),
					URL: "https://app.getaptly.com/api/user?limit=5&page={{page}}", URLAt: at(22, 5),
					Headers:   []input.Header{hdr("Accept", "application/json", 25, 9)},
					Body:      "<nil>",
					Undefined: []input.Var{{Name: "{{page}}", In: "url", At: at(24, 11)}},
				},
				{
					Label: "request 3", Method: "GET", URL: "https://example.com/health", URLAt: at(28, 1),
					Body: "<nil>",
				},
				{
					Label: "request 4", Method: "PUT", MethodAt: at(31, 1),
					URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(31, 5),
					Headers: []input.Header{hdr("Content-Type", "application/json", 32, 15)},
					Body:    `{"Name":"From File"}`, BodyAt: at(1, 1), Origin: "@file", BodySrc: "req/card.json",
					BodyFlag: "<",
				},
			},
		},
		{
			name: "unset env and a cycle",
			in:   "@a = {{b}}\n@b = {{a}}\nPOST https://example.com/{{a}}\nx-token: {{$processEnv APTLY_KEY}}\n\n{\"t\":{{$timestamp}}}\n",
			want: []want{{
				Label: "request 1", Method: "POST", MethodAt: at(3, 1),
				URL: "https://example.com/{{a}}", URLAt: at(3, 6),
				Headers: []input.Header{hdr("x-token", "{{$processEnv APTLY_KEY}}", 4, 10)},
				Body:    `{"t":{{$timestamp}}}`, BodyAt: at(6, 1), Origin: "inline",
				Undefined: []input.Var{{Name: "{{$processEnv APTLY_KEY}}", In: "header x-token", At: at(4, 10)}},
			}},
		},
		{
			name: "crlf and a response handler",
			in:   "POST https://example.com/x\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n\r\n> {% client.global.set(\"id\", response.body.id); %}\r\n",
			want: []want{{
				Label: "request 1", Method: "POST", MethodAt: at(1, 1), URL: "https://example.com/x", URLAt: at(1, 6),
				Headers: []input.Header{hdr("Content-Type", "application/json", 2, 15)},
				Body:    `{"a":1}`, BodyAt: at(4, 1), Origin: "inline",
			}},
		},
		{
			name: "only comments",
			in:   "# nothing here\n// nor here\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &input.Source{Path: "req/cards.http", Data: []byte(tt.in)}
			units, err := Parse(src, tt.opt)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got []want
			for _, u := range units {
				got = append(got, describe(u))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			checkPositions(t, units)
		})
	}
}

// TestBodyFileNotAtHand: a body file that is not there (it never is in a
// ticket) leaves the request to judge and says why the body was not.
func TestBodyFileNotAtHand(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{name: "no file access", opt: Options{}, want: `the body file "gone.json" could not be read (no file access was given): the URL and headers were checked, the body was not`},
		{name: "missing file", opt: Options{ReadFile: reader(nil)}, want: `the body file "gone.json" could not be read (file does not exist): the URL and headers were checked, the body was not`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, err := Parse(&input.Source{Data: []byte("POST https://e.com\nContent-Type: text/plain\n\n< gone.json\n")}, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			r := units[0].Request
			if r.URL != "https://e.com" || r.Body != nil || r.BodyFlag != "<" || len(r.Headers) != 1 {
				t.Errorf("request %+v, want URL, header and body flag with no body", r)
			}
			if !reflect.DeepEqual(units[0].Notes, []string{tt.want}) {
				t.Errorf("notes %q, want %q", units[0].Notes, tt.want)
			}
		})
	}
}

// TestClientSyntax: what JetBrains' and REST Client's files hold beyond
// plain requests is read as the clients read it, or marked with a note.
func TestClientSyntax(t *testing.T) {
	envFiles := map[string]string{
		"req/http-client.env.json":         `{"dev": {"host": "https://dev.example.com", "board": "b-dev"}, "prod": {"host": "https://api.getaptly.com", "board": "b-prod", "Security": {"Auth": {}}}}`,
		"req/http-client.private.env.json": `{"prod": {"key": "privkey"}}`,
	}
	handler := map[string]string{"req/check.js": `client.global.set("fromFile", response.body.id);`}
	tests := []struct {
		name       string
		in         string
		opt        Options
		wantURLs   []string
		wantMethod string // of the first request
		wantBody   string // of the last request
		wantUndef  []string
		wantRun    []string
		wantNotes  []string
		wantErr    string
	}{
		{
			name:      "env file, first environment",
			in:        "GET {{host}}/api/aptlet/{{board}}\n",
			opt:       Options{Dir: "req", ReadFile: reader(envFiles)},
			wantURLs:  []string{"https://dev.example.com/api/aptlet/b-dev"},
			wantNotes: []string{`variables from environment "dev" of http-client.env.json, the first of 2 (choose one with --http-env)`},
		},
		{
			name:     "env file, named environment with a private key",
			in:       "GET {{host}}/api/aptlet/{{board}}\nx-token: {{key}}\n",
			opt:      Options{Dir: "req", ReadFile: reader(envFiles), Env: "prod"},
			wantURLs: []string{"https://api.getaptly.com/api/aptlet/b-prod"},
		},
		{
			name:    "env file, unknown environment",
			in:      "GET {{host}}/x\n",
			opt:     Options{Dir: "req", ReadFile: reader(envFiles), Env: "staging"},
			wantErr: `--http-env staging: http-client.env.json has no such environment (it has "dev", "prod")`,
		},
		{
			name:      "no env file, named environment",
			in:        "GET https://e.com/x\n",
			opt:       Options{Dir: "req", ReadFile: reader(nil), Env: "prod"},
			wantURLs:  []string{"https://e.com/x"},
			wantNotes: []string{`--http-env "prod": there is no http-client.env.json beside the file, so no environment variables were used`},
		},
		{
			name: "variables set by a handler and a handler file",
			in: "POST https://e.com/login\n\n{\"u\": 1}\n\n> {%\n  client.global.set(\"token\", response.body.token);\n%}\n\n###\n" +
				"GET https://e.com/me\nAuthorization: Bearer {{token}}\n\n> ./check.js\n\n###\nPOST https://e.com/x\n\n{\"id\": \"{{fromFile}}\", \"n\": \"{{nope}}\"}\n",
			opt:       Options{Dir: "req", ReadFile: reader(handler)},
			wantURLs:  []string{"https://e.com/login", "https://e.com/me", "https://e.com/x"},
			wantBody:  `{"id": "{{fromFile}}", "n": "{{nope}}"}`,
			wantUndef: []string{"{{nope}}"},
			wantRun:   []string{"{{fromFile}}"},
			wantNotes: []string{"{{token}} is set by a script when the requests run; its value was not checked", "{{fromFile}} is set by a script when the requests run; its value was not checked"},
		},
		{
			name:      "unreadable handler file",
			in:        "GET https://e.com/me\nAuthorization: Bearer {{token}}\n\n> ./gone.js\n",
			opt:       Options{Dir: "req", ReadFile: reader(nil)},
			wantURLs:  []string{"https://e.com/me"},
			wantRun:   []string{"{{token}}"},
			wantNotes: []string{`the script "./gone.js" could not be read (file does not exist); the variables it may set were taken as defined`},
		},
		{
			name:      "pre-request script",
			in:        "< {%\n  request.variables.set(\"ts\", Date.now());\n  const url = \"POST https://nowhere\";\n%}\nPOST https://e.com/x?t={{ts}}\nContent-Type: application/json\n\n{\"a\": 1}\n",
			wantURLs:  []string{"https://e.com/x?t={{ts}}"},
			wantBody:  `{"a": 1}`,
			wantRun:   []string{"{{ts}}"},
			wantNotes: []string{"{{ts}} is set by a script when the requests run; its value was not checked"},
		},
		{
			name:      "pre-request script after the request line",
			in:        "POST https://e.com/x\nContent-Type: application/json\n\n< {%\n  request.variables.set(\"n\", 1);\n%}\n\n{\"n\": \"{{n}}\"}\n",
			wantURLs:  []string{"https://e.com/x"},
			wantBody:  `{"n": "{{n}}"}`,
			wantRun:   []string{"{{n}}"},
			wantNotes: []string{"{{n}} is set by a script when the requests run; its value was not checked"},
		},
		{
			name: "REST Client environments in the workspace settings",
			in:   "GET {{host}}/api/aptlet/{{board}}\n",
			opt: Options{Dir: "req", ReadFile: reader(map[string]string{".vscode/settings.json": `{
  // REST Client
  "editor.tabSize": 2,
  "rest-client.environmentVariables": {
    "$shared": {"board": "b-shared"},
    "local": {"host": "http://localhost:8427", /* the double */},
    "prod": {"host": "https://api.getaptly.com"},
  },
}`})},
			wantURLs:  []string{"http://localhost:8427/api/aptlet/b-shared"},
			wantNotes: []string{`variables from environment "local" of .vscode/settings.json, the first of 2 (choose one with --http-env)`},
		},
		{
			name:     "metadata without the comment mark and an expected response",
			in:       "@name login\nPOST https://e.com/login\nContent-Type: application/json\n\n{}\n\n###\nHTTP/1.1 201 Created\nContent-Type: application/json\n",
			wantURLs: []string{"https://e.com/login"},
			wantBody: `{}`,
		},
		{
			name:     "only shared variables",
			in:       "GET {{host}}/x\n",
			opt:      Options{Dir: "req", ReadFile: reader(map[string]string{"req/http-client.env.json": `{"$shared": {"host": "https://e.com"}}`})},
			wantURLs: []string{"https://e.com/x"},
		},
		{
			name:     "request reference in a body",
			in:       "# @name create\nPOST https://e.com/cards\n\n{}\n\n###\nPOST https://e.com/x\n\n{\"id\": \"{{create.response.body.$.id}}\"}\n",
			wantURLs: []string{"https://e.com/cards", "https://e.com/x"},
			wantBody: `{"id": "{{create.response.body.$.id}}"}`,
			wantRun:  []string{"{{create.response.body.$.id}}"},
		},
		{
			name:     "path and a host header",
			in:       "GET /api/aptlet/b1 HTTP/1.1\nHost: api.getaptly.com:443\n\n###\nGET /v1/things\nHost: localhost:8080\n",
			wantURLs: []string{"https://api.getaptly.com:443/api/aptlet/b1", "http://localhost:8080/v1/things"},
		},
		{
			name:       "query method",
			in:         "QUERY https://e.com/search\nContent-Type: application/json\n\n{\"q\": 1}\n",
			wantURLs:   []string{"https://e.com/search"},
			wantMethod: "QUERY",
			wantBody:   `{"q": 1}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, err := Parse(&input.Source{Path: "req/a.http", Data: []byte(tt.in)}, tt.opt)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var urls, undef, run []string
			for _, u := range units {
				urls = append(urls, u.Request.URL)
			}
			last := units[len(units)-1].Request
			for _, v := range last.Undefined {
				undef = append(undef, v.Name)
			}
			for _, v := range last.Runtime {
				run = append(run, v.Name)
			}
			if !reflect.DeepEqual(urls, tt.wantURLs) {
				t.Errorf("urls %q, want %q", urls, tt.wantURLs)
			}
			if tt.wantMethod != "" && units[0].Request.Method != tt.wantMethod {
				t.Errorf("method %q, want %q", units[0].Request.Method, tt.wantMethod)
			}
			if tt.wantBody != "" && (last.Body == nil || string(last.Body.Raw) != tt.wantBody) {
				t.Errorf("body %v, want %q", last.Body, tt.wantBody)
			}
			if !reflect.DeepEqual(undef, tt.wantUndef) {
				t.Errorf("undefined %q, want %q", undef, tt.wantUndef)
			}
			if !reflect.DeepEqual(run, tt.wantRun) {
				t.Errorf("runtime %q, want %q", run, tt.wantRun)
			}
			if !reflect.DeepEqual(units[0].Notes, tt.wantNotes) {
				t.Errorf("notes %q, want %q", units[0].Notes, tt.wantNotes)
			}
			checkPositions(t, units)
		})
	}
}

func reader(files map[string]string) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) {
		if s, ok := files[path]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
}

func lookup(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

func checkPositions(t *testing.T, units []*input.Unit) {
	t.Helper()
	for _, u := range units {
		r := u.Request
		ps := []input.Pos{r.MethodAt, r.URLAt, r.BodyFlagAt}
		for _, h := range r.Headers {
			ps = append(ps, h.At)
		}
		for _, v := range r.Undefined {
			ps = append(ps, v.At)
		}
		for _, p := range ps {
			inside(t, u.Src, p)
		}
		if r.Body != nil {
			inside(t, r.Body.Src, r.Body.At)
		}
	}
}

func inside(t *testing.T, src *input.Source, p input.Pos) {
	t.Helper()
	if p.IsZero() {
		return
	}
	text := lines.Line(src.Data, p.Line-src.LineOffset)
	if text == nil || p.Col < 1 || p.Col > utf8.RuneCount(text)+1 {
		t.Fatalf("position %d:%d outside %q", p.Line, p.Col, src.Path)
	}
}

func FuzzHTTPFile(f *testing.F) {
	f.Add(restFile)
	f.Add("@a = {{b}}\n@b = {{a}}\nPOST https://example.com/{{a}}\nx-token: {{$processEnv K}}\n\n{\"t\":1}\n")
	f.Add("GET\n\n< f\n### x\nPOST u HTTP/1.1\n  ?a=1\n")
	f.Fuzz(func(t *testing.T, s string) {
		units, err := Parse(&input.Source{Path: "f.http", Data: []byte(s)},
			Options{ReadFile: func(string) ([]byte, error) { return []byte("{}"), nil }, Lookup: lookup(nil)})
		if err != nil {
			return
		}
		checkPositions(t, units)
	})
}

func TestParseExpansionBounded(t *testing.T) {
	in := "@a = {{a}}{{a}}{{a}}{{a}}{{a}}{{a}}\nGET https://example.com/{{a}}\n"
	units, err := Parse(&input.Source{Data: []byte(in)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Unbounded, six references over ten levels would build 6^10 copies.
	if n := len(units[0].Request.URL); n > 100000 {
		t.Errorf("url grew to %d bytes", n)
	}
}

func TestLooks(t *testing.T) {
	for in, want := range map[string]bool{
		"QUERY https://e.com/x\n": true, "### one\nGET x\n": true, "@host = x\n": true,
		"GET https://e.com\n": true, "{\"Name\": 1}": false, "curl https://e.com": false, "Please send": false,
	} {
		if got := Looks([]byte(in)); got != want {
			t.Errorf("Looks(%q) = %v, want %v", in, got, want)
		}
	}
}
