package cli

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/report"
)

// TestKeyNeverWhole feeds one known key through every input kind, the
// config and the environment, and asserts that no output format, stream or
// written report ever holds it whole.
func TestKeyNeverWhole(t *testing.T) {
	const key = "k3yS3cr3tV4lu3XYZ1234"
	dir := t.TempDir()
	files := map[string]string{
		"header.curl":       `curl -X POST https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf -H "x-token: ` + key + `" -d '{"Name":"x","Note":"` + key + `"}'`,
		"query.curl":        `curl -X POST "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf?x-token=` + key + `" -H "Content-Type: application/json" -d '{"Name":"x"}'`,
		"bearer.curl":       `curl -X POST https://core-api.getaptly.com/api/board/4EMDSYKirhQaNdQKz -H "Authorization: Bearer ` + key + `" -d '{"name":"x"}'`,
		"quoted.curl":       `curl -X POST https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf -H 'x-token: "` + key + `"' -H "Content-Type: application/json" -d '{"Name":"x"}'`,
		"spaced.curl":       `curl -X POST https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf -H "x-token: ` + key[:8] + " " + key[8:] + `" -H "Content-Type: application/json" -d '{"Name":"x"}'`,
		"req.http":          "POST https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf\nx-token: " + key + "\nContent-Type: application/json\n\n{\"Name\": \"" + key + "\"}\n",
		"session.har":       `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"request":{"method":"POST","url":"https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf?x-token=` + key + `","headers":[{"name":"x-token","value":"` + key + `"},{"name":"Authorization","value":"Bearer ` + key + `"}],"postData":{"mimeType":"text/plain","text":"{\"Name\":\"` + key + `\"}"}},"response":{"status":401,"statusText":"Unauthorized","headers":[],"content":{"text":"{\"error\":\"Unauthorized\"}"}}}]}}`,
		"payload.json":      `{"Name": "x", "Token": "` + key + `"}`,
		"form.curl":         `curl https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf -d 'x-token=` + key + `&Name=A'`,
		"userinfo.curl":     `curl -X POST "https://user:` + key + `@api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf?api_key=` + key + `" -H "Content-Type: application/json" -d '{"Name":"A"}'`,
		"cookie.curl":       `curl -X POST https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf -H "x-token: ` + key + `" -H "Cookie: sid=` + key + `" -H "Referer: https://x.example/?x-token=` + key + `" -d '{"Name":"A",}'`,
		"echo.har":          `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"request":{"method":"POST","url":"https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf","headers":[{"name":"x-token","value":"` + key + `"}],"postData":{"mimeType":"application/json","text":"{\"Name\":\"x\"}"}},"response":{"status":401,"statusText":"Unauthorized","headers":[],"content":{"text":"{\"error\":\"Unauthorized\",\"token\":\"` + key + `\"}"}}}]}}`,
		"aptly-doctor.yaml": "version: 1\nenvironments:\n  sandbox:\n    base_url: https://api.getaptly.com\n    boards:\n      leads:\n        id: JShpBxEFgRmZnivTf\n        key: " + key + "\n      other:\n        id: Kq7wPz2mLxN4rT8vB\n        key_env: OTHER_KEY\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	lookup := func(name string) (string, bool) {
		if name == "OTHER_KEY" {
			return key, true
		}
		return "", false
	}
	inputs := [][]string{
		{"header.curl", "query.curl", "bearer.curl", "quoted.curl", "spaced.curl", "req.http", "session.har"},
		{"payload.json", "--url", "https://api.getaptly.com/api/aptlet/Kq7wPz2mLxN4rT8vB", "-H", "x-token: " + key},
		{"--curl", "curl -X POST https://api.getaptly.com/api/aptlet/Kq7wPz2mLxN4rT8vB -H 'x-token: " + key + "' -d '{\"Name\": \"" + key + "\"}'"},
		{"--env", "sandbox", "--board", "leads", "payload.json"},
		{"--fix", "header.curl", "query.curl", "bearer.curl", "form.curl", "userinfo.curl", "cookie.curl", "req.http", "session.har", "echo.har"},
		{"--diff", "cookie.curl", "--response", "401 {\"error\":\"Unauthorized\",\"token\":\"" + key + "\"}"},
	}
	// Every format of the registry: a new one cannot skip this test.
	for _, f := range report.All {
		format := f.Name
		for _, in := range inputs {
			args := append([]string{"aptly-doctor", "check", "--verbose", "--format", format, "--output", "json=" + filepath.Join(dir, "out", format+".json")}, in...)
			var out, errb bytes.Buffer
			code := Main(args, nil, &out, &errb, lookup)
			if code != 1 {
				t.Errorf("%s %v: exit %d, want 1 (stderr %q)", format, in, code, errb.String())
			}
			written, _ := os.ReadFile(filepath.Join(dir, "out", format+".json"))
			for stream, text := range map[string]string{"stdout": out.String(), "stderr": errb.String(), "report file": string(written)} {
				if strings.Contains(text, key) || strings.Contains(text, key[:8]+" "+key[8:]) {
					t.Errorf("%s %v: the key appears whole in %s:\n%s", format, in, stream, text)
				}
			}
			if format == "text" && !strings.Contains(out.String(), "…1234") && !strings.Contains(out.String(), "(sha256:") {
				t.Errorf("%s %v: expected a masked key in the output:\n%s", format, in, out.String())
			}
		}
	}
}

