package input

import "errors"

// Kind says what sort of input a target is.
type Kind string

// The kinds of input the doctor reads.
const (
	KindPayload Kind = "payload" // one JSON card payload
	KindBatch   Kind = "batch"   // NDJSON, one payload a line
	KindCurl    Kind = "curl"    // a curl command (bash, cmd or PowerShell form)
	KindHTTP    Kind = "http"    // a .http / .rest request file
	KindHAR     Kind = "har"     // a browser HAR export
	KindFlags   Kind = "flags"   // a request described by command-line flags (--url, -H, --curl)
	KindConfig  Kind = "config"  // the doctor's own config file, for config-level findings
	KindSource  Kind = "source"  // source code: the Aptly calls it makes, read from its literals
	KindText    Kind = "text"    // text of no structure the doctor knows (redact masks it as text)
	KindRequest Kind = "request" // a request received by `serve`, as the client sent it
)

// Pos is a 1-based line and column in a source; columns count Unicode code
// points. The zero Pos means "no position known".
type Pos struct {
	Line, Col int
}

// IsZero reports whether p carries no position.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Source is a text that findings can point into: a whole file, one line of
// an NDJSON batch, or a command given on the command line.
type Source struct {
	Path string // as shown to the user
	Data []byte
	// LineOffset is the number of file lines that come before Data: an NDJSON
	// line N is a Source whose Data is that line and whose LineOffset is N-1.
	LineOffset int
	// Start is the byte offset of Data in its file (an NDJSON line's first
	// byte), so an edit of Data can be made to the file.
	Start int
}

// Body is a JSON payload: a file of its own, a line of a batch, or the body
// carried inside a request.
type Body struct {
	Raw []byte
	// Src is the text Raw lives in and At the position of Raw's first byte
	// there. For a payload file Src.Data is Raw itself and At is 1:1. For an
	// inline curl body Src is the request file and At the opening of the
	// body inside it.
	Src *Source
	At  Pos
	// Offsets, when set, holds the source byte offset of each byte of Raw:
	// a curl body inside double quotes, $'...' or Windows escapes is not a
	// verbatim copy of the file, so positions go through this map.
	Offsets []int
	// Origin says where the body came from, for messages: "file", "line",
	// "inline", "@file", "stdin", "har".
	Origin string

	// Filled by Decode.
	Decoded bool // Raw is valid JSON and Value holds it
	Value   any  // map[string]any, []any, string, json.Number, bool or nil
	Syntax  *SyntaxError
	Dups    []Dup
}

// SyntaxError is the first reason a body is not valid JSON, already named
// in plain words.
type SyntaxError struct {
	Offset  int    // byte offset in Body.Raw of the mistake itself
	Culprit string // short stable name: "trailing-comma", "single-quotes", ...
	Message string // lowercase, no trailing period
	Fix     string // an imperative phrase
}

// Dup is an object key named twice; the later one survives.
type Dup struct {
	Key         string
	Pointer     string // RFC 6901 pointer (escaped) of the surviving member
	FirstOffset int    // byte offset of the earlier key in Body.Raw
	Offset      int    // byte offset of the later key
}

// Header is one request header, spelt as the user spelt it.
type Header struct {
	Name  string
	Value string
	At    Pos // where the header is written in the source; zero if implicit
	// Implicit marks a header the client adds on its own (curl's
	// Content-Type for -d, Authorization for -u).
	Implicit bool
}

