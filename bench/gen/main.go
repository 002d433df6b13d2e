// Command gen writes the benchmark corpora: small card payloads (a tenth of
// them broken in varied ways), curl request files, one large NDJSON batch,
// one HAR export, a tree of source code that never mentions Aptly and a
// repository where a few files call it. The same seed always gives the same bytes, so figures from
// two runs are measured on the same input.
//
//	go run ./bench/gen -out bench/out -payloads 10000 -curls 1000 -batch-lines 1000000 -har-entries 2000 -har-mb 50
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	out := fs.String("out", "bench/out", "folder to write the corpora into")
	seed := fs.Uint64("seed", 20240601, "random seed; the same seed gives the same files")
	payloads := fs.Int("payloads", 10000, "small card payloads to write")
	curls := fs.Int("curls", 1000, "curl request files to write")
	batchLines := fs.Int("batch-lines", 1000000, "cards in the NDJSON batch")
	cardsMB := fs.Int("cards-mb", 200, "size in MB of the NDJSON export of whole cards (about 250 bytes a line)")
	harEntries := fs.Int("har-entries", 2000, "entries in the HAR export")
	harMB := fs.Int("har-mb", 50, "approximate size of the HAR export in MB")
	sources := fs.Int("sources", 20000, "source files that never mention Aptly")
	repoFiles := fs.Int("repo-files", 3000, "files of the repository where one in a hundred calls Aptly")
	scaleList := fs.String("scale", "500,5000,50000", "sizes of the folders of payloads (20 subfolders each) under scale/; empty for none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var sizes []int
	for f := range strings.SplitSeq(*scaleList, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return fmt.Errorf("-scale: %q is not a count of files", f)
		}
		sizes = append(sizes, n)
	}
	g := &gen{rnd: rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"payloads", func() error {
			return g.payloads(filepath.Join(*out, "payloads"), filepath.Join(*out, "payloads-parseable"), *payloads)
		}},
		{"curls", func() error { return g.curls(filepath.Join(*out, "curls"), *curls) }},
		{"batch", func() error { return g.batch(filepath.Join(*out, "batch", "cards.ndjson"), *batchLines) }},
		{"export", func() error {
			return g.export(filepath.Join(*out, "export", "cards.ndjson"), int64(*cardsMB)*1000*1000)
		}},
		{"har", func() error {
			return g.har(filepath.Join(*out, "har", "session.har"), *harEntries, int64(*harMB)*1000*1000)
		}},
		// Code corpora live in folders the go tool passes over ("_"), so
		// go vet ./... never compiles them.
		{"sources", func() error { return g.sources(filepath.Join(*out, "_sources"), *sources) }},
		{"repo", func() error { return g.repo(filepath.Join(*out, "_repo"), *repoFiles) }},
		// Last, so the corpora above stay the same bytes with or without it.
		{"scale", func() error { return g.scale(filepath.Join(*out, "scale"), sizes) }},
	}
	// A quick run after a full one must not leave the full run's files behind.
	for _, d := range []string{"payloads", "payloads-parseable", "curls", "batch", "export", "har", "_sources", "_repo", "scale"} {
		if err := os.RemoveAll(filepath.Join(*out, d)); err != nil {
			return err
		}
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("write %s: %w", s.name, err)
		}
	}
	return nil
}

// gen holds the one random source every corpus draws from, in a fixed
// order, which is what makes the output reproducible.
type gen struct {
	rnd *rand.Rand
}

func (g *gen) pick(xs []string) string { return xs[g.rnd.IntN(len(xs))] }

var (
	firstNames = []string{"Maria", "John", "Ahmed", "Chloé", "Wei", "Priya", "Luis", "Fatima", "Olga", "Kwame", "Sofia", "Daniel", "Aisha", "Tomás", "Hannah", "Kenji"}
	lastNames  = []string{"Lopez", "Smith", "Khan", "Dubois", "Zhang", "Patel", "García", "Haddad", "Ivanova", "Mensah", "Rossi", "Cohen", "Bello", "Núñez", "Meyer", "Sato"}
	statuses   = []string{"New", "Contacted", "Tour Scheduled", "Application Sent", "Approved", "Lost"}
	priorities = []string{"Low", "Medium", "High", "Emergency"}
	properties = []string{"Maple Court", "Harbor View Apartments", "The Linden", "Oak Ridge Townhomes", "Riverside Lofts", "Cedar Park"}
	sources    = []string{"Zillow", "Website", "Walk-in", "Referral", "Apartments.com", "Phone"}
	issues     = []string{"Leaking faucet in kitchen", "Broken window latch", "HVAC not cooling", "Replace smoke detector", "Garbage disposal jammed", "Dishwasher not draining", "Front door lock sticks", "Mold on bathroom ceiling"}
	notes      = []string{"Prefers a call after 5pm", "Has a small dog", "Needs parking for two cars", "Tenant will be home all morning", "Call before entering, baby sleeping", "Access code at the front desk", "Asked about the \"move-in special\"", "Spanish speaker, text preferred"}
	tags       = []string{"vip", "pet", "section-8", "renewal", "urgent", "follow-up", "corporate"}
	staff      = []string{"alex@maplepm.com", "jordan@maplepm.com", "sam@maplepm.com", "riley@maplepm.com"}
	boardIDs   = []string{"JShpBxEFgRmZnivTf", "4EMDSYKirhQaNdQKz", "pQ7rT2wXyZ9aBcDeF", "Lm3Nk8Hj5Gf2Ds1Aq"}
)

