package fix

import (
	"reflect"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
)

func parseCurl(t *testing.T, cmd string) *input.Request {
	t.Helper()
	units, err := curl.Parse(&input.Source{Path: "t.curl", Data: []byte(cmd)}, curl.Options{})
	if err != nil || len(units) != 1 {
		t.Fatalf("parse %q: %v (%d units)", cmd, err, len(units))
	}
	return units[0].Request
}

func TestCurl(t *testing.T) {
	tests := []struct {
		name    string
		cmd     string
		want    string
		changes []string
	}{
		{
			name: "docs sample",
			cmd:  `curl -X POST "https://app.getaptly.com/api/aptlet/YOUR_BOARD_ID" -H "x-token: YOUR_API_KEY" -H "Content-Type: application/json" -d '{"Name":"John Smith"}'`,
			want: "curl https://app.getaptly.com/api/aptlet/YOUR_BOARD_ID \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -d '{\"Name\":\"John Smith\"}'\n",
			changes: []string{`wrote the key as "$APTLY_KEY" so the shell fills it in`},
		},
		{
			name: "bearer",
			cmd:  `curl https://core-api.getaptly.com/api/v1/boards/4EMD/cards -H 'Authorization: Bearer abcdef0123456789' -H 'Content-Type: application/json' --data '{"name":"Ann"}'`,
			want: "curl https://core-api.getaptly.com/api/v1/boards/4EMD/cards \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -d '{\"name\":\"Ann\"}'\n",
			changes: []string{"sent the key in the x-token header instead of Authorization: Bearer"},
		},
		{
			name: "key in the URL",
			cmd:  `curl -X POST 'https://app.getaptly.com/api/aptlet/JShp?x-token=abcdef0123456789&v=2' -H 'Content-Type: application/json' -d '{"Name":"Ann"}'`,
			want: "curl 'https://app.getaptly.com/api/aptlet/JShp?v=2' \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -d '{\"Name\":\"Ann\"}'\n",
			changes: []string{
				"removed the x-token parameter from the URL, where proxies and servers log it",
				"sent the key in the x-token header",
			},
		},
		{
			name: "key in the URL under a misspelt name",
			cmd:  `curl -X POST 'https://app.getaptly.com/api/aptlet/JShp?v=2&x-tokn=abcdef0123456789' -H 'Content-Type: application/json' -d '{"Name":"Ann"}'`,
			want: "curl 'https://app.getaptly.com/api/aptlet/JShp?v=2' \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -d '{\"Name\":\"Ann\"}'\n",
			changes: []string{
				"removed the \"x-tokn\" parameter from the URL, where proxies and servers log it",
				"sent the key in the x-token header",
			},
		},
		{
			name: "-d without a content type",
			cmd:  `curl https://app.getaptly.com/api/aptlet/JShp -H "x-token: $APTLY_KEY" -d '{"Name":"Ann"}'`,
			want: "curl https://app.getaptly.com/api/aptlet/JShp \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -d '{\"Name\":\"Ann\"}'\n",
			changes: []string{"added Content-Type: application/json (without it curl sends application/x-www-form-urlencoded)"},
		},
		{
			name: "text/plain content type",
			cmd:  `curl https://app.getaptly.com/api/aptlet/JShp -H "x-token: $APTLY_KEY" -H 'content-type: text/plain' -d '{"Name":"Ann"}'`,
			want: "curl https://app.getaptly.com/api/aptlet/JShp \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'content-type: application/json' \\\n" +
				"  -d '{\"Name\":\"Ann\"}'\n",
			changes: []string{`replaced Content-Type "text/plain" with application/json`},
		},
		{
			name: "quoted key",
			cmd:  `curl https://app.getaptly.com/api/aptlet/JShp -H 'x-token: "abcdef0123456789"'`,
			want: "curl https://app.getaptly.com/api/aptlet/JShp \\\n" +
				"  -H \"x-token: $APTLY_KEY\"\n",
			changes: []string{"removed the quotes around the key", `wrote the key as "$APTLY_KEY" so the shell fills it in`},
		},
		{
			name: "body with a trailing comma",
			cmd:  "curl https://app.getaptly.com/api/aptlet/JShp -H 'x-token: abcdef0123456789' -H 'Content-Type: application/json' -d '{\"Name\":\"Ann\",}'",
			want: "curl https://app.getaptly.com/api/aptlet/JShp \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -d '{\"Name\":\"Ann\"}'\n",
			changes: []string{"in the body: removed the trailing comma", `wrote the key as "$APTLY_KEY" so the shell fills it in`},
		},
		{
			name: "body with a single quote inside",
			cmd:  `curl https://app.getaptly.com/api/aptlet/JShp -H "x-token: $APTLY_KEY" -H 'Content-Type: application/json' -d '{"Name":"Sean O'\''Brien"}'`,
			want: "curl https://app.getaptly.com/api/aptlet/JShp \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -d '{\"Name\":\"Sean O'\\''Brien\"}'\n",
		},
		{
			name: "misspelt key header and an explicit GET with a body",
			cmd:  `curl -X PUT https://app.getaptly.com/api/aptlet/JShp -H 'x_token: abcdef0123456789' -H 'Accept: a, b' --json '{"Name":"Ann"}'`,
			want: "curl -X PUT https://app.getaptly.com/api/aptlet/JShp \\\n" +
				"  -H \"x-token: $APTLY_KEY\" \\\n" +
				"  -H 'Accept: a, b' \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -d '{\"Name\":\"Ann\"}'\n",
			changes: []string{`renamed the header "x_token" to "x-token"`, `wrote the key as "$APTLY_KEY" so the shell fills it in`},
		},
		{
			name:    "no key at all",
			cmd:     `curl https://app.getaptly.com/api/aptlet/JShp`,
			want:    "curl https://app.getaptly.com/api/aptlet/JShp \\\n  -H \"x-token: $APTLY_KEY\"\n",
			changes: []string{"added the x-token header, which every request needs"},
		},
		{
			name: "multipart upload keeps its type",
			cmd:  `curl -X POST https://app.getaptly.com/api/aptlet/JShp/file -H "x-token: $APTLY_KEY" -F file=@a.pdf`,
			want: "curl https://app.getaptly.com/api/aptlet/JShp/file \\\n" +
				"  -H \"x-token: $APTLY_KEY\"\n",
			changes: []string{"left out the -F form parts, which the doctor does not carry over; add them back"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fixBody := func(b []byte) Outcome { return Text(b, false, judge(t, nil, false)) }
			got, changes := Curl(parseCurl(t, tt.cmd), fixBody)
			if got != tt.want {
				t.Errorf("Curl() =\n%s\nwant\n%s", got, tt.want)
			}
			if !reflect.DeepEqual(changes, tt.changes) {
				t.Errorf("changes = %q\nwant %q", changes, tt.changes)
			}
			// The rendered command must read back as the corrected request.
			back := parseCurl(t, got)
			if h, ok := back.Header("x-token"); !ok || h.Value != "$APTLY_KEY" {
				t.Errorf("rendered command sends x-token %q, want the variable", h.Value)
			}
		})
	}
}
