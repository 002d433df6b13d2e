package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/third_party/yaml"

	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// Pos is a 1-based line and column in the config file; columns count
// Unicode code points. It converts to input.Pos, which has the same fields.
type Pos struct {
	Line, Col int
}

// IsZero reports whether p carries no position.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Generations an environment can have, as Env.Generation spells them.
const (
	Legacy = "legacy"
	Core   = "core"
)

// Update modes a board can have, as Board.UpdateMode spells them.
const (
	UpdateIfExists = "update-if-exists"
	AlwaysCreate   = "always-create"
)

// Config is a loaded aptly-doctor.yaml.
type Config struct {
	Path      string
	Version   int
	VersionAt Pos
	Envs      []*Env // in file order
	Checks    Checks
}

// Env is one Aptly environment: a host and the boards reached through it.
type Env struct {
	Name string
	At   Pos // the environment's name in the file

	BaseURL   string
	BaseURLAt Pos

	// Generation is "legacy" or "core": told by where key_env is written
	// (per board is legacy, on the environment is core), else by the host of
	// base_url. Empty when neither tells.
	Generation string

	KeyEnv   string // environment-level (core) key variable
	KeyEnvAt Pos
	Key      *Key // the environment-level key (core); nil if none

	Boards []*Board // in file order

	// Paths are the folders (or doublestar globs), relative to the config's
	// folder, whose code belongs to this environment alone: a board ID of
	// another environment written there is AD303.
	Paths []string
}

// Board is one board of an environment.
type Board struct {
	Name string
	At   Pos // the board's name in the file
	Env  *Env

	ID   string
	IDAt Pos

	KeyEnv   string // per-board key variable (legacy)
	KeyEnvAt Pos
	// Key is the key this board is called with: its own, or the
	// environment's company key. Nil when neither is configured.
	Key *Key

	UpdateMode   string // UpdateIfExists, AlwaysCreate or ""
	UpdateModeAt Pos
	CreateFields *bool // nil when the config does not say
	CreateAt     Pos

	Fields   []Field
	FieldsAt Pos
	// FieldsFrom says where Fields came from: "config", "lock" or "".
	FieldsFrom string
}

// Field is one field of a board. Legacy boards name fields by Name; core
// boards by Key (the field UUID), with a Label for people.
type Field struct {
	Name    string   `json:"name,omitempty"`
	Key     string   `json:"key,omitempty"`
	Label   string   `json:"label,omitempty"`
	Type    string   `json:"type,omitempty"`
	Options []string `json:"options,omitempty"`
	At      Pos      `json:"-"`
}

// Checks is the checks section: which checks run and how they count.
type Checks struct {
	Disable    []string
	DisableAt  []Pos             // one per Disable entry
	Severity   map[string]string // check ID -> error, warning or info
	SeverityAt map[string]Pos
	Ignore     []Ignore
}

// Ignore sets aside the findings that match all of its non-empty parts.
type Ignore struct {
	Check   string // ID or glob over IDs
	Path    string // doublestar glob over target paths
	Pointer string // JSON pointer in the body
	Reason  string
	At      Pos
}

// Problem is one AD301 finding: the config breaks its schema or contradicts
// itself. Message is lowercase without a trailing period; Fix is an
// imperative phrase.
type Problem struct {
	At      Pos
	Message string
	Fix     string
}

// String renders the problem as line:col: message, for logs and tests.
func (p Problem) String() string {
	return fmt.Sprintf("%d:%d: %s", p.At.Line, p.At.Col, p.Message)
}

// IsJSON reports whether path names a JSON config (by its extension).
func IsJSON(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".json")
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Load parses a config (YAML, or JSON when path ends in .json), validates it
// against the bundled schema and the rules a schema cannot state, and reads
// the keys it names through lookup (os.LookupEnv in main, a map in tests).
//
// Any problem makes the config unusable for checking, but Load still
// returns what it could read (nil only when nothing could be parsed), so a
// caller may say more than the first mistake.
func Load(path string, data []byte, lookup func(string) (string, bool)) (cfg *Config, problems []Problem) {
	defer func() {
		// The YAML parser is not ours; a crash in it is one more reason the
		// file cannot be read, never a crash of the tool.
		if r := recover(); r != nil {
			cfg = nil
			problems = []Problem{{At: Pos{Line: 1, Col: 1}, Message: fmt.Sprintf("the config cannot be parsed: %v", r), Fix: "Simplify the file until it parses"}}
		}
	}()
	if lookup == nil {
		lookup = func(string) (string, bool) { return "", false }
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return nil, []Problem{{At: invalidUTF8Pos(data), Message: "the config is not valid UTF-8 text", Fix: "Save the file as UTF-8"}}
	}
	if IsJSON(path) {
		if p, ok := jsonSyntax(data); !ok {
			return nil, []Problem{p}
		}
	}
	root, problems, ok := parse(data)
	if !ok {
		return nil, problems
	}
	problems = append(problems, validate(root)...)
	cfg, more := build(path, root, lookup)
	problems = append(problems, more...)
	sortProblems(problems)
	return cfg, problems
}

