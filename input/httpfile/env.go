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
	source := EnvFile
	add := func(e *envs) {
		files = append(files, e)
		for _, n := range e.names {
			if n != "$shared" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
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
		add(e)
	}
	if len(files) == 0 {
		// REST Client keeps its environments in the workspace settings.
		if e, where := p.vscodeEnvs(); e != nil {
			add(e)
			source = where
		}
	}
	chosen := p.opt.Env
	switch {
	case len(files) == 0 && chosen != "":
		p.note("--http-env %q: there is no %s beside the file, so no environment variables were used", chosen, EnvFile)
		return nil
	case len(files) == 0:
		return nil
	case len(names) == 0:
		// Only shared variables: they apply whatever the environment.
		if chosen != "" {
			p.note("--http-env %q: %s holds only shared variables, so those were used", chosen, source)
		}
	case chosen == "":
		chosen = names[0]
		if len(names) > 1 {
			p.note("variables from environment %q of %s, the first of %d (choose one with --http-env)", chosen, source, len(names))
		}
	case !slices.Contains(names, chosen):
		return fmt.Errorf("--http-env %s: %s has no such environment (it has %s)", chosen, source, quoteAll(names))
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

// vscodeSettings is where VS Code keeps a workspace's settings, and the
// setting that holds REST Client's environments.
const (
	vscodeSettings = ".vscode/settings.json"
	restClientEnvs = "rest-client.environmentVariables"
)

// vscodeEnvs reads REST Client's environments from the workspace settings
// in the request file's folder or one of the four above it, and names the
// file it read them from; nil when there are none.
func (p *parser) vscodeEnvs() (*envs, string) {
	rel := vscodeSettings
	for up := 0; up <= 4; up++ {
		data, err := p.readFile(rel)
		rel = "../" + rel
		if err != nil {
			continue
		}
		var settings map[string]json.RawMessage
		if json.Unmarshal(stripJSONC(data), &settings) != nil {
			p.note("%s is not valid JSON; its REST Client environments were not used", vscodeSettings)
			return nil, ""
		}
		raw, ok := settings[restClientEnvs]
		if !ok {
			return nil, ""
		}
		e, err := parseEnvs(raw)
		if err != nil {
			p.note("%s in %s is not a set of environments (%v); its variables were not used", restClientEnvs, vscodeSettings, err)
			return nil, ""
		}
		return e, vscodeSettings
	}
	return nil, ""
}

// stripJSONC blanks the comments VS Code allows in its settings and the
// commas it allows before a closing bracket, so the settings read as JSON.
func stripJSONC(data []byte) []byte {
	out := bytes.Clone(data)
	// outside calls fn for each byte outside strings; fn returns how many
	// bytes it handled.
	outside := func(fn func(i int) int) {
		inStr := false
		for i := 0; i < len(out); i++ {
			switch c := out[i]; {
			case inStr && c == '\\':
				i++
			case c == '"':
				inStr = !inStr
			case !inStr:
				i += fn(i)
			}
		}
	}
	outside(func(i int) int {
		if out[i] != '/' || i+1 >= len(out) || out[i+1] != '/' && out[i+1] != '*' {
			return 0
		}
		block := out[i+1] == '*'
		j := i
		for ; j < len(out); j++ {
			if !block && out[j] == '\n' {
				break
			}
			if block && j > i+1 && out[j] == '*' && j+1 < len(out) && out[j+1] == '/' {
				out[j], out[j+1] = ' ', ' '
				j++
				break
			}
			if out[j] != '\n' {
				out[j] = ' '
			}
		}
		return j - i
	})
	outside(func(i int) int {
		if out[i] == ',' {
			j := i + 1
			for j < len(out) && strings.IndexByte(" \t\r\n", out[j]) >= 0 {
				j++
			}
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				out[i] = ' '
			}
		}
		return 0
	})
	return out
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
