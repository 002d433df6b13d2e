// Package input is the Target model and its loaders: what the doctor reads
// (payload files, NDJSON batches, curl commands, .http files, HAR exports)
// turned into units that checks can judge without touching the file system.
//
// A Target is one input as the user named it. It yields Units: one payload
// with the request around it (if any) and the recorded response (if any).
// Positions are kept as the loaders found them, so a finding can point at the
// line and column of the user's own file.
package input
