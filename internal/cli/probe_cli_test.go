package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aptly-doctor/aptly-doctor/probe/aptlytest"
)

// probeWorld is a folder with a config pointing at an Aptly-like server on
// loopback, and the environment that holds its keys.
type probeWorld struct {
	dir string
	env map[string]string
}

func (w probeWorld) lookup(name string) (string, bool) {
	v, ok := w.env[name]
	return v, ok
}

func (w probeWorld) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	t.Chdir(w.dir)
	code := Main(append([]string{"aptly-doctor"}, args...), nil, &out, &errb, w.lookup)
	return code, out.String(), errb.String()
}

func legacyWorld(t *testing.T, srv *aptlytest.Server, boards map[string][2]string) probeWorld {
	t.Helper()
	w := probeWorld{dir: t.TempDir(), env: map[string]string{}}
	var b strings.Builder
	fmt.Fprintf(&b, "version: 1\nenvironments:\n  production:\n    base_url: %s\n    boards:\n", srv.URL)
	for name, idKey := range boards {
		v := "KEY_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		fmt.Fprintf(&b, "      %s:\n        id: %s\n        key_env: %s\n", name, idKey[0], v)
		w.env[v] = idKey[1]
	}
	if err := os.WriteFile(filepath.Join(w.dir, "aptly-doctor.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return w
}

const (
	leadsKey = "leadsKey000000000000001"
	maintKey = "maintKey000000000000002"
)

func TestProbeVerdicts(t *testing.T) {
	srv := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(
		aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Name: "Leads", Key: leadsKey},
		aptlytest.Board{ID: "Kq7wPz2mLxN4rT8vB", Name: "Maintenance", Key: maintKey},
		aptlytest.Board{ID: "Off0000000000000A", Name: "Archive", Key: "archiveKey00000000003", APIDisabled: true},
	))
	defer srv.Close()
	tests := []struct {
		name     string
		boards   map[string][2]string
		wantCode int
		want     []string
	}{
		{name: "key opens its board", boards: map[string][2]string{"leads": {"JShpBxEFgRmZnivTf", leadsKey}}, wantCode: 0,
			want: []string{"probe: the key opens production/leads"}},
		{name: "key of another board", boards: map[string][2]string{"maintenance": {"Kq7wPz2mLxN4rT8vB", leadsKey}}, wantCode: 1,
			want: []string{"[AD401]", "the key does not open it (401)"}},
		{name: "board not found", boards: map[string][2]string{"leads": {"NoSuchBoard000001", leadsKey}}, wantCode: 1,
			want: []string{"[AD401]", "(404)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := legacyWorld(t, srv, tt.boards)
			code, out, errOut := w.run(t, "check", "--probe", "--color", "never")
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.wantCode, out, errOut)
			}
			for _, s := range tt.want {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, k := range []string{leadsKey, maintKey} {
				if strings.Contains(out+errOut, k) {
					t.Errorf("the key %s appears whole:\n%s", k[:4], out)
				}
			}
		})
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("the probe sent %s %s; it must only read", r.Method, r.Path)
		}
		if strings.Contains(r.Query, "x-token") {
			t.Errorf("the key went in the URL: %s?%s", r.Path, r.Query)
		}
	}
}

