package jsonscan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
)

// DefaultMaxDepth is the nesting limit Parse applies when given none.
const DefaultMaxDepth = 512

// sharedTextMax is the largest input whose strings share one copy of it.
// Above it each string is copied on its own, so a big document's few kept
// strings do not hold all of it (and it is never copied twice whole).
const sharedTextMax = 64 << 10

// Result is what Parse found in a body.
type Result struct {
	// Value is the decoded body: map[string]any, []any, string,
	// json.Number, bool or nil, as encoding/json with UseNumber yields it.
	Value any
	// OK reports whether the body is exactly one valid JSON value,
	// surrounding whitespace allowed.
	OK bool
	// Err is the first mistake when OK is false.
	Err *Error
	// Dups lists keys named twice in one object, in the order of their
	// later occurrence; it is filled whether or not the body is valid.
	Dups []Dup
}

// Error is the first mistake in a body, named in plain words.
type Error struct {
	Offset  int    // byte offset of the mistake itself
	Culprit string // stable short name such as "trailing-comma"
	Message string // lowercase, no trailing period
	Fix     string // an imperative phrase
}

// Error returns the message with its offset, so an *Error reads well
// wherever an error value is expected.
func (e *Error) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Message)
}

// Dup is an object key named twice; the later member survives.
type Dup struct {
	Key         string
	Pointer     string // RFC 6901 pointer, escaped, of the surviving member
	FirstOffset int    // byte offset of the earlier key's opening quote
	Offset      int    // byte offset of the later key's opening quote
}

// frame is one open object or array; the key or index of the member being
// read is kept so a duplicate or truncation can name where it happened
// without building pointers for every value.
type frame struct {
	start int
	key   string
	idx   int
	arr   bool
}

type parser struct {
	data   []byte
	text   string // data as one string, for small inputs: see Parse
	slab   slab   // headers for boxing strings and numbers
	pos    int
	max    int
	frames []frame
	err    *Error
	dups   []Dup
}

// Parse decodes data as exactly one JSON value (RFC 8259) in one pass.
// maxDepth bounds how deep objects and arrays may nest; zero or less means
// DefaultMaxDepth.
func Parse(data []byte, maxDepth int) Result {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	var stack [8]frame
	p := parser{data: data, max: maxDepth, frames: stack[:0], slab: newSlab(len(data))}
	if len(data) <= sharedTextMax {
		// One copy of the whole input, which strings without escapes are
		// cut from, instead of one allocation per string: a card's twenty
		// keys and values were a fifth of its decode.
		p.text = string(data)
	}
	v := p.parse()
	if p.err != nil {
		if b := binaryError(data); b != nil && p.err.Culprit != "bom" && p.err.Culprit != "empty" {
			p.err = b
		}
		return Result{Err: p.err, Dups: p.dups}
	}
	return Result{Value: v, OK: true, Dups: p.dups}
}

func (p *parser) parse() any {
	d := p.data
	if len(d) >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF {
		p.fail(0, "bom", "body starts with a UTF-8 byte-order mark, which JSON does not allow",
			"Save the file as UTF-8 without a BOM")
		return nil
	}
	p.skipWS()
	if p.pos == len(d) {
		p.fail(0, "empty", "body is empty: there is no JSON value to read",
			"Send a JSON object such as {\"Name\": \"...\"}")
		return nil
	}
	first := p.pos
	v, ok := p.value()
	if !ok {
		return nil
	}
	end := p.pos
	p.skipWS()
	if p.pos < len(d) {
		p.afterTop(first, end)
		return nil
	}
	return v
}

func (p *parser) fail(off int, culprit, msg, fix string) bool {
	p.err = &Error{Offset: off, Culprit: culprit, Message: msg, Fix: fix}
	return false
}

