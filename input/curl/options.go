package curl

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// valueOpt reports whether name is one of curl's long options that take an
// argument, from curl's own option table (tool_getparam.c); every other
// option is a switch. A switch statement, not a map: the compiler turns it
// into a binary search and start-up builds nothing.
func valueOpt(name string) bool {
	switch name {
	case "abstract-unix-socket", "alt-svc", "aws-sigv4", "cacert", "capath", "cert", "cert-type",
		"ciphers", "config", "connect-timeout", "connect-to", "continue-at", "cookie", "cookie-jar",
		"create-file-mode", "crlfile", "curves", "data", "data-ascii", "data-binary", "data-raw",
		"data-urlencode", "delegation", "dns-interface", "dns-ipv4-addr", "dns-ipv6-addr",
		"dns-servers", "doh-url", "dump-header", "ech", "egd-file", "engine", "etag-compare",
		"etag-save", "expect100-timeout", "form", "form-string", "ftp-account",
		"ftp-alternative-to-user", "ftp-method", "ftp-port", "ftp-ssl-ccc-mode",
		"happy-eyeballs-timeout-ms", "haproxy-clientip", "header", "hostpubmd5", "hostpubsha256",
		"hsts", "interface", "ip-tos", "ipfs-gateway", "json", "keepalive-cnt", "keepalive-time",
		"key", "key-type", "knownhosts", "krb", "krb4", "libcurl", "limit-rate", "local-port",
		"login-options", "mail-auth", "mail-from", "mail-rcpt", "max-filesize", "max-redirs",
		"max-time", "netrc-file", "noproxy", "oauth2-bearer", "output", "output-dir",
		"parallel-max", "parallel-max-host", "pass", "pinnedpubkey", "preproxy", "proto",
		"proto-default", "proto-redir", "proxy", "proxy-cacert", "proxy-capath", "proxy-cert",
		"proxy-cert-type", "proxy-ciphers", "proxy-crlfile", "proxy-header", "proxy-key",
		"proxy-key-type", "proxy-pass", "proxy-pinnedpubkey", "proxy-service-name",
		"proxy-tls13-ciphers", "proxy-tlsauthtype", "proxy-tlspassword", "proxy-tlsuser",
		"proxy-user", "proxy1.0", "pubkey", "quote", "random-file", "range", "rate", "referer",
		"request", "request-target", "resolve", "retry", "retry-delay", "retry-max-time",
		"sasl-authzid", "service-name", "sigalgs", "socks4", "socks4a", "socks5",
		"socks5-gssapi-service", "socks5-hostname", "speed-limit", "speed-time", "ssl-sessions",
		"stderr", "telnet-option", "tftp-blksize", "time-cond", "tls-max", "tls13-ciphers",
		"tlsauthtype", "tlspassword", "tlsuser", "trace", "trace-ascii", "trace-config",
		"unix-socket", "upload-file", "upload-flags", "url", "url-query", "user", "user-agent",
		"variable", "vlan-priority", "write-out":
		return true
	}
	return false
}

// switchOpt reports whether name is one of the long options known to take
// no argument, the ones a pasted command commonly carries; unknown options
// are guessed at.
func switchOpt(name string) bool {
	switch name {
	case "anyauth", "append", "basic", "buffer", "compressed", "compressed-ssh", "create-dirs",
		"crlf", "digest", "disable", "fail", "fail-early", "fail-with-body", "follow",
		"form-escape", "get", "globoff", "head", "help", "http0.9", "http1.0", "http1.1", "http2",
		"http2-prior-knowledge", "http3", "http3-only", "ignore-content-length", "include",
		"insecure", "ipv4", "ipv6", "junk-session-cookies", "keepalive", "list-only", "location",
		"location-trusted", "manual", "negotiate", "netrc", "netrc-optional", "next", "ntlm",
		"out-null", "parallel", "parallel-immediate", "path-as-is", "post301", "post302", "post303",
		"progress-bar", "progress-meter", "proxy-insecure", "proxytunnel", "raw", "remote-header-name",
		"remote-name", "remote-name-all", "remote-time", "remove-on-error", "retry-all-errors",
		"retry-connrefused", "sessionid", "show-error", "show-headers", "silent", "skip-existing",
		"ssl", "ssl-no-revoke", "ssl-reqd", "styled-output", "tcp-fastopen", "tcp-nodelay",
		"tls-earlydata", "tlsv1", "tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3", "tr-encoding",
		"trace-ids", "trace-time", "use-ascii", "verbose", "version", "xattr", "alpn", "clobber",
		"ca-native", "cert-status", "mptcp", "ftp-pasv", "ftp-ssl", "ftp-create-dirs":
		return true
	}
	return false
}

