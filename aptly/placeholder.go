package aptly

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// The kinds of Placeholder.
const (
	PlaceholderKnown     = "known"      // a published or customary dummy value: YOUR_API_KEY, xToken_example
	PlaceholderPathParam = "path-param" // a route parameter left in a URL: :boardId, {boardId}
	PlaceholderMustache  = "mustache"   // an unrendered {{template}}
	PlaceholderShell     = "shell"      // an unexpanded ${VAR} (or $VAR when asked for)
	PlaceholderAngle     = "angle"      // a <token> to fill in
)

// Placeholder is template text or a dummy value left where a real value
// belongs. Start and End are byte offsets into the scanned text.
type Placeholder struct {
	Start, End int
	Text       string // s[Start:End]
	Kind       string
}

// PlaceholderOptions tunes FindPlaceholders.
type PlaceholderOptions struct {
	// InURL scans a URL: route parameters (:boardId, {name}) count there,
	// while in a body or header only a few well-known {name}s do.
	InURL bool
	// BareShell also reports $VAR without braces. Off by default because a
	// body may hold a "$" price or a literal dollar sign.
	BareShell bool
}

// Placeholders finds placeholders in s, a URL when inURL is set, or else a
// header value or body. Ordinary prose ("your key will arrive", "a < b"),
// e-mail addresses, HTML tags and prices are not placeholders. The result
// is sorted by offset; a placeholder inside another is not repeated.
func Placeholders(s string, inURL bool) []Placeholder {
	return FindPlaceholders(s, PlaceholderOptions{InURL: inURL})
}

var (
	// knownRes are customary dummy values; matches must stand as whole
	// words, which the patterns' \b (ASCII word characters) ensures. Each
	// runs only when the text holds one of its triggers (in the lowercased
	// text when fold is set): regexps are slow, and most bodies hold none.
	knownRes = []struct {
		re       *lazyre.Regexp
		triggers []string
		fold     bool
	}{
		{re: lazyre.New(`\b(?:YOUR|MY)_[A-Z0-9_]*(?:KEY|TOKEN|ID|SECRET|BOARD|CARD|URL|HOST|PASSWORD|NAME|EMAIL)\b`),
			triggers: []string{"YOUR_", "MY_"}},
		{re: lazyre.New(`\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_HERE\b`), triggers: []string{"_HERE"}},
		{re: lazyre.New(`\b(?:REPLACE|INSERT|ENTER|PASTE|CHANGE)_?ME\b|\b(?:REPLACE|INSERT|ENTER|PASTE)_[A-Z0-9_]*[A-Z0-9]\b`),
			triggers: []string{"REPLACE", "INSERT", "ENTER", "PASTE", "CHANGE"}},
		{re: lazyre.New(`(?i)\b(?:your|my)[-_](?:api[-_]?)?(?:key|token|x[-_]?token|board[-_]?id|card[-_]?id|secret)\b`),
			triggers: []string{"your-", "your_", "my-", "my_"}, fold: true},
		{re: lazyre.New(`\b(?:your|my)(?:Api|API)?(?:Key|Token|XToken|BoardId|BoardID|CardId|CardID|Secret)\b`),
			triggers: []string{"yourA", "yourK", "yourT", "yourX", "yourB", "yourC", "yourS", "myA", "myK", "myT", "myX", "myB", "myC", "myS"}},
		{re: lazyre.New(`\b[a-z][A-Za-z0-9]*_example\b`), triggers: []string{"_example"}},
		{re: lazyre.New(`(?i)\bx{6,}\b`), triggers: []string{"xxxxxx"}, fold: true},
	}
	identRe = lazyre.New(`^[A-Za-z_][A-Za-z0-9_.-]*$`)
)

// knownAngle reports whether the lowercased angle token is a customary
// dummy value itself. These word lists are switch statements, not maps:
// nothing is built at start-up.
func knownAngle(low string) bool {
	switch low {
	case "<your-key>", "<your-api-key>", "<your-token>", "<your-board-id>":
		return true
	}
	return false
}

// angleWord reports whether the lowercase single word, in angle brackets,
// asks to be filled in.
func angleWord(low string) bool {
	switch low {
	case "token", "key", "apikey", "boardid", "cardid", "id", "secret", "password", "board",
		"card", "value", "name", "url", "host", "uuid", "email", "user", "username", "hostname",
		"domain", "company", "xtoken", "field", "fieldkey":
		return true
	}
	return false
}

