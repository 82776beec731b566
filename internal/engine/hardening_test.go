package engine

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// panicEngine is an engine with a pipeline route and a Direct route that
// panic, logging to log.
func panicEngine(log *bytes.Buffer) *Engine {
	clock := sim.NewClock(false, t0)
	ids := sim.NewRand(1)
	e := New(Config{
		Clock: clock, RequestIDs: ids, Rules: sim.NewRules(ids), Limiter: sim.NewLimiter(sim.RateLimit{}),
		Delay: sim.NewDelay(sim.Latency{}, ids), Journal: NewJournal(10), Tokens: NewTokens(TokenConfig{}, clock, ids),
		MaxBody: 100, Logger: slog.New(slog.NewTextHandler(log, nil)),
	})
	e.Mount(&Surface{Name: "A", Envelope: &recEnvelope{name: "A"}},
		&Route{Method: "GET", Pattern: "/boom/{id}", Handle: func(*Call) *Response { panic("kaboom") }},
		&Route{Method: "GET", Pattern: "/drop", Handle: func(*Call) *Response { panic(http.ErrAbortHandler) }},
	)
	e.Mount(&Surface{Name: "D", Prefixes: []string{"/admin/"}, Direct: true, Envelope: &recEnvelope{name: "D"}},
		&Route{Method: "GET", Pattern: "/admin/boom", Serve: func(http.ResponseWriter, *http.Request) { panic("direct kaboom") }},
	)
	return e
}

// TestHandlerPanics: a panicking handler answers 500 in its surface's
// envelope, is logged at error level with its route, counted, and
// journaled; the engine keeps serving. A deliberate abort still drops.
func TestHandlerPanics(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	e := panicEngine(&log)
	te := &testEnv{e: e, journal: e.cfg.Journal}
	res := te.do(t, "GET", "/boom/7", "")
	b := wantError(t, res, "A", http.StatusInternalServerError, "", "GET /boom/{id}", "kaboom")
	if b.Route != "/boom/{id}" {
		t.Errorf("envelope route %q", b.Route)
	}
	res = te.do(t, "GET", "/admin/boom", "")
	wantError(t, res, "D", http.StatusInternalServerError, "", "GET /admin/boom", "direct kaboom")
	if res := te.do(t, "GET", "/drop", ""); !res.aborted {
		t.Errorf("an ErrAbortHandler panic answered %d; want a dropped connection", res.status())
	}
	if n := e.Panics(); n != 2 {
		t.Errorf("Panics() = %d; want 2", n)
	}
	out := log.String()
	for _, want := range []string{"level=ERROR", `msg="handler panic"`, `route="GET /boom/{id}"`, "path=/boom/7", "panic=kaboom", `route="GET /admin/boom"`, "stack="} {
		if !strings.Contains(out, want) {
			t.Errorf("log does not contain %q:\n%s", want, out)
		}
	}
	if es := e.cfg.Journal.Find("GET", "/boom/{id}"); len(es) != 1 || es[0].Status != 500 {
		t.Errorf("journal: %+v", es)
	}
}

// TestBadQueryEncoding: a query that is not validly percent-encoded is a
// 400 naming the parameter, after authentication and before the handler.
func TestBadQueryEncoding(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	tok := te.issue(t, []string{scopeRead})
	for _, tc := range []struct{ target, name string }{
		{"/v3/accounts/a1?filters=%zz", "filters"},
		{"/v3/accounts/a1?limit=1&sorters=name%", "sorters"},
		{"/v3/accounts/a1?a%zz=1", "a%zz"},
		{"/v3/accounts/a1?ok=1&Filters=%E0%A4%A", "Filters"},
	} {
		res := te.do(t, "GET", tc.target, "", bearer(tok)...)
		wantError(t, res, "A", http.StatusBadRequest, CodeBadQuery, `query parameter "`+tc.name+`"`, "invalid URL escape")
	}
	if n := len(te.handledCalls()); n != 0 {
		t.Errorf("the handler ran %d times", n)
	}
	// Without a token the 401 comes first.
	res := te.do(t, "GET", "/v3/accounts/a1?filters=%zz", "")
	wantError(t, res, "A", http.StatusUnauthorized, "")
	// Semicolons and empty pairs are not encoding errors.
	wantOK(t, te.do(t, "GET", "/v3/accounts/a1?Filters=Id%20In%201;2&&x=", "", bearer(tok)...))
	// A token endpoint reports it as a grant error.
	_, _, gerr := ClientCredentials(&Call{Req: newReq("POST", "/oauth/token?grant_type=client_credentials&client_id=%zz", "")})
	if gerr == nil || gerr.Code != "invalid_request" || !strings.Contains(gerr.Msg, `"client_id"`) {
		t.Errorf("ClientCredentials with a bad query: %+v", gerr)
	}
}

// TestTokensForgetExpiredAndBound: expired tokens go at the next issue,
// the table never holds more than Max, and a forgotten expired token is
// still "expired".
func TestTokensForgetExpiredAndBound(t *testing.T) {
	t.Parallel()
	clock := sim.NewClock(false, t0)
	ts := NewTokens(TokenConfig{TTL: time.Minute, Max: 100}, clock, sim.NewRand(1))
	first, _ := ts.Issue("a", "", []string{scopeRead}, nil)
	for range 49 {
		_, _ = ts.Issue("a", "", nil, nil)
	}
	clock.Advance(2 * time.Minute)
	live, _ := ts.Issue("b", "", nil, nil)
	if st := ts.Stats(); st.Held != 1 || st.Expired != 50 {
		t.Errorf("after expiry: %+v; want 1 held, 50 expired", st)
	}
	for range 1000 {
		_, _ = ts.Issue("c", "", nil, nil)
	}
	if st := ts.Stats(); st.Held != 100 || st.Evicted != 901 {
		t.Errorf("after 1000 more: %+v; want 100 held, 901 evicted", st)
	}
	if ts.Lookup(live.Value) != nil {
		t.Error("the oldest live token is still known past the bound")
	}
	id, exp, ok := Forgotten(first.Value)
	if !ok || id != "a" || exp.After(clock.Now()) {
		t.Errorf("Forgotten(first) = %q, %v, %v", id, exp, ok)
	}

	te := newEnv(t, options{})
	old := te.issue(t, []string{scopeRead})
	te.clock.Advance(time.Hour)
	te.issue(t, []string{scopeRead}) // forgets old
	if te.tokens.Lookup(old.Value) != nil {
		t.Fatal("an expired token was not forgotten")
	}
	wantError(t, te.do(t, "GET", "/v3/accounts/a1", "", bearer(old)...), "A", http.StatusUnauthorized, "", TextExpiredToken)
	if e, _ := te.journal.Last(); e.ClientID != old.ClientID {
		t.Errorf("journaled client %q; want %q", e.ClientID, old.ClientID)
	}
	wantError(t, te.do(t, "GET", "/v3/accounts/a1", "", "Authorization", "Bearer x.eyJleHAiOjF9.y"), "A", http.StatusUnauthorized, "", TextExpiredToken)
	wantError(t, te.do(t, "GET", "/v3/accounts/a1", "", "Authorization", "Bearer nonsense"), "A", http.StatusUnauthorized, "", TextBadToken)
}
