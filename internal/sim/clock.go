package sim

import (
	"sync"
	"sync/atomic"
	"time"
)

// Clock is a server's only source of time. A manual clock stands still
// until Advance or Set moves it; a real clock follows the wall clock,
// shifted by every Advance and Set. Clock is safe for concurrent use.
//
// A real clock is read without a lock (every request reads it several
// times, from every core): its offset is an atomic number of
// nanoseconds.
type Clock struct {
	real   bool         // follow time.Now; fixed at NewClock
	offset atomic.Int64 // real: nanoseconds added to time.Now
	wall   func() time.Time

	mu  sync.Mutex // manual: guards now
	now time.Time  // manual: the current instant
}

// NewClock returns a manual clock standing at start, or, when real is
// true, a clock following the wall clock: shifted so that it reads start
// now, or unshifted when start is zero.
func NewClock(real bool, start time.Time) *Clock {
	c := &Clock{real: real, now: start.UTC(), wall: time.Now}
	if real && !start.IsZero() {
		c.offset.Store(int64(start.Sub(c.wall())))
	}
	return c
}

// Now returns the clock's current time, in UTC.
func (c *Clock) Now() time.Time {
	if c.real {
		return c.wall().Add(time.Duration(c.offset.Load())).UTC()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (backward if d is negative).
func (c *Clock) Advance(d time.Duration) {
	if c.real {
		c.offset.Add(int64(d))
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	if c.real {
		c.offset.Store(int64(t.Sub(c.wall())))
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t.UTC()
}

// Manual reports whether the clock is manual (moves only when told).
func (c *Clock) Manual() bool { return !c.real }
