package yaml

import (
	"math"
	"strings"
	"testing"
	"time"
)

// The fork compiles the two regular expressions on first use; what they
// decide is unchanged: plain scalars in YAML 1.2 float form resolve to
// floats, and strings a YAML 1.1 reader would take for base-60 numbers are
// quoted when written.
func TestLazyRegexpsDecideAsBefore(t *testing.T) {
	for in, want := range map[string]any{"1.5e3": 1500.0, ".5": 0.5, "-2.": -2.0, "1e": "1e", "1_000.5": 1000.5, "1:20": "1:20"} {
		var v any
		if err := Unmarshal([]byte(in), &v); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if v != want {
			t.Errorf("%s decoded as %#v (%T), want %#v", in, v, v, want)
		}
	}
	for in, quoted := range map[string]bool{"1:20": true, "190:20:30.15": true, "1:2x": false, "12": true} {
		out, err := Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.HasPrefix(string(out), `"`); got != quoted {
			t.Errorf("%q written as %s (quoted %v, want %v)", in, out, got, quoted)
		}
	}
}

// The fork lays out the resolve table, the scalars resolved by spelling and
// the short and long tag names statically instead of building them in
// init; plain scalars resolve and tags convert as before.
func TestStaticTablesDecideAsBefore(t *testing.T) {
	for in, want := range map[string]any{
		"true": true, "True": true, "TRUE": true, "tRUE": "tRUE",
		"false": false, "False": false, "FALSE": false,
		"~": nil, "null": nil, "Null": nil, "NULL": nil, "nULL": "nULL",
		".inf": math.Inf(1), "+.Inf": math.Inf(1), ".INF": math.Inf(1), "-.inf": math.Inf(-1), "-.INF": math.Inf(-1),
		"yes": "yes", "on": "on", "O": "O", "n": "n", "<": "<",
		"+12": 12, "-0x1F": -31, "0x1F": 31, "0o17": 15, "-0b101": -5, "017": 15, "1_000": 1000,
		"2001-12-14": time.Date(2001, 12, 14, 0, 0, 0, 0, time.UTC), "2001-12": "2001-12",
		"9223372036854775808": uint64(9223372036854775808), ".x": ".x", "a": "a",
	} {
		var v any
		if err := Unmarshal([]byte(in), &v); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if v != want {
			t.Errorf("%s decoded as %#v (%T), want %#v (%T)", in, v, v, want, want)
		}
	}
	for _, in := range []string{".nan", ".NaN", ".NAN"} {
		var v any
		if err := Unmarshal([]byte(in), &v); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if f, ok := v.(float64); !ok || !math.IsNaN(f) {
			t.Errorf("%s decoded as %#v (%T), want NaN", in, v, v)
		}
	}
	var merged map[string]map[string]int
	if err := Unmarshal([]byte("a: &x {b: 1}\nc: {<<: *x, d: 2}\n"), &merged); err != nil {
		t.Fatal(err)
	}
	if c := merged["c"]; c["b"] != 1 || c["d"] != 2 || len(c) != 2 {
		t.Errorf("merge key: c = %v, want map[b:1 d:2]", c)
	}
	for _, name := range []string{"null", "bool", "str", "int", "float", "timestamp", "seq", "map", "binary", "merge", "set", "omap"} {
		short, long := "!!"+name, "tag:yaml.org,2002:"+name
		if got := shortTag(long); got != short {
			t.Errorf("shortTag(%q) = %q, want %q", long, got, short)
		}
		if got := longTag(short); got != long {
			t.Errorf("longTag(%q) = %q, want %q", short, got, long)
		}
		if got := (&Node{Tag: long}).ShortTag(); got != short {
			t.Errorf("Node{Tag: %q}.ShortTag() = %q, want %q", long, got, short)
		}
	}
	for _, tag := range []string{"!local", "tag:example.com,2000:app/foo", "", "!!"} {
		if shortTag(tag) != tag && tag != "" {
			t.Errorf("shortTag(%q) = %q, want it unchanged", tag, shortTag(tag))
		}
	}
	var n any
	if err := Unmarshal([]byte("!<tag:yaml.org,2002:str> 12"), &n); err != nil || n != "12" {
		t.Errorf("a long !!str tag decoded 12 as %#v (%v), want \"12\"", n, err)
	}
	out, err := Marshal(&Node{Kind: ScalarNode, Tag: "tag:yaml.org,2002:str", Value: "true"})
	if err != nil || string(out) != "\"true\"\n" {
		t.Errorf("a !!str node holding true written as %q (%v), want %q", out, err, "\"true\"\n")
	}
}
