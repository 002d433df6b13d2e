package config

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestFingerprint(t *testing.T) {
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := Fingerprint("abc"); got != abc {
		t.Errorf("Fingerprint(abc) = %q, want %q", got, abc)
	}
}

func TestMatches(t *testing.T) {
	const secret = "JShpBxEFgRmZnivTq"
	fp := Fingerprint(secret)
	tests := []struct {
		name   string
		key    *Key
		secret string
		want   bool
	}{
		{name: "same value", key: &Key{value: secret, Set: true}, secret: secret, want: true},
		{name: "surrounding spaces do not matter", key: &Key{value: secret, Set: true}, secret: " " + secret + "\n", want: true},
		{name: "other value", key: &Key{value: secret, Set: true}, secret: secret + "x"},
		{name: "prefix of the value is not the key", key: &Key{value: secret, Set: true}, secret: secret[:8]},
		{name: "fingerprint prefix", key: &Key{SHA256Prefix: fp[:6]}, secret: secret, want: true},
		{name: "full fingerprint", key: &Key{SHA256Prefix: fp}, secret: secret, want: true},
		{name: "other fingerprint", key: &Key{SHA256Prefix: "000000"}, secret: secret},
		{name: "unset value matches nothing", key: &Key{Var: "K"}, secret: ""},
		{name: "empty secret", key: &Key{SHA256Prefix: Fingerprint("")[:6]}, secret: ""},
		{name: "nil key", key: nil, secret: secret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.key.Matches(tt.secret); got != tt.want {
				t.Errorf("Matches(%q) = %v, want %v", tt.secret, got, tt.want)
			}
		})
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		name   string
		secret string
		want   string
	}{
		{name: "typical key", secret: "JShpBxEFgRmZnivTq", want: "…nivTq"[:0] + "…ivTq (sha256:" + Fingerprint("JShpBxEFgRmZnivTq")[:6] + ")"},
		{name: "one character", secret: "k", want: "… (sha256:" + Fingerprint("k")[:6] + ")"},
		{name: "four characters", secret: "abcd", want: "… (sha256:" + Fingerprint("abcd")[:6] + ")"},
		{name: "seven characters", secret: "abcdefg", want: "… (sha256:" + Fingerprint("abcdefg")[:6] + ")"},
		{name: "eight characters", secret: "abcdefgh", want: "…efgh (sha256:" + Fingerprint("abcdefgh")[:6] + ")"},
		{name: "multibyte tail", secret: "key-ééééé", want: "…éééé (sha256:" + Fingerprint("key-ééééé")[:6] + ")"},
		{name: "control characters hide the tail", secret: "abcdefg\x1b[2J", want: "… (sha256:" + Fingerprint("abcdefg\x1b[2J")[:6] + ")"},
		{name: "empty", secret: "", want: "(empty)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Mask(tt.secret)
			if got != tt.want {
				t.Errorf("Mask(%q) = %q, want %q", tt.secret, got, tt.want)
			}
			if tt.secret != "" && strings.Contains(got, tt.secret) {
				t.Errorf("Mask(%q) = %q holds the whole secret", tt.secret, got)
			}
		})
	}
}

// TestKeyNeverPrinted: every way a key can end up in output shows the mask.
func TestKeyNeverPrinted(t *testing.T) {
	const secret = "SuperSecretValue123"
	k := &Key{Var: "K", Set: true, value: secret}
	b := &Board{Name: "leads", Key: k}
	data, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"%v":         fmt.Sprintf("%v", k),
		"%+v":        fmt.Sprintf("%+v", k),
		"%#v":        fmt.Sprintf("%#v", k),
		"%s value":   fmt.Sprintf("%s", *k),
		"%+v board":  fmt.Sprintf("%+v", *b),
		"json":       string(data),
		"mask":       k.Mask(),
		"redact":     k.Redact("x-token: " + secret),
		"key method": k.Fingerprint(),
	}
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			if strings.Contains(out, secret) {
				t.Errorf("%s output holds the key: %s", name, out)
			}
		})
	}
	if !k.FoundIn(`{"Notes":"` + secret + `"}`) {
		t.Errorf("FoundIn missed the key inside a body")
	}
}