// htmlTag reports whether the lowercase name is an element name an angle
// token must not be mistaken for.
func htmlTag(low string) bool {
	switch low {
	case "a", "abbr", "article", "aside", "b", "blockquote", "body", "br", "button", "caption",
		"center", "code", "col", "dd", "del", "details", "div", "dl", "dt", "em", "figure", "font",
		"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i",
		"iframe", "img", "input", "ins", "kbd", "label", "li", "link", "main", "mark", "meta",
		"nav", "ol", "option", "p", "pre", "q", "s", "script", "section", "select", "small",
		"span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "textarea",
		"tfoot", "th", "thead", "title", "tr", "u", "ul", "video", "svg":
		return true
	}
	return false
}

// keyishBrace reports whether the lowercased {name} is a placeholder even
// outside a URL, where a lone {word} could be ordinary text.
func keyishBrace(low string) bool {
	switch low {
	case "boardid", "board_id", "board-id", "apikey", "api_key", "api-key", "token", "xtoken",
		"x-token", "x_token", "cardid", "card_id", "card-id", "key", "secret", "accesstoken",
		"access_token":
		return true
	}
	return false
}

// FindPlaceholders is Placeholders with options.
func FindPlaceholders(s string, o PlaceholderOptions) []Placeholder {
	if !mayHold(s, o) {
		return nil // the common case: ordinary text, decided in one pass
	}
	return findPlaceholders(s, o)
}

// mayHold reports whether s could hold a placeholder at all, in one pass
// over its bytes with no allocation. It must never say no where
// findPlaceholders would find one (a fuzz test holds it to that): every
// pattern needs one of these marks. '_' (YOUR_KEY, _HERE, _example),
// "your-"/"my-", a camelCase "yourApiKey", a run of four capitals
// (REPLACEME), six x's, '<', '{', '$', or ':' in a URL. Runs of ordinary
// bytes (lowercase, digits, spaces, most punctuation) are skipped through a
// table, since a card's text is mostly that.
func mayHold(s string, o PlaceholderOptions) bool {
	caps, xs := 0, 0
	for i := 0; i < len(s); i++ {
		if holdClass[s[i]] == holdPlain {
			for i+1 < len(s) && holdClass[s[i+1]] == holdPlain {
				i++
			}
			caps, xs = 0, 0
			continue
		}
		switch c := s[i]; holdClass[c] {
		case holdMark:
			return true
		case holdColon:
			if o.InURL {
				return true
			}
			caps, xs = 0, 0
		case holdDash:
			if endsFold(s[:i], "your") || endsFold(s[:i], "my") {
				return true
			}
			caps, xs = 0, 0
		case holdUpper, holdX:
			if caps++; caps >= 4 {
				return true
			}
			if endsFold(s[:i], "your") || endsFold(s[:i], "my") {
				return true
			}
			if c != 'X' {
				xs = 0
			} else if xs++; xs >= 6 {
				return true
			}
		case holdLowerX:
			caps = 0
			if xs++; xs >= 6 {
				return true
			}
		}
	}
	return false
}

// JSONMayHold reports whether any key or string in the JSON text raw could
// hold a placeholder, so a check can skip walking a decoded body that
// cannot. Without escapes each string stands in raw byte for byte between
// its quotes, and mayHold looks only inside it; an escape could spell any
// mark, so a body with one is always walked. The braces and colons of the
// JSON itself are outside strings and do not count.
func JSONMayHold(raw []byte) bool {
	if bytes.IndexByte(raw, '\\') >= 0 {
		return true
	}
	for {
		i := bytes.IndexByte(raw, '"')
		if i < 0 {
			return false
		}
		raw = raw[i+1:]
		j := bytes.IndexByte(raw, '"')
		if j < 0 {
			return true // not JSON after all: let the walk decide
		}
		if mayHold(unsafe.String(unsafe.SliceData(raw), j), PlaceholderOptions{}) {
			return true
		}
		raw = raw[j+1:]
	}
}

// Byte classes for mayHold.
const (
	holdPlain  = iota
	holdMark   // '_', '<', '{', '$': always a maybe
	holdColon  // ':', a maybe in a URL
	holdDash   // '-', after "your" or "my"
	holdUpper  // 'A'-'Z' but 'X'
	holdX      // 'X', a capital and an x
	holdLowerX // 'x'
)

