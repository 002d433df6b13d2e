package source

import (
	"bytes"
	"strings"
)

type tokKind uint8

const (
	tString tokKind = iota + 1 // a string literal, or a bare value in a config file
	tWord                      // an identifier or keyword, or a bare key in a config file
	tPunct                     // an operator or punctuation
)

// token is one lexeme. For a string, text is its value with escapes
// decoded and each interpolation written ${expr}, offs the source offset of
// each byte of text, and exprs the interpolated expressions.
type token struct {
	kind     tokKind
	off, end int // source span, quotes included
	text     string
	offs     []int
	exprs    []string
	newline  bool // a line break comes before this token (config files: a new entry)
}

// scanner is the small tokenizer shared by every family: the family picks
// which comments, quotes and interpolations it knows.
type scanner struct {
	data    []byte
	fam     Family
	i       int
	toks    []token
	nl      bool
	pending []heredoc // started on this line, bodies follow the line break
}

type heredoc struct {
	delim   string
	interp  bool
	indent  bool // the closing delimiter may be indented
	startAt int  // offset of the "<<" for the token
}

// tokenize splits data into tokens for family fam. It never fails: what it
// cannot read (an unclosed string, a stray byte) ends at the end of the file
// or is passed over.
func tokenize(data []byte, fam Family) []token {
	s := &scanner{data: data, fam: fam}
	if fam == Config {
		s.config()
		return s.toks
	}
	for s.i < len(s.data) {
		s.step()
	}
	return s.toks
}

func (s *scanner) peek(k int) byte {
	if s.i+k < len(s.data) && s.i+k >= 0 {
		return s.data[s.i+k]
	}
	return 0
}

func (s *scanner) has(p string) bool { return bytes.HasPrefix(s.data[s.i:], []byte(p)) }

func (s *scanner) add(t token) {
	t.newline, s.nl = s.nl, false
	s.toks = append(s.toks, t)
}

// skipTo moves past the next occurrence of end (or to the end of data).
func (s *scanner) skipTo(end string) {
	j := bytes.Index(s.data[s.i:], []byte(end))
	if j < 0 {
		s.i = len(s.data)
		return
	}
	s.i += j + len(end)
}

func (s *scanner) lineComment() bool {
	switch s.fam {
	case CLike:
		return s.has("//")
	case PHP:
		return s.has("//") || s.data[s.i] == '#' && s.peek(1) != '['
	case Python, Ruby, Shell, PowerShell:
		if s.data[s.i] != '#' {
			return false
		}
		// In shell, '#' starts a comment only at the start of a word.
		return s.fam != Shell || s.i == 0 || isSpace(s.data[s.i-1]) || strings.IndexByte(";|&(", s.data[s.i-1]) >= 0
	}
	return false
}

func (s *scanner) step() {
	c := s.data[s.i]
	switch {
	case c == '\n':
		s.i++
		s.nl = true
		s.heredocBodies()
		return
	case isSpace(c):
		s.i++
		return
	case s.lineComment():
		for s.i < len(s.data) && s.data[s.i] != '\n' {
			s.i++
		}
		return
	case (s.fam == CLike || s.fam == PHP) && s.has("/*"):
		s.skipTo("*/")
		return
	case s.fam == PowerShell && s.has("<#"):
		s.skipTo("#>")
		return
	case s.fam == Ruby && s.has("=begin") && (s.i == 0 || s.data[s.i-1] == '\n'):
		s.skipTo("\n=end")
		return
	}
	if s.stringStart() {
		return
	}
	if isWordByte(c) {
		start := s.i
		for s.i < len(s.data) && isWordByte(s.data[s.i]) {
			s.i++
		}
		if s.fam == Shell && s.bareShellWord(start) {
			return
		}
		s.add(token{kind: tWord, off: start, end: s.i, text: string(s.data[start:s.i])})
		return
	}
	if s.fam == Shell && c == '/' && s.bareShellWord(s.i) {
		return
	}
	if s.fam == CLike && c == '/' && s.regexAllowed() {
		s.regex()
		return
	}
	for _, op := range []string{"=>", ":=", "->", "::", "..", "+="} {
		if s.has(op) {
			s.add(token{kind: tPunct, off: s.i, end: s.i + len(op), text: op})
			s.i += len(op)
			return
		}
	}
	s.add(token{kind: tPunct, off: s.i, end: s.i + 1, text: string(c)})
	s.i++
}