// shortOpts maps curl's one-letter options to their long names; a letter
// that is no option has "". An array the linker lays out, indexed by the
// byte.
var shortOpts = [256]string{
	'0': "http1.0", '1': "tlsv1", '2': "sslv2", '3': "sslv3", '4': "ipv4", '6': "ipv6",
	'#': "progress-bar", ':': "next", 'a': "append", 'A': "user-agent", 'b': "cookie",
	'B': "use-ascii", 'c': "cookie-jar", 'C': "continue-at", 'd': "data", 'D': "dump-header",
	'e': "referer", 'E': "cert", 'f': "fail", 'F': "form", 'g': "globoff", 'G': "get",
	'h': "help", 'H': "header", 'i': "show-headers", 'I': "head", 'j': "junk-session-cookies",
	'J': "remote-header-name", 'k': "insecure", 'K': "config", 'l': "list-only",
	'L': "location", 'm': "max-time", 'M': "manual", 'n': "netrc", 'N': "buffer",
	'o': "output", 'O': "remote-name", 'p': "proxytunnel", 'P': "ftp-port", 'q': "disable",
	'Q': "quote", 'r': "range", 'R': "remote-time", 's': "silent", 'S': "show-error",
	't': "telnet-option", 'T': "upload-file", 'u': "user", 'U': "proxy-user", 'v': "verbose",
	'V': "version", 'w': "write-out", 'x': "proxy", 'X': "request", 'y': "speed-time",
	'Y': "speed-limit", 'z': "time-cond", 'Z': "parallel",
}

// dataPart is one -d/--data-*/--json argument, before curl joins them.
type dataPart struct {
	raw    []byte
	offs   []int // source offset of each byte of raw, for an inline part
	src    *input.Source
	at     input.Pos
	origin string
	json   bool
	unread bool // a file or standard input that is not at hand
}

// upload is one -T: the file curl PUTs to the URL it goes with.
type upload struct {
	file *word
	flag string
	at   input.Pos
}

type builder struct {
	src   *input.Source
	opt   Options
	li    *input.LineIndex
	req   *input.Request // what every URL of the command shares
	stdin *stdin         // the call's standard input, when the text holds it
	notes []string

	urls     []*word
	guesses  []*word // words taken by unknown options, in case one was the URL
	query    []string
	data     []dataPart
	form     bool
	get      bool
	head     bool
	uploads  []upload // -T, in order: curl gives the Nth file to the Nth URL
	method   bool
	implicit []input.Header
}

