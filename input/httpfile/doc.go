// Package httpfile reads request files in the format shared by the VS Code
// REST Client and the JetBrains HTTP Client (.http, .rest): requests split
// by ### lines, each a request line, headers, a blank line and a body, with
// @name = value variables and {{name}} references.
//
// Variables are resolved the way those clients do before sending, so the
// checks judge what would go over the wire; references that cannot be
// resolved are kept as written and listed with their positions.
package httpfile