// bareShellWord reads an unquoted shell word that holds a URL or an API
// path as a string: curl https://api.getaptly.com/... is written so.
func (s *scanner) bareShellWord(start int) bool {
	j := start
	for j < len(s.data) && !isSpace(s.data[j]) && strings.IndexByte(";|&<>()\"'`", s.data[j]) < 0 {
		j++
	}
	w := s.data[start:j]
	if !bytes.Contains(w, []byte("://")) && !bytes.Contains(w, []byte("/api/")) {
		return false
	}
	sub := &scanner{data: s.data[:j], fam: Shell, i: start}
	s.add(sub.scanBody(start, "\x00\x00no-closer", true, interpShell))
	s.i = j
	return true
}

// regexAllowed reports whether a '/' here starts a JavaScript regular
// expression rather than a division: after an operator, an opening
// bracket, a comma or a keyword such as return.
func (s *scanner) regexAllowed() bool {
	if s.peek(1) == '/' || s.peek(1) == '*' {
		return false
	}
	if len(s.toks) == 0 {
		return true
	}
	last := s.toks[len(s.toks)-1]
	switch last.kind {
	case tString:
		return false
	case tWord:
		return last.text == "return" || last.text == "typeof" || last.text == "case"
	}
	return !strings.Contains(")]}", last.text)
}

func (s *scanner) regex() {
	s.i++
	inClass := false
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case '\\':
			s.i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '\n':
			return // not a regex after all
		case '/':
			if !inClass {
				s.i++
				return
			}
		}
		s.i++
	}
}

type interp uint8

const (
	interpNone   interp = iota
	interpDollar        // ${expr} (JS templates, Kotlin also $name)
	interpBrace         // {expr}, {{ for a brace (Python f-strings, C# $"")
	interpHash          // #{expr} (Ruby)
	interpShell         // $name, ${name}, $(cmd) (shell, PowerShell)
	interpPHP           // $name, {$expr}, ${name}
)

