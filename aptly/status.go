package aptly

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Cause is one reason behind a status or an error body, with what to do.
type Cause struct {
	Text string // what went wrong, lowercase, no trailing period
	Fix  string // an imperative phrase
}

// Status is what an HTTP status code means when Aptly answers with it.
type Status struct {
	Code    int
	Title   string // a few words: "unauthorized"
	Meaning string // one or two sentences
	Causes  []Cause
}

// The causes the status table and the error bodies share.
var (
	causeMissingKey = Cause{
		Text: "the request carries no x-token header (and no ?x-token= parameter)",
		Fix:  "Send the API key from Card Sources > API in the header x-token",
	}
	causeOtherBoardKey = Cause{
		Text: "the key belongs to another board: a legacy key opens only the board it was made on",
		Fix:  "Use the key shown beside this board's POST URL in Card Sources > API",
	}
	causeBadKey = Cause{
		Text: "the key is wrong, was regenerated, or has a typo, quotes or stray spaces in it",
		Fix:  "Copy the key again from Card Sources > API and send it as it is",
	}
	causeExpiredKey = Cause{
		Text: "the company key has expired or was archived",
		Fix:  "Create a new key under Card Sources > API > Create New Key",
	}
	causeCrossGeneration = Cause{
		Text: "a key of one API generation was sent to the other (a board key to core-api, a company key to /api/aptlet)",
		Fix:  "Send legacy board keys to /api/aptlet/{boardId} and company keys to core-api.getaptly.com/api/board/{boardId}",
	}
	causeBoardNotFound = Cause{
		Text: "the board ID does not exist for this key, often because it was copied from another environment or account than the key",
		Fix:  "Compare the board ID with the POST URL shown in Card Sources > API for the key in use",
	}
	causeCoreBoardElsewhere = Cause{
		Text: "the board is not in the key's company (an ID from another environment or account, or a typo)",
		Fix:  "List the key's boards with GET /api/boards and use an ID from that list",
	}
	causeCardGone = Cause{
		Text: "the card ID does not exist or the card was deleted",
		Fix:  "List the board's cards again and use an ID from that list",
	}
	causeBadJSON = Cause{
		Text: "the body is not valid JSON",
		Fix:  "Validate the body as JSON (aptly-doctor check shows where it breaks)",
	}
	causeNoContentType = Cause{
		Text: "the Content-Type header is missing or is not application/json",
		Fix:  `Add the header -H "Content-Type: application/json"`,
	}
	causeAPIOff = Cause{
		Text: "the API is turned off for this board, so no company key may use it",
		Fix:  "Turn the API on for the board under Card Sources > API",
	}
	causeNoPermission = Cause{
		Text: "the key may not touch this resource",
		Fix:  "Use a key made for this board, or ask an Aptly admin for access",
	}
	causeTooFast = Cause{
		Text: "too many requests in a short time (core: 120 a minute per key, bursts of 20 a second; a company's keys share the limit)",
		Fix:  "Wait for the seconds the Retry-After header gives, then retry more slowly; cache the schema and pause between pages",
	}
	causeServer = Cause{
		Text: "something failed on Aptly's side",
		Fix:  "Retry after a short wait; if it keeps failing, send Aptly support the request and the time it was sent",
	}
)

