package aptly

import (
	"sort"
	"strings"
	"testing"
	"unicode"
)

// found is a problem reduced to what a test compares: its kind and the
// text its offsets cover.
type found struct {
	Kind, At string
}

func reduce(raw string, ps []Problem) []found {
	out := make([]found, 0, len(ps))
	for _, p := range ps {
		out = append(out, found{p.Kind, raw[p.Start:p.End]})
	}
	return out
}

func sameFound(a, b []found) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkTexts holds messages and fixes to the house style.
func checkTexts(t *testing.T, ps []Problem) {
	t.Helper()
	for _, p := range ps {
		if p.Message == "" || p.Fix == "" {
			t.Errorf("problem %+v lacks a message or a fix", p)
			continue
		}
		if r := []rune(p.Message)[0]; unicode.IsUpper(r) {
			t.Errorf("message %q starts with a capital", p.Message)
		}
		if strings.HasSuffix(p.Message, ".") || strings.HasSuffix(p.Fix, ".") {
			t.Errorf("problem %+v ends with a period", p)
		}
		if r := []rune(p.Fix)[0]; !unicode.IsUpper(r) {
			t.Errorf("fix %q is not an imperative phrase with a capital", p.Fix)
		}
	}
}

// applyFixes mends raw with every fixable problem's replacement.
func applyFixes(raw string, ps []Problem) string {
	fixes := make([]Problem, 0, len(ps))
	for _, p := range ps {
		if p.Fixable {
			fixes = append(fixes, p)
		}
	}
	sort.Slice(fixes, func(i, j int) bool { return fixes[i].Start > fixes[j].Start })
	for _, p := range fixes {
		raw = raw[:p.Start] + p.Replacement + raw[p.End:]
	}
	return raw
}

