package curl

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/third_party/sh/syntax"
)

// call is one curl call: its arguments (the words after "curl") and what
// the shell hands it as standard input, when the text says.
type call struct {
	args  []word
	stdin *stdin
}

// stdin is the standard input of a curl call as written beside it: a here
// document, a here-string or echo's text (text), or a file redirected in
// with < or piped by cat (file, its name).
type stdin struct {
	text *word
	file *word
}

// bashCommands parses text as a bash script and returns every curl call in
// it. orig maps offsets of text back to the source when text was rewritten;
// nil means they are the same. The calls found before a syntax error are
// returned with the error.
func bashCommands(text []byte, orig []int, lookup func(string) (string, bool)) (cmds []call, err error) {
	c := &bashConv{text: text, orig: orig, lookup: lookup}
	var perr error
	defer func() {
		// The shell parser is third-party code fed arbitrary pastes; a
		// crash in it must not take the tool down with it.
		if r := recover(); r != nil {
			err = fmt.Errorf("parse shell command: %v", r)
		}
	}()
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	// The loop never breaks: the parser yields again after an error, which
	// a loop that broke off would answer with a panic.
	for st, e := range p.StmtsSeq(bytes.NewReader(text)) {
		if e != nil {
			if perr == nil {
				perr = e
			}
			continue
		}
		if perr != nil || st == nil {
			continue
		}
		piped := map[*syntax.Stmt]*stdin{}
		syntax.Walk(st, func(n syntax.Node) bool {
			switch x := n.(type) {
			case *syntax.BinaryCmd:
				if x.Op == syntax.Pipe {
					if in := c.pipedIn(x.X); in != nil {
						piped[x.Y] = in
					}
				}
				return true
			case *syntax.Stmt:
				ce, ok := x.Cmd.(*syntax.CallExpr)
				if !ok {
					return true
				}
				at := curlArg(ce.Args)
				if at < 0 {
					return true
				}
				cl := call{args: make([]word, 0, len(ce.Args)-at-1), stdin: piped[x]}
				for _, w := range ce.Args[at+1:] {
					cl.args = append(cl.args, c.word(w))
				}
				if in := c.redirected(x.Redirs); in != nil {
					cl.stdin = in
				}
				cmds = append(cmds, cl)
				return false
			}
			return true
		})
	}
	if perr != nil {
		return cmds, fmt.Errorf("parse shell command: %w", perr)
	}
	return cmds, nil
}

// redirected returns the standard input a statement's redirections give:
// the last <, << or <<< wins, as in the shell.
func (c *bashConv) redirected(rs []*syntax.Redirect) *stdin {
	var in *stdin
	for _, r := range rs {
		switch r.Op {
		case syntax.RdrIn:
			w := c.word(r.Word)
			in = &stdin{file: &w}
		case syntax.Hdoc, syntax.DashHdoc:
			if r.Hdoc == nil {
				continue
			}
			w := c.heredoc(r.Hdoc, quotedWord(r.Word))
			in = &stdin{text: &w}
		case syntax.WordHdoc:
			w := c.word(r.Word)
			w.add('\n', w.start) // a here-string ends with a newline
			in = &stdin{text: &w}
		}
	}
	return in
}

// pipedIn reads the command on the left of a pipe into curl when it only
// hands over text or a file: cat FILE, echo TEXT, printf TEXT.
func (c *bashConv) pipedIn(st *syntax.Stmt) *stdin {
	ce, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return nil
	}
	args := ce.Args[1:]
	switch ce.Args[0].Lit() {
	case "cat":
		if len(args) == 1 {
			w := c.word(args[0])
			return &stdin{file: &w}
		}
	case "echo", "printf":
		for len(args) > 1 && strings.HasPrefix(args[0].Lit(), "-") {
			args = args[1:]
		}
		if len(args) == 1 {
			w := c.word(args[0])
			return &stdin{text: &w}
		}
	}
	return nil
}

// quotedWord reports whether a here document's delimiter is quoted, which
// keeps its text from expansion.
func quotedWord(w *syntax.Word) bool {
	if w == nil {
		return false
	}
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		}
	}
	return w.Lit() != "" && strings.Contains(w.Lit(), "\\")
}

// heredoc copies a here document's text. Its backslashes stay as written,
// but for \$, \`, \\ and a line continuation where the delimiter is not
// quoted; expansions are resolved or recorded as in any word.
func (c *bashConv) heredoc(w *syntax.Word, quoted bool) word {
	out := word{start: c.off(int(w.Pos().Offset()))}
	for _, part := range w.Parts {
		l, ok := part.(*syntax.Lit)
		if !ok {
			c.parts(&out, []syntax.WordPart{part}, true)
			continue
		}
		base := int(l.ValuePos.Offset())
		v := l.Value
		for j := 0; j < len(v); j++ {
			if !quoted && v[j] == '\\' && j+1 < len(v) {
				switch v[j+1] {
				case '$', '`', '\\':
					out.add(v[j+1], c.off(base+j+1))
					j++
					continue
				case '\n':
					j++
					continue
				}
			}
			out.add(v[j], c.off(base+j))
		}
	}
	return out
}

// curlArg finds the curl program among a call's words, past wrappers such
// as sudo, time or env VAR=x; -1 when the call is not curl.
func curlArg(args []*syntax.Word) int {
	for i, w := range args {
		lit := w.Lit()
		if isCurlName(lit) {
			return i
		}
		switch {
		case lit == "sudo", lit == "time", lit == "env", lit == "command", lit == "exec",
			lit == "nohup", lit == "noglob", lit == "&":
		case strings.HasPrefix(lit, "-") && i > 0, strings.Contains(lit, "=") && i > 0:
		default:
			return -1
		}
	}
	return -1
}

