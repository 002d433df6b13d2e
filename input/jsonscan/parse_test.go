package jsonscan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestParseCulprits(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		maxDepth int
		culprit  string
		offset   int
	}{
		{name: "empty", input: "", culprit: "empty", offset: 0},
		{name: "whitespace only", input: "  \n\t\r\n ", culprit: "empty", offset: 0},
		{name: "bom", input: "\xEF\xBB\xBF{\"a\":1}", culprit: "bom", offset: 0},
		{name: "bom alone", input: "\xEF\xBB\xBF", culprit: "bom", offset: 0},

		{name: "trailing comma in object", input: `{"a":1,}`, culprit: "trailing-comma", offset: 6},
		{name: "trailing comma before newline", input: "{\"a\": 1,\n}", culprit: "trailing-comma", offset: 7},
		{name: "trailing comma in array", input: `[1, 2 ,  ]`, culprit: "trailing-comma", offset: 6},
		{name: "trailing comma nested", input: `{"a":[1,]}`, culprit: "trailing-comma", offset: 7},

		{name: "single-quoted key", input: `{'a':1}`, culprit: "single-quotes", offset: 1},
		{name: "single-quoted value", input: `{"a": 'x'}`, culprit: "single-quotes", offset: 6},
		{name: "single-quoted top level", input: `'x'`, culprit: "single-quotes", offset: 0},

		{name: "smart quotes key", input: "{\u201ca\u201d:1}", culprit: "smart-quotes", offset: 1},
		{name: "smart quotes value", input: "{\"a\": \u201cx\u201d}", culprit: "smart-quotes", offset: 6},
		{name: "single smart quote value", input: "[\u2018x\u2019]", culprit: "smart-quotes", offset: 1},

		{name: "line comment first", input: "// card\n{}", culprit: "comment", offset: 0},
		{name: "block comment after value", input: `{"a":1 /* c */}`, culprit: "comment", offset: 7},
		{name: "line comment after comma", input: "{\"a\":1, // c\n\"b\":2}", culprit: "comment", offset: 8},
		{name: "comment before colon", input: `{"a" /*x*/: 1}`, culprit: "comment", offset: 5},
		{name: "comment in array", input: "[1 // one\n]", culprit: "comment", offset: 3},
		{name: "comment after top value", input: "{} // end", culprit: "comment", offset: 3},

		{name: "unquoted key", input: `{name: 1}`, culprit: "unquoted-key", offset: 1},
		{name: "unquoted second key", input: `{"a":1, b:2}`, culprit: "unquoted-key", offset: 8},
		{name: "number as key", input: `{1: 2}`, culprit: "unquoted-key", offset: 1},

		{name: "nan", input: `{"a": NaN}`, culprit: "nan-infinity", offset: 6},
		{name: "infinity", input: `[Infinity]`, culprit: "nan-infinity", offset: 1},
		{name: "minus infinity", input: `[1, -Infinity]`, culprit: "nan-infinity", offset: 4},
		{name: "plus infinity", input: `+Infinity`, culprit: "nan-infinity", offset: 0},

		{name: "python True", input: `{"a": True}`, culprit: "python-literal", offset: 6},
		{name: "python None", input: `[None]`, culprit: "python-literal", offset: 1},
		{name: "python False", input: `[1,False]`, culprit: "python-literal", offset: 3},
		{name: "javascript undefined", input: `{"a":undefined}`, culprit: "python-literal", offset: 5},
		{name: "upper NULL", input: `NULL`, culprit: "python-literal", offset: 0},

		{name: "truncated object", input: `{"a": 1`, culprit: "truncated", offset: 7},
		{name: "truncated string", input: `{"a": "abc`, culprit: "truncated", offset: 10},
		{name: "truncated after comma", input: "[1, 2, \n", culprit: "truncated", offset: 6},
		{name: "truncated after colon", input: `{"a":`, culprit: "truncated", offset: 5},
		{name: "truncated literal", input: `{"a": tru`, culprit: "truncated", offset: 9},
		{name: "truncated top literal", input: `fals`, culprit: "truncated", offset: 4},
		{name: "truncated escape", input: `"abc\`, culprit: "truncated", offset: 5},
		{name: "truncated unicode escape", input: `{"a": "\u00`, culprit: "truncated", offset: 11},
		{name: "truncated number", input: `{"a": -`, culprit: "truncated", offset: 7},
		{name: "truncated key", input: `{"a"`, culprit: "truncated", offset: 4},
		{name: "truncated string before final newline", input: "{\"a\": \"abc\n", culprit: "truncated", offset: 10},
		{name: "truncated brace", input: "{\n  ", culprit: "truncated", offset: 1},
		{name: "truncated nested with newline", input: "[1, {\"b\": [\n\n", culprit: "truncated", offset: 11},

		{name: "two objects", input: `{}{}`, culprit: "two-values", offset: 2},
		{name: "ndjson", input: "{\"a\":1}\n{\"b\":2}\n", culprit: "two-values", offset: 8},
		{name: "two numbers", input: `1 2`, culprit: "two-values", offset: 2},
		{name: "two strings", input: `"a" "b"`, culprit: "two-values", offset: 4},

		{name: "invalid utf8 in value", input: "{\"a\":\"\xff\"}", culprit: "invalid-utf8", offset: 6},
		{name: "invalid utf8 in key", input: "{\"\xc3(\":1}", culprit: "invalid-utf8", offset: 2},
		{name: "invalid utf8 top level", input: "\xff", culprit: "invalid-utf8", offset: 0},
		{name: "latin1 after escape", input: "[\"\\n caf\xe9\"]", culprit: "invalid-utf8", offset: 8},
		{name: "cut multibyte rune", input: "[\"\xe2\x80\"]", culprit: "invalid-utf8", offset: 2},

		{name: "nul bytes", input: "\x00\x01\x02", culprit: "binary", offset: 0},
		{name: "nul inside string", input: "{\"a\":\"x\x00\"}", culprit: "binary", offset: 7},
		{name: "gzip", input: "\x1f\x8b\x08\x00\x00\x00", culprit: "binary", offset: 0},
		{name: "utf16", input: "\xff\xfe{\x00}\x00", culprit: "binary", offset: 0},
		{name: "mostly control", input: "\x01\x02\x03\x04abc", culprit: "binary", offset: 0},

		{name: "newline in string", input: "{\"a\":\"x\ny\"}", culprit: "control-char", offset: 7},
		{name: "tab in string", input: "[\"a\tb\"]", culprit: "control-char", offset: 3},
		{name: "control after escape", input: "[\"\\n\x01\"]", culprit: "control-char", offset: 4},

		{name: "windows path", input: `{"a":"C:\Users"}`, culprit: "bad-escape", offset: 8},
		{name: "bad hex in unicode escape", input: `"\u12G4"`, culprit: "bad-escape", offset: 1},
		{name: "x escape", input: `["ok", "\x41"]`, culprit: "bad-escape", offset: 8},

		{name: "missing comma in object", input: `{"a":1 "b":2}`, culprit: "missing-comma", offset: 7},
		{name: "missing comma across lines", input: "{\"a\":\"x\"\n\"b\":2}", culprit: "missing-comma", offset: 9},
		{name: "missing comma in array", input: `[1 2]`, culprit: "missing-comma", offset: 3},
		{name: "missing comma between objects", input: `[{} {}]`, culprit: "missing-comma", offset: 4},

		{name: "missing colon", input: `{"a" 1}`, culprit: "missing-colon", offset: 5},
		{name: "equals for colon", input: `{"a"=1}`, culprit: "missing-colon", offset: 4},
		{name: "two strings as member", input: `{"a" "b"}`, culprit: "missing-colon", offset: 5},

		{name: "leading zero", input: `01`, culprit: "bad-number", offset: 0},
		{name: "negative leading zero", input: `[-01]`, culprit: "bad-number", offset: 1},
		{name: "plus sign", input: `{"a":+1}`, culprit: "bad-number", offset: 5},
		{name: "no digit before point", input: `[.5]`, culprit: "bad-number", offset: 1},
		{name: "no digit after point", input: `[1.]`, culprit: "bad-number", offset: 1},
		{name: "top-level cut number", input: `1.`, culprit: "bad-number", offset: 0},
		{name: "hex", input: `{"a":0x1F}`, culprit: "bad-number", offset: 5},
		{name: "empty exponent", input: `[1e]`, culprit: "bad-number", offset: 1},
		{name: "lone minus", input: `[-]`, culprit: "bad-number", offset: 1},
		{name: "two points", input: `[1.2.3]`, culprit: "bad-number", offset: 1},

		{name: "too deep", input: `[[[1]]]`, maxDepth: 2, culprit: "too-deep", offset: 2},
		{name: "too deep object", input: `{"a":{"b":{}}}`, maxDepth: 2, culprit: "too-deep", offset: 10},
		{name: "too deep default", input: strings.Repeat("[", 600), culprit: "too-deep", offset: DefaultMaxDepth},

		{name: "stray closing brace", input: `}`, culprit: "unexpected", offset: 0},
		{name: "extra closing brace", input: `{"a":1}}`, culprit: "unexpected", offset: 7},
		{name: "bracket closes object", input: `{"a":1]`, culprit: "unexpected", offset: 6},
		{name: "brace closes array", input: `[1}`, culprit: "unexpected", offset: 2},
		{name: "comma first in object", input: `{,}`, culprit: "unexpected", offset: 1},
		{name: "double comma in array", input: `[1,,2]`, culprit: "unexpected", offset: 3},
		{name: "double comma in object", input: `{"a":1,,"b":2}`, culprit: "unexpected", offset: 7},
		{name: "missing value", input: `{"a": }`, culprit: "unexpected", offset: 6},
		{name: "missing value before comma", input: `{"a":,"b":1}`, culprit: "unexpected", offset: 5},
		{name: "unquoted value", input: `{"a":hello}`, culprit: "unexpected", offset: 5},
		{name: "literal glued to word", input: `[truex]`, culprit: "unexpected", offset: 1},
		{name: "at sign", input: `@`, culprit: "unexpected", offset: 0},
		{name: "comma between top values", input: `{"a":1},{"b":2}`, culprit: "unexpected", offset: 7},
		{name: "text after the value", input: `{"a":1} end`, culprit: "unexpected", offset: 8},
		{name: "two values with a literal", input: `{} null`, culprit: "two-values", offset: 3},
		{name: "non-ascii letter as value", input: "[\u00e9]", culprit: "unexpected", offset: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse([]byte(tt.input), tt.maxDepth)
			if r.OK || r.Err == nil {
				t.Fatalf("Parse(%q) OK = %v, Err = %v; want culprit %q", tt.input, r.OK, r.Err, tt.culprit)
			}
			if r.Err.Culprit != tt.culprit || r.Err.Offset != tt.offset {
				t.Errorf("Parse(%q) = %s at %d (%s); want %s at %d",
					tt.input, r.Err.Culprit, r.Err.Offset, r.Err.Message, tt.culprit, tt.offset)
			}
			checkWording(t, r.Err)
		})
	}
}

