package jsonschema

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// A Draft represents json-schema specification.
type Draft struct {
	version       int
	url           string
	id            string       // property name used to represent id
	subschemas    []SchemaPath // locations of subschemas
	vocabPrefix   string       // prefix used for vocabulary
	allVocabs     []string     // names of supported vocabs
	defaultVocabs []string     // names of default vocabs

	// meta holds the compiled meta-schema and vocabulary schemas, built by
	// metaSchemas the first time a schema of this draft is compiled.
	meta struct {
		once   sync.Once
		sch    *Schema
		vocabs map[string]*Schema
	}
}

// String returns the specification url.
func (d *Draft) String() string {
	return d.url
}

// subschemaPaths lists where each draft finds subschemas. Every draft's list
// is the previous draft's followed by its own keywords, so a draft's list is
// a prefix of this array (its length in the Draft literal below, capacity
// capped so that nothing can append into the next draft's entries).
//
// Upstream builds the five lists in the package's init, with schemaPath
// parsing a string per entry and joinSubschemas copying each previous list:
// some 50,000 instructions and 150 allocations in every program that links
// the package. Written out as Position values, the array and the Draft values
// are laid out by the compiler; the init only stores the five slice headers.
// TestSubschemaPaths checks the lists against upstream's construction.
var subschemaPaths = [...]SchemaPath{
	// draft-04
	// type agonistic
	{Prop("definitions"), AllProp{}},
	{Prop("not")},
	{Prop("allOf"), AllItem{}},
	{Prop("anyOf"), AllItem{}},
	{Prop("oneOf"), AllItem{}},
	// object
	{Prop("properties"), AllProp{}},
	{Prop("additionalProperties")},
	{Prop("patternProperties"), AllProp{}},
	// array
	{Prop("items")},
	{Prop("items"), AllItem{}},
	{Prop("additionalItems")},
	{Prop("dependencies"), AllProp{}},

	// draft-06
	{Prop("propertyNames")},
	{Prop("contains")},

	// draft-07
	{Prop("if")},
	{Prop("then")},
	{Prop("else")},

	// draft 2019-09
	{Prop("$defs"), AllProp{}},
	{Prop("dependentSchemas"), AllProp{}},
	{Prop("unevaluatedProperties")},
	{Prop("unevaluatedItems")},
	{Prop("contentSchema")},

	// draft 2020-12
	{Prop("prefixItems"), AllItem{}},
}

var (
	Draft4 = &Draft{
		version:       4,
		url:           "http://json-schema.org/draft-04/schema",
		id:            "id",
		subschemas:    subschemaPaths[:12:12],
		vocabPrefix:   "",
		defaultVocabs: []string{},
	}

	Draft6 = &Draft{
		version:       6,
		url:           "http://json-schema.org/draft-06/schema",
		id:            "$id",
		subschemas:    subschemaPaths[:14:14],
		vocabPrefix:   "",
		defaultVocabs: []string{},
	}

	Draft7 = &Draft{
		version:       7,
		url:           "http://json-schema.org/draft-07/schema",
		id:            "$id",
		subschemas:    subschemaPaths[:17:17],
		vocabPrefix:   "",
		defaultVocabs: []string{},
	}

	Draft2019 = &Draft{
		version:     2019,
		url:         "https://json-schema.org/draft/2019-09/schema",
		id:          "$id",
		subschemas:  subschemaPaths[:22:22],
		vocabPrefix: "https://json-schema.org/draft/2019-09/vocab/",
		allVocabs: []string{
			"core",
			"applicator",
			"validation",
			"meta-data",
			"format",
			"content",
		},
		defaultVocabs: []string{"core", "applicator", "validation"},
	}

	Draft2020 = &Draft{
		version:     2020,
		url:         "https://json-schema.org/draft/2020-12/schema",
		id:          "$id",
		subschemas:  subschemaPaths[:23:23],
		vocabPrefix: "https://json-schema.org/draft/2020-12/vocab/",
		allVocabs: []string{
			"core",
			"applicator",
			"unevaluated",
			"validation",
			"meta-data",
			"format-annotation",
			"format-assertion",
			"content",
		},
		defaultVocabs: []string{"core", "applicator", "unevaluated", "validation"},
	}

	draftLatest = Draft2020
)

// metaSchemas returns the draft's compiled meta-schema and the schemas of
// its vocabularies, compiling them on first use.
//
// Upstream compiles all five drafts' meta-schemas in a package init (about
// 20,000 allocations and several milliseconds), which every program that
// links the package pays at start-up even if it never compiles a schema.
// Here each draft pays on its first compile instead, and only the drafts a
// program uses are compiled. The schemas are the same: each draft's
// meta-schemas refer only to themselves, and they are compiled with format
// assertion on, as the init did. allVocabs stays a read-only set of names, so
// compiling one draft while another goroutine reads it is race free.
func (d *Draft) metaSchemas() (*Schema, map[string]*Schema) {
	d.meta.once.Do(func() {
		c := NewCompiler()
		c.AssertFormat()
		sch := c.MustCompile(d.url)
		vocabs := make(map[string]*Schema, len(d.allVocabs))
		for _, name := range d.allVocabs {
			vocabs[name] = c.MustCompile(strings.TrimSuffix(d.url, "schema") + "meta/" + name)
		}
		d.meta.sch, d.meta.vocabs = sch, vocabs
	})
	return d.meta.sch, d.meta.vocabs
}

