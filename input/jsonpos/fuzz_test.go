package jsonpos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

const cardPayload = `{
  "Name": "Unit 4B - Leak under kitchen sink",
  "Description": "Tenant reports water pooling since Monday; caf\u00e9 owner below noticed a stain.",
  "Status": "Open",
  "Priority": 2,
  "Unit": "4B",
  "Property": "Maple Court",
  "Cost": 149.95,
  "Tenant Email": "jo.smith@example.com",
  "Due Date": "2024-07-01",
  "Assignee": "Sam R"
}`

func FuzzIndex(f *testing.F) {
	for _, s := range []string{
		cardPayload,
		`{"Name":"x","Tags":["a","b"],"Meta":{"n":1,"ok":true,"none":null}}`,
		`{"a/b":{"~":[1,{"":"x"}]},"c\u002fd":true,"a/b":{"~":[2]}}`,
		`{"Name": "x",}`,
		`{'Name': 'x'}`,
		"{\"a\":1}\n{\"a\":2}\n",
		`{"Name": "Unit 4B", "Cost": 01.5, "Due": 2024-07-01`,
		`[[[], [[{"k": [0]}]]]]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ix := NewIndex(data)
		ptrs := ix.Pointers()
		for _, p := range ptrs {
			off, ok := ix.Value(p)
			if !ok || off < 0 || off >= len(data) {
				t.Fatalf("pointer %q listed but Value gives %d, %v", p, off, ok)
			}
			if koff, ok := ix.Key(p); ok && (koff >= off || data[koff] != '"') {
				t.Fatalf("Key(%q) = %d does not hold a quote before its value at %d", p, koff, off)
			}
		}
		if !json.Valid(data) {
			return
		}
		for _, p := range ptrs {
			off, _ := ix.Value(p)
			if !strings.ContainsRune(`{["tfn-0123456789`, rune(data[off])) {
				t.Fatalf("Value(%q) = %d, at %q, which starts no value", p, off, data[off:])
			}
		}
		if !utf8.Valid(data) {
			return // keys with invalid bytes are refused before any finding needs a position
		}
		// UseNumber, as the doctor decodes: 1E700 is valid JSON but no float64.
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var whole any
		if err := dec.Decode(&whole); err != nil {
			t.Fatal(err)
		}
		want := pointersOf(whole, "")
		if len(want) != len(ptrs) {
			t.Fatalf("index has %d pointers, decoded value %d:\n%q\n%q", len(ptrs), len(want), ptrs, want)
		}
		for _, p := range want {
			if _, ok := ix.Value(p); !ok {
				t.Fatalf("pointer %q of the decoded value is not indexed", p)
			}
		}
	})
}

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

func benchIndex(b *testing.B, s string) {
	data := []byte(s)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ix := NewIndex(data)
		if _, ok := ix.Value("/0"); !ok && s == largePayload {
			b.Fatal("no /0")
		}
	}
}

func BenchmarkIndex(b *testing.B)      { benchIndex(b, cardPayload) }
func BenchmarkIndexLarge(b *testing.B) { benchIndex(b, largePayload) }