// checkWording holds every message and fix to the house style.
func checkWording(t *testing.T, e *Error) {
	t.Helper()
	if e.Message == "" || e.Fix == "" {
		t.Fatalf("error %+v lacks a message or a fix", e)
	}
	if first, _ := utf8.DecodeRuneInString(e.Message); unicode.IsUpper(first) && !strings.HasPrefix(e.Message, "UTF") {
		t.Errorf("message %q starts with a capital", e.Message)
	}
	if strings.HasSuffix(e.Message, ".") || strings.HasSuffix(e.Fix, ".") {
		t.Errorf("message %q or fix %q ends with a period", e.Message, e.Fix)
	}
	if first, _ := utf8.DecodeRuneInString(e.Fix); !unicode.IsUpper(first) {
		t.Errorf("fix %q is not an imperative phrase starting with a capital", e.Fix)
	}
}

func TestParseMessages(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string // a part of the message
	}{
		{name: "trailing comma names the bracket", input: `{"a":1,}`, want: `before "}"`},
		{name: "truncated names the open object", input: "{\n\"a\": [1,", want: "array opened at line 2"},
		{name: "truncated lists the closers", input: `{"a": [1,`, want: `"]}" is missing`},
		{name: "ndjson is recognised", input: "{\"a\":1}\n{\"b\":2}", want: "NDJSON"},
		{name: "too deep states the limit", input: `[[[]]]`, want: "deeper than 2 levels"},
		{name: "unexpected names the byte", input: `@`, want: `"@"`},
		{name: "missing value names the member", input: `{"Name": }`, want: `member "Name" has no value`},
		{name: "python literal suggests lowercase", input: `[True]`, want: "spells it true"},
		{name: "hex is named", input: `[0x1F]`, want: "hexadecimal"},
		{name: "gzip is named", input: "\x1f\x8b\x08\x00", want: "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse([]byte(tt.input), 2)
			if r.Err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.input)
			}
			if !strings.Contains(r.Err.Message, tt.want) {
				t.Errorf("Parse(%q) message %q does not contain %q", tt.input, r.Err.Message, tt.want)
			}
		})
	}
}

