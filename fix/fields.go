package fix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/input/jsonscan"
)

// replacement is one field fix: data[at:at+n] becomes text.
type replacement struct {
	at, n int
	text  []byte
	fix   Applied
}

var (
	// looseDate is year first with one- or two-digit month and day: only
	// one reading, unlike 09/01/2025, which the doctor never rewrites.
	looseDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	// moneyText is an amount with a currency symbol and/or thousands
	// separators; the groups are the sign, the integer part and the
	// decimals as written.
	moneyText = regexp.MustCompile(`^([-+]?)\s*[$€£]?\s*(-?)\s*(0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(\.\d+)?$`)
)

// fixFields renames keys and rewrites values the board's fields settle.
func fixFields(b *buffer, res jsonscan.Result, board *config.Board) (*buffer, []Applied) {
	obj, ok := res.Value.(map[string]any)
	if !ok {
		return b, nil
	}
	duped := map[string]bool{}
	for _, d := range res.Dups {
		if strings.Count(d.Pointer, "/") == 1 {
			duped[d.Key] = true
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	// A rename is safe only when its target is free and no other key is
	// renamed to the same field.
	renames := map[string]string{}
	targets := map[string]int{}
	for _, k := range keys {
		if duped[k] || k == "_id" || board.IsCore() && (k == "name" || k == "title") {
			continue
		}
		if _, ok := board.FieldByID(k); ok {
			continue
		}
		if id, ok := caseOnly(board, k); ok {
			if _, taken := obj[id]; !taken {
				renames[k] = id
				targets[id]++
			}
		}
	}

	ix := jsonpos.NewIndex(b.data)
	var reps []replacement
	for _, k := range keys {
		ptr := jsonpos.Append("", k)
		id := k
		if to, ok := renames[k]; ok && targets[to] == 1 {
			if at, ok := ix.Key(ptr); ok {
				n := stringLen(b.data, at)
				reps = append(reps, replacement{at: at, n: n, text: jsonString(to), fix: Applied{
					Check: "AD105", Pointer: ptr, Offset: b.orig[at],
					What: fmt.Sprintf("renamed %q to %q", k, to)}})
				id = to
			}
		}
		if duped[k] {
			continue
		}
		f, ok := board.FieldByID(id)
		if !ok {
			continue
		}
		reps = append(reps, fixValue(b, ix, ptr, id, f, obj[k])...)
	}
	if len(reps) == 0 {
		return b, nil
	}
	slices.SortFunc(reps, func(x, y replacement) int { return x.at - y.at })
	var out bytes.Buffer
	var applied []Applied
	last := 0
	for _, r := range reps {
		if r.at < last {
			continue // overlapping edits cannot happen in a valid body; stay safe
		}
		out.Write(b.data[last:r.at])
		out.Write(r.text)
		last = r.at + r.n
		applied = append(applied, r.fix)
	}
	out.Write(b.data[last:])
	return &buffer{data: out.Bytes()}, applied
}

// fixValue rewrites the value of field f at ptr when its right form has
// only one reading.
func fixValue(b *buffer, ix *jsonpos.Index, ptr, name string, f config.Field, v any) []replacement {
	at := func(p string) (int, int, bool) {
		off, ok := ix.Value(p)
		if !ok || off >= len(b.data) || b.data[off] != '"' {
			return 0, 0, false
		}
		return off, stringLen(b.data, off), true
	}
	one := func(p, s string, text []byte, what string) []replacement {
		off, n, ok := at(p)
		if !ok {
			return nil
		}
		return []replacement{{at: off, n: n, text: text, fix: Applied{
			Check: "AD106", Pointer: p, Offset: b.orig[off], What: what}}}
	}
	switch aptly.NormalizeFieldType(f.Type) {
	case "select":
		if s, ok := v.(string); ok {
			if o, ok := option(f.Options, s); ok {
				return one(ptr, s, jsonString(o), fmt.Sprintf("wrote %q as the option %q", s, o))
			}
		}
	case "multiselect":
		list, _ := v.([]any)
		var reps []replacement
		for i, e := range list {
			if s, ok := e.(string); ok {
				if o, ok := option(f.Options, s); ok {
					reps = append(reps, one(jsonpos.Append(ptr, strconv.Itoa(i)), s, jsonString(o),
						fmt.Sprintf("wrote %q as the option %q", s, o))...)
				}
			}
		}
		return reps
	case "money":
		if s, ok := v.(string); ok {
			if n, ok := plainMoney(s); ok {
				return one(ptr, s, []byte(n), fmt.Sprintf("wrote the amount %q as the number %s", s, n))
			}
		}
	case "date":
		if s, ok := v.(string); ok {
			if d, ok := isoDate(s); ok {
				return one(ptr, s, jsonString(d), fmt.Sprintf("wrote the date %q as %q", s, d))
			}
		}
	}
	return nil
}

// option returns the one option s means when it differs from it only by
// case or surrounding spaces.
func option(options []string, s string) (string, bool) {
	if slices.Contains(options, s) {
		return "", false
	}
	found, n := "", 0
	for _, o := range options {
		if strings.EqualFold(strings.TrimSpace(s), o) {
			found = o
			n++
		}
	}
	return found, n == 1
}

// plainMoney turns "$1,850.00" into "1850.00", keeping the decimals as
// written.
func plainMoney(s string) (string, bool) {
	m := moneyText.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[1] != "" && m[2] != "" {
		return "", false
	}
	sign := ""
	if m[1] == "-" || m[2] == "-" {
		sign = "-"
	}
	return sign + strings.ReplaceAll(m[3], ",", "") + m[4], true
}

// isoDate turns a year-first date such as 2025-9-1 or 2025/09/01 into
// 2025-09-01, when it is a real calendar date.
func isoDate(s string) (string, bool) {
	m := looseDate.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	d := fmt.Sprintf("%s-%02s-%02s", m[1], m[2], m[3])
	d = strings.ReplaceAll(d, " ", "0")
	if d == s {
		return "", false
	}
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return "", false
	}
	return d, true
}

// caseOnly returns the field id key means when it differs from exactly one
// field only by case or surrounding spaces.
func caseOnly(b *config.Board, key string) (string, bool) {
	trimmed := strings.TrimSpace(key)
	found, n := "", 0
	for _, f := range b.Fields {
		id := b.FieldID(f)
		if id != "" && strings.EqualFold(trimmed, id) && id != found {
			found = id
			n++
		}
	}
	return found, n == 1
}

// stringLen returns the length of the JSON string token starting at d[at].
func stringLen(d []byte, at int) int {
	for i := at + 1; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++
		case '"':
			return i + 1 - at
		}
	}
	return len(d) - at
}

// jsonString encodes s as a JSON string without the HTML escaping of
// encoding/json, so "<" and "&" stay as the user would write them.
func jsonString(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return []byte(strconv.Quote(s))
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
