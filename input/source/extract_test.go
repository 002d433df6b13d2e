package source

import (
	"slices"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// TestUnits holds each family's tokenizer to the units it must find, at
// the exact line and column of the literal.
func TestUnits(t *testing.T) {
	type want struct {
		url, header, board string
		at                 input.Pos
	}
	tests := []struct {
		name, path, data string
		want             []want
	}{
		{name: "js template", path: "a.js", data: "fetch(`https://api.getaptly.com/api/aptlet/${id}`)\n",
			want: []want{{url: "https://api.getaptly.com/api/aptlet/${id}", at: input.Pos{Line: 1, Col: 8}}}},
		{name: "js concatenation keeps each piece's column", path: "a.js", data: "u = 'https://api.getaptly.com/api/aptlet/' + b + '?x-token=' + k\n",
			want: []want{{url: "https://api.getaptly.com/api/aptlet/${b}?x-token=${k}", at: input.Pos{Line: 1, Col: 6}}}},
		{name: "key in a constant", path: "a.js", data: "const KEY = 'abcd1234efgh';\nh = {'x-token': KEY}\n",
			want: []want{{header: "abcd1234efgh", at: input.Pos{Line: 1, Col: 14}}}},
		{name: "python f-string and board constant", path: "a.py", data: "BOARD_ID = 'JShpBxEFgRmZnivTf'\nu = f\"https://core-api.getaptly.com/api/board/{BOARD_ID}\"\n",
			want: []want{{board: "JShpBxEFgRmZnivTf", at: input.Pos{Line: 1, Col: 13}}, {url: "https://core-api.getaptly.com/api/board/${BOARD_ID}", at: input.Pos{Line: 2, Col: 7}}}},
		{name: "ruby heredoc", path: "a.rb", data: "x = <<~EOS\n  https://api.getaptly.com/api/aptlet/#{b}\nEOS\n",
			want: []want{{url: "https://api.getaptly.com/api/aptlet/${b}", at: input.Pos{Line: 2, Col: 3}}}},
		{name: "php header line", path: "a.php", data: "<?php $h = ['x-token: Lk2Pq9Wm4Zx7'];\n",
			want: []want{{header: "Lk2Pq9Wm4Zx7", at: input.Pos{Line: 1, Col: 23}}}},
		{name: "powershell hashtable", path: "a.ps1", data: "$h = @{ 'x-token' = 'Lk2Pq9Wm4Zx7' }\n",
			want: []want{{header: "Lk2Pq9Wm4Zx7", at: input.Pos{Line: 1, Col: 22}}}},
		{name: "yaml block scalar read as shell", path: "ci.yml", data: "steps:\n  - run: |\n      curl \"https://api.getaptly.com/api/aptlet/$B\"\n",
			want: []want{{url: "https://api.getaptly.com/api/aptlet/${B}", at: input.Pos{Line: 3, Col: 13}}}},
		{name: "env value", path: ".env", data: "# x\nAPTLY_URL=https://api.getaptly.com/api/aptlet/B1\n",
			want: []want{{url: "https://api.getaptly.com/api/aptlet/B1", at: input.Pos{Line: 2, Col: 11}}}},
		{name: "php property", path: "a.php", data: "<?php class A { private $boardId = 'q7Rk2LmN9pXw4TzY1'; } // x-token\n",
			want: []want{{board: "q7Rk2LmN9pXw4TzY1", at: input.Pos{Line: 1, Col: 37}}}},
		{name: "an empty key", path: "a.js", data: "h = {\"x-token\": \"\"}\n",
			want: []want{{header: "", at: input.Pos{Line: 1, Col: 18}}}},
		{name: "prose names a URL, does not call it", path: "a.go", data: "log.Printf(\"posting to https://api.getaptly.com/api/aptlet/%s\", id)\n"},
		{name: "comments are not code", path: "a.go", data: "// see https://api.getaptly.com/api/aptlet/B1\n"},
		{name: "no mention, nothing read", path: "a.py", data: "print('hello')\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := Parse(&input.Source{Path: tt.path, Data: []byte(tt.data)}, FamilyOf(tt.path), Options{})
			if len(units) != len(tt.want) {
				for _, u := range units {
					t.Logf("unit: %+v %+v", u.Request, u.BoardID)
				}
				t.Fatalf("got %d units, want %d", len(units), len(tt.want))
			}
			for i, w := range tt.want {
				u := units[i]
				switch {
				case w.board != "":
					if u.BoardID == nil || u.BoardID.Value != w.board || u.BoardID.At != w.at {
						t.Errorf("unit %d: board %+v, want %q at %v", i, u.BoardID, w.board, w.at)
					}
				case w.url == "" && w.board == "":
					if u.Request == nil || len(u.Request.Headers) != 1 || u.Request.Headers[0].Value != w.header || u.Request.Headers[0].At != w.at {
						t.Errorf("unit %d: headers %+v, want %q at %v", i, u.Request, w.header, w.at)
					}
				default:
					if u.Request == nil || u.Request.URL != w.url || u.Request.URLAt != w.at {
						t.Errorf("unit %d: URL %+v, want %q at %v", i, u.Request, w.url, w.at)
					}
				}
			}
		})
	}
}

// TestConcatenatedPositions: every byte of a joined URL points at the byte
// of the file it came from.
func TestConcatenatedPositions(t *testing.T) {
	data := "u = 'https://api.getaptly.com/api/aptlet/' + b + '?x-token=' + k\n"
	units := Parse(&input.Source{Path: "a.js", Data: []byte(data)}, CLike, Options{})
	if len(units) != 1 {
		t.Fatalf("got %d units", len(units))
	}
	r := units[0].Request
	q := len("https://api.getaptly.com/api/aptlet/${b}")
	if got, want := r.URLPositions[q], (input.Pos{Line: 1, Col: 51}); got != want {
		t.Errorf("position of '?' = %v, want %v", got, want)
	}
}

// TestSecretsLeavePlaceholders: a placeholder in a header is AD108's to
// name, never masked as if it were a key.
func TestSecretsLeavePlaceholders(t *testing.T) {
	data := "h = {'x-token': 'YOUR_API_KEY'}\nk = {'x-token': 'Lk2Pq9Wm4Zx7'}\n"
	units := Parse(&input.Source{Path: "a.py", Data: []byte(data)}, Python, Options{})
	if len(units) != 2 {
		t.Fatalf("got %d units", len(units))
	}
	if got := units[0].Secrets; len(got) != 1 || got[0] != "Lk2Pq9Wm4Zx7" {
		t.Errorf("secrets = %q, want only the key", got)
	}
}

// TestFamilyTable: the extension table is sorted (Exts promises it) and
// names each extension once.
func TestFamilyTable(t *testing.T) {
	exts := Exts()
	if !slices.IsSorted(exts) || len(slices.Compact(slices.Clone(exts))) != len(exts) {
		t.Errorf("the extension table is not sorted and unique: %q", exts)
	}
	for _, tt := range []struct {
		name string
		want Family
	}{
		{"app.TS", CLike}, {"x/y/settings.yml", Config}, {".env.local", Config}, {"run.sh", Shell},
		{"notes.txt", None}, {"Makefile", None},
	} {
		if got := FamilyOf(tt.name); got != tt.want {
			t.Errorf("FamilyOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