// stdlib decodes data the way the rest of the tool would without this
// package: encoding/json with UseNumber.
func stdlib(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json rejects %q: %v", data, err)
	}
	return v
}

func TestParseValuesMatchStdlib(t *testing.T) {
	tests := []struct {
		name  string
		input string
	}{
		{name: "card", input: cardPayload},
		{name: "scalars", input: `[true, false, null, 0, -0, 1.5e-3, 12E+4, -7.25, 100000000000000000000000]`},
		{name: "escapes", input: `{"a\"b": "tab\there \\ \/ \b\f\n\r", "\u00e9t\u00E9": "\u20ac"}`},
		{name: "surrogate pair", input: `"\ud83d\ude00"`},
		{name: "lone surrogates", input: `["\ud800", "\udc00x", "\ud800\u0041", "\ud800\ud800"]`},
		{name: "raw utf8", input: "{\"name\": \"Zo\u00eb \u65e5\u672c \U0001F600\"}"},
		{name: "empty key and containers", input: `{"": {}, "x": [], "y": [[]], "z": ""}`},
		{name: "duplicate keys keep the later", input: `{"a": 1, "b": 2, "a": {"c": 3}}`},
		{name: "whitespace around", input: " \t\r\n {\"a\" : [ 1 , 2 ] } \n"},
		{name: "top string", input: `"just text"`},
		{name: "top number", input: `42`},
		{name: "top null", input: `null`},
		{name: "del and unicode separators", input: "[\"\x7f \u2028 \u2029\"]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse([]byte(tt.input), 0)
			if !r.OK {
				t.Fatalf("Parse(%q) failed: %v", tt.input, r.Err)
			}
			if want := stdlib(t, []byte(tt.input)); !reflect.DeepEqual(r.Value, want) {
				t.Errorf("Parse(%q) = %#v; encoding/json gives %#v", tt.input, r.Value, want)
			}
		})
	}
}

