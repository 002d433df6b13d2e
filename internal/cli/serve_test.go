package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aptly-doctor/aptly-doctor/probe/aptlytest"
)

// The tests here start the real command as a process (the test binary,
// run under the name aptly-doctor, is the CLI: see TestMain), drive it with
// a real HTTP client, and stop it with a signal or with the command after --.

const (
	srvBoard = "JShpBxEFgRmZnivTf"
	srvKey   = "srvKEY7xq2mP9wZtQ"
)

// doctorBin is a name for the test binary that makes it the CLI.
func doctorBin(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "aptly-doctor")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// served is a running `aptly-doctor serve`.
type served struct {
	t      *testing.T
	cmd    *exec.Cmd
	url    string
	first  string // the first stderr line
	stdout bytes.Buffer
	mu     sync.Mutex
	stderr bytes.Buffer
	done   chan struct{}
}

var listening = regexp.MustCompile(`^aptly-doctor serve: listening on (http://127\.0\.0\.1:[0-9]+)$`)

// startServe runs serve in dir and waits for its first stderr line.
func startServe(t *testing.T, dir string, env []string, args ...string) *served {
	t.Helper()
	s := &served{t: t, done: make(chan struct{})}
	s.cmd = exec.Command(doctorBin(t), append([]string{"serve"}, args...)...)
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), append([]string{"NO_COLOR=1"}, env...)...)
	s.cmd.Stdout = &s.stdout
	pipe, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
		<-s.done
	})
	rd := bufio.NewReader(pipe)
	first, err := rd.ReadString('\n')
	s.first = strings.TrimSuffix(first, "\n")
	go func() {
		defer close(s.done)
		_, _ = io.Copy(writerFunc(func(p []byte) (int, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.stderr.Write(p)
		}), rd)
	}()
	if err != nil {
		t.Fatalf("serve printed no first line: %v", err)
	}
	if m := listening.FindStringSubmatch(s.first); m != nil {
		s.url = m[1]
	}
	return s
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// stop sends sig and returns the exit code.
func (s *served) stop(sig os.Signal) int {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatal(err)
	}
	return s.wait()
}

func (s *served) wait() int {
	err := s.cmd.Wait()
	<-s.done
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return 0
}

func (s *served) errText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first + "\n" + s.stderr.String()
}

type answer struct {
	status int
	body   string
	header http.Header
}

var plainClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func call(t *testing.T, method, url string, header map[string]string, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := plainClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: string(b), header: resp.Header}
}

var jsonKey = map[string]string{"Content-Type": "application/json", "x-token": srvKey}

// jsonReport is the part of the JSON report these tests read.
type jsonReport struct {
	Targets []struct {
		Path, Kind, Status string
	}
	Findings []struct {
		Check, Path, Severity, Message string
		Line, Column                   int
	}
}

