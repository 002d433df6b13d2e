// Package jsonpos turns the places checks talk about into places a person
// can find: an RFC 6901 pointer into a byte offset (package lines turns the
// offset into a line and column).
//
// Checks report pointers because that is what the schema validator and the
// decoded value know. Mapping them back needs the raw bytes once more, so
// the Index is built only for a file that has findings, in one pass, and
// tolerates bodies that are not valid JSON: it indexes what comes before
// the first mistake.
package jsonpos
