package curl

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

const chromeBash = `curl 'https://app.getaptly.com/api/aptlet/8f2c1d' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-US,en;q=0.9' \
  -H 'content-type: application/json' \
  -H 'origin: https://app.getaptly.com' \
  -H 'x-token: 3b9f0c2e7a' \
  --data-raw '{"Name":"John Smith","Email":"john@example.com"}'
`

const chromeCmd = "curl ^\"https://app.getaptly.com/api/aptlet/8f2c1d^\" ^\r\n" +
	"  -H ^\"accept: application/json, text/plain, */*^\" ^\r\n" +
	"  -H ^\"content-type: application/json^\" ^\r\n" +
	"  -H ^\"x-token: 3b9f0c2e7a^\" ^\r\n" +
	"  --data-raw ^\"^{^\\^\"Name^\\^\":^\\^\"John Smith^\\^\",^\\^\"Tags^\\^\":^[^\\^\"a^&b^\\^\",^\\^\"50^%^\\^\"^]^}^\"\r\n"

const firefoxBash = `curl 'https://app.getaptly.com/api/aptlet/8f2c1d' --compressed -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' -H 'Accept: application/json' -H 'Content-Type: application/json' -H 'x-token: 3b9f0c2e7a' --data-raw '{"Name":"John Smith"}'`

const firefoxCmd = `curl ^"https://app.getaptly.com/api/aptlet/8f2c1d^" -X POST -H ^"Accept: application/json^" -H ^"Content-Type: application/json^" -H ^"x-token: 3b9f0c2e7a^" --data-raw ^"^{^\^"Name^\^":^\^"Jo^^hn^\^"^}^"`

const oldChromeCmd = `curl "https://app.getaptly.com/api/aptlet/8f2c1d" -H "content-type: application/json" --data-binary "{\"Name\":\"John\"}" --compressed`

const postman = `curl --location 'https://app.getaptly.com/api/aptlet/8f2c1d' \
--header 'x-token: 3b9f0c2e7a' \
--header 'Content-Type: application/json' \
--data '{
    "Name": "John Smith"
}'`

const aptlyDocs = `curl -X POST "https://app.getaptly.com/api/aptlet/YOUR_BOARD_ID" -H "x-token: YOUR_API_KEY" -H "Content-Type: application/json" -d '{"Name":"John Smith"}'`

const powerShell = "curl.exe -X POST \"https://app.getaptly.com/api/aptlet/8f2c1d\" `\r\n" +
	"  -H \"x-token: 3b9f0c2e7a\" `\r\n" +
	"  -H \"Content-Type: application/json\" `\r\n" +
	"  -d '{\\\"Name\\\":\\\"John O''Brien\\\"}'\r\n"

const chatPaste = "curl -X POST \u201chttps://app.getaptly.com/api/aptlet/8f2c1d\u201d -H \u201cx-token: 3b9f0c2e7a\u201d -d \u2018{\"Name\":\"Jos\u00e9\"}\u2019"

func hdr(name, value string, line, col int) input.Header {
	return input.Header{Name: name, Value: value, At: input.Pos{Line: line, Col: col}}
}

func implicit(name, value string) input.Header {
	return input.Header{Name: name, Value: value, Implicit: true}
}

func at(line, col int) input.Pos { return input.Pos{Line: line, Col: col} }

type want struct {
	Method     string
	MethodAt   input.Pos
	URL        string
	URLAt      input.Pos
	Headers    []input.Header
	BodyFlag   string
	BodyFlagAt input.Pos
	Body       string // "<nil>" when there is no body
	BodyAt     input.Pos
	Origin     string
	BodySrc    string // path of the body's source when not the command itself
	Multipart  bool
	Unresolved []input.Var
}

