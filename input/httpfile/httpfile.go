package httpfile

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// Options is what Parse needs from outside the request file.
type Options struct {
	// Dir is the folder of the request file; "< file" bodies are relative to it.
	Dir string
	// ReadFile reads a body file; nil makes such a body an error.
	ReadFile func(path string) ([]byte, error)
	// Lookup resolves {{$dotenv NAME}} and {{$processEnv NAME}}; nil means
	// nothing is set.
	Lookup func(name string) (string, bool)
}

// maxDepth bounds how deep variables may refer to one another, which also
// stops a cycle; maxExpansions bounds the work one value may cost, since a
// variable that names another twice doubles it at every level.
const (
	maxDepth      = 10
	maxExpansions = 1000
)

// methods are the request methods a request line may start with.
var methods = map[string]bool{
	"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true,
	"OPTIONS": true, "CONNECT": true, "TRACE": true, "LOCK": true, "UNLOCK": true,
	"PROPFIND": true, "PROPPATCH": true, "COPY": true, "MOVE": true, "MKCOL": true,
}

type line struct {
	start, end int // byte offsets of the text, line break excluded
	text       string
}

// Parse reads every request in src, one Unit each, labelled "request N".
// A file with no request gives no units and no error.
func Parse(src *input.Source, opt Options) ([]*input.Unit, error) {
	if src == nil {
		return nil, nil
	}
	p := &parser{src: src, opt: opt, li: input.NewLineIndex(src), vars: map[string]string{}}
	lines := split(src.Data)
	blocks := blocksOf(lines)
	for _, b := range blocks {
		p.collectVars(b)
	}
	var units []*input.Unit
	for _, b := range blocks {
		req, err := p.request(b)
		if err != nil {
			return nil, err
		}
		if req == nil {
			continue
		}
		units = append(units, &input.Unit{
			Label:   fmt.Sprintf("request %d", len(units)+1),
			Src:     src,
			Request: req,
			Body:    req.Body,
		})
	}
	return units, nil
}

func split(data []byte) []line {
	var out []line
	next := 0
	for start, l := range lines.All(data) {
		text := lines.Trim(l)
		out = append(out, line{start: start, end: start + len(text), text: string(text)})
		next = start + len(l)
	}
	// After a final line break (and in empty data) comes a last, empty
	// line, as the line index counts it.
	if next == len(data) && (len(data) == 0 || lines.Break(data, len(data)-1) > 0) {
		out = append(out, line{start: next, end: next})
	}
	return out
}

// blocksOf cuts the file at ### lines.
func blocksOf(lines []line) [][]line {
	var blocks [][]line
	cur := []line{}
	for _, l := range lines {
		if strings.HasPrefix(l.text, "###") {
			blocks = append(blocks, cur)
			cur = []line{}
			continue
		}
		cur = append(cur, l)
	}
	return append(blocks, cur)
}

