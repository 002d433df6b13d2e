package redact

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
	"github.com/aptly-doctor/aptly-doctor/input/httpfile"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// noFiles stands in for files a command names: redaction works on the text
// the user hands over and never reads other files.
func noFiles(string) ([]byte, error) { return nil, nil }

// curl masks a curl command in place; the mask needs no quoting, so the
// command reads back the same but for the secrets.
func (r *redactor) curl(data []byte) ([]byte, bool) {
	src := &input.Source{Path: "-", Data: data}
	units, err := curl.Parse(src, curl.Options{ReadFile: noFiles})
	if err != nil {
		return nil, false
	}
	for _, u := range units {
		r.request(u.Request)
	}
	r.scan(string(data))
	out := []byte(r.text(string(data)))
	if _, err := curl.Parse(&input.Source{Path: "-", Data: out}, curl.Options{ReadFile: noFiles}); err != nil {
		// A secret written with shell quoting inside it was masked where
		// the quotes mattered; better no output than a broken command.
		return nil, false
	}
	return out, true
}

// http masks a .http file in place; variables defined with @name = value
// are masked where they are defined, since their values are found through
// the requests that use them.
func (r *redactor) http(data []byte) ([]byte, bool) {
	src := &input.Source{Path: "-", Data: data}
	units, err := httpfile.Parse(src, httpfile.Options{ReadFile: noFiles})
	if err != nil {
		return nil, false
	}
	for _, u := range units {
		r.request(u.Request)
	}
	r.scan(string(data))
	return []byte(r.text(string(data))), true
}

// batch masks each line of an NDJSON batch as a payload, or as text when a
// line is not JSON.
func (r *redactor) batch(data []byte) []byte {
	r.scan(string(data))
	var out bytes.Buffer
	for _, line := range lines.All(data) {
		content := lines.Trim(line)
		if fixed, ok := r.json(content, nil); ok {
			out.Write(fixed)
		} else {
			out.WriteString(r.text(string(content)))
		}
		out.Write(line[len(content):])
	}
	return out.Bytes()
}

// json masks the secrets inside every string of a JSON document, leaving
// every other byte as it was. at, when set, gives the masking for the
// string at a pointer that needs its context (a header value, a cookie).
func (r *redactor) json(data []byte, at map[string]func(string) string) ([]byte, bool) {
	if len(bytes.TrimSpace(data)) == 0 || !json.Valid(data) {
		return nil, false
	}
	w := walker{data: data, fn: func(ptr string, s string) string {
		if f, ok := at[ptr]; ok {
			s = f(s)
		}
		return r.text(s)
	}}
	w.value("")
	if w.last == 0 {
		return data, true
	}
	w.out.Write(data[w.last:])
	return w.out.Bytes(), true
}

// walker copies a valid JSON text, offering each string value (not keys)
// to fn with its pointer and writing back a new encoding only for the
// strings fn changed.
type walker struct {
	data []byte
	pos  int
	fn   func(ptr, s string) string
	out  bytes.Buffer
	last int // data[:last] is already in out
}

func (w *walker) ws() {
	for w.pos < len(w.data) && strings.IndexByte(" \t\r\n", w.data[w.pos]) >= 0 {
		w.pos++
	}
}

func (w *walker) value(ptr string) {
	w.ws()
	if w.pos >= len(w.data) {
		return
	}
	switch w.data[w.pos] {
	case '{':
		w.pos++
		for {
			w.ws()
			if w.pos >= len(w.data) || w.data[w.pos] == '}' {
				w.pos++
				return
			}
			if w.data[w.pos] == ',' {
				w.pos++
				continue
			}
			key := w.str()
			w.ws()
			w.pos++ // the colon
			w.value(jsonpos.Append(ptr, key))
		}
	case '[':
		w.pos++
		for i := 0; ; {
			w.ws()
			if w.pos >= len(w.data) || w.data[w.pos] == ']' {
				w.pos++
				return
			}
			if w.data[w.pos] == ',' {
				w.pos++
				continue
			}
			w.value(ptr + "/" + strconv.Itoa(i))
			i++
		}
	case '"':
		start := w.pos
		s := w.str()
		if ns := w.fn(ptr, s); ns != s {
			w.out.Write(w.data[w.last:start])
			w.out.Write(encode(ns))
			w.last = w.pos
		}
	default:
		for w.pos < len(w.data) && strings.IndexByte(",}] \t\r\n", w.data[w.pos]) < 0 {
			w.pos++
		}
	}
}

// str reads the string token at pos and returns its value.
func (w *walker) str() string {
	start := w.pos
	w.pos++
	for w.pos < len(w.data) {
		switch w.data[w.pos] {
		case '\\':
			w.pos += 2
			continue
		case '"':
			w.pos++
			return string(jsonpos.Unquote(w.data[start+1 : w.pos-1]))
		}
		w.pos++
	}
	return ""
}

// encode writes s as a JSON string without HTML escaping, as a person or a
// browser's export would.
func encode(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
