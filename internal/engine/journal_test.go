package engine

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestJournalEntries checks what the engine journals for each request.
func TestJournalEntries(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	tok := te.issue(t, []string{scopeRead})
	wantOK(t, te.do(t, "GET", "/v3/accounts/a1?x=1&y=2", "", bearer(tok)...))
	te.clock.Advance(time.Minute)
	te.do(t, "GET", "/v3/accounts/a2", "", "Authorization", "Basic dXNlcjpwYXNz", "X-Other", "kept")
	te.do(t, "DELETE", "/v3/accounts/a3", "")
	wantOK(t, te.do(t, "POST", "/v3/echo", `{"a":1}`, bearer(tok)...))

	es := te.journal.Entries()
	want := []Entry{
		{Seq: 1, Time: t0, Method: "GET", Path: "/v3/accounts/a1", Route: "/v3/accounts/{id}", Query: "x=1&y=2", Status: 200, ClientID: tok.ClientID},
		{Seq: 2, Time: t0.Add(time.Minute), Method: "GET", Path: "/v3/accounts/a2", Route: "/v3/accounts/{id}", Status: 401},
		{Seq: 3, Time: t0.Add(time.Minute), Method: "DELETE", Path: "/v3/accounts/a3", Status: 405},
		{Seq: 4, Time: t0.Add(time.Minute), Method: "POST", Path: "/v3/echo", Route: "/v3/echo", Body: []byte(`{"a":1}`), Status: 200, ClientID: tok.ClientID},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries; want %d: %+v", len(es), len(want), es)
	}
	for i, w := range want {
		g := es[i]
		if g.Seq != w.Seq || !g.Time.Equal(w.Time) || g.Method != w.Method || g.Path != w.Path || g.Route != w.Route ||
			g.Query != w.Query || !bytes.Equal(g.Body, w.Body) || g.Status != w.Status || g.ClientID != w.ClientID {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if got := es[0].Header.Get("Authorization"); got != "Bearer "+Redacted {
		t.Errorf("bearer token journaled as %q", got)
	}
	if got := es[1].Header.Get("Authorization"); got != "Basic "+Redacted {
		t.Errorf("Basic credentials journaled as %q", got)
	}
	if got := es[1].Header.Get("X-Other"); got != "kept" {
		t.Errorf("X-Other journaled as %q", got)
	}
	if _, ok := es[2].Header["Authorization"]; ok {
		t.Errorf("a request without Authorization journaled one: %v", es[2].Header)
	}
	// The request's own header is left alone.
	req := newReq("GET", "/v3/accounts/1", "", bearer(tok)...)
	te.serve(t, req)
	if req.Header.Get("Authorization") != "Bearer "+tok.Value {
		t.Errorf("journaling changed the request's header to %q", req.Header.Get("Authorization"))
	}
}

// TestJournalCredentials checks that a Credentials route's client secret
// is hidden in its body and query, and only there.
func TestJournalCredentials(t *testing.T) {
	t.Parallel()
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("grant_type", "client_credentials")
	_ = mw.WriteField("client_id", "x")
	_ = mw.WriteField("client_secret", "hunter2")
	_ = mw.Close()

	const form = "application/x-www-form-urlencoded"
	tests := []struct {
		name      string
		target    string
		body, ct  string
		wantBody  string // "" for no body
		wantQuery string
	}{
		{
			name:   "form body",
			target: "/oauth/token", ct: form,
			body:     "grant_type=client_credentials&client_id=x&client_secret=hunter2",
			wantBody: "client_id=x&client_secret=REDACTED&grant_type=client_credentials",
		},
		{
			name:   "escaped name in a form body",
			target: "/oauth/token", ct: form,
			body:     "grant_type=client_credentials&client_id=x&client%5Fsecret=hunter2",
			wantBody: "client_id=x&client_secret=REDACTED&grant_type=client_credentials",
		},
		{
			name:      "query",
			target:    "/oauth/token?grant_type=client_credentials&client_id=x&client_secret=hunter2",
			wantQuery: "client_id=x&client_secret=REDACTED&grant_type=client_credentials",
		},
		{
			name:      "query without a secret is kept as sent",
			target:    "/oauth/token?grant_type=client_credentials&client_id=x",
			wantQuery: "grant_type=client_credentials&client_id=x",
		},
		{
			name:   "multipart body hidden whole",
			target: "/oauth/token", ct: mw.FormDataContentType(),
			body: mp.String(), wantBody: Redacted,
		},
		{
			name:   "JSON body naming the secret hidden whole",
			target: "/oauth/token", ct: "application/json",
			body: `{"client_id":"x","client_secret":"hunter2"}`, wantBody: Redacted,
		},
		{
			name:   "body that is not a form hidden whole",
			target: "/oauth/token", ct: "text/plain",
			body: "secret=%zz hunter2", wantBody: Redacted,
		},
		{
			name:   "the other surface's token route too",
			target: "/agile/v1/token", ct: form,
			body:     "client_secret=hunter2&client_id=x&grant_type=client_credentials",
			wantBody: "client_id=x&client_secret=REDACTED&grant_type=client_credentials",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, options{})
			req := newReq("POST", tt.target, tt.body)
			if tt.ct != "" {
				req.Header.Set("Content-Type", tt.ct)
			}
			te.serve(t, req)
			e, ok := te.journal.Last()
			if !ok {
				t.Fatal("nothing journaled")
			}
			if string(e.Body) != tt.wantBody {
				t.Errorf("body journaled as %q; want %q", e.Body, tt.wantBody)
			}
			if e.Query != tt.wantQuery {
				t.Errorf("query journaled as %q; want %q", e.Query, tt.wantQuery)
			}
			if strings.Contains(fmt.Sprint(e), "hunter2") {
				t.Errorf("the secret is in the entry: %+v", e)
			}
			if e.Route != strings.SplitN(tt.target, "?", 2)[0] {
				t.Errorf("route %q", e.Route)
			}
		})
	}

	t.Run("other routes keep their bodies but not credential parameters", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{noAuth: true})
		body := "client_secret=visible"
		wantOK(t, te.do(t, "POST", "/v3/echo?client_secret=q&x=%41", body))
		e, _ := te.journal.Last()
		if string(e.Body) != body || e.Query != "client_secret=REDACTED&x=%41" {
			t.Errorf("entry body %q, query %q; want the body as sent and the query's secret hidden", e.Body, e.Query)
		}
	})

	t.Run("the issued token's client is journaled", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{})
		res := te.do(t, "POST", "/oauth/token?grant_type=client_credentials&client_id=cid", "")
		if res.status() != 200 {
			t.Fatalf("token: %d %s", res.status(), res.rec.Body)
		}
		if e, _ := te.journal.Last(); e.ClientID != "cid" {
			t.Errorf("ClientID %q; want cid", e.ClientID)
		}
	})
}

