// Package fix rewrites what the doctor can correct without guessing: JSON
// syntax slips that have exactly one reading (a trailing comma, smart or
// single quotes around a plain string, a byte-order mark), keys and values
// that differ from the board's field or option only by case or spaces, money
// and dates written in a form with only one meaning. Everything else in the
// file stays byte for byte as it was.
//
// A fix is kept only when the result parses at least as far as the input
// did, so --fix can never leave a file worse than it found it, and running
// it twice changes nothing the second time.
//
// Request inputs are never rewritten: Curl renders the corrected request as
// a runnable command instead, with the key left to the shell as $APTLY_KEY.
package fix
