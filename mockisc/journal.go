package mockisc

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
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

// Journal records the requests a server answered. It is safe for
// concurrent use.
type Journal struct {
	mu      sync.Mutex // guards the fields below
	entries []Entry
	seq     int
	limit   int
}

func newJournal(limit int) *Journal { return &Journal{limit: limit} }

const redacted = "REDACTED"

func (j *Journal) add(now time.Time, c *call, resp *response) {
	if j.limit == 0 {
		return
	}
	r := c.r
	e := Entry{
		Time: now, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Header: redactHeader(r.Header), Body: slices.Clone(c.body), Status: resp.status, ClientID: c.clientID,
	}
	if resp.abort {
		e.Status = 0
	}
	if c.route != nil {
		e.Route = c.route.pattern
		if c.route.api == "oauth" {
			e.Body = redactForm(e.Body)
			e.Query = string(redactForm([]byte(e.Query)))
		}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	if len(j.entries) >= j.limit {
		j.entries = slices.Delete(j.entries, 0, len(j.entries)-j.limit+1)
	}
	j.entries = append(j.entries, e)
}

func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	if v := out.Get("Authorization"); v != "" {
		scheme, _, _ := strings.Cut(v, " ")
		out.Set("Authorization", scheme+" "+redacted)
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
		v.Set("client_secret", redacted)
		return []byte(v.Encode())
	}
	if lower := strings.ToLower(string(b)); err != nil || strings.Contains(lower, "client_secret") || strings.Contains(lower, "client%5fsecret") {
		return []byte(redacted)
	}
	return b
}

// Entries returns a copy of the recorded requests, oldest first.
func (j *Journal) Entries() []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.entries)
}

// Find returns the recorded requests with the given method ("" for any)
// whose path or route pattern is path ("" for any), oldest first. So
// Find("PATCH", "/v3/accounts/{id}") finds every account patch.
func (j *Journal) Find(method, path string) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []Entry
	for _, e := range j.entries {
		if e.matches(method, path) {
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
	for _, e := range j.entries {
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
	if len(j.entries) == 0 {
		return Entry{}, false
	}
	return j.entries[len(j.entries)-1], true
}

// Clear forgets every recorded request; numbering goes on.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries = nil
}

func (e Entry) matches(method, path string) bool {
	return (method == "" || strings.EqualFold(e.Method, method)) &&
		(path == "" || e.Path == path || e.Route == path)
}
