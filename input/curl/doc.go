// Package curl reads curl commands as people paste them: the bash form that
// browsers, Postman and the Aptly docs produce, the Windows cmd form with its
// caret escapes, and PowerShell's curl.exe with backtick continuations.
//
// Each curl call becomes one input.Unit whose positions point back into the
// pasted text, so a finding about a header or a body lands on the line and
// column the user wrote. Shell variables are resolved only through the
// caller's Lookup; what stays unknown is listed, never guessed.
package curl
