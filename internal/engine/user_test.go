package engine

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockisc/mockisc/internal/sim"
)

// TestUserContextAndExperimental: a token without a user (an API
// client's) passes a route with neither user levels nor UserOnly, and is
// refused by each of those with a 403 naming the client; an Experimental
// route without "X-SailPoint-Experimental: true" answers the 400, held
// back like a 401: after the fault rules, before the rate limiter counts
// the call.
func TestUserContextAndExperimental(t *testing.T) {
	t.Parallel()
	clock := sim.NewClock(false, t0)
	ids := sim.NewRand(1)
	limiter := sim.NewLimiter(sim.RateLimit{Limit: 1, Window: 10e9})
	tokens := NewTokens(TokenConfig{TTL: tokenTTL, Clients: map[string]Client{
		"api": {ID: "api", Scopes: []string{ScopeAll}, NoUser: true},
		"pat": {ID: "pat", Scopes: []string{ScopeAll}, Authorities: []string{levelAdmin}},
	}}, clock, ids)
	e := New(Config{Clock: clock, RequestIDs: ids, Rules: sim.NewRules(ids), Limiter: limiter,
		Delay: sim.NewDelay(sim.Latency{}, ids), Journal: NewJournal(10), Tokens: tokens, Auth: true, MaxBody: 1024})
	ok := func(*Call) *Response { return JSON(http.StatusOK, "ok") }
	env := &recEnvelope{name: "A"}
	e.Mount(&Surface{Name: "A", Envelope: env},
		&Route{Method: "GET", Pattern: "/open", Scopes: []string{"x"}, Handle: ok},
		&Route{Method: "GET", Pattern: "/user-only", Scopes: []string{"x"}, UserOnly: true, Handle: ok},
		&Route{Method: "GET", Pattern: "/levels", Scopes: []string{"x"}, Levels: []string{levelAdmin}, Handle: ok},
		&Route{Method: "GET", Pattern: "/exp", API: "v", Scopes: []string{"x"}, Experimental: true, Handle: ok},
	)
	token := func(id string) string {
		tok, err := tokens.Issue(id, "", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tok.Value
	}
	api, pat := token("api"), token("pat")
	do := func(path, tok string, hdr ...string) (int, string) {
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
	for _, tt := range []struct {
		path, tok string
		status    int
		text      string
	}{
		{"/open", api, 200, ""},
		{"/user-only", api, 403, `needs a user context (a personal access token); client \"api\" is an API client`},
		{"/levels", api, 403, `needs a user context (one of the user levels ORG_ADMIN); client \"api\" is an API client`},
		{"/open", pat, 200, ""},
		{"/user-only", pat, 200, ""},
		{"/levels", pat, 200, ""},
	} {
		status, body := do(tt.path, tt.tok)
		if status != tt.status || !strings.Contains(body, tt.text) {
			t.Errorf("GET %s as %s: %d %s, want %d with %q", tt.path, tt.tok[:6], status, body, tt.status, tt.text)
		}
	}
	// Without the header: 400, and the limiter (1 per window) has not
	// counted it, so the call with the header still gets through.
	if status, body := do("/exp", pat); status != 400 || !strings.Contains(body, TextExperimental) || !strings.Contains(body, CodeExperimental) {
		t.Errorf("experimental route without the header: %d %s", status, body)
	}
	if status, body := do("/exp", pat, "X-SailPoint-Experimental", "True"); status != 200 {
		t.Errorf("experimental route with the header: %d %s", status, body)
	}
	if status, _ := do("/exp", pat, "X-SailPoint-Experimental", "true"); status != http.StatusTooManyRequests {
		t.Errorf("the second call with the header: %d, want 429 (limit 1)", status)
	}
	// No token: the 401 comes first.
	if status, _ := do("/exp", "nope"); status != http.StatusUnauthorized {
		t.Errorf("experimental route without a valid token: %d, want 401", status)
	}
}

// TestAnyScope: a route whose Scopes is empty but not nil (an operation
// whose security names no scope) takes any valid token, whatever its
// scopes, and still answers 401 without one; a nil Scopes is public.
func TestAnyScope(t *testing.T) {
	t.Parallel()
	clock := sim.NewClock(false, t0)
	ids := sim.NewRand(1)
	tokens := NewTokens(TokenConfig{TTL: tokenTTL, Clients: map[string]Client{
		"narrow": {ID: "narrow", Scopes: []string{"idn:accounts:read"}, Authorities: []string{levelAdmin}},
	}}, clock, ids)
	e := New(Config{Clock: clock, RequestIDs: ids, Rules: sim.NewRules(ids), Limiter: sim.NewLimiter(sim.RateLimit{}),
		Delay: sim.NewDelay(sim.Latency{}, ids), Journal: NewJournal(10), Tokens: tokens, Auth: true, MaxBody: 1024})
	ok := func(*Call) *Response { return JSON(http.StatusOK, "ok") }
	e.Mount(&Surface{Name: "A", Envelope: &recEnvelope{name: "A"}},
		&Route{Method: "GET", Pattern: "/any", Scopes: []string{}, Handle: ok},
		&Route{Method: "GET", Pattern: "/some", Scopes: []string{"idn:sources:read"}, Handle: ok},
	)
	tok, err := tokens.Issue("narrow", "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, auth string
		status     int
	}{
		{"/any", "Bearer " + tok.Value, http.StatusOK},
		{"/any", "", http.StatusUnauthorized},
		{"/some", "Bearer " + tok.Value, http.StatusForbidden},
	} {
		r := httptest.NewRequest("GET", tt.path, nil)
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != tt.status {
			t.Errorf("GET %s (token %v): %d %s, want %d", tt.path, tt.auth != "", w.Code, w.Body, tt.status)
		}
	}
}