func TestParse(t *testing.T) {
	files := map[string]string{
		"req/card.json":    "{\"Name\":\"From File\"}\n",
		"req/headers.txt":  "x-token: filekey\nAccept: application/json\n",
		"req/note.txt":     "hello world&more",
		"/abs/absent.json": "",
	}
	env := map[string]string{"APTLY_HOST": "app.getaptly.com"}
	tests := []struct {
		name string
		in   string
		want want
	}{
		{
			name: "chrome bash",
			in:   chromeBash,
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 7),
				Headers: []input.Header{
					hdr("accept", "application/json, text/plain, */*", 2, 7),
					hdr("accept-language", "en-US,en;q=0.9", 3, 7),
					hdr("content-type", "application/json", 4, 7),
					hdr("origin", "https://app.getaptly.com", 5, 7),
					hdr("x-token", "3b9f0c2e7a", 6, 7),
				},
				BodyFlag: "--data-raw", BodyFlagAt: at(7, 3),
				Body: `{"Name":"John Smith","Email":"john@example.com"}`, BodyAt: at(7, 15), Origin: "inline",
			},
		},
		{
			name: "chrome cmd",
			in:   chromeCmd,
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 8),
				Headers: []input.Header{
					hdr("accept", "application/json, text/plain, */*", 2, 8),
					hdr("content-type", "application/json", 3, 8),
					hdr("x-token", "3b9f0c2e7a", 4, 8),
				},
				BodyFlag: "--data-raw", BodyFlagAt: at(5, 3),
				Body: `{"Name":"John Smith","Tags":["a&b","50%"]}`, BodyAt: at(5, 17), Origin: "inline",
			},
		},
		{
			name: "firefox bash",
			in:   firefoxBash,
			want: want{
				Method: "POST", MethodAt: at(1, 67), URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 7),
				Headers: []input.Header{
					hdr("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", 1, 76),
					hdr("Accept", "application/json", 1, 164),
					hdr("Content-Type", "application/json", 1, 194),
					hdr("x-token", "3b9f0c2e7a", 1, 230),
				},
				BodyFlag: "--data-raw", BodyFlagAt: at(1, 251),
				Body: `{"Name":"John Smith"}`, BodyAt: at(1, 263), Origin: "inline",
			},
		},
		{
			name: "firefox cmd",
			in:   firefoxCmd,
			want: want{
				Method: "POST", MethodAt: at(1, 56), URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 8),
				Headers: []input.Header{
					hdr("Accept", "application/json", 1, 66),
					hdr("Content-Type", "application/json", 1, 98),
					hdr("x-token", "3b9f0c2e7a", 1, 136),
				},
				BodyFlag: "--data-raw", BodyFlagAt: at(1, 158),
				Body: `{"Name":"Jo^hn"}`, BodyAt: at(1, 172), Origin: "inline",
			},
		},
		{
			name: "old chrome cmd with backslash quotes",
			in:   oldChromeCmd,
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 7),
				Headers:  []input.Header{hdr("content-type", "application/json", 1, 55)},
				BodyFlag: "--data-binary", BodyFlagAt: at(1, 87),
				Body: `{"Name":"John"}`, BodyAt: at(1, 102), Origin: "inline",
			},
		},
		{
			name: "postman",
			in:   postman,
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 18),
				Headers: []input.Header{
					hdr("x-token", "3b9f0c2e7a", 2, 11),
					hdr("Content-Type", "application/json", 3, 11),
				},
				BodyFlag: "--data", BodyFlagAt: at(4, 1),
				Body: "{\n    \"Name\": \"John Smith\"\n}", BodyAt: at(4, 9), Origin: "inline",
			},
		},
		{
			name: "aptly docs",
			in:   aptlyDocs,
			want: want{
				Method: "POST", MethodAt: at(1, 9), URL: "https://app.getaptly.com/api/aptlet/YOUR_BOARD_ID", URLAt: at(1, 15),
				Headers: []input.Header{
					hdr("x-token", "YOUR_API_KEY", 1, 70),
					hdr("Content-Type", "application/json", 1, 97),
				},
				BodyFlag: "-d", BodyFlagAt: at(1, 129),
				Body: `{"Name":"John Smith"}`, BodyAt: at(1, 133), Origin: "inline",
			},
		},
		{
			name: "powershell backticks",
			in:   powerShell,
			want: want{
				Method: "POST", MethodAt: at(1, 13), URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 19),
				Headers: []input.Header{
					hdr("x-token", "3b9f0c2e7a", 2, 7),
					hdr("Content-Type", "application/json", 3, 7),
				},
				BodyFlag: "-d", BodyFlagAt: at(4, 3),
				Body: `{"Name":"John O'Brien"}`, BodyAt: at(4, 7), Origin: "inline",
			},
		},
		{
			name: "smart quotes from chat",
			in:   chatPaste,
			want: want{
				Method: "POST", MethodAt: at(1, 9), URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(1, 15),
				Headers: []input.Header{
					hdr("x-token", "3b9f0c2e7a", 1, 63),
					implicit("Content-Type", "application/x-www-form-urlencoded"),
				},
				BodyFlag: "-d", BodyFlagAt: at(1, 84),
				Body: `{"Name":"José"}`, BodyAt: at(1, 88), Origin: "inline",
			},
		},
		{
			name: "dollar single quotes and prompt",
			in:   "$ curl https://app.getaptly.com/api/aptlet/b1 -H 'Content-Type: application/json' --data-raw $'{\"Note\":\"it\\'s\\tok\",\"Line\":\"a\\nb\"}'",
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/b1", URLAt: at(1, 8),
				Headers:  []input.Header{hdr("Content-Type", "application/json", 1, 51)},
				BodyFlag: "--data-raw", BodyFlagAt: at(1, 83),
				Body: "{\"Note\":\"it's\tok\",\"Line\":\"a\nb\"}", BodyAt: at(1, 96), Origin: "inline",
			},
		},
		{
			name: "several data joined",
			in:   "curl -sSL -d name=John -d 'city=New York' --data-urlencode 'note=a b&c' https://example.com/form",
			want: want{
				Method: "POST", URL: "https://example.com/form", URLAt: at(1, 73),
				Headers:  []input.Header{implicit("Content-Type", "application/x-www-form-urlencoded")},
				BodyFlag: "-d", BodyFlagAt: at(1, 11),
				Body: "name=John&city=New York&note=a+b%26c", BodyAt: at(1, 14), Origin: "inline",
			},
		},
		{
			name: "get moves data to the query",
			in:   "curl -G https://app.getaptly.com/api/user -d limit=5 -d page=2 -H 'x-token: k'",
			want: want{
				Method: "GET", URL: "https://app.getaptly.com/api/user?limit=5&page=2", URLAt: at(1, 9),
				Headers: []input.Header{hdr("x-token", "k", 1, 68)},
				Body:    "<nil>",
			},
		},
		{
			name: "json flag",
			in:   `curl --json '{"Name":"Ann"}' https://app.getaptly.com/api/aptlet/b1`,
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/b1", URLAt: at(1, 30),
				Headers: []input.Header{
					implicit("Content-Type", "application/json"),
					implicit("Accept", "application/json"),
				},
				BodyFlag: "--json", BodyFlagAt: at(1, 6),
				Body: `{"Name":"Ann"}`, BodyAt: at(1, 14), Origin: "inline",
			},
		},
		{
			name: "form upload",
			in:   "curl -F 'file=@photo.png' -H 'x-token: k' https://app.getaptly.com/api/card/c1/file",
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/card/c1/file", URLAt: at(1, 43),
				Headers: []input.Header{
					hdr("x-token", "k", 1, 31),
					implicit("Content-Type", "multipart/form-data"),
				},
				BodyFlag: "-F", BodyFlagAt: at(1, 6), Body: "<nil>", Multipart: true,
			},
		},
		{
			name: "user and head",
			in:   "curl -I -u admin:secret --url app.getaptly.com/api/user",
			want: want{
				Method: "HEAD", URL: "app.getaptly.com/api/user", URLAt: at(1, 31),
				Headers: []input.Header{implicit("Authorization", "Basic YWRtaW46c2VjcmV0")},
				Body:    "<nil>",
			},
		},
		{
			name: "glued short options and long with equals",
			in:   `curl -XPUT -HContent-Type:application/json --data='{"a":1}' -A agent/1 -e https://ref.example -b 'sid=1' https://example.com/x -o out.json --compressed -k -v --http1.1`,
			want: want{
				Method: "PUT", MethodAt: at(1, 8), URL: "https://example.com/x", URLAt: at(1, 106),
				Headers: []input.Header{
					hdr("Content-Type", "application/json", 1, 14),
					hdr("User-Agent", "agent/1", 1, 64),
					hdr("Referer", "https://ref.example", 1, 75),
					hdr("Cookie", "sid=1", 1, 99),
				},
				BodyFlag: "--data", BodyFlagAt: at(1, 44),
				Body: `{"a":1}`, BodyAt: at(1, 52), Origin: "inline",
			},
		},
		{
			name: "file body and header file",
			in:   "curl -H @headers.txt -d @card.json https://app.getaptly.com/api/aptlet/b1",
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/b1", URLAt: at(1, 36),
				Headers: []input.Header{
					hdr("x-token", "filekey", 1, 9),
					hdr("Accept", "application/json", 1, 9),
					implicit("Content-Type", "application/x-www-form-urlencoded"),
				},
				BodyFlag: "-d", BodyFlagAt: at(1, 22),
				Body: "{\"Name\":\"From File\"}\n", BodyAt: at(1, 1), Origin: "@file", BodySrc: "req/card.json",
			},
		},
		{
			name: "stdin body",
			in:   "curl --data-binary @- -H 'Content-Type: application/json' https://example.com/x",
			want: want{
				Method: "POST", URL: "https://example.com/x", URLAt: at(1, 59),
				Headers:  []input.Header{hdr("Content-Type", "application/json", 1, 27)},
				BodyFlag: "--data-binary", BodyFlagAt: at(1, 6),
				Body: "<nil>",
			},
		},
		{
			name: "here document body",
			in:   "curl -X POST https://app.getaptly.com/api/aptlet/b1 --data @- <<EOF\n{\"Name\": \"A \\\"B\\\" \\$x\",}\nEOF\n",
			want: want{
				Method: "POST", MethodAt: at(1, 9), URL: "https://app.getaptly.com/api/aptlet/b1", URLAt: at(1, 14),
				Headers:  []input.Header{implicit("Content-Type", "application/x-www-form-urlencoded")},
				BodyFlag: "--data", BodyFlagAt: at(1, 53),
				Body: "{\"Name\": \"A \\\"B\\\" $x\",}\n", BodyAt: at(2, 1), Origin: "inline",
			},
		},
		{
			name: "quoted here document keeps its backslashes",
			in:   "curl https://example.com/x -d @- <<'EOF'\n{\"a\": \"\\$x\"}\nEOF\n",
			want: want{
				Method: "POST", URL: "https://example.com/x", URLAt: at(1, 6),
				Headers:  []input.Header{implicit("Content-Type", "application/x-www-form-urlencoded")},
				BodyFlag: "-d", BodyFlagAt: at(1, 28),
				Body: "{\"a\": \"\\$x\"}\n", BodyAt: at(2, 1), Origin: "inline",
			},
		},
		{
			name: "body redirected from a file",
			in:   "curl --data-binary @- -H 'Content-Type: text/xml' https://example.com/x < card.json",
			want: want{
				Method: "POST", URL: "https://example.com/x", URLAt: at(1, 51),
				Headers:  []input.Header{hdr("Content-Type", "text/xml", 1, 27)},
				BodyFlag: "--data-binary", BodyFlagAt: at(1, 6),
				Body: "{\"Name\":\"From File\"}\n", BodyAt: at(1, 1), Origin: "@file", BodySrc: "req/card.json",
			},
		},
		{
			name: "body piped in by echo",
			in:   "echo '{\"Name\":\"x\"}' | curl --json @- https://example.com/x",
			want: want{
				Method: "POST", URL: "https://example.com/x", URLAt: at(1, 38),
				Headers: []input.Header{
					implicit("Content-Type", "application/json"),
					implicit("Accept", "application/json"),
				},
				BodyFlag: "--json", BodyFlagAt: at(1, 28),
				Body: "{\"Name\":\"x\"}", BodyAt: at(1, 7), Origin: "inline",
			},
		},
		{
			name: "body piped in by cat",
			in:   "cat card.json | curl -d @- https://example.com/x",
			want: want{
				Method: "POST", URL: "https://example.com/x", URLAt: at(1, 28),
				Headers:  []input.Header{implicit("Content-Type", "application/x-www-form-urlencoded")},
				BodyFlag: "-d", BodyFlagAt: at(1, 22),
				Body: "{\"Name\":\"From File\"}\n", BodyAt: at(1, 1), Origin: "@file", BodySrc: "req/card.json",
			},
		},
		{
			name: "missing body file leaves url and headers",
			in:   "curl -d @gone.json -H 'x-token: k' https://example.com/x",
			want: want{
				Method: "POST", URL: "https://example.com/x", URLAt: at(1, 36),
				Headers: []input.Header{
					hdr("x-token", "k", 1, 24),
					implicit("Content-Type", "application/x-www-form-urlencoded"),
				},
				BodyFlag: "-d", BodyFlagAt: at(1, 6),
				Body: "<nil>",
			},
		},
		{
			name: "upload is a put of the file, named in the url",
			in:   "curl -T card.json https://example.com/",
			want: want{
				Method: "PUT", URL: "https://example.com/card.json", URLAt: at(1, 19),
				Headers:  []input.Header{},
				BodyFlag: "-T", BodyFlagAt: at(1, 6),
				Body: "{\"Name\":\"From File\"}\n", BodyAt: at(1, 1), Origin: "@file", BodySrc: "req/card.json",
			},
		},
		{
			name: "upload with data is a put of the file",
			in:   "curl -T card.json -d 'a=b' https://example.com/x",
			want: want{
				Method: "PUT", URL: "https://example.com/x", URLAt: at(1, 28),
				Headers:  []input.Header{},
				BodyFlag: "-T", BodyFlagAt: at(1, 6),
				Body: "{\"Name\":\"From File\"}\n", BodyAt: at(1, 1), Origin: "@file", BodySrc: "req/card.json",
			},
		},
		{
			name: "unresolved variables",
			in:   "curl \"https://$APTLY_HOST/api/aptlet/${BOARD}\" -H \"x-token: $APTLY_KEY\" -H 'x-raw: $KEEP' -d \"{\\\"At\\\":\\\"$(date)\\\"}\"",
			want: want{
				Method: "POST", URL: "https://app.getaptly.com/api/aptlet/${BOARD}", URLAt: at(1, 7),
				Headers: []input.Header{
					hdr("x-token", "$APTLY_KEY", 1, 52),
					hdr("x-raw", "$KEEP", 1, 77),
					implicit("Content-Type", "application/x-www-form-urlencoded"),
				},
				BodyFlag: "-d", BodyFlagAt: at(1, 91),
				Body: `{"At":"$(date)"}`, BodyAt: at(1, 95), Origin: "inline",
				Unresolved: []input.Var{
					{Name: "$APTLY_KEY", In: "header x-token", At: at(1, 61)},
					{Name: "$(date)", In: "body", At: at(1, 105)},
					{Name: "${BOARD}", In: "url", At: at(1, 38)},
				},
			},
		},
		{
			name: "unknown option never hides the url",
			in:   "curl --frobnicate 3 --wibble https://example.com/a -H 'A: b'",
			want: want{
				Method: "GET", URL: "https://example.com/a", URLAt: at(1, 30),
				Headers: []input.Header{hdr("A", "b", 1, 56)},
				Body:    "<nil>",
			},
		},
		{
			name: "comments and a pipeline",
			in:   "# create a card\ncurl -s https://example.com/a \\\n  # not a comment inside\n  -d x=1 | jq .\n",
			want: want{
				Method: "GET", URL: "https://example.com/a", URLAt: at(2, 9),
				Body: "<nil>",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &input.Source{Path: "req/cmd.curl", Data: []byte(tt.in)}
			units, err := Parse(src, Options{Dir: "req", ReadFile: mapReader(files), Lookup: mapLookup(env)})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(units) == 0 {
				t.Fatal("no units")
			}
			got := describe(units[0])
			if tt.want.Headers == nil {
				tt.want.Headers = []input.Header{}
			}
			if tt.want.Unresolved == nil {
				tt.want.Unresolved = []input.Var{}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			checkPositions(t, units)
		})
	}
}

