package engine

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// Entry is one request the server answered, as the journal keeps it.
// Credentials are redacted (see redact.go); a body longer than the
// journal's body cap keeps its first bytes only.
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
	// Query is the raw query string, with credentials redacted.
	Query string `json:"query,omitempty"`
	// Header is the request header, with credentials redacted.
	Header http.Header `json:"header,omitempty"`
	// Body is the request body (as read: a body the server refused
	// unread, such as one over the size cap, is absent), with a token
	// request's secret redacted, cut to the journal's body cap.
	Body []byte `json:"body,omitempty"`
	// BodySize is the size in bytes of the body as read, before redaction
	// and cutting.
	BodySize int `json:"bodySize,omitempty"`
	// BodyTruncated reports that Body holds only the first bytes of the
	// body: it was longer than the journal's body cap.
	BodyTruncated bool `json:"bodyTruncated,omitempty"`
	// Status is the response status; 0 when the connection was dropped.
	Status int `json:"status"`
	// ClientID is the OAuth client of the request's token, if known.
	ClientID string `json:"clientId,omitempty"`
	// Fault is the id of the fault rule that fired on the request, if
	// one did.
	Fault string `json:"fault,omitempty"`
}

// JournalLimits bound a journal. A zero field leaves that dimension
// unbounded, but for Entries: 0 entries keeps nothing.
type JournalLimits struct {
	// Entries is how many entries the journal keeps at most.
	Entries int `json:"entries"`
	// Bytes bounds the journal's size (the estimate of Entry.Size,
	// summed over the entries it holds): the oldest entries go first.
	Bytes int64 `json:"bytes"`
	// BodyBytes is how much of each body an entry keeps.
	BodyBytes int `json:"bodyBytes"`
}

// JournalStats says what a journal holds and what it let go.
type JournalStats struct {
	// Entries and Bytes are what the journal holds now.
	Entries int   `json:"entries"`
	Bytes   int64 `json:"bytes"`
	// EvictedEntries and EvictedBytes count the entries dropped, oldest
	// first, to keep within the limits (and entries too large to keep at
	// all), since the journal was made; Clear does not count.
	EvictedEntries uint64 `json:"evictedEntries"`
	EvictedBytes   uint64 `json:"evictedBytes"`
	// TruncatedBodies counts the entries whose body was cut to the body
	// cap.
	TruncatedBodies uint64 `json:"truncatedBodies"`
	// Limits are the journal's bounds.
	Limits JournalLimits `json:"limits"`
}

// Journal records the requests a server answered, keeping the most
// recent ones: once it holds its entry limit or its byte limit, each new
// entry pushes out the oldest, in constant time (amortized). It is safe
// for concurrent use.
type Journal struct {
	lim JournalLimits

	scratch sync.Pool // *[]byte: where record builds an entry's string

	mu        sync.Mutex // guards the fields below
	ring      *sim.Ring[sized]
	seq       int
	bytes     int64
	evicted   uint64
	evictedB  uint64
	truncated uint64
}

// sized is an entry as the ring holds it: its numbers, and its strings,
// body and header pairs (headerPairs) in one string, blob, so that the
// collector has an object or two per entry to mark, not a dozen (a full
// journal holds 100,000 entries, which every collection marks). Reading
// an entry takes its strings out of blob again.
type sized struct {
	seq, status, bodySize int
	time                  time.Time
	truncated             bool
	blob                  string
	ends                  [nFields]int // field i is blob[ends[i-1]:ends[i]]
	header                headerPairs  // its pairs are the rest of blob, after ends[fBody]
	size                  int64
}

// The strings of an entry, in the order blob holds them.
const (
	fMethod = iota
	fPath
	fRoute
	fQuery
	fClientID
	fFault
	fBody
	nFields
)

// field returns the string field i of the entry.
func (s *sized) field(i int) string {
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.blob[start:s.ends[i]]
}

// bare returns the entry without its Header and Body, its strings taken
// from blob (no copy).
func (s *sized) bare() Entry {
	return Entry{
		Seq: s.seq, Time: s.time, Method: s.field(fMethod), Path: s.field(fPath), Route: s.field(fRoute),
		Query: s.field(fQuery), BodySize: s.bodySize, BodyTruncated: s.truncated, Status: s.status,
		ClientID: s.field(fClientID), Fault: s.field(fFault),
	}
}

// entry returns the entry, with a Header and Body of its own.
func (s *sized) entry() Entry {
	e := s.bare()
	if body := s.field(fBody); body != "" {
		e.Body = []byte(body)
	}
	e.Header = s.header.header(s.blob[s.ends[fBody]:])
	return e
}

// NewJournal returns a journal keeping at most limit entries, with no
// byte bound and whole bodies; 0 keeps none.
func NewJournal(limit int) *Journal { return NewJournalLimits(JournalLimits{Entries: limit}) }

// NewJournalLimits returns a journal within lim.
func NewJournalLimits(lim JournalLimits) *Journal {
	lim.Entries = max(lim.Entries, 0)
	return &Journal{lim: lim, ring: sim.NewRing[sized](lim.Entries), scratch: sync.Pool{New: func() any { return new([]byte) }}}
}

// maxScratch bounds the buffers the journal keeps for reuse: one for a
// large body goes.
const maxScratch = 64 << 10

