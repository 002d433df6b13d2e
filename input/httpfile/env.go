package httpfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// The JetBrains HTTP client's environment files, read from the folder of
// the request file. The private one (secrets, kept out of version control)
// overrides the public one, name by name. They are no card payloads: a
// folder walk passes them over.
const (
	EnvFile        = "http-client.env.json"
	PrivateEnvFile = "http-client.private.env.json"
)

// envs is one environment file: environment names in file order, each
// with its variables.
type envs struct {
	names []string
	vars  map[string]map[string]string
}

// loadEnv picks the variables of one environment: the one Options.Env
// names, or else the first, with a note saying which. A named environment
// no file defines is an error: a flag the run cannot honour is never
// silently ignored.
func (p *parser) loadEnv() error {
	var files []*envs
	var names []string
	for _, name := range []string{EnvFile, PrivateEnvFile} {
		data, err := p.readFile(name)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) && p.opt.ReadFile != nil {
				p.note("%s could not be read (%v); its variables were not used", name, err)
			}
			continue
		}
		e, err := parseEnvs(data)
		if err != nil {
			p.note("%s is not a valid environment file (%v); its variables were not used", name, err)
			continue
		}
		files = append(files, e)
		for _, n := range e.names {
			if n != "$shared" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	chosen := p.opt.Env
	switch {
	case len(files) == 0 && chosen != "":
		p.note("--http-env %q: there is no %s beside the file, so no environment variables were used", chosen, EnvFile)
		return nil
	case len(files) == 0 || len(names) == 0:
		return nil
	case chosen == "":
		chosen = names[0]
		if len(names) > 1 {
			p.note("variables from environment %q of %s, the first of %d (choose one with --http-env)", chosen, EnvFile, len(names))
		}
	case !slices.Contains(names, chosen):
		return fmt.Errorf("--http-env %s: %s has no such environment (it has %s)", chosen, EnvFile, quoteAll(names))
	}
	p.env = map[string]string{}
	for _, env := range []string{"$shared", chosen} {
		for _, f := range files {
			for k, v := range f.vars[env] {
				p.env[k] = v
			}
		}
	}
	return nil
}

// parseEnvs reads an environment file. Values that are not strings,
// numbers or booleans (the "Security" objects of OAuth settings) are not
// variables and are passed over.
func parseEnvs(data []byte) (*envs, error) {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	e := &envs{vars: map[string]map[string]string{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		var raw map[string]any
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("environment %q is not an object", name)
		}
		vars := map[string]string{}
		for k, v := range raw {
			switch x := v.(type) {
			case string:
				vars[k] = x
			case json.Number, bool:
				vars[k] = fmt.Sprint(x)
			}
		}
		if _, dup := e.vars[name]; !dup {
			e.names = append(e.names, name)
		}
		e.vars[name] = vars
	}
	return e, nil
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
