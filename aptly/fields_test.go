package aptly

import "testing"

func TestNormalizeFieldType(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		wantRO    bool
		wantKnown bool
	}{
		// The field type page's names.
		{in: "text", want: "text", wantKnown: true},
		{in: "number", want: "number", wantKnown: true},
		{in: "money", want: "money", wantKnown: true},
		{in: "date", want: "date", wantKnown: true},
		{in: "datetime", want: "datetime", wantKnown: true},
		{in: "boolean", want: "boolean", wantKnown: true},
		{in: "select", want: "select", wantKnown: true},
		{in: "multiselect", want: "multiselect", wantKnown: true},
		{in: "person", want: "person", wantKnown: true},
		{in: "persons", want: "persons", wantKnown: true},
		{in: "email", want: "email", wantKnown: true},
		{in: "phone", want: "phone", wantKnown: true},
		{in: "url", want: "url", wantKnown: true},
		{in: "file", want: "file", wantKnown: true},
		// The OpenAPI enum's names.
		{in: "string", want: "text", wantKnown: true},
		{in: "tel", want: "phone", wantKnown: true},
		{in: "datetime-local", want: "datetime", wantKnown: true},
		{in: "singleselect", want: "select", wantKnown: true},
		{in: "checkboxlist", want: "multiselect", wantKnown: true},
		{in: "files", want: "file", wantKnown: true},
		{in: "address", want: "text", wantKnown: true},
		{in: "rich-text", want: "text", wantKnown: true},
		{in: "percent", want: "number", wantKnown: true},
		{in: "multiplier", want: "number", wantKnown: true},
		{in: "heroImage", want: "file", wantKnown: true},
		{in: "embedVideo", want: "url", wantKnown: true},
		{in: "relatedAptlets", want: "relatedAptlets", wantRO: true, wantKnown: true},
		{in: "mirror", want: "mirror", wantRO: true, wantKnown: true},
		{in: "mirror-contact", want: "mirror", wantRO: true, wantKnown: true},
		{in: "calculation", want: "calculation", wantRO: true, wantKnown: true},
		{in: "ai-computed", want: "ai-computed", wantRO: true, wantKnown: true},
		{in: "board", want: "board", wantKnown: true},
		// Other common spellings, case and spaces.
		{in: "textarea", want: "text", wantKnown: true},
		{in: "currency", want: "money", wantKnown: true},
		{in: "checkbox", want: "boolean", wantKnown: true},
		{in: "  SingleSelect ", want: "select", wantKnown: true},
		{in: "RELATEDAPTLETS", want: "relatedAptlets", wantRO: true, wantKnown: true},
		// Unknown types read as text.
		{in: "hologram", want: "text"},
		{in: "", want: "text"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeFieldType(tt.in); got != tt.want {
				t.Errorf("NormalizeFieldType(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := ReadOnlyFieldType(tt.in); got != tt.wantRO {
				t.Errorf("ReadOnlyFieldType(%q) = %v, want %v", tt.in, got, tt.wantRO)
			}
			if got := KnownFieldType(tt.in); got != tt.wantKnown {
				t.Errorf("KnownFieldType(%q) = %v, want %v", tt.in, got, tt.wantKnown)
			}
		})
	}
}