// StatusInfo tells what code means in Aptly's answer, for generation g
// (Unknown merges what both generations say). It knows 200, the redirects,
// 400, 401, 403, 404, 405, 413, 415, 429 and every 5xx.
func StatusInfo(code int, g Generation) (Status, bool) {
	s := Status{Code: code}
	switch {
	case code == 200 || code == 201:
		s.Title = "success"
		s.Meaning = "The request worked. A card write answers with the card's ID: {\"_id\": …} on the legacy API, {\"data\": {\"_id\": …}} on the core API."
		if code == 201 {
			s.Meaning = "The request worked and something was created. Aptly's documents only promise 200 for this."
		}
	case code == 301 || code == 302 || code == 303 || code == 307 || code == 308:
		s.Title = "redirect"
		s.Meaning = "The request was sent somewhere else, usually from http:// to https://. Many clients follow a 301, 302 or 303 with a GET and drop the body, so a card write may never arrive."
		s.Causes = []Cause{{
			Text: "the URL uses http:// or an old host",
			Fix:  "Send the request straight to the https:// URL of an Aptly API host",
		}}
	case code == 400:
		s.Title = "bad request"
		s.Meaning = "Aptly could not read the request: the body is not valid JSON, or it was not sent as JSON."
		s.Causes = []Cause{causeBadJSON, causeNoContentType}
		if g != Legacy {
			s.Meaning = "Aptly could not read the request: the body is not valid JSON, was not sent as JSON, or (core) holds a value Aptly refuses, such as an unknown field or a bad date; a file upload without a file or with a refused type also gets 400."
			s.Causes = append(s.Causes, Cause{
				Text: "a value does not fit its field, or a key names no field of the board",
				Fix:  "Check the body against the board's fields (GET /api/schema/{boardId})",
			})
		}
	case code == 401:
		s.Title = "unauthorized"
		switch g {
		case Legacy:
			s.Meaning = "The legacy API did not accept the key: it is missing, wrong, or made for a different board than the one in the URL."
			s.Causes = []Cause{causeMissingKey, causeOtherBoardKey, causeBadKey, causeCrossGeneration}
		case Core:
			s.Meaning = "The core API did not accept the key: it is missing, wrong, expired or archived."
			s.Causes = []Cause{causeMissingKey, causeBadKey, causeExpiredKey, causeCrossGeneration}
		default:
			s.Meaning = "Aptly did not accept the key: it is missing or wrong; on the legacy API it may belong to another board, on the core API it may have expired or been archived."
			s.Causes = []Cause{causeMissingKey, causeOtherBoardKey, causeBadKey, causeExpiredKey, causeCrossGeneration}
		}
	case code == 403:
		s.Title = "forbidden"
		switch g {
		case Legacy:
			s.Meaning = "The key was recognised but may not use this resource."
			s.Causes = []Cause{causeNoPermission}
		case Core:
			s.Meaning = "The key is valid, but the API is not turned on for this board."
			s.Causes = []Cause{causeAPIOff}
		default:
			s.Meaning = "The key was recognised but may not use this resource; on the core API this means the API is turned off for the board."
			s.Causes = []Cause{causeAPIOff, causeNoPermission}
		}
	case code == 404:
		s.Title = "not found"
		switch g {
		case Legacy:
			s.Meaning = "The board, card or contact in the URL does not exist."
			s.Causes = []Cause{causeBoardNotFound, causeCardGone}
		case Core:
			s.Meaning = "The board or card does not exist within the key's company."
			s.Causes = []Cause{causeCoreBoardElsewhere, causeCardGone}
		default:
			s.Meaning = "The board, card or contact in the URL does not exist (on the core API: not within the key's company)."
			s.Causes = []Cause{causeBoardNotFound, causeCoreBoardElsewhere, causeCardGone}
		}
		s.Causes = append(s.Causes, Cause{
			Text: "the path is wrong, so no such endpoint exists",
			Fix:  "Check the URL with aptly-doctor check --url",
		})
	case code == 405:
		s.Title = "method not allowed"
		s.Meaning = "The path exists but does not take this method: cards are written with POST and read with GET."
		s.Causes = []Cause{{Text: "the method does not suit the path", Fix: "Write cards with POST to the board's card URL"}}
	case code == 413:
		s.Title = "payload too large"
		s.Meaning = "The body is bigger than the server takes; files may be at most 50 MB."
		s.Causes = []Cause{{Text: "the body or file is too big", Fix: "Send a smaller body, or upload large files through the file endpoint"}}
	case code == 415:
		s.Title = "unsupported media type"
		s.Meaning = "The body was not sent in a format the endpoint reads."
		s.Causes = []Cause{causeNoContentType}
	case code == 429:
		s.Title = "too many requests"
		s.Meaning = "The key sent more requests than its rate limit allows. The answer carries a Retry-After header with the seconds to wait."
		if g == Legacy {
			s.Meaning = "The key sent more requests than the rate limit allows; the legacy documents give no numbers. Wait before retrying, longer each time."
		}
		s.Causes = []Cause{causeTooFast}
	case code == 500:
		s.Title = "internal server error"
		s.Meaning = "Something went wrong inside Aptly; these are rare. The request itself may be fine."
		s.Causes = []Cause{causeServer}
	case code >= 501 && code <= 599:
		s.Title = "server error"
		s.Meaning = "Aptly, or a gateway in front of it, failed or was unavailable. The request itself may be fine."
		s.Causes = []Cause{causeServer}
	default:
		return Status{}, false
	}
	return s, true
}

// The kinds of ErrorBody.
const (
	ErrUnauthorized = "unauthorized"
	ErrForbidden    = "forbidden"
	ErrAPIDisabled  = "api-disabled"
	ErrNotFound     = "not-found"
	ErrBadRequest   = "bad-request"
	ErrRateLimited  = "rate-limited"
	ErrServer       = "server-error"
	ErrEmailSend    = "email-send-failure"
	ErrOther        = "other" // a core {"error", "message"} body of no known kind
)

// ErrorBody is an Aptly error answer recognised from its body alone.
type ErrorBody struct {
	Status int    // the status the body goes with; 0 when the body does not say
	Kind   string // one of the Err constants
	Text   string // the body's own words (error, message or reason), trimmed
	// Generation is the one whose shape the body has; Unknown when both
	// answer this way.
	Generation Generation
	Causes     []Cause
}

// RecognizeErrorBody identifies the error bodies Aptly sends:
// {"error": "Unauthorized"} and its kin, the core rate-limit body
// {"reason": "Rate limit exceeded…"}, the core {"error", "message"} shape,
// and the same words as plain text. Case, spacing and punctuation of the
// words do not matter.
func RecognizeErrorBody(body []byte) (ErrorBody, bool) {
	b := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(b) == 0 {
		return ErrorBody{}, false
	}
	var v any
	if json.Unmarshal(b, &v) != nil {
		return fromText(string(b), Unknown)
	}
	switch v := v.(type) {
	case string:
		return fromText(v, Unknown)
	case map[string]any:
		return fromObject(v)
	}
	return ErrorBody{}, false
}

