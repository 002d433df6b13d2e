package fix

import (
	"bytes"
	"cmp"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonscan"
	"github.com/aptly-doctor/aptly-doctor/input/load"
)

// Applied is one repair as a test states it: the check whose finding
// carried it, where it was made (a byte offset of the input) and what it did.
type Applied struct {
	Check   string
	Pointer string
	Offset  int
	What    string
}

// judge runs every check on text as a payload file (or an NDJSON batch)
// judged under board, through the loader, as the command line does.
func judge(t testing.TB, board *config.Board, batch bool) Judge {
	t.Helper()
	opts := &checks.Options{}
	if board != nil {
		env := &config.Env{Name: "test", Boards: []*config.Board{board}}
		opts.Config = &config.Config{Version: 1, Envs: []*config.Env{env}}
		opts.Envs = []*config.Env{env}
	}
	runner := &checks.Runner{Checks: checks.All, Opts: opts, Jobs: 1}
	path := filepath.Join(t.TempDir(), "p.json")
	if batch {
		path = filepath.Join(filepath.Dir(path), "b.ndjson")
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return func(text []byte) []checks.Finding {
		ts, err := load.Expand([]string{path}, load.Options{Content: func(string) ([]byte, bool) { return text, true }})
		if err != nil {
			t.Fatal(err)
		}
		var out []checks.Finding
		for _, tr := range runner.Run(ts).Targets {
			out = append(out, tr.Findings...)
		}
		return out
	}
}

// fixText fixes data as a payload (or a batch) under board and says what
// was applied, in input offsets, sorted.
func fixText(t testing.TB, data []byte, board *config.Board, batch bool) ([]byte, []Applied, Outcome) {
	t.Helper()
	out := Text(data, batch, judge(t, board, batch))
	if out.Refused != nil {
		return out.Text, nil, out
	}
	var applied []Applied
	for _, f := range out.Fixed {
		applied = append(applied, Applied{Check: f.Check, Pointer: f.Pointer, Offset: offsetOf(data, f.Line, f.Col), What: f.Message})
	}
	slices.SortStableFunc(applied, func(a, b Applied) int { return cmp.Or(a.Offset-b.Offset, cmp.Compare(a.Check, b.Check)) })
	return out.Text, applied, out
}

// offsetOf turns a 1-based line and code-point column into a byte offset.
func offsetOf(data []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexAny(data[off:], "\r\n")
		if i < 0 {
			return len(data)
		}
		off += i + 1
		if data[off-1] == '\r' && off < len(data) && data[off] == '\n' {
			off++
		}
	}
	for c := 1; c < col && off < len(data); c++ {
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return off
}

func legacyBoard() *config.Board {
	return &config.Board{Name: "leads", Fields: []config.Field{
		{Name: "Name", Type: "text"},
		{Name: "Status", Type: "select", Options: []string{"New", "Contacted", "Leased"}},
		{Name: "Tags", Type: "multiselect", Options: []string{"Pets", "Parking"}},
		{Name: "Rent", Type: "money"},
		{Name: "Move-in Date", Type: "date"},
		{Name: "Email", Type: "email"},
		{Name: "Code", Type: "text"},
		{Name: "CODE", Type: "text"},
	}}
}

func TestText(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		board   *config.Board
		want    string
		applied []Applied
	}{
		{
			name:    "trailing comma in an object",
			in:      "{\n  \"Name\": \"Ann\",\n}\n",
			want:    "{\n  \"Name\": \"Ann\"\n}\n",
			applied: []Applied{{Check: "AD101", Offset: 17, What: "removed the trailing comma"}},
		},
		{
			name: "trailing commas in an array and its object",
			in:   `{"Tags": ["a", "b",],}`,
			want: `{"Tags": ["a", "b"]}`,
			applied: []Applied{
				{Check: "AD101", Offset: 18, What: "removed the trailing comma"},
				{Check: "AD101", Offset: 20, What: "removed the trailing comma"},
			},
		},
		{
			name:    "byte-order mark",
			in:      "\xEF\xBB\xBF{\"Name\": \"Ann\"}",
			want:    `{"Name": "Ann"}`,
			applied: []Applied{{Check: "AD101", Offset: 0, What: "removed the byte-order mark"}},
		},
		{
			name: "single quotes around keys and values",
			in:   `{'Name': 'Ann Lee', "Rent": 5}`,
			want: `{"Name": "Ann Lee", "Rent": 5}`,
			applied: []Applied{
				{Check: "AD101", Offset: 1, What: "replaced the single quotes with double quotes"},
				{Check: "AD101", Offset: 9, What: "replaced the single quotes with double quotes"},
			},
		},
		{
			name: "single quotes around text with an apostrophe are left",
			in:   `{"Name": 'O'Brien'}`,
			want: `{"Name": 'O'Brien'}`,
		},
		{
			name: "single quotes around text with a double quote are left",
			in:   `{"Name": 'say "hi"'}`,
			want: `{"Name": 'say "hi"'}`,
		},
		{
			name: "smart double quotes",
			in:   "{\u201cName\u201d: \u201cJos\u00e9\u2019s flat\u201d}",
			want: "{\"Name\": \"Jos\u00e9\u2019s flat\"}",
			applied: []Applied{
				{Check: "AD101", Offset: 1, What: "replaced the typographic quotes with double quotes"},
				{Check: "AD101", Offset: 13, What: "replaced the typographic quotes with double quotes"},
			},
		},
		{
			name:    "smart single quotes",
			in:      "{\"Name\": \u2018Ann\u2019}",
			want:    `{"Name": "Ann"}`,
			applied: []Applied{{Check: "AD101", Offset: 9, What: "replaced the typographic quotes with double quotes"}},
		},
		{
			name: "a fix is kept when a later mistake remains",
			in:   `{"Name": "Ann",, "Rent": 5,}`,
			want: `{"Name": "Ann",, "Rent": 5,}`,
		},
		{
			// DESIGN.md: nothing is written when the fixed text still
			// would not parse.
			name: "a trailing comma before a comment is not fixed: the comment stays",
			in:   "{\"Tags\": [1,], // note\n}",
			want: "{\"Tags\": [1,], // note\n}",
		},
		{
			name: "comments are never touched",
			in:   "{\"Name\": \"Ann\" /* x */}",
			want: "{\"Name\": \"Ann\" /* x */}",
		},
		{
			name: "valid JSON is left alone",
			in:   "{ \"Name\" : \"Ann\" }",
			want: "{ \"Name\" : \"Ann\" }",
		},
		{
			name:    "key differing by case",
			in:      `{"status": "New", "Name": "Ann"}`,
			board:   legacyBoard(),
			want:    `{"Status": "New", "Name": "Ann"}`,
			applied: []Applied{{Check: "AD105", Pointer: "/status", Offset: 1, What: `renamed "status" to "Status"`}},
		},
		{
			name:    "key with spaces around it",
			in:      `{" Name ": "Ann"}`,
			board:   legacyBoard(),
			want:    `{"Name": "Ann"}`,
			applied: []Applied{{Check: "AD105", Pointer: "/ Name ", Offset: 1, What: `renamed " Name " to "Name"`}},
		},
		{
			name:  "key whose right spelling is already present",
			in:    `{"name": "Ann", "Name": "Bo"}`,
			board: legacyBoard(),
			want:  `{"name": "Ann", "Name": "Bo"}`,
		},
		{
			name:  "key matching two fields by case",
			in:    `{"code": "x"}`,
			board: legacyBoard(),
			want:  `{"code": "x"}`,
		},
		{
			name:  "two keys that would both become one field",
			in:    `{"status": "New", "STATUS": "New"}`,
			board: legacyBoard(),
			want:  `{"status": "New", "STATUS": "New"}`,
		},
		{
			name:  "misspelt key is a guess and stays",
			in:    `{"Stauts": "New"}`,
			board: legacyBoard(),
			want:  `{"Stauts": "New"}`,
		},
		{
			name:  "renamed key gets its value fixed too",
			in:    `{"status": "new"}`,
			board: legacyBoard(),
			want:  `{"Status": "New"}`,
			applied: []Applied{
				{Check: "AD105", Pointer: "/status", Offset: 1, What: `renamed "status" to "Status"`},
				{Check: "AD106", Pointer: "/Status", Offset: 11, What: `wrote "new" as the option "New"`},
			},
		},
		{
			name:    "select option differing by case",
			in:      `{"Status": "contacted"}`,
			board:   legacyBoard(),
			want:    `{"Status": "Contacted"}`,
			applied: []Applied{{Check: "AD106", Pointer: "/Status", Offset: 11, What: `wrote "contacted" as the option "Contacted"`}},
		},
		{
			name:    "multiselect options",
			in:      `{"Tags": ["pets", "Parking", "pool"]}`,
			board:   legacyBoard(),
			want:    `{"Tags": ["Pets", "Parking", "pool"]}`,
			applied: []Applied{{Check: "AD106", Pointer: "/Tags/0", Offset: 10, What: `wrote "pets" as the option "Pets"`}},
		},
		{
			name:    "money with a symbol and separators",
			in:      `{"Rent": "$1,850.00"}`,
			board:   legacyBoard(),
			want:    `{"Rent": 1850.00}`,
			applied: []Applied{{Check: "AD106", Pointer: "/Rent", Offset: 9, What: `wrote the amount "$1,850.00" as the number 1850.00`}},
		},
		{
			name:    "money in euros, negative",
			in:      `{"Rent": "-€2,000"}`,
			board:   legacyBoard(),
			want:    `{"Rent": -2000}`,
			applied: []Applied{{Check: "AD106", Pointer: "/Rent", Offset: 9, What: `wrote the amount "-€2,000" as the number -2000`}},
		},
		{
			name:  "money with misplaced separators is left",
			in:    `{"Rent": "$18,50.00"}`,
			board: legacyBoard(),
			want:  `{"Rent": "$18,50.00"}`,
		},
		{
			name:    "year-first date",
			in:      `{"Move-in Date": "2025-9-1"}`,
			board:   legacyBoard(),
			want:    `{"Move-in Date": "2025-09-01"}`,
			applied: []Applied{{Check: "AD106", Pointer: "/Move-in Date", Offset: 17, What: `wrote the date "2025-9-1" as "2025-09-01"`}},
		},
		{
			name:    "year-first date with slashes",
			in:      `{"Move-in Date": "2025/09/01"}`,
			board:   legacyBoard(),
			want:    `{"Move-in Date": "2025-09-01"}`,
			applied: []Applied{{Check: "AD106", Pointer: "/Move-in Date", Offset: 17, What: `wrote the date "2025/09/01" as "2025-09-01"`}},
		},
		{
			name:  "month-or-day-first dates are never guessed",
			in:    `{"Move-in Date": "09/01/2025"}`,
			board: legacyBoard(),
			want:  `{"Move-in Date": "09/01/2025"}`,
		},
		{
			name:  "short ambiguous date is never guessed",
			in:    `{"Move-in Date": "1/9/25"}`,
			board: legacyBoard(),
			want:  `{"Move-in Date": "1/9/25"}`,
		},
		{
			name:  "not a real date",
			in:    `{"Move-in Date": "2025-2-30"}`,
			board: legacyBoard(),
			want:  `{"Move-in Date": "2025-2-30"}`,
		},
		{
			name:  "syntax and field fixes together, layout kept",
			in:    "{\r\n  'status': 'new',\r\n  \"Rent\": \"$900\",\r\n}\r\n",
			board: legacyBoard(),
			want:  "{\r\n  \"Status\": \"New\",\r\n  \"Rent\": 900\r\n}\r\n",
			applied: []Applied{
				{Check: "AD101", Offset: 5, What: "replaced the single quotes with double quotes"},
				{Check: "AD101", Offset: 15, What: "replaced the single quotes with double quotes"},
				{Check: "AD101", Offset: 39, What: "removed the trailing comma"},
				{Check: "AD105", Pointer: "/status", Offset: 5, What: `renamed "status" to "Status"`},
				{Check: "AD106", Pointer: "/Status", Offset: 15, What: `wrote "new" as the option "New"`},
				{Check: "AD106", Pointer: "/Rent", Offset: 33, What: `wrote the amount "$900" as the number 900`},
			},
		},
		{
			name:  "duplicate keys are not renamed",
			in:    `{"status": "New", "status": "Leased"}`,
			board: legacyBoard(),
			want:  `{"status": "New", "status": "Leased"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, applied, _ := fixText(t, []byte(tt.in), tt.board, false)
			if string(got) != tt.want {
				t.Errorf("Text() =\n%q\nwant\n%q", got, tt.want)
			}
			want := slices.Clone(tt.applied)
			slices.SortStableFunc(want, func(a, b Applied) int { return cmp.Or(a.Offset-b.Offset, cmp.Compare(a.Check, b.Check)) })
			if !reflect.DeepEqual(applied, want) {
				t.Errorf("applied =\n%+v\nwant\n%+v", applied, want)
			}
			again, more, _ := fixText(t, got, tt.board, false)
			if !bytes.Equal(again, got) || len(more) != 0 {
				t.Errorf("second run changed %q to %q (%+v)", got, again, more)
			}
		})
	}
}

// parsesNoWorse reports whether out parses at least as far as in: valid
// when in was, otherwise valid or failing later. Syntax fixes only ever
// remove bytes, so an offset in out is at most len(in)-len(out) bytes
// before the same place in in.
func parsesNoWorse(in, out []byte) bool {
	if bytes.Equal(in, out) {
		return true
	}
	a := jsonscan.Parse(in, input.MaxDepth)
	b := jsonscan.Parse(out, input.MaxDepth)
	if a.OK || b.OK {
		return b.OK
	}
	return b.Err.Offset+len(in)-len(out) > a.Err.Offset
}

func TestTextNeverGuesses(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		// Each closing quote here is followed by something that cannot
		// follow a string, so pairing the quotes would be a guess.
		{name: "apostrophe inside single quotes", in: `{"Name": 'it's'}`},
		{name: "unclosed smart quote", in: "{\"Name\": \u201cAnn}"},
		{name: "curly quote closing a straight one", in: "{\"Name\": \"Ann\u201d}"},
		{name: "single quote with backslash", in: `{"Path": 'C:\temp'}`},
		{name: "single quote across lines", in: "{\"Name\": 'Ann\nLee'}"},
		{name: "BOM before nothing", in: "\xEF\xBB\xBF"},
		{name: "smart quotes around text with a backslash", in: "{\"Path\": \u201cC:\\temp\u201d}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, applied, _ := fixText(t, []byte(tt.in), nil, false)
			if string(got) != tt.in || len(applied) != 0 {
				t.Errorf("Text(%q) = %q, %+v; want it unchanged", tt.in, got, applied)
			}
		})
	}
}

func TestTextKeepsNewlinesAndUntouchedBytes(t *testing.T) {
	in := "{\r\n\t\"Name\":   \"Ann\",\r\n\t\"Notes\": \"a\\u00e9\\n\",\r\n\t\"Tags\": [ 1 , 2 , ],\r\n}"
	want := "{\r\n\t\"Name\":   \"Ann\",\r\n\t\"Notes\": \"a\\u00e9\\n\",\r\n\t\"Tags\": [ 1 , 2  ]\r\n}"
	got, _, _ := fixText(t, []byte(in), nil, false)
	if string(got) != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTextTestdata(t *testing.T) {
	root := filepath.Join("..", "testdata")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		t.Run(path, func(t *testing.T) {
			for _, board := range []*config.Board{nil, legacyBoard()} {
				once, _, _ := fixText(t, data, board, false)
				twice, more, _ := fixText(t, once, board, false)
				if !bytes.Equal(once, twice) {
					t.Errorf("second run changed the output (%+v):\n%s\n---\n%s", more, once, twice)
				}
				if !parsesNoWorse(data, once) {
					t.Errorf("output parses worse than the input:\n%s", once)
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no JSON files found under testdata")
	}
}

func TestTextFixesTheExamples(t *testing.T) {
	tests := []struct {
		path string
	}{
		{path: "../testdata/golden/AD101/trailing-comma.json"},
		{path: "../testdata/golden/AD101/single-quotes.json"},
		{path: "../testdata/golden/AD101/smart-quotes.json"},
		{path: "../testdata/golden/AD101/bom.json"},
		{path: "../testdata/golden/AD101/trailing-comma-array.json"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			data, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			got, applied, _ := fixText(t, data, nil, false)
			if len(applied) == 0 || !jsonscan.Parse(got, 0).OK {
				t.Errorf("not fixed: %+v\n%s", applied, got)
			}
		})
	}
}

func TestTextBatch(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		offsets []int
	}{
		{
			name:    "lines with LF and a blank line",
			in:      "{\"a\": 1,}\n\n{\"b\": 2}\n{'c': 3}\n",
			want:    "{\"a\": 1}\n\n{\"b\": 2}\n{\"c\": 3}\n",
			offsets: []int{7, 21},
		},
		{
			name:    "CRLF kept, no final newline",
			in:      "{\"a\": [1,]}\r\n   \r\n{\"b\": 2,}",
			want:    "{\"a\": [1]}\r\n   \r\n{\"b\": 2}",
			offsets: []int{8, 25},
		},
		{
			name:    "lone CR endings, each one a line",
			in:      "{\"a\": 1,}\r\r{\"b\": 2}\r{'c': 3}\r",
			want:    "{\"a\": 1}\r\r{\"b\": 2}\r{\"c\": 3}\r",
			offsets: []int{7, 21},
		},
		{
			name: "nothing to fix",
			in:   "{\"a\": 1}\n{\"b\": 2,,}\n",
			want: "{\"a\": 1}\n{\"b\": 2,,}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, applied, _ := fixText(t, []byte(tt.in), nil, true)
			if string(got) != tt.want {
				t.Errorf("Text() = %q, want %q", got, tt.want)
			}
			var offs []int
			for _, a := range applied {
				offs = append(offs, a.Offset)
				if tt.in[a.Offset] != ',' && tt.in[a.Offset] != '\'' {
					t.Errorf("offset %d points at %q, not at the mistake", a.Offset, tt.in[a.Offset])
				}
			}
			if !reflect.DeepEqual(offs, tt.offsets) {
				t.Errorf("offsets = %v, want %v", offs, tt.offsets)
			}
		})
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		`{"a": 1,}`, `{'a': 'b'}`, "\xEF\xBB\xBF{}", "{\u201ca\u201d: \u2018b\u2019}",
		`{"status": "new", "Rent": "$1,000.50", "Move-in Date": "2025/1/2", "Tags": ["pets",]}`,
		`[1, 2,]`, `{"a": 'x"y'}`, `{`, ``, `'`, "\u201c",
	} {
		f.Add([]byte(s))
	}
	board := legacyBoard()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, b := range []*config.Board{nil, board} {
			once, _, _ := fixText(t, data, b, false)
			if !parsesNoWorse(data, once) {
				t.Fatalf("output parses worse: %q -> %q", data, once)
			}
			twice, _, _ := fixText(t, once, b, false)
			if !bytes.Equal(once, twice) {
				t.Fatalf("not idempotent: %q -> %q -> %q", data, once, twice)
			}
		}
	})
}

// TestTextAllOrNothing: when the fixed text still would not parse, nothing
// is applied and the repairs are reported as refused (DESIGN.md, "Fix and
// redact").
func TestTextAllOrNothing(t *testing.T) {
	tests := []struct{ name, in string }{
		{name: "trailing comma, then a comment", in: `{"Name":"A",} // note`},
		{name: "truncated after a trailing comma", in: `{"Name":"A","Tags":[1,],`},
		{name: "one batch line beyond repair", in: "{\"a\": 1,}\n{\"b\": 2,,}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, out := fixText(t, []byte(tt.in), nil, strings.Contains(tt.name, "batch"))
			if string(got) != tt.in {
				t.Errorf("Text() = %q, want the input unchanged", got)
			}
			if out.Refused == nil || len(out.Fixed) == 0 {
				t.Fatalf("refused %v, %d repairs: want the repairs reported as not applied", out.Refused, len(out.Fixed))
			}
			for _, f := range out.Fixed {
				if f.Fixed {
					t.Errorf("%s marked fixed though nothing was applied", f.Message)
				}
			}
		})
	}
}
