package checks

import (
	"bytes"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// LiteralSecret is AD305: a key written out where it will be committed.
var LiteralSecret = &Check{
	ID:       "AD305",
	Name:     "literal-secret",
	Title:    "a key written literally in the config or a committed request file",
	Severity: Warning,
	Needs:    NeedConfig | NeedRequest,
	Doc: `A key written into aptly-doctor.yaml, a .curl or a .http file ends up in the
repository, its history and every clone. Name an environment variable instead (key_env
in the config, $APTLY_KEY in curl, {{$processEnv APTLY_KEY}} in .http) and let CI fill it
from its secrets; key_sha256 lets a committed config still recognise the key.`,
	Fix: "Replace the key with an environment variable and rotate it",
	Run: func(p *Pass) error {
		if p.Target.Kind == input.KindConfig {
			if p.Opts.Config == nil {
				return nil
			}
			for _, k := range p.Opts.Config.LiteralKeys() {
				p.Report(AtPos(cfgPos(k.At())), "Replace key: with key_env: NAME and put the key in that variable (and key_sha256 to recognise it)",
					"a key %s is written literally in the config", k.Mask())
			}
			return nil
		}
		source := p.Target.Kind == input.KindSource
		if p.Target.Kind != input.KindCurl && p.Target.Kind != input.KindHTTP && !source && !p.Unit.Committed || p.Target.Path == "--curl" {
			return nil // a HAR is an export, a --curl flag is not a file
		}
		r := p.Unit.Request
		assigned := map[string]bool{}
		if p.Target.Kind == input.KindCurl && p.Unit.Src != nil && (p.Unit.Label == "" || p.Unit.Label == "command 1") {
			// A ticket paste: export APTLY_KEY="..." before the command.
			text := string(p.Unit.Src.Data)
			for _, a := range secret.Assignments(text) {
				if len(a.Value) < 8 || !strings.Contains(text, "$"+a.Name) && !strings.Contains(text, "${"+a.Name+"}") {
					continue
				}
				assigned[a.Value] = true
				p.Report(AtPos(input.NewLineIndex(p.Unit.Src).Pos(a.Off)), "Set "+a.Name+" from your secrets outside the file (the CI's secret store, a .env file not committed), then rotate the key",
					"the key %s is written literally in this request file, in the assignment to %s", secret.Mask(a.Value), a.Name)
			}
		}
		key, ok := requestKey(r)
		key = strings.Trim(key, `"'`)
		switch {
		case !ok || len(key) < 8 || p.Unit.Src == nil || assigned[key]:
			return nil
		case strings.ContainsAny(key, "${}<>") || len(aptly.Placeholders(key, false)) > 0 || filledBySender(r, key):
			return nil // a variable or a placeholder (AD108's), not a key
		case source && strings.ContainsAny(key, " \t"):
			return nil // prose, not a key
		case !bytes.Contains(p.Unit.Src.Data, []byte(key)):
			return nil // a key that came from a variable is not written in the file
		}
		// Point at the key where it is written, which may be a body or an
		// @var line rather than the header that sends it.
		off := bytes.Index(p.Unit.Src.Data, []byte(key))
		at := AtPos(input.NewLineIndex(p.Unit.Src).Pos(off))
		if source {
			// Code runs everywhere it is copied: a key in it is an error.
			if h, ok := r.Header("x-token"); ok && !h.At.IsZero() {
				at = AtPos(h.At)
			} else if _, qoff, ok := queryToken(r.URL); ok {
				at = AtPos(urlPos(r, qoff+len("x-token=")))
			}
			p.ReportSeverity(Error, at, "Read the key from an environment variable or a secret store (process.env.APTLY_KEY, os.environ[\"APTLY_KEY\"]), then rotate it",
				"the key %s is written literally in source code", secret.Mask(key))
			return nil
		}
		fix := `Write -H "x-token: $APTLY_KEY" and set APTLY_KEY from your secrets, then rotate the key`
		switch {
		case p.Target.Kind == input.KindHTTP:
			fix = "Write x-token: {{$processEnv APTLY_KEY}} and set APTLY_KEY from your secrets, then rotate the key"
		case p.Unit.Committed:
			fix = "Write x-token: {{apiKey}} and set apiKey in a Postman environment that is not exported, then rotate the key"
		}
		p.Report(at, fix, "the key %s is written literally in this request file", secret.Mask(key))
		return nil
	},
}
