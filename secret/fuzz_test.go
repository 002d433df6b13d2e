package secret

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// FuzzMaskLine holds the masking of quoted lines to its promise: whatever
// the text, a secret never shows whole on a line, the caret stays inside
// the line, and nothing panics.
func FuzzMaskLine(f *testing.F) {
	f.Add("curl -H \"x-token: "+key+"\" u", key, 9)
	f.Add("-H \"x-token: \"'"+key[:9]+"'\""+key[9:]+"\"", key, 20)
	f.Add("a \\\n"+key[:5]+"\\\r\n"+key[5:], key, 1)
	f.Add("é\r"+key+"\n", "k3y\"S3", 3)
	f.Fuzz(func(t *testing.T, text, sec string, col int) {
		if len(sec) < MinLen || strings.ContainsAny(sec, "\r\n'\"\\^`") || !utf8.ValidString(sec) {
			return
		}
		x := lines.New([]byte(text))
		for n := 1; n <= x.Count(); n++ {
			start := x.Start(n)
			end := start + len(x.Line(n))
			c := min(max(col, 1), utf8.RuneCountInString(text[start:end])+1)
			got, gc := MaskLine(text, start, end, c, []string{sec})
			if strings.Contains(got, sec) && !strings.Contains(Mask(sec), sec) {
				t.Fatalf("line %d of %q shows %q: %q", n, text, sec, got)
			}
			if gc < 1 || gc > utf8.RuneCountInString(got)+1 {
				t.Fatalf("caret %d outside %q", gc, got)
			}
		}
		if out := Replace(text, []string{sec}, Token); strings.Contains(out, sec) && !strings.Contains(Token(sec), sec) {
			t.Fatalf("Replace(%q) still holds %q: %q", text, sec, out)
		}
	})
}
