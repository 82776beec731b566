package engine

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// TestPipelineOrder pins each step of the pipeline against the one after
// it: one case per ordering decision.
func TestPipelineOrder(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", maxBody+1)
	tests := []struct {
		name   string
		opts   options
		setup  func(t *testing.T, te *testEnv) []string // rules etc.; returns request headers
		method string
		target string
		body   string
		chunk  bool // send the body with an unknown length
		status int
		code   string
		text   []string
		check  func(t *testing.T, te *testEnv, res result)
	}{
		{
			name: "413 before authentication and before the fault rules",
			setup: func(t *testing.T, te *testEnv) []string {
				te.addRule(t, sim.Fault{Status: http.StatusServiceUnavailable})
				return nil // no token
			},
			method: "POST", target: "/v3/echo", body: big,
			status: http.StatusRequestEntityTooLarge,
			text:   []string{fmt.Sprintf("request body of %d bytes exceeds the limit of %d bytes", maxBody+1, maxBody)},
			check: func(t *testing.T, te *testEnv, res result) {
				if f := te.rules.List()[0]; f.Seen != 0 {
					t.Errorf("the rule saw %d calls; the 413 comes before the simulation", f.Seen)
				}
			},
		},
		{
			name:   "413 for a body of unknown length past the cap",
			setup:  func(t *testing.T, te *testEnv) []string { return nil },
			method: "POST", target: "/v3/echo", body: big, chunk: true,
			status: http.StatusRequestEntityTooLarge,
			text:   []string{fmt.Sprintf("request body exceeds the limit of %d bytes", maxBody)},
		},
		{
			name:   "a body at the cap passes",
			setup:  func(t *testing.T, te *testEnv) []string { return bearer(te.issue(t, []string{scopeRead})) },
			method: "POST", target: "/v3/echo", body: big[1:], chunk: true,
			status: http.StatusOK,
			check: func(t *testing.T, te *testEnv, res result) {
				if got := res.echo(t).Body; got != big[1:] {
					t.Errorf("handler saw body %q", got)
				}
			},
		},
		{
			name:   "401 without a token",
			setup:  func(t *testing.T, te *testEnv) []string { return nil },
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusUnauthorized, text: []string{TextNoToken},
		},
		{
			name:   "401 for a scheme other than Bearer",
			setup:  func(t *testing.T, te *testEnv) []string { return []string{"Authorization", "Basic dXNlcjpwYXNz"} },
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusUnauthorized, text: []string{TextNoToken},
		},
		{
			name:   "401 for an empty bearer token",
			setup:  func(t *testing.T, te *testEnv) []string { return []string{"Authorization", "Bearer   "} },
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusUnauthorized, text: []string{TextNoToken},
		},
		{
			name:   "401 for a token the server did not issue",
			setup:  func(t *testing.T, te *testEnv) []string { return []string{"Authorization", "Bearer a.b.c"} },
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusUnauthorized, text: []string{TextBadToken},
		},
		{
			name: "the bearer scheme is case-insensitive",
			setup: func(t *testing.T, te *testEnv) []string {
				return []string{"Authorization", "bearer " + te.issue(t, []string{scopeRead}).Value}
			},
			method: "GET", target: "/v3/accounts/1", status: http.StatusOK,
		},
		{
			name: "a fault rule's status answers instead of the 401",
			setup: func(t *testing.T, te *testEnv) []string {
				te.addRule(t, sim.Fault{Path: "/v3/accounts/{id}", Status: http.StatusServiceUnavailable})
				return nil
			},
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusServiceUnavailable, text: []string{FaultText(http.StatusServiceUnavailable)},
		},
		{
			name: "a fault rule that lets the call through fires, then the 401",
			setup: func(t *testing.T, te *testEnv) []string {
				te.addRule(t, sim.Fault{Headers: map[string]string{"X-Fault": "1"}})
				return nil
			},
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusUnauthorized, text: []string{TextNoToken},
			check: func(t *testing.T, te *testEnv, res result) {
				if f := te.rules.List()[0]; f.Seen != 1 || f.Fired != 1 {
					t.Errorf("rule seen %d, fired %d; want 1, 1: the rules run before the 401", f.Seen, f.Fired)
				}
			},
		},
		{
			name:   "a public route needs no token",
			setup:  func(t *testing.T, te *testEnv) []string { return nil },
			method: "GET", target: "/public/ping", status: http.StatusOK,
		},
		{
			name:   "a public route ignores a bad token",
			setup:  func(t *testing.T, te *testEnv) []string { return []string{"Authorization", "Bearer nonsense"} },
			method: "GET", target: "/public/ping", status: http.StatusOK,
		},
		{
			name:   "Auth off skips authentication",
			opts:   options{noAuth: true},
			setup:  func(t *testing.T, te *testEnv) []string { return []string{"Authorization", "Bearer nonsense"} },
			method: "GET", target: "/v3/accounts/1", status: http.StatusOK,
		},
		{
			name:   "Auth off skips scopes and user levels",
			opts:   options{noAuth: true},
			setup:  func(t *testing.T, te *testEnv) []string { return nil },
			method: "GET", target: "/v3/admin-only", status: http.StatusOK,
		},
		{
			name:   "403 for a missing scope names the route and the token's scopes",
			setup:  func(t *testing.T, te *testEnv) []string { return bearer(te.issue(t, []string{"other:a", "other:b"})) },
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusForbidden,
			text:   []string{"GET /v3/accounts/{id} needs one of the scopes idn:accounts:read, idn:accounts:manage; the token has other:a, other:b"},
		},
		{
			name:   "403 for a missing AlsoScopes scope",
			setup:  func(t *testing.T, te *testEnv) []string { return bearer(te.issue(t, []string{scopeSources})) },
			method: "GET", target: "/v3/sources",
			status: http.StatusForbidden,
			text:   []string{"GET /v3/sources also needs one of the scopes", scopeTenant, "idn:tenant:manage", "the token has " + scopeSources},
		},
		{
			name: "both scope lists satisfied",
			setup: func(t *testing.T, te *testEnv) []string {
				return bearer(te.issue(t, []string{scopeSources, "idn:tenant:manage"}))
			},
			method: "GET", target: "/v3/sources", status: http.StatusOK,
		},
		{
			name:   "403 for a missing user level names the route and the token's levels",
			setup:  func(t *testing.T, te *testEnv) []string { return bearer(te.issue(t, []string{scopeRead}, levelHelp)) },
			method: "GET", target: "/v3/admin-only",
			status: http.StatusForbidden,
			text:   []string{"GET /v3/admin-only needs one of the user levels ORG_ADMIN; the token has HELPDESK"},
		},
		{
			name: "a user level passes",
			setup: func(t *testing.T, te *testEnv) []string {
				return bearer(te.issue(t, []string{scopeRead}, levelHelp, levelAdmin))
			},
			method: "GET", target: "/v3/admin-only", status: http.StatusOK,
		},
		{
			name:   "Levels nil: no user-level check",
			setup:  func(t *testing.T, te *testEnv) []string { return bearer(te.issue(t, []string{scopeRead})) },
			method: "GET", target: "/v3/accounts/1", status: http.StatusOK,
		},
		{
			name:   "sp:scopes:all grants every scope list",
			setup:  func(t *testing.T, te *testEnv) []string { return bearer(te.issue(t, []string{ScopeAll})) },
			method: "GET", target: "/v3/sources", status: http.StatusOK,
		},
		{
			name: "an expired token is refused once the clock reaches Expires",
			setup: func(t *testing.T, te *testEnv) []string {
				tok := te.issue(t, []string{scopeRead})
				te.clock.Set(tok.Expires)
				return bearer(tok)
			},
			method: "GET", target: "/v3/accounts/1",
			status: http.StatusUnauthorized, text: []string{TextExpiredToken},
		},
		{
			name: "a token is valid until just before Expires",
			setup: func(t *testing.T, te *testEnv) []string {
				tok := te.issue(t, []string{scopeRead})
				te.clock.Set(tok.Expires.Add(-time.Nanosecond))
				return bearer(tok)
			},
			method: "GET", target: "/v3/accounts/1", status: http.StatusOK,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, tt.opts)
			req := newReq(tt.method, tt.target, tt.body, tt.setup(t, te)...)
			if tt.chunk {
				req.ContentLength = -1
				req.Body = io.NopCloser(strings.NewReader(tt.body))
			}
			res := te.serve(t, req)
			if tt.status == http.StatusOK {
				if got := wantOK(t, res).Route; got != te.e.Match(tt.method, tt.target).Pattern {
					t.Errorf("answered by %s", got)
				}
			} else {
				wantError(t, res, "A", tt.status, tt.code, tt.text...)
				if n := len(te.handledCalls()); n != 0 {
					t.Errorf("the handler ran %d times on a refused call", n)
				}
			}
			if tt.check != nil {
				tt.check(t, te, res)
			}
		})
	}
}

