package aptly

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
)

// The kinds of Problem.
const (
	KindURL        = "url"        // the URL is empty or broken as a whole
	KindWhitespace = "whitespace" // spaces, tabs or newlines in or around the URL
	KindScheme     = "scheme"     // http:// or no scheme instead of https://
	KindHost       = "host"       // missing, unknown, misspelt or other-product host, odd port
	KindPath       = "path"       // a path Aptly does not have, or not a card write
	KindBoardID    = "board-id"   // the board ID is missing or cannot be one
	KindQuery      = "query"      // a broken query string
	KindMethod     = "method"     // the method does not suit the path
	KindGeneration = "generation" // a legacy path on the core host, or the reverse
)

// Problem is one thing wrong with an endpoint URL. Start and End are byte
// offsets into the URL as given (End exclusive). For KindMethod they point
// at the path the method does not suit, since the method is not part of
// the URL.
type Problem struct {
	Kind         string
	Message, Fix string
	Start, End   int
	// Replacement, when Fixable, is the text that replaces URL[Start:End]
	// to mend the problem (an empty Replacement deletes).
	Replacement string
	Fixable     bool
}

// EndpointProblems lists what is wrong with rawURL as the target of a card
// write sent with method (an empty method is not judged). Besides the
// malformed and the misspelt, it reports documented reads used for a write
// (GET on the card path, the schema URL) and POST on a card's own URL.
// A legacy path on the core host, or the reverse, comes as KindGeneration
// and only so.
//
// Placeholders (YOUR_BOARD_ID, {{host}}) are left to the placeholder check:
// no problem is reported inside one.
func EndpointProblems(method, rawURL string) []Problem {
	return endpointProblems(method, rawURL, true)
}

// RequestProblems is EndpointProblems for any request: every documented
// Aptly endpoint is fine with a method it takes, reads included.
func RequestProblems(method, rawURL string) []Problem {
	return endpointProblems(method, rawURL, false)
}

type judge struct {
	e     Endpoint
	write bool
	holes []Placeholder
	out   []Problem
}

func (j *judge) add(p Problem) {
	if j.inHole(p.Start, p.End) {
		return
	}
	j.out = append(j.out, p)
}

// inHole reports whether [start,end) overlaps a placeholder.
func (j *judge) inHole(start, end int) bool {
	for _, h := range j.holes {
		if start < h.End && h.Start < end || start == end && h.Start <= start && start < h.End {
			return true
		}
	}
	return false
}

