package serve

import (
	"sync"
	"time"
)

// Aptly's documented rate limits (core docs, "Rate limits"): per key, 120
// requests a minute and bursts of at most 20 a second.
const (
	perMinute = 120
	perSecond = 20
)

// RateLimitBody is the exact body Aptly answers a request over the limit
// with; note "reason", not "error".
const RateLimitBody = `{"reason":"Rate limit exceeded. Try again shortly."}`

// limiter counts the requests each key was allowed in the last minute. A
// refused request does not count: Aptly did not serve it.
type limiter struct {
	mu   sync.Mutex
	now  func() time.Time
	seen map[string][]time.Time // per key, allowed requests of the last minute, oldest first
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, seen: map[string][]time.Time{}}
}

// allow reports whether key may send one more request now, and when not,
// the whole seconds to wait (at least 1) until it may.
func (l *limiter) allow(key string) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	ts := l.seen[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= time.Minute {
		i++
	}
	ts = ts[i:]
	if len(ts) >= perMinute {
		l.seen[key] = ts
		return false, seconds(ts[len(ts)-perMinute].Add(time.Minute).Sub(now))
	}
	if len(ts) >= perSecond {
		if first := ts[len(ts)-perSecond]; now.Sub(first) < time.Second {
			l.seen[key] = ts
			return false, seconds(first.Add(time.Second).Sub(now))
		}
	}
	if len(ts) == 0 {
		ts = make([]time.Time, 0, 8) // a fresh slice, so a long-lived key's array is let go
	}
	l.seen[key] = append(ts, now)
	return true, 0
}

// seconds rounds d up to whole seconds, at least 1: Retry-After counts
// seconds, and 0 would invite an immediate retry.
func seconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}
