package load

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// An NDJSON batch is one payload a line whatever ends its lines: lone CR,
// LF or CRLF, each one line break, as the rest of the program counts them.
func TestWalkBatchLineEndings(t *testing.T) {
	for name, data := range map[string]string{
		"lf":    "{\"a\":1}\n\n{\"b\":2}\n{\"c\":3}",
		"crlf":  "{\"a\":1}\r\n\r\n{\"b\":2}\r\n{\"c\":3}",
		"cr":    "{\"a\":1}\r\r{\"b\":2}\r{\"c\":3}",
		"mixed": "{\"a\":1}\r\n\r{\"b\":2}\n{\"c\":3}\r",
	} {
		t.Run(name, func(t *testing.T) {
			var got []string
			err := walkBatch("b.ndjson", bytes.NewReader([]byte(data)), Options{}, func(u *input.Unit) error {
				got = append(got, fmt.Sprintf("%s %s %d:%d", u.Label, u.Body.Raw, u.Body.At.Line, u.Body.At.Col))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{`line 1 {"a":1} 1:1`, `line 3 {"b":2} 3:1`, `line 4 {"c":3} 4:1`}
			if !slices.Equal(got, want) {
				t.Errorf("units %q, want %q", got, want)
			}
		})
	}
	if k := Detect([]byte("{\"a\":1}\r{\"b\":2}\r")); k != input.KindBatch {
		t.Errorf("Detect(CR batch) = %q, want batch", k)
	}
}

// A line over --max-size is refused by its number, a lone CR counting as a
// line break.
func TestWalkBatchLongLine(t *testing.T) {
	data := "{}\r" + "{\"a\":\"" + string(bytes.Repeat([]byte("x"), 2000)) + "\"}\r"
	err := walkBatch("b.ndjson", bytes.NewReader([]byte(data)), Options{MaxSize: 1000}, func(*input.Unit) error { return nil })
	if err == nil || err.Error() != "refuse b.ndjson: line 2 is over the --max-size of 1000 bytes" {
		t.Errorf("err = %v", err)
	}
}

// A raw response pasted with lone CR endings keeps its headers apart from
// its status line and its body.
func TestParseResponseLoneCR(t *testing.T) {
	r, err := ParseResponse("HTTP/1.1 401 Unauthorized\rContent-Type: application/json\r\r{\"error\":\"Unauthorized\"}")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 401 || r.StatusText != "Unauthorized" || len(r.Headers) != 1 || string(r.Body) != `{"error":"Unauthorized"}` {
		t.Errorf("response = %d %q %v %q", r.Status, r.StatusText, r.Headers, r.Body)
	}
}