// parse reads data into a node tree. ok is false when nothing usable came
// out; problems then says why.
func parse(data []byte) (root *node, problems []Problem, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []Problem{{At: Pos{Line: 1, Col: 1}, Message: "the config is empty", Fix: "Start from the file that aptly-doctor init writes"}}, false
		}
		return nil, []Problem{yamlProblem(err)}, false
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		problems = append(problems, Problem{At: posOf(&second), Message: "the config holds more than one YAML document", Fix: "Keep one document: remove the second \"---\" and what follows"})
	} else if !errors.Is(err, io.EOF) {
		return nil, []Problem{yamlProblem(err)}, false
	}
	c := newConverter()
	root = c.convert(&doc, 0)
	problems = append(problems, c.problems...)
	if root == nil {
		if len(problems) == 0 {
			problems = append(problems, Problem{At: Pos{Line: 1, Col: 1}, Message: "the config is empty", Fix: "Start from the file that aptly-doctor init writes"})
		}
		return nil, problems, false
	}
	return root, problems, true
}

var yamlLine = lazyre.New(`^yaml: line (\d+): `)

// yamlProblem turns a parser error into a problem at the parser's line.
func yamlProblem(err error) Problem {
	msg := err.Error()
	at := Pos{Line: 1, Col: 1}
	if m := yamlLine.Get().FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			at.Line = n
		}
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return Problem{At: at, Message: "the config is not valid YAML: " + msg, Fix: "Correct the YAML syntax on this line (indentation, quotes, brackets)"}
}

// jsonSyntax reports the first syntax error of a JSON config, with its
// position; YAML would accept some of them, and a .json file is judged as
// JSON.
func jsonSyntax(data []byte) (Problem, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, tokErr := dec.Token(); errors.Is(tokErr, io.EOF) {
			return Problem{}, true
		}
		off := int(dec.InputOffset())
		off += len(data[off:]) - len(bytes.TrimLeft(data[off:], " \t\r\n"))
		return Problem{At: offsetPos(data, off), Message: "the config holds more than one JSON value", Fix: "Remove everything after the closing brace of the config"}, false
	}
	off := len(data)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	return Problem{At: offsetPos(data, off), Message: "the config is not valid JSON: " + strings.TrimPrefix(err.Error(), "json: "), Fix: "Correct the JSON syntax here (commas, quotes, brackets)"}, false
}

// offsetPos converts a byte offset into a line and a column in code points.
func offsetPos(data []byte, off int) Pos {
	line, col := lines.Pos(data, off)
	return Pos{Line: line, Col: col}
}

func invalidUTF8Pos(data []byte) Pos {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return offsetPos(data, i)
		}
		i += size
	}
	return Pos{Line: 1, Col: 1}
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].At, ps[j].At
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return ps[i].Message < ps[j].Message
	})
}

// IsCore reports whether the board is on the core API, whose payloads are
// keyed by field key rather than field name.
func (b *Board) IsCore() bool { return b.Env != nil && b.Env.Generation == Core }

// FieldID is the key a payload must use for a field: its name on legacy
// boards, its key (a UUID) on core boards.
func (b *Board) FieldID(f Field) string {
	if b.IsCore() && f.Key != "" {
		return f.Key
	}
	if f.Name != "" {
		return f.Name
	}
	return f.Key
}

// FieldByID returns the field a payload key names exactly.
func (b *Board) FieldByID(key string) (Field, bool) {
	for _, f := range b.Fields {
		if b.FieldID(f) == key {
			return f, true
		}
	}
	return Field{}, false
}
