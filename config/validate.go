package config

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"
	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema/kind"

	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
	"github.com/aptly-doctor/aptly-doctor/schemas"
)

// SchemaName is the name of the config schema in package schemas.
const SchemaName = "config"

var compiled struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

// schema compiles the bundled config schema once per process.
func schema() (*jsonschema.Schema, error) {
	compiled.once.Do(func() {
		compiled.schema, compiled.err = compileSchema()
	})
	return compiled.schema, compiled.err
}

func compileSchema() (*jsonschema.Schema, error) {
	data, err := schemas.Read(SchemaName)
	if err != nil {
		return nil, fmt.Errorf("load config schema: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode config schema: %w", err)
	}
	const url = "config.schema.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("add config schema: %w", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compile config schema: %w", err)
	}
	return s, nil
}

// validate checks root against the config schema and returns each error as
// a problem at the line and column of the node it is about.
func validate(root *node) []Problem {
	s, err := schema()
	if err != nil {
		return []Problem{{At: Pos{Line: 1, Col: 1}, Message: fmt.Sprintf("cannot check the config: %v", err), Fix: "Report this as a bug of aptly-doctor"}}
	}
	budget := maxValues
	v, ok := root.value(&budget)
	if !ok {
		return []Problem{{At: root.at, Message: fmt.Sprintf("the config expands to more than %d values through its aliases", maxValues), Fix: "Write the values out instead of nesting aliases"}}
	}
	err = s.Validate(v)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Problem{{At: root.at, Message: fmt.Sprintf("cannot check the config: %v", err), Fix: "Report this as a bug of aptly-doctor"}}
	}
	var out []Problem
	collect(root, verr, &out)
	return dedupe(out)
}

func dedupe(ps []Problem) []Problem {
	seen := map[Problem]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// collect turns the leaves of a validation error tree into problems. A few
// inner errors say more than their leaves and are taken whole.
func collect(root *node, e *jsonschema.ValidationError, out *[]Problem) {
	loc := e.InstanceLocation
	switch k := e.ErrorKind.(type) {
	case *kind.PropertyNames:
		*out = append(*out, propertyNameProblem(root, loc, k.Property))
		return
	case *kind.AnyOf:
		if levelOf(loc) == levelField {
			_, val := root.find(loc)
			*out = append(*out, Problem{At: at(val, root), Message: fmt.Sprintf("%s has neither a name nor a key", display(loc)),
				Fix: "Add name: (legacy boards) or key: with the field UUID (core boards)"})
			return
		}
	}
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			collect(root, c, out)
		}
		return
	}
	*out = append(*out, leafProblems(root, loc, e.ErrorKind)...)
}

func at(n, root *node) Pos {
	if n != nil {
		return n.at
	}
	return root.at
}

func leafProblems(root *node, loc []string, k jsonschema.ErrorKind) []Problem {
	_, val := root.find(loc)
	if val != nil && val.broken {
		return nil
	}
	valAt := at(val, root)
	subject := display(loc)
	got := ""
	if val != nil {
		got = val.text
	}
	switch k := k.(type) {
	case *kind.AdditionalProperties:
		var ps []Problem
		for _, name := range k.Properties {
			kn, _ := root.find(append(append([]string(nil), loc...), name))
			ps = append(ps, unknownKeyProblem(loc, name, at(kn, root)))
		}
		return ps
	case *kind.Required:
		var ps []Problem
		for _, name := range k.Missing {
			ps = append(ps, requiredProblem(loc, name, valAt))
		}
		return ps
	case *kind.Type:
		return []Problem{typeProblem(loc, k, val, valAt)}
	case *kind.Const:
		return []Problem{{At: valAt, Message: fmt.Sprintf("version %q is not supported: only version 1 exists", got), Fix: "Set version: 1"}}
	case *kind.Enum:
		want := make([]string, 0, len(k.Want))
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		if s, ok := suggest(got, want); ok {
			return []Problem{{At: valAt, Message: fmt.Sprintf("%s %q is not a known value, did you mean %q", subject, got, s), Fix: fmt.Sprintf("Write %q", s)}}
		}
		return []Problem{{At: valAt, Message: fmt.Sprintf("%s %q is not a known value", subject, got), Fix: "Use one of " + quoteList(want)}}
	case *kind.Pattern:
		return []Problem{patternProblem(loc, k.Got, valAt)}
	case *kind.Format:
		return []Problem{{At: valAt, Message: fmt.Sprintf("%s %q is not a valid URL", subject, got), Fix: "Write a full URL such as \"https://api.getaptly.com\""}}
	case *kind.MinLength:
		return []Problem{{At: valAt, Message: fmt.Sprintf("%s is empty", subject), Fix: "Fill it in or remove the key"}}
	}
	return []Problem{{At: valAt, Message: fmt.Sprintf("%s breaks the config schema (%s)", subject, strings.Join(k.KeywordPath(), "/")), Fix: "Correct the value as the config schema describes"}}
}