// keyHeaderNames are header names a key is sent under that AD202 knows:
// x-token itself and the misspelt or alternative names it calls out.
var keyHeaderNames = []string{
	"x-token", "X-Token", "x_token", "xtoken", "X Token", "x-tokn", "x-tokem", "xx-token",
	"x-api-token", "X-Api-Key", "x-api-key", "x-access-token", "api-token", "x-aptly-key", "x-aptly-token",
	"api-key", "apikey", "api_key", "x-apikey", "token", "x-auth-token", "access_token",
}

// TestKeyNeverWholeUnderEveryName sends one key under every name AD202
// recognises, and in the credential forms a ticket paste carries (Basic
// auth, URL user info, an export before the command, shell quoting that
// splits the key, a HAR body), through every input kind, every report
// format, --fix's corrected commands and redact: the key never shows whole.
func TestKeyNeverWholeUnderEveryName(t *testing.T) {
	const key = "k3yS3cr3tV4lu3XYZ1234"
	const url = "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf"
	dir := t.TempDir()
	files := map[string]string{}
	var flagRuns [][]string
	for i, name := range keyHeaderNames {
		files[fmt.Sprintf("h%02d.curl", i)] = `curl -X POST ` + url + ` -H "` + name + `: ` + key + `" -H "Content-Type: application/json" -d '{"Name":"A",}'`
		files[fmt.Sprintf("h%02d.http", i)] = "POST " + url + "\n" + name + ": " + key + "\nContent-Type: application/json\n\n{\"Name\": \"A\",}\n"
		files[fmt.Sprintf("h%02d.har", i)] = `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"request":{"method":"POST","url":"` + url + `","headers":[{"name":"` + name + `","value":"` + key + `"}],"postData":{"mimeType":"text/plain","text":"{\"Name\":\"A\",}"}},"response":{"status":401,"statusText":"Unauthorized","headers":[],"content":{"text":"{\"error\":\"Unauthorized\"}"}}}]}}`
		if !strings.Contains(name, " ") {
			files[fmt.Sprintf("q%02d.curl", i)] = `curl -X POST "` + url + `?` + name + `=` + key + `" -H "Content-Type: application/json" -d '{"Name":"A",}'`
		}
		flagRuns = append(flagRuns, []string{"payload.json", "--url", url, "-H", name + ": " + key})
		flagRuns = append(flagRuns, []string{"payload.json", "--url", url + "?" + name + "=" + key})
	}
	forms := map[string]string{
		"basic-colon.curl": `curl -X POST ` + url + ` -u ` + key + `: -d '{"Name":"A",}'`,
		"basic-bare.curl":  `curl -X POST ` + url + ` -u ` + key + ` -d '{"Name":"A",}'`,
		"basic-pair.curl":  `curl -X POST ` + url + ` --user "me:` + key + `" -d '{"Name":"A",}'`,
		"userinfo.curl":    `curl -X POST "https://u:` + key + `@api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf" -d '{"Name":"A",}'`,
		"userkey.curl":     `curl -X POST "https://` + key + `@api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf" -d '{"Name":"A",}'`,
		"export.curl":      "export APTLY_KEY=\"" + key + "\"\ncurl -X POST " + url + " -H \"x-token: $APTLY_KEY\" -d '{\"Name\":\"A\",}'\n",
		"split.curl":       `curl -X POST ` + url + ` -H "x-token: "'` + key[:9] + `'"` + key[9:] + `" -d '{"Name":"A",}'`,
		"continued.curl":   "curl -X POST " + url + " -H \"x-token: " + key[:9] + "\\\n" + key[9:] + "\" \\\n  -d '{\"Name\":\"A\",}'\n",
		"body.har":         `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"request":{"method":"POST","url":"` + url + `","headers":[{"name":"x-token","value":"$APTLY_KEY"}],"postData":{"mimeType":"application/json","text":"{\"Name\":\"A\",\"x-token\":\"` + key + `\",}"}},"response":{"status":400,"statusText":"Bad Request","headers":[],"content":{"text":"{\"error\":\"Bad\",\"x-token\":\"` + key + `\"}"}}}]}}`,
		"crlf-cr.http":     "POST " + url + "\rx-token: {{$processEnv APTLY_KEY}}\rContent-Type: application/json\r\r{\"Name\": \"A\",}\r",
		"payload.json":     `{"Name": "A",}`,
	}
	for name, body := range forms {
		files[name] = body
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	lookup := func(name string) (string, bool) {
		if name == "APTLY_KEY" {
			return key, true
		}
		return "", false
	}
	names := slices.Sorted(maps.Keys(files))
	requests := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == "payload.json" })
	leaks := func(what, text string) {
		t.Helper()
		for _, part := range []string{key, key[:9] + key[9:], key[4:]} {
			if strings.Contains(text, part) {
				t.Errorf("%s: the key appears whole:\n%s", what, text)
				return
			}
		}
	}
	runs := append([][]string{requests, append([]string{"--fix"}, requests...)}, flagRuns...)
	for _, f := range report.All {
		format := f.Name
		for _, in := range runs {
			if format != "text" && format != "json" && len(in) < 5 {
				continue // the flag runs differ only in their text and JSON lines
			}
			args := append([]string{"aptly-doctor", "check", "--format", format}, in...)
			var out, errb bytes.Buffer
			code := Main(args, nil, &out, &errb, lookup)
			if code != 1 {
				t.Errorf("%s %v: exit %d, want 1 (stderr %q)", format, in, code, errb.String())
			}
			leaks(fmt.Sprintf("check --format %s %v stdout", format, in), out.String())
			leaks(fmt.Sprintf("check --format %s %v stderr", format, in), errb.String())
		}
	}
	for _, name := range names {
		var out, errb bytes.Buffer
		if code := Main([]string{"aptly-doctor", "redact", name}, nil, &out, &errb, lookup); code != 0 {
			t.Errorf("redact %s: exit %d (stderr %q)", name, code, errb.String())
		}
		leaks("redact "+name, out.String()+errb.String())
	}
}