// TestNoNetworkWithoutProbe runs every kind of check against a config whose
// boards live on a real server, without --probe: the server must see
// nothing. Then the same run with --probe must reach it.
func TestNoNetworkWithoutProbe(t *testing.T) {
	srv := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Name: "Leads", Key: leadsKey}))
	defer srv.Close()
	saved := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	defer func() { http.DefaultTransport = saved }()

	w := legacyWorld(t, srv, map[string][2]string{"leads": {"JShpBxEFgRmZnivTf", leadsKey}})
	body := filepath.Join(w.dir, "p.json")
	if err := os.WriteFile(body, []byte(`{"Name": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	curl := "curl -X POST " + srv.URL + "/api/aptlet/JShpBxEFgRmZnivTf -H 'x-token: " + leadsKey + "' -H 'Content-Type: application/json' -d '{\"Name\":\"x\"}'"
	w.run(t, "check", "--env", "production", "p.json", "--curl", curl, "--url", srv.URL+"/api/aptlet/JShpBxEFgRmZnivTf", "-H", "x-token: "+leadsKey)
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("without --probe the server saw %d requests", n)
	}
	http.DefaultTransport = saved
	if code, out, _ := w.run(t, "check", "--probe"); code != 0 || len(srv.Requests()) == 0 {
		t.Fatalf("with --probe: exit %d, %d requests\n%s", code, len(srv.Requests()), out)
	}
}

type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("a network request was made without --probe: %s %s", r.Method, r.URL.Host)
	return nil, fmt.Errorf("no network in this test")
}

func TestProbeUnreachableExits3(t *testing.T) {
	srv := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Name: "Leads", Key: leadsKey, Status: 500}))
	defer srv.Close()
	w := legacyWorld(t, srv, map[string][2]string{"leads": {"JShpBxEFgRmZnivTf", leadsKey}})
	code, out, errOut := w.run(t, "check", "--probe", "--timeout", "2s")
	if code != 3 || !strings.Contains(out, "[AD403]") || !strings.Contains(errOut, "could not be reached") {
		t.Fatalf("exit %d, want 3 with AD403:\n%s\n%s", code, out, errOut)
	}
}

// TestProbeHundredBoardsRateLimited probes 100 boards four at a time
// against a server that rate-limits: every board gets one verdict.
func TestProbeHundredBoardsRateLimited(t *testing.T) {
	var boards []aptlytest.Board
	cfg := map[string][2]string{}
	for i := range 100 {
		id := fmt.Sprintf("Board%012d", i)
		key := fmt.Sprintf("key%020d", i)
		boards = append(boards, aptlytest.Board{ID: id, Name: fmt.Sprintf("b%03d", i), Key: key})
		cfg[fmt.Sprintf("b%03d", i)] = [2]string{id, key}
	}
	srv := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(boards...), aptlytest.RateLimit(30, time.Hour, "0"))
	defer srv.Close()
	w := legacyWorld(t, srv, cfg)
	code, text, _ := w.run(t, "check", "--probe", "--probe-jobs", "4")
	opens := strings.Count(text, "probe: the key opens")
	limited := strings.Count(text, "[AD402]")
	if code != 0 {
		t.Errorf("exit %d, want 0: rate limits are warnings", code)
	}
	if opens != 30 || limited != 70 {
		t.Errorf("%d boards opened and %d were limited, want 30 and 70: every one of 100 needs one verdict\n%s", opens, limited, text)
	}
}

func TestProbeCoreAPIDisabled(t *testing.T) {
	const company = "companyKey0000000000009"
	srv := aptlytest.New(aptlytest.Core(company), aptlytest.WithBoards(
		aptlytest.Board{ID: "4EMDSYKirhQaNdQKz", Name: "Leads"},
		aptlytest.Board{ID: "9f1c2d3e-off", Name: "Archive", APIDisabled: true},
	))
	defer srv.Close()
	w := probeWorld{dir: t.TempDir(), env: map[string]string{"APTLY_STAGING_KEY": company}}
	cfg := "version: 1\nenvironments:\n  staging:\n    base_url: " + srv.URL + "\n    key_env: APTLY_STAGING_KEY\n    boards:\n      leads: {id: 4EMDSYKirhQaNdQKz}\n      archive: {id: 9f1c2d3e-off}\n"
	if err := os.WriteFile(filepath.Join(w.dir, "aptly-doctor.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := w.run(t, "check", "--probe")
	if code != 1 || !strings.Contains(out, "the API is not enabled on it (403)") || !strings.Contains(out, "the key opens staging/leads") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.Contains(out, company) {
		t.Fatal("the company key appears whole")
	}
}

func TestBoardsPull(t *testing.T) {
	srv := aptlytest.New(aptlytest.Legacy(), aptlytest.WithBoards(
		aptlytest.Board{ID: "JShpBxEFgRmZnivTf", Name: "Leads", Key: leadsKey},
		aptlytest.Board{ID: "Kq7wPz2mLxN4rT8vB", Name: "Maintenance", Key: maintKey},
	))
	defer srv.Close()
	w := legacyWorld(t, srv, map[string][2]string{"leads": {"JShpBxEFgRmZnivTf", leadsKey}, "maintenance": {"Kq7wPz2mLxN4rT8vB", maintKey}})
	code, out, errOut := w.run(t, "boards", "pull")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	lock, err := os.ReadFile(filepath.Join(w.dir, "aptly-doctor.lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lock), `"board": "leads"`) || strings.Index(string(lock), `"board": "leads"`) > strings.Index(string(lock), `"board": "maintenance"`) {
		t.Errorf("lock file lacks boards or is not sorted:\n%s", lock)
	}
	// The pulled fields drive the offline field checks, with no network.
	if err := os.WriteFile(filepath.Join(w.dir, "p.json"), []byte(`{"Name": "x", "status": "New"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	before := len(srv.Requests())
	code, out, _ = w.run(t, "check", "--env", "production", "--board", "leads", "p.json")
	if !strings.Contains(out, "[AD105]") || len(srv.Requests()) != before {
		t.Errorf("exit %d: want an offline AD105 from the lock file:\n%s", code, out)
	}
	// A failed pull leaves the lock file untouched.
	w.env["KEY_MAINTENANCE"] = "wrongKey000000000000000"
	code, _, errOut = w.run(t, "boards", "pull")
	after, _ := os.ReadFile(filepath.Join(w.dir, "aptly-doctor.lock.json"))
	if code != 1 || string(after) != string(lock) || !strings.Contains(errOut, "left as it was") {
		t.Errorf("failed pull: exit %d, lock changed %v, stderr %q", code, string(after) != string(lock), errOut)
	}
	// A board added to the config after the pull is reported as stale.
	cfg, _ := os.ReadFile(filepath.Join(w.dir, "aptly-doctor.yaml"))
	cfg = append(cfg, []byte("      inspections:\n        id: Zz9yXw8vUt7sRq6pO\n        key_env: KEY_LEADS\n")...)
	if err := os.WriteFile(filepath.Join(w.dir, "aptly-doctor.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = w.run(t, "check", "p.json")
	if !strings.Contains(out, "older than the config's board list") || !strings.Contains(out, "production/inspections") {
		t.Errorf("stale lock not reported:\n%s", out)
	}
}