func TestServeAnswersAndReportsOnSignal(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, dir, nil, "--listen", "127.0.0.1:0", "--format", "json", "--output", "text=report.txt", "--record", "session.har")
	if s.url == "" {
		t.Fatalf("first stderr line %q, want %q", s.first, "aptly-doctor serve: listening on http://127.0.0.1:PORT")
	}
	card := s.url + "/api/aptlet/" + srvBoard
	steps := []struct {
		name                 string
		method, url, body    string
		header               map[string]string
		wantStatus           int
		wantBody, wantDoctor string // exact body; X-Aptly-Doctor prefix
		wantFindings         string
	}{
		{name: "create", method: "POST", url: card, header: jsonKey, body: `{"Name":"Ann"}`, wantStatus: 200, wantDoctor: "ok", wantFindings: "0"},
		{name: "no key", method: "POST", url: card, header: map[string]string{"Content-Type": "application/json"}, body: `{"Name":"Ann"}`,
			wantStatus: 401, wantBody: `{"error":"Unauthorized"}`, wantDoctor: "AD202 ", wantFindings: "1"},
		{name: "malformed", method: "POST", url: card, header: jsonKey, body: "{\n  \"Name\": \"Ann\",\n}",
			wantStatus: 400, wantBody: `{"error":"Bad request"}`, wantDoctor: "AD101 ", wantFindings: "1"},
		{name: "no content type", method: "POST", url: card, header: map[string]string{"x-token": srvKey}, body: `{"Name":"Ann"}`,
			wantStatus: 400, wantBody: `{"error":"Bad request"}`, wantDoctor: "AD201 ", wantFindings: "1"},
		{name: "duplicate key succeeds", method: "POST", url: s.url + "/api/board/" + srvBoard, header: jsonKey, body: `{"name":"A","name":"B"}`,
			wantStatus: 200, wantDoctor: "AD104 ", wantFindings: "1"},
		{name: "update of a card never made", method: "POST", url: card, header: jsonKey, body: `{"_id":"Zq3ZkWc3mPaT9rEyd"}`,
			wantStatus: 404, wantBody: `{"error":"Not found"}`, wantDoctor: "AD501 Aptly answered 404", wantFindings: "1"},
		{name: "key in the query", method: "GET", url: card + "?page=0&x-token=" + srvKey,
			wantStatus: 200, wantDoctor: "AD203 ", wantFindings: "1"},
	}
	for _, st := range steps {
		a := call(t, st.method, st.url, st.header, st.body)
		if a.status != st.wantStatus || st.wantBody != "" && a.body != st.wantBody {
			t.Errorf("%s: got %d %s, want %d %s", st.name, a.status, a.body, st.wantStatus, st.wantBody)
		}
		if d := a.header.Get("X-Aptly-Doctor"); !strings.HasPrefix(d, st.wantDoctor) || strings.Contains(d, srvKey) {
			t.Errorf("%s: X-Aptly-Doctor %q, want %q first and no key", st.name, d, st.wantDoctor)
		}
		if n := a.header.Get("X-Aptly-Doctor-Findings"); n != st.wantFindings {
			t.Errorf("%s: X-Aptly-Doctor-Findings %q, want %s", st.name, n, st.wantFindings)
		}
	}
	if code := s.stop(syscall.SIGINT); code != 1 {
		t.Errorf("exit %d after SIGINT with errors found, want 1\n%s", code, s.errText())
	}
	var rep jsonReport
	if err := json.Unmarshal(s.stdout.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is not the JSON report: %v\n%s", err, s.stdout.String())
	}
	if len(rep.Targets) != len(steps) {
		t.Fatalf("%d targets, want %d: %+v", len(rep.Targets), len(steps), rep.Targets)
	}
	for i, tg := range rep.Targets {
		if want := fmt.Sprintf("#%d %s ", i+1, steps[i].method); !strings.HasPrefix(tg.Path, want) || tg.Kind != "request" {
			t.Errorf("target %d is %q (%s), want %q… of kind request", i, tg.Path, tg.Kind, want)
		}
		if strings.Contains(tg.Path, srvKey) {
			t.Errorf("target name %q holds the key", tg.Path)
		}
	}
	found := false
	for _, f := range rep.Findings {
		if f.Check == "AD101" {
			found = true
			if f.Path != "#3 POST /api/aptlet/"+srvBoard || f.Line != 2 || f.Column != 16 {
				t.Errorf("AD101 at %s:%d:%d, want #3 POST /api/aptlet/%s:2:16 (inside the body)", f.Path, f.Line, f.Column, srvBoard)
			}
		}
	}
	if !found {
		t.Error("no AD101 in the report")
	}
	errText := s.errText()
	for _, want := range []string{"#2 POST /api/aptlet/" + srvBoard + ": error: ", "[AD202] (answered 401)", "#3 POST /api/aptlet/" + srvBoard + ":2:16: error:"} {
		if !strings.Contains(errText, want) {
			t.Errorf("stderr lacks the live line %q:\n%s", want, errText)
		}
	}
	text, err := os.ReadFile(filepath.Join(dir, "report.txt"))
	if err != nil || !strings.Contains(string(text), "#3 POST /api/aptlet/"+srvBoard+":2:16") {
		t.Errorf("text report: %v\n%s", err, text)
	}
	har, err := os.ReadFile(filepath.Join(dir, "session.har"))
	if err != nil {
		t.Fatal(err)
	}
	checkHAR(t, har, len(steps), srvKey)
	// The recording is a ticket attachment: check reads it back and finds
	// what serve found.
	out, err := exec.Command(doctorBin(t), "check", "--color", "never", filepath.Join(dir, "session.har")).Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "[AD101]") || !strings.Contains(string(out), "[AD201]") {
		t.Errorf("check session.har: %v\n%s", err, out)
	}
	for _, out := range []string{s.stdout.String(), errText, string(text)} {
		if strings.Contains(out, srvKey) {
			t.Errorf("the key is printed whole:\n%s", out)
		}
	}
}

