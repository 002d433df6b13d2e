// Package httpfile reads request files in the format shared by the VS Code
// REST Client and the JetBrains HTTP Client (.http, .rest): requests split
// by ### lines, each a request line, headers, a blank line and a body, with
// @name = value variables and {{name}} references.
//
// Variables are resolved the way those clients do before sending, so the
// checks judge what would go over the wire: the file's own, then those of
// the environment files beside it (http-client.env.json and its private
// twin, or REST Client's .vscode/settings.json). What the clients fill in
// only when they send (system variables, earlier responses, names a script
// sets) is listed as Runtime, not as a mistake; references that cannot be
// resolved are kept as written and listed with their positions. Scripts,
// handler files and what the doctor does not model become notes, never
// findings.
package httpfile