func isComment(s string) bool {
	t := strings.TrimLeft(s, " \t")
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//")
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// varDef splits an "@name = value" line.
func varDef(s string) (name, value string, ok bool) {
	t := strings.TrimLeft(s, " \t")
	if !strings.HasPrefix(t, "@") {
		return "", "", false
	}
	name, value, ok = strings.Cut(t[1:], "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return "", "", false
	}
	return name, strings.TrimSpace(value), true
}

type parser struct {
	src  *input.Source
	opt  Options
	li   *input.LineIndex
	vars map[string]string
	left int // expansions left for the value being resolved
}

// collectVars records the variable lines that come before a block's
// request line; a later definition wins, as in the clients.
func (p *parser) collectVars(b []line) {
	for _, l := range b {
		if isBlank(l.text) || isComment(l.text) {
			continue
		}
		name, value, ok := varDef(l.text)
		if !ok {
			return
		}
		p.vars[name] = value
	}
}

// request reads the request of one block, or nil when it has none.
func (p *parser) request(b []line) (*input.Request, error) {
	i := 0
	for i < len(b) && (isBlank(b[i].text) || isComment(b[i].text) || isVar(b[i].text)) {
		i++
	}
	if i == len(b) {
		return nil, nil
	}
	req := &input.Request{}
	p.requestLine(req, b[i])
	i++
	for i < len(b) {
		t := strings.TrimSpace(b[i].text)
		if !strings.HasPrefix(t, "?") && !strings.HasPrefix(t, "&") {
			break
		}
		req.URL += p.expand(req, t, b[i].start+strings.Index(b[i].text, t), "url")
		i++
	}
	for ; i < len(b) && !isBlank(b[i].text); i++ {
		l := b[i]
		if isComment(l.text) {
			continue
		}
		name, value, ok := strings.Cut(l.text, ":")
		if !ok || strings.HasPrefix(strings.TrimSpace(l.text), "{") || strings.HasPrefix(strings.TrimSpace(l.text), "[") {
			break // a body written without the blank line before it
		}
		name = strings.TrimSpace(name)
		lead := len(value) - len(strings.TrimLeft(value, " \t"))
		valueOff := l.start + len(l.text) - len(value) + lead
		req.Headers = append(req.Headers, input.Header{
			Name:  name,
			Value: p.expand(req, strings.TrimSpace(value), valueOff, "header "+name),
			At:    p.li.Pos(valueOff),
		})
	}
	for i < len(b) && isBlank(b[i].text) {
		i++
	}
	end := len(b)
	for j := i; j < len(b); j++ {
		if t := b[j].text; strings.HasPrefix(t, "> {%") || strings.HasPrefix(t, "<> ") || strings.HasPrefix(t, ">> ") {
			end = j
			break
		}
	}
	for end > i && isBlank(b[end-1].text) {
		end--
	}
	if i < end {
		if err := p.body(req, b[i:end]); err != nil {
			return nil, err
		}
	}
	return req, nil
}

func isVar(s string) bool {
	_, _, ok := varDef(s)
	return ok
}

// requestLine reads "METHOD URL HTTP/1.1", "METHOD URL" or "URL".
func (p *parser) requestLine(req *input.Request, l line) {
	text := l.text
	rest := strings.TrimLeft(text, " \t")
	off := l.start + len(text) - len(rest)
	req.Method = "GET"
	if m, after, ok := strings.Cut(rest, " "); ok && methods[m] {
		req.Method = m
		req.MethodAt = p.li.Pos(off)
		trimmed := strings.TrimLeft(after, " \t")
		off += len(rest) - len(trimmed)
		rest = trimmed
	} else if methods[strings.TrimSpace(rest)] {
		req.Method = strings.TrimSpace(rest)
		req.MethodAt = p.li.Pos(off)
		req.URLAt = p.li.Pos(off + len(rest))
		return
	}
	rest = strings.TrimRight(rest, " \t")
	if i := strings.LastIndexAny(rest, " \t"); i >= 0 && strings.HasPrefix(rest[i+1:], "HTTP/") {
		rest = strings.TrimRight(rest[:i], " \t")
	}
	req.URLAt = p.li.Pos(off)
	req.URL = p.expand(req, rest, off, "url")
}

// body reads the body lines, or the file a "< path" line names.
func (p *parser) body(req *input.Request, lines []line) error {
	first := strings.TrimLeft(lines[0].text, " \t")
	if strings.HasPrefix(first, "<@") || strings.HasPrefix(first, "< ") {
		flag := "<"
		if strings.HasPrefix(first, "<@") {
			flag = "<@"
		}
		name := strings.TrimSpace(first[len(flag):])
		path := name
		if !filepath.IsAbs(path) && p.opt.Dir != "" {
			path = filepath.Join(p.opt.Dir, path)
		}
		if p.opt.ReadFile == nil {
			return fmt.Errorf("read body file %q: the request names a file and no file access was given", path)
		}
		data, err := p.opt.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read body file %q: %w", path, err)
		}
		req.BodyFlag = flag
		req.BodyFlagAt = p.li.Pos(lines[0].start + len(lines[0].text) - len(first))
		fileSrc := &input.Source{Path: path, Data: data}
		raw := data
		if flag == "<@" {
			// Positions of undefined names point at the "<@" line: the
			// file's own text is not where the user wrote the reference.
			at := req.BodyFlagAt
			p.left = maxExpansions
			raw = []byte(p.expandAt(req, string(data), func(int) input.Pos { return at }, "body", 0))
		}
		req.Body = &input.Body{Raw: raw, Src: fileSrc, At: input.Pos{Line: 1, Col: 1}, Origin: "@file"}
		return nil
	}
	start, end := lines[0].start, lines[len(lines)-1].end
	text := string(p.src.Data[start:end])
	req.Body = &input.Body{
		Raw:    []byte(p.expand(req, text, start, "body")),
		Src:    p.src,
		At:     p.li.Pos(start),
		Origin: "inline",
	}
	return nil
}

// expand resolves the {{...}} references of s, which starts at byte off
// of the file.
func (p *parser) expand(req *input.Request, s string, off int, in string) string {
	p.left = maxExpansions
	return p.expandAt(req, s, func(i int) input.Pos { return p.li.Pos(off + i) }, in, 0)
}

func (p *parser) expandAt(req *input.Request, s string, pos func(int) input.Pos, in string, depth int) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	var out strings.Builder
	i := 0
	for {
		j := strings.Index(s[i:], "{{")
		if j < 0 {
			break
		}
		j += i
		k := strings.Index(s[j+2:], "}}")
		if k < 0 {
			break
		}
		k += j + 2
		out.WriteString(s[i:j])
		ref := s[j : k+2]
		val, ok := p.value(req, strings.TrimSpace(s[j+2:k]), func(int) input.Pos { return pos(j) }, in, depth)
		switch {
		case ok:
			out.WriteString(val)
		default:
			out.WriteString(ref)
			if val != "keep" {
				req.Undefined = append(req.Undefined, input.Var{Name: ref, In: in, At: pos(j)})
			}
		}
		i = k + 2
	}
	out.WriteString(s[i:])
	return out.String()
}

// value resolves one reference. When it cannot, it returns ok false, and
// val "keep" for a reference the clients fill in at send time (system
// variables, earlier responses) that is no mistake in the file.
func (p *parser) value(req *input.Request, name string, pos func(int) input.Pos, in string, depth int) (val string, ok bool) {
	if strings.HasPrefix(name, "$") {
		f := strings.Fields(name)
		if (f[0] == "$dotenv" || f[0] == "$processEnv") && len(f) == 2 {
			if p.opt.Lookup != nil {
				if v, ok := p.opt.Lookup(strings.TrimPrefix(f[1], "%")); ok {
					return v, true
				}
			}
			return "", false
		}
		return "keep", false
	}
	if head, _, ok := strings.Cut(name, "."); ok && head != "" {
		if strings.Contains(name, ".response.") || strings.Contains(name, ".request.") {
			return "keep", false
		}
	}
	def, ok := p.vars[name]
	if !ok {
		return "", false
	}
	if depth >= maxDepth || p.left <= 0 {
		return "keep", false
	}
	p.left--
	return p.expandAt(req, def, pos, in, depth+1), true
}
