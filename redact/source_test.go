package redact

import (
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// TestSourceFile: a key source code writes literally is masked, the names
// of variables that carry keys are left as written, and the code stays code.
func TestSourceFile(t *testing.T) {
	src := "const API_KEY = 'Zx81Lmq0Pw7Rt5Yb8Nc3';\n" +
		"await fetch(`https://api.getaptly.com/api/aptlet/${board}`, { headers: { 'x-token': API_KEY } });\n" +
		"const u = 'https://api.getaptly.com/api/aptlet/B1?x-token=Qq11Ww22Ee33Rr44';\n"
	out, err := File(input.KindSource, []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, key := range []string{"Zx81Lmq0Pw7Rt5Yb8Nc3", "Qq11Ww22Ee33Rr44"} {
		if strings.Contains(got, key) {
			t.Errorf("key %s left whole:\n%s", key, got)
		}
	}
	if !strings.Contains(got, "'x-token': API_KEY") || !strings.Contains(got, "const API_KEY = 'REDACTED-8Nc3-sha256-") {
		t.Errorf("the code around the keys changed:\n%s", got)
	}
}
