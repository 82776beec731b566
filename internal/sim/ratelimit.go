package sim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// RateLimitKey says what a rate limit window is kept for.
type RateLimitKey string

// Rate limit keys.
const (
	// RateLimitPerClientAPI keeps a window per client id and API version
	// (v3, beta, v2025, ...), as ISC does.
	RateLimitPerClientAPI RateLimitKey = "client+api"
	// RateLimitPerClient keeps one window per client id, across API
	// versions.
	RateLimitPerClient RateLimitKey = "client"
	// RateLimitGlobal keeps one window for every request.
	RateLimitGlobal RateLimitKey = "global"
)

// RateLimit is a sliding window limit: at most Limit requests in any
// Window of server clock time, per key. A Limit of 0 turns it off. In
// JSON, Window is a duration string such as "10s".
type RateLimit struct {
	// Limit is the number of requests a window accepts; 0 means no limit.
	Limit int `json:"limit"`
	// Window is the window's length on the server clock.
	Window time.Duration `json:"window"`
	// Key says what a window is kept for; "" means RateLimitPerClientAPI.
	Key RateLimitKey `json:"key,omitempty"`
}

// ISCRateLimit is ISC's documented limit: 100 requests per 10 seconds per
// client id and API version.
func ISCRateLimit() RateLimit {
	return RateLimit{Limit: 100, Window: 10 * time.Second, Key: RateLimitPerClientAPI}
}

// Validate reports what is wrong with rl, or nil.
func (rl RateLimit) Validate() error {
	switch {
	case rl.Limit < 0:
		return fmt.Errorf("rate limit: limit %d is negative", rl.Limit)
	case rl.Limit > 0 && rl.Window <= 0:
		return fmt.Errorf("rate limit: window %v is not positive", rl.Window)
	}
	switch rl.Key {
	case "", RateLimitPerClientAPI, RateLimitPerClient, RateLimitGlobal:
		return nil
	}
	return fmt.Errorf("rate limit: key %q is not client+api, client or global", rl.Key)
}

// rateLimitJSON is RateLimit's JSON form.
type rateLimitJSON struct {
	Limit  int          `json:"limit"`
	Window JSONDuration `json:"window"`
	Key    RateLimitKey `json:"key,omitempty"`
}

// MarshalJSON writes {"limit": 100, "window": "10s", "key": "client+api"}.
func (rl RateLimit) MarshalJSON() ([]byte, error) {
	return json.Marshal(rateLimitJSON{rl.Limit, JSONDuration(rl.Window), rl.Key})
}

// UnmarshalJSON reads what MarshalJSON writes; the window may also be a
// number of nanoseconds.
func (rl *RateLimit) UnmarshalJSON(b []byte) error {
	var v rateLimitJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*rl = RateLimit{Limit: v.Limit, Window: time.Duration(v.Window), Key: v.Key}
	return nil
}

// Limiter keeps, per key, the times of the requests it accepted within the
// window, oldest first. It is safe for concurrent use.
type Limiter struct {
	mu      sync.Mutex // guards the fields below
	rl      RateLimit
	windows map[string][]time.Time
}

// NewLimiter returns a limiter enforcing rl, which must be valid.
func NewLimiter(rl RateLimit) *Limiter {
	l := &Limiter{}
	l.Set(rl)
	return l
}

// Set changes the limit and forgets every window.
func (l *Limiter) Set(rl RateLimit) {
	if rl.Key == "" {
		rl.Key = RateLimitPerClientAPI
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rl, l.windows = rl, map[string][]time.Time{}
}

// Limit returns the limit in force.
func (l *Limiter) Limit() RateLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rl
}

// key is the window a request of clientID to api counts in.
func (l *Limiter) key(clientID, api string) string {
	switch l.rl.Key {
	case RateLimitPerClient:
		return clientID
	case RateLimitGlobal:
		return ""
	}
	return clientID + "\x00" + api
}

// Allow counts a request of clientID to api at now and reports whether it
// is accepted; if not, wait is how long until the oldest request in its
// window leaves it (a refused request is not counted).
func (l *Limiter) Allow(clientID, api string, now time.Time) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rl.Limit == 0 {
		return true, 0
	}
	key := l.key(clientID, api)
	window := l.rl.Window
	times := l.windows[key]
	i := 0
	for i < len(times) && !times[i].After(now.Add(-window)) {
		i++
	}
	times = times[i:]
	if len(times) < l.rl.Limit {
		l.windows[key] = append(times, now)
		return true, 0
	}
	l.windows[key] = times
	return false, times[0].Add(window).Sub(now)
}

// RetryAfter renders a wait as a Retry-After value: whole seconds, rounded
// up, at least 1.
func RetryAfter(wait time.Duration) string {
	secs := int64(wait / time.Second)
	if wait%time.Second != 0 {
		secs++
	}
	return strconv.FormatInt(max(secs, 1), 10)
}