func isWS(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func (p *parser) skipWS() {
	d := p.data
	i := p.pos
	for i < len(d) && isWS(d[i]) {
		i++
	}
	p.pos = i
}

func (p *parser) value() (any, bool) {
	d := p.data
	if p.pos >= len(d) {
		return nil, p.truncated("")
	}
	switch c := d[p.pos]; c {
	case '{':
		return p.object()
	case '[':
		return p.array()
	case '"':
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		if s == "" {
			return "", true // boxing "" allocates nothing anyway
		}
		return p.slab.box(stringType, s), true
	case 't':
		if p.literal("true") {
			return true, true
		}
	case 'f':
		if p.literal("false") {
			return false, true
		}
	case 'n':
		if p.literal("null") {
			return nil, true
		}
	case '-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return p.number()
	}
	return nil, p.badValue()
}

// literal consumes word when it stands alone (not the start of a longer
// word such as "trueish").
func (p *parser) literal(word string) bool {
	d := p.data
	end := p.pos + len(word)
	if end > len(d) || string(d[p.pos:end]) != word {
		return false
	}
	if end < len(d) && isWordByte(d[end]) {
		return false
	}
	p.pos = end
	return true
}

func (p *parser) object() (any, bool) {
	d := p.data
	start := p.pos
	if len(p.frames) >= p.max {
		return nil, p.tooDeep()
	}
	p.frames = append(p.frames, frame{start: start})
	top := len(p.frames) - 1
	p.pos++
	m := make(map[string]any, mapHint(len(p.frames), len(d)-start))
	p.skipWS()
	if p.pos < len(d) && d[p.pos] == '}' {
		p.pos++
		p.frames = p.frames[:top]
		return m, true
	}
	comma := -1
	for {
		if p.pos >= len(d) {
			return nil, p.truncated("")
		}
		if d[p.pos] != '"' {
			return nil, p.badKey(comma)
		}
		keyOff := p.pos
		k, ok := p.str()
		if !ok {
			return nil, false
		}
		p.frames[top].key = k
		p.skipWS()
		if p.pos >= len(d) {
			return nil, p.truncated("")
		}
		if d[p.pos] != ':' {
			return nil, p.missingColon(k)
		}
		p.pos++
		p.skipWS()
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		n := len(m)
		m[k] = v
		if len(m) == n {
			p.dup(k, keyOff, start)
		}
		p.skipWS()
		if p.pos >= len(d) {
			return nil, p.truncated("")
		}
		switch d[p.pos] {
		case ',':
			comma = p.pos
			p.pos++
			p.skipWS()
			if p.pos < len(d) && d[p.pos] == '}' {
				return nil, p.trailingComma(comma, '}')
			}
		case '}':
			p.pos++
			p.frames = p.frames[:top]
			return m, true
		default:
			return nil, p.afterMember()
		}
	}
}

func (p *parser) array() (any, bool) {
	d := p.data
	if len(p.frames) >= p.max {
		return nil, p.tooDeep()
	}
	p.frames = append(p.frames, frame{start: p.pos, arr: true})
	top := len(p.frames) - 1
	p.pos++
	a := []any{}
	p.skipWS()
	if p.pos < len(d) && d[p.pos] == ']' {
		p.pos++
		p.frames = p.frames[:top]
		return a, true
	}
	for {
		p.frames[top].idx = len(a)
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		a = append(a, v)
		p.skipWS()
		if p.pos >= len(d) {
			return nil, p.truncated("")
		}
		switch d[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.skipWS()
			if p.pos < len(d) && d[p.pos] == ']' {
				return nil, p.trailingComma(comma, ']')
			}
		case ']':
			p.pos++
			p.frames = p.frames[:top]
			return a, true
		default:
			return nil, p.afterElement()
		}
	}
}

// str reads the string whose opening quote is at p.pos. Strings without
// escapes, the common case, are converted straight from the input.
func (p *parser) str() (string, bool) {
	d := p.data
	start := p.pos + 1
	i := start
	for i < len(d) {
		c := d[i]
		if c == '"' {
			p.pos = i + 1
			if p.text != "" {
				return p.text[start:i], true
			}
			return string(d[start:i]), true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(d[i:])
		if r == utf8.RuneError && size == 1 {
			return "", p.invalidUTF8(i)
		}
		i += size
	}
	return p.strSlow(start, i)
}

// strSlow finishes a string that holds escapes or control characters:
// it checks every escape, then decodes through jsonpos.Unquote, the one
// JSON string decoder of the project.
func (p *parser) strSlow(start, i int) (string, bool) {
	d := p.data
	for {
		if i >= len(d) {
			return "", p.truncated("string")
		}
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return string(jsonpos.Unquote(d[start:i])), true
		case c < 0x20:
			return "", p.controlChar(i)
		case c == '\\':
			if i+1 >= len(d) {
				return "", p.truncated("string")
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := jsonpos.Hex4(d[i+2:]); !ok {
					return "", p.badUnicodeEscape(i)
				}
				i += 6
			default:
				return "", p.badEscape(i)
			}
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				return "", p.invalidUTF8(i)
			}
			i += size
		}
	}
}

