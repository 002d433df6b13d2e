package har

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// export is trimmed from a Chrome export: one request to another host,
// a card POST refused with 401, and a base64-encoded response.
const export = `{
  "log": {
    "version": "1.2",
    "creator": {"name": "WebInspector", "version": "537.36"},
    "pages": [{"startedDateTime": "2024-05-02T09:14:03.120Z", "id": "page_1", "title": "Aptly", "pageTimings": {}}],
    "entries": [
      {
        "_initiator": {"type": "script", "stack": {"callFrames": []}},
        "startedDateTime": "2024-05-02T09:14:03.200Z",
        "request": {
          "method": "GET",
          "url": "https://fonts.googleapis.com/css2?family=Inter",
          "httpVersion": "http/2.0",
          "headers": [
            {"name": ":authority", "value": "fonts.googleapis.com"},
            {"name": "accept", "value": "text/css,*/*;q=0.1"}
          ],
          "queryString": [{"name": "family", "value": "Inter"}],
          "cookies": [],
          "headersSize": -1,
          "bodySize": 0
        },
        "response": {
          "status": 200,
          "statusText": "",
          "headers": [{"name": "content-type", "value": "text/css"}],
          "content": {"size": 12, "mimeType": "text/css", "text": "body{margin:0}"}
        },
        "timings": {"send": 0.1, "wait": 20.5, "receive": 0.3}
      },
      {
        "startedDateTime": "2024-05-02T09:14:04.010Z",
        "request": {
          "method": "POST",
          "url": "https://app.getaptly.com/api/aptlet/8f2c1d",
          "headers": [
            {"name": ":method", "value": "POST"},
            {"name": "x-token", "value": "3b9f0c2e7a"},
            {"name": "Accept", "value": "application/json"}
          ],
          "postData": {
            "mimeType": "application/json",
            "text": "{\"Name\":\"José\",\n\"Email\":\"jose@example.com\"}"
          }
        },
        "response": {
          "status": 401,
          "statusText": "Unauthorized",
          "headers": [{"name": "Content-Type", "value": "application/json"}],
          "content": {"size": 24, "mimeType": "application/json", "text": "{\"error\":\"Unauthorized\"}"}
        }
      },
      {
        "request": {"method": "GET", "url": "https://app.getaptly.com/api/user", "headers": []},
        "response": {
          "status": 200, "statusText": "OK", "headers": [],
          "content": {"mimeType": "application/json", "encoding": "base64", "text": "W3siaWQiOiJ1MSJ9XQ=="}
        }
      }
    ]
  }
}
`

type want struct {
	Label      string
	Method     string
	MethodAt   input.Pos
	URL        string
	URLAt      input.Pos
	Headers    []input.Header
	Body       string
	BodyAt     input.Pos
	Status     int
	StatusText string
	RespAt     input.Pos
	RespBody   string
}

