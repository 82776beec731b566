package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// Latency delays every request: by Min when Max is zero or not above Min,
// else by a duration drawn uniformly from [Min, Max] by the seeded
// generator. The delay is real time, not server clock time, and ends
// early when the request's context ends. In JSON, Min and Max are
// duration strings such as "50ms".
type Latency struct {
	// Min is the shortest delay.
	Min time.Duration `json:"min"`
	// Max is the longest delay; zero means Min.
	Max time.Duration `json:"max"`
}

// Validate reports what is wrong with l, or nil.
func (l Latency) Validate() error {
	if l.Min < 0 || l.Max < 0 {
		return fmt.Errorf("latency: %v..%v is negative", l.Min, l.Max)
	}
	if l.Max != 0 && l.Max < l.Min {
		return fmt.Errorf("latency: max %v is below min %v", l.Max, l.Min)
	}
	return nil
}

// latencyJSON is Latency's JSON form.
type latencyJSON struct {
	Min JSONDuration `json:"min"`
	Max JSONDuration `json:"max"`
}

// MarshalJSON writes {"min": "10ms", "max": "200ms"}.
func (l Latency) MarshalJSON() ([]byte, error) {
	return json.Marshal(latencyJSON{JSONDuration(l.Min), JSONDuration(l.Max)})
}

// UnmarshalJSON reads what MarshalJSON writes, or nanoseconds.
func (l *Latency) UnmarshalJSON(b []byte) error {
	var v latencyJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = Latency{Min: time.Duration(v.Min), Max: time.Duration(v.Max)}
	return nil
}

// Draw returns a delay for one request, drawing from r when l is a range.
func (l Latency) Draw(r *Rand) time.Duration {
	if l.Max <= l.Min {
		return l.Min
	}
	return l.Min + time.Duration(r.Float()*float64(l.Max-l.Min))
}

// Delay is the changeable latency of a server. It is safe for concurrent
// use.
type Delay struct {
	mu  sync.Mutex // guards lat
	lat Latency
	r   *Rand
}

// NewDelay returns a delay of l (valid) drawing from r.
func NewDelay(l Latency, r *Rand) *Delay { return &Delay{lat: l, r: r} }

// Set changes the latency.
func (d *Delay) Set(l Latency) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.lat = l
}

// Get returns the latency in force.
func (d *Delay) Get() Latency {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lat
}

// Draw returns a delay for one request.
func (d *Delay) Draw() time.Duration { return d.Get().Draw(d.r) }

// Sleep waits d, or less if ctx ends first; it reports whether the wait
// ran its course.
func Sleep(ctx context.Context, d time.Duration) bool {
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
