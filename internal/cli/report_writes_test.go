package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// countingWriter counts the write calls that reach it, as the system calls
// they would be on a real stdout.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// A report on stdout reaches it in a few large writes, not one per piece:
// unbuffered, 5,000 payloads with a tenth broken made 2,069 write calls.
func TestReportIsWrittenInFewWrites(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		body := fmt.Sprintf("{\"Name\": \"card %d\", 'Status': 'Open',}\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%02d.json", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out countingWriter
	var errOut bytes.Buffer
	code := Main([]string{"aptly-doctor", "check", "--color", "never", dir}, nil, &out, &errOut, func(string) (string, bool) { return "", false })
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, errOut.String())
	}
	if max := 1 + out.Len()/(64<<10); out.writes > max {
		t.Errorf("%d bytes of report in %d writes, want at most %d", out.Len(), out.writes, max)
	}
}
