package checks

import (
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// quote quotes a value for a message, shortened: a payload can hold a
// megabyte in one string, and a message quotes it to name it, not to copy it.
func quote(s string) string { return strconv.Quote(prose.Clip(s, 60)) }

// walkPath is where walkStrings is in the value; the pointer is built only
// when a check asks for it, which is only when it reports.
type walkPath struct{ toks []string }

// Pointer returns the escaped RFC 6901 pointer of the current place.
func (w *walkPath) Pointer() string {
	var b strings.Builder
	for _, t := range w.toks {
		b.WriteByte('/')
		b.WriteString(jsonpos.EscapeToken(t))
	}
	return b.String()
}

// walkStrings calls fn for every key and string value in v, with the path
// of the member (for keys) or of the value. Map order does not leak into
// output: findings are sorted by position afterwards.
func walkStrings(v any, fn func(path *walkPath, s string, isKey bool)) {
	w := &walkPath{}
	walkValue(v, w, fn)
}

func walkValue(v any, w *walkPath, fn func(path *walkPath, s string, isKey bool)) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			w.toks = append(w.toks, k)
			fn(w, k, true)
			walkValue(e, w, fn)
			w.toks = w.toks[:len(w.toks)-1]
		}
	case []any:
		for i, e := range v {
			switch e.(type) {
			case string, map[string]any, []any:
				w.toks = append(w.toks, strconv.Itoa(i))
				walkValue(e, w, fn)
				w.toks = w.toks[:len(w.toks)-1]
			}
		}
	case string:
		fn(w, v, false)
	}
}