// TestJournalRedactHeaderWithoutScheme: an Authorization header without a
// scheme (a bare token) must not be journaled as sent.
func TestJournalRedactHeaderWithoutScheme(t *testing.T) {
	t.Parallel()
	j := NewJournal(1)
	req := newReq("GET", "/v3/accounts/1", "", "Authorization", "eyJhbGciOi.payload.sig")
	j.record(t0, &Call{Req: req}, &Response{Status: 401}, false)
	e, _ := j.Last()
	if got := e.Header.Get("Authorization"); strings.Contains(got, "payload") {
		t.Errorf("Authorization journaled as %q", got)
	}
}

// record journals n requests to GET /p/<i>, answered 200.
func recordN(j *Journal, from, n int) {
	for i := from; i < from+n; i++ {
		j.record(t0, &Call{Req: newReq("GET", fmt.Sprintf("/p/%d", i), "")}, &Response{Status: 200}, false)
	}
}

// TestJournalQueries checks Find, Count, Last and Len.
func TestJournalQueries(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{noAuth: true})
	for _, r := range []struct{ method, target string }{
		{"GET", "/v3/accounts/a"},
		{"PATCH", "/v3/accounts/a"},
		{"GET", "/v3/accounts/b"},
		{"GET", "/v3/sources"},
		{"GET", "/nowhere"},
		{"PATCH", "/v3/accounts/c"},
	} {
		te.do(t, r.method, r.target, "")
	}
	j := te.journal
	tests := []struct {
		method, path string
		seqs         []int
	}{
		{"", "", []int{1, 2, 3, 4, 5, 6}},
		{"GET", "", []int{1, 3, 4, 5}},
		{"patch", "", []int{2, 6}},
		{"", "/v3/accounts/{id}", []int{1, 2, 3, 6}},
		{"PATCH", "/v3/accounts/{id}", []int{2, 6}},
		{"", "/v3/accounts/a", []int{1, 2}},
		{"GET", "/v3/accounts/a", []int{1}},
		{"", "/nowhere", []int{5}},
		{"DELETE", "", nil},
		{"", "/v3/accounts/*", nil},
	}
	for _, tt := range tests {
		var got []int
		for _, e := range j.Find(tt.method, tt.path) {
			got = append(got, e.Seq)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.seqs) {
			t.Errorf("Find(%q, %q): seqs %v; want %v", tt.method, tt.path, got, tt.seqs)
		}
		if n := j.Count(tt.method, tt.path); n != len(tt.seqs) {
			t.Errorf("Count(%q, %q) = %d; want %d", tt.method, tt.path, n, len(tt.seqs))
		}
	}
	if e, ok := j.Last(); !ok || e.Seq != 6 || e.Path != "/v3/accounts/c" {
		t.Errorf("Last = %+v, %v", e, ok)
	}
	if n := j.Len(); n != 6 {
		t.Errorf("Len = %d", n)
	}
	if n := len(j.Entries()); n != 6 {
		t.Errorf("Entries: %d", n)
	}
}

