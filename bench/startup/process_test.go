package startup

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/internal/cli"
)

const card = `{"Name": "Leaking faucet in kitchen", "Property": "Cedar Park", "Unit": "14A", "Priority": "Emergency", "Status": "Open", "Permission to Enter": true, "Estimated Cost": 109.41}` + "\n"

// childEnv makes the test binary, started again, act as the doctor on the
// file it names: a fresh process per iteration, so every iteration pays the
// start-up (runtime, package inits, the command tree) as a user does.
const childEnv = "APTLY_DOCTOR_STARTUP_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(cli.Main([]string{"aptly-doctor", "check", "--quiet", path}, os.Stdin, io.Discard, os.Stderr, func(string) (string, bool) { return "", false }))
	}
	os.Exit(m.Run())
}

func writeCard(b *testing.B) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "card.json")
	if err := os.WriteFile(p, []byte(card), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkProcessCheckOne is one card checked end to end in a process of
// its own, start-up included (the figure bench/run.sh takes with hyperfine).
func BenchmarkProcessCheckOne(b *testing.B) {
	p := writeCard(b)
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+p)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
	}
}

// BenchmarkCheckOne is the same command in this process, after start-up:
// with -benchmem it shows what the command path itself allocates.
func BenchmarkCheckOne(b *testing.B) {
	p := writeCard(b)
	b.ReportAllocs()
	for b.Loop() {
		if code := cli.Main([]string{"aptly-doctor", "check", "--quiet", p}, nil, io.Discard, io.Discard, func(string) (string, bool) { return "", false }); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
