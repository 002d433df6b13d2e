package httpfile

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
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
	// Env names the environment of http-client.env.json (and its private
	// twin) beside the file whose variables apply (--http-env); "" takes
	// the first one the file defines.
	Env string
}

// maxDepth bounds how deep variables may refer to one another, which also
// stops a cycle; maxExpansions bounds the work one value may cost, since a
// variable that names another twice doubles it at every level.
const (
	maxDepth      = 10
	maxExpansions = 1000
)

// method reports whether m is a request method a request line may start
// with. A switch statement: nothing is built at start-up.
func method(m string) bool {
	switch m {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "LOCK",
		"UNLOCK", "PROPFIND", "PROPPATCH", "COPY", "MOVE", "MKCOL", "QUERY", "SEARCH", "REPORT",
		"PURGE",
		// JetBrains' own request kinds; never card writes, but requests all the same.
		"GRAPHQL", "WEBSOCKET", "GRPC":
		return true
	}
	return false
}

// Looks reports whether data, trimmed of leading space, looks like a
// request file: its first line is a ### separator, an @variable or a
// request line that starts with a method.
func Looks(data []byte) bool {
	first, _, _ := strings.Cut(string(data), "\n")
	if strings.HasPrefix(first, "###") || strings.HasPrefix(first, "@") {
		return true
	}
	m, _, ok := strings.Cut(first, " ")
	return ok && method(m)
}

type line struct {
	start, end int // byte offsets of the text, line break excluded
	text       string
}