// stringStart reads a string literal if one starts here.
func (s *scanner) stringStart() bool {
	c := s.data[s.i]
	switch s.fam {
	case CLike:
		switch {
		case c == '`':
			// A JS template literal, or a Go raw string: both may span lines;
			// only JS reads ${...} inside.
			s.readQuoted("`", true, interpDollar)
			return true
		case c == '"' && s.has(`"""`):
			s.readQuoted(`"""`, true, interpDollar) // Java text block, Kotlin raw, C# raw
			return true
		case c == '"' || c == '\'':
			in := interpNone
			if c == '"' {
				in = interpDollar // Kotlin "$x"; JS and the rest have no "${" in plain strings worth telling apart
			}
			s.readQuoted(string(c), true, in)
			return true
		case (c == '$' || c == '@') && (s.peek(1) == '"' || (s.peek(1) == '@' || s.peek(1) == '$') && s.peek(2) == '"'):
			// C#: $"...{x}...", @"verbatim", $@"..." and @$"...".
			n := 1
			if s.peek(1) != '"' {
				n = 2
			}
			pre := string(s.data[s.i : s.i+n])
			start := s.i
			s.i += n
			in := interpNone
			if strings.Contains(pre, "$") {
				in = interpBrace
			}
			t := s.scan(start, `"`, !strings.Contains(pre, "@"), in)
			s.add(t)
			return true
		}
	case Python:
		start := s.i
		j := s.i
		for j < len(s.data) && j-start < 3 && strings.IndexByte("rRbBfFuU", s.data[j]) >= 0 {
			j++
		}
		if j < len(s.data) && (s.data[j] == '"' || s.data[j] == '\'') && (j == start || start == 0 || !isWordByte(s.data[start-1])) {
			pre := strings.ToLower(string(s.data[start:j]))
			q := string(s.data[j])
			if bytes.HasPrefix(s.data[j:], []byte(q+q+q)) {
				q = q + q + q
			}
			in := interpNone
			if strings.Contains(pre, "f") {
				in = interpBrace
			}
			s.i = j
			t := s.scan(start, q, !strings.Contains(pre, "r"), in)
			s.add(t)
			return true
		}
	case Ruby:
		switch {
		case c == '"' || c == '`':
			s.readQuoted(string(c), true, interpHash)
			return true
		case c == '\'':
			s.readQuoted("'", true, interpNone)
			return true
		case c == '%' && strings.IndexByte("qQ", s.peek(1)) >= 0 && strings.IndexByte("([{<|!/", s.peek(2)) >= 0:
			start := s.i
			open := s.peek(2)
			closer := map[byte]string{'(': ")", '[': "]", '{': "}", '<': ">"}[open]
			if closer == "" {
				closer = string(open)
			}
			in := interpNone
			if s.peek(1) == 'Q' {
				in = interpHash
			}
			s.i += 3
			t := s.scanBody(start, closer, true, in)
			s.add(t)
			return true
		case s.has("<<") && s.heredocStart(2, true):
			return true
		}
	case Shell:
		switch {
		case c == '\'':
			s.readQuoted("'", false, interpNone)
			return true
		case c == '"':
			s.readQuoted(`"`, true, interpShell)
			return true
		case c == '$' && s.peek(1) == '\'':
			start := s.i
			s.i++
			t := s.scan(start, "'", true, interpNone)
			s.add(t)
			return true
		case s.has("<<") && !s.has("<<<") && s.heredocStart(2, false):
			return true
		}
	case PowerShell:
		switch {
		case s.has("@\"\n") || s.has("@\"\r\n"):
			s.hereString(`"@`, interpShell)
			return true
		case s.has("@'\n") || s.has("@'\r\n"):
			s.hereString(`'@`, interpNone)
			return true
		case c == '\'':
			s.readQuoted("'", false, interpNone)
			return true
		case c == '"':
			s.readQuoted(`"`, true, interpShell)
			return true
		}
	case PHP:
		switch {
		case c == '\'':
			s.readQuoted("'", true, interpNone)
			return true
		case c == '"':
			s.readQuoted(`"`, true, interpPHP)
			return true
		case c == '`':
			s.readQuoted("`", true, interpPHP)
			return true
		case s.has("<<<") && s.heredocStart(3, false):
			return true
		}
	}
	return false
}

// readQuoted reads a string whose opening quote is here and adds it.
func (s *scanner) readQuoted(quote string, escapes bool, in interp) {
	s.add(s.scan(s.i, quote, escapes, in))
}

// scan reads a string from its opening quote at s.i up to and past the
// closing one; start is where the literal (prefix included) began.
func (s *scanner) scan(start int, quote string, escapes bool, in interp) token {
	s.i += len(quote)
	return s.scanBody(start, quote, escapes, in)
}

func (s *scanner) scanBody(start int, closer string, escapes bool, in interp) token {
	t := token{kind: tString, off: start}
	var b strings.Builder
	emit := func(c byte, at int) {
		b.WriteByte(c)
		t.offs = append(t.offs, at)
	}
	// Only C-like and Python strings in one quote end with their line.
	single := (closer == `"` || closer == "'") && (s.fam == CLike || s.fam == Python) && escapes
	for s.i < len(s.data) {
		c := s.data[s.i]
		if s.has(closer) {
			// Verbatim strings double their quote to write one.
			if s.fam == PowerShell && closer == "'" && s.peek(1) == '\'' || s.fam == CLike && !escapes && closer == `"` && s.peek(1) == '"' {
				emit(c, s.i)
				s.i += 2
				continue
			}
			s.i += len(closer)
			break
		}
		if c == '\n' && single {
			break // an unclosed one-line string ends with its line
		}
		if c == '\\' && escapes && s.i+1 < len(s.data) {
			at := s.i
			s.i++
			d := s.data[s.i]
			switch d {
			case 'n':
				d = '\n'
			case 't':
				d = '\t'
			case 'r':
				d = '\r'
			case '\n':
				s.i++
				continue // a line continuation
			}
			emit(d, at)
			s.i++
			continue
		}
		if c == '`' && s.fam == PowerShell && s.i+1 < len(s.data) && closer == `"` {
			emit(s.data[s.i+1], s.i)
			s.i += 2
			continue
		}
		if in != interpNone {
			if n, expr, ok := s.interpolation(in); ok {
				at := s.i
				for _, c := range []byte("${" + expr + "}") {
					emit(c, at)
				}
				t.exprs = append(t.exprs, expr)
				s.i += n
				continue
			}
			if in == interpBrace && (s.has("{{") || s.has("}}")) {
				emit(c, s.i)
				s.i += 2
				continue
			}
		}
		emit(c, s.i)
		s.i++
	}
	t.end = s.i
	t.text = b.String()
	return t
}

