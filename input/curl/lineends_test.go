package curl

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// A header file read by -H @file splits into headers at lone CR line ends
// too, so a key never runs on into the next header's text.
func TestHeaderFileLoneCR(t *testing.T) {
	files := map[string]string{"req/h.txt": "x-token: filekey12345\rAccept: application/json\r"}
	src := &input.Source{Path: "req/a.curl", Data: []byte("curl -H @h.txt https://app.getaptly.com/api/user")}
	units, err := Parse(src, Options{Dir: "req", ReadFile: mapReader(files)})
	if err != nil || len(units) != 1 {
		t.Fatalf("Parse = %d units, %v", len(units), err)
	}
	h, ok := units[0].Request.Header("x-token")
	if !ok || h.Value != "filekey12345" {
		t.Errorf("x-token = %q, %v", h.Value, ok)
	}
	if _, ok := units[0].Request.Header("Accept"); !ok {
		t.Error("Accept header lost")
	}
}

// Looks finds a curl command after a comment line ended by a lone CR.
func TestLooksLoneCR(t *testing.T) {
	if !Looks([]byte("# create a card\rcurl -X POST https://app.getaptly.com/api/aptlet/b1\r")) {
		t.Error("Looks missed the curl line after a CR-ended comment")
	}
}
