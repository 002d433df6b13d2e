package aptly

import (
	"errors"
	"net/url"
	"slices"
	"strings"
)

// The operations an endpoint path stands for, as Endpoint.Op names them.
const (
	OpCardWrite     = "card-write"    // /api/aptlet/{id} or /api/board/{id}: POST writes, GET lists
	OpCardList      = "card-list"     // legacy /api/aptlet/{id}/cards
	OpCardSearch    = "card-search"   // legacy /api/aptlet/{id}/search, seen in use, not documented
	OpCardGet       = "card-get"      // legacy /api/card/{cardId}, core /api/board/{id}/{cardId}
	OpCardField     = "card-field"    // legacy PUT /api/card/{cardId}/fields/{field}, seen in use
	OpSchema        = "schema"        // /api/schema/{id}
	OpBoards        = "boards"        // core /api/boards
	OpComment       = "comment"       // core POST …/{cardId}/comment
	OpComments      = "comments"      // core GET …/{cardId}/comments
	OpContacts      = "contacts"      // core GET …/{cardId}/contacts
	OpFile          = "file"          // core POST …/{cardId}/file
	OpConfiguration = "configuration" // core /api/board/{id}/configuration[/section]
	OpVerifyUser    = "verify-user"   // core POST /api/board/verify-user
	OpPortal        = "portal"        // the contact portal API under /api/portal
	OpOther         = "other"         // another documented core resource (contacts, tasks, users…)
)

// Endpoint is an Aptly URL taken apart. Offsets are byte offsets into the
// raw URL as given, so findings can point at the exact characters.
type Endpoint struct {
	Raw string // the URL as given

	Scheme             string // as written, "" when absent
	Host               string // as written, without userinfo and port
	Port               string // "" when absent
	HostStart, HostEnd int    // -1 when there is no host
	Path               string // as written, "" when absent
	PathStart, PathEnd int    // PathStart == PathEnd when the path is empty
	RawQuery           string // after '?', before '#'

	// Generation comes from the path family (aptlet and card are legacy,
	// board and boards are core) and, for paths both generations share or
	// unknown paths, from the host.
	Generation Generation
	// HostGeneration comes from the host alone.
	HostGeneration Generation

	// Op is one of the Op constants, "" when the path is not one Aptly has.
	Op string

	BoardID                  string // as written in the path; may be a placeholder
	BoardIDStart, BoardIDEnd int    // -1 when the path has no board ID
	CardID                   string // as written in the path
	CardIDStart, CardIDEnd   int    // -1 when the path has no card ID
	Section                  string // the configuration section, or the field of OpCardField

	// Query holds the query parameters, percent-decoded where they decode.
	Query map[string][]string
}

// ErrEmptyURL is returned by ParseEndpoint for an empty or blank URL.
var ErrEmptyURL = errors.New("empty url")