// card returns the fields of one realistic lead or work-order card, in a
// stable order.
func (g *gen) card() [][2]any {
	name := g.pick(firstNames) + " " + g.pick(lastNames)
	unit := strconv.Itoa(1+g.rnd.IntN(24)) + string(rune('A'+g.rnd.IntN(6)))
	if g.rnd.IntN(2) == 0 {
		email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"
		f := [][2]any{
			{"Name", name},
			{"Email", email},
			{"Phone", fmt.Sprintf("+1415555%04d", g.rnd.IntN(10000))},
			{"Status", g.pick(statuses)},
			{"Property", g.pick(properties)},
			{"Unit", unit},
			{"Move-in Date", fmt.Sprintf("2025-%02d-%02d", 1+g.rnd.IntN(12), 1+g.rnd.IntN(28))},
			{"Budget", 900 + g.rnd.IntN(3000)},
			{"Source", g.pick(sources)},
			{"Pets", g.rnd.IntN(3) == 0},
		}
		if g.rnd.IntN(2) == 0 {
			f = append(f, [2]any{"Notes", g.pick(notes)})
		}
		if g.rnd.IntN(3) == 0 {
			f = append(f, [2]any{"Tags", []string{g.pick(tags), g.pick(tags)}})
		}
		return f
	}
	f := [][2]any{
		{"Name", g.pick(issues)},
		{"Property", g.pick(properties)},
		{"Unit", unit},
		{"Priority", g.pick(priorities)},
		{"Status", "Open"},
		{"Reported By", name},
		{"Assignee", g.pick(staff)},
		{"Permission to Enter", g.rnd.IntN(2) == 0},
		{"Estimated Cost", float64(g.rnd.IntN(50000)) / 100},
		{"Notes", g.pick(notes)},
	}
	if g.rnd.IntN(4) == 0 {
		f = append(f, [2]any{"Due Date", nil})
	}
	return f
}

// appendJSON writes v as JSON. Strings keep their UTF-8 as is; only what
// JSON requires is escaped.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	case string:
		return appendString(b, v)
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendString(b, s)
		}
		return append(b, ']')
	case rawJSON:
		return append(b, v...)
	}
	return append(b, "null"...)
}

// rawJSON is text spliced into a payload as it is, to break it on purpose.
type rawJSON string

func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c < 0x20:
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// object renders fields as one JSON object, indented when pretty is set.
func object(b []byte, fields [][2]any, pretty bool) []byte {
	b = append(b, '{')
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
			if !pretty {
				b = append(b, ' ')
			}
		}
		if pretty {
			b = append(b, "\n  "...)
		}
		b = appendString(b, f[0].(string))
		b = append(b, ": "...)
		b = appendJSON(b, f[1])
	}
	if pretty {
		b = append(b, '\n')
	}
	return append(b, '}')
}

// The ways a payload is broken, one for every tenth file in turn.
var breakages = []string{"trailing-comma", "single-quotes", "placeholder", "nested-object", "duplicate-key", "truncated", "smart-quotes", "bom", "nan", "empty"}

// broken returns a payload broken in the named way.
func (g *gen) broken(how string, fields [][2]any, pretty bool) []byte {
	switch how {
	case "trailing-comma":
		b := object(nil, fields, pretty)
		i := len(b) - 1
		if pretty {
			i--
		}
		return append(append(b[:i:i], ','), b[i:]...)
	case "single-quotes":
		return []byte(strings.ReplaceAll(string(object(nil, fields, pretty)), `"`, `'`))
	case "placeholder":
		fields[g.rnd.IntN(len(fields))][1] = g.pick([]string{"YOUR_BOARD_ID", "{{assignee}}", "<tenant email>", "${UNIT}", "xToken_example"})
	case "nested-object":
		fields = append(fields, [2]any{"Pets", rawJSON(`{"dogs": 1, "cats": 0}`)})
	case "duplicate-key":
		fields = append(fields, [2]any{"Status", "Contacted"})
	case "truncated":
		b := object(nil, fields, pretty)
		return b[:len(b)/2+g.rnd.IntN(len(b)/3)]
	case "smart-quotes":
		s := string(object(nil, fields, pretty))
		s = strings.Replace(s, `"Name": "`, "\u201cName\u201d: \u201c", 1)
		return []byte(s)
	case "bom":
		return append([]byte("\ufeff"), object(nil, fields, pretty)...)
	case "nan":
		fields = append(fields, [2]any{"Deposit", rawJSON("NaN")})
	case "empty":
		return nil
	}
	return object(nil, fields, pretty)
}