func draftFromURL(url string) *Draft {
	u, frag := split(url)
	if frag != "" {
		return nil
	}
	u, ok := strings.CutPrefix(u, "http://")
	if !ok {
		u, _ = strings.CutPrefix(u, "https://")
	}
	switch u {
	case "json-schema.org/schema":
		return draftLatest
	case "json-schema.org/draft/2020-12/schema":
		return Draft2020
	case "json-schema.org/draft/2019-09/schema":
		return Draft2019
	case "json-schema.org/draft-07/schema":
		return Draft7
	case "json-schema.org/draft-06/schema":
		return Draft6
	case "json-schema.org/draft-04/schema":
		return Draft4
	default:
		return nil
	}
}

func (d *Draft) getID(obj map[string]any) string {
	if d.version < 2019 {
		if _, ok := obj["$ref"]; ok {
			// All other properties in a "$ref" object MUST be ignored
			return ""
		}
	}

	id, ok := strVal(obj, d.id)
	if !ok {
		return ""
	}
	id, _ = split(id) // ignore fragment
	return id
}

func (d *Draft) getVocabs(url url, doc any, vocabularies map[string]*Vocabulary) ([]string, error) {
	if d.version < 2019 {
		return nil, nil
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, nil
	}
	v, ok := obj["$vocabulary"]
	if !ok {
		return nil, nil
	}
	obj, ok = v.(map[string]any)
	if !ok {
		return nil, nil
	}

	var vocabs []string
	for vocab, reqd := range obj {
		if reqd, ok := reqd.(bool); !ok || !reqd {
			continue
		}
		name, ok := strings.CutPrefix(vocab, d.vocabPrefix)
		if ok {
			if slices.Contains(d.allVocabs, name) {
				if !slices.Contains(vocabs, name) {
					vocabs = append(vocabs, name)
					continue
				}
			}
		}
		if _, ok := vocabularies[vocab]; !ok {
			return nil, &UnsupportedVocabularyError{url.String(), vocab}
		}
		if !slices.Contains(vocabs, vocab) {
			vocabs = append(vocabs, vocab)
		}
	}
	if !slices.Contains(vocabs, "core") {
		vocabs = append(vocabs, "core")
	}
	return vocabs, nil
}

// --

type dialect struct {
	draft  *Draft
	vocabs []string // nil means use draft.defaultVocabs
}

func (d *dialect) hasVocab(name string) bool {
	if name == "core" || d.draft.version < 2019 {
		return true
	}
	if d.vocabs != nil {
		return slices.Contains(d.vocabs, name)
	}
	return slices.Contains(d.draft.defaultVocabs, name)
}

func (d *dialect) activeVocabs(assertVocabs bool, vocabularies map[string]*Vocabulary) []string {
	if len(vocabularies) == 0 {
		return d.vocabs
	}
	if d.draft.version < 2019 {
		assertVocabs = true
	}
	if !assertVocabs {
		return d.vocabs
	}
	var vocabs []string
	if d.vocabs == nil {
		vocabs = slices.Clone(d.draft.defaultVocabs)
	} else {
		vocabs = slices.Clone(d.vocabs)
	}
	for vocab := range vocabularies {
		if !slices.Contains(vocabs, vocab) {
			vocabs = append(vocabs, vocab)
		}
	}
	return vocabs
}

func (d *dialect) getSchema(assertVocabs bool, vocabularies map[string]*Vocabulary) *Schema {
	vocabs := d.activeVocabs(assertVocabs, vocabularies)
	draftSch, vocabSchs := d.draft.metaSchemas()
	if vocabs == nil {
		return draftSch
	}

	var allOf []*Schema
	for _, vocab := range vocabs {
		sch := vocabSchs[vocab]
		if sch == nil {
			if v, ok := vocabularies[vocab]; ok {
				sch = v.Schema
			}
		}
		if sch != nil {
			allOf = append(allOf, sch)
		}
	}
	if !slices.Contains(vocabs, "core") {
		sch := vocabSchs["core"]
		if sch == nil {
			sch = draftSch
		}
		allOf = append(allOf, sch)
	}
	sch := &Schema{
		Location:     "urn:mem:metaschema",
		up:           urlPtr{url("urn:mem:metaschema"), ""},
		DraftVersion: d.draft.version,
		AllOf:        allOf,
	}
	sch.resource = sch
	if sch.DraftVersion >= 2020 {
		sch.DynamicAnchor = "meta"
		sch.dynamicAnchors = map[string]*Schema{
			"meta": sch,
		}
	}
	return sch
}

// --

type ParseIDError struct {
	URL string
}

func (e *ParseIDError) Error() string {
	return fmt.Sprintf("error in parsing id at %q", e.URL)
}

// --

type ParseAnchorError struct {
	URL string
}

func (e *ParseAnchorError) Error() string {
	return fmt.Sprintf("error in parsing anchor at %q", e.URL)
}

// --

type DuplicateIDError struct {
	ID   string
	URL  string
	Ptr1 string
	Ptr2 string
}

func (e *DuplicateIDError) Error() string {
	return fmt.Sprintf("duplicate id %q in %q at %q and %q", e.ID, e.URL, e.Ptr1, e.Ptr2)
}

// --

type DuplicateAnchorError struct {
	Anchor string
	URL    string
	Ptr1   string
	Ptr2   string
}

func (e *DuplicateAnchorError) Error() string {
	return fmt.Sprintf("duplicate anchor %q in %q at %q and %q", e.Anchor, e.URL, e.Ptr1, e.Ptr2)
}