func TestParseDups(t *testing.T) {
	tests := []struct {
		name  string
		input string
		ok    bool
		want  []Dup
	}{
		{name: "none", input: `{"a":1,"b":{"a":2}}`, ok: true, want: nil},
		{
			name: "top level", input: `{"Name":"x","Name":"y"}`, ok: true,
			want: []Dup{{Key: "Name", Pointer: "/Name", FirstOffset: 1, Offset: 12}},
		},
		{
			name: "three times", input: `{"a":1,"a":2,"a":3}`, ok: true,
			want: []Dup{
				{Key: "a", Pointer: "/a", FirstOffset: 1, Offset: 7},
				{Key: "a", Pointer: "/a", FirstOffset: 7, Offset: 13},
			},
		},
		{
			name: "nested in array, escaped pointer", input: `[0,{"x":{"a/b~":1,"a/b~":2}}]`, ok: true,
			want: []Dup{{Key: "a/b~", Pointer: "/1/x/a~1b~0", FirstOffset: 9, Offset: 18}},
		},
		{
			name: "escape spells the same key", input: `{"a/b":1, "a\u002fb":2}`, ok: true,
			want: []Dup{{Key: "a/b", Pointer: "/a~1b", FirstOffset: 1, Offset: 10}},
		},
		{
			name: "earlier value is an object", input: `{"a":{"k":"v","n":[1,{"a":1}]},"a":2}`, ok: true,
			want: []Dup{{Key: "a", Pointer: "/a", FirstOffset: 1, Offset: 31}},
		},
		{
			name: "empty key", input: `{"":1,"":2}`, ok: true,
			want: []Dup{{Key: "", Pointer: "/", FirstOffset: 1, Offset: 6}},
		},
		{
			name: "found before a later error", input: `{"a":1,"a":2,}`, ok: false,
			want: []Dup{{Key: "a", Pointer: "/a", FirstOffset: 1, Offset: 7}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse([]byte(tt.input), 0)
			if r.OK != tt.ok {
				t.Fatalf("Parse(%q) OK = %v (%v); want %v", tt.input, r.OK, r.Err, tt.ok)
			}
			if !reflect.DeepEqual(r.Dups, tt.want) {
				t.Errorf("Parse(%q) Dups = %+v; want %+v", tt.input, r.Dups, tt.want)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		maxDepth int
		ok       bool
	}{
		{name: "at the limit", input: `[[1]]`, maxDepth: 2, ok: true},
		{name: "over the limit", input: `[[[1]]]`, maxDepth: 2, ok: false},
		{name: "zero means default", input: strings.Repeat("[", 512) + strings.Repeat("]", 512), maxDepth: 0, ok: true},
		{name: "default exceeded", input: strings.Repeat("[", 513) + strings.Repeat("]", 513), maxDepth: -1, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := Parse([]byte(tt.input), tt.maxDepth); r.OK != tt.ok {
				t.Errorf("Parse(depth %d) OK = %v (%v); want %v", tt.maxDepth, r.OK, r.Err, tt.ok)
			}
		})
	}
}

// Decoded strings never alias the input: callers reuse their line buffers.
func TestStringsOutliveTheInput(t *testing.T) {
	for _, n := range []int{0, sharedTextMax} { // a small body and a big one
		data := []byte(`{"Name": "Maria", "Tags": ["vip"], "pad": "` + strings.Repeat("p", n) + `"}`)
		r := Parse(data, 0)
		if !r.OK {
			t.Fatal(r.Err)
		}
		for i := range data {
			data[i] = 'z'
		}
		m := r.Value.(map[string]any)
		if m["Name"] != "Maria" || m["Tags"].([]any)[0] != "vip" {
			t.Errorf("size %d: values changed with the input: %v", len(data), m)
		}
	}
}

// Strings and numbers are boxed from a slab of headers (box.go): after
// collections, with the input gone, every value still reads as
// encoding/json decodes it, and type switches see string and json.Number.
func TestBoxedValuesSurviveCollection(t *testing.T) {
	var kept []any
	var want []any
	for i := range 200 {
		doc := fmt.Sprintf(`{"Name": "card %d", "Cost": %d.5, "Tags": ["a%d", "b", ""], "n": {"x": -%d}}`, i, i, i, i)
		r := Parse([]byte(doc), 0)
		if !r.OK {
			t.Fatal(r.Err)
		}
		kept = append(kept, r.Value)
		want = append(want, stdlib(t, []byte(doc)))
		if i%50 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	runtime.GC()
	if !reflect.DeepEqual(kept, want) {
		t.Fatal("boxed values changed after collections")
	}
	m := kept[7].(map[string]any)
	if s, ok := m["Name"].(string); !ok || s != "card 7" {
		t.Errorf("Name = %#v", m["Name"])
	}
	if n, ok := m["Cost"].(json.Number); !ok || n != "7.5" {
		t.Errorf("Cost = %#v", m["Cost"])
	}
	if m["Name"] != any("card 7") {
		t.Error("a boxed string does not compare equal to the same string")
	}
}
