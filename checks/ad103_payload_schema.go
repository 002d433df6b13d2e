package checks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"
	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema/kind"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/schemas"
)

// PayloadSchema is AD103: the payload breaks the JSON Schema of its endpoint.
var PayloadSchema = &Check{
	ID:       "AD103",
	Name:     "payload-schema",
	Title:    "payload breaks the JSON Schema for its endpoint",
	Severity: Error,
	Needs:    NeedJSON,
	Doc: `The payload is validated against the card schema of its endpoint: the legacy
/api/aptlet/{board} post (a flat object keyed by field names) or the core
/api/board/{board} post (a flat object keyed by field keys, with name/title), or
against the schema given with --schema. A card's values are strings, numbers,
booleans, null or arrays of them; nested objects are not fields Aptly can store.`,
	Fix: "Change the value so it fits the schema, as the message says",
	Run: runPayloadSchema,
}

func runPayloadSchema(p *Pass) error {
	v := p.Unit.Body.Value
	sch := p.Opts.schema()
	if sch == nil {
		if _, ok := v.(map[string]any); !ok {
			return nil // AD102 says why
		}
		g := generationOf(p)
		if flatCard(v.(map[string]any), g) {
			return nil // the fast path agrees with the bundled schemas
		}
		var err error
		if sch, err = bundledSchema(g); err != nil {
			return err
		}
	}
	err := sch.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("validate: %w", err)
	}
	bundledRules := p.Opts.schema() == nil
	for _, l := range schemaLeaves(ve) {
		reportSchemaError(p, l, bundledRules)
	}
	return nil
}

func (o *Options) schema() *jsonschema.Schema {
	if o == nil {
		return nil
	}
	return o.Schema
}

func generationOf(p *Pass) aptly.Generation {
	if r := p.Unit.Request; r != nil && r.URL != "" {
		if ep, err := aptly.ParseEndpoint(r.URL); err == nil {
			return ep.Generation
		}
	}
	return aptly.Unknown
}

// flatCard mirrors the bundled card schemas' rules: a flat object with
// non-empty keys whose values are scalars or lists of strings and numbers,
// "_id" left to AD107, and on the core API "name"/"title" as text. When it
// says yes the schema library is not called at all; when it says no the
// library decides and words the findings. A test keeps the two in agreement.
func flatCard(obj map[string]any, g aptly.Generation) bool {
	for k, v := range obj {
		switch {
		case k == "":
			return false
		case k == "_id":
			continue
		case g == aptly.Core && (k == "name" || k == "title"):
			if _, ok := v.(string); !ok {
				return false
			}
			continue
		}
		switch v := v.(type) {
		case map[string]any:
			return false
		case []any:
			for _, e := range v {
				switch e.(type) {
				case string, json.Number, float64:
				default:
					return false
				}
			}
		}
	}
	return true
}

var bundled struct {
	once   sync.Once
	legacy *jsonschema.Schema
	core   *jsonschema.Schema
	err    error
}

// bundledSchema returns the compiled card schema for a generation; an
// unknown generation is judged as legacy, the form Aptly's own card docs show.
func bundledSchema(g aptly.Generation) (*jsonschema.Schema, error) {
	bundled.once.Do(func() {
		bundled.legacy, bundled.err = compileEmbedded("card-legacy.schema.json")
		if bundled.err == nil {
			bundled.core, bundled.err = compileEmbedded("card-core.schema.json")
		}
	})
	if bundled.err != nil {
		return nil, bundled.err
	}
	if g == aptly.Core {
		return bundled.core, nil
	}
	return bundled.legacy, nil
}

func compileEmbedded(name string) (*jsonschema.Schema, error) {
	data, err := schemas.Read(name)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("bundled schema %s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "embedded:///" + name
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("bundled schema %s: %w", name, err)
	}
	return c.Compile(url)
}

// schemaLeaves flattens a validation error to the errors that say something
// about the instance, dropping the "allOf failed" style groups.
func schemaLeaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if _, ok := ve.ErrorKind.(*kind.PropertyNames); ok || len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, schemaLeaves(c)...)
	}
	return out
}

