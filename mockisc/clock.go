package mockisc

import (
	"sync"
	"time"
)

// DefaultStartTime is where a server's manual clock starts unless
// WithStartTime says otherwise: 2025-01-01T00:00:00Z.
func DefaultStartTime() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }

// Clock is a server's only source of time. A manual clock (the default)
// stands still until Advance or Set moves it; a real clock follows the wall
// clock, shifted by every Advance and Set. Clock is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex    // guards the fields below
	real   bool          // follow time.Now
	now    time.Time     // manual: the current instant
	offset time.Duration // real: added to time.Now
	wall   func() time.Time
}

func newClock(real bool, start time.Time) *Clock {
	return &Clock{real: real, now: start.UTC(), wall: time.Now}
}

// Now returns the clock's current time, in UTC.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *Clock) nowLocked() time.Time {
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

// formatTime renders t as ISC does: RFC 3339, UTC, milliseconds.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}
