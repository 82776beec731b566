package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

// Fault is a fault rule: which calls it matches, when it fires among
// them, and what it does then.
//
// A rule matches a call when Method ("" for any), Path and ClientID (""
// for any) all match. Path is a route pattern ("/v3/accounts/{id}"), an
// exact path, a path.Match pattern (with *, ? or [), or "" for any.
//
// Each rule counts the calls it matches from 1. It fires on a matching
// call when every constraint that is set holds: the call is the Nth;
// more than After calls were seen before it; its number is a multiple of
// Every; the rule fired fewer than Times times; and a draw from the
// server's seeded generator falls under Probability. An expired rule
// matches nothing.
type Fault struct {
	// ID is assigned by AddFault.
	ID string `json:"id,omitempty"`
	// Method is the HTTP method to match, or "" for any.
	Method string `json:"method,omitempty"`
	// Path is the route pattern, path or glob to match, or "" for any.
	Path string `json:"path,omitempty"`
	// ClientID is the OAuth client to match, or "" for any.
	ClientID string `json:"clientId,omitempty"`

	// Nth fires on the Nth matching call only.
	Nth int `json:"nth,omitempty"`
	// Times caps how often the rule fires in all.
	Times int `json:"times,omitempty"`
	// After skips the first After matching calls.
	After int `json:"after,omitempty"`
	// Every fires on every Every-th matching call.
	Every int `json:"every,omitempty"`
	// Probability fires with this probability, drawn from the seeded
	// generator, so a seed gives the same sequence every run.
	Probability float64 `json:"probability,omitempty"`
	// ExpiresAfter makes the rule expire this long after it was added, on
	// the server clock. AddFault turns it into ExpiresAt.
	ExpiresAfter Duration `json:"expiresAfter,omitempty"`
	// ExpiresAt is the instant the rule expires; zero means never.
	ExpiresAt time.Time `json:"expiresAt,omitzero"`

	// Status answers this status instead of handling the call, with ISC's
	// body for it unless Body is set.
	Status int `json:"status,omitempty"`
	// Body is the body to answer with Status.
	Body json.RawMessage `json:"body,omitempty"`
	// Headers are added to the answer.
	Headers map[string]string `json:"headers,omitempty"`
	// Latency delays the call this long (real time) before anything else;
	// the wait ends early if the request's context ends.
	Latency Duration `json:"latency,omitempty"`
	// Drop closes the connection with no response; the call is not
	// handled.
	Drop bool `json:"drop,omitempty"`
	// Truncate handles the call, then sends the headers and half the body
	// and closes the connection.
	Truncate bool `json:"truncate,omitempty"`
	// TaskError lets the call through but makes its task finish with
	// ERROR and this message, without changing the tenant.
	TaskError string `json:"taskError,omitempty"`

	// Seen counts the calls the rule matched.
	Seen int `json:"seen"`
	// Fired counts the times the rule acted.
	Fired int `json:"fired"`
}

func (f *Fault) check() error {
	acts := 0
	for _, on := range []bool{f.Status != 0, f.Drop, f.Truncate} {
		if on {
			acts++
		}
	}
	switch {
	case acts > 1:
		return fmt.Errorf("fault: status, drop and truncate are alternatives; set one")
	case acts == 0 && f.Latency == 0 && f.TaskError == "" && len(f.Headers) == 0:
		return fmt.Errorf("fault: no action; set status, drop, truncate, latency, taskError or headers")
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return fmt.Errorf("fault: status %d is not an HTTP status", f.Status)
	case f.Nth < 0 || f.Times < 0 || f.After < 0 || f.Every < 0:
		return fmt.Errorf("fault: nth, times, after and every must not be negative")
	case f.Probability < 0 || f.Probability > 1:
		return fmt.Errorf("fault: probability %v is not between 0 and 1", f.Probability)
	case f.Latency < 0:
		return fmt.Errorf("fault: latency %v is negative", f.Latency)
	case len(f.Body) > 0 && !json.Valid(f.Body):
		return fmt.Errorf("fault: body is not valid JSON")
	}
	if isGlob(f.Path) {
		if _, err := path.Match(f.Path, "/"); err != nil {
			return fmt.Errorf("fault: path %q is not a valid pattern: %v", f.Path, err)
		}
	}
	return nil
}