// ParseEndpoint takes rawURL apart as an Aptly endpoint of either
// generation. It is lenient: a URL with no scheme, a misspelt host or an
// unknown path still parses (Op is then ""); only a blank URL is an error.
func ParseEndpoint(rawURL string) (Endpoint, error) {
	e := Endpoint{
		Raw: rawURL, HostStart: -1, HostEnd: -1,
		BoardIDStart: -1, BoardIDEnd: -1, CardIDStart: -1, CardIDEnd: -1,
	}
	start, end := trimBounds(rawURL)
	if start == end {
		return e, ErrEmptyURL
	}
	i := start
	// The fragment never reaches the server; cut it off first.
	if j := strings.IndexByte(rawURL[i:end], '#'); j >= 0 {
		end = i + j
	}
	if j := strings.Index(rawURL[i:end], "://"); j >= 0 && isScheme(rawURL[i:i+j]) {
		e.Scheme = rawURL[i : i+j]
		i += j + 3
	} else if strings.HasPrefix(rawURL[i:end], "//") {
		i += 2
	}
	// The authority runs to the first '/', '?' (or the end). A URL that
	// starts with '/' has none.
	if !(e.Scheme == "" && strings.HasPrefix(rawURL[i:end], "/") && !strings.HasPrefix(rawURL[start:end], "//")) {
		a := i
		for a < end && rawURL[a] != '/' && rawURL[a] != '?' {
			a++
		}
		hs := i
		if k := strings.LastIndexByte(rawURL[i:a], '@'); k >= 0 {
			hs = i + k + 1
		}
		he := a
		if strings.HasPrefix(rawURL[hs:a], "[") {
			if k := strings.IndexByte(rawURL[hs:a], ']'); k >= 0 {
				he = hs + k + 1
			}
		} else if k := strings.LastIndexByte(rawURL[hs:a], ':'); k >= 0 && isPort(rawURL[hs+k+1:a]) {
			he = hs + k
		}
		if he < a && rawURL[he] == ':' {
			e.Port = rawURL[he+1 : a]
		}
		e.Host, e.HostStart, e.HostEnd = rawURL[hs:he], hs, he
		i = a
	}
	e.PathStart = i
	for i < end && rawURL[i] != '?' {
		i++
	}
	e.PathEnd = i
	e.Path = rawURL[e.PathStart:e.PathEnd]
	if i < end {
		e.RawQuery = rawURL[i+1 : end]
	}
	e.Query = parseQuery(e.RawQuery)
	e.HostGeneration = HostGeneration(e.Host)
	e.classify()
	return e, nil
}

