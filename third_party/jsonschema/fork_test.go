package jsonschema

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The fork lays out at compile time what upstream builds in the package's
// init (see README.fork.md). These tests rebuild upstream's values the way
// upstream does and compare.

// schemaPath is upstream's parser of a subschema path such as "allOf/[]".
func schemaPath(path string) SchemaPath {
	var sp SchemaPath
	for _, tok := range strings.Split(path, "/") {
		var pos Position
		switch tok {
		case "*":
			pos = AllProp{}
		case "[]":
			pos = AllItem{}
		default:
			if i, err := strconv.Atoi(tok); err == nil {
				pos = Item(i)
			} else {
				pos = Prop(tok)
			}
		}
		sp = append(sp, pos)
	}
	return sp
}

func joinSubschemas(a1 []SchemaPath, a2 ...SchemaPath) []SchemaPath {
	var a []SchemaPath
	a = append(a, a1...)
	a = append(a, a2...)
	return a
}

func TestSubschemaPaths(t *testing.T) {
	// Upstream v6.0.3's draft.go, verbatim.
	d4 := []SchemaPath{
		schemaPath("definitions/*"),
		schemaPath("not"),
		schemaPath("allOf/[]"),
		schemaPath("anyOf/[]"),
		schemaPath("oneOf/[]"),
		schemaPath("properties/*"),
		schemaPath("additionalProperties"),
		schemaPath("patternProperties/*"),
		schemaPath("items"),
		schemaPath("items/[]"),
		schemaPath("additionalItems"),
		schemaPath("dependencies/*"),
	}
	d6 := joinSubschemas(d4, schemaPath("propertyNames"), schemaPath("contains"))
	d7 := joinSubschemas(d6, schemaPath("if"), schemaPath("then"), schemaPath("else"))
	d2019 := joinSubschemas(d7,
		schemaPath("$defs/*"),
		schemaPath("dependentSchemas/*"),
		schemaPath("unevaluatedProperties"),
		schemaPath("unevaluatedItems"),
		schemaPath("contentSchema"),
	)
	d2020 := joinSubschemas(d2019, schemaPath("prefixItems/[]"))

	for _, tc := range []struct {
		d    *Draft
		want []SchemaPath
	}{{Draft4, d4}, {Draft6, d6}, {Draft7, d7}, {Draft2019, d2019}, {Draft2020, d2020}} {
		if !reflect.DeepEqual(tc.d.subschemas, tc.want) {
			t.Errorf("%s: subschemas %v, want %v", tc.d, tc.d.subschemas, tc.want)
		}
		if len(tc.d.subschemas) != cap(tc.d.subschemas) {
			t.Errorf("%s: subschemas have room to append into the next draft's", tc.d)
		}
	}
}

func TestBuiltinLookups(t *testing.T) {
	// Upstream's map keys, each equal to its value's Name.
	names := []string{
		"json-pointer", "relative-json-pointer", "uuid", "duration", "period",
		"ipv4", "ipv6", "hostname", "email", "date", "time", "date-time",
		"uri", "iri", "uri-reference", "iri-reference", "uri-template", "semver",
	}
	if len(formats) != len(names) {
		t.Errorf("%d formats, want %d", len(formats), len(names))
	}
	for _, name := range names {
		f := builtinFormat(name)
		if f == nil || f.Name != name || f.Validate == nil {
			t.Errorf("builtinFormat(%q) = %+v", name, f)
		}
	}
	if f := builtinFormat("regex"); f != nil {
		t.Errorf("builtinFormat(regex) = %+v, want nil (the compiler makes it)", f)
	}
	for _, name := range []string{"", "URI", "date-time ", "unknown"} {
		if f := builtinFormat(name); f != nil {
			t.Errorf("builtinFormat(%q) = %+v, want nil", name, f)
		}
	}
	if d := builtinDecoder("base64"); d == nil || d.Name != "base64" {
		t.Errorf("builtinDecoder(base64) = %+v", d)
	} else if b, err := d.Decode("aGk="); err != nil || string(b) != "hi" {
		t.Errorf("base64 decode = %q, %v", b, err)
	}
	if d := builtinDecoder("base32"); d != nil {
		t.Errorf("builtinDecoder(base32) = %+v, want nil", d)
	}
	if m := builtinMediaType("application/json"); m == nil || m.Name != "application/json" {
		t.Errorf("builtinMediaType(application/json) = %+v", m)
	} else if err := m.Validate([]byte(`{"a":1}`)); err != nil {
		t.Errorf("application/json validate: %v", err)
	}
	if m := builtinMediaType("text/plain"); m != nil {
		t.Errorf("builtinMediaType(text/plain) = %+v, want nil", m)
	}
}

// TestConcurrentFirstCompile compiles schemas of every draft from many
// goroutines at once, the first compile of each draft among them, so that
// -race sees the lazy meta-schemas and the static tables shared.
func TestConcurrentFirstCompile(t *testing.T) {
	drafts := []*Draft{Draft4, Draft6, Draft7, Draft2019, Draft2020}
	var wg sync.WaitGroup
	for i := range 4 * len(drafts) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := drafts[i%len(drafts)]
			c := NewCompiler()
			c.DefaultDraft(d)
			c.AssertFormat()
			c.AssertContent()
			items := "items" // a list of schemas
			if d == Draft2020 {
				items = "prefixItems"
			}
			doc, err := UnmarshalJSON(strings.NewReader(`{
				"properties": {"d": {"format": "date"}, "c": {"contentEncoding": "base64", "contentMediaType": "application/json"}},
				"` + items + `": [{"type": "string"}],
				"not": {"type": "null"}
			}`))
			if err != nil {
				t.Error(err)
				return
			}
			if err := c.AddResource("mem://s.json", doc); err != nil {
				t.Error(err)
				return
			}
			sch, err := c.Compile("mem://s.json")
			if err != nil {
				t.Errorf("%s: %v", d, err)
				return
			}
			inst, _ := UnmarshalJSON(strings.NewReader(`{"d": "2024-02-30"}`))
			if err := sch.Validate(inst); err == nil {
				t.Errorf("%s: invalid date accepted", d)
			}
		}()
	}
	wg.Wait()
}