// The levels of the config, for the keys each allows and for messages.
type level int

const (
	levelOther level = iota
	levelRoot
	levelEnv
	levelBoard
	levelField
	levelChecks
	levelIgnore
)

// allowedKeys lists the keys of each level; a test holds it equal to the
// schema. An array indexed by level, which the linker lays out.
var allowedKeys = [...][]string{
	levelRoot:   {"version", "environments", "checks"},
	levelEnv:    {"base_url", "key_env", "key", "key_sha256", "boards", "paths"},
	levelBoard:  {"id", "key_env", "key", "key_sha256", "update_mode", "create_fields", "fields"},
	levelField:  {"name", "key", "label", "type", "options"},
	levelChecks: {"disable", "severity", "ignore"},
	levelIgnore: {"check", "path", "pointer", "reason"},
}

func levelOf(loc []string) level {
	switch {
	case len(loc) == 0:
		return levelRoot
	case len(loc) == 2 && loc[0] == "environments":
		return levelEnv
	case len(loc) == 4 && loc[0] == "environments" && loc[2] == "boards":
		return levelBoard
	case len(loc) == 6 && loc[0] == "environments" && loc[2] == "boards" && loc[4] == "fields":
		return levelField
	case len(loc) == 1 && loc[0] == "checks":
		return levelChecks
	case len(loc) == 3 && loc[0] == "checks" && loc[1] == "ignore":
		return levelIgnore
	}
	return levelOther
}

// where names a level for messages.
func where(loc []string) string {
	switch levelOf(loc) {
	case levelRoot:
		return "at the top level"
	case levelEnv:
		return fmt.Sprintf("in environment %q", loc[1])
	case levelBoard:
		return fmt.Sprintf("in board %q of environment %q", loc[3], loc[1])
	case levelField:
		return "in " + display(loc)
	case levelChecks:
		return "in checks"
	case levelIgnore:
		return "in " + display(loc)
	}
	return "in " + display(loc)
}

