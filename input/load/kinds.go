package load

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
	"github.com/aptly-doctor/aptly-doctor/input/har"
	"github.com/aptly-doctor/aptly-doctor/input/httpfile"
	"github.com/aptly-doctor/aptly-doctor/input/postman"
)

// KindSpec is everything the doctor knows about one kind of input: how a
// file of it is named, recognised and parsed, and what may be done to it.
// The loader, the folder walk, --fix and redact all read this one table.
type KindSpec struct {
	Kind input.Kind
	// Exts are the file name extensions (lower case, with the dot) that
	// name this kind; a file with none of the table's extensions is
	// recognised by its content (Sniff, in table order).
	Exts []string
	// Walked: a folder walk picks these files (a file named on the command
	// line is read whatever its kind).
	Walked bool
	// Request: the input holds requests. --fix never rewrites it; it prints
	// the corrected request as a curl command instead.
	Request bool
	// Fixable: --fix rewrites a file of this kind in place.
	Fixable bool
	// Sniff recognises the kind from the content (trimmed of leading space
	// and BOM); nil means only the extension names it.
	Sniff func(trimmed, data []byte) bool
	// parse turns a source of this kind into units; nil for kinds that are
	// not read from a file (flags, config) or are streamed (batch).
	parse func(t *input.Target, src *input.Source, dir string, opt Options, read func(string) ([]byte, error)) ([]*input.Unit, error)
}

// Kinds is the registry of input kinds, in the order content sniffing tries
// them. Adding a kind is adding a row here (and its parser); the registry
// test holds every row to a parser, an example and the secrets test.
var Kinds = []*KindSpec{
	{
		Kind: input.KindHAR, Exts: []string{".har"}, Walked: true, Request: true,
		Sniff: looksHAR,
		parse: func(t *input.Target, src *input.Source, _ string, opt Options, _ func(string) ([]byte, error)) ([]*input.Unit, error) {
			units, err := har.Parse(src)
			if err != nil {
				return []*input.Unit{brokenHAR(src, err)}, nil
			}
			return aimed(t, opt, units, true), nil
		},
	},
	{
		Kind: input.KindBatch, Exts: []string{".ndjson", ".jsonl"}, Walked: true, Fixable: true,
		Sniff: func(trimmed, _ []byte) bool {
			return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') && looksNDJSON(trimmed)
		},
	},
	{
		Kind: input.KindPayload, Exts: []string{".json"}, Walked: true, Fixable: true,
		Sniff: func(trimmed, _ []byte) bool {
			return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
		},
		parse: func(t *input.Target, src *input.Source, _ string, opt Options, _ func(string) ([]byte, error)) ([]*input.Unit, error) {
			if postman.Looks(src.Data) {
				// A Postman collection: judge its requests, with its
				// {{variables}} filled in as Postman fills them.
				if pu, perr := postman.Parse(src); perr == nil {
					return aimed(t, opt, pu, false), nil
				}
			}
			if looksHAR(trimLead(src.Data), src.Data) {
				// A HAR saved as .json: judge its entries, not the export as
				// a card; a card that only mentions "log" and "entries"
				// stays one.
				if hu, herr := har.Parse(src); herr == nil {
					return aimed(t, opt, hu, true), nil
				}
			}
			return aimed(t, opt, []*input.Unit{payloadUnit(src, opt)}, false), nil
		},
	},
	{
		Kind: input.KindCurl, Exts: []string{".curl"}, Walked: true, Request: true,
		Sniff: func(_, data []byte) bool { return curl.Looks(data) },
		parse: func(t *input.Target, src *input.Source, dir string, opt Options, read func(string) ([]byte, error)) ([]*input.Unit, error) {
			if walkedSource(src.Path) {
				return scriptUnits(t, src, dir, opt, read) // a shell script
			}
			units, err := curl.Parse(src, curl.Options{Dir: dir, ReadFile: read, Lookup: opt.Lookup})
			return aimed(t, opt, units, false), err
		},
	},
	{
		Kind: input.KindHTTP, Exts: []string{".http", ".rest"}, Walked: true, Request: true,
		Sniff: func(trimmed, _ []byte) bool { return looksHTTP(trimmed) },
		parse: func(t *input.Target, src *input.Source, dir string, opt Options, read func(string) ([]byte, error)) ([]*input.Unit, error) {
			units, err := httpfile.Parse(src, httpfile.Options{Dir: dir, ReadFile: read, Lookup: opt.Lookup, Env: opt.HTTPEnv})
			return aimed(t, opt, units, false), err
		},
	},
	{
		Kind: input.KindSource, Exts: sourceExts(), Walked: true, Request: true,
		parse: parseSource,
	},
	{Kind: input.KindFlags, Request: true},
	{Kind: input.KindRequest, Request: true}, // received by serve, never read from a file
	{Kind: input.KindConfig},
}

