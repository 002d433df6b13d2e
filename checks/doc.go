// Package checks holds the doctor's checks, their registry and the runner.
//
// A check is a value of type Check: a stable ID, a name, documentation and a
// Run function that reads one loaded unit through a Pass and reports
// findings through it. Checks never print, read files, read the environment
// or touch the network: the loaders, the config and the probe hand them
// everything. The runner decides what applies, turns a panicking check into
// a tool failure, resolves positions to line:column and sorts the result.
package checks