func pointerOf(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(jsonpos.EscapeToken(t))
	}
	return b.String()
}

func reportSchemaError(p *Pass, e *jsonschema.ValidationError, bundledRules bool) {
	ptr := pointerOf(e.InstanceLocation)
	where := "the body"
	if ptr != "" {
		where = quote(strings.Join(e.InstanceLocation, "/"))
	}
	switch k := e.ErrorKind.(type) {
	case *kind.PropertyNames:
		why := "it breaks the schema's rule for names"
		if len(e.Causes) > 0 {
			why = e.Causes[0].ErrorKind.LocalizedString(kind.FmtPrinter{})
		}
		if k.Property == "" && bundledRules {
			p.Report(AtKey(jsonpos.Append(ptr, "")), "Give the member the name of a field on the board, or remove it",
				"a member of %s has an empty key; no Aptly field is nameless", where)
			return
		}
		p.Report(AtKey(jsonpos.Append(ptr, k.Property)), "Rename "+quote(k.Property)+" so the schema accepts it",
			"key %q is not an allowed name: %s", k.Property, why)
	case *kind.Type:
		if bundledRules && (k.Got == "object" || k.Got == "array") {
			reportCardType(p, e.InstanceLocation, ptr, k.Got)
			return
		}
		p.Report(AtPointer(ptr), "Send a value of type "+orList(k.Want),
			"value at %s is %s, but the schema wants %s", where, article(k.Got), orList(k.Want))
	case *kind.Required:
		for _, m := range k.Missing {
			p.Report(AtPointer(ptr), "Add the member "+quote(m)+" to this object",
				"required property %q is missing from %s", m, where)
		}
	case *kind.AdditionalProperties:
		props := slices.Clone(k.Properties)
		slices.Sort(props)
		for _, name := range props {
			p.Report(AtKey(jsonpos.Append(ptr, name)), "Remove "+quote(name)+" or rename it to a property the schema allows",
				"property %q is not allowed here by the schema", name)
		}
	case *kind.FalseSchema:
		name := ""
		if n := len(e.InstanceLocation); n > 0 {
			name = e.InstanceLocation[n-1]
		}
		p.Report(AtKey(ptr), "Remove "+quote(name)+"; the schema allows no value here",
			"property %q is not allowed here by the schema", name)
	default:
		p.Report(AtPointer(ptr), "Change the value at "+where+" so it fits the schema",
			"value at %s breaks the schema: %s", where, e.ErrorKind.LocalizedString(kind.FmtPrinter{}))
	}
}

// reportCardType words a bundled-schema type error the way a card author
// thinks of it: fields and lists, not schema types.
func reportCardType(p *Pass, loc []string, ptr, got string) {
	n := len(loc)
	switch {
	case n == 1:
		p.Report(AtPointer(ptr), "Flatten it: send each part as a field of its own, or the whole as one string",
			"field %q holds a JSON %s; a card field takes text, a number, true/false, null or a list of text or numbers", loc[0], got)
	case n == 2:
		p.Report(AtPointer(ptr), "Put plain text or numbers in the list (option names, contact IDs)",
			"item %s of the list in field %q is a JSON %s; a list field holds only text or numbers", ordinal(loc[1]), loc[0], got)
	default:
		p.Report(AtPointer(ptr), "Send a flat card: each field a plain value or a list of plain values",
			"value at %q is nested too deep for a card field", strings.Join(loc, "/"))
	}
}

func orList(ws []string) string {
	ws = slices.Clone(ws)
	if len(ws) <= 1 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " or " + ws[len(ws)-1]
}

func article(w string) string {
	switch w {
	case "object", "array", "integer":
		return "an " + w
	case "null":
		return "null"
	}
	return "a " + w
}

// ordinal turns a 0-based array index into the 1-based count people use.
func ordinal(idx string) string {
	n, err := strconv.Atoi(idx)
	if err != nil {
		return idx
	}
	return strconv.Itoa(n + 1)
}