// checkHAR asserts a HAR 1.2 document of n entries with the key masked.
func checkHAR(t *testing.T, har []byte, n int, key string) {
	t.Helper()
	var doc struct {
		Log struct {
			Version string
			Creator struct{ Name string }
			Entries []struct {
				Request struct {
					Method, URL string
					Headers     []struct{ Name, Value string }
				}
				Response struct {
					Status  int
					Content struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(har, &doc); err != nil {
		t.Fatalf("HAR does not parse: %v", err)
	}
	if doc.Log.Version != "1.2" || doc.Log.Creator.Name != "aptly-doctor" || len(doc.Log.Entries) != n {
		t.Errorf("HAR version %q creator %q with %d entries, want 1.2, aptly-doctor, %d", doc.Log.Version, doc.Log.Creator.Name, len(doc.Log.Entries), n)
	}
	if strings.Contains(string(har), key) {
		t.Error("the HAR holds the key whole")
	}
	if !strings.Contains(string(har), "REDACTED-") {
		t.Error("the HAR shows no mask where the key was")
	}
}

func TestServeSIGTERMCleanRunExitsZero(t *testing.T) {
	s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--quiet")
	a := call(t, "POST", s.url+"/api/board/"+srvBoard, jsonKey, `{"name":"Ann"}`)
	if a.status != 200 || !strings.HasPrefix(a.body, `{"data":{"_id":"`) {
		t.Fatalf("core create: %d %s", a.status, a.body)
	}
	var created struct {
		Data struct {
			ID string `json:"_id"`
		}
	}
	_ = json.Unmarshal([]byte(a.body), &created)
	a = call(t, "GET", s.url+"/api/board/"+srvBoard+"/"+created.Data.ID, map[string]string{"x-token": srvKey}, "")
	if a.status != 200 || !strings.Contains(a.body, `"name":"Ann"`) {
		t.Errorf("core get of the card made: %d %s", a.status, a.body)
	}
	if code := s.stop(syscall.SIGTERM); code != 0 {
		t.Errorf("exit %d after SIGTERM with nothing found, want 0\n%s", code, s.errText())
	}
}

// TestServeCommandExitCodes runs a command after --: its non-zero code is
// passed on and named; otherwise findings at --fail-on decide.
func TestServeCommandExitCodes(t *testing.T) {
	post := `curl -s -o /dev/null -X POST "$APTLY_DOCTOR_URL/api/aptlet/` + srvBoard + `" -H "x-token: ` + srvKey + `" `
	tests := []struct {
		name     string
		script   string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "command fails", script: "exit 3", wantCode: 3, wantErr: `the command "sh" exited with code 3`},
		{name: "clean requests", script: post + `-H "Content-Type: application/json" -d '{"Name":"A"}'`, wantCode: 0},
		{name: "an error found", script: post + `-d '{"Name":"A"}'`, wantCode: 1},
		{name: "a warning under --fail-on warning", script: post + `-H "Content-Type: application/json" -d '{"Name":"A","Name":"B"}'`,
			args: []string{"--fail-on", "warning"}, wantCode: 1},
		{name: "a warning under --fail-on error", script: post + `-H "Content-Type: application/json" -d '{"Name":"A","Name":"B"}'`, wantCode: 0},
		{name: "the command fails and errors found", script: post + `-d '{"Name":"A"}'; exit 5`, wantCode: 5, wantErr: "exited with code 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--listen", "127.0.0.1:0"}, tt.args...)
			s := startServe(t, t.TempDir(), nil, append(args, "--", "sh", "-c", tt.script)...)
			if code := s.wait(); code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s", code, tt.wantCode, s.errText())
			}
			if !strings.Contains(s.errText(), tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, s.errText())
			}
		})
	}
}

