package engine

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// Entry is one request the server answered, as the journal keeps it.
// Bearer tokens, client secrets and Basic credentials are redacted.
type Entry struct {
	// Seq numbers the requests from 1, in the order they finished.
	Seq int `json:"seq"`
	// Time is the server clock when the response was written.
	Time time.Time `json:"time"`
	// Method is the HTTP method.
	Method string `json:"method"`
	// Path is the request path, e.g. "/v3/accounts/ab12".
	Path string `json:"path"`
	// Route is the matched route pattern, e.g. "/v3/accounts/{id}"; empty
	// when no route matched.
	Route string `json:"route,omitempty"`
	// Query is the raw query string.
	Query string `json:"query,omitempty"`
	// Header is the request header, with credentials redacted.
	Header http.Header `json:"header,omitempty"`
	// Body is the request body, with a token request's secret redacted.
	Body []byte `json:"body,omitempty"`
	// Status is the response status; 0 when the connection was dropped.
	Status int `json:"status"`
	// ClientID is the OAuth client of the request's token, if known.
	ClientID string `json:"clientId,omitempty"`
}

// Journal records the requests a server answered, keeping the most
// recent ones: once it holds its limit, each new entry replaces the
// oldest, in constant time. It is safe for concurrent use.
type Journal struct {
	mu   sync.Mutex // guards the fields below
	ring *sim.Ring[Entry]
	seq  int
}

// NewJournal returns a journal keeping at most limit entries; 0 keeps
// none.
func NewJournal(limit int) *Journal { return &Journal{ring: sim.NewRing[Entry](limit)} }

// Redacted replaces credentials in journaled requests.
const Redacted = "REDACTED"

// record journals call c answered with resp at now.
func (j *Journal) record(now time.Time, c *Call, resp *Response) {
	if j.ring.Cap() == 0 {
		return
	}
	r := c.Req
	e := Entry{
		Time: now, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Header: redactHeader(r.Header), Body: slices.Clone(c.Body), Status: resp.Status, ClientID: c.ClientID,
	}
	if resp.abort {
		e.Status = 0
	}
	if c.Route != nil {
		e.Route = c.Route.Pattern
		if c.Route.Credentials {
			e.Body = redactForm(e.Body)
			e.Query = string(redactForm([]byte(e.Query)))
		}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	j.ring.Push(e)
}

func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	if v := out.Get("Authorization"); v != "" {
		// Keep the scheme ("Bearer", "Basic"); a bare credential goes whole.
		if scheme, _, ok := strings.Cut(v, " "); ok {
			out.Set("Authorization", scheme+" "+Redacted)
		} else {
			out.Set("Authorization", Redacted)
		}
	}
	return out
}

// redactForm hides client_secret in a form-encoded body or query. A body
// that does not parse as a form, or that names client_secret some other
// way (multipart), is hidden whole.
func redactForm(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	v, err := url.ParseQuery(string(b))
	if err == nil && v.Has("client_secret") {
		v.Set("client_secret", Redacted)
		return []byte(v.Encode())
	}
	if lower := strings.ToLower(string(b)); err != nil || strings.Contains(lower, "client_secret") || strings.Contains(lower, "client%5fsecret") {
		return []byte(Redacted)
	}
	return b
}

// Entries returns a copy of the recorded requests, oldest first.
func (j *Journal) Entries() []Entry {
	return j.Find("", "")
}

// Find returns the recorded requests with the given method ("" for any)
// whose path or route pattern is path ("" for any), oldest first. So
// Find("PATCH", "/v3/accounts/{id}") finds every account patch.
func (j *Journal) Find(method, path string) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []Entry
	for e := range j.ring.All {
		if e.matches(method, path) {
			e.Header, e.Body = e.Header.Clone(), slices.Clone(e.Body)
			out = append(out, e)
		}
	}
	return out
}

// Count returns how many recorded requests Find(method, path) returns.
func (j *Journal) Count(method, path string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for e := range j.ring.All {
		if e.matches(method, path) {
			n++
		}
	}
	return n
}

// Last returns the most recent request, and false if there is none.
func (j *Journal) Last() (Entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e, ok := j.ring.Last()
	e.Header, e.Body = e.Header.Clone(), slices.Clone(e.Body)
	return e, ok
}

// Len returns how many requests the journal holds.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.ring.Len()
}

// Dropped returns how many recorded requests were dropped, oldest first,
// to keep the journal within its limit.
func (j *Journal) Dropped() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.ring.Dropped()
}

// Clear forgets every recorded request; numbering goes on.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ring.Clear()
}

func (e Entry) matches(method, path string) bool {
	return (method == "" || strings.EqualFold(e.Method, method)) &&
		(path == "" || e.Path == path || e.Route == path)
}