// isCurlName reports whether a program name is curl, with or without a
// folder and PowerShell's ".exe".
func isCurlName(s string) bool {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.ToLower(s)
	return s == "curl" || s == "curl.exe"
}

type bashConv struct {
	text   []byte
	orig   []int
	lookup func(string) (string, bool)
}

// off maps an offset in the parsed text to the source.
func (c *bashConv) off(i int) int {
	if c.orig == nil {
		return i
	}
	if i < 0 {
		return 0
	}
	if i >= len(c.orig) {
		return c.orig[len(c.orig)-1]
	}
	return c.orig[i]
}

func (c *bashConv) word(w *syntax.Word) word {
	out := word{start: c.off(int(w.Pos().Offset()))}
	c.parts(&out, w.Parts, false)
	return out
}

func (c *bashConv) parts(out *word, parts []syntax.WordPart, quoted bool) {
	for _, part := range parts {
		switch x := part.(type) {
		case *syntax.Lit:
			c.lit(out, x, quoted)
		case *syntax.SglQuoted:
			base := int(x.Left.Offset()) + 1
			if x.Dollar {
				c.ansiC(out, x.Value, base+1)
				continue
			}
			for i := 0; i < len(x.Value); i++ {
				out.add(x.Value[i], c.off(base+i))
			}
		case *syntax.DblQuoted:
			c.parts(out, x.Parts, true)
		case *syntax.ParamExp:
			if x.Param != nil && !x.Excl && !x.Length && x.Exp == nil && x.Repl == nil &&
				x.Slice == nil && x.Index == nil && c.lookup != nil {
				if v, ok := c.lookup(x.Param.Value); ok {
					out.addString(v, c.off(int(x.Dollar.Offset())))
					continue
				}
			}
			c.unresolved(out, part)
		case *syntax.CmdSubst, *syntax.ArithmExp, *syntax.ProcSubst:
			c.unresolved(out, part)
		default:
			c.raw(out, part)
		}
	}
}

// unresolved keeps the text of an expansion as written and records it.
func (c *bashConv) unresolved(out *word, n syntax.Node) {
	a, b := c.span(n)
	out.vars = append(out.vars, wordVar{name: string(c.text[a:b]), off: c.off(a), idx: len(out.val)})
	c.raw(out, n)
}

func (c *bashConv) span(n syntax.Node) (int, int) {
	a, b := int(n.Pos().Offset()), int(n.End().Offset())
	if b > len(c.text) {
		b = len(c.text)
	}
	if a > b {
		a = b
	}
	return a, b
}

func (c *bashConv) raw(out *word, n syntax.Node) {
	a, b := c.span(n)
	for i := a; i < b; i++ {
		out.add(c.text[i], c.off(i))
	}
}

// lit copies a literal, undoing backslash escapes. The parser drops
// backslash-newline continuations from Value, so offsets come from walking
// the text alongside it.
func (c *bashConv) lit(out *word, l *syntax.Lit, quoted bool) {
	v := l.Value
	offs := make([]int, len(v))
	i := int(l.ValuePos.Offset())
	for j := 0; j < len(v); j++ {
		for i+1 < len(c.text) && c.text[i] == '\\' && c.text[i+1] == '\n' {
			i += 2
		}
		offs[j] = c.off(min(i, len(c.text)-1))
		i++
	}
	for j := 0; j < len(v); j++ {
		if v[j] == '\\' && j+1 < len(v) {
			n := v[j+1]
			if !quoted || n == '$' || n == '`' || n == '"' || n == '\\' {
				out.add(n, offs[j])
				j++
				continue
			}
		}
		out.add(v[j], offs[j])
	}
}

// ansiC expands the escapes of a $'...' string.
func (c *bashConv) ansiC(out *word, v string, base int) {
	for j := 0; j < len(v); j++ {
		off := c.off(base + j)
		if v[j] != '\\' || j+1 >= len(v) {
			out.add(v[j], off)
			continue
		}
		j++
		switch e := v[j]; e {
		case 'n':
			out.add('\n', off)
		case 't':
			out.add('\t', off)
		case 'r':
			out.add('\r', off)
		case 'a':
			out.add(7, off)
		case 'b':
			out.add(8, off)
		case 'e', 'E':
			out.add(27, off)
		case 'f':
			out.add('\f', off)
		case 'v':
			out.add('\v', off)
		case 'c':
			if j+1 < len(v) {
				j++
				out.add(v[j]&0x1f, off)
			}
		case 'x', 'u', 'U':
			limit := 2
			if e == 'u' {
				limit = 4
			} else if e == 'U' {
				limit = 8
			}
			k := j + 1
			for k < len(v) && k-j-1 < limit && isHex(v[k]) {
				k++
			}
			if k == j+1 {
				out.add('\\', off)
				out.add(e, off)
				continue
			}
			n, _ := strconv.ParseUint(v[j+1:k], 16, 32)
			if e == 'x' {
				out.add(byte(n), off)
			} else {
				out.addString(string(utf8.AppendRune(nil, rune(n))), off)
			}
			j = k - 1
		case '0', '1', '2', '3', '4', '5', '6', '7':
			k := j
			for k < len(v) && k-j < 3 && v[k] >= '0' && v[k] <= '7' {
				k++
			}
			n, _ := strconv.ParseUint(v[j:k], 8, 16)
			out.add(byte(n), off)
			j = k - 1
		default:
			// \\, \', \" and \? stand for the character itself; unknown
			// escapes keep their backslash, as bash does.
			if e != '\\' && e != '\'' && e != '"' && e != '?' {
				out.add('\\', off)
			}
			out.add(e, c.off(base+j))
		}
	}
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}
