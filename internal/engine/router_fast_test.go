package engine

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// fastRouters are a router of the server's routes (testdata/routes.txt,
// kept current by the mockisc package's TestRoutesFile), one of the
// router tests' patterns (a multi wildcard, a trailing slash), and one of
// literals beside wildcards.
func fastRouters(t testing.TB) []*Router {
	t.Helper()
	raw, err := os.ReadFile("testdata/routes.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []*Router
	// Literals beside wildcards under one method, where a literal that
	// fails deeper gives way to the wildcard.
	backtrack := []string{"GET /p/{x}", "GET /p/lit", "GET /p/lit/z", "GET /p/{x}/y", "GET /p/{x}/{y}/w", "GET /p/lit/{y}/v", "POST /p/lit/y"}
	for _, patterns := range [][]string{strings.Split(strings.TrimSpace(string(raw)), "\n"), routerPatterns, backtrack} {
		var routes []*Route
		for _, p := range patterns {
			method, pattern, _ := cutSpace(p)
			routes = append(routes, &Route{Method: method, Pattern: pattern, Handle: okHandle})
		}
		out = append(out, NewRouter(routes...))
	}
	return out
}

// checkFast requires the trie's answer for a request, when it gives one,
// to be the mux's.
func checkFast(t *testing.T, r *Router, method, target string) bool {
	t.Helper()
	req, err := http.NewRequest(method, "http://x"+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	i, pattern, ok := r.matchFast(req)
	if !ok {
		return false
	}
	h, muxPattern := r.mux.Handler(req)
	j, routed := h.(routeIndex)
	if !routed || int(j) != i || muxPattern != pattern {
		t.Errorf("%s %s: the trie found %d %q; the mux %v %q", method, target, i, pattern, h, muxPattern)
	}
	if esc := req.URL.EscapedPath(); esc != req.URL.Path { // what a trie match promises (routed.plain)
		t.Errorf("%s %s: the trie answered a path that escapes to %q", method, target, esc)
	}
	return true
}

// TestRouterFastAsServeMux: for every route's pattern, with its wildcards
// taken by values and by the literals of other patterns, under every
// method, and for paths the trie must leave to the mux, the trie either
// declines or finds the mux's route.
func TestRouterFastAsServeMux(t *testing.T) {
	t.Parallel()
	for _, r := range fastRouters(t) {
		testRouterFast(t, r)
	}
}

func testRouterFast(t *testing.T, r *Router) {
	values := []string{"2c9180835d2e5168015d32f890ca1581", "x", "search", "enable", "accounts", "load-accounts", "v3", "-", "a.b", "a:b",
		"lit", "y", "z", "v", "w"}
	var paths []string
	for _, k := range r.keys {
		segs := strings.Split(strings.TrimPrefix(k.pattern, "/"), "/")
		fills := [][]string{{}}
		for _, seg := range segs {
			var next [][]string
			for _, f := range fills {
				options := []string{seg}
				if strings.HasPrefix(seg, "{") {
					options = values
				}
				for _, o := range options {
					if len(next) < 400 {
						next = append(next, append(append([]string{}, f...), o))
					}
				}
			}
			fills = next
		}
		for _, f := range fills {
			p := "/" + strings.Join(f, "/")
			paths = append(paths, p, p+"/", p+"/extra", strings.TrimSuffix(p, "/"+f[len(f)-1]))
		}
	}
	paths = append(paths, "/", "//v3/accounts", "/v3/./accounts", "/v3/accounts/a%2Fb", "/v3/accounts/a%20b", "/v3/accounts/é",
		"/v3/accounts/..", "/V3/accounts", "/v3/accounts/x%20y", "/v3/accounts/a+b", "/v3/accounts/a=b;c")
	matched := 0
	for _, p := range paths {
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"} {
			if checkFast(t, r, m, p) {
				matched++
			}
		}
	}
	if matched < len(r.keys) {
		t.Errorf("the trie answered %d requests; it should answer at least one per route", matched)
	}
	// Paths the mux cleans, escapes or redirects are the mux's.
	for _, p := range []string{"/v3//accounts", "/v3/accounts/", "/v3/accounts/a%2Fb", "/v3/./accounts", "/v3/accounts/(x)", "/v3/accounts/é"} {
		req := httptest.NewRequest("GET", "http://x"+p, nil)
		if _, _, ok := r.matchFast(req); ok {
			t.Errorf("GET %s: the trie answered a path the mux must", p)
		}
	}
	if _, _, ok := r.matchFast(httptest.NewRequest("HEAD", "/v3/accounts/x", nil)); ok {
		t.Error("HEAD: the trie answered a method the mux maps to GET")
	}
}

// TestRouterFastHost: with a host's pattern, which the mux prefers to
// one without a host, every request is the mux's.
func TestRouterFastHost(t *testing.T) {
	t.Parallel()
	r := NewRouter(&Route{Method: "GET", Pattern: "/a/{x}", Handle: okHandle}, &Route{Method: "GET", Pattern: "h.example/a/{x}", Handle: okHandle})
	req := httptest.NewRequest("GET", "http://h.example/a/b", nil)
	if _, _, ok := r.matchFast(req); ok {
		t.Error("the trie answered a router with a host pattern")
	}
	if i, _, plain, ok := r.match(req); !ok || i != 1 || plain {
		t.Errorf("match = %d, plain %v, %v; want the host's route, from the mux", i, plain, ok)
	}
}

func FuzzRouterFast(f *testing.F) {
	for _, s := range []string{"/v3/accounts", "/v3/accounts/abc", "/beta/accounts/x/entitlements", "/v3/sources/s/load-accounts",
		"/__mockisc/ui/", "/v3/accounts/search", "/a/b/c/d/e"} {
		f.Add("GET", s)
	}
	f.Add("POST", "/v3/accounts/x/enable")
	routers := fastRouters(f)
	f.Fuzz(func(t *testing.T, method, path string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") || !validMethod(method) {
			return
		}
		req, err := http.NewRequest(method, "http://x"+path, nil)
		if err != nil {
			return
		}
		for _, r := range routers {
			checkFast(t, r, method, req.URL.RequestURI())
		}
	})
}

// validMethod reports whether m is a token, as a method must be.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for i := range len(m) {
		if c := m[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}