var holdClass = [256]uint8{
	'_': holdMark, '<': holdMark, '{': holdMark, '$': holdMark,
	':': holdColon,
	'-': holdDash,
	'A': holdUpper, 'B': holdUpper, 'C': holdUpper, 'D': holdUpper, 'E': holdUpper, 'F': holdUpper,
	'G': holdUpper, 'H': holdUpper, 'I': holdUpper, 'J': holdUpper, 'K': holdUpper, 'L': holdUpper,
	'M': holdUpper, 'N': holdUpper, 'O': holdUpper, 'P': holdUpper, 'Q': holdUpper, 'R': holdUpper,
	'S': holdUpper, 'T': holdUpper, 'U': holdUpper, 'V': holdUpper, 'W': holdUpper, 'X': holdX,
	'Y': holdUpper, 'Z': holdUpper,
	'x': holdLowerX,
}

// endsFold reports whether s ends with the lowercase word w, ignoring ASCII case.
func endsFold(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	tail := s[len(s)-len(w):]
	for i := 0; i < len(w); i++ {
		c := tail[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// findPlaceholders is the full search, for text that may hold one.
func findPlaceholders(s string, o PlaceholderOptions) []Placeholder {
	var found []Placeholder
	add := func(start, end int, kind string) {
		found = append(found, Placeholder{Start: start, End: end, Text: s[start:end], Kind: kind})
	}
	lower := ""
	for _, k := range knownRes {
		text := s
		if k.fold {
			if lower == "" {
				lower = prose.LowerASCII(s)
			}
			text = lower
		}
		for _, w := range triggerWords(text, k.triggers) {
			for _, m := range k.re.Get().FindAllStringIndex(s[w[0]:w[1]], -1) {
				add(w[0]+m[0], w[0]+m[1], PlaceholderKnown)
			}
		}
	}
	var closed map[string]bool // closing tags in s, found once on demand
	for _, m := range angleMatches(s) {
		if closed == nil {
			closed = closingTags(s)
		}
		if kind, ok := angleKind(closed, s[m[0]:m[1]], s[m[2]:m[3]]); ok {
			add(m[0], m[1], kind)
		}
	}
	scanBraces(s, o, add)
	if o.InURL {
		scanRouteParams(s, add)
	}
	return tidy(found)
}

// closingTags returns the lowercased names of the </name> tags in s: an
// angle token that is closed later is an HTML element, not a placeholder.
func closingTags(s string) map[string]bool {
	out := map[string]bool{}
	for i := 0; ; {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return out
		}
		i += k + 2
		if e := strings.IndexByte(s[i:], '>'); e >= 0 && e <= 64 {
			out[strings.ToLower(s[i:i+e])] = true
		}
	}
}

func isWordByte(c byte) bool { return isIdentByte(c) || c == '-' }

// triggerWords returns the runs of word characters (letters, digits, '_'
// and '-') that hold a trigger, sorted and without repeats. The known
// patterns match inside one such run, so running them on the runs alone
// gives the same matches as on all of s, far faster on a big body.
func triggerWords(s string, triggers []string) [][2]int {
	var out [][2]int
	for _, t := range triggers {
		for i := 0; ; {
			k := strings.Index(s[i:], t)
			if k < 0 {
				break
			}
			start, end := i+k, i+k+len(t)
			for start > 0 && isWordByte(s[start-1]) {
				start--
			}
			for end < len(s) && isWordByte(s[end]) {
				end++
			}
			out = append(out, [2]int{start, end})
			i = end
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return slices.Compact(out)
}

// angleMatches finds <word> and <a few words>: a letter first, then
// letters, digits, '_' and '-', words split by single spaces, at most five.
// Each match is {start, end, innerStart, innerEnd}.
func angleMatches(s string) [][4]int {
	var out [][4]int
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		j, words := i+1, 0
		for words < 5 && j < len(s) && isLetter(s[j]) {
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			words++
			if j+1 < len(s) && s[j] == ' ' && isLetter(s[j+1]) && words < 5 {
				j++
			}
		}
		if words > 0 && j < len(s) && s[j] == '>' {
			out = append(out, [4]int{i, j + 1, i + 1, j})
			i = j
		}
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func angleKind(closed map[string]bool, whole, inner string) (string, bool) {
	if knownAngle(strings.ToLower(whole)) {
		return PlaceholderKnown, true
	}
	low := strings.ToLower(inner)
	if strings.Contains(inner, " ") {
		// Several words only when they read as an instruction to the reader.
		if strings.HasPrefix(low, "your ") || strings.HasPrefix(low, "my ") ||
			strings.HasPrefix(low, "insert ") || strings.HasPrefix(low, "enter ") || strings.HasPrefix(low, "paste ") {
			return PlaceholderAngle, true
		}
		return "", false
	}
	if htmlTag(low) || closed[low] {
		return "", false
	}
	upper, letters := true, 0
	for _, c := range inner {
		if c >= 'a' && c <= 'z' {
			upper = false
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			letters++
		}
	}
	switch {
	case strings.ContainsAny(inner, "-_"), upper && letters >= 2, angleWord(low):
		return PlaceholderAngle, true
	}
	return "", false
}

// scanBraces finds {{…}}, ${…}, $VAR and {name}.
func scanBraces(s string, o PlaceholderOptions, add func(int, int, string)) {
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{"):
			end := closing(s, i+2, "}}")
			if end < 0 {
				continue
			}
			start := i
			for start > 0 && s[start-1] == '{' && end < len(s) && s[end] == '}' {
				start, end = start-1, end+1 // {{{triple}}}
			}
			if start > 0 && s[start-1] == '$' {
				start-- // ${{ expression }}
			}
			add(start, end, PlaceholderMustache)
			i = end - 1
		case strings.HasPrefix(s[i:], "${"):
			end := closing(s, i+2, "}")
			if end < 0 || !isIdentStart(s, i+2) {
				continue
			}
			add(i, end, PlaceholderShell)
			i = end - 1
		case s[i] == '$' && o.BareShell && isIdentStart(s, i+1) && (i == 0 || s[i-1] != '\\'):
			end := i + 1
			for end < len(s) && isIdentByte(s[end]) {
				end++
			}
			add(i, end, PlaceholderShell)
			i = end - 1
		case s[i] == '{' && (i == 0 || s[i-1] != '$' && s[i-1] != '{'):
			end := closing(s, i+1, "}")
			if end < 0 {
				continue
			}
			name := s[i+1 : end-1]
			if !identRe.Get().MatchString(name) || end < len(s) && s[end] == '}' {
				continue
			}
			if o.InURL {
				add(i, end, PlaceholderPathParam)
			} else if keyishBrace(strings.ToLower(name)) {
				add(i, end, PlaceholderKnown)
			}
			i = end - 1
		}
	}
}

// closing returns the offset just past the first close at or after from,
// or -1 when it is missing, too far, or a line ends before it.
func closing(s string, from int, close string) int {
	const maxLen = 200
	// Bounded so that a body full of braces stays linear.
	k := strings.Index(s[from:min(len(s), from+maxLen+len(close))], close)
	if k < 0 || strings.ContainsAny(s[from:from+k], "\n\r{") {
		return -1
	}
	return from + k + len(close)
}

func isIdentStart(s string, i int) bool {
	return i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z')
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// scanRouteParams finds /:name segments in a URL path.
func scanRouteParams(s string, add func(int, int, string)) {
	for i := 1; i < len(s); i++ {
		if s[i] != ':' || s[i-1] != '/' || !isIdentStart(s, i+1) {
			continue
		}
		end := i + 1
		for end < len(s) && isIdentByte(s[end]) {
			end++
		}
		if end == len(s) || strings.IndexByte("/?#&.", s[end]) >= 0 {
			add(i, end, PlaceholderPathParam)
		}
		i = end - 1
	}
}

// tidy sorts the matches and drops any that lies inside another.
func tidy(found []Placeholder) []Placeholder {
	sort.Slice(found, func(a, b int) bool {
		if found[a].Start != found[b].Start {
			return found[a].Start < found[b].Start
		}
		return found[a].End > found[b].End
	})
	var out []Placeholder
	for _, p := range found {
		if n := len(out); n > 0 && p.Start >= out[n-1].Start && p.End <= out[n-1].End {
			continue
		}
		out = append(out, p)
	}
	return out
}