func TestServeCommandSeesTheURL(t *testing.T) {
	s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--", "sh", "-c", `echo "url=$APTLY_DOCTOR_URL"`)
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d\n%s", code, s.errText())
	}
	if !strings.Contains(s.stdout.String(), "url="+s.url+"\n") {
		t.Errorf("the command saw %q, want APTLY_DOCTOR_URL=%s", s.stdout.String(), s.url)
	}
}

func TestServeRateLimit(t *testing.T) {
	for _, mode := range []string{"on", "off"} {
		t.Run(mode, func(t *testing.T) {
			s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--rate-limit", mode, "--quiet")
			limited := 0
			for range 125 {
				a := call(t, "GET", s.url+"/api/aptlet/"+srvBoard, map[string]string{"x-token": srvKey}, "")
				if a.status == 429 {
					limited++
					if a.body != `{"reason":"Rate limit exceeded. Try again shortly."}` || a.header.Get("Retry-After") == "" {
						t.Fatalf("429 with body %s, Retry-After %q", a.body, a.header.Get("Retry-After"))
					}
					if !strings.HasPrefix(a.header.Get("X-Aptly-Doctor"), "AD501 Aptly answered 429") {
						t.Errorf("X-Aptly-Doctor %q", a.header.Get("X-Aptly-Doctor"))
					}
				}
			}
			// 125 requests inside a minute pass 120 whatever the pace.
			if mode == "on" && limited < 5 || mode == "off" && limited != 0 {
				t.Errorf("--rate-limit %s: %d answers were 429", mode, limited)
			}
			s.stop(syscall.SIGINT)
		})
	}
}

func TestServeMaxSize(t *testing.T) {
	s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--max-size", "1KB", "--format", "json")
	a := call(t, "POST", s.url+"/api/aptlet/"+srvBoard, jsonKey, `{"Name":"`+strings.Repeat("a", 2000)+`"}`)
	if a.status != 413 || a.body != `{"error":"Payload too large"}` {
		t.Errorf("got %d %s, want 413", a.status, a.body)
	}
	s.stop(syscall.SIGINT)
	var rep jsonReport
	if err := json.Unmarshal(s.stdout.Bytes(), &rep); err != nil || len(rep.Findings) != 1 || rep.Findings[0].Check != "AD501" {
		t.Errorf("report: %v %+v", err, rep.Findings)
	}
}

func TestServeUpstream(t *testing.T) {
	up := aptlytest.New(aptlytest.WithBoards(aptlytest.Board{ID: srvBoard, Key: srvKey}))
	t.Cleanup(up.Close)
	dir := t.TempDir()
	s := startServe(t, dir, nil, "--listen", "127.0.0.1:0", "--upstream", up.URL, "--record", "up.har", "--format", "json")
	a := call(t, "POST", s.url+"/api/aptlet/"+srvBoard, map[string]string{"Content-Type": "application/json"}, `{"Name":"Ann"}`)
	if a.status != 401 || a.body != "{\"error\":\"Unauthorized\"}\n" {
		t.Errorf("got %d %q, want the upstream's 401 unchanged", a.status, a.body)
	}
	if d := a.header.Get("X-Aptly-Doctor"); !strings.Contains(d, "[AD202]") {
		t.Errorf("X-Aptly-Doctor %q does not tie the 401 to its cause", d)
	}
	a = call(t, "POST", s.url+"/api/aptlet/"+srvBoard, jsonKey, `{"Name":"Ann"}`)
	if a.status != 200 {
		t.Errorf("with the key: %d %s", a.status, a.body)
	}
	if code := s.stop(syscall.SIGINT); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if got := len(up.Requests()); got != 2 {
		t.Errorf("upstream got %d requests, want 2", got)
	}
	har, err := os.ReadFile(filepath.Join(dir, "up.har"))
	if err != nil {
		t.Fatal(err)
	}
	checkHAR(t, har, 2, srvKey)
	if !strings.Contains(string(har), up.URL+"/api/aptlet/"+srvBoard) {
		t.Error("the HAR does not name the upstream URL")
	}
}