// Request is an HTTP request as an input describes it.
type Request struct {
	Method   string // as written, or the client's default ("GET", or "POST" with a body)
	MethodAt Pos
	URL      string
	URLAt    Pos
	Headers  []Header
	Body     *Body
	// BodyFlag is how the body was given ("-d", "--data-binary", "--json",
	// "-F", a blank line in .http, "postData" in HAR), and BodyFlagAt where.
	BodyFlag   string
	BodyFlagAt Pos
	// Multipart is set for curl -F (multipart/form-data).
	Multipart bool
	// Unresolved lists shell variables ($VAR, ${VAR}) outside single quotes
	// that were not set in the environment: their value cannot be checked.
	Unresolved []Var
	// Undefined lists .http {{name}} references with no definition.
	Undefined []Var
	// Withheld lists files the request names (a curl -d @file, a .http
	// "< file") that were not read because they lie outside the request
	// file's folder and the current folder (ErrOutside): their content
	// cannot be checked. Name is the file as written.
	Withheld []Var
	// Runtime lists references the sending client fills in itself when it
	// sends the request (.http {{$guid}}, {{login.response.body.$.token}},
	// a variable a handler script sets, what source code computes and
	// writes into a URL or header, shown there as ${expr}): no
	// placeholders, but their values cannot be checked here.
	Runtime []Var
	// Partial marks a request pieced together from source code: only what
	// the code writes literally is known (the URL, or one header), so what
	// is absent (a key, a Content-Type, the method) is not a finding.
	Partial bool
	// URLPositions, when set, is the source position of each byte of URL: a
	// URL joined from several literals of source code is no verbatim copy
	// of one stretch of the file.
	URLPositions []Pos
	// Src, when set, is where MethodAt, URLAt and the headers' At point:
	// a request given as flags (--url, -H) for a payload file has positions
	// on the command line, not in the payload.
	Src *Source
}

// ErrOutside is why a file a request names was not read: it lies outside
// the request file's folder and the current folder, and an untrusted
// request file must not make the report quote any file on the machine.
var ErrOutside = errors.New("it lies outside the request file's folder and the current folder, so it was not read")

// Var is a variable reference in a request that could not be resolved.
type Var struct {
	Name string // as written: "$APTLY_KEY", "{{token}}"
	In   string // "url", "header x-token", "body"
	At   Pos
}

// Header returns the value of the last header named name (case-insensitive),
// and whether there is one.
func (r *Request) Header(name string) (Header, bool) {
	var found Header
	ok := false
	for _, h := range r.Headers {
		if equalFold(h.Name, name) {
			found, ok = h, true
		}
	}
	return found, ok
}

// Literal is a value written literally in source code.
type Literal struct {
	Value string
	At    Pos
	Name  string // what the code assigns it to ("BOARD_ID"), when it says
}

// Response is a recorded response (HAR entry, --response).
type Response struct {
	Status     int
	StatusText string
	Headers    []Header
	Body       []byte
	At         Pos
}

// Unit is one thing to judge: a payload, the request around it and the
// response it got. Checks see one unit at a time.
type Unit struct {
	// Label names the unit inside its target for messages ("line 12",
	// "request 2", "entry 5"); empty for a target with one unit.
	Label    string
	Src      *Source // where request-level positions point
	Request  *Request
	Body     *Body // the payload; for a request, the same as Request.Body
	Response *Response
	// Committed marks a request written in a file people commit whose
	// target kind does not say so: a Postman collection saved as .json.
	Committed bool
	// BoardID is a board ID that source code writes outside a URL
	// (const BOARD_ID = "..."), where it stands.
	BoardID *Literal
	// Secrets are keys written elsewhere in the same source (another call
	// on the same line), masked in whatever this unit's findings quote.
	Secrets []string
	// Notes are what the loader could not model or read for this unit
	// ("the body file "x.json" could not be read"): told to the user once
	// per target, never a finding.
	Notes []string
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// Target is one input as the user named it: a file, stdin, or a request
// given with flags. Walk streams its units, so an NDJSON batch of any size
// is judged line by line without being held in memory.
type Target struct {
	Path string
	Kind Kind
	// Walk calls fn for each unit in order and stops at fn's first error.
	// An error of its own means the target could not be read.
	Walk func(fn func(*Unit) error) error
	// Notes are facts about the target worth telling the user ("2 entries
	// on other hosts skipped"); Walk may add to them.
	Notes []string
}
