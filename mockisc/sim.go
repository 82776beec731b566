package mockisc

import (
	"fmt"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/sim"
)

// The simulation's types live in internal/sim and the journal's in
// internal/engine; these aliases are their public names.
type (
	// Clock is a server's only source of time. A manual clock (the
	// default) stands still until Advance or Set moves it; a real clock
	// (WithRealClock) follows the wall clock, shifted by every Advance and
	// Set. Clock is safe for concurrent use.
	Clock = sim.Clock
	// Fault is a fault rule; see AddFault.
	Fault = sim.Fault
	// RateLimit is a sliding window limit: at most Limit requests in any
	// Window of server clock time, per RateLimitKey.
	RateLimit = sim.RateLimit
	// RateLimitKey says what a rate limit window is kept for.
	RateLimitKey = sim.RateLimitKey
	// Latency delays every request, by a fixed or a uniformly drawn
	// duration of real time.
	Latency = sim.Latency
	// Journal records the requests a server answered; see Server.Journal.
	Journal = engine.Journal
	// Entry is one request the server answered, as the journal keeps it.
	Entry = engine.Entry
	// JournalStats says what the journal holds, what it evicted to stay
	// within its bounds, and the bounds; see Journal.Stats.
	JournalStats = engine.JournalStats
	// JournalLimits are the journal's bounds: WithJournalSize,
	// WithJournalBytes and WithJournalBodyBytes.
	JournalLimits = engine.JournalLimits
	// Duration is time.Duration. It was once a type of its own for JSON;
	// it is an alias now, so code that converts to it keeps compiling
	// while Fault, RateLimit and Latency take plain time.Duration values.
	// Their JSON forms still read and write duration strings like "1.5s".
	Duration = time.Duration
)

// Rate limit keys.
const (
	// RateLimitPerClientAPI keeps a window per client id and API version
	// (v3, beta, v2025, ...), as ISC does.
	RateLimitPerClientAPI = sim.RateLimitPerClientAPI
	// RateLimitPerClient keeps one window per client id, across API
	// versions.
	RateLimitPerClient = sim.RateLimitPerClient
	// RateLimitGlobal keeps one window for every request.
	RateLimitGlobal = sim.RateLimitGlobal

	// KeyClientAPI is RateLimitPerClientAPI.
	//
	// Deprecated: use RateLimitPerClientAPI, whose name says what it is.
	KeyClientAPI = RateLimitPerClientAPI
	// KeyClient is RateLimitPerClient.
	//
	// Deprecated: use RateLimitPerClient.
	KeyClient = RateLimitPerClient
	// KeyGlobal is RateLimitGlobal.
	//
	// Deprecated: use RateLimitGlobal.
	KeyGlobal = RateLimitGlobal
)

// DefaultStartTime is where a server's manual clock starts unless
// WithStartTime says otherwise: 2025-01-01T00:00:00Z.
func DefaultStartTime() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }

// ISCRateLimit is ISC's documented limit: 100 requests per 10 seconds per
// client id and API version.
func ISCRateLimit() RateLimit { return sim.ISCRateLimit() }

// AddFault adds a rule after the existing ones and returns it with its id
// ("fault-1", ...). A rule that is not valid, or whose taskError can
// reach no route that answers with a task, is an error.
func (s *Server) AddFault(f Fault) (Fault, error) {
	added, err := s.eng.AddFault(f)
	if err != nil {
		return Fault{}, fmt.Errorf("mockisc: %w", err)
	}
	return added, nil
}

// FailNext makes the next n calls of method and path (see Fault) answer
// status with the API's error body for it; the call after them is served
// normally. n must be positive and status an HTTP status.
func (s *Server) FailNext(n int, method, path string, status int) (Fault, error) {
	if n <= 0 {
		return Fault{}, fmt.Errorf("mockisc: FailNext: n is %d; give how many calls fail, 1 or more", n)
	}
	return s.AddFault(Fault{Method: method, Path: path, Times: n, Status: status})
}

// Faults returns the rules, in the order they are checked, with their
// counters.
func (s *Server) Faults() []Fault { return s.rules.List() }

// RemoveFault removes a rule and reports whether it existed.
func (s *Server) RemoveFault(id string) bool { return s.rules.Remove(id) }

// ClearFaults removes every rule.
func (s *Server) ClearFaults() { s.rules.Clear() }

// SetRateLimit changes the rate limit and forgets every window.
func (s *Server) SetRateLimit(rl RateLimit) error {
	if err := rl.Validate(); err != nil {
		return fmt.Errorf("mockisc: %w", err)
	}
	s.limiter.Set(rl)
	return nil
}

// RateLimit returns the rate limit in force.
func (s *Server) RateLimit() RateLimit { return s.limiter.Limit() }

// SetLatency changes the delay of every request.
func (s *Server) SetLatency(l Latency) error {
	if err := l.Validate(); err != nil {
		return fmt.Errorf("mockisc: %w", err)
	}
	s.delay.Set(l)
	return nil
}

// Latency returns the delay in force.
func (s *Server) Latency() Latency { return s.delay.Get() }