func TestServeRefusals(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "plain http upstream", args: []string{"--upstream", "http://api.getaptly.com"}, wantErr: "plain http"},
		{name: "bad rate limit", args: []string{"--rate-limit", "sometimes"}, wantErr: `--rate-limit: unknown value "sometimes"`},
		{name: "argument without --", args: []string{"npm"}, wantErr: "put the command to run after --"},
		{name: "missing command", args: []string{"--", "no-such-command-xyz"}, wantErr: "no-such-command-xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(doctorBin(t), append([]string{"serve", "--listen", "127.0.0.1:0"}, tt.args...)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 2 {
				t.Errorf("err %v, want exit 2\n%s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestServeWarnsOffLoopback(t *testing.T) {
	s := startServe(t, t.TempDir(), nil, "--listen", "0.0.0.0:0", "--quiet")
	if code := s.stop(syscall.SIGINT); code != 0 {
		t.Errorf("exit %d", code)
	}
	if !strings.HasPrefix(s.first, "aptly-doctor serve: listening on http://0.0.0.0:") {
		t.Errorf("first line %q", s.first)
	}
	if !strings.Contains(s.errText(), "warning: 0.0.0.0:") {
		t.Errorf("no warning for a listen address open to the network:\n%s", s.errText())
	}
}

func TestServeConcurrentArrivalOrder(t *testing.T) {
	s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--format", "json", "--rate-limit", "off")
	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call(t, "POST", s.url+"/api/aptlet/"+srvBoard, jsonKey, fmt.Sprintf(`{"Name":"%d","Name":"x"}`, i))
		}()
	}
	wg.Wait()
	s.stop(syscall.SIGINT)
	var rep jsonReport
	if err := json.Unmarshal(s.stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Targets) != n || len(rep.Findings) != n {
		t.Fatalf("%d targets and %d findings, want %d each", len(rep.Targets), len(rep.Findings), n)
	}
	for i, tg := range rep.Targets {
		if want := fmt.Sprintf("#%d POST /api/aptlet/%s", i+1, srvBoard); tg.Path != want {
			t.Errorf("target %d is %q, want %q", i, tg.Path, want)
		}
	}
}

// TestServeREADMEClients runs the README's Node fetch and Python requests
// examples under serve, as a CI job would: `serve -- node aptly.test.mjs`.
func TestServeREADMEClients(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "serve"))
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"APTLY_KEY=" + srvKey, "APTLY_BOARD_ID=" + srvBoard}
	tests := []struct {
		name, tool string
		argv       []string
		wantCode   int
		wantOut    string
		wantErr    string
	}{
		{name: "node fetch", tool: "node", argv: []string{"node", "aptly.test.mjs"}, wantCode: 0, wantOut: "200 ok {\"_id\":"},
		{name: "python requests", tool: "python3", argv: []string{"python3", "aptly_test.py"}, wantCode: 1,
			wantOut: "200 AD106 \"new\" is not an option of \"Status\"", wantErr: "[AD106] (answered 200)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath(tt.tool); err != nil {
				t.Skipf("%s is not installed", tt.tool)
			}
			if tt.tool == "python3" && exec.Command("python3", "-c", "import requests").Run() != nil {
				t.Skip("python3 has no requests module")
			}
			s := startServe(t, dir, env, append([]string{"--listen", "127.0.0.1:0", "--"}, tt.argv...)...)
			if code := s.wait(); code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s\n%s", code, tt.wantCode, s.stdout.String(), s.errText())
			}
			if !strings.Contains(s.stdout.String(), tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, s.stdout.String())
			}
			if !strings.Contains(s.errText(), tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, s.errText())
			}
		})
	}
}

