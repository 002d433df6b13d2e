// Package jsonscan decodes a JSON payload in one pass and, when the payload
// is not JSON, names the mistake the way a person would: a trailing comma,
// single quotes, a comment, a body cut short.
//
// The decoder yields the same values as encoding/json with UseNumber, so
// checks can work on Result.Value as if the standard library had produced
// it, but it is stricter where strictness helps the user: invalid UTF-8
// inside a string and a leading byte-order mark are mistakes here, because
// Aptly would mangle or refuse them. Each mistake carries the byte offset of
// the mistake itself (the comma, not the bracket after it), so a caret can
// point where the user must edit.
//
// Duplicate keys are collected on the way, with the pointer of the member
// that survives (the later one, as in encoding/json).
package jsonscan
