package sim

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"time"
)

// Fault is a fault rule: which calls it matches, when it fires among
// them, and what it does then.
//
// A rule matches a call when Method ("" for any), Path and ClientID (""
// for any) all match. Path is a route pattern ("/v3/accounts/{id}"), an
// exact path, a path.Match pattern (with *, ? or [), or "" for any. A
// rule with TaskError matches only calls on routes that answer with a
// task.
//
// Each rule counts the calls it matches from 1. It fires on a matching
// call when every constraint that is set holds: the call is the Nth;
// more than After calls were seen before it; its number is a multiple of
// Every; the rule fired fewer than Times times; and a draw from the
// server's seeded generator falls under Probability. An expired rule
// matches nothing.
//
// In JSON (through MarshalJSON and UnmarshalJSON), ExpiresAfter and
// Latency are duration strings such as "1.5s".
type Fault struct {
	// ID is assigned when the rule is added.
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
	// the server clock. Adding the rule turns it into ExpiresAt.
	ExpiresAfter time.Duration `json:"expiresAfter,omitempty"`
	// ExpiresAt is the instant the rule expires; zero means never.
	ExpiresAt time.Time `json:"expiresAt,omitzero"`

	// Status answers this status instead of handling the call, with the
	// API's error body for it unless Body is set.
	Status int `json:"status,omitempty"`
	// Body is the body to answer with Status.
	Body json.RawMessage `json:"body,omitempty"`
	// Headers are added to the answer.
	Headers map[string]string `json:"headers,omitempty"`
	// Latency delays the call this long (real time) before anything else;
	// the wait ends early if the request's context ends.
	Latency time.Duration `json:"latency,omitempty"`
	// Drop closes the connection with no response; the call is not
	// handled.
	Drop bool `json:"drop,omitempty"`
	// Truncate handles the call, then sends the headers and half the body
	// and closes the connection.
	Truncate bool `json:"truncate,omitempty"`
	// TaskError lets the call through but makes its task finish with
	// ERROR and this message, without changing the tenant. Only routes
	// that answer with a task have one.
	TaskError string `json:"taskError,omitempty"`

	// Seen counts the calls the rule matched.
	Seen int `json:"seen"`
	// Fired counts the times the rule acted.
	Fired int `json:"fired"`
}

// faultJSON is Fault's JSON form, members in Fault's order.
type faultJSON struct {
	ID           string            `json:"id,omitempty"`
	Method       string            `json:"method,omitempty"`
	Path         string            `json:"path,omitempty"`
	ClientID     string            `json:"clientId,omitempty"`
	Nth          int               `json:"nth,omitempty"`
	Times        int               `json:"times,omitempty"`
	After        int               `json:"after,omitempty"`
	Every        int               `json:"every,omitempty"`
	Probability  float64           `json:"probability,omitempty"`
	ExpiresAfter JSONDuration      `json:"expiresAfter,omitempty"`
	ExpiresAt    time.Time         `json:"expiresAt,omitzero"`
	Status       int               `json:"status,omitempty"`
	Body         json.RawMessage   `json:"body,omitempty"`
	Headers      map[string]string `json:"headers,omitempty"`
	Latency      JSONDuration      `json:"latency,omitempty"`
	Drop         bool              `json:"drop,omitempty"`
	Truncate     bool              `json:"truncate,omitempty"`
	TaskError    string            `json:"taskError,omitempty"`
	Seen         int               `json:"seen"`
	Fired        int               `json:"fired"`
}

// MarshalJSON writes the rule with camelCase members, durations as
// strings, and unset members left out.
func (f Fault) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultJSON{
		f.ID, f.Method, f.Path, f.ClientID, f.Nth, f.Times, f.After, f.Every, f.Probability,
		JSONDuration(f.ExpiresAfter), f.ExpiresAt, f.Status, f.Body, f.Headers, JSONDuration(f.Latency),
		f.Drop, f.Truncate, f.TaskError, f.Seen, f.Fired,
	})
}

// UnmarshalJSON reads what MarshalJSON writes; durations may also be
// numbers of nanoseconds.
func (f *Fault) UnmarshalJSON(b []byte) error {
	var v faultJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Fault{
		v.ID, v.Method, v.Path, v.ClientID, v.Nth, v.Times, v.After, v.Every, v.Probability,
		time.Duration(v.ExpiresAfter), v.ExpiresAt, v.Status, v.Body, v.Headers, time.Duration(v.Latency),
		v.Drop, v.Truncate, v.TaskError, v.Seen, v.Fired,
	}
	return nil
}

// Validate reports what is wrong with the rule, or nil.
func (f *Fault) Validate() error {
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
		return fmt.Errorf("fault: nth %d, times %d, after %d, every %d: none may be negative", f.Nth, f.Times, f.After, f.Every)
	case f.Probability < 0 || f.Probability > 1:
		return fmt.Errorf("fault: probability %v is not between 0 and 1", f.Probability)
	case f.Latency < 0:
		return fmt.Errorf("fault: latency %v is negative", f.Latency)
	case f.ExpiresAfter < 0:
		return fmt.Errorf("fault: expiresAfter %v is negative", f.ExpiresAfter)
	case len(f.Body) > 0 && !json.Valid(f.Body):
		return fmt.Errorf("fault: body %.40q is not valid JSON", f.Body)
	}
	if IsGlob(f.Path) {
		if _, err := path.Match(f.Path, "/"); err != nil {
			return fmt.Errorf("fault: path %q is not a valid pattern: %v", f.Path, err)
		}
	}
	return nil
}

// Request is what a fault rule sees of a call.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the request path.
	Path string
	// Route is the matched route pattern, "" when none matched.
	Route string
	// ClientID is the client of the call's token, "" when unknown.
	ClientID string
	// Tasks reports whether the route answers with a task.
	Tasks bool
}

// Matches reports whether the rule matches req at now, ignoring its
// counters.
func (f *Fault) Matches(req Request, now time.Time) bool {
	if !f.ExpiresAt.IsZero() && !now.Before(f.ExpiresAt) {
		return false
	}
	if f.TaskError != "" && !req.Tasks {
		return false
	}
	if f.Method != "" && f.Method != req.Method {
		return false
	}
	if f.ClientID != "" && f.ClientID != req.ClientID {
		return false
	}
	return f.MatchesPath(req.Path, req.Route)
}

// MatchesPath reports whether the rule's Path matches a request path or
// its route pattern.
func (f *Fault) MatchesPath(p, route string) bool {
	if f.Path == "" || f.Path == p || (route != "" && f.Path == route) {
		return true
	}
	if !IsGlob(f.Path) {
		return false
	}
	ok, _ := path.Match(f.Path, p)
	return ok
}

// IsGlob reports whether a rule's path is a path.Match pattern.
func IsGlob(p string) bool { return strings.ContainsAny(p, "*?[\\") }

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
