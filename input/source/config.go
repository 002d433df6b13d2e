package source

import (
	"bytes"
)

// config tokenizes a YAML, .env, TOML, INI or properties file line by line:
// a key, its separator and its value. A value is a string token whatever it
// holds, quoted or bare, so a URL or a key written without quotes is found
// too. The lines of a YAML block scalar (run: |) are read as shell.
func (s *scanner) config() {
	blockIndent := -1 // inside a block scalar: the indent of its key
	for s.i < len(s.data) {
		lineStart := s.i
		e := bytes.IndexByte(s.data[s.i:], '\n')
		lineEnd := len(s.data)
		if e >= 0 {
			lineEnd = s.i + e
		}
		line := s.data[lineStart:lineEnd]
		s.i = min(len(s.data), lineEnd+1)
		indent := 0
		for indent < len(line) && (line[indent] == ' ' || line[indent] == '\t') {
			indent++
		}
		body := bytes.TrimRight(line[indent:], " \t\r")
		if blockIndent >= 0 {
			if len(body) == 0 || indent > blockIndent {
				sub := &scanner{data: s.data[:lineStart+indent+len(body)], fam: Shell, i: lineStart + indent, nl: true}
				for sub.i < len(sub.data) {
					sub.step()
				}
				s.toks = append(s.toks, sub.toks...)
				continue
			}
			blockIndent = -1
		}
		if len(body) == 0 || body[0] == '#' || body[0] == ';' || body[0] == '!' || body[0] == '[' {
			continue // blank, comment, or an INI/TOML section header
		}
		for bytes.HasPrefix(body, []byte("- ")) {
			body = bytes.TrimLeft(body[2:], " ")
		}
		body = bytes.TrimPrefix(body, []byte("export "))
		at := lineStart + len(bytes.TrimRight(line, " \t\r")) - len(body)
		sep := -1
		for j := 0; j < len(body); j++ {
			c := body[j]
			if c == '=' || c == ':' && (j+1 == len(body) || body[j+1] == ' ' || body[j+1] == '\t') {
				sep = j
				break
			}
			if c == '"' || c == '\'' {
				if k := bytes.IndexByte(body[j+1:], c); k >= 0 {
					j += k + 1
				}
			}
		}
		if sep < 0 {
			s.configValue(at, at+len(body), true)
			continue
		}
		key := bytes.TrimSpace(body[:sep])
		s.nl = true
		if len(key) >= 2 && (key[0] == '"' || key[0] == '\'') && key[len(key)-1] == key[0] {
			k := at + bytes.Index(body, key)
			s.add(token{kind: tString, off: k, end: k + len(key), text: string(key[1 : len(key)-1]), offs: seq(k+1, len(key)-2)})
		} else {
			k := at + bytes.Index(body, key)
			s.add(token{kind: tWord, off: k, end: k + len(key), text: string(key)})
		}
		sepText := string(body[sep])
		if sep+1 < len(body) && body[sep] == '=' && body[sep+1] == '>' {
			sepText = "=>"
		}
		s.add(token{kind: tPunct, off: at + sep, end: at + sep + 1, text: sepText})
		vs := at + sep + len(sepText)
		ve := at + len(body)
		for vs < ve && (s.data[vs] == ' ' || s.data[vs] == '\t') {
			vs++
		}
		if vs < ve && (s.data[vs] == '|' || s.data[vs] == '>') && bytes.IndexByte(bytes.TrimSpace(s.data[vs+1:ve]), ' ') < 0 {
			blockIndent = indent
			continue
		}
		if vs < ve {
			s.configValue(vs, ve, false)
		}
	}
}

// configValue adds the value in data[vs:ve]: a quoted string, a flow
// sequence's items, or a bare value up to a " #" comment.
func (s *scanner) configValue(vs, ve int, bare bool) {
	d := s.data[:ve]
	switch d[vs] {
	case '"':
		sub := &scanner{data: d, fam: Python, i: vs}
		s.add(sub.scan(vs, `"`, true, interpShell))
		return
	case '\'':
		sub := &scanner{data: d, fam: PowerShell, i: vs}
		s.add(sub.scan(vs, "'", false, interpNone))
		return
	case '[', '{':
		// A flow collection: its items, each a value of its own.
		sub := &scanner{data: d, fam: CLike, i: vs + 1}
		for sub.i < ve {
			sub.step()
		}
		s.toks = append(s.toks, sub.toks...)
		return
	}
	if c := bytes.Index(d[vs:ve], []byte(" #")); c >= 0 {
		ve = vs + c
	}
	for ve > vs && (d[ve-1] == ' ' || d[ve-1] == '\t') {
		ve--
	}
	if bare && !bytes.Contains(d[vs:ve], []byte("://")) && !bytes.Contains(d[vs:ve], []byte("/api/")) {
		return // prose, not a value
	}
	sub := &scanner{data: d[:ve], fam: Shell, i: vs}
	t := sub.scanBody(vs, "\x00\x00no-closer", false, interpShell)
	s.add(t)
}

func seq(from, n int) []int {
	if n < 0 {
		n = 0
	}
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}
