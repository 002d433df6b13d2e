package probe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Token is an API key on its way to Aptly. It formats as its mask under
// every verb (%s, %v, %q, %x, %#v) and marshals as its mask, so a Target
// printed or encoded by mistake keeps the key hidden; only the probe reads
// it whole, to set the x-token header.
type Token string

// Format writes the mask, whatever the verb.
func (t Token) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(t.String())) }

// String returns the mask: see secret.Mask.
func (t Token) String() string { return secret.Mask(string(t)) }

// MarshalText returns the mask, for JSON and other encoders.
func (t Token) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Target is one (environment, board) to probe.
type Target struct {
	Env     string // environment name, for reports
	Board   string // board name, for reports
	BoardID string
	BaseURL string // scheme and host, e.g. https://api.getaptly.com
	// Generation decides how answers are read; Unknown takes it from the
	// host of BaseURL.
	Generation aptly.Generation
	Key        Token
}

// Verdict is what the probe concluded about one target; the type and its
// values live in package aptly, where AD401-AD403 read them too.
type Verdict = aptly.Verdict

// The verdicts, as the probe names them.
const (
	Opens       = aptly.Opens
	WrongKey    = aptly.WrongKey
	APIDisabled = aptly.APIDisabled
	NotFound    = aptly.NotFound
	RateLimited = aptly.RateLimited
	Unreachable = aptly.Unreachable
	Refused     = aptly.Refused
	Skipped     = aptly.Skipped
)

// Outcome is what probing one target found.
type Outcome struct {
	Target  Target
	Verdict Verdict
	Status  int // the last HTTP status received; 0 when none
	// Fields are the board's fields when it opens: legacy fields carry
	// Name, core fields Key and Label.
	Fields     []config.Field
	FieldCount int
	// FromCards reports that the host has no schema endpoint and Fields
	// were read off the keys of the first card (no types; none at all on
	// an empty board).
	FromCards bool
	// RetryAfter is the wait the last 429 answer asked for.
	RetryAfter time.Duration
	// Waited is the time spent waiting before retries.
	Waited   time.Duration
	Attempts int    // requests sent, redirects included
	Detail   string // plain words on the verdict; never the key
	Requests []string
}

// NoneReached reports whether the probe was attempted and Aptly answered
// none of it: every target was refused or unreachable (skipped ones aside).
// That is the run where the tool could not do its job.
func NoneReached(outs []Outcome) bool {
	tried := false
	for _, o := range outs {
		if o.Verdict.Reached() {
			return false
		}
		if o.Verdict != Skipped {
			tried = true
		}
	}
	return tried
}

// Options tune a probe run. The zero value is the default.
type Options struct {
	Timeout       time.Duration // per request; default 10s
	Jobs          int           // targets probed at once; default 4
	RetryAfterCap time.Duration // longest wait a 429 may impose; default 30s
	Backoff       time.Duration // wait before retrying a failure; default 500ms
	// Client sends the requests; nil is a client with the system's trusted
	// certificates. Its redirect policy is replaced (see the package doc)
	// and certificate verification is turned back on if it was off.
	Client *http.Client
	// Progress, when set, is called after each target, one call at a time.
	Progress func(done, total int, current Target)
	// Now and Sleep replace the clock for tests. Sleep must return early
	// with ctx's error when ctx ends.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Defaults for Options.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultJobs          = 4
	DefaultRetryAfterCap = 30 * time.Second
	DefaultBackoff       = 500 * time.Millisecond
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Jobs <= 0 {
		o.Jobs = DefaultJobs
	}
	if o.RetryAfterCap <= 0 {
		o.RetryAfterCap = DefaultRetryAfterCap
	}
	if o.Backoff < 0 {
		o.Backoff = 0
	} else if o.Backoff == 0 {
		o.Backoff = DefaultBackoff
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	return o
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Run probes every target, at most o.Jobs at once, and returns one outcome
// per target in the targets' order. It never fails as a whole: what went
// wrong with a target is its outcome. With no targets nothing is opened.
func Run(ctx context.Context, targets []Target, o Options) []Outcome {
	out := make([]Outcome, len(targets))
	if len(targets) == 0 {
		return out
	}
	o = o.withDefaults()
	c, owned := o.client()
	if owned {
		defer c.CloseIdleConnections()
	}
	jobs := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range min(o.Jobs, len(targets)) {
		wg.Go(func() {
			for i := range jobs {
				out[i] = probe(ctx, c, targets[i], o)
				if o.Progress != nil {
					mu.Lock()
					done++
					o.Progress(done, len(targets), targets[i])
					mu.Unlock()
				}
			}
		})
	}
	for i := range targets {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

// ErrNoSchema means the board opened but its host has no schema endpoint,
// so its fields and their types are unknown.
var ErrNoSchema = errors.New("the host has no schema endpoint, so the board's field types are unknown")

// Error is a probe that did not open the board, as Schema returns it.
type Error struct {
	Outcome Outcome
}

// Error names the board and says why in plain words.
func (e *Error) Error() string {
	t := e.Outcome.Target
	return fmt.Sprintf("probe board %q (%s) of environment %q: %s: %s", t.Board, t.BoardID, t.Env, e.Outcome.Verdict, e.Outcome.Detail)
}

// Schema fetches one board's fields, for boards pull. A board that does not
// open is an *Error carrying the outcome; one whose host has no schema
// endpoint wraps ErrNoSchema.
func Schema(ctx context.Context, t Target, o Options) ([]config.Field, error) {
	o = o.withDefaults()
	c, owned := o.client()
	if owned {
		defer c.CloseIdleConnections()
	}
	out := probe(ctx, c, t, o)
	switch {
	case out.Verdict != Opens:
		return nil, &Error{Outcome: out}
	case out.FromCards:
		return nil, fmt.Errorf("pull fields of board %q (%s): %w", t.Board, t.BoardID, ErrNoSchema)
	}
	return out.Fields, nil
}

// Targets lists the boards of cfg to probe, environments and boards in file
// order; envs, when not empty, keeps only the environments named. secretOf
// reveals a configured key's value (false when unset); a board whose key is
// unknown is still listed, with an empty key, and is skipped by Run.
func Targets(cfg *config.Config, envs []string, secretOf func(*config.Key) (string, bool)) []Target {
	if cfg == nil {
		return nil
	}
	var ts []Target
	for _, e := range cfg.Envs {
		if len(envs) > 0 && !contains(envs, e.Name) {
			continue
		}
		g := aptly.Unknown
		switch e.Generation {
		case config.Legacy:
			g = aptly.Legacy
		case config.Core:
			g = aptly.Core
		}
		for _, b := range e.Boards {
			t := Target{Env: e.Name, Board: b.Name, BoardID: b.ID, BaseURL: e.BaseURL, Generation: g}
			if b.Key != nil && secretOf != nil {
				if v, ok := secretOf(b.Key); ok {
					t.Key = Token(strings.TrimSpace(v))
				}
			}
			ts = append(ts, t)
		}
	}
	return ts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