// TestServeKnowsKeysByFingerprint: a committed config names a key by its
// key_sha256 only (its variable unset, as on a CI job without secrets); the
// double tells the right key from another by it, and no AD306 fails the run.
func TestServeKnowsKeysByFingerprint(t *testing.T) {
	dir := t.TempDir()
	cfg := "version: 1\nenvironments:\n  production:\n    base_url: https://api.getaptly.com\n    boards:\n" +
		"      leads: {id: " + srvBoard + ", key_env: UNSET_LEADS_KEY, key_sha256: e257d8473f4f}\n" +
		"      owners: {id: K9mMGGjKgQPqDykaa, key_env: UNSET_OWNERS_KEY, key_sha256: \"abcdef123456\"}\n"
	if err := os.WriteFile(filepath.Join(dir, "aptly-doctor.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, dir, nil, "--listen", "127.0.0.1:0", "--format", "json")
	if s.url == "" {
		t.Fatalf("serve did not start: %q\n%s", s.first, s.errText())
	}
	tests := []struct {
		name, board, key string
		wantStatus       int
		wantDoctor       string
	}{
		{name: "the board's key", board: srvBoard, key: srvKey, wantStatus: 200, wantDoctor: "ok"},
		{name: "another key", board: srvBoard, key: "notTheKey0000000", wantStatus: 401, wantDoctor: "AD501 Aptly answered 401"},
		{name: "the key on another board", board: "K9mMGGjKgQPqDykaa", key: srvKey, wantStatus: 401, wantDoctor: "AD302 "},
		{name: "a board the config does not know", board: "MJxaStgENouWrNEKd", key: srvKey, wantStatus: 404, wantDoctor: "AD501 Aptly answered 404"},
	}
	for _, tt := range tests {
		a := call(t, "POST", s.url+"/api/aptlet/"+tt.board, map[string]string{"Content-Type": "application/json", "x-token": tt.key}, `{"Name":"Ann"}`)
		if a.status != tt.wantStatus || !strings.HasPrefix(a.header.Get("X-Aptly-Doctor"), tt.wantDoctor) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, a.status, a.header.Get("X-Aptly-Doctor"), tt.wantStatus, tt.wantDoctor)
		}
	}
	if code := s.stop(syscall.SIGTERM); code != 1 {
		t.Errorf("exit %d, want 1 (AD302 is an error)", code)
	}
}

