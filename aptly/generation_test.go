package aptly

import (
	"strings"
	"testing"
)

func TestGeneration(t *testing.T) {
	tests := []struct {
		g         Generation
		want      string
		wantInDoc string
	}{
		{g: Unknown, want: "unknown", wantInDoc: "two API generations"},
		{g: Legacy, want: "legacy", wantInDoc: "/api/aptlet/{boardId}"},
		{g: Core, want: "core", wantInDoc: "core-api.getaptly.com"},
		{g: Generation(7), want: "unknown", wantInDoc: "two API generations"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.g.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := tt.g.Doc(); !strings.Contains(got, tt.wantInDoc) {
				t.Errorf("Doc() = %q, want it to mention %q", got, tt.wantInDoc)
			}
		})
	}
	if !strings.Contains(DocToken, "x-token") {
		t.Errorf("DocToken does not name the header")
	}
}
