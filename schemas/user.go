package schemas

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema"
	"github.com/aptly-doctor/aptly-doctor/third_party/jsonschema/kind"
)

// RemoteRefError says a --schema refers to a schema on the network, which
// the doctor never fetches.
type RemoteRefError struct{ URL string }

func (e *RemoteRefError) Error() string {
	return fmt.Sprintf("refers to the remote schema %s, which the doctor never fetches: download it beside the schema and point $ref at the file", e.URL)
}

// CompileFile compiles a user's schema file (--schema): any draft the
// library knows (2020-12 when $schema is absent), format asserted, local
// $refs resolved beside the file, remote $refs refused with a
// *RemoteRefError. A schema that compiles but cannot be used (a $ref cycle
// met on validation) is refused too, so the schema is blamed, not every
// payload. A missing file is an error wrapping os.ErrNotExist.
func CompileFile(p string) (*jsonschema.Schema, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	loader := &localOnly{}
	c.UseLoader(loader)
	sch, err := c.Compile(abs)
	if err != nil {
		if loader.remote != "" {
			return nil, &RemoteRefError{URL: loader.remote}
		}
		return nil, err
	}
	for _, probe := range []any{map[string]any{}, map[string]any{"Name": "x"}} {
		if cycle := refCycle(sch.Validate(probe)); cycle != "" {
			return nil, fmt.Errorf("it cannot be used: %s", cycle)
		}
	}
	return sch, nil
}

// localOnly loads file: URLs and refuses anything else, remembering the
// first remote URL it was asked for so the error can name it.
type localOnly struct{ remote string }

func (l *localOnly) Load(url string) (any, error) {
	if !strings.HasPrefix(url, "file://") {
		if l.remote == "" {
			l.remote = url
		}
		return nil, &RemoteRefError{URL: url}
	}
	return jsonschema.FileLoader{}.Load(url)
}

// refCycle finds a $ref cycle in a validation error, in words, or "".
func refCycle(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return ""
	}
	var walk func(*jsonschema.ValidationError) string
	walk = func(e *jsonschema.ValidationError) string {
		if k, ok := e.ErrorKind.(*kind.RefCycle); ok {
			return "its $ref leads back to itself (" + k.LocalizedString(kind.FmtPrinter{}) + ")"
		}
		for _, c := range e.Causes {
			if s := walk(c); s != "" {
				return s
			}
		}
		return ""
	}
	return walk(ve)
}