// TestServeDefaultListen starts serve without --listen: loopback, port 8427.
func TestServeDefaultListen(t *testing.T) {
	if ln, err := net.Listen("tcp", DefaultListen); err != nil {
		t.Skipf("%s is taken on this machine: %v", DefaultListen, err)
	} else {
		ln.Close()
	}
	s := startServe(t, t.TempDir(), nil, "--quiet")
	if s.first != "aptly-doctor serve: listening on http://127.0.0.1:8427" {
		t.Errorf("first line %q", s.first)
	}
	if code := s.stop(syscall.SIGINT); code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestServeEnvBaselineAndMachineStdout: --env holds requests to one
// environment (a board of another is Aptly's 404, AD303); a baseline of an
// earlier session sets its findings aside; a JSON report on stdout stays
// parseable while the command prints.
func TestServeEnvBaselineAndMachineStdout(t *testing.T) {
	dir := t.TempDir()
	cfg := "version: 1\nenvironments:\n" +
		"  production:\n    base_url: https://api.getaptly.com\n    boards:\n      leads: {id: " + srvBoard + ", key_env: PROD_KEY}\n" +
		"  staging:\n    base_url: https://api.getaptly.com\n    boards:\n      leads: {id: K9mMGGjKgQPqDykaa, key_env: STAGE_KEY}\n"
	if err := os.WriteFile(filepath.Join(dir, "aptly-doctor.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"PROD_KEY=" + srvKey, "STAGE_KEY=stageKEY9pL3sW6qJd"}
	script := `echo "the suite prints this"; curl -s -o /dev/null -w "%{http_code} " -X POST "$APTLY_DOCTOR_URL/api/aptlet/` + srvBoard + `" -H "x-token: stageKEY9pL3sW6qJd" -H "Content-Type: application/json" -d '{"Name":"A"}' >&2`
	first := startServe(t, dir, env, "--listen", "127.0.0.1:0", "--env", "staging", "--format", "json", "--output", "json=base.json", "--", "sh", "-c", script)
	if code := first.wait(); code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, first.errText())
	}
	var rep jsonReport
	if err := json.Unmarshal(first.stdout.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is no JSON report (the command's output must go to stderr): %v\n%s", err, first.stdout.String())
	}
	if !strings.Contains(first.errText(), "the suite prints this") || !strings.Contains(first.errText(), "404 ") {
		t.Errorf("stderr lacks the command's output or its 404:\n%s", first.errText())
	}
	found := false
	for _, f := range rep.Findings {
		found = found || f.Check == "AD303"
	}
	if !found {
		t.Errorf("no AD303 for a production board under --env staging: %+v", rep.Findings)
	}
	again := startServe(t, dir, env, "--listen", "127.0.0.1:0", "--env", "staging", "--baseline", "base.json", "--", "sh", "-c", script)
	if code := again.wait(); code != 0 {
		t.Errorf("exit %d with every finding in the baseline, want 0\n%s\n%s", code, again.stdout.String(), again.errText())
	}
}

func TestServeUpstreamRedirectIsNotFollowed(t *testing.T) {
	up := aptlytest.New(aptlytest.WithBoards(aptlytest.Board{ID: srvBoard, Key: srvKey, RedirectTo: "https://elsewhere.example/api/aptlet/" + srvBoard, RedirectCode: 301}))
	t.Cleanup(up.Close)
	s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--upstream", up.URL, "--quiet")
	a := call(t, "GET", s.url+"/api/aptlet/"+srvBoard, map[string]string{"x-token": srvKey}, "")
	if a.status != 301 || a.header.Get("Location") != "https://elsewhere.example/api/aptlet/"+srvBoard {
		t.Errorf("got %d Location %q, want the upstream's 301 as it came", a.status, a.header.Get("Location"))
	}
	if !strings.HasPrefix(a.header.Get("X-Aptly-Doctor"), "AD501 Aptly answered 301") {
		t.Errorf("X-Aptly-Doctor %q", a.header.Get("X-Aptly-Doctor"))
	}
	s.stop(syscall.SIGINT)
	if n := len(up.Requests()); n != 1 {
		t.Errorf("upstream got %d requests, want 1", n)
	}
}

// TestServeFinishesRequestsInFlight: a signal stops serve from accepting,
// but a request already being answered is answered and reported.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	up := aptlytest.New(aptlytest.WithBoards(aptlytest.Board{ID: srvBoard, Key: srvKey}), aptlytest.Delay(400*time.Millisecond))
	t.Cleanup(up.Close)
	s := startServe(t, t.TempDir(), nil, "--listen", "127.0.0.1:0", "--upstream", up.URL, "--format", "json")
	got := make(chan answer, 1)
	go func() { got <- call(t, "GET", s.url+"/api/aptlet/"+srvBoard, map[string]string{"x-token": srvKey}, "") }()
	for len(up.Requests()) == 0 {
		time.Sleep(5 * time.Millisecond) // until the request is in flight upstream
	}
	if code := s.stop(syscall.SIGTERM); code != 0 {
		t.Errorf("exit %d, want 0\n%s", code, s.errText())
	}
	if a := <-got; a.status != 200 {
		t.Errorf("the request in flight got %d %s", a.status, a.body)
	}
	var rep jsonReport
	if err := json.Unmarshal(s.stdout.Bytes(), &rep); err != nil || len(rep.Targets) != 1 {
		t.Errorf("report: %v %+v", err, rep.Targets)
	}
}

func TestServeListenTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cmd := exec.Command(doctorBin(t), "serve", "--listen", ln.Addr().String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(stderr.String(), "address already in use") {
		t.Errorf("err %v, stderr %q: want exit 2 naming the taken address", err, stderr.String())
	}
}
