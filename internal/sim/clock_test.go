package sim

import (
	"sync"
	"testing"
	"time"
)

// fakeWall is a wall clock that moves only when told, for real clocks.
type fakeWall struct{ t time.Time }

func (w *fakeWall) now() time.Time { return w.t }

// realClockOn returns a real clock whose wall clock is w, built the way
// NewClock builds one.
func realClockOn(w *fakeWall, start time.Time) *Clock {
	c := NewClock(true, time.Time{})
	c.wall = w.now
	if !start.IsZero() {
		c.Set(start)
	}
	return c
}

func TestManualClockStandsStill(t *testing.T) {
	t.Parallel()
	c := NewClock(false, t0)
	if !c.Manual() {
		t.Fatal("Manual() = false for a manual clock")
	}
	first := c.Now()
	time.Sleep(2 * time.Millisecond) // real time passes; the clock must not
	if got := c.Now(); !got.Equal(t0) || !first.Equal(t0) {
		t.Fatalf("manual clock read %v then %v, want %v both times", first, got, t0)
	}
}

func TestManualClockReadsUTC(t *testing.T) {
	t.Parallel()
	paris := time.FixedZone("CET", 3600)
	start := time.Date(2025, 1, 1, 1, 0, 0, 0, paris) // = t0
	c := NewClock(false, start)
	got := c.Now()
	if got != t0 || got.Location() != time.UTC {
		t.Fatalf("Now() = %v (%v), want %v in UTC", got, got.Location(), t0)
	}
	c.Set(time.Date(2025, 6, 1, 14, 0, 0, 0, paris))
	if got, want := c.Now(), time.Date(2025, 6, 1, 13, 0, 0, 0, time.UTC); got != want {
		t.Fatalf("after Set in CET, Now() = %v, want %v", got, want)
	}
}

func TestManualClockMoves(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		move func(*Clock)
		want time.Time
	}{
		{"Advance moves forward", func(c *Clock) { c.Advance(90 * time.Second) }, t0.Add(90 * time.Second)},
		{"Advance by a negative duration moves backward", func(c *Clock) { c.Advance(-time.Hour) }, t0.Add(-time.Hour)},
		{"Advance adds up", func(c *Clock) { c.Advance(time.Second); c.Advance(time.Nanosecond) }, t0.Add(time.Second + time.Nanosecond)},
		{"Set moves to the instant", func(c *Clock) { c.Set(t0.AddDate(1, 0, 0)) }, t0.AddDate(1, 0, 0)},
		{"Set may move backward", func(c *Clock) { c.Set(t0.Add(-time.Minute)) }, t0.Add(-time.Minute)},
		{"Advance after Set starts from the set instant", func(c *Clock) { c.Set(t0.Add(time.Hour)); c.Advance(time.Minute) }, t0.Add(time.Hour + time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := NewClock(false, t0)
			tt.move(c)
			if got := c.Now(); got != tt.want {
				t.Fatalf("Now() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRealClockWithZeroStartFollowsTimeNow(t *testing.T) {
	t.Parallel()
	c := NewClock(true, time.Time{})
	if c.Manual() {
		t.Fatal("Manual() = true for a real clock")
	}
	before := time.Now()
	got := c.Now()
	after := time.Now()
	const slack = time.Second
	if got.Before(before.Add(-slack)) || got.After(after.Add(slack)) {
		t.Fatalf("real clock read %v, want between %v and %v", got, before, after)
	}
	if got.Location() != time.UTC {
		t.Errorf("real clock reads in %v, want UTC", got.Location())
	}
}

func TestRealClockWithStartReadsStartNow(t *testing.T) {
	t.Parallel()
	c := NewClock(true, t0)
	if got := c.Now(); got.Sub(t0).Abs() > time.Second {
		t.Fatalf("real clock started at %v reads %v", t0, got)
	}
}

func TestRealClockFollowsTheWallClockShiftedByAdvanceAndSet(t *testing.T) {
	t.Parallel()
	w := &fakeWall{t: time.Date(2030, 5, 5, 12, 0, 0, 0, time.UTC)}
	c := realClockOn(w, time.Time{})
	if got := c.Now(); got != w.t {
		t.Fatalf("unshifted real clock reads %v, want the wall clock %v", got, w.t)
	}
	w.t = w.t.Add(3 * time.Second)
	if got := c.Now(); got != w.t {
		t.Fatalf("real clock reads %v after the wall clock moved, want %v", got, w.t)
	}

	c.Advance(time.Hour)
	if got, want := c.Now(), w.t.Add(time.Hour); got != want {
		t.Fatalf("after Advance(1h) real clock reads %v, want %v", got, want)
	}
	w.t = w.t.Add(time.Second)
	if got, want := c.Now(), w.t.Add(time.Hour); got != want {
		t.Fatalf("an advanced real clock must keep following the wall clock: got %v, want %v", got, want)
	}

	c.Set(t0)
	if got := c.Now(); got != t0 {
		t.Fatalf("after Set(%v) real clock reads %v", t0, got)
	}
	w.t = w.t.Add(5 * time.Second)
	if got, want := c.Now(), t0.Add(5*time.Second); got != want {
		t.Fatalf("5 s after Set, real clock reads %v, want %v", got, want)
	}
	if c.Manual() {
		t.Error("Set made a real clock manual")
	}
}

func TestRealClockAdvanceShiftsRealTime(t *testing.T) {
	t.Parallel()
	c := NewClock(true, time.Time{})
	c.Advance(24 * time.Hour)
	want := time.Now().Add(24 * time.Hour)
	if got := c.Now(); got.Sub(want).Abs() > time.Second {
		t.Fatalf("real clock advanced a day reads %v, want about %v", got, want)
	}
}

func TestClockIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	c := NewClock(false, t0)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				c.Advance(time.Second)
				_ = c.Now()
				_ = c.Manual()
			}
		}()
	}
	wg.Wait()
	if got, want := c.Now(), t0.Add(400*time.Second); got != want {
		t.Fatalf("after 400 concurrent Advance(1s), Now() = %v, want %v", got, want)
	}
}
