package har

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// Parse reads a HAR document and returns one Unit per entry, labelled
// "entry N", in file order. Each request's URLAt is where its "url" value
// starts in the file.
func Parse(src *input.Source) ([]*input.Unit, error) {
	if src == nil {
		return nil, errors.New("no HAR document")
	}
	// Windows tools save exports with a byte order mark, which a JSON
	// decoder refuses; it is read past, and offsets still count it.
	bom := 0
	if bytes.HasPrefix(src.Data, []byte("\xef\xbb\xbf")) {
		bom = 3
	}
	p := &parser{
		src: src,
		dec: json.NewDecoder(bytes.NewReader(src.Data[bom:])),
		cur: cursor{src: src},
		bom: bom,
	}
	p.dec.UseNumber() // a status of 1e999 is read as text, then refused
	units, err := p.document()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at := p.cur.pos(culprit(src.Data, int(se.Offset)+bom))
			return nil, fmt.Errorf("not valid JSON at line %d, column %d: %w", at.Line, at.Col, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("not valid JSON: the document ends too early: %w", err)
		}
		if errors.As(err, new(*Error)) {
			return nil, err
		}
		return nil, &Error{Offset: p.at, Msg: err.Error()}
	}
	return units, nil
}

// Error is a document that is valid JSON but not a HAR export the doctor
// can read: an entry that is null, a status that is no status code.
type Error struct {
	Offset int    // byte offset of the value at fault
	Msg    string // lowercase, names the value: "entry 1 is not an object"
}

func (e *Error) Error() string { return e.Msg }

// fail is an Error at the value read last.
func (p *parser) fail(format string, args ...any) error {
	return &Error{Offset: p.at, Msg: fmt.Sprintf(format, args...)}
}

// culprit finds the byte a syntax error is about. The decoder's offset
// lands on it or, when the error surfaced while reading a token, just
// before it on the bracket or comma that precedes it.
func culprit(data []byte, off int) int {
	i := off - 1
	if i < 0 {
		return 0
	}
	if i < len(data) && strings.IndexByte("[{,: \t\r\n", data[i]) >= 0 {
		i++
		for i < len(data) && strings.IndexByte(" \t\r\n", data[i]) >= 0 {
			i++
		}
	}
	return i
}

type parser struct {
	src *input.Source
	dec *json.Decoder
	cur cursor
	at  int // offset of the value being read, for an Error
	bom int // bytes of a byte order mark the decoder was not given
}

// skip consumes a value without keeping it: the decoder hands the bytes
// to UnmarshalJSON in place, so nothing is copied.
type skip struct{}

func (*skip) UnmarshalJSON([]byte) error { return nil }

func (p *parser) skip() error { return p.dec.Decode(&skip{}) }

// null consumes a null value and reports whether there was one. Some tools
// export an empty list or a missing part (headers, postData, response) as
// null; that is the part left out, not a broken export.
func (p *parser) null() bool {
	off := p.valueOff()
	if !bytes.HasPrefix(p.src.Data[off:], []byte("null")) {
		return false
	}
	return p.skip() == nil
}

// object reads an object, calling fn for each key with the decoder placed
// before that key's value; fn must consume the value.
func (p *parser) object(what string, fn func(key string) error) error {
	p.at = p.nextOff()
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return p.fail("%s is not an object", what)
	}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := fn(key); err != nil {
			return err
		}
	}
	_, err = p.dec.Token()
	return err
}

// array reads an array, calling fn for each element.
func (p *parser) array(what string, fn func(i int) error) error {
	p.at = p.nextOff()
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return p.fail("%s is not an array", what)
	}
	for i := 0; p.dec.More(); i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	_, err = p.dec.Token()
	return err
}

// valueOff is the offset of the first byte of the value that follows the
// key just read.
func (p *parser) valueOff() int {
	d := p.src.Data
	i := int(p.dec.InputOffset()) + p.bom
	for i < len(d) && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r' || d[i] == ':') {
		i++
	}
	return i
}

// nextOff is the offset of the first byte of the next value: after the
// key's colon, or after the comma before an array element.
func (p *parser) nextOff() int {
	d := p.src.Data
	i := int(p.dec.InputOffset()) + p.bom
	for i < len(d) && strings.IndexByte(" \t\r\n:,", d[i]) >= 0 {
		i++
	}
	return i
}

// stringAt reads a string value and the position of its first character
// inside the quotes. null reads as "".
func (p *parser) stringAt(what string) (string, input.Pos, error) {
	off := p.valueOff() + 1
	p.at = off - 1
	tok, err := p.dec.Token()
	if err != nil {
		return "", input.Pos{}, err
	}
	switch v := tok.(type) {
	case string:
		return v, p.cur.pos(off), nil
	case nil:
		return "", input.Pos{}, nil
	}
	if _, ok := tok.(json.Delim); ok {
		return "", input.Pos{}, p.fail("%s is not a string", what)
	}
	return fmt.Sprint(tok), p.cur.pos(off), nil
}

func (p *parser) document() ([]*input.Unit, error) {
	var units []*input.Unit
	sawLog, sawEntries := false, false
	err := p.object("the document", func(key string) error {
		if key != "log" {
			return p.skip()
		}
		sawLog = true
		return p.object(`"log"`, func(key string) error {
			if key != "entries" {
				return p.skip()
			}
			sawEntries = true
			return p.array(`"log.entries"`, func(i int) error {
				u, err := p.entry(i + 1)
				if err != nil {
					return err
				}
				units = append(units, u)
				return nil
			})
		})
	})
	switch {
	case err != nil:
		return nil, err
	case !sawLog:
		return nil, errors.New(`not a HAR file: no "log" object`)
	case !sawEntries:
		return nil, errors.New(`not a HAR file: no "log.entries" array`)
	}
	return units, nil
}

