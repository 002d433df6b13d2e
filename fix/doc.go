// Package fix applies, diffs and writes the repairs the checks suggest. A
// check that finds a mistake with only one reading (a trailing comma, smart
// or single quotes around a plain string, a byte-order mark, a key or option
// that differs from the board's only by case, money and dates written in a
// form with one meaning) attaches the edits that repair it to its finding,
// as go/analysis' SuggestedFix; the rules live with the check, never here.
//
// Text applies those edits round after round (a syntax fix reveals the next
// mistake only once the one before it is gone), leaves out any two fixes
// that disagree, and keeps the result only when it parses: --fix never
// writes a file it cannot make valid, and running it twice changes nothing
// the second time. Everything else in the file stays byte for byte.
//
// Request inputs are never rewritten: Curl renders the corrected request as
// a runnable command instead, with the key left to the shell as $APTLY_KEY.
// WriteFile is the one atomic writer of the project (--fix, boards pull).
package fix
