// Package source finds the Aptly calls that source code makes: the URL
// literals it builds, the x-token values it sends, the board IDs it
// hard-codes. It is not a parser. A file that never mentions Aptly costs one
// scan of its bytes (Mentions); only then a small tokenizer for the file's
// family of languages finds string literals (quotes, template literals with
// ${...}, f-strings, heredocs) and a little of what is around them (the
// name a literal is assigned to, the literals and expressions a URL is
// concatenated from), and each finding becomes an input.Unit at the exact
// line and column of its literal.
//
// What code computes at run time (an interpolation, a variable added to a
// URL) is written ${expr} in the unit's URL and listed in Request.Runtime:
// the checks know the value exists but not what it is.
package source
