// Package schemas holds the JSON Schemas the doctor ships with: the card
// payloads of both Aptly API generations (and, beside them, the config
// schema). They are embedded so the binary needs no files at run time.
package schemas

import (
	"embed"
	"fmt"
	"strings"
)

// FS holds every bundled schema, named "<name>.schema.json".
//
//go:embed *.schema.json
var FS embed.FS

// Suffix ends the file name of every bundled schema.
const Suffix = ".schema.json"

// The names of the bundled card schemas, as Read takes them.
const (
	CardLegacy = "card-legacy" // body of POST /api/aptlet/{boardId}
	CardCore   = "card-core"   // body of POST /api/board/{boardId}
)

// Read returns the bundled schema called name, given with or without its
// ".schema.json" suffix ("card-core" and "card-core.schema.json" are the
// same schema).
func Read(name string) ([]byte, error) {
	file := name
	if !strings.HasSuffix(file, Suffix) {
		file += Suffix
	}
	data, err := FS.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read bundled schema %q: %w", name, err)
	}
	return data, nil
}