// trimBounds returns the bounds of s without surrounding whitespace.
func trimBounds(s string) (int, int) {
	start, end := 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	return start, end
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

func isPort(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseQuery splits a query like url.ParseQuery but keeps going past bad
// escapes (keeping the raw text) and treats ';' as an ordinary character.
func parseQuery(q string) map[string][]string {
	out := map[string][]string{}
	for _, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out[unescape(k)] = append(out[unescape(k)], unescape(v))
	}
	return out
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// segment is one non-empty piece of a path with its offsets in the raw URL.
type segment struct {
	text       string
	start, end int
}

func (e *Endpoint) segments() []segment {
	var segs []segment
	i := e.PathStart
	for i < e.PathEnd {
		if e.Raw[i] == '/' {
			i++
			continue
		}
		j := i
		for j < e.PathEnd && e.Raw[j] != '/' {
			j++
		}
		segs = append(segs, segment{e.Raw[i:j], i, j})
		i = j
	}
	return segs
}

// coreResource reports whether w is the first path word, after /api, of
// one of the core API's documented resources that are not boards or cards.
func coreResource(w string) bool {
	switch w {
	case "users", "inboxes", "company", "contacts", "knowledge", "email", "app", "templates",
		"tasks", "routing-groups", "files", "platform":
		return true
	}
	return false
}

// classify fills Op, the IDs and Generation from the path.
func (e *Endpoint) classify() {
	segs := e.segments()
	word := func(i int) string {
		if i < len(segs) {
			return strings.ToLower(segs[i].text)
		}
		return ""
	}
	e.Generation = e.HostGeneration
	if word(0) != "api" {
		return
	}
	switch word(1) {
	case "aptlet":
		e.Generation = Legacy
		e.Op = OpCardWrite
		if !e.takeBoard(segs, 2) {
			return
		}
		switch {
		case len(segs) == 3:
		case len(segs) == 4 && word(3) == "cards":
			e.Op = OpCardList
		case len(segs) == 4 && word(3) == "search":
			e.Op = OpCardSearch
		default:
			e.Op = ""
		}
	case "card":
		e.Generation = Legacy
		e.Op = OpCardGet
		if len(segs) > 2 {
			e.CardID, e.CardIDStart, e.CardIDEnd = segs[2].text, segs[2].start, segs[2].end
		}
		switch {
		case len(segs) <= 3:
		case len(segs) == 5 && word(3) == "fields":
			e.Op, e.Section = OpCardField, segs[4].text
		default:
			e.Op = ""
		}
	case "schema":
		e.Op = OpSchema
		if e.takeBoard(segs, 2) && len(segs) > 3 {
			e.Op = ""
		}
	case "portal":
		e.Op = OpPortal
	case "boards":
		e.Generation = Core
		e.Op = OpBoards
		if len(segs) > 2 {
			e.Op = ""
		}
	case "board":
		e.Generation = Core
		e.classifyCoreBoard(segs, word)
	default:
		if coreResource(word(1)) {
			e.Generation, e.Op = Core, OpOther
		}
	}
}

func (e *Endpoint) classifyCoreBoard(segs []segment, word func(int) string) {
	if word(2) == "verify-user" && len(segs) == 3 {
		e.Op = OpVerifyUser
		return
	}
	e.Op = OpCardWrite
	if !e.takeBoard(segs, 2) {
		return
	}
	switch n := len(segs); {
	case n == 3:
	case word(3) == "configuration" && n <= 5:
		e.Op = OpConfiguration
		if n == 5 {
			e.Section = segs[4].text
		}
	case word(3) == "tabview" && n == 4:
		e.Op, e.Section = OpConfiguration, segs[3].text
	case n == 4 || n == 5:
		e.Op = OpCardGet
		e.CardID, e.CardIDStart, e.CardIDEnd = segs[3].text, segs[3].start, segs[3].end
		if n == 5 {
			switch word(4) {
			case "comment":
				e.Op = OpComment
			case "comments":
				e.Op = OpComments
			case "contacts":
				e.Op = OpContacts
			case "file":
				e.Op = OpFile
			default:
				e.Op = ""
			}
		}
	default:
		e.Op = ""
	}
}

// takeBoard records segs[i] as the board ID and reports whether there was
// one. A whole URL pasted where the ID belongs ("…/aptlet/https://…") is
// kept whole as the board ID, so that it can be reported as one.
func (e *Endpoint) takeBoard(segs []segment, i int) bool {
	if i >= len(segs) {
		return false
	}
	s := segs[i]
	if l := strings.ToLower(s.text); l == "http:" || l == "https:" {
		e.BoardID, e.BoardIDStart, e.BoardIDEnd = e.Raw[s.start:e.PathEnd], s.start, e.PathEnd
		return false
	}
	e.BoardID, e.BoardIDStart, e.BoardIDEnd = s.text, s.start, s.end
	return true
}

// Operation names what a request with method does at this endpoint: GET on
// the card-write path lists cards ("card-list"), POST there writes one.
func (e Endpoint) Operation(method string) string {
	if e.Op == OpCardWrite && isRead(method) {
		return OpCardList
	}
	return e.Op
}

func isRead(method string) bool {
	m := strings.ToUpper(strings.TrimSpace(method))
	return m == "GET" || m == "HEAD"
}

// Methods returns the HTTP methods Aptly documents (or is seen to accept)
// for the endpoint's path; nil when the path is unknown or any method may
// be right (OpOther, OpPortal).
func (e Endpoint) Methods() []string {
	switch e.Op {
	case OpCardWrite:
		return []string{"GET", "POST"}
	case OpCardList, OpCardSearch, OpCardGet, OpSchema, OpBoards, OpComments, OpContacts:
		return []string{"GET"}
	case OpConfiguration:
		if e.Section == "" || !strings.EqualFold(e.Section, "tabViews") && !strings.EqualFold(e.Section, "tabView") {
			return []string{"GET"}
		}
		return []string{"POST"}
	case OpComment, OpFile, OpVerifyUser:
		return []string{"POST"}
	case OpCardField:
		return []string{"PUT"}
	}
	return nil
}

// AllowsMethod reports whether method suits the endpoint's path. HEAD goes
// with GET and OPTIONS (a browser's preflight) with anything; an empty
// method is not judged.
func (e Endpoint) AllowsMethod(method string) bool {
	m := strings.ToUpper(strings.TrimSpace(method))
	if m == "" || m == "OPTIONS" {
		return true
	}
	if m == "HEAD" {
		m = "GET"
	}
	ms := e.Methods()
	return ms == nil || slices.Contains(ms, m)
}