// interpolation reads an interpolated expression starting here and returns
// its length in the source and its text.
func (s *scanner) interpolation(in interp) (n int, expr string, ok bool) {
	d := s.data[s.i:]
	switch in {
	case interpDollar:
		if bytes.HasPrefix(d, []byte("${")) {
			return s.braced(2, '{', '}')
		}
		if s.fam == CLike && len(d) > 1 && d[0] == '$' && isIdentStart(d[1]) {
			return s.ident(1)
		}
	case interpBrace:
		if len(d) > 1 && d[0] == '{' && d[1] != '{' {
			return s.braced(1, '{', '}')
		}
	case interpHash:
		if bytes.HasPrefix(d, []byte("#{")) {
			return s.braced(2, '{', '}')
		}
	case interpShell:
		switch {
		case bytes.HasPrefix(d, []byte("${")):
			return s.braced(2, '{', '}')
		case bytes.HasPrefix(d, []byte("$(")):
			return s.braced(2, '(', ')')
		case len(d) > 1 && d[0] == '$' && isIdentStart(d[1]):
			n, expr, ok := s.ident(1)
			if ok && s.fam == PowerShell && n < len(d) && d[n] == ':' && strings.EqualFold(expr, "env") {
				m, name, _ := s.identAt(n + 1)
				return m, "env:" + name, true
			}
			return n, expr, ok
		}
	case interpPHP:
		switch {
		case bytes.HasPrefix(d, []byte("{$")):
			n, expr, ok := s.braced(1, '{', '}')
			return n, expr, ok
		case bytes.HasPrefix(d, []byte("${")):
			return s.braced(2, '{', '}')
		case len(d) > 1 && d[0] == '$' && isIdentStart(d[1]):
			n, expr, ok := s.ident(1)
			// $obj->prop and $arr['key'] are part of the variable.
			for n < len(d) {
				switch {
				case bytes.HasPrefix(d[n:], []byte("->")) && n+2 < len(d) && isIdentStart(d[n+2]):
					m, _, _ := s.identAt(n + 2)
					n = m
				case d[n] == '[':
					e := bytes.IndexByte(d[n:], ']')
					if e < 0 || bytes.IndexByte(d[n:n+e], '\n') >= 0 {
						return n, string(d[1:n]), ok
					}
					n += e + 1
				default:
					return n, string(d[1:n]), ok
				}
			}
			return n, expr, ok
		}
	}
	// printf-style verbs in a URL ("…/aptlet/%s") are filled in at run time.
	if len(d) > 1 && d[0] == '%' && strings.IndexByte("sdv", d[1]) >= 0 && (len(d) == 2 || !isHex(d[2]) || d[1] == 's' || d[1] == 'v') {
		return 2, "%" + string(d[1]), true
	}
	return 0, "", false
}

// braced reads from an opening of length open to its matching closer.
func (s *scanner) braced(open int, o, c byte) (int, string, bool) {
	d := s.data[s.i:]
	depth := 1
	for j := open; j < len(d); j++ {
		switch d[j] {
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return j + 1, cleanExpr(string(d[open:j])), true
			}
		}
		if j-open > 500 {
			return 0, "", false // no expression is this long: an unclosed brace
		}
	}
	return 0, "", false
}

func (s *scanner) ident(from int) (int, string, bool) { return s.identAt(from) }

func (s *scanner) identAt(from int) (int, string, bool) {
	d := s.data[s.i:]
	j := from
	for j < len(d) && isIdentByte(d[j]) {
		j++
	}
	return j, string(d[from:j]), j > from
}

