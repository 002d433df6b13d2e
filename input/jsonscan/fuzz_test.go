package jsonscan

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// cardPayload is a realistic small card: ten string and number members,
// about 300 bytes, the shape the doctor sees most.
const cardPayload = `{
  "Name": "Unit 4B - Leak under kitchen sink",
  "Description": "Tenant reports water pooling since Monday; caf\u00e9 owner below noticed a stain.",
  "Status": "Open",
  "Priority": 2,
  "Unit": "4B",
  "Property": "Maple Court",
  "Cost": 149.95,
  "Tenant Email": "jo.smith@example.com",
  "Due Date": "2024-07-01",
  "Assignee": "Sam R"
}`

// fuzzSeeds are realistic payloads, good and broken, to start the fuzzer
// from the shapes users actually send.
var fuzzSeeds = []string{
	cardPayload,
	`{"Name":"x","Tags":["a","b"],"Meta":{"n":1,"ok":true,"none":null}}`,
	`{"Name":"x","Name":"y"}`,
	`{"a\u002fb":1,"a/b":2,"~":[],"":{}}`,
	`{"Name": "x",}`,
	`{'Name': 'x'}`,
	"{\u201cName\u201d: \u201cx\u201d}",
	"// note\n{\"a\":1}",
	`{Name: "x", Cost: NaN, Done: True}`,
	`{"Name": "Unit 4B", "Cost": 01.5, "Due": 2024-07-01`,
	"{\"a\":1}\n{\"a\":2}\n",
	"\xEF\xBB\xBF{}",
	"{\"a\":\"caf\xe9\"}",
	`"\ud800\udc00\ud800"`,
	"[[[[[[[[[[]]]]]]]]]]",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Parse(data, 0)
		valid := json.Valid(data)
		if r.OK {
			if r.Err != nil {
				t.Fatalf("OK with an error: %v", r.Err)
			}
			if !valid {
				t.Fatalf("Parse accepts %q, which encoding/json rejects", data)
			}
			if want := stdlib(t, data); !reflect.DeepEqual(r.Value, want) {
				t.Fatalf("Parse(%q) = %#v; encoding/json gives %#v", data, r.Value, want)
			}
			return
		}
		if r.Err == nil {
			t.Fatalf("not OK and no error for %q", data)
		}
		if r.Err.Offset < 0 || r.Err.Offset > len(data) {
			t.Fatalf("offset %d outside [0, %d] for %q", r.Err.Offset, len(data), data)
		}
		if r.Err.Message == "" || r.Err.Fix == "" || r.Err.Culprit == "" {
			t.Fatalf("incomplete error %+v", r.Err)
		}
		if valid {
			switch r.Err.Culprit {
			case "bom", "invalid-utf8", "too-deep":
			default:
				t.Fatalf("Parse rejects %q (%s: %s), which encoding/json accepts", data, r.Err.Culprit, r.Err.Message)
			}
		}
	})
}

// TestParseSeeds runs the fuzz property on the seeds and on every prefix
// of them, so a plain `go test` covers cut-short bodies too.
func TestParseSeeds(t *testing.T) {
	for _, s := range fuzzSeeds {
		for n := 0; n <= len(s); n++ {
			data := []byte(s[:n])
			r := Parse(data, 0)
			if r.OK != json.Valid(data) && !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) && !strings.Contains(s, "\xe9") {
				t.Errorf("Parse(%q) OK = %v (%v); encoding/json disagrees", data, r.OK, r.Err)
			}
			if !r.OK && (r.Err.Offset < 0 || r.Err.Offset > len(data)) {
				t.Errorf("Parse(%q) offset %d out of range", data, r.Err.Offset)
			}
		}
	}
}