// build turns the arguments after "curl" (up to a --next) into one request
// per URL.
func (b *builder) build(args []word) []*input.Request {
	for i := 0; i < len(args); i++ {
		a := &args[i]
		v := string(a.val)
		switch {
		case strings.HasPrefix(v, "--") && len(v) > 2:
			name := v[2:]
			var val *word
			if eq := strings.IndexByte(name, '='); eq > 0 && valueOpt(strings.TrimPrefix(name[:eq], "expand-")) {
				val = a.from(2 + eq + 1)
				name = name[:eq]
			}
			name = strings.TrimPrefix(name, "expand-")
			switch {
			case valueOpt(name):
				if val == nil {
					if i+1 >= len(args) {
						continue
					}
					i++
					val = &args[i]
				}
				b.apply(name, "--"+name, a, val)
			case switchOpt(name) || strings.HasPrefix(name, "no-"):
				b.apply(name, "--"+name, a, nil)
			default:
				// An option this table does not know: take the next word
				// as its argument unless it looks like the URL.
				if i+1 < len(args) && !strings.HasPrefix(string(args[i+1].val), "-") && !looksURL(string(args[i+1].val)) {
					i++
					b.guesses = append(b.guesses, &args[i])
				}
			}
		case len(v) > 1 && v[0] == '-':
			for j := 1; j < len(v); j++ {
				name := shortOpts[v[j]]
				if name == "" {
					continue
				}
				flag := "-" + string(v[j])
				if !valueOpt(name) {
					b.apply(name, flag, a, nil)
					continue
				}
				var val *word
				switch {
				case j+1 < len(v):
					val = a.from(j + 1)
				case i+1 < len(args):
					i++
					val = &args[i]
				}
				if val != nil {
					b.apply(name, flag, a, val)
				}
				break
			}
		default:
			b.urls = append(b.urls, a)
		}
	}
	if len(b.urls) == 0 && len(b.guesses) > 0 {
		b.urls = b.guesses[:1]
	}
	if len(b.urls) == 0 {
		return []*input.Request{b.finish(nil, b.upload(0))}
	}
	reqs := make([]*input.Request, 0, len(b.urls))
	for i, u := range b.urls {
		reqs = append(reqs, b.finish(u, b.upload(i)))
	}
	return reqs
}

func looksURL(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "://") || strings.HasPrefix(l, "www.") || strings.HasPrefix(l, "localhost") ||
		(strings.Contains(l, ".") && strings.Contains(l, "/") && !strings.ContainsAny(l, " \t\n"))
}

func (b *builder) pos(off int) input.Pos { return b.li.Pos(off) }

// apply records one option. flagWord is the word holding the option, val
// its argument (nil for a switch).
func (b *builder) apply(name, flag string, flagWord, val *word) {
	switch name {
	case "request":
		b.req.Method = string(val.val)
		b.req.MethodAt = b.pos(val.first())
		b.method = true
		b.vars(val, "method")
	case "header":
		if len(val.val) > 0 && val.val[0] == '@' {
			b.headerFile(val)
			return
		}
		b.header(val)
	case "data", "data-ascii", "data-binary", "data-raw", "data-urlencode", "json":
		b.dataArg(name, flag, flagWord, val)
	case "form", "form-string":
		b.form = true
		b.bodyFlag(flag, flagWord)
		b.vars(val, "body")
	case "get":
		b.get = true
	case "head":
		b.head = true
	case "upload-file":
		b.uploads = append(b.uploads, upload{file: val, flag: flag, at: b.pos(flagWord.start)})
	case "url":
		b.urls = append(b.urls, val)
	case "url-query":
		// --data-urlencode's forms, added to the query; "+" sends as is.
		if v, ok := strings.CutPrefix(string(val.val), "+"); ok {
			b.query = append(b.query, v)
			break
		}
		enc, part := b.encoded(val, "query file")
		if part.unread {
			enc = string(val.val) // the file's text is not at hand; keep what was written
			if name, file, ok := strings.Cut(enc, "@"); ok && name != "" && !strings.Contains(name, "=") {
				enc = name + "=@" + file
			}
		}
		b.query = append(b.query, enc)
	case "range":
		v := string(val.val)
		if !strings.Contains(v, "-") {
			v += "-" // a lone number is an offset: from there to the end
		}
		b.req.Headers = append(b.req.Headers, input.Header{Name: "Range", Value: "bytes=" + v, At: b.pos(val.first())})
	case "user":
		user := string(val.val)
		if !strings.Contains(user, ":") {
			user += ":"
		}
		b.implicit = append(b.implicit, input.Header{Name: "Authorization",
			Value: "Basic " + base64.StdEncoding.EncodeToString([]byte(user)), Implicit: true})
		b.vars(val, "header Authorization")
	case "oauth2-bearer":
		b.implicit = append(b.implicit, input.Header{Name: "Authorization",
			Value: "Bearer " + string(val.val), Implicit: true})
		b.vars(val, "header Authorization")
	case "cookie":
		if strings.Contains(string(val.val), "=") {
			b.named("Cookie", val)
		}
	case "user-agent":
		b.named("User-Agent", val)
	case "referer":
		b.named("Referer", val)
	}
}

