package sim

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Rules is an ordered list of fault rules. It is safe for concurrent use.
type Rules struct {
	// n is len(rules), for Fire to pass a call without the lock when
	// there are none (the usual case, on every request); it changes
	// under mu.
	n atomic.Int64

	mu    sync.Mutex // guards the fields below
	rules []*Fault
	seq   int
	r     *Rand
}

// NewRules returns an empty list whose probability draws come from r.
func NewRules(r *Rand) *Rules { return &Rules{r: r} }

// Add validates f and adds it after the existing rules, at now: it gets
// the next id ("fault-1", ...), an upper-case Method, zero counters, and
// ExpiresAt from ExpiresAfter.
func (rs *Rules) Add(f Fault, now time.Time) (Fault, error) {
	if err := f.Validate(); err != nil {
		return Fault{}, err
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.seq++
	f.ID = fmt.Sprintf("fault-%d", rs.seq)
	f.Method = strings.ToUpper(f.Method)
	f.Seen, f.Fired = 0, 0
	if f.ExpiresAfter > 0 {
		f.ExpiresAt = now.Add(f.ExpiresAfter)
	}
	f = f.clone()
	rs.rules = append(rs.rules, &f)
	rs.n.Store(int64(len(rs.rules)))
	return f.clone(), nil
}

// List returns copies of the rules, in the order they are checked, with
// their counters.
func (rs *Rules) List() []Fault {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	out := make([]Fault, len(rs.rules))
	for i, f := range rs.rules {
		out[i] = f.clone()
	}
	return out
}

// Remove removes a rule and reports whether it existed.
func (rs *Rules) Remove(id string) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	n := len(rs.rules)
	rs.rules = slices.DeleteFunc(rs.rules, func(f *Fault) bool { return f.ID == id })
	rs.n.Store(int64(len(rs.rules)))
	return len(rs.rules) < n
}

// Clear removes every rule; ids go on from where they were.
func (rs *Rules) Clear() {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.rules = nil
	rs.n.Store(0)
}

// Fire returns a copy of the first rule that fires on req at now, or nil.
// Every matching rule counts the call; rules after the one that fires
// only count it.
func (rs *Rules) Fire(req Request, now time.Time) *Fault {
	if rs.n.Load() == 0 {
		return nil
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var hit *Fault
	for _, f := range rs.rules {
		if !f.Matches(req, now) {
			continue
		}
		if hit == nil {
			if f.fires(rs.r.Float) {
				cp := f.clone()
				hit = &cp
			}
			continue
		}
		f.Seen++
	}
	return hit
}

// clone returns a copy of f that shares no memory with it.
func (f *Fault) clone() Fault {
	cp := *f
	cp.Body = slices.Clone(f.Body)
	cp.Headers = maps.Clone(f.Headers)
	return cp
}
