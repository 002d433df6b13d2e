package aptly

import (
	"strings"
	"testing"
)

func benchBody(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; b.Len() < n; i++ {
		b.WriteString(`"Field name": "a value with <b>html</b>, $12.50 and {braces}", `)
	}
	b.WriteString(`"x": "YOUR_API_KEY"}`)
	return b.String()
}

func BenchmarkPlaceholders(b *testing.B) {
	for _, c := range []struct {
		name string
		s    string
	}{
		{"payload-300B", `{"Name": "John Smith", "Status": "New", "Email": "john@example.com", "Rent": 1850.00, "Pets": ["Dog", "Cat"], "Notes": "call at your convenience <3"}`},
		{"payload-1MB", benchBody(1 << 20)},
		{"braces-1MB", strings.Repeat("{", 1<<20)},
		{"angles-1MB", strings.Repeat("<token>", 1<<17)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				Placeholders(c.s, false)
			}
		})
	}
}

func BenchmarkEndpointProblems(b *testing.B) {
	for b.Loop() {
		EndpointProblems("POST", "http://api.getapty.com//api/aptlets/B1 B2?x-token=k?page=0")
	}
}

func BenchmarkParseEndpoint(b *testing.B) {
	for b.Loop() {
		_, _ = ParseEndpoint("https://core-api.getaptly.com/api/board/abc-123-board?page=0&pageSize=20")
	}
}
