// Package curl reads curl commands as people paste them: the bash form that
// browsers, Postman and the Aptly docs produce, the Windows cmd form with its
// caret escapes, and PowerShell's curl.exe with backtick continuations.
//
// Each request a command sends becomes one input.Unit whose positions point
// back into the pasted text, so a finding about a header or a body lands on
// the line and column the user wrote. A command is read as curl reads it:
// one request per URL, --next starting over, -T a PUT of the file, and a
// body given as @- taken from the here document, here-string, < file or
// cat/echo pipe written beside it. Shell variables are resolved only through
// the caller's Lookup; what stays unknown is listed, never guessed. A file
// the command names that is not at hand (it never is in a ticket) is a note
// on the unit, not a failure: the rest of the request is still judged.
package curl
