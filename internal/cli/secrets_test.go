package cli

import (
	"bytes"
	"os"
	"path/filepath"
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
