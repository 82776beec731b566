package sim

import (
	"sync"
	"time"
)

// Clock is a server's only source of time. A manual clock stands still
// until Advance or Set moves it; a real clock follows the wall clock,
// shifted by every Advance and Set. Clock is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex    // guards the fields below
	real   bool          // follow time.Now
	now    time.Time     // manual: the current instant
	offset time.Duration // real: added to time.Now
	wall   func() time.Time
}

// NewClock returns a manual clock standing at start, or, when real is
// true, a clock following the wall clock: shifted so that it reads start
// now, or unshifted when start is zero.
func NewClock(real bool, start time.Time) *Clock {
	c := &Clock{real: real, now: start.UTC(), wall: time.Now}
	if real && !start.IsZero() {
		c.offset = start.Sub(c.wall())
	}
	return c
}

// Now returns the clock's current time, in UTC.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		return c.wall().Add(c.offset).UTC()
	}
	return c.now
}

// Advance moves the clock forward by d (backward if d is negative).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		c.offset += d
		return
	}
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		c.offset = t.Sub(c.wall())
		return
	}
	c.now = t.UTC()
}

// Manual reports whether the clock is manual (moves only when told).
func (c *Clock) Manual() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.real
}