// TestLatencyBeforeUnauthorized checks that the global latency and a
// rule's latency are slept before the held-back 401 is sent.
func TestLatencyBeforeUnauthorized(t *testing.T) {
	t.Parallel()
	const d = 60 * time.Millisecond
	tests := []struct {
		name string
		opts options
		rule *sim.Fault
	}{
		{"global latency", options{latency: sim.Latency{Min: d}}, nil},
		{"rule latency", options{}, &sim.Fault{Path: "/v3/accounts/{id}", Latency: d}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, tt.opts)
			if tt.rule != nil {
				te.addRule(t, *tt.rule)
			}
			start := time.Now()
			res := te.do(t, "GET", "/v3/accounts/1", "")
			if el := time.Since(start); el < d {
				t.Errorf("401 after %v; want at least %v of latency first", el, d)
			}
			wantError(t, res, "A", http.StatusUnauthorized, "", TextNoToken)

			// A request whose context ends during the latency is dropped,
			// not answered 401: the latency comes first.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			res = te.serve(t, newReq("GET", "/v3/accounts/1", "").WithContext(ctx))
			if !res.aborted {
				t.Fatalf("a request cancelled during the latency got %d; want the connection dropped", res.status())
			}
			if e, _ := te.journal.Last(); e.Status != 0 || e.Route != "/v3/accounts/{id}" {
				t.Errorf("journal entry %+v; want status 0 on the route", e)
			}
		})
	}

	t.Run("no latency: a cancelled request still gets its 401", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res := te.serve(t, newReq("GET", "/v3/accounts/1", "").WithContext(ctx))
		wantError(t, res, "A", http.StatusUnauthorized, "", TextNoToken)
	})
}

