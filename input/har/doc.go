// Package har reads HAR 1.2 exports from browsers' developer tools: one unit
// per entry, with the request as the browser sent it and the response it
// got.
//
// HAR files grow large (tens of megabytes with response bodies), so the
// document is streamed: entries are decoded one value at a time and
// positions come from a single forward pass over the bytes.
package har
