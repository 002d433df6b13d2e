package schemas

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"
)

func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	data, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("schema %q is not JSON: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	loc := "mem:///" + name + Suffix
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatalf("add %q: %v", name, err)
	}
	sch, err := c.Compile(loc)
	if err != nil {
		t.Fatalf("compile %q: %v", name, err)
	}
	return sch
}

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		arg     string
		wantErr bool
	}{
		{name: "short legacy name", arg: CardLegacy},
		{name: "short core name", arg: CardCore},
		{name: "full file name", arg: "card-core.schema.json"},
		{name: "unknown schema", arg: "card-nope", wantErr: true},
		{name: "empty name", arg: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := Read(tt.arg)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Read(%q) gave no error", tt.arg)
				}
				if !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("Read(%q) error %v does not wrap fs.ErrNotExist", tt.arg, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read(%q): %v", tt.arg, err)
			}
			if !bytes.Contains(data, []byte(`"title"`)) {
				t.Errorf("Read(%q) has no title", tt.arg)
			}
		})
	}
}

func TestEverySchemaCompiles(t *testing.T) {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 2 {
		t.Fatalf("FS holds %d schemas, want at least the two card schemas", len(entries))
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), Suffix)
		t.Run(name, func(t *testing.T) { compile(t, name) })
	}
}

func TestCardSchemas(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		legacy  bool // the legacy schema accepts it
		core    bool // the core schema accepts it
		wantKw  string
	}{
		{name: "legacy docs example", payload: `{"Name": "John Smith", "Status": "New"}`, legacy: true, core: true},
		{name: "core docs example", payload: `{ "name": "John Smith", "abc123": "john@example.com", "ghi789": 1500 }`, legacy: true, core: true},
		{name: "update with _id", payload: `{"_id": "JShpBxEFgRmZnivTf", "Stage": "Qualified"}`, legacy: true, core: true},
		{name: "empty object", payload: `{}`, legacy: true, core: true},
		{name: "every scalar kind", payload: `{"a": "x", "b": 1850.00, "c": true, "d": null, "e": -3}`, legacy: true, core: true},
		{name: "multiselect list", payload: `{"Pets": ["Dog", "Cat"]}`, legacy: true, core: true},
		{name: "numbers in a list", payload: `{"ids": [1, 2.5]}`, legacy: true, core: true},
		{name: "empty list", payload: `{"Pets": []}`, legacy: true, core: true},
		{name: "title spelling", payload: `{"title": "Unit 4B leak"}`, legacy: true, core: true},
		{name: "_id of any type is not this schema's business", payload: `{"_id": 12}`, legacy: true, core: true},
		{name: "nested object", payload: `{"Address": {"street": "Main"}}`, wantKw: "type"},
		{name: "money as amount and currency", payload: `{"ghi789": {"amount": 1500, "currency": "USD"}}`, wantKw: "type"},
		{name: "object in a list", payload: `{"Pets": [{"kind": "Dog"}]}`, wantKw: "type"},
		{name: "list in a list", payload: `{"Pets": [["Dog"]]}`, wantKw: "type"},
		{name: "null in a list", payload: `{"Pets": [null]}`, wantKw: "type"},
		{name: "boolean in a list", payload: `{"Pets": [true]}`, wantKw: "type"},
		{name: "empty key", payload: `{"": "x"}`, wantKw: "minLength"},
		{name: "array of cards", payload: `[{"Name": "a"}]`, wantKw: "type"},
		{name: "bare string", payload: `"Name"`, wantKw: "type"},
		{name: "null body", payload: `null`, wantKw: "type"},
		{name: "numeric name", payload: `{"name": 5}`, legacy: true, wantKw: "type"},
		{name: "object title", payload: `{"title": {"text": "x"}}`, wantKw: "type"},
	}
	legacy := compile(t, CardLegacy)
	core := compile(t, CardCore)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.payload))
			if err != nil {
				t.Fatalf("test payload is not JSON: %v", err)
			}
			for _, s := range []struct {
				name string
				sch  *jsonschema.Schema
				want bool
			}{{"legacy", legacy, tt.legacy}, {"core", core, tt.core}} {
				err := s.sch.Validate(v)
				if s.want && err != nil {
					t.Errorf("%s schema rejects %s: %v", s.name, tt.payload, err)
				}
				if !s.want {
					if err == nil {
						t.Errorf("%s schema accepts %s", s.name, tt.payload)
						continue
					}
					if kws := leafKeywords(err); !slices.Contains(kws, tt.wantKw) {
						t.Errorf("%s schema fails %s on %v, want keyword %q", s.name, tt.payload, kws, tt.wantKw)
					}
				}
			}
		})
	}
}

// leafKeywords names the schema keywords behind a validation failure, so a
// test can tell a wrong type from an empty key.
func leafKeywords(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, strings.Join(e.ErrorKind.KeywordPath(), "/"))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}
