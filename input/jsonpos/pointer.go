package jsonpos

import (
	"fmt"
	"strings"
)

// EscapeToken escapes one reference token for a pointer: "~" becomes "~0"
// and "/" becomes "~1".
func EscapeToken(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	var b strings.Builder
	b.Grow(len(tok) + 2)
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Append returns the pointer to the member or element tok (unescaped) of
// the value at ptr.
func Append(ptr, tok string) string {
	return ptr + "/" + EscapeToken(tok)
}

// Split breaks a pointer into its unescaped reference tokens. The root
// pointer "" has none.
func Split(ptr string) ([]string, error) {
	if ptr == "" {
		return nil, nil
	}
	if ptr[0] != '/' {
		return nil, fmt.Errorf("pointer %q does not start with \"/\"", ptr)
	}
	toks := strings.Split(ptr[1:], "/")
	for i, tok := range toks {
		if !strings.Contains(tok, "~") {
			continue
		}
		var sb strings.Builder
		for j := 0; j < len(tok); j++ {
			if tok[j] != '~' {
				sb.WriteByte(tok[j])
				continue
			}
			if j+1 >= len(tok) || tok[j+1] != '0' && tok[j+1] != '1' {
				return nil, fmt.Errorf("pointer %q has a \"~\" not followed by 0 or 1", ptr)
			}
			if tok[j+1] == '0' {
				sb.WriteByte('~')
			} else {
				sb.WriteByte('/')
			}
			j++
		}
		toks[i] = sb.String()
	}
	return toks, nil
}
