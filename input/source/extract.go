package source

import (
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Options say what else decides whether a URL is an Aptly call.
type Options struct {
	// Hosts are more hosts that stand for Aptly (the config's base_url
	// hosts), as aptly.Aim takes them.
	Hosts []string
}

// Parse finds the Aptly calls in src, written in family fam: one unit per
// Aptly URL literal (joined with what it is concatenated with), per
// x-token value, per board ID assigned to a board-ID name. A file that
// does not mention Aptly yields nothing and is not tokenized.
func Parse(src *input.Source, fam Family, opt Options) []*input.Unit {
	if fam == None || !Mentions(src.Data) {
		return nil
	}
	toks := tokenize(src.Data, fam)
	x := &extractor{src: src, toks: toks, fam: fam, li: input.NewLineIndex(src), aim: aptly.Aim{Hosts: opt.Hosts}}
	x.run()
	var secrets []string
	for _, u := range x.units {
		if u.Request == nil {
			continue
		}
		for _, h := range u.Request.Headers {
			if len(h.Value) >= secret.MinLen && !secret.IsStandIn(h.Value) {
				secrets = append(secrets, h.Value)
			}
		}
		if v, ok := queryToken(u.Request.URL); ok && len(v) >= secret.MinLen && !secret.IsStandIn(v) {
			secrets = append(secrets, v)
		}
	}
	for _, u := range x.units {
		u.Secrets = secrets
	}
	return x.units
}

type extractor struct {
	src   *input.Source
	toks  []token
	fam   Family
	li    *input.LineIndex
	aim   aptly.Aim
	units []*input.Unit
	// consts are the names the file assigns one string literal to
	// (API_KEY = "..."), nil for a name assigned more than once.
	consts map[string]*token
}

func (x *extractor) pos(off int) input.Pos { return x.li.Pos(off) }

// collectConsts records the names assigned a plain string literal, so a
// key kept in a constant and sent by name is still found where it is
// written.
func (x *extractor) collectConsts() {
	x.consts = map[string]*token{}
	for i := 0; i+2 < len(x.toks); i++ {
		n, op, v := &x.toks[i], &x.toks[i+1], &x.toks[i+2]
		if n.kind != tWord || op.kind != tPunct || v.kind != tString || len(v.exprs) > 0 || len(v.offs) != len(v.text) || v.text == "" {
			continue
		}
		if op.text != "=" && op.text != ":=" && op.text != ":" {
			continue
		}
		name := strings.TrimPrefix(n.text, "$")
		if prev, seen := x.consts[name]; seen && (prev == nil || prev.text != v.text) {
			x.consts[name] = nil
			continue
		}
		x.consts[name] = v
	}
}

// constant returns the literal an expression names, when the file assigns
// that name one literal: KEY, self.KEY, this.key, $key.
func (x *extractor) constant(expr string) *token {
	e := strings.TrimPrefix(strings.TrimSpace(expr), "$")
	for _, p := range []string{"self.", "this.", "static::", "self::", "this->"} {
		e = strings.TrimPrefix(e, p)
	}
	if e == "" || strings.ContainsAny(e, " .()[]->:") {
		return nil
	}
	return x.consts[e]
}

func (x *extractor) run() {
	x.collectConsts()
	for i := 0; i < len(x.toks); i++ {
		t := &x.toks[i]
		if (t.kind == tString || t.kind == tWord) && isKeyName(t.text) {
			if v, ok := x.valueAfter(i); ok {
				x.header(t.text, &x.toks[v])
				i = v
				continue
			}
			if v, ok := x.nameAfter(i); ok {
				if c := x.constant(string(x.src.Data[x.toks[v].off:x.toks[v].end])); c != nil {
					x.header(t.text, c) // the key, where the constant is written
				}
				i = v
				continue
			}
		}
		if (t.kind == tString || t.kind == tWord) && boardName.Get().MatchString(strings.TrimPrefix(t.text, "$")) {
			if v, ok := x.valueAfter(i); ok && boardShape.Get().MatchString(x.toks[v].text) && len(x.toks[v].exprs) == 0 {
				v := &x.toks[v]
				x.units = append(x.units, &input.Unit{Src: x.src, BoardID: &input.Literal{Value: v.text, At: x.pos(v.offs[0]), Name: t.text}})
				continue
			}
		}
		if t.kind != tString {
			continue
		}
		if name, val, ok := strings.Cut(t.text, ":"); ok && isKeyName(strings.TrimSpace(name)) && !strings.Contains(val, "//") {
			// "x-token: KEY", a header line (PHP's CURLOPT_HTTPHEADER).
			k := len(name) + 1
			for k < len(t.text) && t.text[k] == ' ' {
				k++
			}
			if k < len(t.text) {
				x.header(strings.TrimSpace(name), &token{kind: tString, text: t.text[k:], offs: t.offs[k:], exprs: t.exprs})
			}
			continue
		}
		if mentionsAptly(t.text) {
			i = x.url(i)
		}
	}
}

// valueAfter finds the string value a name is given: name: "v", name = "v",
// 'name' => 'v', ("name", "v"), ["name"] = "v".
func (x *extractor) valueAfter(i int) (int, bool) {
	j := i + 1
	if j < len(x.toks) && (x.toks[j].text == "]" || x.toks[j].text == `"` || x.toks[j].text == "'") && x.toks[j].kind == tPunct {
		j++
	}
	if j+1 >= len(x.toks) || x.toks[j].kind != tPunct {
		return 0, false
	}
	switch x.toks[j].text {
	case ":", "=", "=>", ",", ":=":
	default:
		return 0, false
	}
	if v := x.toks[j+1]; v.kind == tString && len(v.offs) == len(v.text) {
		return j + 1, true
	}
	return 0, false
}

// nameAfter is valueAfter for a value that is a name (x-token: API_KEY).
func (x *extractor) nameAfter(i int) (int, bool) {
	j := i + 1
	if j < len(x.toks) && x.toks[j].kind == tPunct && x.toks[j].text == "]" {
		j++
	}
	if j+1 >= len(x.toks) || x.toks[j].kind != tPunct || x.toks[j+1].kind != tWord {
		return 0, false
	}
	switch x.toks[j].text {
	case ":", "=", "=>", ",", ":=":
		return j + 1, true
	}
	return 0, false
}

func (x *extractor) header(name string, v *token) {
	req := &input.Request{Partial: true}
	start := min(v.off+1, len(x.src.Data)) // an empty literal: just inside its quote
	if len(v.offs) > 0 {
		start = v.offs[0]
	}
	at := x.pos(start)
	req.Headers = []input.Header{{Name: name, Value: v.text, At: at}}
	req.URLAt = at
	for _, e := range v.exprs {
		req.Runtime = append(req.Runtime, input.Var{Name: "${" + e + "}", In: "header " + name, At: at})
	}
	x.units = append(x.units, &input.Unit{Src: x.src, Request: req})
}

// url builds the URL that starts in string token i, joined with what it is
// concatenated with, and adds its unit when it is an Aptly call. It returns
// the index of the last token used.
func (x *extractor) url(i int) int {
	t := x.toks[i]
	text, offs := t.text, t.offs
	exprs := append([]string(nil), t.exprs...)
	last := i
	// Concatenation: "…" + expr + "…" (PHP: .), and adjacent literals.
	concat := "+"
	if x.fam == PHP {
		concat = "."
	}
	for j := i + 1; j < len(x.toks); {
		op := x.toks[j]
		k := j
		if op.kind == tPunct && op.text == concat {
			k = j + 1
		} else if op.kind != tString || x.fam == Config {
			break
		}
		if k >= len(x.toks) {
			break
		}
		n := x.toks[k]
		if n.kind == tString {
			text += n.text
			offs = append(offs[:len(offs):len(offs)], n.offs...)
			exprs = append(exprs, n.exprs...)
			last, j = k, k+1
			continue
		}
		if n.kind != tWord || k == j {
			break
		}
		end := x.operand(k)
		expr := cleanExpr(string(x.src.Data[n.off:x.toks[end].end]))
		piece := "${" + expr + "}"
		text += piece
		for range piece {
			offs = append(offs, n.off)
		}
		exprs = append(exprs, expr)
		last, j = end, end+1
	}
	text, offs, exprs = x.resolveKey(text, offs, exprs)
	start, end := urlBounds(text)
	if start < 0 || len(offs) < len(text) {
		return last
	}
	u := text[start:end]
	uoffs := offs[start:end]
	if strings.HasPrefix(u, "/") {
		// A path whose host the code adds elsewhere.
		u = "${base}" + u
		pre := make([]int, len("${base}"))
		for k := range pre {
			pre[k] = uoffs[0]
		}
		uoffs = append(pre, uoffs...)
		exprs = append(exprs, "base")
	}
	ep, err := aptly.ParseEndpoint(u)
	if err != nil || !(strings.HasPrefix(ep.Path, "/api/") || ep.Path == "/api") {
		return last
	}
	if ep.BoardIDStart < 0 && strings.HasSuffix(u, "/") {
		return last // a prefix ("…/api/aptlet/") the code completes where the doctor cannot follow
	}
	// The file mentions Aptly (that is why it is read), so a card path
	// counts as if the key went with it.
	if ok, _ := x.aim.AimedAt("", u, true); !ok && !strings.HasPrefix(u, "${") {
		return last
	}
	req := &input.Request{Partial: true, URL: u, URLAt: x.pos(uoffs[0])}
	req.URLPositions = make([]input.Pos, len(uoffs))
	for k, o := range uoffs {
		req.URLPositions[k] = x.pos(o)
	}
	for _, e := range exprs {
		if strings.Contains(u, "${"+e+"}") {
			req.Runtime = append(req.Runtime, input.Var{Name: "${" + e + "}", In: "url", At: req.URLAt})
		}
	}
	x.units = append(x.units, &input.Unit{Src: x.src, Request: req})
	return last
}

// resolveKey writes the literal in place of "x-token=${NAME}" when the file
// assigns NAME one literal: the key is then judged, and pointed at, where
// it is written.
func (x *extractor) resolveKey(text string, offs []int, exprs []string) (string, []int, []string) {
	l := prose.LowerASCII(text)
	k := strings.Index(l, "x-token=${")
	if k < 0 {
		return text, offs, exprs
	}
	from := k + len("x-token=")
	end := strings.IndexByte(text[from:], '}')
	if end < 0 {
		return text, offs, exprs
	}
	end += from + 1
	name := text[from+2 : end-1]
	c := x.constant(name)
	if c == nil {
		return text, offs, exprs
	}
	nt := text[:from] + c.text + text[end:]
	no := append(append(append([]int(nil), offs[:from]...), c.offs...), offs[end:]...)
	var ne []string
	for _, e := range exprs {
		if e != name {
			ne = append(ne, e)
		}
	}
	return nt, no, ne
}

// operand returns the last token of the expression starting at word token
// k: a name with member access, calls and indexes (config.boardId,
// encodeURIComponent(id), $this->key, opts["id"]).
func (x *extractor) operand(k int) int {
	end := k
	for end+1 < len(x.toks) {
		n := x.toks[end+1]
		switch {
		case n.kind == tPunct && (n.text == "(" || n.text == "["):
			close := map[string]string{"(": ")", "[": "]"}[n.text]
			depth := 0
			m := end + 1
		scan:
			for ; m < len(x.toks) && m-end < 200; m++ {
				if x.toks[m].kind != tPunct {
					continue
				}
				switch x.toks[m].text {
				case n.text:
					depth++
				case close:
					depth--
					if depth == 0 {
						break scan
					}
				}
			}
			if m >= len(x.toks) || depth != 0 {
				return end
			}
			end = m
		case n.kind == tPunct && (n.text == "." && x.fam != PHP || n.text == "->" || n.text == "::" || n.text == "?"):
			if end+2 < len(x.toks) && x.toks[end+2].kind == tWord {
				end += 2
				continue
			}
			if n.text == "?" && end+3 < len(x.toks) && x.toks[end+2].text == "." && x.toks[end+3].kind == tWord {
				end += 3
				continue
			}
			return end
		default:
			return end
		}
	}
	return end
}

// urlBounds finds the URL a string holds: the whole string (trailing space
// aside), starting with a scheme, a host, an expression (the base URL) or
// an API path. A string with words around the URL is prose ("posting to
// https://... failed"), which names a URL but does not call it.
func urlBounds(text string) (int, int) {
	lower := prose.LowerASCII(text)
	start := -1
	switch {
	case strings.HasPrefix(text, "${"):
		start = 0
	default:
		for _, m := range []string{"https://", "http://", "/api/aptlet/", "/api/board/"} {
			if k := strings.Index(lower, m); k >= 0 && (start < 0 || k < start) {
				start = k
			}
		}
		if k := strings.Index(lower, "getaptly.com"); start < 0 && k >= 0 {
			// A URL without its scheme: from the start of its host.
			start = strings.LastIndexAny(text[:k], " \t\"'=(") + 1
		}
	}
	if start < 0 || strings.TrimSpace(text[:start]) != "" {
		// None, or one inside prose ("posting to https://..."): a log line
		// or a message names a URL, it does not call it.
		return -1, -1
	}
	end := len(text)
	if k := strings.IndexAny(text[start:], " \t\r\n"); k >= 0 {
		if strings.TrimSpace(text[start+k:]) != "" {
			return -1, -1 // words after the URL: prose that names it
		}
		end = start + k
	}
	return start, end
}

// mentionsAptly is Mentions for one literal.
func mentionsAptly(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "getaptly.com") || strings.Contains(l, "/api/aptlet/") || strings.Contains(l, "/api/board/")
}