// AddFault adds a rule after the existing ones and returns it with its id.
func (s *Server) AddFault(f Fault) (Fault, error) {
	if err := f.check(); err != nil {
		return Fault{}, fmt.Errorf("mockisc: %w", err)
	}
	now := s.now()
	s.simMu.Lock()
	defer s.simMu.Unlock()
	s.faultSeq++
	f.ID = fmt.Sprintf("fault-%d", s.faultSeq)
	f.Method = strings.ToUpper(f.Method)
	f.Seen, f.Fired = 0, 0
	if f.ExpiresAfter > 0 {
		f.ExpiresAt = now.Add(time.Duration(f.ExpiresAfter))
	}
	f.Body = slices.Clone(f.Body)
	s.faults = append(s.faults, &f)
	return f, nil
}

// FailNext makes the next n calls of method and path (see Fault) answer
// status with ISC's body for it; the call after them is served normally.
func (s *Server) FailNext(n int, method, path string, status int) Fault {
	f, err := s.AddFault(Fault{Method: method, Path: path, Times: n, Status: status})
	if err != nil {
		panic(err) // only a bad status or count gets here: a test bug
	}
	return f
}

// Faults returns the rules, in the order they are checked, with their
// counters.
func (s *Server) Faults() []Fault {
	s.simMu.Lock()
	defer s.simMu.Unlock()
	out := make([]Fault, len(s.faults))
	for i, f := range s.faults {
		out[i] = *f
	}
	return out
}

// RemoveFault removes a rule and reports whether it existed.
func (s *Server) RemoveFault(id string) bool {
	s.simMu.Lock()
	defer s.simMu.Unlock()
	n := len(s.faults)
	s.faults = slices.DeleteFunc(s.faults, func(f *Fault) bool { return f.ID == id })
	return len(s.faults) < n
}

// ClearFaults removes every rule.
func (s *Server) ClearFaults() {
	s.simMu.Lock()
	defer s.simMu.Unlock()
	s.faults = nil
}

func (f *Fault) matches(c *call, now time.Time) bool {
	if !f.ExpiresAt.IsZero() && !now.Before(f.ExpiresAt) {
		return false
	}
	if f.Method != "" && f.Method != c.r.Method {
		return false
	}
	if f.ClientID != "" && f.ClientID != c.clientID {
		return false
	}
	if f.Path == "" || f.Path == c.r.URL.Path || (c.route != nil && f.Path == c.route.pattern) {
		return true
	}
	if !isGlob(f.Path) {
		return false
	}
	ok, _ := path.Match(f.Path, c.r.URL.Path)
	return ok
}

// isGlob reports whether a rule's path is a path.Match pattern.
func isGlob(p string) bool { return strings.ContainsAny(p, "*?[\\") }

// fires counts a matching call and reports whether the rule acts on it.
// draw is called only when the other constraints hold, so a probability
// rule draws once per call it could fire on.
func (f *Fault) fires(draw func() float64) bool {
	f.Seen++
	n := f.Seen
	switch {
	case f.After > 0 && n <= f.After,
		f.Nth > 0 && n != f.Nth,
		f.Every > 0 && n%f.Every != 0,
		f.Times > 0 && f.Fired >= f.Times:
		return false
	case f.Probability > 0 && draw() >= f.Probability:
		return false
	}
	f.Fired++
	return true
}

// firing returns a copy of the first rule that fires on c. Every matching
// rule counts the call; rules after the one that fires only count it.
func (s *Server) firing(c *call, now time.Time) *Fault {
	var hit *Fault
	for _, f := range s.faults {
		if !f.matches(c, now) {
			continue
		}
		if hit == nil {
			if f.fires(s.simRand.float) {
				cp := *f
				hit = &cp
			}
			continue
		}
		f.Seen++
	}
	return hit
}

// answer is the response a firing rule sends instead of handling.
func (f *Fault) answer() *response {
	var resp *response
	switch {
	case f.Drop:
		resp = &response{abort: true}
	case f.Status != 0 && len(f.Body) > 0:
		resp = &response{status: f.Status, body: slices.Clone(f.Body)}
	case f.Status == http.StatusTooManyRequests:
		resp = rateLimited("1")
	case f.Status == http.StatusUnauthorized:
		resp = unauthorized(textUnauthorizedJWT)
	case f.Status != 0:
		detail, text := detailFor(f.Status)
		resp = iscError(f.Status, detail, text)
	default:
		return nil
	}
	addHeaders(resp, f.Headers)
	return resp
}

// addHeaders sets a rule's headers on a response.
func addHeaders(resp *response, h map[string]string) {
	for k, v := range h {
		if resp.header == nil {
			resp.header = http.Header{}
		}
		resp.header.Set(k, v)
	}
}