// TestRateLimit checks the limiter's 429 and what it counts.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	lim := sim.RateLimit{Limit: 2, Window: 10 * time.Second}

	t.Run("third call refused with Retry-After, buckets per API", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{limit: lim})
		h := bearer(te.issue(t, []string{scopeRead}))
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
		wantOK(t, te.do(t, "GET", "/v3/accounts/2", "", h...))
		res := te.do(t, "GET", "/v3/accounts/3", "", h...)
		wantError(t, res, "A", http.StatusTooManyRequests, "", TextRateLimited)
		if b := res.env(t); b.Text != TextRateLimited {
			t.Errorf("text %q; want exactly %q", b.Text, TextRateLimited)
		}
		if got := res.rec.Header().Get("Retry-After"); got != "10" {
			t.Errorf("Retry-After %q; want 10 (the first call leaves the window in 10s)", got)
		}
		// Another API's bucket is separate.
		wantOK(t, te.do(t, "GET", "/beta/accounts", "", h...))
		wantOK(t, te.do(t, "GET", "/beta/accounts", "", h...))
		wantError(t, te.do(t, "GET", "/beta/accounts", "", h...), "A", http.StatusTooManyRequests, "")
		// So is another client's.
		h2 := bearer(te.issue(t, []string{scopeRead}))
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h2...))
		// The window slides on the server clock: 9s on, 1s to go.
		te.clock.Advance(9 * time.Second)
		res = te.do(t, "GET", "/v3/accounts/1", "", h...)
		wantError(t, res, "A", http.StatusTooManyRequests, "")
		if got := res.rec.Header().Get("Retry-After"); got != "1" {
			t.Errorf("Retry-After %q; want 1", got)
		}
		te.clock.Advance(time.Second)
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
		if n := len(te.handledCalls()); n != 6 {
			t.Errorf("handler ran %d times; want 6", n)
		}
	})

	t.Run("unauthenticated calls are not counted", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{limit: lim})
		tok := te.issue(t, []string{scopeRead})
		expired := te.issue(t, []string{scopeRead})
		expired.Expires = t0 // expired at once; the table holds the pointer
		for _, h := range [][]string{nil, {"Authorization", "Bearer bogus"}, bearer(expired), nil} {
			wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", http.StatusUnauthorized, "")
		}
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", bearer(tok)...))
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", bearer(tok)...))
		wantError(t, te.do(t, "GET", "/v3/accounts/1", "", bearer(tok)...), "A", http.StatusTooManyRequests, "")
	})

	t.Run("a call refused by a fault rule is not counted", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{limit: lim})
		te.addRule(t, sim.Fault{Status: http.StatusInternalServerError, Times: 3})
		h := bearer(te.issue(t, []string{scopeRead}))
		for range 3 {
			wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", http.StatusInternalServerError, "")
		}
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
	})

	t.Run("routes with API empty and public routes are never limited", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{limit: lim})
		h := bearer(te.issue(t, []string{scopeRead}))
		for i := range 5 {
			if res := te.do(t, "GET", "/v3/unlimited", "", h...); res.status() != http.StatusOK {
				t.Fatalf("API \"\" call %d: %d", i+1, res.status())
			}
			if res := te.do(t, "GET", "/public/ping", "", h...); res.status() != http.StatusOK {
				t.Fatalf("public call %d: %d", i+1, res.status())
			}
			if res := te.do(t, "POST", "/oauth/token?grant_type=client_credentials&client_id=x", ""); res.status() != http.StatusOK {
				t.Fatalf("token call %d: %d %s", i+1, res.status(), res.rec.Body)
			}
		}
		// None of them used the v3 bucket.
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
		wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
		wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", http.StatusTooManyRequests, "")
	})

	t.Run("the 429 comes before authorization", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{limit: lim})
		h := bearer(te.issue(t, []string{"other:scope"}))
		wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", http.StatusForbidden, "")
		wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", http.StatusForbidden, "")
		wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", http.StatusTooManyRequests, "")
	})
}