func looksHAR(trimmed, data []byte) bool {
	return len(trimmed) > 0 && trimmed[0] == '{' && bytes.Contains(data, []byte(`"entries"`)) && bytes.Contains(data, []byte(`"log"`))
}

// trimLead drops leading white space and byte order marks, what sniffing
// looks past.
func trimLead(data []byte) []byte {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
}

// Spec returns the registry's row for k, or nil for a kind it does not know.
func Spec(k input.Kind) *KindSpec {
	for _, s := range Kinds {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// kindByExt names the kind a file's extension says; "" means look at the
// content.
func kindByExt(name string) input.Kind {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		return ""
	}
	for _, s := range Kinds {
		for _, e := range s.Exts {
			if e == ext {
				return s.Kind
			}
		}
	}
	return ""
}

// walkedExt reports whether a folder walk picks files with name's extension.
func walkedExt(name string) bool {
	k := kindByExt(name)
	return k != "" && Spec(k).Walked
}

// walkedExts lists the extensions a folder walk picks, for the message of a
// walk that found none: ".json, .ndjson or .har".
func walkedExts() string {
	var exts []string
	for _, s := range Kinds {
		if s.Walked {
			exts = append(exts, s.Exts...)
		}
	}
	if len(exts) < 2 {
		return strings.Join(exts, "")
	}
	return strings.Join(exts[:len(exts)-1], ", ") + " or " + exts[len(exts)-1]
}

// Detect tells a request from a payload by looking at the bytes, for files
// whose name says nothing (.txt, .sh, stdin). Content that no kind
// recognises is read as a payload, so it gets its AD101.
func Detect(data []byte) input.Kind {
	trimmed := trimLead(data)
	for _, s := range Kinds {
		if s.Sniff != nil && s.Sniff(trimmed, data) {
			return s.Kind
		}
	}
	return input.KindPayload
}

// KindOf names the kind of a file the way the loader reads it: by
// extension, then by content (a .json holding a HAR export is a HAR).
func KindOf(path string, data []byte) input.Kind {
	k := kindByExt(path)
	switch {
	case k == "":
		return Detect(data)
	case k == input.KindPayload && Detect(data) == input.KindHAR:
		return input.KindHAR
	}
	return k
}

// brokenHAR is a HAR that cannot be read, as a unit whose body is the
// whole file: AD101 then points at the mistake like in any JSON (a
// truncation, a byte-order mark, UTF-16), or at the value that makes
// valid JSON no HAR export (an entry that is null).
func brokenHAR(src *input.Source, err error) *input.Unit {
	b := &input.Body{Raw: src.Data, Src: src, At: input.Pos{Line: 1, Col: 1}, Origin: "har"}
	var he *har.Error
	if !errors.As(err, &he) {
		if b.Decode(); !b.Decoded {
			return &input.Unit{Src: src, Body: b}
		}
		he = &har.Error{Msg: err.Error()} // valid JSON the HAR reader still refused
	}
	b.Decoded, b.Value = false, nil
	b.Syntax = &input.SyntaxError{Offset: he.Offset, Culprit: "not-har",
		Message: "the file is JSON but not a HAR export: " + he.Msg,
		Fix:     "Export the HAR again from the browser's network panel (Save all as HAR), or correct the value shown"}
	return &input.Unit{Src: src, Body: b}
}