// cleanExpr is an expression as a unit shows it: one line, short.
func cleanExpr(e string) string {
	e = strings.Join(strings.Fields(e), " ")
	e = strings.TrimPrefix(e, "$")
	if len(e) > 60 {
		e = e[:60]
	}
	return strings.Map(func(r rune) rune {
		if r == '{' || r == '}' {
			return '_'
		}
		return r
	}, e)
}

// heredocStart reads "<<DELIM" (shell and Ruby: also <<- and <<~, quoted
// delimiters; PHP: <<<ID and <<<'ID') and queues its body, which starts on
// the next line.
func (s *scanner) heredocStart(n int, ruby bool) bool {
	j := s.i + n
	indent := false
	if j < len(s.data) && (s.data[j] == '-' || s.data[j] == '~') {
		indent = true
		j++
	}
	if s.fam == PHP {
		indent = true
	}
	for j < len(s.data) && (s.data[j] == ' ') && s.fam != Ruby {
		j++
	}
	interp := true
	q := byte(0)
	if j < len(s.data) && (s.data[j] == '\'' || s.data[j] == '"') {
		q = s.data[j]
		interp = q == '"'
		j++
	}
	k := j
	for k < len(s.data) && isIdentByte(s.data[k]) {
		k++
	}
	if k == j || ruby && q == 0 && !isUpperIdent(s.data[j:k]) {
		return false
	}
	delim := string(s.data[j:k])
	if q != 0 {
		if k >= len(s.data) || s.data[k] != q {
			return false
		}
		k++
	}
	s.pending = append(s.pending, heredoc{delim: delim, interp: interp, indent: indent, startAt: s.i})
	s.add(token{kind: tPunct, off: s.i, end: k, text: "<<"})
	s.i = k
	return true
}

// heredocBodies reads the bodies queued on the line just ended.
func (s *scanner) heredocBodies() {
	for len(s.pending) > 0 {
		h := s.pending[0]
		s.pending = s.pending[1:]
		in := interpNone
		if h.interp {
			switch s.fam {
			case Ruby:
				in = interpHash
			case PHP:
				in = interpPHP
			default:
				in = interpShell
			}
		}
		start := s.i
		// Find the closing line first, then scan the body before it.
		end, after := len(s.data), len(s.data)
		for j := s.i; j < len(s.data); {
			e := bytes.IndexByte(s.data[j:], '\n')
			line := s.data[j:]
			if e >= 0 {
				line = s.data[j : j+e]
			}
			t := bytes.TrimRight(line, "\r")
			if h.indent {
				t = bytes.TrimLeft(t, " \t")
			}
			if bytes.HasPrefix(t, []byte(h.delim)) && (len(t) == len(h.delim) || s.fam == PHP && !isIdentByte(t[len(h.delim)])) {
				end, after = j, j+len(line)
				break
			}
			if e < 0 {
				break
			}
			j += e + 1
		}
		if end == len(s.data) {
			continue // never closed: not a here document after all
		}
		sub := &scanner{data: s.data[:end], fam: s.fam, i: start}
		t := sub.scanBody(start, "\x00\x00no-closer", in != interpNone || s.fam == Ruby || s.fam == PHP, in)
		t.off = start
		s.add(t)
		s.i = after
	}
}

// hereString reads a PowerShell here-string: @" or @' to a line starting
// with "@ or '@.
func (s *scanner) hereString(closer string, in interp) {
	start := s.i
	s.i += 2
	j := bytes.Index(s.data[s.i:], []byte("\n"+closer))
	if j < 0 {
		s.add(token{kind: tPunct, off: start, end: start + 2, text: "@"})
		s.i = start + 2 // never closed: not a here-string after all
		return
	}
	end := s.i + j
	sub := &scanner{data: s.data[:end], fam: s.fam, i: s.i}
	t := sub.scanBody(start, "\x00\x00no-closer", in != interpNone, in)
	s.add(t)
	s.i = min(len(s.data), end+1+len(closer))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isIdentByte(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isUpperIdent(b []byte) bool {
	for _, c := range b {
		if c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
