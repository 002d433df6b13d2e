package source

import (
	"path/filepath"
	"strings"
)

// Family is a group of languages that write strings and comments alike.
type Family int

// The families the tokenizer knows.
const (
	None       Family = iota
	CLike             // JS/TS, C#, Java, Kotlin, Go: // and /* */, '"` quotes, templates
	Python            // # comments, f-strings, triple quotes
	Ruby              // # comments, "#{...}", heredocs
	Shell             // # comments, "$VAR", heredocs
	PowerShell        // # and <# #>, "$var", here-strings
	PHP               // //, # and /* */, "$var", heredocs, '.' concatenation
	Config            // YAML, .env, TOML, INI, properties: key and value per line
)

var byExt = map[string]Family{
	".js": CLike, ".mjs": CLike, ".cjs": CLike, ".ts": CLike, ".tsx": CLike, ".jsx": CLike,
	".cs": CLike, ".java": CLike, ".kt": CLike, ".go": CLike,
	".py":  Python,
	".rb":  Ruby,
	".sh":  Shell,
	".ps1": PowerShell,
	".php": PHP,
	".yml": Config, ".yaml": Config, ".env": Config, ".toml": Config, ".ini": Config, ".properties": Config,
}

// Exts lists the file extensions read as source code, for the input-kind
// registry.
func Exts() []string {
	out := make([]string, 0, len(byExt))
	for e := range byExt {
		out = append(out, e)
	}
	return out
}

// FamilyOf names the family of a file by its name; None for a file that is
// not source code the doctor reads. ".env" files are named by their base
// (".env", ".env.production").
func FamilyOf(name string) Family {
	base := strings.ToLower(filepath.Base(name))
	if base == ".env" || strings.HasPrefix(base, ".env.") {
		return Config
	}
	return byExt[strings.ToLower(filepath.Ext(base))]
}

// Generated reports whether a file name says it is a build product, not
// code anyone wrote (minified and bundled JavaScript), or test code, which
// runs against doubles with fixture IDs and keys, never in an environment.
func Generated(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	for _, s := range []string{".min.js", "-min.js", ".min.mjs", ".bundle.js", ".chunk.js", ".min.cjs"} {
		if strings.HasSuffix(base, s) {
			return true
		}
	}
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	switch {
	case strings.HasSuffix(stem, "_test") || strings.HasSuffix(stem, ".test") || strings.HasSuffix(stem, ".spec") ||
		strings.HasSuffix(stem, "_spec") || strings.HasPrefix(stem, "test_") || stem == "conftest":
		return true
	case filepath.Ext(base) == ".java" || filepath.Ext(base) == ".kt" || filepath.Ext(base) == ".cs":
		return strings.HasSuffix(stem, "test") || strings.HasSuffix(stem, "tests")
	}
	return false
}
