package engine

import (
	"net/http"
	"strings"
	"testing"
)

// TestUnrouted checks the 404 and 405 of requests no route matches, in the
// envelope of the surface owning the path.
func TestUnrouted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, target string
		surface        string
		status         int
		text           string
		allow          string
	}{
		{"GET", "/x", "A", 404, "no API operation matches GET /x", ""},
		{"POST", "/v3/nothing/here", "A", 404, "no API operation matches POST /v3/nothing/here", ""},
		{"GET", "/agile/v1/nope", "B", 404, "no AgileNow operation matches GET /agile/v1/nope", ""},
		{"GET", "/agile/", "B", 404, "no AgileNow operation matches GET /agile/", ""},
		{"GET", "/agile", "A", 404, "no API operation matches GET /agile", ""}, // no trailing slash: not B's prefix
		{"GET", "/agile/v2/x", "C", 404, "no API operation matches GET /agile/v2/x", ""},
		{"DELETE", "/v3/accounts/1", "A", 405, "method DELETE is not allowed on /v3/accounts/1; allowed: GET, PATCH", "GET, PATCH"},
		{"PUT", "/v3/accounts/1/enable", "A", 405, "method PUT is not allowed on /v3/accounts/1/enable; allowed: POST", "POST"},
		{"OPTIONS", "/multi", "A", 405, "allowed: GET, POST, PUT, PATCH, DELETE", "GET, POST, PUT, PATCH, DELETE"},
		{"POST", "/agile/v1/items/7", "B", 405, "method POST is not allowed on /agile/v1/items/7; allowed: GET", "GET"},
		{"GET", "/agile/v1/token", "B", 405, "allowed: POST", "POST"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, options{})
			res := te.do(t, tt.method, tt.target, "")
			b := wantError(t, res, tt.surface, tt.status, "")
			if b.Text != tt.text && !(tt.status == 405 && strings.Contains(b.Text, tt.text)) {
				t.Errorf("text %q; want %q", b.Text, tt.text)
			}
			if got := res.rec.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q; want %q", got, tt.allow)
			}
			if b.Route != "" {
				t.Errorf("envelope saw route %q", b.Route)
			}
			e, ok := te.journal.Last()
			if !ok || e.Status != tt.status || e.Route != "" || e.Path != tt.target || e.Method != tt.method {
				t.Errorf("journal entry %+v", e)
			}
			if n := len(te.handledCalls()); n != 0 {
				t.Errorf("handler ran %d times", n)
			}
		})
	}
}

// TestUnroutedSkipsPipeline checks that an unrouted request meets no rule,
// token check or rate limit.
func TestUnroutedSkipsPipeline(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.addRule(t, ruleStatus(503))
	wantError(t, te.do(t, "GET", "/x", "", "Authorization", "Bearer bogus"), "A", 404, "")
	if f := te.rules.List()[0]; f.Seen != 0 {
		t.Errorf("the rule saw %d unrouted calls", f.Seen)
	}
}

// TestPathValues checks that routed requests carry their path values.
func TestPathValues(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{noAuth: true})
	for _, id := range []string{"abc123", "2c9180835d2e5168015d32f890ca1581", "with%20space"} {
		want := id
		if id == "with%20space" {
			want = "with space"
		}
		if got := wantOK(t, te.do(t, "GET", "/v3/accounts/"+id, "")).ID; got != want {
			t.Errorf("GET /v3/accounts/%s: handler read id %q; want %q", id, got, want)
		}
	}
	if got := wantOK(t, te.do(t, "GET", "/agile/v1/items/xyz", "")).ID; got != "xyz" {
		t.Errorf("id %q; want xyz", got)
	}
	if m := te.e.Match("GET", "/v3/accounts/q"); m == nil || m.Pattern != "/v3/accounts/{id}" || m.Surface.Name != "A" {
		t.Errorf("Match: %+v", m)
	}
	if m := te.e.Match("DELETE", "/v3/accounts/q"); m != nil {
		t.Errorf("Match(DELETE): %+v; want nil", m)
	}
	if m := te.e.Match("GET", "%zz"); m != nil {
		t.Errorf("Match of a bad URL: %+v; want nil", m)
	}
	if m := te.e.Match("HEAD", "/v3/accounts/q"); m == nil || m.Method != "GET" {
		t.Errorf("Match(HEAD): %+v; want the GET route", m)
	}
}

// TestDirectSurface checks a Direct surface: its Guard runs first for its
// routes and its unrouted requests, nothing of it is journaled, and its
// routes get path values and no pipeline.
func TestDirectSurface(t *testing.T) {
	t.Parallel()
	key := []string{guardHeader, guardKey}
	tests := []struct {
		name   string
		target string
		header []string
		status int
		body   string
		served int
	}{
		{"routed, guard passes", "/admin/items/42", key, 200, "direct 42", 1},
		{"routed, guard refuses", "/admin/items/42", nil, 403, "guard says no\n", 0},
		{"unrouted, guard refuses", "/admin/nothing", nil, 403, "guard says no\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, options{limit: rateLimitOne()})
			te.addRule(t, ruleStatus(503))
			res := te.do(t, "GET", tt.target, "", tt.header...)
			if res.status() != tt.status || res.rec.Body.String() != tt.body {
				t.Errorf("got %d %q; want %d %q", res.status(), res.rec.Body, tt.status, tt.body)
			}
			if n := te.directCalls(); n != tt.served {
				t.Errorf("Serve ran %d times; want %d", n, tt.served)
			}
			if n := te.journal.Len(); n != 0 {
				t.Errorf("journal holds %d entries; want none for a Direct surface", n)
			}
			if f := te.rules.List()[0]; f.Seen != 0 {
				t.Errorf("a fault rule saw %d Direct calls", f.Seen)
			}
		})
	}

	t.Run("unrouted, guard passes: 404 in D's envelope", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{})
		res := te.do(t, "GET", "/admin/nothing", "", key...)
		wantError(t, res, "D", 404, "", "no API operation matches GET /admin/nothing")
		res = te.do(t, "POST", "/admin/items/1", "", key...)
		wantError(t, res, "D", 405, "", "allowed: GET")
		if res.rec.Header().Get("Allow") != "GET" {
			t.Errorf("Allow %q", res.rec.Header().Get("Allow"))
		}
		if n := te.journal.Len(); n != 0 {
			t.Errorf("journal holds %d entries; want none", n)
		}
	})

	t.Run("no Guard", func(t *testing.T) {
		t.Parallel()
		te := newEnv(t, options{})
		served := false
		te.e.Mount(&Surface{Name: "E", Prefixes: []string{"/open/"}, Direct: true, Envelope: &recEnvelope{name: "E"}},
			&Route{Method: "GET", Pattern: "/open/x", Serve: func(w http.ResponseWriter, r *http.Request) { served = true }})
		if res := te.do(t, "GET", "/open/x", ""); res.status() != 200 || !served {
			t.Errorf("got %d, served %v", res.status(), served)
		}
		wantError(t, te.do(t, "GET", "/open/y", ""), "E", 404, "")
	})
}

// TestUnroutedWithoutDefault: an engine whose surfaces all have prefixes
// must still answer a request outside them.
func TestUnroutedWithoutDefault(t *testing.T) {
	t.Parallel()
	e := bareEngine()
	e.Mount(&Surface{Name: "only", Prefixes: []string{"/only/"}, Envelope: &recEnvelope{name: "only"}})
	res := (&testEnv{e: e}).do(t, "GET", "/elsewhere", "")
	if res.status() != http.StatusNotFound {
		t.Errorf("status %d; want 404", res.status())
	}
}