func describe(u *input.Unit) want {
	r := u.Request
	w := want{
		Method: r.Method, MethodAt: r.MethodAt, URL: r.URL, URLAt: r.URLAt,
		Headers: append([]input.Header{}, r.Headers...), BodyFlag: r.BodyFlag, BodyFlagAt: r.BodyFlagAt,
		Body: "<nil>", Multipart: r.Multipart, Unresolved: append([]input.Var{}, r.Unresolved...),
	}
	if r.Body != nil {
		w.Body, w.BodyAt, w.Origin = string(r.Body.Raw), r.Body.At, r.Body.Origin
		if r.Body.Src != u.Src {
			w.BodySrc = r.Body.Src.Path
		}
	}
	return w
}

func mapReader(files map[string]string) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) {
		if s, ok := files[path]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
}

func mapLookup(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

func TestParseSeveral(t *testing.T) {
	in := "curl -s https://example.com/a && curl -X DELETE https://example.com/b; echo done\ncurl.exe https://example.com/c\n"
	units, err := Parse(&input.Source{Path: "x.sh", Data: []byte(in)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range units {
		got = append(got, u.Label+" "+u.Request.Method+" "+u.Request.URL)
	}
	want := []string{
		"command 1 GET https://example.com/a",
		"command 2 DELETE https://example.com/b",
		"command 3 GET https://example.com/c",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  Options
		want string
	}{
		{name: "no curl", in: "echo hello\nls -l\n", want: "no curl command found"},
		{name: "empty", in: "", want: "no curl command found"},
		{name: "unclosed quote", in: "curl -d '{\"a\":1} https://example.com", want: "parse shell command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(&input.Source{Path: "x.curl", Data: []byte(tt.in)}, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestUnreadFiles: a file a command names that is not at hand (it never is
// in a ticket) is a note, and the request is still there to judge.
func TestUnreadFiles(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  Options
		want []string
	}{
		{name: "missing body file", in: "curl -d @sample.json https://e.com", opt: Options{ReadFile: mapReader(nil)},
			want: []string{`the body file "sample.json" could not be read (file does not exist): the URL and headers were checked, the body was not`}},
		{name: "no file access", in: "curl -d @card.json https://e.com",
			want: []string{`the body file "card.json" could not be read (no file access was given): the URL and headers were checked, the body was not`}},
		{name: "missing header file", in: "curl -H @h.txt https://e.com", opt: Options{ReadFile: mapReader(nil)},
			want: []string{`the header file "h.txt" could not be read (file does not exist), so its headers were not checked`}},
		{name: "missing redirected file", in: "curl --data-binary @- https://e.com < ./body.json", opt: Options{ReadFile: mapReader(nil)},
			want: []string{`the body file "./body.json" could not be read (file does not exist): the URL and headers were checked, the body was not`}},
		{name: "missing uploaded file", in: "curl -T card.json https://e.com", opt: Options{ReadFile: mapReader(nil)},
			want: []string{`the uploaded file "card.json" could not be read (file does not exist): the URL and headers were checked, the body was not`}},
		{name: "stdin from nowhere", in: "curl -d @- https://e.com",
			want: []string{"a body read from standard input (@-) is not in the file, so it was not checked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, err := Parse(&input.Source{Path: "x.curl", Data: []byte(tt.in)}, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(units) != 1 || !strings.HasPrefix(units[0].Request.URL, "https://e.com") || units[0].Body != nil {
				t.Fatalf("want one request to https://e.com with no body, got %+v", units)
			}
			if !reflect.DeepEqual(units[0].Notes, tt.want) {
				t.Errorf("notes = %q, want %q", units[0].Notes, tt.want)
			}
		})
	}
}

// TestNextAndURLs: --next starts over with no options, and each URL of a
// command is a request of its own with the options of its group.
func TestNextAndURLs(t *testing.T) {
	in := "curl -H 'x-token: k' -d '{\"a\":1}' https://e.com/a https://e.com/b --next -d 'x=1&y=2' https://e.com/c\ncurl https://e.com/d\n"
	units, err := Parse(&input.Source{Path: "x.sh", Data: []byte(in)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range units {
		r := u.Request
		body := "<nil>"
		if r.Body != nil {
			body = string(r.Body.Raw)
		}
		_, tok := r.Header("x-token")
		got = append(got, fmt.Sprintf("%s: %s %s %s token=%v", u.Label, r.Method, r.URL, body, tok))
	}
	want := []string{
		`command 1 request 1: POST https://e.com/a {"a":1} token=true`,
		`command 1 request 2: POST https://e.com/b {"a":1} token=true`,
		`command 1 request 3: POST https://e.com/c x=1&y=2 token=false`,
		`command 2: GET https://e.com/d <nil> token=false`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "chrome bash", in: chromeBash, want: true},
		{name: "chrome cmd", in: chromeCmd, want: true},
		{name: "powershell", in: powerShell, want: true},
		{name: "prompt", in: "$ curl https://example.com", want: true},
		{name: "after a comment", in: "# ticket 42\ncurl -s x", want: true},
		{name: "json", in: `{"Name":"curl something"}`, want: false},
		{name: "prose", in: "please run curl for me", want: false},
		{name: "bare word", in: "curl", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Looks([]byte(tt.in)); got != tt.want {
				t.Errorf("Looks = %v, want %v", got, tt.want)
			}
		})
	}
}

// checkPositions fails when a position lies outside the text it points
// into.
func checkPositions(t *testing.T, units []*input.Unit) {
	t.Helper()
	for _, u := range units {
		r := u.Request
		ps := []input.Pos{r.MethodAt, r.URLAt, r.BodyFlagAt}
		for _, h := range r.Headers {
			ps = append(ps, h.At)
		}
		for _, v := range r.Unresolved {
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
	ix := lines.New(src.Data) // CR, LF and CRLF each end a line, as the parser counts
	line := p.Line - src.LineOffset
	if line < 1 || line > ix.Count() || p.Col < 1 || p.Col > utf8.RuneCount(ix.Line(line))+1 {
		t.Fatalf("position %d:%d outside %q", p.Line, p.Col, src.Path)
	}
}

func FuzzCurl(f *testing.F) {
	for _, s := range []string{chromeBash, chromeCmd, firefoxBash, firefoxCmd, oldChromeCmd, postman, aptlyDocs, powerShell, chatPaste,
		"curl -d @card.json -H @h.txt x", "curl -XPOST -sSd '{}' u", "curl --data-urlencode a@b u"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := &input.Source{Path: "f.curl", Data: []byte(s)}
		units, err := Parse(src, Options{ReadFile: func(string) ([]byte, error) { return []byte("{}\n"), nil }})
		if err != nil {
			return
		}
		checkPositions(t, units)
	})
}

// TestUploadVars: a variable in the name of a file -T uploads belongs to
// the request that uploads it, once.
func TestUploadVars(t *testing.T) {
	units, err := Parse(&input.Source{Path: "x.sh", Data: []byte(`curl -T "$F" https://e.com/a/ -T b.json https://e.com/b/`)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 2 {
		t.Fatalf("%d units, want 2", len(units))
	}
	if n := len(units[0].Request.Unresolved); n != 1 {
		t.Errorf("request 1 lists %d unresolved variables, want 1 ($F)", n)
	}
	if n := len(units[1].Request.Unresolved); n != 0 {
		t.Errorf("request 2 lists %d unresolved variables, want none", n)
	}
	if u := units[1].Request.URL; u != "https://e.com/b/b.json" {
		t.Errorf("request 2 URL %q, want the file name added", u)
	}
}