// display renders an instance location the way a user would find it in the
// file: environments.production.boards.leads.fields[2].
func display(loc []string) string {
	if len(loc) == 0 {
		return "the config"
	}
	var b strings.Builder
	for i, t := range loc {
		if _, err := strconv.Atoi(t); err == nil && i > 0 && isList(loc[i-1]) {
			b.WriteString("[" + t + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

func isList(key string) bool {
	switch key {
	case "fields", "options", "disable", "ignore":
		return true
	}
	return false
}

func unknownKeyProblem(loc []string, name string, pos Pos) Problem {
	allowed := allowedKeys[levelOf(loc)]
	if s, ok := suggest(name, allowed); ok {
		return Problem{At: pos, Message: fmt.Sprintf("unknown key %q %s, did you mean %q", name, where(loc), s), Fix: fmt.Sprintf("Rename %q to %q", name, s)}
	}
	fix := "Remove the key"
	if len(allowed) > 0 {
		fix = "Remove the key; the keys allowed here are " + strings.Join(allowed, ", ")
	}
	return Problem{At: pos, Message: fmt.Sprintf("unknown key %q %s", name, where(loc)), Fix: fix}
}

func requiredProblem(loc []string, name string, pos Pos) Problem {
	switch levelOf(loc) {
	case levelRoot:
		if name == "version" {
			return Problem{At: pos, Message: "the config does not say its version", Fix: "Add \"version: 1\" at the top of the file"}
		}
	case levelBoard:
		if name == "id" {
			return Problem{At: pos, Message: fmt.Sprintf("board %q of environment %q has no id", loc[3], loc[1]), Fix: "Add id: with the board ID shown in the board's POST URL"}
		}
	case levelIgnore:
		if name == "reason" {
			return Problem{At: pos, Message: fmt.Sprintf("%s has no reason", display(loc)), Fix: "Add reason: saying why these findings are set aside"}
		}
	}
	return Problem{At: pos, Message: fmt.Sprintf("%s lacks %q", display(loc), name), Fix: fmt.Sprintf("Add %s:", name)}
}

// typeName names a JSON Schema type for messages.
func typeName(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "string":
		return "text"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "null":
		return "empty"
	}
	return t
}

func typeProblem(loc []string, k *kind.Type, val *node, pos Pos) Problem {
	want := make([]string, 0, len(k.Want))
	for _, w := range k.Want {
		want = append(want, typeName(w))
	}
	wantText := strings.Join(want, " or ")
	if len(loc) == 0 {
		return Problem{At: pos, Message: "the config must be a mapping of version, environments and checks, not " + typeName(k.Got), Fix: "Start from the file that aptly-doctor init writes"}
	}
	if k.Got == "null" {
		return Problem{At: pos, Message: fmt.Sprintf("%s is empty but must be %s", display(loc), wantText), Fix: "Fill it in or remove the key"}
	}
	got := typeName(k.Got)
	if val != nil && val.kind == scalarNode && len(k.Want) == 1 && k.Want[0] == "string" && val.text != "" {
		// An unquoted 123456 or true is a number or a boolean to YAML: the
		// user meant text, and quotes say so.
		return Problem{At: pos, Message: fmt.Sprintf("%s must be text, but YAML reads %s as %s", display(loc), val.text, typeName(k.Got)),
			Fix: fmt.Sprintf("Put the value in quotes: %q", val.text)}
	}
	if val != nil && val.kind == scalarNode {
		if _, isText := val.scalar.(string); isText {
			got = strconv.Quote(val.text)
		} else {
			got = val.text
		}
	}
	return Problem{At: pos, Message: fmt.Sprintf("%s must be %s, not %s", display(loc), wantText, got), Fix: fmt.Sprintf("Write %s as %s", loc[len(loc)-1], wantText)}
}

func patternProblem(loc []string, got string, pos Pos) Problem {
	subject := display(loc)
	last := loc[len(loc)-1]
	if len(loc) >= 2 && (loc[len(loc)-2] == "disable") {
		last = "check"
	}
	switch last {
	case "key_sha256":
		low := strings.ToLower(got)
		if low != got && isHexPrefix(low) {
			return Problem{At: pos, Message: fmt.Sprintf("%s %q must be lowercase hex", subject, got), Fix: fmt.Sprintf("Write %q", low)}
		}
		return Problem{At: pos, Message: fmt.Sprintf("%s %q is not a lowercase hex SHA-256 prefix of 6 to 64 digits", subject, got),
			Fix: "Set it to the first digits of printf %s \"$KEY\" | sha256sum (at least 6)"}
	case "key_env":
		bare := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(got, "$"), "{"), "}")
		if strings.HasPrefix(got, "$") && isVarName(bare) {
			return Problem{At: pos, Message: fmt.Sprintf("%s %q names the variable with the shell's \"$\"", subject, got), Fix: fmt.Sprintf("Write the bare variable name %q", bare)}
		}
		return Problem{At: pos, Message: fmt.Sprintf("%s %q is not an environment variable name", subject, got), Fix: "Name the variable with letters, digits and underscores, not starting with a digit"}
	case "id":
		if got == "" {
			return Problem{At: pos, Message: fmt.Sprintf("%s is empty", subject), Fix: "Write the board ID shown in the board's POST URL"}
		}
		if strings.Contains(got, "://") {
			return Problem{At: pos, Message: fmt.Sprintf("%s %q is a URL, not a board ID", subject, got), Fix: "Keep only the board ID: the last part of the board's POST URL"}
		}
		return Problem{At: pos, Message: fmt.Sprintf("%s %q holds whitespace, \"/\", \"?\" or \"#\"", subject, got), Fix: "Copy the board ID exactly, without spaces or slashes"}
	case "base_url":
		return Problem{At: pos, Message: fmt.Sprintf("%s %q is not an https URL", subject, got), Fix: "Use https:// (plain http only for a test server on localhost)"}
	case "check":
		return Problem{At: pos, Message: fmt.Sprintf("%s %q is not a check ID or a glob over check IDs", subject, got), Fix: "Write an ID such as \"AD201\" or a glob such as \"AD2*\""}
	case "pointer":
		return Problem{At: pos, Message: fmt.Sprintf("%s %q is not a JSON pointer", subject, got), Fix: "Start the pointer with \"/\", as in \"/Notes\""}
	case "reason":
		return Problem{At: pos, Message: fmt.Sprintf("%s is blank", subject), Fix: "Say why these findings are set aside"}
	}
	return Problem{At: pos, Message: fmt.Sprintf("%s %q does not have the expected form", subject, got), Fix: "Correct the value as the config schema describes"}
}

func propertyNameProblem(root *node, loc []string, name string) Problem {
	kn, _ := root.find(append(append([]string(nil), loc...), name))
	pos := at(kn, root)
	if len(loc) == 2 && loc[0] == "checks" && loc[1] == "severity" {
		return Problem{At: pos, Message: fmt.Sprintf("%q in checks.severity is not a check ID", name), Fix: "Write a check ID such as \"AD105\""}
	}
	what := "name"
	switch {
	case len(loc) == 1 && loc[0] == "environments":
		what = "environment name"
	case len(loc) == 3 && loc[2] == "boards":
		what = "board name"
	}
	return Problem{At: pos, Message: fmt.Sprintf("%s %q holds whitespace, \",\", \"=\" or \"/\"", what, name), Fix: "Rename it with letters, digits, \"-\" or \"_\", so it can be given to --env and --board"}
}

// suggest returns the candidate closest to word when it is close enough to
// be what the user meant: equal but for case and separators, or within a
// small edit distance.
func suggest(word string, candidates []string) (string, bool) {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || r == '_' || unicode.IsSpace(r) {
				return -1
			}
			return unicode.ToLower(r)
		}, s)
	}
	w := norm(word)
	for _, c := range candidates {
		if norm(c) == w || alias(w) == c {
			return c, true
		}
	}
	return didyoumean.Closest(word, candidates)
}

// alias returns the config key people mean when they reach for the name
// whose normalized spelling is w, or "".
func alias(w string) string {
	switch w {
	case "env", "envs", "environment":
		return "environments"
	case "board":
		return "boards"
	case "field":
		return "fields"
	case "url", "baseurl", "host":
		return "base_url"
	case "token", "xtoken", "apikey", "keyvar", "envvar":
		return "key_env"
	case "sha256", "fingerprint":
		return "key_sha256"
	case "boardid":
		return "id"
	case "updatemode", "mode":
		return "update_mode"
	case "createfields":
		return "create_fields"
	case "ignores":
		return "ignore"
	case "disabled":
		return "disable"
	case "severities":
		return "severity"
	}
	return ""
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func isHexPrefix(s string) bool {
	if len(s) < 6 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z':
		case '0' <= r && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
