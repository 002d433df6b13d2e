package aptly

import "testing"

func TestHosts(t *testing.T) {
	tests := []struct {
		host          string
		api, aptly    bool
		gen           Generation
		loopback      bool
		normalizeWant string
	}{
		{host: "api.getaptly.com", api: true, aptly: true, gen: Legacy, normalizeWant: "api.getaptly.com"},
		{host: "app.getaptly.com", api: true, aptly: true, gen: Legacy, normalizeWant: "app.getaptly.com"},
		{host: "core-api.getaptly.com", api: true, aptly: true, gen: Core, normalizeWant: "core-api.getaptly.com"},
		{host: "API.GetAptly.com", api: true, aptly: true, gen: Legacy, normalizeWant: "api.getaptly.com"},
		{host: "core-api.getaptly.com:443", api: true, aptly: true, gen: Core, normalizeWant: "core-api.getaptly.com"},
		{host: "api.getaptly.com.", api: true, aptly: true, gen: Legacy, normalizeWant: "api.getaptly.com"},
		{host: " app.getaptly.com ", api: true, aptly: true, gen: Legacy, normalizeWant: "app.getaptly.com"},
		{host: "user:pw@api.getaptly.com:8443", api: true, aptly: true, gen: Legacy, normalizeWant: "api.getaptly.com"},
		{host: "mcp.getaptly.com", aptly: true, normalizeWant: "mcp.getaptly.com"},
		{host: "preview.getaptly.com", aptly: true, normalizeWant: "preview.getaptly.com"},
		{host: "getaptly.com", aptly: true, normalizeWant: "getaptly.com"},
		{host: "api.getapty.com", normalizeWant: "api.getapty.com"},
		{host: "notgetaptly.com", normalizeWant: "notgetaptly.com"},
		{host: "api.getaptly.com.evil.example", normalizeWant: "api.getaptly.com.evil.example"},
		{host: "localhost:8080", loopback: true, normalizeWant: "localhost"},
		{host: "127.0.0.1:39123", loopback: true, normalizeWant: "127.0.0.1"},
		{host: "[::1]:8080", loopback: true, normalizeWant: "::1"},
		{host: "::1", loopback: true, normalizeWant: "::1"},
		{host: "", normalizeWant: ""},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			if got := IsAPIHost(tt.host); got != tt.api {
				t.Errorf("IsAPIHost(%q) = %v, want %v", tt.host, got, tt.api)
			}
			if got := IsAptlyHost(tt.host); got != tt.aptly {
				t.Errorf("IsAptlyHost(%q) = %v, want %v", tt.host, got, tt.aptly)
			}
			if got := HostGeneration(tt.host); got != tt.gen {
				t.Errorf("HostGeneration(%q) = %v, want %v", tt.host, got, tt.gen)
			}
			if got := IsLoopback(tt.host); got != tt.loopback {
				t.Errorf("IsLoopback(%q) = %v, want %v", tt.host, got, tt.loopback)
			}
			if got := NormalizeHost(tt.host); got != tt.normalizeWant {
				t.Errorf("NormalizeHost(%q) = %q, want %q", tt.host, got, tt.normalizeWant)
			}
		})
	}
}