// TestConfigProblemsMasked: a config that fails its schema (AD301, exit 2)
// quotes its lines with the key masked, and an unquoted all-digit key is
// not repeated in the message or the fix, in any format.
func TestConfigProblemsMasked(t *testing.T) {
	const head = "version: 1\nenvironments:\n  prod:\n    base_url: https://api.getaptly.com\n    boards:\n      leads:\n        id: JShpBxEFgRmZnivTf\n"
	for name, tc := range map[string]struct{ key, config string }{
		"key and key_env": {"k3yS3cr3tV4lu3XYZ1234", head + "        key: \"k3yS3cr3tV4lu3XYZ1234\"\n        key_env: APTLY_KEY\n"},
		"all-digit key":   {"123456789012345", head + "        key: 123456789012345\n"},
	} {
		for _, f := range report.All {
			format := f.Name
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "aptly-doctor.yaml"), []byte(tc.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "p.json"), []byte(`{"Name":"A"}`), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			var out, errb bytes.Buffer
			code := Main([]string{"aptly-doctor", "check", "--format", format, "p.json"}, nil, &out, &errb, func(string) (string, bool) { return "", false })
			if code != 2 || !strings.Contains(out.String(), "AD301") {
				t.Errorf("%s, %s: exit %d, want 2 with AD301:\n%s", name, format, code, out.String())
			}
			if strings.Contains(out.String()+errb.String(), tc.key) {
				t.Errorf("%s, %s: the key appears whole:\n%s%s", name, format, out.String(), errb.String())
			}
		}
	}
}

// TestKeyWithLineBreakFlags: a key holding a line break is AD202 when it
// comes as a -H flag too.
func TestKeyWithLineBreakFlags(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.json"), []byte(`{"Name":"A"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errb bytes.Buffer
	Main([]string{"aptly-doctor", "check", "p.json", "--url", "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf", "-H", "x-token: k3yS3cr3tV4lu3XYZ1234\n"},
		nil, &out, &errb, func(string) (string, bool) { return "", false })
	if !strings.Contains(out.String(), "holds a line break") || strings.Contains(out.String(), "k3yS3cr3tV4lu3XYZ1234") {
		t.Errorf("output:\n%s%s", out.String(), errb.String())
	}
}
