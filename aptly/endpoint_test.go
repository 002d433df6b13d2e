package aptly

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		name        string
		url         string
		wantScheme  string
		wantHost    string
		wantPort    string
		wantPath    string
		wantOp      string
		wantGen     Generation
		wantHostGen Generation
		wantBoard   string // "" when the path has none
		wantCard    string
		wantSection string
		wantQuery   map[string][]string
	}{
		// Legacy, as Aptly's legacy pages write them.
		{name: "legacy write on api host", url: "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/JShpBxEFgRmZnivTf",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "JShpBxEFgRmZnivTf"},
		{name: "legacy write on app host with token query", url: "https://app.getaptly.com/api/aptlet/:boardId?x-token=",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/aptlet/:boardId",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: ":boardId",
			wantQuery: map[string][]string{"x-token": {""}}},
		{name: "legacy write with placeholder", url: "https://api.getaptly.com/api/aptlet/YOUR_BOARD_ID",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/YOUR_BOARD_ID",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "YOUR_BOARD_ID"},
		{name: "legacy list with page", url: "https://app.getaptly.com/api/aptlet/YOUR_BOARD_ID?page=0",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/aptlet/YOUR_BOARD_ID",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "YOUR_BOARD_ID",
			wantQuery: map[string][]string{"page": {"0"}}},
		{name: "legacy cards list", url: "https://api.getaptly.com/api/aptlet/abc/cards?page=2",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/abc/cards",
			wantOp: OpCardList, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc",
			wantQuery: map[string][]string{"page": {"2"}}},
		{name: "legacy search", url: "https://app.getaptly.com/api/aptlet/abc/search?query=&page=0&pageSize=100",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/aptlet/abc/search",
			wantOp: OpCardSearch, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc",
			wantQuery: map[string][]string{"query": {""}, "page": {"0"}, "pageSize": {"100"}}},
		{name: "legacy card get", url: "https://app.getaptly.com/api/card/JShpBxEFgRmZnivTf",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/card/JShpBxEFgRmZnivTf",
			wantOp: OpCardGet, wantGen: Legacy, wantHostGen: Legacy, wantCard: "JShpBxEFgRmZnivTf"},
		{name: "legacy card field", url: "https://app.getaptly.com/api/card/C1/fields/Stage",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/card/C1/fields/Stage",
			wantOp: OpCardField, wantGen: Legacy, wantHostGen: Legacy, wantCard: "C1", wantSection: "Stage"},
		{name: "legacy schema", url: "https://app.getaptly.com/api/schema/abc",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/schema/abc",
			wantOp: OpSchema, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc"},
		{name: "legacy trailing slash", url: "https://api.getaptly.com/api/aptlet/abc/",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/abc/",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc"},
		{name: "legacy with port", url: "https://api.getaptly.com:443/api/aptlet/abc",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPort: "443", wantPath: "/api/aptlet/abc",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc"},
		{name: "legacy path, no board", url: "https://api.getaptly.com/api/aptlet/",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy},
		{name: "portal", url: "https://app.getaptly.com/api/portal/me",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/portal/me",
			wantOp: OpPortal, wantGen: Legacy, wantHostGen: Legacy},
		// Core, as the OpenAPI document writes them.
		{name: "core write", url: "https://core-api.getaptly.com/api/board/abc-123-board",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/abc-123-board",
			wantOp: OpCardWrite, wantGen: Core, wantHostGen: Core, wantBoard: "abc-123-board"},
		{name: "core list with every query", url: "https://core-api.getaptly.com/api/board/MY_BOARD_ID?page=0&pageSize=20&updatedAtMin=2025-01-01T00%3A00%3A00Z&includeArchived=false",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/MY_BOARD_ID",
			wantOp: OpCardWrite, wantGen: Core, wantHostGen: Core, wantBoard: "MY_BOARD_ID",
			wantQuery: map[string][]string{"page": {"0"}, "pageSize": {"20"}, "updatedAtMin": {"2025-01-01T00:00:00Z"}, "includeArchived": {"false"}}},
		{name: "core pagination page example", url: "https://core-api.getaptly.com/api/board/{boardId}?page=0&limit=50",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/{boardId}",
			wantOp: OpCardWrite, wantGen: Core, wantHostGen: Core, wantBoard: "{boardId}",
			wantQuery: map[string][]string{"page": {"0"}, "limit": {"50"}}},
		{name: "core card get", url: "https://core-api.getaptly.com/api/board/B1/C1",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/C1",
			wantOp: OpCardGet, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantCard: "C1"},
		{name: "core comments", url: "https://core-api.getaptly.com/api/board/B1/C1/comments",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/C1/comments",
			wantOp: OpComments, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantCard: "C1"},
		{name: "core contacts", url: "https://core-api.getaptly.com/api/board/B1/C1/contacts",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/C1/contacts",
			wantOp: OpContacts, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantCard: "C1"},
		{name: "core comment", url: "https://core-api.getaptly.com/api/board/B1/C1/comment",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/C1/comment",
			wantOp: OpComment, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantCard: "C1"},
		{name: "core file", url: "https://core-api.getaptly.com/api/board/B1/C1/file",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/C1/file",
			wantOp: OpFile, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantCard: "C1"},
		{name: "core schema", url: "https://core-api.getaptly.com/api/schema/B1",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/schema/B1",
			wantOp: OpSchema, wantGen: Core, wantHostGen: Core, wantBoard: "B1"},
		{name: "core boards", url: "https://core-api.getaptly.com/api/boards",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/boards",
			wantOp: OpBoards, wantGen: Core, wantHostGen: Core},
		{name: "core configuration", url: "https://core-api.getaptly.com/api/board/B1/configuration",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/configuration",
			wantOp: OpConfiguration, wantGen: Core, wantHostGen: Core, wantBoard: "B1"},
		{name: "core configuration section", url: "https://core-api.getaptly.com/api/board/B1/configuration/fields",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/configuration/fields",
			wantOp: OpConfiguration, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantSection: "fields"},
		{name: "core tab view alias", url: "https://core-api.getaptly.com/api/board/B1/tabView",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/B1/tabView",
			wantOp: OpConfiguration, wantGen: Core, wantHostGen: Core, wantBoard: "B1", wantSection: "tabView"},
		{name: "core verify user", url: "https://core-api.getaptly.com/api/board/verify-user",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/verify-user",
			wantOp: OpVerifyUser, wantGen: Core, wantHostGen: Core},
		{name: "core other resource", url: "https://core-api.getaptly.com/api/contacts/by-email",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/contacts/by-email",
			wantOp: OpOther, wantGen: Core, wantHostGen: Core},
		{name: "core word-like board id", url: "https://core-api.getaptly.com/api/board/unit/",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/board/unit/",
			wantOp: OpCardWrite, wantGen: Core, wantHostGen: Core, wantBoard: "unit"},
		// Mixed, odd and broken shapes still parse.
		{name: "legacy path on core host", url: "https://core-api.getaptly.com/api/aptlet/B1",
			wantScheme: "https", wantHost: CoreHost, wantPath: "/api/aptlet/B1",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Core, wantBoard: "B1"},
		{name: "core path on legacy host", url: "https://app.getaptly.com/api/board/B1",
			wantScheme: "https", wantHost: "app.getaptly.com", wantPath: "/api/board/B1",
			wantOp: OpCardWrite, wantGen: Core, wantHostGen: Legacy, wantBoard: "B1"},
		{name: "no scheme", url: "api.getaptly.com/api/aptlet/abc",
			wantHost: "api.getaptly.com", wantPath: "/api/aptlet/abc",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc"},
		{name: "path only", url: "/api/board/B1?page=0",
			wantPath: "/api/board/B1", wantOp: OpCardWrite, wantGen: Core, wantBoard: "B1",
			wantQuery: map[string][]string{"page": {"0"}}},
		{name: "upper case host and path words", url: "HTTPS://API.GETAPTLY.COM/API/Aptlet/abc",
			wantScheme: "HTTPS", wantHost: "API.GETAPTLY.COM", wantPath: "/API/Aptlet/abc",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc"},
		{name: "schema on unknown host", url: "http://localhost:8080/api/schema/B1",
			wantScheme: "http", wantHost: "localhost", wantPort: "8080", wantPath: "/api/schema/B1",
			wantOp: OpSchema, wantBoard: "B1"},
		{name: "misspelt family", url: "https://api.getaptly.com/api/aptlets/abc",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlets/abc",
			wantGen: Legacy, wantHostGen: Legacy},
		{name: "url pasted as board ID", url: "https://api.getaptly.com/api/aptlet/https://app.getaptly.com/api/aptlet/XYZ?x-token=k",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/https://app.getaptly.com/api/aptlet/XYZ",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "https://app.getaptly.com/api/aptlet/XYZ",
			wantQuery: map[string][]string{"x-token": {"k"}}},
		{name: "fragment dropped", url: "https://api.getaptly.com/api/aptlet/abc#top",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/abc",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc"},
		{name: "ipv6 loopback", url: "http://[::1]:9000/api/board/B1",
			wantScheme: "http", wantHost: "[::1]", wantPort: "9000", wantPath: "/api/board/B1",
			wantOp: OpCardWrite, wantGen: Core, wantBoard: "B1"},
		{name: "template host", url: "{{baseUrl}}/api/aptlet/{{boardId}}",
			wantHost: "{{baseUrl}}", wantPath: "/api/aptlet/{{boardId}}",
			wantOp: OpCardWrite, wantGen: Legacy, wantBoard: "{{boardId}}"},
		{name: "bad escape in query kept raw", url: "https://api.getaptly.com/api/aptlet/abc?x-token=a%zz",
			wantScheme: "https", wantHost: "api.getaptly.com", wantPath: "/api/aptlet/abc",
			wantOp: OpCardWrite, wantGen: Legacy, wantHostGen: Legacy, wantBoard: "abc",
			wantQuery: map[string][]string{"x-token": {"a%zz"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseEndpoint(tt.url)
			if err != nil {
				t.Fatalf("ParseEndpoint(%q): %v", tt.url, err)
			}
			got := []any{e.Scheme, e.Host, e.Port, e.Path, e.Op, e.Generation, e.HostGeneration, e.BoardID, e.CardID, e.Section}
			want := []any{tt.wantScheme, tt.wantHost, tt.wantPort, tt.wantPath, tt.wantOp, tt.wantGen, tt.wantHostGen, tt.wantBoard, tt.wantCard, tt.wantSection}
			names := []string{"Scheme", "Host", "Port", "Path", "Op", "Generation", "HostGeneration", "BoardID", "CardID", "Section"}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s = %v, want %v", names[i], got[i], want[i])
				}
			}
			if tt.wantQuery == nil {
				tt.wantQuery = map[string][]string{}
			}
			if !reflect.DeepEqual(e.Query, tt.wantQuery) {
				t.Errorf("Query = %v, want %v", e.Query, tt.wantQuery)
			}
			checkSpan(t, "BoardID", tt.url, e.BoardID, e.BoardIDStart, e.BoardIDEnd)
			checkSpan(t, "CardID", tt.url, e.CardID, e.CardIDStart, e.CardIDEnd)
			checkSpan(t, "Host", tt.url, e.Host, e.HostStart, e.HostEnd)
			if tt.url[e.PathStart:e.PathEnd] != e.Path {
				t.Errorf("path offsets %d-%d give %q, want %q", e.PathStart, e.PathEnd, tt.url[e.PathStart:e.PathEnd], e.Path)
			}
		})
	}
}

func checkSpan(t *testing.T, what, raw, text string, start, end int) {
	t.Helper()
	if start < 0 {
		if text != "" || end >= 0 {
			t.Errorf("%s %q has no offsets (%d-%d)", what, text, start, end)
		}
		return
	}
	if end > len(raw) || start > end || raw[start:end] != text {
		t.Errorf("%s offsets %d-%d do not give %q in %q", what, start, end, text, raw)
	}
}

func TestParseEndpointEmpty(t *testing.T) {
	for _, raw := range []string{"", "   ", "\t\n"} {
		t.Run(raw, func(t *testing.T) {
			if _, err := ParseEndpoint(raw); !errors.Is(err, ErrEmptyURL) {
				t.Errorf("ParseEndpoint(%q) error = %v, want ErrEmptyURL", raw, err)
			}
		})
	}
}

func TestEndpointMethods(t *testing.T) {
	tests := []struct {
		url        string
		method     string
		wantAllows bool
		wantOp     string
	}{
		{url: "https://api.getaptly.com/api/aptlet/B1", method: "POST", wantAllows: true, wantOp: OpCardWrite},
		{url: "https://api.getaptly.com/api/aptlet/B1", method: "get", wantAllows: true, wantOp: OpCardList},
		{url: "https://api.getaptly.com/api/aptlet/B1", method: "HEAD", wantAllows: true, wantOp: OpCardList},
		{url: "https://api.getaptly.com/api/aptlet/B1", method: "PUT", wantOp: OpCardWrite},
		{url: "https://api.getaptly.com/api/aptlet/B1", method: "", wantAllows: true, wantOp: OpCardWrite},
		{url: "https://api.getaptly.com/api/aptlet/B1", method: "OPTIONS", wantAllows: true, wantOp: OpCardWrite},
		{url: "https://app.getaptly.com/api/card/C1", method: "POST", wantOp: OpCardGet},
		{url: "https://app.getaptly.com/api/card/C1", method: "GET", wantAllows: true, wantOp: OpCardGet},
		{url: "https://app.getaptly.com/api/card/C1/fields/Stage", method: "PUT", wantAllows: true, wantOp: OpCardField},
		{url: "https://core-api.getaptly.com/api/board/B1/C1/comment", method: "POST", wantAllows: true, wantOp: OpComment},
		{url: "https://core-api.getaptly.com/api/board/B1/C1/comment", method: "GET", wantOp: OpComment},
		{url: "https://core-api.getaptly.com/api/board/B1/C1/file", method: "POST", wantAllows: true, wantOp: OpFile},
		{url: "https://core-api.getaptly.com/api/boards", method: "POST", wantOp: OpBoards},
		{url: "https://core-api.getaptly.com/api/board/B1/configuration/tabViews", method: "POST", wantAllows: true, wantOp: OpConfiguration},
		{url: "https://core-api.getaptly.com/api/board/B1/configuration/theme", method: "POST", wantOp: OpConfiguration},
		{url: "https://core-api.getaptly.com/api/tasks/T1", method: "PUT", wantAllows: true, wantOp: OpOther},
		{url: "https://core-api.getaptly.com/api/nothing", method: "PATCH", wantAllows: true, wantOp: ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.url, func(t *testing.T) {
			e, err := ParseEndpoint(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.AllowsMethod(tt.method); got != tt.wantAllows {
				t.Errorf("AllowsMethod(%q) = %v, want %v (methods %v)", tt.method, got, tt.wantAllows, e.Methods())
			}
			if got := e.Operation(tt.method); got != tt.wantOp {
				t.Errorf("Operation(%q) = %q, want %q", tt.method, got, tt.wantOp)
			}
		})
	}
}