func TestSuggestHost(t *testing.T) {
	tests := []struct {
		host   string
		hint   Generation
		want   string
		wantOK bool
	}{
		{host: "api.getapty.com", want: "api.getaptly.com", wantOK: true},
		{host: "api.getaptly.co", want: "api.getaptly.com", wantOK: true},
		{host: "api.getaptly.comm", want: "api.getaptly.com", wantOK: true},
		{host: "api.gteaptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "app.getapply.com", want: "app.getaptly.com", wantOK: true},
		{host: "app.getaptly.io", want: "app.getaptly.com", wantOK: true},
		{host: "core-api.getapty.com", want: CoreHost, wantOK: true},
		{host: "coreapi.getaptly.com", want: CoreHost, wantOK: true},
		{host: "core.getaptly.com", want: CoreHost, wantOK: true},
		{host: "api-core.getaptly.com", want: CoreHost, wantOK: true},
		{host: "core-api.aptly.com", want: CoreHost, wantOK: true},
		{host: "Core.GetAptly.com:443", want: CoreHost, wantOK: true},
		{host: "getaptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "getaptly.com", hint: Core, want: CoreHost, wantOK: true},
		{host: "www.getaptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "www.getaptly.com", hint: Core, want: CoreHost, wantOK: true},
		{host: "aptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "api.aptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "app.aptly.com", want: "app.getaptly.com", wantOK: true},
		{host: "api.aptly.io", want: "api.getaptly.com", wantOK: true},
		{host: "api.getaptly.com.au", want: "api.getaptly.com", wantOK: true},
		{host: "apo.getaptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "docs.getaptly.com", want: "api.getaptly.com", wantOK: true},
		{host: "mcp.getaptly.com", hint: Core, want: CoreHost, wantOK: true},
		{host: "get-aptly.com", want: "api.getaptly.com", wantOK: true},
		// Already right, or nothing Aptly, or another product: no guess.
		{host: "api.getaptly.com"},
		{host: "core-api.getaptly.com"},
		{host: "APP.GETAPTLY.COM"},
		{host: "example.com"},
		{host: "api.example.com"},
		{host: "apply.com"},
		{host: "ably.com"},
		{host: "localhost"},
		{host: "127.0.0.1"},
		{host: ""},
		{host: "aptlydone.com"},
		{host: "dev.api.us.aptlydone.com"},
		{host: "aptly.info"},
		{host: "www.aptly.info"},
	}
	for _, tt := range tests {
		t.Run(tt.host+"/"+tt.hint.String(), func(t *testing.T) {
			got, ok := SuggestHostFor(tt.host, tt.hint)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("SuggestHostFor(%q, %v) = %q, %v; want %q, %v", tt.host, tt.hint, got, ok, tt.want, tt.wantOK)
			}
			if tt.hint == Unknown {
				if g2, ok2 := SuggestHost(tt.host); g2 != got || ok2 != ok {
					t.Errorf("SuggestHost(%q) = %q, %v; differs from SuggestHostFor with no hint", tt.host, g2, ok2)
				}
			}
		})
	}
}

func TestOtherProduct(t *testing.T) {
	tests := []struct {
		host       string
		wantDomain string
	}{
		{host: "aptlydone.com", wantDomain: "aptlydone.com"},
		{host: "docs.aptlydone.com", wantDomain: "aptlydone.com"},
		{host: "dev.api.us.aptlydone.com:443", wantDomain: "aptlydone.com"},
		{host: "aptly.info", wantDomain: "aptly.info"},
		{host: "WWW.APTLY.INFO", wantDomain: "aptly.info"},
		{host: "api.getaptly.com"},
		{host: "notaptlydone.com"},
		{host: "aptly.information"},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			p, ok := OtherProduct(tt.host)
			if ok != (tt.wantDomain != "") || p.Domain != tt.wantDomain {
				t.Errorf("OtherProduct(%q) = %+v, %v; want domain %q", tt.host, p, ok, tt.wantDomain)
			}
			if ok && p.Name == "" {
				t.Errorf("OtherProduct(%q) has no name to show", tt.host)
			}
		})
	}
}

func TestAimedAt(t *testing.T) {
	tests := []struct {
		name   string
		aim    Aim
		method string
		url    string
		keyed  bool
		want   bool
	}{
		{name: "legacy host", url: "https://api.getaptly.com/api/aptlet/b1", want: true},
		{name: "core host any path", url: "https://core-api.getaptly.com/v2/x", want: true},
		{name: "marketing site written by hand", url: "https://www.getaptly.com/pricing", want: true},
		{name: "misspelt host", url: "https://api.getapty.com/api/aptlet/b1", want: true},
		{name: "wrong suffix", url: "https://getaptly.co/api/aptlet/b1", want: true},
		{name: "misspelt host other path", url: "https://api.getaptley.com/v1/things", want: true},
		{name: "config base url", aim: Aim{Hosts: []string{"aptly-proxy.internal:8443"}}, url: "https://aptly-proxy.internal:8443/cards", want: true},
		{name: "loopback aptly path", url: "http://localhost:8427/api/aptlet/b1", want: true},
		{name: "unknown host core path with the key", url: "https://gateway.example.org/api/board/b1", keyed: true, want: true},
		{name: "unknown host core path, key in the query", url: "https://gateway.example.org/api/board/b1?x-token=k", want: true},
		{name: "kanban app on loopback", url: "http://localhost:3000/api/boards", want: false},
		{name: "kanban app board", url: "http://localhost:3000/api/board/42", want: false},
		{name: "kanban app card", url: "http://127.0.0.1:5000/api/card/7", want: false},
		{name: "placeholder host aptly path", url: "{{baseUrl}}/api/aptlet/{{board}}", want: true},
		{name: "no url", url: "", want: true},
		{name: "dropped get", url: "https://api.aptly.com/api/aptlet/b1", want: true},
		{name: "other suffix", url: "https://api.getaptly.io/v1", want: true},
		{name: "debian aptly server", url: "http://aptly.example.com/api/repos", want: false},
		{name: "debian aptly server named aptly", url: "https://aptly.internal.example.org:8080/api/publish", want: false},
		{name: "another get- company", url: "https://api.getpocket.com/v3/get", want: false},
		{name: "other api", url: "https://api.example.com/v1/users", want: false},
		{name: "loopback other path", url: "http://localhost:3000/api/users", want: false},
		{name: "debian aptly", url: "http://localhost:8080/api/repos", want: false},
		{name: "debian aptly files", url: "http://aptly.info/api/files", want: false},
		{name: "github", url: "https://api.github.com/repos/a/b", want: false},
		{name: "placeholder host other path", url: "{{host}}/v1/things", want: false},
		{name: "har preflight", aim: Aim{Recorded: true}, method: "OPTIONS", url: "https://api.getaptly.com/api/aptlet/b1", want: false},
		{name: "har web app route", aim: Aim{Recorded: true}, method: "GET", url: "https://app.getaptly.com/dashboard", want: false},
		{name: "har web app api", aim: Aim{Recorded: true}, method: "POST", url: "https://app.getaptly.com/api/aptlet/b1", want: true},
		{name: "har marketing", aim: Aim{Recorded: true}, method: "GET", url: "https://www.getaptly.com/", want: false},
		{name: "har portal", aim: Aim{Recorded: true}, method: "GET", url: "https://api.getaptly.com/api/portal/x", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := tt.aim.AimedAt(tt.method, tt.url, tt.keyed); got != tt.want {
				t.Errorf("AimedAt(%q, %q) = %v, want %v", tt.method, tt.url, got, tt.want)
			}
		})
	}
}
