package secret

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "long key", in: "a1b2c3d4e5f6g7h8i9j0", want: "…i9j0 (sha256:"},
		{name: "short key shows nothing", in: "abc", want: "… (sha256:"},
		{name: "seven characters shows nothing", in: "abcdefg", want: "… (sha256:"},
		{name: "control tail shows nothing", in: "abcdefgh\x1b[2J", want: "… (sha256:"},
		{name: "empty", in: "", want: "(empty)"},
		{name: "multibyte", in: "ключключключ", want: "…ключ (sha256:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Mask(tt.in)
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Mask(%q) = %q, want prefix %q", tt.in, got, tt.want)
			}
			if len(tt.in) > 0 && strings.Contains(got, tt.in) {
				t.Errorf("Mask(%q) = %q holds the whole secret", tt.in, got)
			}
		})
	}
	// The fingerprint is the key's, so one key always masks the same way and
	// two keys with the same last four characters never do.
	if got, want := Mask("k1k1k1k1k1k1"), "…k1k1 (sha256:"+Fingerprint("k1k1k1k1k1k1")[:6]+")"; got != want {
		t.Errorf("Mask = %q, want %q", got, want)
	}
	if Mask("xxxxk1k1") == Mask("yyyyk1k1") {
		t.Error("two keys with the same tail mask alike")
	}
	if Fingerprint("abc") != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Error("Fingerprint is not sha256 hex")
	}
}
