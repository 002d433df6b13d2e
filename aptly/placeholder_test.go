package aptly

import (
	"reflect"
	"testing"
)

// ph builds an expected placeholder of text found at start.
func ph(start int, text, kind string) Placeholder {
	return Placeholder{Start: start, End: start + len(text), Text: text, Kind: kind}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		inURL bool
		want  []Placeholder
	}{
		// Published placeholders.
		{name: "api key header", s: "x-token: YOUR_API_KEY", want: []Placeholder{ph(9, "YOUR_API_KEY", PlaceholderKnown)}},
		{name: "board id in url", s: "https://api.getaptly.com/api/aptlet/YOUR_BOARD_ID", inURL: true,
			want: []Placeholder{ph(36, "YOUR_BOARD_ID", PlaceholderKnown)}},
		{name: "my board id", s: "https://core-api.getaptly.com/api/board/MY_BOARD_ID?page=0", inURL: true,
			want: []Placeholder{ph(40, "MY_BOARD_ID", PlaceholderKnown)}},
		{name: "swagger example and route parameter", s: "https://app.getaptly.com/api/aptlet/:boardId?x-token=xToken_example", inURL: true,
			want: []Placeholder{ph(36, ":boardId", PlaceholderPathParam), ph(53, "xToken_example", PlaceholderKnown)}},
		{name: "braced route parameter", s: "https://core-api.getaptly.com/api/board/{boardId}?page=0&limit=50", inURL: true,
			want: []Placeholder{ph(40, "{boardId}", PlaceholderPathParam)}},
		{name: "braced name in url", s: "/api/board/B1/{cardId}/comments", inURL: true,
			want: []Placeholder{ph(14, "{cardId}", PlaceholderPathParam)}},
		{name: "route parameter mid path", s: "/api/aptlet/:boardId/cards", inURL: true,
			want: []Placeholder{ph(12, ":boardId", PlaceholderPathParam)}},
		{name: "key here", s: "API_KEY_HERE", want: []Placeholder{ph(0, "API_KEY_HERE", PlaceholderKnown)}},
		{name: "lowercase your-api-key", s: `{"token": "your-api-key"}`, want: []Placeholder{ph(11, "your-api-key", PlaceholderKnown)}},
		{name: "camel case", s: "x-token: yourApiKey", want: []Placeholder{ph(9, "yourApiKey", PlaceholderKnown)}},
		{name: "replace me", s: "key=REPLACE_ME", want: []Placeholder{ph(4, "REPLACE_ME", PlaceholderKnown)}},
		{name: "row of x", s: "x-token: xxxxxxxxxxxx", want: []Placeholder{ph(9, "xxxxxxxxxxxx", PlaceholderKnown)}},
		{name: "your key in angles", s: "x-token: <your-key>", want: []Placeholder{ph(9, "<your-key>", PlaceholderKnown)}},
		// Templates.
		{name: "mustache", s: "x-token: {{apiKey}}", want: []Placeholder{ph(9, "{{apiKey}}", PlaceholderMustache)}},
		{name: "mustache with spaces", s: `{"Name": "{{ contact.name }}"}`, want: []Placeholder{ph(10, "{{ contact.name }}", PlaceholderMustache)}},
		{name: "triple mustache", s: "{{{raw}}}", want: []Placeholder{ph(0, "{{{raw}}}", PlaceholderMustache)}},
		{name: "actions expression", s: "x-token: ${{ secrets.APTLY_KEY }}", want: []Placeholder{ph(9, "${{ secrets.APTLY_KEY }}", PlaceholderMustache)}},
		{name: "mustache in url host", s: "{{baseUrl}}/api/aptlet/{{boardId}}", inURL: true,
			want: []Placeholder{ph(0, "{{baseUrl}}", PlaceholderMustache), ph(23, "{{boardId}}", PlaceholderMustache)}},
		{name: "known inside mustache is one", s: "{{YOUR_API_KEY}}", want: []Placeholder{ph(0, "{{YOUR_API_KEY}}", PlaceholderMustache)}},
		{name: "shell braces", s: "x-token: ${APTLY_KEY}", want: []Placeholder{ph(9, "${APTLY_KEY}", PlaceholderShell)}},
		{name: "shell default", s: "${APTLY_KEY:-none}", want: []Placeholder{ph(0, "${APTLY_KEY:-none}", PlaceholderShell)}},
		{name: "shell in url", s: "https://core-api.getaptly.com/api/board/${BOARD_ID}", inURL: true,
			want: []Placeholder{ph(40, "${BOARD_ID}", PlaceholderShell)}},
		// Angle tokens.
		{name: "angle api key", s: "x-token: <api-key>", want: []Placeholder{ph(9, "<api-key>", PlaceholderAngle)}},
		{name: "angle token", s: "x-token: <token>", want: []Placeholder{ph(9, "<token>", PlaceholderAngle)}},
		{name: "angle upper", s: "<YOUR_KEY>", want: []Placeholder{ph(0, "<YOUR_KEY>", PlaceholderAngle)}},
		{name: "angle words", s: "x-token: <your api key>", want: []Placeholder{ph(9, "<your api key>", PlaceholderAngle)}},
		{name: "angle field key", s: `{"<fieldKey>": 1}`, want: []Placeholder{ph(2, "<fieldKey>", PlaceholderAngle)}},
		{name: "angle in url", s: "https://core-api.getaptly.com/api/board/<board-id>", inURL: true,
			want: []Placeholder{ph(40, "<board-id>", PlaceholderAngle)}},
		{name: "braced key outside url", s: `{"x": "{apiKey}"}`, want: []Placeholder{ph(7, "{apiKey}", PlaceholderKnown)}},
		{name: "several in a body", s: `{"a":"YOUR_API_KEY","b":"{{x}}","c":"<token>"}`,
			want: []Placeholder{ph(6, "YOUR_API_KEY", PlaceholderKnown), ph(25, "{{x}}", PlaceholderMustache), ph(37, "<token>", PlaceholderAngle)}},
		{name: "offsets count bytes", s: `{"Nämé": "YOUR_API_KEY"}`, want: []Placeholder{ph(12, "YOUR_API_KEY", PlaceholderKnown)}},

		// Not placeholders.
		{name: "prose convenience", s: "Call us at your convenience."},
		{name: "prose key", s: "Your key will arrive by e-mail."},
		{name: "prose api key", s: "Paste your API key into the header."},
		{name: "email", s: `{"Email": "john@example.com"}`},
		{name: "email in angles", s: "John Smith <john@example.com>"},
		{name: "heart", s: "we <3 Aptly"},
		{name: "comparison", s: "a < b > c"},
		{name: "less than digits", s: "if n<10 and m>2"},
		{name: "html bold", s: "<b>bold</b> and <i>it</i>"},
		{name: "html break", s: "line<br>line<br/>line<BR>"},
		{name: "html custom element", s: "<my-widget>x</my-widget>"},
		{name: "html paragraph with attribute", s: `<p class="x">hi</p>`},
		{name: "generic type", s: "List<T> and Map<K,V>"},
		{name: "money", s: `{"Rent": "$1,850.00", "Deposit": "$500"}`},
		{name: "dollar word without braces", s: `{"Note": "costs $amount"}`},
		{name: "nested json", s: `{"a":{"b":{"c":[]}}}`},
		{name: "json in a string", s: `{"payload": "{\"a\":1}"}`},
		{name: "plain words in braces outside url", s: `{"Note": "see {section} below"}`},
		{name: "time", s: `{"Time": "10:30"}`},
		{name: "url with port", s: "https://api.getaptly.com:443/api/aptlet/B1", inURL: true},
		{name: "url with colon in query", s: "https://core-api.getaptly.com/api/board/B1?updatedAtMin=2025-01-01T00:00:00Z", inURL: true},
		{name: "real ids", s: "https://core-api.getaptly.com/api/board/JShpBxEFgRmZnivTf", inURL: true},
		{name: "documented field keys", s: `{ "name": "John Smith", "abc123": "john@example.com", "ghi789": 1500 }`},
		{name: "your in a name", s: `{"Company": "YOURS_TRULY LLC", "Code": "MY_PLAN"}`},
		{name: "short x run", s: `{"Size": "xxl", "Fox": "xxxx"}`},
		{name: "unclosed mustache", s: "{{ not closed"},
		{name: "mustache across lines", s: "{{a\n}}"},
		{name: "dollar brace without name", s: "${ } and ${1}"},
		{name: "escaped dollar", s: `price \$HOME`},
		{name: "empty", s: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Placeholders(tt.s, tt.inURL)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Placeholders(%q, %v) =\n  %+v\nwant\n  %+v", tt.s, tt.inURL, got, tt.want)
			}
			for _, p := range got {
				if tt.s[p.Start:p.End] != p.Text {
					t.Errorf("offsets %d-%d give %q, not %q", p.Start, p.End, tt.s[p.Start:p.End], p.Text)
				}
			}
		})
	}
}

func TestFindPlaceholdersBareShell(t *testing.T) {
	tests := []struct {
		name string
		s    string
		bare bool
		want []Placeholder
	}{
		{name: "bare var asked for", s: "x-token: $APTLY_KEY", bare: true, want: []Placeholder{ph(9, "$APTLY_KEY", PlaceholderShell)}},
		{name: "bare var not asked for", s: "x-token: $APTLY_KEY"},
		{name: "money is not a var", s: "$1,850.00 and $5", bare: true},
		{name: "escaped dollar", s: `\$HOME`, bare: true},
		{name: "braced and bare", s: "$A ${B}", bare: true,
			want: []Placeholder{ph(0, "$A", PlaceholderShell), ph(3, "${B}", PlaceholderShell)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindPlaceholders(tt.s, PlaceholderOptions{BareShell: tt.bare})
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FindPlaceholders(%q, bare=%v) = %+v, want %+v", tt.s, tt.bare, got, tt.want)
			}
		})
	}
}
