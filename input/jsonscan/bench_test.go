package jsonscan

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// largePayload is about 100KB: an array of cards, as an export or a batch
// pasted into one file would be.
var largePayload = func() string {
	var sb strings.Builder
	sb.WriteString("[")
	for i := 0; sb.Len() < 100_000; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"Name":"Card %d","Status":"Open","Priority":%d,"Cost":%d.5,"Tags":["a","b\n"],"Meta":{"n":%d,"ok":true,"x":null}}`, i, i%5, i, i)
	}
	sb.WriteString("]")
	return sb.String()
}()

func benchParse(b *testing.B, s string) {
	data := []byte(s)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if r := Parse(data, 0); !r.OK {
			b.Fatal(r.Err)
		}
	}
}

func benchStdlib(b *testing.B, s string) {
	data := []byte(s)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B)      { benchParse(b, cardPayload) }
func BenchmarkParseLarge(b *testing.B) { benchParse(b, largePayload) }

func BenchmarkStdlibUnmarshal(b *testing.B)      { benchStdlib(b, cardPayload) }
func BenchmarkStdlibUnmarshalLarge(b *testing.B) { benchStdlib(b, largePayload) }
