package curl

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// Options is what Parse needs from outside the command text.
type Options struct {
	// Dir is the folder of the request file; @file names are relative to it.
	Dir string
	// ReadFile reads a file named by @file; nil makes such a body an error.
	ReadFile func(path string) ([]byte, error)
	// Lookup resolves $VAR in the bash form; nil means nothing is set.
	Lookup func(name string) (string, bool)
}

// errNoCurl is returned when the text holds no curl call at all.
var errNoCurl = errors.New("no curl command found")

// Parse reads the curl commands in src, one Unit per request, in order: a
// command sends one request per URL, and --next starts a new set of
// options. It fails only when there is no curl command; a file the command
// names that cannot be read (a body, a header file) is a note on the unit,
// and the rest of the request is judged.
func Parse(src *input.Source, opt Options) ([]*input.Unit, error) {
	if src == nil {
		return nil, errNoCurl
	}
	cmds, err := commands(src.Data, opt.Lookup)
	if len(cmds) == 0 {
		if err != nil {
			return nil, err
		}
		return nil, errNoCurl
	}
	li := input.NewLineIndex(src)
	var units []*input.Unit
	for i, cl := range cmds {
		var notes []string
		var reqs []*input.Request
		for _, group := range splitNext(cl.args) {
			b := &builder{src: src, opt: opt, li: li, req: &input.Request{}, stdin: cl.stdin}
			reqs = append(reqs, b.build(group)...)
			notes = append(notes, b.notes...)
		}
		for j, req := range reqs {
			u := &input.Unit{Src: src, Request: req, Body: req.Body, Notes: notes}
			switch {
			case len(cmds) > 1 && len(reqs) > 1:
				u.Label = fmt.Sprintf("command %d request %d", i+1, j+1)
			case len(cmds) > 1:
				u.Label = fmt.Sprintf("command %d", i+1)
			case len(reqs) > 1:
				u.Label = fmt.Sprintf("request %d", j+1)
			}
			units = append(units, u)
		}
	}
	return units, nil
}

// splitNext cuts a command's arguments at --next (-:), after which curl
// starts over with no options for the URLs that follow.
func splitNext(args []word) [][]word {
	var groups [][]word
	start := 0
	for i, a := range args {
		if v := string(a.val); v == "--next" || v == "-:" {
			groups = append(groups, args[start:i])
			start = i + 1
		}
	}
	return append(groups, args[start:])
}

type form int

const (
	formBash form = iota
	formCmd
	formPowerShell
)

// detect tells the three shells apart by the marks only each of them uses
// to continue a line or escape a quote.
func detect(data []byte) form {
	if bytes.Contains(data, []byte(`^"`)) {
		return formCmd
	}
	// "{""Name"":""x""}" is a JSON body in Windows quoting, where "" is one
	// literal quote; in bash it would lose every quote, so it is never meant.
	if bytes.Contains(data, []byte(`"{""`)) || bytes.Contains(data, []byte(`"[{""`)) {
		return formCmd
	}
	for _, line := range lines.All(data) {
		line = bytes.TrimRight(line, " \t\r\n")
		switch {
		case bytes.HasSuffix(line, []byte("^")):
			return formCmd
		case bytes.HasSuffix(line, []byte("`")):
			return formPowerShell
		}
	}
	return formBash
}

// commands returns each curl call in data.
func commands(data []byte, lookup func(string) (string, bool)) ([]call, error) {
	switch detect(data) {
	case formCmd:
		return splitCommands(cmdWords(data)), nil
	case formPowerShell:
		return splitCommands(psWords(data)), nil
	}
	text := dropPrompts(data)
	cmds, err := bashCommands(text, nil, lookup)
	if hasSmartQuotes(data) && (err != nil || len(cmds) == 0 || smartQuoted(cmds)) {
		// Chat programs turn quotes into typographic ones; read them as
		// the plain quotes the author typed.
		fixed, orig := plainQuotes(text)
		if cmds2, err2 := bashCommands(fixed, orig, lookup); len(cmds2) > 0 && err2 == nil {
			return cmds2, nil
		}
	}
	if err != nil && len(cmds) == 0 && bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(data)), []byte("curl.exe")) {
		if cmds2 := splitCommands(psWords(data)); len(cmds2) > 0 {
			return cmds2, nil
		}
	}
	return cmds, err
}

// splitCommands cuts a word list at separators and keeps the curl calls.
func splitCommands(words []word) []call {
	var cmds []call
	start := 0
	for i := 0; i <= len(words); i++ {
		if i < len(words) && !words[i].sep {
			continue
		}
		cmd := words[start:i]
		start = i + 1
		for j, w := range cmd {
			if isCurlName(string(w.val)) {
				cmds = append(cmds, call{args: cmd[j+1:]})
				break
			}
			if j == 0 && string(w.val) != "sudo" && string(w.val) != "&" {
				break
			}
		}
	}
	return cmds
}