// TestJournalLimit checks overflow, Dropped, and Clear.
func TestJournalLimit(t *testing.T) {
	t.Parallel()
	j := NewJournal(3)
	if _, ok := j.Last(); ok {
		t.Error("an empty journal has a Last")
	}
	recordN(j, 1, 5)
	if j.Len() != 3 || j.Dropped() != 2 {
		t.Errorf("Len %d, Dropped %d; want 3, 2", j.Len(), j.Dropped())
	}
	var seqs []string
	for _, e := range j.Entries() {
		seqs = append(seqs, fmt.Sprint(e.Seq, e.Path))
	}
	if got := strings.Join(seqs, ","); got != "3/p/3,4/p/4,5/p/5" {
		t.Errorf("entries %s; want the newest three, oldest first", got)
	}
	if n := j.Count("", "/p/1"); n != 0 {
		t.Errorf("a dropped entry is still found (%d)", n)
	}

	j.Clear()
	if j.Len() != 0 || j.Entries() != nil || j.Dropped() != 2 {
		t.Errorf("after Clear: Len %d, Entries %v, Dropped %d", j.Len(), j.Entries(), j.Dropped())
	}
	if _, ok := j.Last(); ok {
		t.Error("a cleared journal has a Last")
	}
	recordN(j, 6, 1)
	if e, ok := j.Last(); !ok || e.Seq != 6 || j.Len() != 1 {
		t.Errorf("after Clear, Last = %+v (Len %d); want Seq 6: numbering goes on", e, j.Len())
	}
	recordN(j, 7, 3)
	if j.Len() != 3 || j.Dropped() != 3 {
		t.Errorf("Len %d, Dropped %d; want 3, 3", j.Len(), j.Dropped())
	}
}

// TestJournalLimitZero checks that a journal of limit 0 keeps nothing.
func TestJournalLimitZero(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{journal: -1}) // NewJournal(-1) keeps none, like 0
	te.do(t, "GET", "/x", "")
	for _, j := range []*Journal{NewJournal(0), te.journal} {
		recordN(j, 1, 10)
		if j.Len() != 0 || j.Entries() != nil || j.Count("", "") != 0 {
			t.Errorf("Len %d, Entries %v; want nothing", j.Len(), j.Entries())
		}
		if _, ok := j.Last(); ok {
			t.Error("Last found an entry")
		}
	}
}

// TestJournalConcurrent checks that concurrent recording numbers every
// entry once (run with -race).
func TestJournalConcurrent(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{noAuth: true, journal: 10000})
	const workers, each = 8, 50
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				rec := te.serve(t, newReq("GET", fmt.Sprintf("/v3/accounts/%d-%d", w, i), ""))
				if rec.status() != http.StatusOK {
					t.Errorf("status %d", rec.status())
				}
				_ = te.journal.Count("GET", "/v3/accounts/{id}")
			}
		}()
	}
	wg.Wait()
	es := te.journal.Entries()
	if len(es) != workers*each {
		t.Fatalf("%d entries; want %d", len(es), workers*each)
	}
	paths := map[string]bool{}
	for i, e := range es {
		if e.Seq != i+1 {
			t.Fatalf("entry %d has Seq %d", i, e.Seq)
		}
		paths[e.Path] = true
	}
	if len(paths) != workers*each {
		t.Errorf("%d distinct paths; want %d", len(paths), workers*each)
	}
}

// TestRedactForm checks redactForm on its own.
func TestRedactForm(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"a=1&b=2", "a=1&b=2"},
		{"client_secret=s", "client_secret=REDACTED"},
		{"client_secret=s&client_secret=t", "client_secret=REDACTED"},
		{"CLIENT_SECRET=s", Redacted},         // names it some other way
		{"client_secret=s&bad=%zz", Redacted}, // does not parse
		{"bad=%zz", Redacted},
		{`{"a":1}`, `{"a":1}`},
	}
	for _, tt := range tests {
		if got := string(redactForm([]byte(tt.in))); got != tt.want {
			t.Errorf("redactForm(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if v, _ := url.ParseQuery(string(redactForm([]byte("x=%2B1&client_secret=a%26b")))); v.Get("x") != "+1" || v.Get("client_secret") != Redacted {
		t.Errorf("redaction lost the other parameters: %v", v)
	}
}
