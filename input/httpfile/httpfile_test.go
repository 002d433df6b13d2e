package httpfile

import (
	"io/fs"
	"reflect"
	"strings"
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

func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{name: "no file access", opt: Options{}, want: "no file access"},
		{name: "missing file", opt: Options{ReadFile: reader(nil)}, want: "file does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(&input.Source{Data: []byte("POST https://e.com\n\n< gone.json\n")}, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
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