func (b *builder) vars(w *word, in string) {
	for _, v := range w.vars {
		b.req.Unresolved = append(b.req.Unresolved, input.Var{Name: v.name, In: in, At: b.pos(v.off)})
	}
}

func (b *builder) bodyFlag(flag string, flagWord *word) {
	if b.req.BodyFlag == "" {
		b.req.BodyFlag = flag
		b.req.BodyFlagAt = b.pos(flagWord.start)
	}
}

// header adds a -H argument as written.
func (b *builder) header(val *word) {
	s := string(val.val)
	name, value, ok := strings.Cut(s, ":")
	if !ok {
		// "Name;" is curl's way to send a header with no value.
		name = strings.TrimSuffix(s, ";")
	}
	name = strings.TrimSpace(name)
	// Only spaces and tabs are trimmed, as curl does: a line break in the
	// value (a key read from a file) is sent, and AD202's to report.
	b.req.Headers = append(b.req.Headers, input.Header{Name: name, Value: strings.Trim(value, " \t"), At: b.pos(val.first())})
	b.vars(val, "header "+name)
}

// named adds a header that an option writes under its own name (-A, -e, -b).
func (b *builder) named(name string, val *word) {
	b.req.Headers = append(b.req.Headers, input.Header{Name: name, Value: string(val.val), At: b.pos(val.first())})
	b.vars(val, "header "+name)
}

func (b *builder) headerFile(val *word) {
	data, _, err := b.readFile(string(val.val[1:]))
	if err != nil {
		b.notes = append(b.notes, fmt.Sprintf("the header file %q could not be read (%v), so its headers were not checked", string(val.val[1:]), err))
		return
	}
	at := b.pos(val.first())
	for _, line := range lines.All(string(data)) {
		line = lines.Trim(line)
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		b.req.Headers = append(b.req.Headers, input.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), At: at})
	}
}

// readFile reads a file named in the command, relative to Options.Dir.
func (b *builder) readFile(name string) ([]byte, string, error) {
	path := name
	if !filepath.IsAbs(path) && b.opt.Dir != "" {
		path = filepath.Join(b.opt.Dir, path)
	}
	if b.opt.ReadFile == nil {
		return nil, path, errors.New("no file access was given")
	}
	data, err := b.opt.ReadFile(path)
	if err != nil {
		return nil, path, err
	}
	return data, path, nil
}

// dataArg records one data option as curl reads it: @name is a file (but
// not for --data-raw), @- is standard input.
func (b *builder) dataArg(name, flag string, flagWord, val *word) {
	b.bodyFlag(flag, flagWord)
	b.vars(val, "body")
	s := string(val.val)
	part := dataPart{raw: val.val, offs: val.offs, src: b.src, at: b.pos(val.first()), origin: "inline", json: name == "json"}
	if name == "data-urlencode" {
		b.urlencoded(val)
		return
	}
	if name != "data-raw" && strings.HasPrefix(s, "@") {
		p := b.filePart(s[1:], "body file")
		p.json = part.json
		part = p
	}
	b.data = append(b.data, part)
}

