package jsonpos

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	// want maps a pointer to the text that must start at its value, and
	// key (when set) to the text that must start at its key.
	type at struct {
		ptr   string
		value string
		key   string // "" means Key must report false
	}
	tests := []struct {
		name    string
		input   string
		want    []at
		missing []string
	}{
		{
			name:  "card",
			input: "{\n  \"Name\": \"Leak\",\n  \"Cost\": 12.5,\n  \"Done\": false\n}",
			want: []at{
				{ptr: "", value: "{\n"},
				{ptr: "/Name", value: `"Leak"`, key: `"Name"`},
				{ptr: "/Cost", value: "12.5", key: `"Cost"`},
				{ptr: "/Done", value: "false", key: `"Done"`},
			},
			missing: []string{"/name", "/Name/0", "/Nope"},
		},
		{
			name:  "tricky keys",
			input: `{"a/b": 1, "m~n": 2, "x.y": 3, "sp ace": 4, "café": 5, "": 6, "q\"t": 7, "c\u002fd": 8, "~1": 9}`,
			want: []at{
				{ptr: "/a~1b", value: "1", key: `"a/b"`},
				{ptr: "/m~0n", value: "2", key: `"m~n"`},
				{ptr: "/x.y", value: "3", key: `"x.y"`},
				{ptr: "/sp ace", value: "4", key: `"sp ace"`},
				{ptr: "/café", value: "5", key: `"café"`},
				{ptr: "/", value: "6", key: `"": 6`},
				{ptr: `/q"t`, value: "7", key: `"q\"t"`},
				{ptr: "/c~1d", value: "8", key: `"c\u002fd"`},
				{ptr: "/~01", value: "9", key: `"~1"`},
			},
			missing: []string{"/a/b", "/c\\u002fd"},
		},
		{
			name:  "nested arrays",
			input: `{"rows": [[1, 2], [], [[{"k": "v"}]]]}`,
			want: []at{
				{ptr: "/rows", value: "[[1", key: `"rows"`},
				{ptr: "/rows/0", value: "[1, 2]"},
				{ptr: "/rows/0/1", value: "2]"},
				{ptr: "/rows/1", value: "[],"},
				{ptr: "/rows/2/0/0", value: `{"k"`},
				{ptr: "/rows/2/0/0/k", value: `"v"`, key: `"k"`},
			},
			missing: []string{"/rows/1/0", "/rows/3", "/rows/-"},
		},
		{
			name:  "top-level array",
			input: ` [ "a" , {"b" :null} ] `,
			want: []at{
				{ptr: "", value: "[ "},
				{ptr: "/0", value: `"a"`},
				{ptr: "/1/b", value: "null", key: `"b" :`},
			},
		},
		{
			name:  "duplicate keys keep the later",
			input: `{"a": {"x": 1, "y": [2]}, "b": 0, "a": {"x": 3}}`,
			want: []at{
				{ptr: "/a", value: `{"x": 3}`, key: `"a": {"x": 3}`},
				{ptr: "/a/x", value: "3", key: `"x": 3`},
				{ptr: "/b", value: "0", key: `"b"`},
			},
			missing: []string{"/a/y", "/a/y/0"},
		},
		{
			name:    "duplicate replaced by a scalar",
			input:   `{"a": [{"b": 1}], "a": 2}`,
			want:    []at{{ptr: "/a", value: "2}", key: `"a": 2`}},
			missing: []string{"/a/0", "/a/0/b"},
		},
		{
			name:    "duplicate inside a replaced value",
			input:   `{"a": {"x": 1, "x": 2}, "a": {"z": 3}}`,
			want:    []at{{ptr: "/a/z", value: "3", key: `"z"`}},
			missing: []string{"/a/x"},
		},
		{
			name:  "invalid after a few members",
			input: `{"a": 1, "b": [true, "x",], "c": 3}`,
			want: []at{
				{ptr: "/a", value: "1", key: `"a"`},
				{ptr: "/b/0", value: "true"},
				{ptr: "/b/1", value: `"x"`},
			},
			missing: []string{"/c", "/b/2"},
		},
		{
			name:    "truncated",
			input:   `{"a": {"b": "unterminated`,
			want:    []at{{ptr: "/a", value: `{"b"`, key: `"a"`}},
			missing: []string{"/a/b/c"},
		},
		{
			name:  "byte-order mark",
			input: "\xEF\xBB\xBF{\"a\": 1}",
			want:  []at{{ptr: "/a", value: "1", key: `"a"`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.input)
			ix := NewIndex(data)
			for _, w := range tt.want {
				off, ok := ix.Value(w.ptr)
				if !ok {
					t.Errorf("Value(%q) not found", w.ptr)
					continue
				}
				if !strings.HasPrefix(tt.input[off:], w.value) {
					t.Errorf("Value(%q) = %d, at %q; want the text %q", w.ptr, off, tt.input[off:], w.value)
				}
				koff, kok := ix.Key(w.ptr)
				switch {
				case w.key == "" && kok:
					t.Errorf("Key(%q) = %d; want none", w.ptr, koff)
				case w.key != "" && !kok:
					t.Errorf("Key(%q) not found; want %q", w.ptr, w.key)
				case w.key != "" && !strings.HasPrefix(tt.input[koff:], w.key):
					t.Errorf("Key(%q) = %d, at %q; want the text %q", w.ptr, koff, tt.input[koff:], w.key)
				}
			}
			for _, ptr := range tt.missing {
				if off, ok := ix.Value(ptr); ok {
					t.Errorf("Value(%q) = %d; want not found", ptr, off)
				}
			}
		})
	}
}

