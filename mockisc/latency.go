package mockisc

import (
	"context"
	"fmt"
	"time"
)

// Latency delays every request: by Min when Min == Max, else by a
// duration drawn uniformly from [Min, Max] by the server's seeded
// generator. The delay is real time, not server clock time, and ends early
// when the request's context ends.
type Latency struct {
	// Min is the shortest delay.
	Min Duration `json:"min"`
	// Max is the longest delay; zero means Min.
	Max Duration `json:"max"`
}

func (l Latency) check() error {
	if l.Min < 0 || l.Max < 0 {
		return fmt.Errorf("latency: %v..%v is negative", l.Min, l.Max)
	}
	if l.Max != 0 && l.Max < l.Min {
		return fmt.Errorf("latency: max %v is below min %v", l.Max, l.Min)
	}
	return nil
}

// WithLatency delays every request; the default is no delay.
func WithLatency(l Latency) Option {
	return func(c *config) error {
		if err := l.check(); err != nil {
			return err
		}
		c.latency = l
		return nil
	}
}

// SetLatency changes the delay of every request.
func (s *Server) SetLatency(l Latency) error {
	if err := l.check(); err != nil {
		return fmt.Errorf("mockisc: %w", err)
	}
	s.simMu.Lock()
	defer s.simMu.Unlock()
	s.latency = l
	return nil
}

// delay draws the global delay. Caller holds s.simMu.
func (s *Server) delay() time.Duration {
	lo, hi := time.Duration(s.latency.Min), time.Duration(s.latency.Max)
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(s.simRand.float()*float64(hi-lo))
}

// sleep waits d, or less if ctx ends first; it reports whether the wait
// ran its course.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
