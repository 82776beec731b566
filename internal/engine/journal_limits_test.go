package engine

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestJournalByteBound drives a million requests through a journal and
// checks that it never holds more than its byte bound, that it keeps
// the newest entries, and that it counts what it evicted.
func TestJournalByteBound(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20 // 1 MiB
	j := NewJournalLimits(JournalLimits{Entries: 100_000, Bytes: limit, BodyBytes: 64})
	body := bytes.Repeat([]byte("x"), 4096)
	req := newReq("POST", "/v3/accounts", "")
	req.Header = nil // the header's cost is covered elsewhere; a million clones are slow under -race
	c := &Call{Req: req, Body: body}
	resp := &Response{Status: 401}
	const n = 1_000_000
	var peak int64
	for i := range n {
		if i%1000 == 0 {
			req.URL.RawQuery = fmt.Sprintf("i=%d", i)
		}
		j.record(t0, c, resp, false)
		if i%997 == 0 {
			st := j.Stats()
			peak = max(peak, st.Bytes)
			if st.Bytes > limit {
				t.Fatalf("after %d requests the journal holds %d bytes, over its bound of %d", i+1, st.Bytes, limit)
			}
		}
	}
	st := j.Stats()
	if st.Bytes > limit || peak > limit {
		t.Fatalf("journal holds %d bytes (peak %d), over %d", st.Bytes, peak, limit)
	}
	if st.Entries == 0 || uint64(st.Entries)+st.EvictedEntries != n {
		t.Errorf("entries %d + evicted %d != %d requests", st.Entries, st.EvictedEntries, n)
	}
	if st.EvictedBytes == 0 || st.TruncatedBodies != n {
		t.Errorf("evicted bytes %d, truncated bodies %d; want > 0, %d", st.EvictedBytes, st.TruncatedBodies, n)
	}
	last, _ := j.Last()
	if last.Seq != n || len(last.Body) != 64 || !last.BodyTruncated || last.BodySize != len(body) {
		t.Errorf("last entry: seq %d, body %d bytes, truncated %v, size %d", last.Seq, len(last.Body), last.BodyTruncated, last.BodySize)
	}
	if j.Dropped() != st.EvictedEntries {
		t.Errorf("Dropped %d, EvictedEntries %d", j.Dropped(), st.EvictedEntries)
	}
	t.Logf("%d requests: holds %d entries in %d bytes; evicted %d entries, %d bytes", n, st.Entries, st.Bytes, st.EvictedEntries, st.EvictedBytes)
}

// TestJournalEntryTooLargeToKeep: an entry larger than the whole bound is
// counted as evicted and the journal keeps what it had.
func TestJournalEntryTooLargeToKeep(t *testing.T) {
	t.Parallel()
	j := NewJournalLimits(JournalLimits{Entries: 10, Bytes: 2000})
	recordN(j, 1, 2)
	big := newReq("GET", "/big", "")
	big.Header.Set("X-Big", strings.Repeat("y", 4000))
	j.record(t0, &Call{Req: big}, &Response{Status: 200}, false)
	st := j.Stats()
	if st.Entries != 2 || st.EvictedEntries != 1 || st.EvictedBytes < 4000 {
		t.Errorf("stats %+v; want the two small entries kept and the big one counted as evicted", st)
	}
	if last, _ := j.Last(); last.Path != "/p/2" {
		t.Errorf("last entry %q", last.Path)
	}
}

// TestJournalBodyCap: a body over the cap keeps its first bytes and says
// so; one within it is kept whole.
func TestJournalBodyCap(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{noAuth: true})
	te.journal = NewJournalLimits(JournalLimits{Entries: 10, BodyBytes: 8})
	te.e.cfg.Journal = te.journal
	wantOK(t, te.do(t, "POST", "/v3/echo", `{"a":"0123456789"}`))
	wantOK(t, te.do(t, "POST", "/v3/echo", `{"a":1}`))
	es := te.journal.Entries()
	if string(es[0].Body) != `{"a":"01` || !es[0].BodyTruncated || es[0].BodySize != 18 {
		t.Errorf("long body journaled as %q (truncated %v, size %d)", es[0].Body, es[0].BodyTruncated, es[0].BodySize)
	}
	if string(es[1].Body) != `{"a":1}` || es[1].BodyTruncated || es[1].BodySize != 7 {
		t.Errorf("short body journaled as %q (truncated %v, size %d)", es[1].Body, es[1].BodyTruncated, es[1].BodySize)
	}
}

