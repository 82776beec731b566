package engine

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockisc/mockisc/internal/sim"
)

// TestTrackingIDs checks that every error gets a fresh tracking id from
// Config.RequestIDs, so a seed fixes them.
func TestTrackingIDs(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) []string {
		te := newEnv(t, options{seed: seed})
		var ids []string
		for range 3 {
			ids = append(ids, wantError(t, te.do(t, "GET", "/v3/accounts/1", ""), "A", http.StatusUnauthorized, "").Tracking)
		}
		ids = append(ids, wantError(t, te.do(t, "GET", "/nowhere", ""), "A", http.StatusNotFound, "").Tracking)
		return ids
	}
	a, b, c := run(7), run(7), run(8)
	seen := map[string]bool{}
	for i := range a {
		if seen[a[i]] {
			t.Errorf("tracking id %s repeats", a[i])
		}
		seen[a[i]] = true
		if a[i] != b[i] {
			t.Errorf("error %d: tracking %s and %s under the same seed", i, a[i], b[i])
		}
		if a[i] == c[i] {
			t.Errorf("error %d: tracking %s under two seeds", i, a[i])
		}
	}
}

// TestEnvelopeSeesCall checks that the envelope gets the call: its route
// for a routed error, none for an unrouted one.
func TestEnvelopeSeesCall(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.do(t, "GET", "/v3/accounts/1", "")
	te.do(t, "GET", "/nowhere", "")
	calls := te.envA.seen()
	if len(calls) != 2 {
		t.Fatalf("envelope A rendered %d errors; want 2", len(calls))
	}
	if calls[0].Route == nil || calls[0].Route.Pattern != "/v3/accounts/{id}" || calls[0].Route.Surface.Name != "A" {
		t.Errorf("routed error's call has route %+v", calls[0].Route)
	}
	if calls[1].Route != nil || calls[1].Req.URL.Path != "/nowhere" {
		t.Errorf("unrouted error's call has route %+v, path %s", calls[1].Route, calls[1].Req.URL.Path)
	}
	if n := len(te.envB.seen()) + len(te.envC.seen()) + len(te.envD.seen()); n != 0 {
		t.Errorf("other envelopes rendered %d errors", n)
	}
}

// TestResponses checks how handler responses are written.
func TestResponses(t *testing.T) {
	t.Parallel()
	clock := sim.NewClock(false, t0)
	ids := sim.NewRand(1)
	e := New(Config{
		Clock: clock, RequestIDs: ids, Rules: sim.NewRules(ids), Limiter: sim.NewLimiter(sim.RateLimit{}),
		Delay: sim.NewDelay(sim.Latency{}, ids), Journal: NewJournal(10),
		Tokens: NewTokens(TokenConfig{}, clock, ids), MaxBody: 10,
	})
	env := &recEnvelope{name: "X"}
	e.Mount(&Surface{Name: "X", Envelope: env},
		&Route{Method: "GET", Pattern: "/json", Handle: func(*Call) *Response { return JSON(201, map[string]string{"a": "<b>"}) }},
		&Route{Method: "GET", Pattern: "/none", Handle: func(*Call) *Response { return &Response{Status: 204} }},
		&Route{Method: "GET", Pattern: "/text", Handle: func(*Call) *Response {
			r := Raw(200, []byte("hi"))
			r.SetHeader("content-type", "text/plain")
			r.SetHeader("X-Multi", "1")
			return r
		}},
		&Route{Method: "GET", Pattern: "/fail", Handle: func(*Call) *Response { return Fail(409, "conflict", "%s is %d", "x", 3) }},
		&Route{Method: "GET", Pattern: "/both", Handle: func(*Call) *Response {
			return &Response{Status: 400, Body: []byte(`{"own":true}`), Err: &Error{Status: 400, Text: "unused"}}
		}},
	)
	tests := []struct {
		path, body, ct string
		status         int
	}{
		{"/json", `{"a":"<b>"}`, "application/json", 201},
		{"/none", "", "", 204},
		{"/text", "hi", "text/plain", 200},
		{"/fail", `{"surface":"X","status":409,"code":"conflict","text":"x is 3",`, "application/json", 409},
		{"/both", `{"own":true}`, "application/json", 400},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) || rec.Header().Get("Content-Type") != tt.ct {
			t.Errorf("GET %s: %d %q %q; want %d %q %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), rec.Body, tt.status, tt.ct, tt.body)
		}
		if tt.body == "" && rec.Body.Len() != 0 {
			t.Errorf("GET %s: body %q; want none", tt.path, rec.Body)
		}
	}
	if len(env.seen()) != 1 {
		t.Errorf("envelope rendered %d bodies; want 1 (a body set by the handler wins over Err)", len(env.seen()))
	}
}