func TestIndexPointersInOrder(t *testing.T) {
	ix := NewIndex([]byte(`{"b": [1, {"c": 2}], "a": null}`))
	want := []string{"", "/b", "/b/0", "/b/1", "/b/1/c", "/a"}
	if got := ix.Pointers(); !reflect.DeepEqual(got, want) {
		t.Errorf("Pointers() = %q; want %q", got, want)
	}
}

func TestIndexNeverPanics(t *testing.T) {
	tests := []struct {
		name  string
		input string
	}{
		{name: "empty", input: ""},
		{name: "lone quote", input: `"`},
		{name: "lone brace", input: "{"},
		{name: "key without colon", input: `{"a"`},
		{name: "backslash at end", input: `{"a\`},
		{name: "garbage", input: "\x00\xff}{]["},
		{name: "very deep", input: strings.Repeat("[", 50000)},
		{name: "very deep objects", input: strings.Repeat(`{"a":`, 20000)},
		{name: "long key over many elements", input: `{"` + strings.Repeat("k", 1<<20) + `": [` + strings.Repeat("0,", 1<<16) + `0]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex([]byte(tt.input))
			if ix == nil {
				t.Fatal("NewIndex returned nil")
			}
			ptrs := []string{"", "/0", "/a", "/a/a", "/0/0/0"}
			if len(tt.input) < 1000 {
				ptrs = append(ptrs, ix.Pointers()...)
			}
			for _, p := range ptrs {
				if off, ok := ix.Value(p); ok && (off < 0 || off > len(tt.input)) {
					t.Errorf("Value(%q) = %d outside the input", p, off)
				}
			}
		})
	}
}

func TestPointerTokens(t *testing.T) {
	tests := []struct {
		name    string
		tok     string
		escaped string
	}{
		{name: "plain", tok: "Name", escaped: "Name"},
		{name: "slash", tok: "a/b", escaped: "a~1b"},
		{name: "tilde", tok: "m~n", escaped: "m~0n"},
		{name: "tilde one literal", tok: "~1", escaped: "~01"},
		{name: "both", tok: "/~", escaped: "~1~0"},
		{name: "empty", tok: "", escaped: ""},
		{name: "unicode and spaces", tok: "Due Date é", escaped: "Due Date é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeToken(tt.tok); got != tt.escaped {
				t.Errorf("EscapeToken(%q) = %q; want %q", tt.tok, got, tt.escaped)
			}
			p := Append(Append("", "x"), tt.tok)
			toks, err := Split(p)
			if err != nil {
				t.Fatalf("Split(%q): %v", p, err)
			}
			if want := []string{"x", tt.tok}; !reflect.DeepEqual(toks, want) {
				t.Errorf("Split(%q) = %q; want %q", p, toks, want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		ptr     string
		want    []string
		wantErr bool
	}{
		{name: "root", ptr: "", want: nil},
		{name: "empty key", ptr: "/", want: []string{""}},
		{name: "nested", ptr: "/a/0/b", want: []string{"a", "0", "b"}},
		{name: "escapes", ptr: "/a~1b/m~0n/~01", want: []string{"a/b", "m~n", "~1"}},
		{name: "no slash", ptr: "a", wantErr: true},
		{name: "bad escape", ptr: "/a~2", wantErr: true},
		{name: "tilde at end", ptr: "/a~", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.ptr)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Split(%q) error = %v; want error %v", tt.ptr, err, tt.wantErr)
			}
			if !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q) = %q; want %q", tt.ptr, got, tt.want)
			}
		})
	}
}

// resolve walks v along ptr, as a check holding the decoded value would.
func resolve(v any, ptr string) (any, bool) {
	toks, err := Split(ptr)
	if err != nil {
		return nil, false
	}
	for _, tok := range toks {
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[tok]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// TestIndexMatchesDecodedValue checks that each indexed value, decoded on
// its own, equals what the pointer reaches in the whole decoded body, so
// the index and the decoder agree on every key, escapes and duplicates
// included.
func TestIndexMatchesDecodedValue(t *testing.T) {
	inputs := []string{
		`{"a/b": {"~": [1, {"": "x"}]}, "c\u002fd": true, "a/b": {"~": [2]}}`,
		`[{"k": 1, "k": [3, 4]}, "s", {"n": {"m": null}}]`,
	}
	for i, in := range inputs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var whole any
			if err := json.Unmarshal([]byte(in), &whole); err != nil {
				t.Fatal(err)
			}
			ix := NewIndex([]byte(in))
			for _, p := range pointersOf(whole, "") {
				if _, ok := ix.Value(p); !ok {
					t.Errorf("pointer %q of the decoded value is not indexed", p)
				}
			}
			for _, p := range ix.Pointers() {
				want, ok := resolve(whole, p)
				if !ok {
					t.Errorf("pointer %q is indexed but does not exist in the decoded value", p)
					continue
				}
				off, _ := ix.Value(p)
				dec := json.NewDecoder(strings.NewReader(in[off:]))
				var got any
				if err := dec.Decode(&got); err != nil {
					t.Fatalf("value at %q (offset %d) does not decode: %v", p, off, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("value at %q = %v; decoded body has %v", p, got, want)
				}
			}
		})
	}
}

// pointersOf lists every pointer in a decoded value.
func pointersOf(v any, at string) []string {
	ptrs := []string{at}
	switch c := v.(type) {
	case map[string]any:
		for k, e := range c {
			ptrs = append(ptrs, pointersOf(e, Append(at, k))...)
		}
	case []any:
		for i, e := range c {
			ptrs = append(ptrs, pointersOf(e, Append(at, fmt.Sprint(i)))...)
		}
	}
	return ptrs
}
