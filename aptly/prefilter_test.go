package aptly

import "testing"

// FuzzPrefilter holds the fast path to the full search: whenever the full
// search finds a placeholder, mayHold must have said the text may hold one.
func FuzzPrefilter(f *testing.F) {
	for _, s := range []string{
		"YOUR_API_KEY", "my-token", "yourApiKey", "myBoardId", "REPLACEME", "CHANGE_ME", "API_KEY_HERE",
		"xToken_example", "xxxxxxxx", "<token>", "{{apiKey}}", "${VAR}", "$VAR", ":boardId", "{boardId}",
		"Maria Lopez", "2025-09-01", "at your convenience", "call me at 5", "MY dog", "Your-Key",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, inURL bool) {
		for _, bare := range []bool{false, true} {
			o := PlaceholderOptions{InURL: inURL, BareShell: bare}
			if found := findPlaceholders(s, o); len(found) > 0 && !mayHold(s, o) {
				t.Fatalf("mayHold(%q) = false, but the full search finds %q", s, found[0].Text)
			}
		}
	})
}