// isKeyName reports the names of the key header as code writes them:
// x-token, and its misspellings of the same family (x_token, xtoken).
func isKeyName(s string) bool {
	l := strings.ToLower(s)
	return l == secret.KeyHeader || strings.HasPrefix(l, "x") && strings.Contains(l, "token") && secret.IsMisspeltKeyName(l)
}

var (
	// boardName matches the names code gives a board ID: BOARD_ID,
	// boardId, leadsBoardId, APTLY_BOARD, board_uuid.
	boardName = lazyre.New(`(?i)(^|[_-]|[a-z])board([_-]?(id|uuid))?$|^board$`)
	// boardShape is what a board ID looks like: one word of letters,
	// digits, '-' and '_'.
	boardShape = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9_-]{5,63}$`)
)

// queryToken returns the ?x-token= value of a URL.
func queryToken(u string) (string, bool) {
	q := strings.IndexByte(u, '?')
	if q < 0 {
		return "", false
	}
	for _, part := range strings.Split(u[q+1:], "&") {
		if name, val, ok := strings.Cut(part, "="); ok && strings.EqualFold(name, "x-token") {
			return val, true
		}
	}
	return "", false
}

// Keys lists the keys a source file writes literally (header values and
// ?x-token= values, constants resolved), read as each family would read it:
// redact masks them without knowing the file's language.
func Keys(data []byte) []string {
	if !Mentions(data) {
		return nil
	}
	var out []string
	for fam := CLike; fam <= Config; fam++ {
		for _, u := range Parse(&input.Source{Path: "-", Data: data}, fam, Options{}) {
			for _, s := range u.Secrets {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}
