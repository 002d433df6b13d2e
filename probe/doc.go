// Package probe asks Aptly, read-only, whether each configured key opens
// the board it is meant for, and fetches a board's fields for boards pull.
//
// It only ever sends GET requests: the board's schema
// (GET /api/schema/{boardId}) and, where a legacy host has no schema
// endpoint, the smallest page of its card list. The key travels in the
// x-token header, never in the URL, and only over HTTPS with certificate
// verification, or plain HTTP to this machine (a test server). A redirect
// is followed only within the same scheme, host and port, so the key can
// never be handed to another host. Each answer becomes one Verdict; the
// checks AD401-AD403 read the outcomes, the probe itself reports nothing.
//
// The key is a Token, which prints as its mask whatever the format verb,
// so an Outcome may be logged or marshalled without leaking it.
package probe