// Redacted replaces credentials in journaled requests.
const Redacted = "REDACTED"

// bearerRedacted is what the journal keeps of a bearer token header.
const bearerRedacted = "Bearer " + Redacted

// entryOverhead is the size estimate of an entry's fixed part: the
// struct, its strings' headers, the header map and the ring's slot.
const entryOverhead = 320

// Size estimates the memory an entry holds, in bytes: its strings,
// header names and values, body, and a fixed overhead. It errs on the
// high side: measured on a mixed workload, a full 64 MiB journal holds
// about 60 MiB of heap.
func (e *Entry) Size() int64 {
	n := entryOverhead + len(e.Method) + len(e.Path) + len(e.Query) + len(e.ClientID) + len(e.Fault) + len(e.Body)
	if len(e.Header) > 0 {
		n += 64 // the map
	}
	for k, vs := range e.Header {
		n += len(k) + 96 // a slot of the map, the key, the values' slice
		for _, v := range vs {
			n += len(v) + 16
		}
	}
	return int64(n)
}

// record journals call c answered with resp at now. credentials says the
// request is a token request (or was sent to a token endpoint's path):
// its body and query are redacted as forms.
func (j *Journal) record(now time.Time, c *Call, resp *Response, credentials bool) {
	if j.lim.Entries == 0 {
		j.mu.Lock()
		j.evicted++
		j.mu.Unlock()
		return
	}
	r := c.Req
	e := Entry{
		Time: now, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Status: resp.Status, ClientID: c.ClientID, BodySize: len(c.Body),
		Fault: c.fault,
	}
	if resp.abort {
		e.Status = 0
	}
	if c.Route != nil {
		e.Route = c.Route.Pattern
	}
	body := c.Body
	if credentials {
		body = redactForm(body)
		e.Query = string(redactForm([]byte(e.Query)))
	} else {
		e.Query = redactQuery(e.Query)
		if isForm(headerValue(r.Header, "Content-Type")) {
			body = []byte(redactQuery(string(body)))
		}
	}
	if lim := j.lim.BodyBytes; lim > 0 && len(body) > lim {
		body, e.BodyTruncated = body[:lim], true
	}
	// Every string, the body and the header, in one string, made from a
	// buffer the journal reuses: its exact size, in one pass.
	bp := j.scratch.Get().(*[]byte)
	buf := (*bp)[:0]
	var ends [nFields]int
	for i, f := range [...]string{fMethod: e.Method, fPath: e.Path, fRoute: e.Route, fQuery: e.Query, fClientID: e.ClientID, fFault: e.Fault} {
		buf = append(buf, f...)
		ends[i] = len(buf)
	}
	buf = append(buf, body...)
	ends[fBody] = len(buf)
	buf, header := appendHeader(buf, r.Header)
	blob := string(buf)
	if cap(buf) <= maxScratch {
		*bp = buf
		j.scratch.Put(bp)
	}
	e.Body = body
	size := e.Size() + header.bytes

	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	if e.BodyTruncated {
		j.truncated++
	}
	if j.lim.Bytes > 0 && size > j.lim.Bytes {
		j.evicted++ // too large to keep at all
		j.evictedB += uint64(size)
		return
	}
	for j.ring.Len() > 0 && (j.ring.Len() == j.lim.Entries || j.lim.Bytes > 0 && j.bytes+size > j.lim.Bytes) {
		old, _ := j.ring.Shift()
		j.bytes -= old.size
		j.evicted++
		j.evictedB += uint64(old.size)
	}
	j.ring.Push(sized{
		seq: e.Seq, status: e.Status, bodySize: e.BodySize, time: e.Time, truncated: e.BodyTruncated,
		blob: blob, ends: ends, header: header, size: size,
	})
	j.bytes += size
}

// isForm reports whether a Content-Type is a form's.
func isForm(ct string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/x-www-form-urlencoded")
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
	for s := range j.ring.All {
		if s.matches(method, path) {
			out = append(out, s.entry())
		}
	}
	return out
}

// Count returns how many recorded requests Find(method, path) returns.
func (j *Journal) Count(method, path string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for s := range j.ring.All {
		if s.matches(method, path) {
			n++
		}
	}
	return n
}

// Last returns the most recent request, and false if there is none.
func (j *Journal) Last() (Entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	s, ok := j.ring.Last()
	return s.entry(), ok
}

// Len returns how many requests the journal holds.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.ring.Len()
}

// Dropped returns how many recorded requests were dropped, oldest first,
// to keep the journal within its limits (Stats().EvictedEntries).
func (j *Journal) Dropped() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.evicted
}

// Stats returns what the journal holds, what it evicted, and its limits.
func (j *Journal) Stats() JournalStats {
	j.mu.Lock()
	defer j.mu.Unlock()
	return JournalStats{
		Entries: j.ring.Len(), Bytes: j.bytes, EvictedEntries: j.evicted, EvictedBytes: j.evictedB,
		TruncatedBodies: j.truncated, Limits: j.lim,
	}
}

// Clear forgets every recorded request; numbering and the eviction
// counters go on.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ring.Clear()
	j.bytes = 0
}

func (s *sized) matches(method, path string) bool {
	return (method == "" || strings.EqualFold(s.field(fMethod), method)) &&
		(path == "" || s.field(fPath) == path || s.field(fRoute) == path)
}
