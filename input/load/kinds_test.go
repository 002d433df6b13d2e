package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// TestKindsRegistry holds the table of input kinds honest: a kind read from
// files has a parser, a way to be named or recognised, and a clean example
// in testdata/ok that the loader reads back as that kind.
func TestKindsRegistry(t *testing.T) {
	seen := map[input.Kind]bool{}
	exts := map[string]input.Kind{}
	okFiles, err := os.ReadDir(filepath.Join("..", "..", "testdata", "ok"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Kinds {
		if seen[s.Kind] {
			t.Errorf("kind %q is in the table twice", s.Kind)
		}
		seen[s.Kind] = true
		for _, e := range s.Exts {
			if other, ok := exts[e]; ok {
				t.Errorf("extension %s names both %q and %q", e, other, s.Kind)
			}
			exts[e] = s.Kind
			if kindByExt("x"+e) != s.Kind {
				t.Errorf("kindByExt(x%s) = %q, want %q", e, kindByExt("x"+e), s.Kind)
			}
		}
		if !s.Walked {
			continue
		}
		if len(s.Exts) == 0 {
			t.Errorf("kind %q is walked but has no extension", s.Kind)
		}
		if s.parse == nil && s.Kind != input.KindBatch {
			t.Errorf("kind %q is walked but has no parser", s.Kind)
		}
		example := ""
		for _, f := range okFiles {
			if kindByExt(f.Name()) == s.Kind {
				example = f.Name()
			}
		}
		if example == "" {
			t.Errorf("kind %q has no clean example in testdata/ok", s.Kind)
			continue
		}
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ok", example))
		if err != nil {
			t.Fatal(err)
		}
		if got := KindOf(example, data); got != s.Kind {
			t.Errorf("KindOf(%s) = %q, want %q", example, got, s.Kind)
		}
		if s.Sniff != nil && s.Kind != input.KindPayload {
			if got := Detect(data); got != s.Kind {
				t.Errorf("Detect(content of %s) = %q, want %q", example, got, s.Kind)
			}
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, data string
		want       input.Kind
	}{
		{name: "har with bom", data: "\ufeff{\"log\":{\"entries\":[]}}", want: input.KindHAR},
		{name: "batch", data: "{\"a\":1}\n{\"a\":2}\n", want: input.KindBatch},
		{name: "payload", data: " {\"a\":1}", want: input.KindPayload},
		{name: "curl", data: "curl https://api.getaptly.com/api/aptlet/x", want: input.KindCurl},
		{name: "http", data: "POST https://api.getaptly.com/api/aptlet/x\n", want: input.KindHTTP},
		{name: "junk reads as payload", data: "\x00\x01", want: input.KindPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.data)); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}
