package checks

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
)

func compileTestSchema(t *testing.T, src string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("mem:///s.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mem:///s.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func runOn(t *testing.T, opts *Options, body string) []Finding {
	t.Helper()
	res := (&Runner{Checks: []*Check{PayloadSchema}, Opts: opts, Jobs: 1}).Run([]*input.Target{payloadTarget("p.json", body)})
	if f := res.Targets[0].Failures; len(f) > 0 {
		t.Fatalf("tool failure: %v", f)
	}
	return res.Targets[0].Findings
}

func TestUserSchemaPositions(t *testing.T) {
	sch := compileTestSchema(t, `{
	  "type": "object",
	  "required": ["Name", "Email"],
	  "properties": {
	    "Name": {"type": "string"},
	    "Email": {"type": "string", "format": "email"},
	    "a/b": {"type": "number"},
	    "ti~lde": {"type": "number"},
	    "Größe": {"type": "number"},
	    "Pets": {"type": "object", "required": ["count"], "properties": {"count": {"type": "integer"}}, "additionalProperties": false}
	  },
	  "additionalProperties": false
	}`)
	body := `{
  "Email": "not-an-email",
  "a/b": "x",
  "ti~lde": "y",
  "Größe": "z",
  "Pets": {"dogs": 1},
  "Extra field": 1
}`
	got := runOn(t, &Options{Schema: sch}, body)
	var lines []string
	for _, f := range got {
		lines = append(lines, fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.Pointer, f.Message))
	}
	want := []string{
		`1:1  required property "Name" is missing from the body`,
		`2:12 /Email value at "Email" breaks the schema: 'not-an-email' is not valid email: missing @`,
		`3:10 /a~1b value at "a/b" is a string, but the schema wants number`,
		`4:13 /ti~0lde value at "ti~lde" is a string, but the schema wants number`,
		`5:12 /Größe value at "Größe" is a string, but the schema wants number`,
		`6:11 /Pets required property "count" is missing from "Pets"`,
		`6:12 /Pets/dogs property "dogs" is not allowed here by the schema`,
		`7:3 /Extra field property "Extra field" is not allowed here by the schema`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestFlatCardAgreesWithBundledSchemas keeps the fast path honest: for every
// body it says yes to, the bundled schemas must say yes too, and where it
// says no, the schemas must find something.
func TestFlatCardAgreesWithBundledSchemas(t *testing.T) {
	bodies := []string{
		`{}`, `{"Name":"x"}`, `{"":"x"}`, `{"a":{"b":1}}`, `{"a":[1,"x"]}`, `{"a":[{"b":1}]}`,
		`{"a":[[1]]}`, `{"a":null}`, `{"a":true,"b":1.5,"c":[]}`, `{"_id":"abc","Name":"x"}`,
		`{"a":[null]}`, `{"a":[true]}`, `{"name":"x","title":"y","abc123":5}`, `{"name":5}`,
		`{"title":{"x":1}}`, `{"_id":{"x":1}}`, `{"_id":""}`, `{"name":null}`,
	}
	for _, g := range []aptly.Generation{aptly.Legacy, aptly.Core} {
		sch, err := bundledSchema(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bodies {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(b)))
			if err != nil {
				t.Fatal(err)
			}
			fast := flatCard(v.(map[string]any), g)
			slow := sch.Validate(v) == nil
			if fast && !slow {
				t.Errorf("%s: %s: fast path passes what the schema rejects", g, b)
			}
			if !fast && slow {
				t.Errorf("%s: %s: fast path rejects what the schema accepts (no finding would be reported)", g, b)
			}
		}
	}
}

// TestUserSchemaNumbers pins how numbers read in a schema message: without
// digit grouping, 1500 and not 1,500. The schema library formats with fmt
// since it stopped linking golang.org/x/text (third_party/jsonschema/README.fork.md).
func TestUserSchemaNumbers(t *testing.T) {
	sch := compileTestSchema(t, `{"properties": {"Estimated Cost": {"maximum": 1000}, "Notes": {"maxLength": 1000}}}`)
	got := runOn(t, &Options{Schema: sch}, `{"Estimated Cost": 1500, "Notes": "`+strings.Repeat("x", 1200)+`"}`)
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.Message)
	}
	want := []string{
		`value at "Estimated Cost" breaks the schema: maximum: got 1500, want 1000`,
		`value at "Notes" breaks the schema: maxLength: got 1200, want 1000`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}
