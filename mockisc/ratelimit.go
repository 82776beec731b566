package mockisc

import (
	"fmt"
	"strconv"
	"time"
)

// RateLimitKey says what a rate limit window is kept for.
type RateLimitKey string

// Rate limit keys.
const (
	// KeyClientAPI keeps a window per client id and API version (v3,
	// beta, v2025, ...), as ISC does.
	KeyClientAPI RateLimitKey = "client+api"
	// KeyClient keeps one window per client id, across API versions.
	KeyClient RateLimitKey = "client"
	// KeyGlobal keeps one window for every request.
	KeyGlobal RateLimitKey = "global"
)

// RateLimit is a sliding window limit: at most Limit requests in any
// Window of server clock time, per key. A Limit of 0 turns it off.
type RateLimit struct {
	// Limit is the number of requests a window accepts; 0 means no limit.
	Limit int `json:"limit"`
	// Window is the window's length on the server clock.
	Window Duration `json:"window"`
	// Key says what a window is kept for; "" means KeyClientAPI.
	Key RateLimitKey `json:"key,omitempty"`
}

// ISCRateLimit is ISC's documented limit: 100 requests per 10 seconds per
// client id and API version.
func ISCRateLimit() RateLimit {
	return RateLimit{Limit: 100, Window: Duration(10 * time.Second), Key: KeyClientAPI}
}

func (rl RateLimit) check() error {
	switch {
	case rl.Limit < 0:
		return fmt.Errorf("rate limit: limit %d is negative", rl.Limit)
	case rl.Limit > 0 && rl.Window <= 0:
		return fmt.Errorf("rate limit: window %v is not positive", rl.Window)
	}
	switch rl.Key {
	case "", KeyClientAPI, KeyClient, KeyGlobal:
		return nil
	}
	return fmt.Errorf("rate limit: key %q is not client+api, client or global", rl.Key)
}

// WithRateLimit limits request rates; the default is no limit. Use
// WithRateLimit(ISCRateLimit()) for ISC's numbers.
func WithRateLimit(rl RateLimit) Option {
	return func(c *config) error {
		if err := rl.check(); err != nil {
			return err
		}
		c.rateLimit = rl
		return nil
	}
}

// SetRateLimit changes the rate limit and forgets every window.
func (s *Server) SetRateLimit(rl RateLimit) error {
	if err := rl.check(); err != nil {
		return fmt.Errorf("mockisc: %w", err)
	}
	s.simMu.Lock()
	defer s.simMu.Unlock()
	s.limiter = newLimiter(rl)
	return nil
}

// RateLimit returns the rate limit in force.
func (s *Server) RateLimit() RateLimit {
	s.simMu.Lock()
	defer s.simMu.Unlock()
	return s.limiter.rl
}

// limiter keeps, per key, the times of the requests it accepted within the
// window, oldest first.
type limiter struct {
	rl      RateLimit
	windows map[string][]time.Time
}

func newLimiter(rl RateLimit) *limiter {
	if rl.Key == "" {
		rl.Key = KeyClientAPI
	}
	return &limiter{rl: rl, windows: map[string][]time.Time{}}
}

func (l *limiter) key(clientID, api string) string {
	switch l.rl.Key {
	case KeyClient:
		return clientID
	case KeyGlobal:
		return ""
	}
	return clientID + "\x00" + api
}

// allow accepts a request at now, or returns how long until one would be
// accepted.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	if l.rl.Limit == 0 {
		return true, 0
	}
	window := time.Duration(l.rl.Window)
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

// retryAfter renders a wait in whole seconds, rounded up, at least 1.
func retryAfter(wait time.Duration) string {
	secs := int64((wait + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(secs, 1), 10)
}