func (p *parser) entry(n int) (*input.Unit, error) {
	u := &input.Unit{Label: fmt.Sprintf("entry %d", n), Src: p.src}
	what := fmt.Sprintf("entry %d", n)
	err := p.object(what, func(key string) error {
		var err error
		switch key {
		case "request":
			u.Request, err = p.request(what)
		case "response":
			if !p.null() {
				u.Response, err = p.response(what)
			}
		default:
			err = p.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if u.Request == nil {
		return nil, p.fail(`%s has no "request"`, what)
	}
	u.Body = u.Request.Body
	return u, nil
}

func (p *parser) request(what string) (*input.Request, error) {
	r := &input.Request{}
	mime := ""
	err := p.object(what+` "request"`, func(key string) error {
		var err error
		switch key {
		case "method":
			r.Method, r.MethodAt, err = p.stringAt(what + ` "method"`)
		case "url":
			r.URL, r.URLAt, err = p.stringAt(what + ` "url"`)
		case "headers":
			if !p.null() {
				r.Headers, err = p.headers(what + ` request "headers"`)
			}
		case "postData":
			if p.null() {
				break
			}
			r.BodyFlag, r.BodyFlagAt = "postData", p.cur.pos(p.valueOff())
			mime, r.Body, err = p.postData(what)
		default:
			err = p.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, ok := r.Header("Content-Type"); !ok && mime != "" {
		r.Headers = append(r.Headers, input.Header{Name: "Content-Type", Value: mime, Implicit: true})
	}
	return r, nil
}

func (p *parser) postData(what string) (string, *input.Body, error) {
	var mime string
	var body *input.Body
	err := p.object(what+` "postData"`, func(key string) error {
		switch key {
		case "mimeType":
			s, _, err := p.stringAt(what + ` "mimeType"`)
			mime = s
			return err
		case "text":
			b, at, err := p.text(what + ` "postData.text"`)
			if err == nil && b != nil {
				body = &input.Body{Raw: b, Src: p.src, At: at, Origin: "har"}
			}
			return err
		}
		return p.skip()
	})
	return mime, body, err
}

// headers reads a name/value list, leaving out HTTP/2 pseudo-headers
// (":authority" and the like), which no one writes by hand.
func (p *parser) headers(what string) ([]input.Header, error) {
	var hs []input.Header
	err := p.array(what, func(int) error {
		var h input.Header
		err := p.object(what, func(key string) error {
			var err error
			switch key {
			case "name":
				h.Name, _, err = p.stringAt(what)
			case "value":
				h.Value, h.At, err = p.stringAt(what)
			default:
				err = p.skip()
			}
			return err
		})
		if err == nil && !strings.HasPrefix(h.Name, ":") {
			hs = append(hs, h)
		}
		return err
	})
	return hs, err
}

func (p *parser) response(what string) (*input.Response, error) {
	r := &input.Response{At: p.cur.pos(p.valueOff())}
	err := p.object(what+` "response"`, func(key string) error {
		var err error
		switch key {
		case "status":
			p.at = p.valueOff()
			var tok json.Token
			if tok, err = p.dec.Token(); err == nil {
				if n, ok := tok.(json.Number); ok {
					// 0 is a request that got no answer (blocked, cancelled).
					if r.Status, err = strconv.Atoi(n.String()); err != nil || r.Status < 0 || r.Status > 999 {
						return p.fail("%s response \"status\" is %s, not an HTTP status code", what, prose.Clip(n.String(), 24))
					}
				}
			}
		case "statusText":
			r.StatusText, _, err = p.stringAt(what + ` "statusText"`)
		case "headers":
			if !p.null() {
				r.Headers, err = p.headers(what + ` response "headers"`)
			}
		case "content":
			if !p.null() {
				r.Body, err = p.content(what)
			}
		default:
			err = p.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// content reads a response body, decoding it when the export stored it
// as base64 (binary and some compressed bodies).
func (p *parser) content(what string) ([]byte, error) {
	var text []byte
	var encoding string
	err := p.object(what+` "content"`, func(key string) error {
		var err error
		switch key {
		case "text":
			text, _, err = p.text(what + ` "content.text"`)
		case "encoding":
			encoding, _, err = p.stringAt(what + ` "content.encoding"`)
		default:
			err = p.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if encoding == "base64" {
		b := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
		if n, err := base64.StdEncoding.Decode(b, text); err == nil {
			return b[:n], nil
		}
	}
	return text, nil
}

// text reads a string value that may be large (a body) straight into one
// byte slice: going through a Go string would copy it twice more.
func (p *parser) text(what string) ([]byte, input.Pos, error) {
	off := p.valueOff()
	p.at = off
	var t textValue
	if err := p.dec.Decode(&t); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) || errors.Is(err, errNotString) {
			return nil, input.Pos{}, p.fail("%s is not a string", what)
		}
		return nil, input.Pos{}, err
	}
	return t.b, p.cur.pos(off + 1), nil
}

var errNotString = errors.New("not a string")

// textValue unquotes a JSON string on its own; null leaves it nil.
type textValue struct{ b []byte }

func (t *textValue) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	if len(data) < 2 || data[0] != '"' {
		return errNotString
	}
	t.b = jsonpos.Unquote(data[1 : len(data)-1])
	return nil
}

// cursor turns offsets into positions through the program's one line
// index, built on the first lookup.
type cursor struct {
	src *input.Source
	li  *input.LineIndex
}

func (c *cursor) pos(off int) input.Pos {
	if c.li == nil {
		c.li = input.NewLineIndex(c.src)
	}
	return c.li.Pos(off)
}
