package engine

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// benchLimit is the journal limit of the benchmarks.
const benchLimit = 100_000

// benchCall is a fixed, realistic call: GET /v3/accounts/abc with a
// bearer token, answered 200.
func benchCall() (*Call, *Response) {
	req := httptest.NewRequest("GET", "/v3/accounts/abc?attributes=name,nativeIdentity", nil)
	req.Header.Set("Authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJtb2NraXNjLWNsaWVudCJ9.c2ln")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Go-http-client/1.1")
	rt := &Route{Method: "GET", Pattern: "/v3/accounts/{id}", API: "v3", Scopes: []string{"idn:accounts:read"}}
	return &Call{Req: req, Route: rt, ClientID: "mockisc-client"}, &Response{Status: http.StatusOK}
}

// BenchmarkJournalRecord records into a journal that is already full, so
// every record replaces the oldest entry: the steady state of a server
// that has run a while. Its ns/op should match the empty baseline's.
func BenchmarkJournalRecord(b *testing.B) {
	c, resp := benchCall()
	j := NewJournal(benchLimit)
	for range benchLimit {
		j.record(t0, c, resp, false)
	}
	if j.Len() != benchLimit {
		b.Fatalf("journal holds %d entries; want it full", j.Len())
	}
	now := t0.Add(time.Second)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		j.record(now, c, resp, false)
	}
	b.StopTimer()
	if j.Len() != benchLimit || j.Dropped() != uint64(b.N) {
		b.Fatalf("Len %d, Dropped %d; want %d, %d", j.Len(), j.Dropped(), benchLimit, b.N)
	}
}

// BenchmarkJournalRecordEmpty is the baseline: recording into a journal
// of the same limit that is not yet full (a fresh one every benchLimit
// records, off the clock).
func BenchmarkJournalRecordEmpty(b *testing.B) {
	c, resp := benchCall()
	var j *Journal
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%benchLimit == 0 {
			b.StopTimer()
			j = NewJournal(benchLimit)
			b.StartTimer()
		}
		j.record(t0, c, resp, false)
	}
	b.StopTimer()
	if j.Dropped() != 0 {
		b.Fatalf("the baseline dropped %d entries", j.Dropped())
	}
}

// BenchmarkJournalMillion records 1,000,000 requests per iteration into a
// fresh journal of limit 100,000 (100,000 appends, then 900,000
// replacements) and reports the cost per entry.
func BenchmarkJournalMillion(b *testing.B) {
	const perOp = 1_000_000
	c, resp := benchCall()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		j := NewJournal(benchLimit)
		b.StartTimer()
		for range perOp {
			j.record(t0, c, resp, false)
		}
		b.StopTimer()
		if j.Len() != benchLimit || j.Dropped() != perOp-benchLimit {
			b.Fatalf("Len %d, Dropped %d", j.Len(), j.Dropped())
		}
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/perOp, "ns/entry")
}