// filePart reads the file name, or standard input for "-" (curl reads "."
// as standard input too), as a body. What cannot be read is a note and an
// unread part: the URL and headers are still worth judging.
func (b *builder) filePart(name, what string) dataPart {
	if name == "-" || name == "." {
		return b.stdinPart(what)
	}
	data, path, err := b.readFile(name)
	if errors.Is(err, input.ErrOutside) {
		b.req.Withheld = append(b.req.Withheld, input.Var{Name: name, In: what, At: b.req.BodyFlagAt})
		return dataPart{unread: true}
	}
	if err != nil {
		b.notes = append(b.notes, fmt.Sprintf("the %s %q could not be read (%v): the URL and headers were checked, the body was not", what, name, err))
		return dataPart{unread: true}
	}
	return dataPart{raw: data, src: &input.Source{Path: path, Data: data}, at: input.Pos{Line: 1, Col: 1}, origin: "@file"}
}

// stdinPart is a body read from standard input: the here document or
// text written beside the command, the file redirected into it, or else a
// note that the body is not in the file.
func (b *builder) stdinPart(what string) dataPart {
	switch in := b.stdin; {
	case in != nil && in.text != nil:
		return dataPart{raw: in.text.val, offs: in.text.offs, src: b.src, at: b.pos(in.text.first()), origin: "inline"}
	case in != nil && in.file != nil:
		b.vars(in.file, "body")
		return b.filePart(string(in.file.val), what)
	}
	b.notes = append(b.notes, "a body read from standard input (@-) is not in the file, so it was not checked")
	return dataPart{unread: true}
}

// urlencoded follows --data-urlencode: "content", "=content",
// "name=content", "@file" and "name@file", encoding only the content.
func (b *builder) urlencoded(val *word) {
	enc, part := b.encoded(val, "body file")
	part.raw = []byte(enc)
	b.data = append(b.data, part)
}

// encoded reads one --data-urlencode (or --url-query) argument and returns
// its encoded text and the part it came from (a file, when named).
func (b *builder) encoded(val *word, what string) (string, dataPart) {
	s := string(val.val)
	name, content, sep := "", s, byte(0)
	if i := strings.IndexByte(s, '='); i >= 0 {
		name, content, sep = s[:i], s[i+1:], '='
	} else if i := strings.IndexByte(s, '@'); i >= 0 {
		name, content, sep = s[:i], s[i+1:], '@'
	}
	part := dataPart{src: b.src, at: b.pos(val.first()), origin: "inline"}
	if sep == '@' {
		part = b.filePart(content, what)
		content = string(part.raw)
	}
	enc := url.QueryEscape(content)
	if name != "" {
		enc = name + "=" + enc
	}
	return enc, part
}

// note records what the doctor could not model or read, once.
func (b *builder) note(n string) {
	if !slices.Contains(b.notes, n) {
		b.notes = append(b.notes, n)
	}
}

// upload returns the -T that goes with the i-th URL, or nil.
func (b *builder) upload(i int) *upload {
	if i < len(b.uploads) {
		return &b.uploads[i]
	}
	return nil
}

