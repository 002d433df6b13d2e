// Package postman reads a Postman collection (format v2.0 or v2.1: a JSON
// object whose info.schema names a collection) as the requests it holds,
// one unit per request, each at the line and column of its URL. Collection
// variables ({{name}}) are filled in as Postman fills them; a variable the
// collection does not define comes from a Postman environment at run time,
// so it is listed in Request.Runtime and not taken for a placeholder.
package postman

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
)

// Looks reports whether data is a Postman collection: a JSON object with an
// info.schema that names a Postman collection format.
func Looks(data []byte) bool {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' || !bytes.Contains(data, []byte(`"info"`)) || !bytes.Contains(data, []byte(`"item"`)) {
		return false
	}
	var doc struct {
		Info struct {
			Schema string `json:"schema"`
		} `json:"info"`
	}
	if json.Unmarshal(trimmed, &doc) != nil {
		return false
	}
	return strings.Contains(doc.Info.Schema, "getpostman.com") && strings.Contains(doc.Info.Schema, "collection")
}

type collection struct {
	Item     []item     `json:"item"`
	Variable []variable `json:"variable"`
	Auth     *auth      `json:"auth"`
}

type item struct {
	Name    string          `json:"name"`
	Item    []item          `json:"item"`
	Request json.RawMessage `json:"request"`
	Auth    *auth           `json:"auth"`
}

type variable struct {
	Key      string `json:"key"`
	Value    any    `json:"value"`
	Disabled bool   `json:"disabled"`
}

type auth struct {
	Type   string     `json:"type"`
	APIKey []variable `json:"apikey"`
	Bearer []variable `json:"bearer"`
}

type request struct {
	Method string          `json:"method"`
	Header json.RawMessage `json:"header"`
	Body   *struct {
		Mode    string `json:"mode"`
		Raw     string `json:"raw"`
		Options struct {
			Raw struct {
				Language string `json:"language"`
			} `json:"raw"`
		} `json:"options"`
	} `json:"body"`
	URL  json.RawMessage `json:"url"`
	Auth *auth           `json:"auth"`
}

type header struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Disabled bool   `json:"disabled"`
}

// Parse reads the requests of the collection in src, in file order.
func Parse(src *input.Source) ([]*input.Unit, error) {
	data := bytes.TrimPrefix(src.Data, []byte("\xef\xbb\xbf"))
	var c collection
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("not a Postman collection: %w", err)
	}
	p := &parser{src: src, ix: jsonpos.NewIndex(src.Data), li: input.NewLineIndex(src), vars: map[string]string{}}
	for _, v := range c.Variable {
		if !v.Disabled && v.Key != "" {
			p.vars[v.Key] = fmt.Sprint(v.Value)
		}
	}
	p.items(c.Item, "", "", c.Auth)
	return p.units, nil
}

type parser struct {
	src   *input.Source
	ix    *jsonpos.Index
	li    *input.LineIndex
	vars  map[string]string
	units []*input.Unit
}

func (p *parser) items(items []item, ptr, label string, inherited *auth) {
	for i, it := range items {
		at := ptr + "/item/" + strconv.Itoa(i)
		name := it.Name
		if label != "" {
			name = label + " / " + it.Name
		}
		a := inherited
		if it.Auth != nil {
			a = it.Auth
		}
		if len(it.Item) > 0 {
			p.items(it.Item, at, name, a)
		}
		if len(it.Request) > 0 && string(it.Request) != "null" {
			p.request(it.Request, at+"/request", name, a)
		}
	}
}

// pos is the position of the value at ptr, just inside its quote for a
// string; the zero Pos when the pointer is not in the file.
func (p *parser) pos(ptr string) (input.Pos, int) {
	off, ok := p.ix.Value(ptr)
	if !ok {
		return input.Pos{}, -1
	}
	if off < len(p.src.Data) && p.src.Data[off] == '"' {
		off++
	}
	return p.li.Pos(off), off
}