// dropPrompts blanks a leading "$ " prompt on a line that starts a curl
// command; blanking rather than cutting keeps every offset as it was.
func dropPrompts(data []byte) []byte {
	out := data
	blank := func(from, to int) {
		if out == nil || &out[0] == &data[0] {
			out = bytes.Clone(data)
		}
		for k := from; k < to; k++ {
			out[k] = ' '
		}
	}
	lineStart := 0
	continuing := false // the previous line was a prompted command ending in '\'
	for i := 0; i <= len(data); i++ {
		if i < len(data) && data[i] != '\n' {
			continue
		}
		line := data[lineStart:i]
		trimmed := bytes.TrimLeft(line, " \t")
		lead := len(line) - len(trimmed)
		switch {
		case continuing && bytes.HasPrefix(trimmed, []byte("> ")):
			// bash's PS2 prompt before each continued line of a pasted session
			blank(lineStart+lead, lineStart+lead+2)
		default:
			if k := promptEnd(trimmed); k > 0 {
				blank(lineStart+lead, lineStart+lead+k)
				continuing = true
			} else if !continuing {
				continuing = false
			}
		}
		tail := bytes.TrimRight(line, " \t\r")
		continuing = continuing && bytes.HasSuffix(tail, []byte("\\"))
		lineStart = i + 1
	}
	return out
}

// promptEnd returns the length of a shell prompt before a curl command on
// a pasted line ("$ ", "me@laptop ~ % ", "PS C:\> ", "root# "), or 0. The
// prompt must end in "$ ", "% ", "# " or "> " right before the curl word
// and hold no quote, so a quoted argument is never taken for one.
func promptEnd(line []byte) int {
	for _, m := range []string{"$ ", "% ", "# ", "> "} {
		for from := 0; ; {
			k := bytes.Index(line[from:], []byte(m))
			if k < 0 {
				break
			}
			end := from + k + len(m)
			if bytes.ContainsAny(line[:end], "'\"`") {
				break
			}
			if firstWordIsCurl(line[end:]) {
				return end
			}
			from = end
		}
	}
	return 0
}

func firstWordIsCurl(b []byte) bool {
	f := bytes.Fields(b)
	return len(f) > 0 && (isCurlName(string(f[0])) || string(f[0]) == "sudo" && len(f) > 1 && isCurlName(string(f[1])))
}

var smartQuotes = []string{"\u201c", "\u201d", "\u2018", "\u2019"}

func hasSmartQuotes(data []byte) bool {
	for _, q := range smartQuotes {
		if bytes.Contains(data, []byte(q)) {
			return true
		}
	}
	return false
}

// smartQuoted reports whether an argument starts or ends with a
// typographic quote, the sign that it was meant as a quote.
func smartQuoted(cmds []call) bool {
	for _, cmd := range cmds {
		for _, w := range cmd.args {
			for _, q := range smartQuotes {
				if bytes.HasPrefix(w.val, []byte(q)) || bytes.HasSuffix(w.val, []byte(q)) {
					return true
				}
			}
		}
	}
	return false
}

// plainQuotes replaces typographic quotes with ASCII ones and returns the
// map from the new text's offsets to the old.
func plainQuotes(data []byte) ([]byte, []int) {
	out := make([]byte, 0, len(data))
	orig := make([]int, 0, len(data)+1)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch r {
		case '\u201c', '\u201d':
			out = append(out, '"')
			orig = append(orig, i)
		case '\u2018', '\u2019':
			out = append(out, '\'')
			orig = append(orig, i)
		default:
			for k := 0; k < size; k++ {
				out = append(out, data[i+k])
				orig = append(orig, i+k)
			}
		}
		i += size
	}
	orig = append(orig, len(data))
	return out, orig
}

// Looks reports whether data looks like a curl command: some line, past an
// optional prompt, starts with the curl program.
func Looks(data []byte) bool {
	for _, line := range lines.All(data) {
		s := strings.TrimSpace(string(line))
		if strings.HasPrefix(s, "#") {
			continue
		}
		if k := promptEnd([]byte(s)); k > 0 {
			s = s[k:]
		}
		f := strings.Fields(s)
		if len(f) > 0 && f[0] == "sudo" {
			f = f[1:]
		}
		if len(f) > 1 && isCurlName(f[0]) {
			return true
		}
	}
	return false
}