// unparseable are the breakages that JSON.parse rejects. ajv-cli stops the
// whole run at the first file it cannot parse, so it is timed on the other
// files only, gathered (as hard links) in a folder of their own.
var unparseable = map[string]bool{"trailing-comma": true, "single-quotes": true, "truncated": true, "smart-quotes": true, "bom": true, "nan": true, "empty": true}

// payload returns the name and bytes of the i-th small payload: a card,
// compact or indented, one in ten broken in the way its name says.
func (g *gen) payload(i int) (string, []byte) {
	fields := g.card()
	pretty := g.rnd.IntN(2) == 0
	if i%10 == 9 {
		how := breakages[(i/10)%len(breakages)]
		return fmt.Sprintf("card-%05d-%s.json", i, how), g.broken(how, fields, pretty)
	}
	return fmt.Sprintf("card-%05d.json", i), append(object(nil, fields, pretty), '\n')
}

// scale writes the largest of sizes payloads spread over 20 folders under
// dir/N, and each smaller size as hard links to its first files, so the
// doctor's time can be followed from a few hundred files to tens of
// thousands.
func (g *gen) scale(dir string, sizes []int) error {
	if len(sizes) == 0 {
		return nil
	}
	largest := slices.Max(sizes)
	const folders = 20
	var names []string
	for i := range largest {
		name, data := g.payload(i)
		rel := filepath.Join(fmt.Sprintf("d%02d", i%folders), name)
		p := filepath.Join(dir, strconv.Itoa(largest), rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		names = append(names, rel)
	}
	for _, n := range sizes {
		if n == largest {
			continue
		}
		for _, rel := range names[:n] {
			p := filepath.Join(dir, strconv.Itoa(n), rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.Link(filepath.Join(dir, strconv.Itoa(largest), rel), p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) payloads(dir, parseable string, n int) error {
	for _, d := range []string{dir, parseable} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for i := range n {
		name, data := g.payload(i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
		if i%10 != 9 || !unparseable[breakages[(i/10)%len(breakages)]] {
			if err := os.Link(filepath.Join(dir, name), filepath.Join(parseable, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// curl writes one request in the shape people paste it: multi-line bash
// from a browser or the docs, or one long line.
func (g *gen) curl(i int) string {
	host := "https://api.getaptly.com"
	board := g.pick(boardIDs)
	path := "/api/aptlet/" + board
	if i%7 == 3 {
		host, path = "https://core-api.getaptly.com", "/api/board/"+board
	}
	if i%13 == 5 {
		// aptly-doctor:ignore AD108 the corpus holds a placeholder on purpose
		path = "/api/aptlet/YOUR_BOARD_ID"
	}
	body := object(nil, g.card(), false)
	if i%11 == 4 {
		body = []byte(`{"Name": "{{tenant_name}}", "Status": "New"}`)
	}
	token := `"x-token: $APTLY_KEY"`
	if i%17 == 2 {
		token = `'x-token: YOUR_API_KEY'`
	}
	parts := []string{"curl", "-X POST", "'" + host + path + "'", "-H " + token}
	if i%5 != 1 { // every fifth file forgets the Content-Type
		parts = append(parts, `-H 'Content-Type: application/json'`)
	}
	flagName := g.pick([]string{"-d", "--data-raw", "--data-binary", "--data"})
	parts = append(parts, flagName+" '"+strings.ReplaceAll(string(body), "'", `'\''`)+"'")
	if i%3 == 0 {
		return strings.Join(parts, " ") + "\n"
	}
	return strings.Join(parts, " \\\n  ") + "\n"
}

func (g *gen) curls(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("req-%04d.curl", i)), []byte(g.curl(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// batch writes n compact cards, one a line; one line in a thousand is
// broken so the run has findings to report without drowning in them.
func (g *gen) batch(path string, n int) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	for i := range n {
		fields := g.card()
		fields = fields[:min(len(fields), 8)] // about 200 bytes a line, a lean export
		if i%1000 == 999 {
			how := breakages[(i/1000)%len(breakages)]
			if how == "empty" || how == "truncated" || how == "bom" {
				how = "trailing-comma" // these would split or blank the line, not break it
			}
			b = append(g.broken(how, fields, false), '\n')
		} else {
			b = append(object(b[:0], fields, false), '\n')
		}
		if _, err := w.Write(b); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// export writes whole cards, one a line, until the file holds size bytes:
// about 250 bytes a line, as an export of a board's cards is. One line in a
// thousand is broken, as in batch.
func (g *gen) export(path string, size int64) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	var written int64
	for i := 0; written < size; i++ {
		fields := g.card()
		fields = fields[:min(len(fields), 10)] // about 250 bytes a line
		if i%1000 == 999 {
			b = append(g.broken("trailing-comma", fields, false), '\n')
		} else {
			b = append(object(b[:0], fields, false), '\n')
		}
		if _, err := w.Write(b); err != nil {
			f.Close()
			return err
		}
		written += int64(len(b))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
