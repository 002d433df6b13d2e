package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

func noEnv(string) (string, bool) { return "", false }

// TestCrashingCheckExits3 swaps a panicking check into the registry and
// drives the real CLI: the run must end with exit 3, the check named on
// stderr, never a pass.
func TestCrashingCheckExits3(t *testing.T) {
	boom := &checks.Check{ID: "AD199", Name: "boom", Title: "t", Doc: "d", Fix: "f", Severity: checks.Error, Needs: checks.NeedBody,
		Run: func(*checks.Pass) error { panic("nil map") }}
	saved := checks.All
	checks.All = append(append([]*checks.Check{}, saved...), boom)
	t.Cleanup(func() { checks.All = saved })

	dir := t.TempDir()
	p := filepath.Join(dir, "ok.json")
	if err := os.WriteFile(p, []byte(`{"Name":"x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		var out, errb bytes.Buffer
		code := Main([]string{"aptly-doctor", "check", "--format", format, p}, nil, &out, &errb, noEnv)
		if code != 3 {
			t.Errorf("%s: exit %d, want 3", format, code)
		}
		if !strings.Contains(errb.String(), "AD199") || strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("%s: stderr should be one line naming AD199, got %q", format, errb.String())
		}
		if format == "json" && !strings.Contains(out.String(), `"status": "error"`) {
			t.Errorf("json report should mark the target as error:\n%s", out.String())
		}
		if format == "text" && strings.Contains(out.String(), "✓") {
			t.Errorf("text report shows a pass for a crashed check:\n%s", out.String())
		}
	}
}

func writePayloads(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		body := fmt.Sprintf(`{"Name": "Lead %d", "Email": "lead%d@example.com", "Phone": "+1415555%04d", "Status": "New", "Move-in Date": "2025-09-01", "Unit": "4B", "Rent": 1850.00, "Pets": ["Dog"], "Notes": "Prefers a call after 5pm"}`, i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("lead-%04d.json", i)), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkCheckOne is one small payload end to end through the CLI, in
// process (no process start).
func BenchmarkCheckOne(b *testing.B) {
	dir := writePayloads(b, 1)
	p := filepath.Join(dir, "lead-0000.json")
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"aptly-doctor", "check", p}, nil, io.Discard, io.Discard, noEnv); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCheckFolder1000 is a folder of 1,000 small payloads end to end.
func BenchmarkCheckFolder1000(b *testing.B) {
	dir := writePayloads(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"aptly-doctor", "check", "--quiet", dir}, nil, io.Discard, io.Discard, noEnv); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func TestProgressLine(t *testing.T) {
	var errb bytes.Buffer
	e := &env{stderr: &errb}
	// A clock of the test's own: the line is redrawn at most every 100 ms,
	// and the test decides what time it is, never the machine's load.
	now := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
	walking := true
	p := e.progress(func() time.Time { return now }, func() bool { return walking })
	p.update(1, 400, 0)
	now = now.Add(50 * time.Millisecond)
	p.update(2, 400, 1) // within 100 ms of the last draw: skipped
	now = now.Add(60 * time.Millisecond)
	p.update(3, 400, 2) // 110 ms after the last draw: drawn
	walking = false
	now = now.Add(200 * time.Millisecond)
	p.update(500, 500, 3)
	p.finish()
	got := errb.String()
	if !strings.Contains(got, "checked 1 of 400 files found so far, 0 findings") || strings.Contains(got, "2 of 400") {
		t.Errorf("progress drew %q", got)
	}
	if !strings.Contains(got, "checked 3 of 400 files found so far, 2 findings") {
		t.Errorf("a draw 110 ms after the last one is missing: %q", got)
	}
	if strings.Contains(got, "/400") {
		t.Errorf("a total shown as final while the walk was still finding files: %q", got)
	}
	if !strings.Contains(got, "checked 500/500 files, 3 findings") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("once the walk is done the total is final, and the line is cleared at the end: %q", got)
	}
}

// TestStderrEscapesControlCharacters: a path the user gave is echoed in the
// one-line error, and an escape sequence in it must not reach the terminal.
func TestStderrEscapesControlCharacters(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main([]string{"aptly-doctor", "check", "no\x1b]0;pwned\x07.json"}, nil, &out, &errb, noEnv)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if strings.ContainsAny(errb.String(), "\x1b\x07") || !strings.Contains(errb.String(), `\x1b`) {
		t.Errorf("stderr %q: control characters must be escaped", errb.String())
	}
}