func fromObject(m map[string]any) (ErrorBody, bool) {
	str := func(name string) (string, bool) {
		for k, v := range m {
			if strings.EqualFold(strings.TrimSpace(k), name) {
				if s, ok := v.(string); ok {
					return strings.TrimSpace(s), true
				}
			}
		}
		return "", false
	}
	errText, hasErr := str("error")
	msg, hasMsg := str("message")
	reason, hasReason := str("reason")
	switch {
	case hasReason && !hasErr:
		eb, ok := fromText(reason, Core)
		if !ok && strings.Contains(words(reason), "rate limit") {
			eb, ok = fromText("rate limit exceeded", Core)
		}
		if ok {
			eb.Text = reason
		}
		return eb, ok
	case hasErr && hasMsg:
		// The core Error shape: the message is the more telling half.
		if eb, ok := fromText(msg, Core); ok {
			eb.Text = msg
			return eb, true
		}
		if eb, ok := fromText(errText, Core); ok {
			eb.Text = msg
			if msg == "" {
				eb.Text = errText
			}
			return eb, true
		}
		return ErrorBody{Kind: ErrOther, Text: strings.TrimSpace(errText + ": " + msg), Generation: Core}, true
	case hasErr:
		return fromText(errText, Unknown)
	case hasMsg:
		return fromText(msg, Unknown)
	}
	return ErrorBody{}, false
}

// words lowercases s and reduces punctuation, underscores and runs of
// spaces to single spaces.
func words(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// fromText recognises an error from its words alone.
func fromText(text string, g Generation) (ErrorBody, bool) {
	w := words(text)
	// "401 Unauthorized", "HTTP 404 Not Found": the code in front says the same.
	code := 0
	if f := strings.Fields(w); len(f) > 1 {
		if f[0] == "http" && len(f) > 2 {
			f = f[1:]
		}
		if n, err := strconv.Atoi(f[0]); err == nil && n >= 100 && n <= 599 {
			code = n
			w = strings.Join(f[1:], " ")
		}
	}
	eb := ErrorBody{Text: strings.TrimSpace(text), Generation: g}
	switch {
	case w == "unauthorized" || w == "unauthorised" || w == "invalid api key" || w == "invalid token" ||
		strings.HasPrefix(w, "missing x token") || strings.HasPrefix(w, "invalid x token"):
		eb.Status, eb.Kind = 401, ErrUnauthorized
		eb.Causes = []Cause{causeMissingKey, causeOtherBoardKey, causeBadKey}
		if g == Core {
			eb.Causes = []Cause{causeMissingKey, causeBadKey, causeExpiredKey}
		}
	case strings.Contains(w, "api") && strings.Contains(w, "not enabled"):
		eb.Status, eb.Kind = 403, ErrAPIDisabled
		eb.Causes = []Cause{causeAPIOff}
	case w == "forbidden":
		eb.Status, eb.Kind = 403, ErrForbidden
		eb.Causes = []Cause{causeAPIOff, causeNoPermission}
	case w == "not found" || w == "notfound" || strings.HasSuffix(w, " not found") || strings.Contains(w, "not within your company"):
		eb.Status, eb.Kind = 404, ErrNotFound
		eb.Causes = []Cause{causeBoardNotFound, causeCardGone}
		if g == Core {
			eb.Causes = []Cause{causeCoreBoardElsewhere, causeCardGone}
		}
		if strings.HasPrefix(w, "card ") {
			eb.Causes = []Cause{causeCardGone}
		}
	case w == "bad request" || w == "badrequest" || w == "invalid json" || strings.HasPrefix(w, "malformed"):
		eb.Status, eb.Kind = 400, ErrBadRequest
		eb.Causes = []Cause{causeBadJSON, causeNoContentType}
	case w == "too many requests" || strings.HasPrefix(w, "rate limit"):
		eb.Status, eb.Kind = 429, ErrRateLimited
		eb.Causes = []Cause{causeTooFast}
	case w == "email send failure":
		eb.Status, eb.Kind = 500, ErrEmailSend
		eb.Causes = []Cause{{
			Text: "Aptly could not send the verification e-mail to the contact",
			Fix:  "Retry later; check the contact's e-mail address",
		}}
	case w == "internal server error" || w == "server error" || w == "bad gateway" ||
		w == "service unavailable" || w == "gateway timeout":
		eb.Status, eb.Kind = 500, ErrServer
		switch w {
		case "bad gateway":
			eb.Status = 502
		case "service unavailable":
			eb.Status = 503
		case "gateway timeout":
			eb.Status = 504
		}
		eb.Causes = []Cause{causeServer}
	default:
		return ErrorBody{}, false
	}
	if code != 0 {
		eb.Status = code
	}
	return eb, true
}