// finish settles what curl decides on its own for the URL u (nil when the
// command has none) and the file up it uploads (nil for none): the joined
// body, the method and the headers it adds. Each URL gets a request of its
// own, sharing nothing with the others.
func (b *builder) finish(u *word, up *upload) *input.Request {
	r := new(input.Request)
	*r = *b.req
	r.Headers = slices.Clone(b.req.Headers)
	r.Unresolved = slices.Clone(b.req.Unresolved)
	if u != nil {
		r.URL = string(u.val)
		r.URLAt = b.pos(u.first())
		for _, v := range u.vars {
			r.Unresolved = append(r.Unresolved, input.Var{Name: v.name, In: "url", At: b.pos(v.off)})
		}
	}
	var body *input.Body
	unread := false
	for _, p := range b.data {
		unread = unread || p.unread
	}
	if len(b.data) > 0 && !unread {
		first := b.data[0]
		raw := append([]byte(nil), first.raw...)
		for i, p := range b.data[1:] {
			if !p.json || !b.data[i].json {
				raw = append(raw, '&')
			}
			raw = append(raw, p.raw...)
		}
		body = &input.Body{Raw: raw, Src: first.src, At: first.at, Origin: first.origin}
		if len(b.data) == 1 {
			body.Raw = first.raw
			if first.origin == "inline" && len(first.offs) == len(first.raw) {
				// Quotes and escapes make body bytes and file columns
				// differ; each byte's own offset keeps positions exact.
				body.Offsets = first.offs
			}
		}
	}
	query := slices.Clone(b.query)
	sendsData := len(b.data) > 0
	if b.get && sendsData {
		// -G sends the data as the query string instead of a body.
		if body != nil {
			query = append(query, string(body.Raw))
		}
		body, sendsData = nil, false
		r.BodyFlag, r.BodyFlagAt = "", input.Pos{}
	}
	if up != nil {
		// -T makes a PUT of the file, to the URL with the file's name
		// added when the URL names no file. curl refuses -d beside it
		// ("You can only select one HTTP request method"): the PUT is what
		// the command means, and a note says curl will not send it as is.
		name := string(up.file.val)
		if name != "-" && name != "." {
			r.URL = withFileName(r.URL, filepath.Base(name))
		}
		// What is unresolved in the file's name belongs to this request,
		// not to the options every URL shares.
		shared := len(b.req.Unresolved)
		defer func() {
			r.Unresolved = append(r.Unresolved, b.req.Unresolved[shared:]...)
			b.req.Unresolved = b.req.Unresolved[:shared]
		}()
		b.vars(up.file, "body")
		if sendsData {
			b.note(fmt.Sprintf("curl refuses %s with %s (it sends one method only), so it sends nothing; the PUT of the file was judged", up.flag, r.BodyFlag))
		}
		body, sendsData = nil, false
		r.BodyFlag, r.BodyFlagAt = up.flag, up.at
		if p := b.filePart(name, "uploaded file"); !p.unread {
			body = &input.Body{Raw: p.raw, Src: p.src, At: input.Pos{Line: 1, Col: 1}, Origin: p.origin}
			if p.origin == "inline" {
				body.At = p.at
				if len(p.offs) == len(p.raw) {
					body.Offsets = p.offs
				}
			}
		}
	}
	for _, q := range query {
		if strings.Contains(r.URL, "?") {
			r.URL += "&" + q
		} else {
			r.URL += "?" + q
		}
	}
	r.Body = body
	r.Multipart = b.form
	if !b.method {
		switch {
		case b.head:
			r.Method = "HEAD"
		case b.get:
			r.Method = "GET"
		case up != nil:
			r.Method = "PUT"
		case sendsData || b.form:
			r.Method = "POST"
		default:
			r.Method = "GET"
		}
	}
	jsoned := false
	for _, p := range b.data {
		jsoned = jsoned || p.json
	}
	implicit := slices.Clone(b.implicit)
	switch {
	case sendsData && jsoned:
		implicit = append(implicit,
			input.Header{Name: "Content-Type", Value: "application/json", Implicit: true},
			input.Header{Name: "Accept", Value: "application/json", Implicit: true})
	case sendsData:
		implicit = append(implicit, input.Header{Name: "Content-Type", Value: "application/x-www-form-urlencoded", Implicit: true})
	case b.form:
		implicit = append(implicit, input.Header{Name: "Content-Type", Value: "multipart/form-data", Implicit: true})
	}
	for _, h := range implicit {
		if _, ok := r.Header(h.Name); !ok {
			r.Headers = append(r.Headers, h)
		}
	}
	return r
}

// withFileName adds name to a URL whose path names no file (none, or one
// ending in "/"), as curl does for -T.
func withFileName(raw, name string) string {
	rest := raw
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	q := strings.IndexAny(rest, "?#")
	if q < 0 {
		q = len(rest)
	}
	slash := strings.IndexByte(rest[:q], '/')
	head := len(raw) - len(rest)
	switch {
	case slash < 0:
		return raw[:head+q] + "/" + name + raw[head+q:]
	case strings.HasSuffix(rest[:q], "/"):
		return raw[:head+q] + name + raw[head+q:]
	}
	return raw
}