func endpointProblems(method, rawURL string, write bool) []Problem {
	e, err := ParseEndpoint(rawURL)
	if err != nil {
		return []Problem{{
			Kind: KindURL, Message: "url is empty",
			Fix:   "Give the full card URL, such as " + quote(writeURL(Unknown, "", "")),
			Start: 0, End: len(rawURL),
		}}
	}
	j := &judge{e: e, write: write, holes: Placeholders(rawURL, true)}
	j.whitespace()
	j.scheme()
	j.host()
	j.doubleSlash()
	if e.Op == "" {
		j.unknownPath()
	} else {
		j.knownPath(strings.ToUpper(strings.TrimSpace(method)))
	}
	j.boardID()
	j.query()
	j.generation()
	return j.out
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// writePath is the card write path of generation g (legacy when unknown).
func writePath(g Generation, board string) string {
	if board == "" {
		board = "{boardId}"
	}
	if g == Core {
		return "/api/board/" + board
	}
	return "/api/aptlet/" + board
}

// writeURL is the full card write URL of generation g on host (the
// generation's own host when host is "").
func writeURL(g Generation, host, board string) string {
	if host == "" {
		host = hostOf(g)
	}
	return "https://" + host + writePath(g, board)
}

func hostOf(g Generation) string {
	if g == Core {
		return CoreHost
	}
	return LegacyHosts[0]
}

func (j *judge) whitespace() {
	raw := j.e.Raw
	start, end := trimBounds(raw)
	if start > 0 {
		j.add(Problem{Kind: KindWhitespace, Message: "url starts with whitespace",
			Fix: "Remove the whitespace before the URL", Start: 0, End: start, Fixable: true})
	}
	if end < len(raw) {
		j.add(Problem{Kind: KindWhitespace, Message: "url ends with whitespace",
			Fix: "Remove the whitespace after the URL", Start: end, End: len(raw), Fixable: true})
	}
	for i := start; i < end; {
		if !isSpace(raw[i]) {
			i++
			continue
		}
		k := i
		for k < end && isSpace(raw[k]) {
			k++
		}
		// Whitespace in the board ID is the board ID's problem.
		if !(j.e.BoardIDStart >= 0 && i >= j.e.BoardIDStart && k <= j.e.BoardIDEnd) {
			j.add(Problem{Kind: KindWhitespace, Message: fmt.Sprintf("url contains whitespace %q", raw[i:k]),
				Fix: "Remove the whitespace, or write a needed space as %20", Start: i, End: k})
		}
		i = k
	}
}

func (j *judge) scheme() {
	e := j.e
	if e.HostStart < 0 || j.inHole(e.HostStart, e.HostEnd) || IsLoopback(e.Host) {
		return
	}
	start, _ := trimBounds(e.Raw)
	switch s := strings.ToLower(e.Scheme); s {
	case "https":
	case "":
		if e.Host == "" {
			return
		}
		j.add(Problem{Kind: KindScheme, Message: fmt.Sprintf("url %q has no scheme", strings.TrimSpace(e.Raw)),
			Fix: "Start the URL with https://", Start: start, End: e.HostEnd,
			Replacement: "https://" + e.Raw[start:e.HostEnd], Fixable: true})
	case "http":
		j.add(Problem{Kind: KindScheme, Message: "url uses plain http, which sends the key unencrypted; Aptly's API is served over https",
			Fix: "Use https:// instead of http://", Start: start, End: start + len(e.Scheme),
			Replacement: "https", Fixable: true})
	default:
		j.add(Problem{Kind: KindScheme, Message: fmt.Sprintf("url scheme %q is not https", e.Scheme),
			Fix: "Use https://", Start: start, End: start + len(e.Scheme), Replacement: "https", Fixable: true})
	}
}

func (j *judge) host() {
	e := j.e
	if e.HostStart < 0 || e.Host == "" {
		start, end := trimBounds(e.Raw)
		if e.HostStart >= 0 {
			start, end = e.HostStart, e.HostEnd
		}
		j.add(Problem{Kind: KindHost, Message: "url has no host",
			Fix:   "Write the full URL, such as " + quote(writeURL(e.Generation, "", e.BoardID)),
			Start: start, End: end})
		return
	}
	if j.inHole(e.HostStart, e.HostEnd) || IsLoopback(e.Host) {
		return
	}
	if IsAPIHost(e.Host) {
		if e.Port != "" && e.Port != "443" && !(e.Port == "80" && strings.EqualFold(e.Scheme, "http")) {
			j.add(Problem{Kind: KindHost, Message: fmt.Sprintf("port %q is not one Aptly's API listens on", e.Port),
				Fix: "Remove the port from the URL", Start: e.HostEnd, End: e.HostEnd + 1 + len(e.Port),
				Fixable: true})
		}
		return
	}
	if p, ok := OtherProduct(e.Host); ok {
		j.add(Problem{Kind: KindHost,
			Message: fmt.Sprintf("host %q belongs to %s, a different product from the Aptly at getaptly.com", e.Host, p.Name),
			Fix:     "Send Aptly card requests to " + quote("https://"+LegacyHosts[0]) + " (legacy) or " + quote("https://"+CoreHost) + " (core)",
			Start:   e.HostStart, End: e.HostEnd})
		return
	}
	if s, ok := SuggestHostFor(e.Host, e.Generation); ok {
		msg := fmt.Sprintf("host %q is not an Aptly API host; %q was probably meant", e.Host, s)
		if IsAptlyHost(e.Host) {
			msg = fmt.Sprintf("host %q is an Aptly host but does not serve the card API; %q was probably meant", e.Host, s)
		}
		j.add(Problem{Kind: KindHost, Message: msg, Fix: "Use the host " + quote(s),
			Start: e.HostStart, End: e.HostEnd, Replacement: s, Fixable: true})
		return
	}
	j.add(Problem{Kind: KindHost, Message: fmt.Sprintf("host %q is not an Aptly API host", e.Host),
		Fix:   "Send the request to " + quote("https://"+LegacyHosts[0]) + " (legacy API) or " + quote("https://"+CoreHost) + " (core API)",
		Start: e.HostStart, End: e.HostEnd})
}

func (j *judge) doubleSlash() {
	e := j.e
	for i := e.PathStart; i+1 < e.PathEnd; i++ {
		if e.Raw[i] != '/' || e.Raw[i+1] != '/' {
			continue
		}
		k := i + 1
		for k < e.PathEnd && e.Raw[k] == '/' {
			k++
		}
		if !(e.BoardIDStart >= 0 && i >= e.BoardIDStart && i < e.BoardIDEnd) {
			j.add(Problem{Kind: KindPath, Message: "path has an empty segment (a double slash)",
				Fix: "Remove the extra '/'", Start: i, End: k, Replacement: "/", Fixable: true})
		}
		i = k - 1
	}
}

// opPhrase says what a documented path that is not a card write does; ""
// for a card write or an unknown path.
func opPhrase(op string) string {
	switch op {
	case OpCardList:
		return "lists a board's cards"
	case OpCardSearch:
		return "searches a board's cards"
	case OpCardGet:
		return "reads one card"
	case OpSchema:
		return "reads a board's field list"
	case OpBoards:
		return "lists the company's boards"
	case OpComments:
		return "lists a card's comments"
	case OpContacts:
		return "lists a card's contacts"
	case OpConfiguration:
		return "reads a board's configuration"
	case OpVerifyUser:
		return "checks a delegate token"
	case OpPortal:
		return "belongs to the contact portal API"
	case OpOther:
		return "belongs to a core resource other than cards"
	}
	return ""
}

func (j *judge) pathRange() (int, int) { return j.e.PathStart, j.e.PathEnd }

func (j *judge) knownPath(method string) {
	e := j.e
	ps, pe := j.pathRange()
	fixPath := writePath(e.Generation, e.BoardID)
	if e.BoardIDStart < 0 || strings.ContainsAny(e.BoardID, ":/") {
		fixPath = writePath(e.Generation, "")
	}
	switch {
	case e.Op == OpCardWrite:
		switch method {
		case "", "POST", "OPTIONS":
		case "GET", "HEAD":
			if j.write {
				j.add(Problem{Kind: KindMethod,
					Message: fmt.Sprintf("method %q on %q lists the board's cards; it does not write one", method, e.Path),
					Fix:     "Send the card with POST", Start: ps, End: pe})
			}
		case "DELETE":
			j.add(Problem{Kind: KindMethod,
				Message: fmt.Sprintf("method \"DELETE\" on %q is not part of Aptly's API: cards cannot be deleted through it", e.Path),
				Fix:     "Archive or delete the card in Aptly itself, or send a POST to update it", Start: ps, End: pe})
		default:
			j.add(Problem{Kind: KindMethod,
				Message: fmt.Sprintf("method %q on %q is not accepted; Aptly writes cards with POST", method, e.Path),
				Fix:     "Send the card with POST (with \"_id\" in the body to update an existing card)", Start: ps, End: pe})
		}
	case e.Op == OpCardGet && method != "" && !isRead(method) && method != "OPTIONS":
		msg := fmt.Sprintf("method %q on a card's own URL %q does not write the card", method, e.Path)
		fix := fmt.Sprintf("POST to %q with the card's \"_id\" in the body", fixPath)
		p := Problem{Kind: KindMethod, Message: msg, Fix: fix, Start: ps, End: pe}
		if e.Generation == Core && e.BoardIDStart >= 0 && (method == "POST" || method == "PUT" || method == "PATCH") {
			// The board is in the path: cutting the card ID off mends it.
			p.Start, p.End, p.Fixable = e.BoardIDEnd, e.CardIDEnd, true
			if method != "POST" {
				p.Fixable = false
			}
		}
		j.add(p)
	case !e.AllowsMethod(method):
		j.add(Problem{Kind: KindMethod,
			Message: fmt.Sprintf("method %q is not accepted on %q, which takes %s", method, e.Path, strings.Join(e.Methods(), " or ")),
			Fix:     "Send it with " + strings.Join(e.Methods(), " or "), Start: ps, End: pe})
	case j.write && opPhrase(e.Op) != "":
		j.add(Problem{Kind: KindPath,
			Message: fmt.Sprintf("path %q %s; it is not where cards are written", e.Path, opPhrase(e.Op)),
			Fix:     fmt.Sprintf("Send the card to %q", fixPath), Start: ps, End: pe})
	}
}

// unknownPath explains a path that is none of Aptly's, guessing the card
// write path that was meant when the path resembles one.
func (j *judge) unknownPath() {
	e := j.e
	ps, pe := j.pathRange()
	segs := e.segments()
	g := e.Generation
	if ps == pe {
		j.add(Problem{Kind: KindPath, Message: "url has no path",
			Fix:   fmt.Sprintf("Add the card path, as in %q", writeURL(g, e.Host, "")),
			Start: ps, End: pe, Replacement: writePath(g, ""), Fixable: false})
		return
	}
	// Legacy and core card paths that go on past where they end.
	if e.BoardIDStart >= 0 && (strings.EqualFold(segs[1].text, "aptlet") || strings.EqualFold(segs[1].text, "board")) {
		last := segs[len(segs)-1]
		j.add(Problem{Kind: KindPath,
			Message: fmt.Sprintf("path %q goes on after the board ID %q (a board ID never holds '/')", e.Path, e.BoardID),
			Fix:     fmt.Sprintf("Send the card to %q", writePath(g, e.BoardID)),
			Start:   e.BoardIDEnd, End: last.end, Fixable: true})
		return
	}
	guess, why := guessPath(segs, g)
	msg := fmt.Sprintf("path %q is not an Aptly card endpoint", e.Path)
	if why != "" {
		msg = fmt.Sprintf("path %q is not an Aptly card endpoint: %s", e.Path, why)
	}
	p := Problem{Kind: KindPath, Message: msg, Start: ps, End: pe}
	if guess != "" {
		p.Fix, p.Replacement, p.Fixable = fmt.Sprintf("Use the path %q", guess), guess, !strings.Contains(guess, "{")
	} else {
		p.Fix = fmt.Sprintf("Send cards to %q (legacy API) or %q (core API)", writePath(Legacy, ""), writePath(Core, ""))
	}
	j.add(p)
}

// guessPath returns the card write path a wrong path was probably meant to
// be, and what is wrong with it in a few words; "" when there is no guess.
func guessPath(segs []segment, g Generation) (string, string) {
	words := make([]string, len(segs))
	for i, s := range segs {
		words[i] = strings.ToLower(s.text)
	}
	var why []string
	i := 0
	if i < len(words) && words[i] == "api" {
		i++
	} else {
		why = append(why, "it lacks the /api prefix")
	}
	for i < len(words) && isVersion(words[i]) {
		why = append(why, fmt.Sprintf("Aptly's paths have no version segment %q", segs[i].text))
		i++
	}
	if i < len(words) && words[i] == "api" && len(why) > 0 {
		i++ // "/v1/api/…"
	}
	if i >= len(words) {
		return "", strings.Join(why, "; ")
	}
	fam, rest := words[i], segs[i+1:]
	board := ""
	if len(rest) > 0 {
		board = rest[0].text
	}
	switch {
	case fam == "aptlet" || fam == "board":
		// The family is right; only the prefix or version was wrong.
	case fam == "boards" && board != "":
		why = append(why, "the board's card path is /api/board/{boardId}, singular")
		fam = "board"
	case fam == "cards" || fam == "card":
		why = append(why, "cards are written to the board's path")
		fam, board = "", ""
		if len(rest) > 0 && g == Core {
			board = rest[0].text
		}
	case didyoumean.Distance(fam, "aptlet") <= 2 && len(fam) >= 5:
		why = append(why, fmt.Sprintf("%q is spelt %q", segs[i].text, "aptlet"))
		fam = "aptlet"
	case didyoumean.Distance(fam, "board") <= 1 && len(fam) >= 4:
		why = append(why, fmt.Sprintf("%q is spelt %q", segs[i].text, "board"))
		fam = "board"
	default:
		return "", strings.Join(why, "; ")
	}
	switch fam {
	case "aptlet":
		g = Legacy
	case "board":
		g = Core
	}
	if len(why) == 0 {
		return "", ""
	}
	return writePath(g, board), strings.Join(why, "; ")
}

func isVersion(w string) bool {
	return len(w) >= 2 && w[0] == 'v' && isPort(w[1:])
}

func (j *judge) boardID() {
	e := j.e
	needs := e.Op == OpCardWrite || e.Op == OpSchema
	if e.BoardIDStart < 0 {
		if !needs {
			return
		}
		ps, pe := j.pathRange()
		fix := fmt.Sprintf("Put the board ID in the path: %q", writePath(e.Generation, ""))
		if e.Op == OpSchema {
			fix = "Put the board ID in the path: \"/api/schema/{boardId}\""
		}
		for _, k := range []string{"boardId", "boardID", "board_id", "board", "id"} {
			if v := e.Query[k]; len(v) > 0 && v[0] != "" {
				fix = fmt.Sprintf("Move the board ID %q from the query into the path", v[0])
			}
		}
		j.add(Problem{Kind: KindBoardID, Message: fmt.Sprintf("path %q has no board ID", e.Path),
			Fix: fix, Start: ps, End: pe})
		return
	}
	if j.inHole(e.BoardIDStart, e.BoardIDEnd) {
		return
	}
	id := e.BoardID
	low := strings.ToLower(id)
	if strings.HasPrefix(low, "http:") || strings.HasPrefix(low, "https:") {
		p := Problem{Kind: KindBoardID, Message: fmt.Sprintf("the board ID holds a whole URL %q", id),
			Fix: "Put only the board ID there, not the POST URL it came from", Start: e.BoardIDStart, End: e.BoardIDEnd}
		if inner, err := ParseEndpoint(id); err == nil && inner.BoardIDStart >= 0 && !strings.ContainsAny(inner.BoardID, ":/") {
			p.Fix = fmt.Sprintf("Put only the board ID %q there, not the POST URL it came from", inner.BoardID)
			p.Replacement, p.Fixable = inner.BoardID, true
		}
		j.add(p)
		return
	}
	dec := id
	if u, err := url.PathUnescape(id); err == nil {
		dec = u
	}
	switch {
	case strings.TrimSpace(dec) == "":
		j.add(Problem{Kind: KindBoardID, Message: fmt.Sprintf("the board ID %q is blank", id),
			Fix: "Put the board ID in the path", Start: e.BoardIDStart, End: e.BoardIDEnd})
	case strings.ContainsAny(dec, " \t\r\n\v\f"):
		p := Problem{Kind: KindBoardID, Message: fmt.Sprintf("the board ID %q contains whitespace", id),
			Fix: "Remove the whitespace from the board ID", Start: e.BoardIDStart, End: e.BoardIDEnd}
		if t := strings.TrimSpace(dec); !strings.ContainsAny(t, " \t\r\n\v\f") {
			p.Replacement, p.Fixable = t, true
		}
		j.add(p)
	case strings.ContainsAny(dec, "/?#"):
		c := dec[strings.IndexAny(dec, "/?#"):][:1]
		j.add(Problem{Kind: KindBoardID, Message: fmt.Sprintf("the board ID %q contains an encoded %q", id, c),
			Fix: "Put only the board ID in the path; query parameters go after a literal '?'", Start: e.BoardIDStart, End: e.BoardIDEnd})
	}
}

func (j *judge) query() {
	e := j.e
	qs := e.PathEnd + 1
	if k := strings.IndexByte(e.RawQuery, '?'); k >= 0 {
		j.add(Problem{Kind: KindQuery, Message: "query has a second '?', so the parameters after it become part of a value",
			Fix: "Join query parameters with '&'", Start: qs + k, End: qs + k + 1, Replacement: "&", Fixable: true})
	}
}

func (j *judge) generation() {
	e := j.e
	if e.HostGeneration == Unknown || e.Generation == Unknown || e.Generation == e.HostGeneration {
		return
	}
	segs := e.segments()
	start, end := e.PathStart, e.PathEnd
	if len(segs) >= 2 {
		end = segs[1].end
	}
	if e.Generation == Legacy {
		j.add(Problem{Kind: KindGeneration,
			Message: fmt.Sprintf("legacy path %q sent to the core host %q", e.Raw[start:end], e.Host),
			Fix: fmt.Sprintf("Send legacy requests to %q with the board's own key, or use the core path %q with a company key",
				LegacyHosts[0], writePath(Core, e.BoardID)),
			Start: start, End: end})
		return
	}
	j.add(Problem{Kind: KindGeneration,
		Message: fmt.Sprintf("core path %q sent to the legacy host %q", e.Raw[start:end], e.Host),
		Fix: fmt.Sprintf("Send core requests to %q with a company key, or use the legacy path %q with the board's own key",
			CoreHost, writePath(Legacy, e.BoardID)),
		Start: start, End: end})
}
