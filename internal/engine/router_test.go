package engine

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// routerPatterns are the patterns of the router tests: literals beside
// wildcards, a multi wildcard, a trailing slash.
var routerPatterns = []string{
	"GET /v3/accounts", "GET /v3/accounts/{id}", "POST /v3/accounts/{id}/enable",
	"POST /v3/accounts/enable", "GET /s/{sourceId}/x/{id}", "GET /files/{rest...}", "GET /dir/",
}

// TestRouterMatchesAsServeMux: an engine on a shared router matches the
// route an http.ServeMux of the same patterns serves, with the same
// Pattern and path values, for paths escaped, unclean, with trailing
// slashes and wrong methods.
func TestRouterMatchesAsServeMux(t *testing.T) {
	t.Parallel()
	type seen struct {
		pattern string
		values  map[string]string
	}
	names := []string{"id", "sourceId", "rest"}
	var routes []*Route
	for _, p := range routerPatterns {
		method, pattern, _ := cutSpace(p)
		routes = append(routes, &Route{Method: method, Pattern: pattern, Handle: okHandle})
	}
	shared := NewRouter(routes...)
	cfg := bareEngine().cfg
	cfg.Router = shared
	e := New(cfg)
	e.Mount(&Surface{Name: "a", Envelope: EnvelopeFunc(func(*Call, *Error, string) []byte { return []byte("{}") })}, routes...)
	if e.ownRouter {
		t.Fatal("the engine built a router of its own")
	}
	for _, target := range []string{
		"/v3/accounts", "/v3/accounts/", "/v3/accounts/a%2Fb", "/v3/accounts/a%20b", "/v3/accounts/%C3%A9",
		"/v3/accounts/x/enable", "/v3/accounts/enable", "/v3//accounts", "/v3/accounts/./x", "/s/1/x/2",
		"/files/a/b%2Fc/d", "/files/", "/dir/", "/dir/x", "/dir", "/nothing",
	} {
		for _, method := range []string{"GET", "POST", "HEAD"} {
			// What the mux itself hands a handler.
			var muxSaw *seen
			mux := http.NewServeMux()
			for _, p := range routerPatterns {
				mux.HandleFunc(p, func(_ http.ResponseWriter, r *http.Request) {
					muxSaw = &seen{pattern: r.Pattern, values: map[string]string{}}
					for _, n := range names {
						if v := r.PathValue(n); v != "" {
							muxSaw.values[n] = v
						}
					}
				})
			}
			mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, target, nil))
			r := httptest.NewRequest(method, target, nil)
			m := e.matchPattern(r)
			rt, pattern := m.rt, m.pattern
			var got *seen
			if rt != nil {
				setPathValues(r, pattern, rt.Pattern)
				got = &seen{pattern: r.Pattern, values: map[string]string{}}
				for _, n := range names {
					if v := r.PathValue(n); v != "" {
						got.values[n] = v
					}
				}
			}
			if (got == nil) != (muxSaw == nil) || got != nil && (got.pattern != muxSaw.pattern || !sameMap(got.values, muxSaw.values)) {
				t.Errorf("%s %s: engine %+v; ServeMux %+v", method, target, got, muxSaw)
			}
			if rt != nil && muxSaw != nil { // what a pipeline handler reads: the Call's values
				c := &Call{Req: httptest.NewRequest(method, target, nil), Route: rt}
				c.setPath(m)
				call := &seen{pattern: c.Req.Pattern, values: map[string]string{}}
				for _, n := range names {
					if v := c.PathValue(n); v != "" {
						call.values[n] = v
					}
				}
				if call.pattern != muxSaw.pattern || !sameMap(call.values, muxSaw.values) {
					t.Errorf("%s %s: Call %+v; ServeMux %+v", method, target, call, muxSaw)
				}
			}
		}
	}
}

func cutSpace(s string) (string, string, bool) { return strings.Cut(s, " ") }

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestRouterOwnCopy: an engine mounting a route its shared router lacks
// builds a router of its own, and the shared one is unchanged.
func TestRouterOwnCopy(t *testing.T) {
	t.Parallel()
	r1 := &Route{Method: "GET", Pattern: "/one", Handle: okHandle}
	shared := NewRouter(r1)
	cfg := bareEngine().cfg
	cfg.Router = shared
	env := EnvelopeFunc(func(*Call, *Error, string) []byte { return []byte("{}") })
	e := New(cfg)
	r2 := &Route{Method: "GET", Pattern: "/two", Handle: okHandle}
	e.Mount(&Surface{Name: "a", Envelope: env}, &Route{Method: "GET", Pattern: "/one", Handle: okHandle}, r2)
	if !e.ownRouter || e.Match("GET", "/two") != r2 {
		t.Errorf("own router %v; GET /two matches %v", e.ownRouter, e.Match("GET", "/two"))
	}
	if len(shared.keys) != 1 {
		t.Errorf("the shared router has %d routes", len(shared.keys))
	}
	// An engine mounting fewer routes than its router has ignores the rest.
	e2 := New(cfg)
	e2.Mount(&Surface{Name: "a", Envelope: env})
	if rt := e2.Match("GET", "/one"); rt != nil || e2.ownRouter {
		t.Errorf("GET /one matches %v on an engine without routes", rt)
	}
}

// TestMountShared: engines mounting the same shared routes answer with
// their own handlers and leave the routes as they were; a shared route
// of another surface, or with a Handle, panics.
func TestMountShared(t *testing.T) {
	t.Parallel()
	env := EnvelopeFunc(func(*Call, *Error, string) []byte { return []byte("{}") })
	s := &Surface{Name: "a", Envelope: env}
	shared := []*Route{{Method: "GET", Pattern: "/x/{id}", Surface: s}}
	router := NewRouter(shared...)
	for _, body := range []string{"one", "two"} {
		cfg := bareEngine().cfg
		cfg.Router, cfg.Auth = router, false
		e := New(cfg)
		e.MountShared(s, shared, []func(*Call) *Response{func(c *Call) *Response { return JSON(200, body+c.PathValue("id")) }})
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest("GET", "/x/7", nil))
		if got := w.Body.String(); got != `"`+body+`7"` {
			t.Errorf("engine %s answered %s", body, got)
		}
	}
	if shared[0].Handle != nil || shared[0].Surface != s {
		t.Errorf("the shared route changed: %+v", shared[0])
	}
	for name, mount := range map[string]func(e *Engine){
		"another surface": func(e *Engine) {
			e.MountShared(&Surface{Name: "b", Envelope: env}, shared, []func(*Call) *Response{okHandle})
		},
		"a Handle": func(e *Engine) {
			e.MountShared(s, []*Route{{Method: "GET", Pattern: "/y", Surface: s, Handle: okHandle}}, []func(*Call) *Response{okHandle})
		},
		"too few handlers": func(e *Engine) { e.MountShared(s, shared, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: MountShared did not panic", name)
				}
			}()
			mount(bareEngine())
		}()
	}
}

// TestCallPathValueUnrouted: a Call the engine did not route (one a test
// builds) reads its request's path values.
func TestCallPathValueUnrouted(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest("GET", "/v3/accounts/abc", nil)
	r.SetPathValue("id", "abc")
	c := &Call{Req: r}
	if got := c.PathValue("id"); got != "abc" {
		t.Errorf("PathValue(id) = %q; want abc", got)
	}
	if got := c.PathValue("other"); got != "" {
		t.Errorf("PathValue(other) = %q; want empty", got)
	}
}