func (p *parser) request(raw json.RawMessage, ptr, label string, a *auth) {
	var r request
	urlPtr := ptr + "/url"
	var s string
	if json.Unmarshal(raw, &s) == nil {
		r.URL, _ = json.Marshal(s) // a request written as its URL alone
		urlPtr = ptr
	} else if json.Unmarshal(raw, &r) != nil {
		return
	}
	req := &input.Request{Method: strings.ToUpper(strings.TrimSpace(r.Method))}
	if req.Method == "" {
		req.Method = "GET"
	}
	req.MethodAt, _ = p.pos(ptr + "/method")
	// The URL: a string, or an object whose raw is the URL as written.
	var rawURL string
	if json.Unmarshal(r.URL, &rawURL) != nil {
		var u struct {
			Raw string `json:"raw"`
		}
		json.Unmarshal(r.URL, &u)
		rawURL, urlPtr = u.Raw, urlPtr+"/raw"
	}
	at, off := p.pos(urlPtr)
	req.URL, req.URLPositions = p.fill(rawURL, off, "url", req)
	req.URLAt = at
	var hs []header
	if json.Unmarshal(r.Header, &hs) == nil {
		for i, h := range hs {
			if h.Disabled || h.Key == "" {
				continue
			}
			hat, _ := p.pos(ptr + "/header/" + strconv.Itoa(i) + "/value")
			v, _ := p.fill(h.Value, -1, "header "+h.Key, req)
			req.Headers = append(req.Headers, input.Header{Name: h.Key, Value: v, At: hat})
		}
	}
	if r.Auth != nil {
		a = r.Auth
	}
	p.auth(req, a)
	if b := r.Body; b != nil && b.Mode == "raw" && b.Raw != "" {
		bat, _ := p.pos(ptr + "/body/raw")
		text, _ := p.fill(b.Raw, -1, "body", req)
		req.Body = &input.Body{Raw: []byte(text), Src: p.src, At: bat, Origin: "postman"}
		req.BodyFlag, req.BodyFlagAt = "raw body", bat
		if _, ok := req.Header("Content-Type"); !ok {
			// Postman sets the type from the body's language: JSON, or
			// text/plain when none is chosen.
			ct := "text/plain"
			if strings.EqualFold(b.Options.Raw.Language, "json") {
				ct = "application/json"
			}
			req.Headers = append(req.Headers, input.Header{Name: "Content-Type", Value: ct, Implicit: true})
		}
	}
	p.units = append(p.units, &input.Unit{Label: label, Src: p.src, Request: req, Body: req.Body, Committed: true})
}

// auth adds the key an apikey or bearer auth sends.
func (p *parser) auth(req *input.Request, a *auth) {
	if a == nil {
		return
	}
	get := func(vs []variable, k string) string {
		for _, v := range vs {
			if v.Key == k {
				return fmt.Sprint(v.Value)
			}
		}
		return ""
	}
	switch strings.ToLower(a.Type) {
	case "apikey":
		name, value := get(a.APIKey, "key"), get(a.APIKey, "value")
		value, _ = p.fill(value, -1, "header "+name, req)
		if strings.EqualFold(get(a.APIKey, "in"), "query") {
			sep := "?"
			if strings.Contains(req.URL, "?") {
				sep = "&"
			}
			req.URL += sep + name + "=" + value
			req.URLPositions = nil
			return
		}
		req.Headers = append(req.Headers, input.Header{Name: name, Value: value, Implicit: true})
	case "bearer":
		token, _ := p.fill(get(a.Bearer, "token"), -1, "header Authorization", req)
		req.Headers = append(req.Headers, input.Header{Name: "Authorization", Value: "Bearer " + token, Implicit: true})
	}
}

// fill writes the collection's variables into s, as Postman does, and
// returns the source position of each byte when s starts at offset off of
// the file. A variable the collection does not define is left as written
// and listed as filled at run time.
func (p *parser) fill(s string, off int, in string, req *input.Request) (string, []input.Pos) {
	var b strings.Builder
	var offs []int
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "{{") {
			if j := strings.Index(s[i+2:], "}}"); j >= 0 {
				name := s[i+2 : i+2+j]
				ref := s[i : i+4+j]
				v, ok := p.vars[strings.TrimSpace(name)]
				if !ok {
					v = ref
					req.Runtime = append(req.Runtime, input.Var{Name: ref, In: in})
				}
				b.WriteString(v)
				for range len(v) {
					offs = append(offs, off+i)
				}
				i += len(ref)
				continue
			}
		}
		b.WriteByte(s[i])
		offs = append(offs, off+i)
		i++
	}
	if off < 0 {
		return b.String(), nil
	}
	pos := make([]input.Pos, len(offs))
	for k, o := range offs {
		pos[k] = p.li.Pos(o)
	}
	return b.String(), pos
}
