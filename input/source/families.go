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

// byExt is the family of each file name extension the doctor reads as
// source code, sorted by extension. An array the linker lays out, where a
// map was built by every start; FamilyOf searches it.
var byExt = [...]struct {
	ext    string
	family Family
}{
	{".cjs", CLike}, {".cs", CLike}, {".env", Config}, {".go", CLike}, {".ini", Config},
	{".java", CLike}, {".js", CLike}, {".jsx", CLike}, {".kt", CLike}, {".mjs", CLike},
	{".php", PHP}, {".properties", Config}, {".ps1", PowerShell}, {".py", Python}, {".rb", Ruby},
	{".sh", Shell}, {".toml", Config}, {".ts", CLike}, {".tsx", CLike}, {".yaml", Config},
	{".yml", Config},
}

// Exts lists the file extensions read as source code, sorted, for the
// input-kind registry.
func Exts() []string {
	out := make([]string, 0, len(byExt))
	for _, e := range byExt {
		out = append(out, e.ext)
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
	ext := strings.ToLower(filepath.Ext(base))
	for _, e := range byExt {
		if e.ext == ext {
			return e.family
		}
	}
	return None
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
