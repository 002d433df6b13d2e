package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aptly-doctor/aptly-doctor/input/har"
)

// Entry kinds, by what the browser was doing.
const (
	harWrite   = iota // POST /api/aptlet/{board}: a card write, small answer
	harList           // GET a page of cards: a large JSON answer
	harCard           // GET /api/card/{id} on the app host
	harForeign        // a script or font from another host: a large text answer
)

// smallEntry is roughly what an entry without a large answer takes once
// written, used to spread the size budget over the large ones.
const smallEntry = 2600

func (g *gen) harKind(i int) int {
	switch r := (i*7919 + 13) % 20; {
	case r < 12:
		return harWrite
	case r < 16:
		return harList
	case r < 17:
		return harCard
	}
	return harForeign
}

// har writes one export of n entries, sized close to size bytes: most
// entries are card writes to api.getaptly.com, and the bulk of the bytes
// are in recorded responses, as in a real browser session.
func (g *gen) har(path string, n int, size int64) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	// Indented as browsers save it: a finding's line is then short, and
	// only response bodies make long lines.
	head := "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"},\n    \"pages\": [],\n    \"entries\": [\n      "
	w.WriteString(head)
	written := int64(len(head))
	big, small := 0, 0
	for i := range n {
		if k := g.harKind(i); k == harList || k == harForeign {
			big++
		} else {
			small++
		}
	}
	start := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("      ", "  ")
	for i := range n {
		kind := g.harKind(i)
		bodySize := 0
		if kind == harList || kind == harForeign {
			left := size - written - int64(small)*smallEntry
			bodySize = int(max(left/int64(big), 2000))
			bodySize = bodySize * (70 + g.rnd.IntN(61)) / 100
			big--
		} else {
			small--
		}
		e := g.harEntry(kind, bodySize, start.Add(time.Duration(i)*1700*time.Millisecond))
		buf.Reset()
		if i > 0 {
			buf.WriteString(",\n      ")
		}
		if err := enc.Encode(e); err != nil {
			f.Close()
			return err
		}
		buf.Truncate(buf.Len() - 1) // the encoder's newline
		written += int64(buf.Len())
		if _, err := w.Write(buf.Bytes()); err != nil {
			f.Close()
			return err
		}
	}
	w.WriteString("\n    ]\n  }\n}\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (g *gen) harEntry(kind, bodySize int, at time.Time) *har.Entry {
	board := g.pick(boardIDs)
	token := fmt.Sprintf("%016x%016x", g.rnd.Uint64(), g.rnd.Uint64())
	common := []har.NV{
		{Name: "Accept", Value: "application/json, text/plain, */*"},
		{Name: "User-Agent", Value: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"},
		{Name: "Origin", Value: "https://app.example-pm.com"},
	}
	e := &har.Entry{
		StartedDateTime: at.Format(time.RFC3339Nano),
		Time:            float64(40+g.rnd.IntN(400)) + 0.25,
		Timings:         har.Timings{Blocked: 1, DNS: -1, Connect: -1, Send: 0, Wait: float64(40 + g.rnd.IntN(300)), Receive: 2},
	}
	e.Request = har.Request{Method: "GET", HTTPVersion: "HTTP/2.0", Cookies: []har.NV{}, QueryString: []har.NV{}, HeadersSize: -1, BodySize: 0}
	e.Response = har.Response{Status: 200, StatusText: "OK", HTTPVersion: "HTTP/2.0", Cookies: []har.NV{}, HeadersSize: -1}
	jsonHeaders := []har.NV{{Name: "Content-Type", Value: "application/json; charset=utf-8"}}
	switch kind {
	case harWrite:
		body := string(object(nil, g.card(), false))
		ct := "application/json"
		if g.rnd.IntN(25) == 0 {
			ct = "text/plain;charset=UTF-8"
		}
		e.Request.Method = "POST"
		e.Request.URL = "https://api.getaptly.com/api/aptlet/" + board
		e.Request.Headers = append(common, har.NV{Name: "Content-Type", Value: ct}, har.NV{Name: "x-token", Value: token})
		e.Request.PostData = &har.PostData{MimeType: ct, Text: body}
		e.Request.BodySize = len(body)
		answer := fmt.Sprintf(`{"_id": "%s"}`, cardID(g))
		switch g.rnd.IntN(30) {
		case 0:
			e.Response.Status, e.Response.StatusText, answer = 400, "Bad Request", `{"error": "Bad request"}`
		case 1:
			e.Response.Status, e.Response.StatusText, answer = 401, "Unauthorized", `{"error": "Unauthorized"}`
		}
		e.Response.Headers = jsonHeaders
		e.Response.Content = har.Content{Size: len(answer), MimeType: "application/json", Text: answer}
	case harList:
		page := g.rnd.IntN(5)
		e.Request.URL = fmt.Sprintf("https://api.getaptly.com/api/aptlet/%s?page=%d", board, page)
		e.Request.QueryString = []har.NV{{Name: "page", Value: fmt.Sprint(page)}}
		e.Request.Headers = append(common, har.NV{Name: "x-token", Value: token})
		b := []byte{'['}
		for len(b) < bodySize {
			if len(b) > 1 {
				b = append(b, ',')
			}
			fields := append([][2]any{{"_id", cardID(g)}}, g.card()...)
			b = object(b, fields, false)
		}
		b = append(b, ']')
		e.Response.Headers = jsonHeaders
		e.Response.Content = har.Content{Size: len(b), MimeType: "application/json", Text: string(b)}
	case harCard:
		e.Request.URL = "https://app.getaptly.com/api/card/" + cardID(g)
		e.Request.Headers = append(common, har.NV{Name: "x-token", Value: token})
		b := object(nil, append([][2]any{{"_id", cardID(g)}}, g.card()...), false)
		e.Response.Headers = jsonHeaders
		e.Response.Content = har.Content{Size: len(b), MimeType: "application/json", Text: string(b)}
	case harForeign:
		host := g.pick([]string{"cdn.jsdelivr.net", "fonts.gstatic.com", "www.google-analytics.com", "static.example-pm.com"})
		e.Request.URL = fmt.Sprintf("https://%s/assets/app.%08x.js", host, g.rnd.Uint32())
		e.Request.Headers = common
		var sb strings.Builder
		for sb.Len() < bodySize {
			fmt.Fprintf(&sb, "function f%d(a,b){return a.map(function(x){return x+%q+b});}\n", g.rnd.IntN(1e6), g.pick(notes))
		}
		e.Response.Headers = []har.NV{{Name: "Content-Type", Value: "application/javascript"}}
		e.Response.Content = har.Content{Size: sb.Len(), MimeType: "application/javascript", Text: sb.String()}
	}
	e.Response.BodySize = e.Response.Content.Size
	return e
}

// cardID looks like the 17-character ids Aptly hands out.
func cardID(g *gen) string {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz"
	b := make([]byte, 17)
	for i := range b {
		b[i] = alphabet[g.rnd.IntN(len(alphabet))]
	}
	return string(b)
}
