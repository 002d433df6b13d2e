package aptly

import "strings"

// fieldTypes maps every field type name of both vocabularies (the field
// type page's and the OpenAPI enum's), lowercased, to one canonical name.
var fieldTypes = map[string]string{
	"text": "text", "string": "text", "textarea": "text", "rich-text": "text", "richtext": "text",
	"address": "text",
	"number":  "number", "percent": "number", "multiplier": "number",
	"money": "money", "currency": "money",
	"date":     "date",
	"datetime": "datetime", "datetime-local": "datetime", "date-time": "datetime",
	"boolean": "boolean", "checkbox": "boolean", "bool": "boolean",
	"select": "select", "singleselect": "select", "single-select": "select", "dropdown": "select",
	"multiselect": "multiselect", "multi-select": "multiselect", "checkboxlist": "multiselect",
	"person": "person", "persons": "persons",
	"email": "email",
	"phone": "phone", "tel": "phone", "telephone": "phone",
	"url":  "url",
	"file": "file", "files": "file", "heroimage": "file",
	"relatedaptlets": "relatedAptlets",
	"mirror":         "mirror", "mirror-contact": "mirror",
	"calculation": "calculation",
	"ai-computed": "ai-computed",
	"board":       "board",
	"embedvideo":  "url",
}

// readOnly are the canonical types Aptly computes or links itself; a card
// write cannot set them.
var readOnly = map[string]bool{
	"relatedAptlets": true, "mirror": true, "calculation": true, "ai-computed": true,
}

// NormalizeFieldType maps a field type name from either of Aptly's
// vocabularies to the doctor's canonical name: "text", "number", "money",
// "date", "datetime", "boolean", "select", "multiselect", "person",
// "persons", "email", "phone", "url", "file", and the read-only kinds
// "relatedAptlets", "mirror", "calculation", "ai-computed" (and "board", a board link). Case
// and surrounding spaces do not matter. An unknown type is "text", as
// Aptly's field type page says to treat it.
func NormalizeFieldType(t string) string {
	if c, ok := fieldTypes[strings.ToLower(strings.TrimSpace(t))]; ok {
		return c
	}
	return "text"
}

// KnownFieldType reports whether t is a type name of either vocabulary,
// so that callers can tell "text" from "unknown, read as text".
func KnownFieldType(t string) bool {
	_, ok := fieldTypes[strings.ToLower(strings.TrimSpace(t))]
	return ok
}

// ReadOnlyFieldType reports whether a field of type t is computed or
// linked by Aptly (related boards, mirrors, calculations, AI-computed), so
// that a value sent for it has no effect.
func ReadOnlyFieldType(t string) bool {
	return readOnly[NormalizeFieldType(t)]
}