// Parse reads every request in src, one Unit each, labelled "request N".
// A file with no request gives no units and no error. What the clients do
// that the doctor does not model (scripts, handler files it cannot read)
// becomes a note on the units, never a finding.
func Parse(src *input.Source, opt Options) ([]*input.Unit, error) {
	if src == nil {
		return nil, nil
	}
	p := &parser{src: src, opt: opt, li: input.NewLineIndex(src), vars: map[string]string{}, runtime: map[string]bool{}}
	if err := p.loadEnv(); err != nil {
		return nil, err
	}
	lines := split(src.Data)
	blocks := blocksOf(lines)
	for _, b := range blocks {
		p.scripts(b)
	}
	for _, b := range blocks {
		p.collectVars(b)
	}
	var units []*input.Unit
	fileNotes := len(p.notes)
	for _, b := range blocks {
		p.notes = p.notes[:fileNotes:fileNotes]
		req := p.request(b)
		if req == nil {
			continue
		}
		units = append(units, &input.Unit{
			Label:   fmt.Sprintf("request %d", len(units)+1),
			Src:     src,
			Request: req,
			Body:    req.Body,
			Notes:   p.notes,
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
	env  map[string]string // the chosen environment of http-client.env.json
	// runtime holds the names scripts set (client.global.set,
	// request.variables.set): defined when the requests run, value unknown.
	runtime map[string]bool
	// opaque: a script file could not be read, so any name may be set by
	// it; an unknown reference is then no finding.
	opaque bool
	notes  []string // the file's, then the request's being read
	left   int      // expansions left for the value being resolved
}

func (p *parser) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	if !slices.Contains(p.notes, n) {
		p.notes = append(p.notes, n)
	}
}

// preamble returns the index of a block's request line: past blank lines,
// comments, variable lines and pre-request scripts ("< {% ... %}" or
// "< script.js"); len(b) when the block holds no request.
func preamble(b []line) int {
	i := 0
	for i < len(b) {
		t := strings.TrimSpace(b[i].text)
		switch {
		case t == "" || isComment(b[i].text) || isVar(b[i].text) || isMeta(t):
			i++
		case strings.HasPrefix(t, "<") && strings.HasPrefix(strings.TrimSpace(t[1:]), "{%"):
			i = scriptEnd(b, i) + 1
		case strings.HasPrefix(t, "< ") && isScriptFile(strings.TrimSpace(t[2:])):
			i++
		default:
			return i
		}
	}
	return i
}

// scriptEnd returns the index of the line that closes the "{%" script
// opened on line i (the same line for a one-line script).
func scriptEnd(b []line, i int) int {
	open := strings.Index(b[i].text, "{%")
	if strings.Contains(b[i].text[open+2:], "%}") {
		return i
	}
	for j := i + 1; j < len(b); j++ {
		if strings.Contains(b[j].text, "%}") {
			return j
		}
	}
	return len(b) - 1
}

// isMeta reports a request's metadata written without the comment mark
// ("@name login", "@no-redirect"): a name and no "=", which no request
// line looks like.
func isMeta(t string) bool {
	if !strings.HasPrefix(t, "@") || strings.Contains(t, "=") {
		return false
	}
	name, _, _ := strings.Cut(t[1:], " ")
	return name != "" && !strings.ContainsAny(name, "/:{")
}

func isScriptFile(name string) bool {
	return strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".mjs") || strings.HasSuffix(name, ".ts")
}

// handlerLine reports whether a line after the body starts a response
// handler ("> {% ... %}", "> ./check.js") or names a file the response is
// written to (">> file", ">>! file"), or a file to compare it with
// ("<> file"): none of it is body.
func handlerLine(t string) bool {
	switch {
	case strings.HasPrefix(t, ">> "), strings.HasPrefix(t, ">>! "), strings.HasPrefix(t, "<> "):
		return true
	case strings.HasPrefix(t, ">"):
		rest := strings.TrimSpace(t[1:])
		return strings.HasPrefix(rest, "{%") || isScriptFile(rest)
	}
	return false
}

// setByScript finds the names a script sets for later requests:
// client.global.set("name", ...) and request.variables.set("name", ...).
var setByScript = lazyre.New("(?:client\\.global|request\\.variables)\\.set\\(\\s*[\"'`]([^\"'`]+)[\"'`]")

// scripts records what the block's scripts set, reading script files
// beside the request file; one it cannot read makes every unknown name
// possibly defined, and says so.
func (p *parser) scripts(b []line) {
	for i := 0; i < len(b); i++ {
		t := strings.TrimSpace(b[i].text)
		if !strings.HasPrefix(t, "<") && !strings.HasPrefix(t, ">") || strings.HasPrefix(t, ">>") || strings.HasPrefix(t, "<>") {
			continue
		}
		rest := strings.TrimSpace(t[1:])
		switch {
		case strings.HasPrefix(rest, "{%"):
			end := scriptEnd(b, i)
			var text strings.Builder
			for j := i; j <= end; j++ {
				text.WriteString(b[j].text)
				text.WriteByte('\n')
			}
			p.setNames(text.String())
			i = end
		case isScriptFile(rest):
			data, err := p.readFile(rest)
			if err != nil {
				p.opaque = true
				p.note("the script %q could not be read (%v); the variables it may set were taken as defined", rest, err)
				continue
			}
			p.setNames(string(data))
		}
	}
}

func (p *parser) setNames(script string) {
	for _, m := range setByScript.Get().FindAllStringSubmatch(script, -1) {
		if !p.runtime[m[1]] {
			p.runtime[m[1]] = true
			p.note("%s is set by a script when the requests run; its value was not checked", "{{"+m[1]+"}}")
		}
	}
}

// readFile reads a file named in the request file, relative to its folder.
func (p *parser) readFile(name string) ([]byte, error) {
	path := name
	if !filepath.IsAbs(path) && p.opt.Dir != "" {
		path = filepath.Join(p.opt.Dir, path)
	}
	if p.opt.ReadFile == nil {
		return nil, errors.New("no file access was given")
	}
	return p.opt.ReadFile(path)
}

// collectVars records the variable lines that come before a block's
// request line; a later definition wins, as in the clients.
func (p *parser) collectVars(b []line) {
	for _, l := range b[:preamble(b)] {
		if name, value, ok := varDef(l.text); ok {
			p.vars[name] = value
		}
	}
}

// request reads the request of one block, or nil when it has none.
func (p *parser) request(b []line) *input.Request {
	i := preamble(b)
	if i == len(b) || strings.HasPrefix(strings.TrimSpace(b[i].text), "HTTP/") {
		return nil // no request, or the example of a response ("HTTP/1.1 201 Created")
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
		if handlerLine(strings.TrimSpace(l.text)) {
			break
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
	if strings.HasPrefix(req.URL, ":") {
		// REST Client's shorthand for a port on this machine: ":3000/x".
		req.URL = "http://localhost" + req.URL
	}
	if strings.HasPrefix(req.URL, "/") {
		// "GET /path" with a Host header: the clients send it to that host,
		// over https only on port 443 or 8443.
		if h, ok := req.Header("Host"); ok && h.Value != "" {
			scheme := "http://"
			if _, port, _ := strings.Cut(h.Value, ":"); port == "443" || port == "8443" {
				scheme = "https://"
			}
			req.URL = scheme + h.Value + req.URL
		}
	}
	// A pre-request script written after the request line (the clients
	// run it all the same) is not body.
	for i < len(b) {
		t := strings.TrimSpace(b[i].text)
		switch {
		case t == "":
			i++
			continue
		case strings.HasPrefix(t, "<") && strings.HasPrefix(strings.TrimSpace(t[1:]), "{%"):
			i = scriptEnd(b, i) + 1
			continue
		case strings.HasPrefix(t, "< ") && isScriptFile(strings.TrimSpace(t[2:])):
			i++
			continue
		}
		break
	}
	end := len(b)
	for j := i; j < len(b); j++ {
		if handlerLine(strings.TrimSpace(b[j].text)) {
			end = j
			break
		}
	}
	for end > i && isBlank(b[end-1].text) {
		end--
	}
	if i < end {
		p.body(req, b[i:end])
	}
	return req
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
	if m, after, ok := strings.Cut(rest, " "); ok && method(m) {
		req.Method = m
		req.MethodAt = p.li.Pos(off)
		trimmed := strings.TrimLeft(after, " \t")
		off += len(rest) - len(trimmed)
		rest = trimmed
	} else if method(strings.TrimSpace(rest)) {
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

// body reads the body lines, or the file a "< path" line names. A file
// that cannot be read is a note: the URL and headers are still judged.
func (p *parser) body(req *input.Request, lines []line) {
	first := strings.TrimLeft(lines[0].text, " \t")
	if strings.HasPrefix(first, "<@") || strings.HasPrefix(first, "< ") {
		flag := "<"
		if strings.HasPrefix(first, "<@") {
			flag = "<@"
		}
		name := strings.TrimSpace(first[len(flag):])
		req.BodyFlag = flag
		req.BodyFlagAt = p.li.Pos(lines[0].start + len(lines[0].text) - len(first))
		data, err := p.readFile(name)
		if errors.Is(err, input.ErrOutside) {
			req.Withheld = append(req.Withheld, input.Var{Name: name, In: "body file", At: req.BodyFlagAt})
			return
		}
		if err != nil {
			p.note("the body file %q could not be read (%v): the URL and headers were checked, the body was not", name, err)
			return
		}
		path := name
		if !filepath.IsAbs(path) && p.opt.Dir != "" {
			path = filepath.Join(p.opt.Dir, path)
		}
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
		return
	}
	start, end := lines[0].start, lines[len(lines)-1].end
	text := string(p.src.Data[start:end])
	req.Body = &input.Body{
		Raw:    []byte(p.expand(req, text, start, "body")),
		Src:    p.src,
		At:     p.li.Pos(start),
		Origin: "inline",
	}
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
		case val == "keep" || p.opaque && !strings.HasPrefix(strings.TrimSpace(s[j+2:k]), "$"):
			out.WriteString(ref)
			req.Runtime = append(req.Runtime, input.Var{Name: ref, In: in, At: pos(j)})
		default:
			out.WriteString(ref)
			req.Undefined = append(req.Undefined, input.Var{Name: ref, In: in, At: pos(j)})
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
		def, ok = p.env[name]
	}
	if !ok {
		if p.runtime[name] {
			return "keep", false
		}
		return "", false
	}
	if depth >= maxDepth || p.left <= 0 {
		return "keep", false
	}
	p.left--
	return p.expandAt(req, def, pos, in, depth+1), true
}