// TestJournalRedactsCredentialHeaders checks every listed credential
// header, and a few that carry none.
func TestJournalRedactsCredentialHeaders(t *testing.T) {
	t.Parallel()
	names := append(CredentialHeaders(), "X-My-Session", "X-Service-Token", "X-Client-Password", "Signature")
	kept := []string{"Content-Type", "Accept", "User-Agent", "X-Sailpoint-Experimental", "X-Request-Id", "Slpt-Request-Id", "Content-Length"}
	req := newReq("GET", "/x", "")
	for _, n := range names {
		req.Header.Add(n, "Scheme hunter2")
		req.Header.Add(n, "hunter2")
	}
	for _, n := range kept {
		req.Header.Set(n, "visible")
	}
	j := NewJournal(1)
	j.record(t0, &Call{Req: req}, &Response{Status: 404}, false)
	e, _ := j.Last()
	for _, n := range names {
		vs := e.Header.Values(n)
		want := []string{Redacted, Redacted}
		if n == "Authorization" || n == "Proxy-Authorization" {
			want[0] = "Scheme " + Redacted
		}
		if fmt.Sprint(vs) != fmt.Sprint(want) {
			t.Errorf("%s journaled as %q; want %q", n, vs, want)
		}
	}
	for _, n := range kept {
		if got := e.Header.Get(n); got != "visible" {
			t.Errorf("%s journaled as %q; want it kept", n, got)
		}
	}
	if strings.Contains(fmt.Sprint(e), "hunter2") {
		t.Errorf("a credential is in the entry: %v", e.Header)
	}
	for _, want := range []string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token"} {
		if !IsCredentialHeader(want) {
			t.Errorf("%s is not a credential header", want)
		}
	}
}

// TestJournalRedactsEveryPath: a token request that misses its route
// (wrong method, trailing slash, another case) still has its secret
// hidden; credential parameters in any query are hidden.
func TestJournalRedactsEveryPath(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	for _, tc := range []struct{ method, target, body, ct string }{
		{"GET", "/oauth/token?grant_type=client_credentials&client_id=x&client_secret=hunter2", "", ""},
		{"PUT", "/oauth/token", "client_id=x&client_secret=hunter2", "application/x-www-form-urlencoded"},
		{"POST", "/OAuth/Token/", "client_id=x&client_secret=hunter2", "application/x-www-form-urlencoded"},
		{"GET", "/agile/v1/token?client_secret=hunter2", "", ""},
		{"GET", "/nowhere?password=hunter2&access_token=hunter2&q=1", "", ""},
		{"POST", "/nowhere", "password=hunter2&q=1", "application/x-www-form-urlencoded"},
		{"GET", "/nowhere?client%5Fsecret=hunter2", "", ""},
		{"GET", "/nowhere?Client_Secret=hunter2&bad=%zz", "", ""},
	} {
		req := newReq(tc.method, tc.target, tc.body)
		if tc.ct != "" {
			req.Header.Set("Content-Type", tc.ct)
		}
		te.serve(t, req)
		e, _ := te.journal.Last()
		if strings.Contains(e.Query+string(e.Body), "hunter2") {
			t.Errorf("%s %s: journaled query %q, body %q", tc.method, tc.target, e.Query, e.Body)
		}
		if e.Status == http.StatusOK {
			t.Errorf("%s %s answered 200; the test wants requests that miss", tc.method, tc.target)
		}
	}
	if e, _ := te.journal.Last(); e.Query != "Client_Secret=REDACTED&bad=%zz" {
		t.Errorf("malformed query journaled as %q; want the rest kept as sent", e.Query)
	}
}
