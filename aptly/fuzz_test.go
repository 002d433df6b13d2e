package aptly

import "testing"

func FuzzEndpoint(f *testing.F) {
	for _, s := range []string{
		"https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf",
		"https://app.getaptly.com/api/aptlet/:boardId?x-token=xToken_example",
		"https://core-api.getaptly.com/api/board/{boardId}?page=0&limit=50",
		"https://core-api.getaptly.com/api/board/B1/C1/comment",
		"http://api.getapty.com//api/aptlets/B1 B2?x=1?y=2#frag",
		"https://api.getaptly.com/api/aptlet/https://app.getaptly.com/api/aptlet/XYZ",
		"{{baseUrl}}/api/aptlet/${BOARD_ID}",
		"http://[::1]:9000/api/board/%2F",
		"<api-key> YOUR_API_KEY {{{x}}} ${{ y }} $Z <b>b</b>",
		"https://user:pw@[::1/api",
		"//api/board/",
		"",
	} {
		f.Add(s, "POST")
	}
	f.Add("https://core-api.getaptly.com/api/board/B1", "GET")
	f.Add("https://app.getaptly.com/api/card/C1", "PUT")
	f.Fuzz(func(t *testing.T, raw, method string) {
		e, err := ParseEndpoint(raw)
		if err == nil {
			spans := []struct {
				what       string
				text       string
				start, end int
			}{
				{"host", e.Host, e.HostStart, e.HostEnd},
				{"board", e.BoardID, e.BoardIDStart, e.BoardIDEnd},
				{"card", e.CardID, e.CardIDStart, e.CardIDEnd},
				{"path", e.Path, e.PathStart, e.PathEnd},
			}
			for _, s := range spans {
				if s.start < 0 {
					continue
				}
				if s.end < s.start || s.end > len(raw) || raw[s.start:s.end] != s.text {
					t.Fatalf("%s span %d-%d does not give %q in %q", s.what, s.start, s.end, s.text, raw)
				}
			}
		}
		for _, ps := range [][]Problem{EndpointProblems(method, raw), RequestProblems(method, raw)} {
			for _, p := range ps {
				if p.Start < 0 || p.End < p.Start || p.End > len(raw) {
					t.Fatalf("problem %+v out of %q", p, raw)
				}
				if p.Kind == "" || p.Message == "" || p.Fix == "" {
					t.Fatalf("problem %+v lacks a kind, message or fix", p)
				}
			}
		}
		for _, o := range []PlaceholderOptions{{}, {InURL: true}, {BareShell: true}} {
			last := -1
			for _, p := range FindPlaceholders(raw, o) {
				if p.Start < 0 || p.End <= p.Start || p.End > len(raw) || raw[p.Start:p.End] != p.Text {
					t.Fatalf("placeholder %+v out of %q", p, raw)
				}
				if p.Start < last {
					t.Fatalf("placeholders out of order in %q", raw)
				}
				last = p.Start
			}
		}
		RecognizeErrorBody([]byte(raw))
		SuggestHost(raw)
	})
}
