package aptly

import "strings"

// fieldType maps every field type name of both vocabularies (the field
// type page's and the OpenAPI enum's), lowercased, to one canonical name;
// ok is false for a name of neither. A switch, not a map: nothing is built
// at start-up.
func fieldType(t string) (canonical string, ok bool) {
	switch t {
	case "text", "string", "textarea", "rich-text", "richtext", "address":
		return "text", true
	case "number", "percent", "multiplier":
		return "number", true
	case "money", "currency":
		return "money", true
	case "date":
		return "date", true
	case "datetime", "datetime-local", "date-time":
		return "datetime", true
	case "boolean", "checkbox", "bool":
		return "boolean", true
	case "select", "singleselect", "single-select", "dropdown":
		return "select", true
	case "multiselect", "multi-select", "checkboxlist":
		return "multiselect", true
	case "person":
		return "person", true
	case "persons":
		return "persons", true
	case "email":
		return "email", true
	case "phone", "tel", "telephone":
		return "phone", true
	case "url", "embedvideo":
		return "url", true
	case "file", "files", "heroimage":
		return "file", true
	case "relatedaptlets":
		return "relatedAptlets", true
	case "mirror", "mirror-contact":
		return "mirror", true
	case "calculation":
		return "calculation", true
	case "ai-computed":
		return "ai-computed", true
	case "board":
		return "board", true
	}
	return "", false
}

// NormalizeFieldType maps a field type name from either of Aptly's
// vocabularies to the doctor's canonical name: "text", "number", "money",
// "date", "datetime", "boolean", "select", "multiselect", "person",
// "persons", "email", "phone", "url", "file", and the read-only kinds
// "relatedAptlets", "mirror", "calculation", "ai-computed" (and "board", a board link). Case
// and surrounding spaces do not matter. An unknown type is "text", as
// Aptly's field type page says to treat it.
func NormalizeFieldType(t string) string {
	if c, ok := fieldType(strings.ToLower(strings.TrimSpace(t))); ok {
		return c
	}
	return "text"
}

// KnownFieldType reports whether t is a type name of either vocabulary,
// so that callers can tell "text" from "unknown, read as text".
func KnownFieldType(t string) bool {
	_, ok := fieldType(strings.ToLower(strings.TrimSpace(t)))
	return ok
}

// ReadOnlyFieldType reports whether a field of type t is computed or
// linked by Aptly (related boards, mirrors, calculations, AI-computed), so
// that a value sent for it has no effect.
func ReadOnlyFieldType(t string) bool {
	// The canonical types Aptly computes or links itself; a card write
	// cannot set them.
	switch NormalizeFieldType(t) {
	case "relatedAptlets", "mirror", "calculation", "ai-computed":
		return true
	}
	return false
}