// number reads a number by the strict RFC 8259 grammar; anything looser is
// handed to badNumber, which works out what the writer meant.
func (p *parser) number() (any, bool) {
	d := p.data
	start := p.pos
	i, ok := scanNumber(d, start)
	if !ok || (i < len(d) && isNumberTail(d[i])) {
		return nil, p.badNumber(start, i)
	}
	p.pos = i
	if p.text != "" {
		return p.slab.box(numberType, p.text[start:i]), true
	}
	return p.slab.box(numberType, string(d[start:i])), true
}

// scanNumber returns where the longest valid number prefix starting at i
// ends, and false with the failing position when the grammar breaks.
func scanNumber(d []byte, i int) (int, bool) {
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i++
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || !isDigit(d[i]) {
			return i, false
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			return i, false
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	return i, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isNumberTail reports bytes that would glue onto a number and make it a
// different, invalid token ("1.2.3", "0x1F", "1-2").
func isNumberTail(c byte) bool {
	return isWordByte(c) || c == '.' || c == '+' || c == '-'
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) || c == '_' || c == '$'
}

// dup records a repeated key. Finding the earlier occurrence needs a second
// look at the object, which only happens for the rare duplicate.
func (p *parser) dup(key string, off, objStart int) {
	p.dups = append(p.dups, Dup{
		Key:         key,
		Pointer:     p.pointer(len(p.frames)),
		FirstOffset: p.previousKey(key, objStart, off),
		Offset:      off,
	})
}

// pointer is the RFC 6901 pointer of the member being read in the first n
// open frames.
func (p *parser) pointer(n int) string {
	var sb strings.Builder
	for _, f := range p.frames[:n] {
		sb.WriteByte('/')
		if f.arr {
			sb.WriteString(strconv.Itoa(f.idx))
		} else {
			sb.WriteString(jsonpos.EscapeToken(f.key))
		}
	}
	return sb.String()
}

// previousKey walks the already validated members of the object at
// objStart and returns the offset of the last key equal to key before end.
func (p *parser) previousKey(key string, objStart, end int) int {
	q := parser{data: p.data, pos: objStart + 1, max: 1 << 30}
	found := -1
	for {
		q.skipWS()
		off := q.pos
		if off >= end || q.pos >= len(q.data) || q.data[q.pos] != '"' {
			return found
		}
		k, ok := q.str()
		if !ok {
			return found
		}
		if k == key {
			found = off
		}
		q.skipWS()
		q.pos++ // the colon
		q.skipWS()
		q.skipValue()
		q.skipWS()
		q.pos++ // the comma
	}
}

// skipValue steps over a value already known to be valid.
func (p *parser) skipValue() {
	d := p.data
	depth := 0
	for p.pos < len(d) {
		switch c := d[p.pos]; c {
		case '"':
			p.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return
			}
			depth--
			if depth == 0 {
				p.pos++
				return
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return
			}
		}
		p.pos++
	}
}

func (p *parser) skipString() {
	d := p.data
	i := p.pos + 1
	for i < len(d) {
		switch d[i] {
		case '\\':
			i += 2
			continue
		case '"':
			p.pos = i + 1
			return
		}
		i++
	}
	p.pos = len(d)
}

// mapHint guesses the size of the top-level map from the body's length:
// a card usually has more members than a small map holds before it must
// grow, and growing costs more than a slightly large guess. Nested objects
// are usually small and get no hint.
func mapHint(depth, size int) int {
	if depth != 1 {
		return 0
	}
	return min(size/24, 64)
}