func at(line, col int) input.Pos { return input.Pos{Line: line, Col: col} }

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{
			name: "chrome export",
			in:   export,
			want: []want{
				{
					Label: "entry 1", Method: "GET", MethodAt: at(11, 22),
					URL: "https://fonts.googleapis.com/css2?family=Inter", URLAt: at(12, 19),
					Headers: []input.Header{{Name: "accept", Value: "text/css,*/*;q=0.1", At: at(16, 42)}},
					Body:    "<nil>", Status: 200, RespAt: at(23, 21), RespBody: "body{margin:0}",
				},
				{
					Label: "entry 2", Method: "POST", MethodAt: at(34, 22),
					URL: "https://app.getaptly.com/api/aptlet/8f2c1d", URLAt: at(35, 19),
					Headers: []input.Header{
						{Name: "x-token", Value: "3b9f0c2e7a", At: at(38, 43)},
						{Name: "Accept", Value: "application/json", At: at(39, 42)},
						{Name: "Content-Type", Value: "application/json", Implicit: true},
					},
					Body: "{\"Name\":\"José\",\n\"Email\":\"jose@example.com\"}", BodyAt: at(43, 22),
					Status: 401, StatusText: "Unauthorized", RespAt: at(46, 21), RespBody: `{"error":"Unauthorized"}`,
				},
				{
					Label: "entry 3", Method: "GET", MethodAt: at(54, 32),
					URL: "https://app.getaptly.com/api/user", URLAt: at(54, 46),
					Body: "<nil>", Status: 200, StatusText: "OK", RespAt: at(55, 21), RespBody: `[{"id":"u1"}]`,
				},
			},
		},
		{
			name: "no entries yet",
			in:   `{"log":{"version":"1.2","entries":[]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &input.Source{Path: "session.har", Data: []byte(tt.in)}
			units, err := Parse(src)
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

func describe(u *input.Unit) want {
	r := u.Request
	w := want{Label: u.Label, Method: r.Method, MethodAt: r.MethodAt, URL: r.URL, URLAt: r.URLAt, Headers: r.Headers, Body: "<nil>"}
	if r.Body != nil {
		w.Body, w.BodyAt = string(r.Body.Raw), r.Body.At
	}
	if u.Response != nil {
		w.Status, w.StatusText, w.RespAt, w.RespBody = u.Response.Status, u.Response.StatusText, u.Response.At, string(u.Response.Body)
	}
	return w
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "not json", in: "<html>", want: "not valid JSON at line 1, column 1"},
		{name: "truncated", in: `{"log":{"entries":[{"request":{"url":"x"`, want: "ends too early"},
		{name: "bad token on line 3", in: "{\"log\":\n{\"entries\":\n [,]}}", want: "line 3, column 3"},
		{name: "array document", in: `[1,2]`, want: "the document is not an object"},
		{name: "no log", in: `{"foo":1}`, want: `no "log" object`},
		{name: "no entries", in: `{"log":{"version":"1.2"}}`, want: `no "log.entries" array`},
		{name: "entries not an array", in: `{"log":{"entries":{}}}`, want: `"log.entries" is not an array`},
		{name: "entry without request", in: `{"log":{"entries":[{"response":{}}]}}`, want: `entry 1 has no "request"`},
		{name: "url not a string", in: `{"log":{"entries":[{"request":{"url":{}}}]}}`, want: `entry 1 "url" is not a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(&input.Source{Path: "x.har", Data: []byte(tt.in)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// bigHAR builds a HAR of about size bytes from realistic entries, with
// response bodies making up most of it as in real exports.
func bigHAR(size int) []byte {
	var b bytes.Buffer
	b.WriteString("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\"},\"entries\":[\n")
	body := strings.Repeat(`{\"id\":\"c1\",\"Name\":\"John Smith\"},`, 40)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"startedDateTime":"2024-05-02T09:14:03.200Z","time":41.2,
 "request":{"method":"POST","url":"https://app.getaptly.com/api/aptlet/b%d","httpVersion":"http/2.0",
  "headers":[{"name":":authority","value":"app.getaptly.com"},{"name":"x-token","value":"k%d"},{"name":"content-type","value":"application/json"}],
  "queryString":[],"cookies":[],"headersSize":-1,"bodySize":40,
  "postData":{"mimeType":"application/json","text":"{\"Name\":\"Entry %d\"}"}},
 "response":{"status":200,"statusText":"OK","headers":[{"name":"content-type","value":"application/json"}],
  "content":{"size":1400,"mimeType":"application/json","text":"[%s{}]"}},
 "cache":{},"timings":{"send":0.2,"wait":40,"receive":1}}`, i, i, i, body)
	}
	b.WriteString("\n]}}\n")
	return b.Bytes()
}

func TestParseMemory(t *testing.T) {
	data := bigHAR(5 << 20)
	src := &input.Source{Path: "big.har", Data: data}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	units, err := Parse(src)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	// Decoding the whole document into maps allocates well over ten times
	// its size; streaming stays near four, most of it short-lived token
	// garbage of encoding/json.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 5*uint64(len(data)) {
		t.Errorf("parsing %d bytes allocated %d bytes, want at most five times the size", len(data), alloc)
	}
	// Each generated entry spans eight lines and its url is on the
	// second; the first entry starts on line 2.
	last := units[len(units)-1]
	if want := (input.Pos{Line: 2 + 8*(len(units)-1) + 1, Col: 36}); last.Request.URLAt != want {
		t.Errorf("last url at %v, want %v", last.Request.URLAt, want)
	}
	checkPositions(t, units)
}

func BenchmarkParse(b *testing.B) {
	data := bigHAR(5 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(&input.Source{Path: "big.har", Data: data}); err != nil {
			b.Fatal(err)
		}
	}
}

func checkPositions(t *testing.T, units []*input.Unit) {
	t.Helper()
	if len(units) == 0 {
		return
	}
	li := lines.New(units[0].Src.Data)
	inside := func(p input.Pos) {
		if p.IsZero() {
			return
		}
		if text := li.Line(p.Line); text == nil || p.Col < 1 || p.Col > utf8.RuneCount(text)+1 {
			t.Fatalf("position %d:%d outside the document", p.Line, p.Col)
		}
	}
	for _, u := range units {
		r := u.Request
		inside(r.MethodAt)
		inside(r.URLAt)
		inside(r.BodyFlagAt)
		for _, h := range r.Headers {
			inside(h.At)
		}
		if r.Body != nil {
			inside(r.Body.At)
		}
		if u.Response != nil {
			inside(u.Response.At)
			for _, h := range u.Response.Headers {
				inside(h.At)
			}
		}
	}
}

func FuzzHAR(f *testing.F) {
	f.Add(export)
	f.Add(`{"log":{"entries":[{"request":{"url":"x"}}]}}`)
	f.Add(string(bigHAR(2000)))
	f.Fuzz(func(t *testing.T, s string) {
		units, err := Parse(&input.Source{Path: "f.har", Data: []byte(s)})
		if err != nil || len(units) == 0 {
			return
		}
		checkPositions(t, units)
	})
}

// TestParseBOM: an export saved with a byte order mark (Windows tools do)
// is read as the same export, at the same positions.
func TestParseBOM(t *testing.T) {
	plain, err := Parse(&input.Source{Path: "s.har", Data: []byte(export)})
	if err != nil {
		t.Fatal(err)
	}
	bom, err := Parse(&input.Source{Path: "s.har", Data: []byte("\ufeff" + export)})
	if err != nil {
		t.Fatalf("Parse with a BOM: %v", err)
	}
	if len(plain) != len(bom) {
		t.Fatalf("%d entries with a BOM, %d without", len(bom), len(plain))
	}
	for i := range plain {
		if got, want := describe(bom[i]), describe(plain[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("entry %d with a BOM:\n got  %+v\n want %+v", i+1, got, want)
		}
	}
	_, err = Parse(&input.Source{Path: "s.har", Data: []byte("\ufeff{\"log\": {\"entries\": [}}")})
	if err == nil || !strings.Contains(err.Error(), "line 1, column 23") {
		t.Errorf("syntax error after a BOM: %v, want it at line 1, column 23", err)
	}
}

// TestParseNulls: exporters write a part that is absent as null (headers,
// postData, response, content); that is the part left out, not a broken
// export.
func TestParseNulls(t *testing.T) {
	in := `{"log": {"entries": [
{"request": {"method": "GET", "url": "https://e.com/a", "headers": null, "postData": null}, "response": null},
{"request": {"method": "POST", "url": "https://e.com/b", "headers": []}, "response": {"status": 0, "headers": null, "content": null}}
]}}`
	units, err := Parse(&input.Source{Path: "n.har", Data: []byte(in)})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(units) != 2 || units[0].Response != nil || units[0].Request.BodyFlag != "" || units[1].Response == nil {
		t.Fatalf("units %+v", units)
	}
	checkPositions(t, units)
}