func TestEndpointProblems(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		url       string
		want      []found
		wantInMsg string // a word the first message must hold
		wantFixed string // the URL once every fixable problem is mended
	}{
		// The documented good URLs give nothing.
		{name: "legacy api host", method: "POST", url: "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf"},
		{name: "legacy app host", method: "POST", url: "https://app.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf"},
		{name: "legacy token query", method: "POST", url: "https://app.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf?x-token=abc"},
		{name: "core write", method: "POST", url: "https://core-api.getaptly.com/api/board/abc-123-board"},
		{name: "core word board id", method: "POST", url: "https://core-api.getaptly.com/api/board/unit"},
		{name: "core uuid board id", method: "POST", url: "https://core-api.getaptly.com/api/board/3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
		{name: "trailing slash", method: "POST", url: "https://core-api.getaptly.com/api/board/B1/"},
		{name: "explicit port 443", method: "POST", url: "https://core-api.getaptly.com:443/api/board/B1"},
		{name: "no method given", method: "", url: "https://core-api.getaptly.com/api/board/B1"},
		{name: "lowercase method", method: "post", url: "https://core-api.getaptly.com/api/board/B1"},
		{name: "comment write", method: "POST", url: "https://core-api.getaptly.com/api/board/B1/C1/comment"},
		{name: "file upload", method: "POST", url: "https://core-api.getaptly.com/api/board/B1/C1/file"},
		{name: "local stand-in", method: "POST", url: "http://127.0.0.1:39211/api/board/B1"},
		{name: "localhost stand-in", method: "POST", url: "http://localhost:8080/api/aptlet/B1"},
		// Placeholders belong to the placeholder check.
		{name: "route parameter board", method: "POST", url: "https://app.getaptly.com/api/aptlet/:boardId?x-token="},
		{name: "template board with spaces", method: "POST", url: "https://core-api.getaptly.com/api/board/{{ boardId }}"},
		{name: "template host", method: "POST", url: "{{baseUrl}}/api/aptlet/{{boardId}}"},
		{name: "shell host", method: "POST", url: "${APTLY_URL}/api/board/B1"},

		// Scheme.
		{name: "plain http", method: "POST", url: "http://api.getaptly.com/api/aptlet/B1",
			want: []found{{KindScheme, "http"}}, wantInMsg: "http", wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "no scheme", method: "POST", url: "core-api.getaptly.com/api/board/B1",
			want: []found{{KindScheme, "core-api.getaptly.com"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "ftp scheme", method: "POST", url: "ftp://core-api.getaptly.com/api/board/B1",
			want: []found{{KindScheme, "ftp"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		// Host.
		{name: "misspelt legacy host", method: "POST", url: "https://api.getapty.com/api/aptlet/B1",
			want: []found{{KindHost, "api.getapty.com"}}, wantInMsg: "api.getaptly.com", wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "wrong tld", method: "POST", url: "https://api.getaptly.co/api/aptlet/B1",
			want: []found{{KindHost, "api.getaptly.co"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "core without api", method: "POST", url: "https://core.getaptly.com/api/board/B1",
			want: []found{{KindHost, "core.getaptly.com"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "bare domain with core path", method: "POST", url: "https://getaptly.com/api/board/B1",
			want: []found{{KindHost, "getaptly.com"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "aptly dot com", method: "POST", url: "https://aptly.com/api/aptlet/B1",
			want: []found{{KindHost, "aptly.com"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "other product", method: "POST", url: "https://dev.api.us.aptlydone.com/api/board/B1",
			want: []found{{KindHost, "dev.api.us.aptlydone.com"}}, wantInMsg: "different product"},
		{name: "debian aptly", method: "POST", url: "http://aptly.info/api/repos",
			want: []found{{KindScheme, "http"}, {KindHost, "aptly.info"}, {KindPath, "/api/repos"}}, wantInMsg: "http"},
		{name: "unrelated host", method: "POST", url: "https://example.com/api/board/B1",
			want: []found{{KindHost, "example.com"}}},
		{name: "odd port", method: "POST", url: "https://api.getaptly.com:8443/api/aptlet/B1",
			want: []found{{KindHost, ":8443"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "no host", method: "POST", url: "/api/aptlet/B1",
			want: []found{{KindHost, "/api/aptlet/B1"}}},
		{name: "empty host", method: "POST", url: "https:///api/aptlet/B1",
			want: []found{{KindHost, ""}}},
		// Path.
		{name: "plural aptlets", method: "POST", url: "https://api.getaptly.com/api/aptlets/B1",
			want: []found{{KindPath, "/api/aptlets/B1"}}, wantInMsg: "aptlet", wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "applet typo", method: "POST", url: "https://api.getaptly.com/api/applet/B1",
			want: []found{{KindPath, "/api/applet/B1"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "no api prefix", method: "POST", url: "https://api.getaptly.com/aptlet/B1",
			want: []found{{KindPath, "/aptlet/B1"}}, wantInMsg: "/api", wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "no api prefix core", method: "POST", url: "https://core-api.getaptly.com/board/B1",
			want: []found{{KindPath, "/board/B1"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "version segment", method: "POST", url: "https://core-api.getaptly.com/api/v1/board/B1",
			want: []found{{KindPath, "/api/v1/board/B1"}}, wantInMsg: "v1", wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "plural boards with id", method: "POST", url: "https://core-api.getaptly.com/api/boards/B1",
			want: []found{{KindPath, "/api/boards/B1"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "api cards", method: "POST", url: "https://api.getaptly.com/api/cards",
			want: []found{{KindPath, "/api/cards"}}, wantInMsg: "board"},
		{name: "unknown path", method: "POST", url: "https://core-api.getaptly.com/webhook",
			want: []found{{KindPath, "/webhook"}}},
		{name: "no path", method: "POST", url: "https://core-api.getaptly.com",
			want: []found{{KindPath, ""}}},
		{name: "path past the board", method: "POST", url: "https://api.getaptly.com/api/aptlet/B1/extra/more",
			want: []found{{KindPath, "/extra/more"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "double slash", method: "POST", url: "https://api.getaptly.com//api/aptlet/B1",
			want: []found{{KindPath, "//"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "double slash before board", method: "POST", url: "https://core-api.getaptly.com/api/board//B1",
			want: []found{{KindPath, "//"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "schema used for a write", method: "POST", url: "https://core-api.getaptly.com/api/schema/B1",
			want: []found{{KindMethod, "/api/schema/B1"}}},
		{name: "schema read judged as a write", method: "GET", url: "https://core-api.getaptly.com/api/schema/B1",
			want: []found{{KindPath, "/api/schema/B1"}}, wantInMsg: "field list"},
		{name: "boards list judged as a write", method: "GET", url: "https://core-api.getaptly.com/api/boards",
			want: []found{{KindPath, "/api/boards"}}},
		{name: "portal", method: "POST", url: "https://app.getaptly.com/api/portal/session",
			want: []found{{KindPath, "/api/portal/session"}}},
		// Board ID.
		{name: "no board id", method: "POST", url: "https://api.getaptly.com/api/aptlet/",
			want: []found{{KindBoardID, "/api/aptlet/"}}},
		{name: "no board id core", method: "POST", url: "https://core-api.getaptly.com/api/board",
			want: []found{{KindBoardID, "/api/board"}}},
		{name: "board id in the query", method: "POST", url: "https://core-api.getaptly.com/api/board?boardId=B1",
			want: []found{{KindBoardID, "/api/board"}}, wantInMsg: "no board ID"},
		{name: "url in board id", method: "POST", url: "https://api.getaptly.com/api/aptlet/https://app.getaptly.com/api/aptlet/XYZ",
			want: []found{{KindBoardID, "https://app.getaptly.com/api/aptlet/XYZ"}}, wantInMsg: "URL",
			wantFixed: "https://api.getaptly.com/api/aptlet/XYZ"},
		{name: "space in board id", method: "POST", url: "https://core-api.getaptly.com/api/board/B1 B2",
			want: []found{{KindBoardID, "B1 B2"}}, wantInMsg: "whitespace"},
		{name: "encoded space in board id", method: "POST", url: "https://core-api.getaptly.com/api/board/B1%20",
			want: []found{{KindBoardID, "B1%20"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "encoded slash in board id", method: "POST", url: "https://core-api.getaptly.com/api/board/B1%2FB2",
			want: []found{{KindBoardID, "B1%2FB2"}}},
		{name: "encoded question mark in board id", method: "POST", url: "https://core-api.getaptly.com/api/board/B1%3Fpage=0",
			want: []found{{KindBoardID, "B1%3Fpage=0"}}},
		{name: "blank board id", method: "POST", url: "https://core-api.getaptly.com/api/board/%20",
			want: []found{{KindBoardID, "%20"}}},
		// Whitespace and query.
		{name: "surrounding whitespace", method: "POST", url: "  https://api.getaptly.com/api/aptlet/B1\n",
			want: []found{{KindWhitespace, "  "}, {KindWhitespace, "\n"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1"},
		{name: "space in query", method: "POST", url: "https://api.getaptly.com/api/aptlet/B1?x-token= k",
			want: []found{{KindWhitespace, " "}}},
		{name: "second question mark", method: "POST", url: "https://api.getaptly.com/api/aptlet/B1?x-token=k?page=0",
			want: []found{{KindQuery, "?"}}, wantFixed: "https://api.getaptly.com/api/aptlet/B1?x-token=k&page=0"},
		// Methods.
		{name: "get on the write path", method: "GET", url: "https://api.getaptly.com/api/aptlet/B1",
			want: []found{{KindMethod, "/api/aptlet/B1"}}, wantInMsg: "lists"},
		{name: "head on the write path", method: "HEAD", url: "https://core-api.getaptly.com/api/board/B1",
			want: []found{{KindMethod, "/api/board/B1"}}},
		{name: "put on the write path", method: "PUT", url: "https://core-api.getaptly.com/api/board/B1",
			want: []found{{KindMethod, "/api/board/B1"}}, wantInMsg: "POST"},
		{name: "patch on the write path", method: "PATCH", url: "https://api.getaptly.com/api/aptlet/B1",
			want: []found{{KindMethod, "/api/aptlet/B1"}}},
		{name: "delete on the write path", method: "DELETE", url: "https://core-api.getaptly.com/api/board/B1",
			want: []found{{KindMethod, "/api/board/B1"}}, wantInMsg: "\"DELETE\""},
		{name: "post on legacy card", method: "POST", url: "https://app.getaptly.com/api/card/JShpBxEFgRmZnivTf",
			want: []found{{KindMethod, "/api/card/JShpBxEFgRmZnivTf"}}, wantInMsg: "card's own URL"},
		{name: "post on core card", method: "POST", url: "https://core-api.getaptly.com/api/board/B1/C1",
			want: []found{{KindMethod, "/C1"}}, wantFixed: "https://core-api.getaptly.com/api/board/B1"},
		{name: "put on core card", method: "PUT", url: "https://core-api.getaptly.com/api/board/B1/C1",
			want: []found{{KindMethod, "/C1"}}},
		{name: "get on comment", method: "GET", url: "https://core-api.getaptly.com/api/board/B1/C1/comment",
			want: []found{{KindMethod, "/api/board/B1/C1/comment"}}},
		{name: "post on cards list", method: "POST", url: "https://api.getaptly.com/api/aptlet/B1/cards",
			want: []found{{KindMethod, "/api/aptlet/B1/cards"}}},
		// Generation mismatches come only as such.
		{name: "legacy path on core host", method: "POST", url: "https://core-api.getaptly.com/api/aptlet/B1",
			want: []found{{KindGeneration, "/api/aptlet"}}, wantInMsg: "legacy"},
		{name: "legacy card path on core host", method: "GET", url: "https://core-api.getaptly.com/api/card/C1",
			want: []found{{KindPath, "/api/card/C1"}, {KindGeneration, "/api/card"}}},
		{name: "core path on legacy host", method: "POST", url: "https://app.getaptly.com/api/board/B1",
			want: []found{{KindGeneration, "/api/board"}}, wantInMsg: "core"},
		{name: "schema on either host is fine for both", method: "GET", url: "https://app.getaptly.com/api/schema/B1",
			want: []found{{KindPath, "/api/schema/B1"}}},
		// Several at once, in URL order by check.
		{name: "everything wrong", method: "POST", url: "http://api.getapty.com//api/aptlet/B1 B2?x=1?y=2",
			want: []found{{KindScheme, "http"}, {KindHost, "api.getapty.com"}, {KindPath, "//"}, {KindBoardID, "B1 B2"}, {KindQuery, "?"}}},
		{name: "empty", method: "POST", url: "",
			want: []found{{KindURL, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := EndpointProblems(tt.method, tt.url)
			got := reduce(tt.url, ps)
			if !sameFound(got, tt.want) {
				t.Fatalf("EndpointProblems(%q, %q) =\n  %v\nwant\n  %v\n(%+v)", tt.method, tt.url, got, tt.want, ps)
			}
			checkTexts(t, ps)
			if tt.wantInMsg != "" && !strings.Contains(ps[0].Message, tt.wantInMsg) {
				t.Errorf("message %q does not mention %q", ps[0].Message, tt.wantInMsg)
			}
			if tt.wantFixed != "" {
				fixed := applyFixes(tt.url, ps)
				if fixed != tt.wantFixed {
					t.Errorf("fixed URL = %q, want %q", fixed, tt.wantFixed)
				}
				if rest := EndpointProblems(tt.method, fixed); len(rest) != 0 {
					t.Errorf("fixed URL %q still has %v", fixed, reduce(fixed, rest))
				}
			}
		})
	}
}

func TestRequestProblems(t *testing.T) {
	tests := []struct {
		name   string
		method string
		url    string
		want   []found
	}{
		{name: "card list", method: "GET", url: "https://api.getaptly.com/api/aptlet/B1?page=0"},
		{name: "legacy cards", method: "GET", url: "https://api.getaptly.com/api/aptlet/B1/cards?page=0"},
		{name: "legacy card", method: "GET", url: "https://app.getaptly.com/api/card/C1"},
		{name: "schema", method: "GET", url: "https://core-api.getaptly.com/api/schema/B1"},
		{name: "boards", method: "GET", url: "https://core-api.getaptly.com/api/boards"},
		{name: "core card", method: "GET", url: "https://core-api.getaptly.com/api/board/B1/C1"},
		{name: "configuration", method: "GET", url: "https://core-api.getaptly.com/api/board/B1/configuration/filters"},
		{name: "card write", method: "POST", url: "https://core-api.getaptly.com/api/board/B1"},
		{name: "contacts", method: "POST", url: "https://core-api.getaptly.com/api/contacts"},
		{name: "post on boards", method: "POST", url: "https://core-api.getaptly.com/api/boards",
			want: []found{{KindMethod, "/api/boards"}}},
		{name: "schema without board", method: "GET", url: "https://core-api.getaptly.com/api/schema/",
			want: []found{{KindBoardID, "/api/schema/"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := RequestProblems(tt.method, tt.url)
			if got := reduce(tt.url, ps); !sameFound(got, tt.want) {
				t.Errorf("RequestProblems(%q, %q) = %v, want %v", tt.method, tt.url, got, tt.want)
			}
			checkTexts(t, ps)
		})
	}
}
