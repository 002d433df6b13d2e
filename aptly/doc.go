// Package aptly is what the doctor knows about the Aptly REST API itself:
// its hosts and the two API generations behind them, the shape of its
// endpoint URLs, the placeholders its documentation publishes, what its
// status codes and error bodies mean, and its field types.
//
// The checks, the explain command and the live probe all read these facts
// from here so that they never disagree. Everything is a pure function of
// its arguments: no I/O, no globals that change.
//
// Two generations of the API exist side by side. The legacy one gives each
// board its own key and takes cards at /api/aptlet/{boardId} on
// api.getaptly.com or app.getaptly.com (its documents name both). The core
// one gives the company one key and takes cards at /api/board/{boardId} on
// core-api.getaptly.com. Where the two sets of documents disagree the
// package accepts both forms.
package aptly
