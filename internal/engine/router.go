package engine

import (
	"net/http"
	"net/url"
	"strings"
)

// Router matches requests to routes: an http.ServeMux of the routes'
// methods and patterns that names each route by its mounting index. Its
// patterns never change once added, so a router built once can match for
// any number of engines that mount the same routes in the same order (see
// Config.Router): registering some 200 patterns costs far more than the
// rest of an engine's setup. It is safe for concurrent use.
type Router struct {
	mux  *http.ServeMux
	keys []routeID // the routes' methods and patterns, by index
	muxp []string  // the routes' mux patterns ("GET /x"), by index
	fast *fastNode // a trie of the patterns under their methods (router_fast.go)
	// noFast leaves every request to the mux (a pattern names a host).
	noFast bool
}

// routeID is what a router knows of a route.
type routeID struct{ method, pattern string }

// NewRouter returns a router of routes, indexed in order. A pattern
// twice, or two that conflict, panics, as with http.ServeMux.
func NewRouter(routes ...*Route) *Router {
	r := &Router{mux: http.NewServeMux()}
	for _, rt := range routes {
		r.add(rt)
	}
	return r
}

// add gives rt the next index.
func (r *Router) add(rt *Route) {
	p := rt.Method + " " + rt.Pattern
	r.mux.Handle(p, routeIndex(len(r.keys)))
	r.addFast(len(r.keys), rt.Method, rt.Pattern)
	r.keys = append(r.keys, routeID{rt.Method, rt.Pattern})
	r.muxp = append(r.muxp, p)
}

// has reports whether the route of index i is rt's method and pattern.
func (r *Router) has(i int, rt *Route) bool {
	return i < len(r.keys) && r.keys[i] == routeID{rt.Method, rt.Pattern}
}

// match returns the index of the route that serves req and its ServeMux
// pattern, or false; plain reports that the trie matched req, whose path
// is then plain (plainPath): its escaped form is its Path.
func (r *Router) match(req *http.Request) (i int, pattern string, plain, ok bool) {
	if i, pattern, ok := r.matchFast(req); ok {
		return i, pattern, true, true
	}
	h, pattern := r.mux.Handler(req)
	ri, ok := h.(routeIndex)
	return int(ri), pattern, false, ok
}

// routeIndex is a route's index, as the mux's handler of its pattern; the
// mux only finds it, never calls it.
type routeIndex int

func (routeIndex) ServeHTTP(http.ResponseWriter, *http.Request) {
	panic("engine: a router's mux is only asked for handlers")
}

// pathValue is a wildcard of a matched pattern and its value.
type pathValue struct{ name, value string }

// pathValues appends to dst the values of the wildcards of route pattern
// p, which matched the escaped path q, as http.ServeMux.ServeHTTP finds
// them: a segment wildcard takes its segment of the escaped path, a
// "{name...}" one the rest, unescaped.
func pathValues(dst []pathValue, p, q string) []pathValue {
	if !strings.Contains(p, "{") {
		return dst
	}
	for len(p) > 1 && len(q) > 1 { // both begin with "/"
		pe, qe := segmentEnd(p), segmentEnd(q)
		if w, ok := strings.CutPrefix(p[1:pe], "{"); ok {
			w = strings.TrimSuffix(w, "}")
			if name, rest := strings.CutSuffix(w, "..."); rest {
				return append(dst, pathValue{name, pathUnescape(q[1:])})
			}
			if w != "$" {
				dst = append(dst, pathValue{w, pathUnescape(q[1:qe])})
			}
		}
		p, q = p[pe:], q[qe:]
	}
	return dst
}

// setPathValues sets r's Pattern (pattern, the ServeMux form) and the
// values of the wildcards of route pattern p, which matched r's path, as
// http.ServeMux.ServeHTTP does, for handlers that read r.PathValue.
func setPathValues(r *http.Request, pattern, p string) {
	r.Pattern = pattern
	var buf [4]pathValue
	for _, v := range pathValues(buf[:0], p, r.URL.EscapedPath()) {
		r.SetPathValue(v.name, v.value)
	}
}

// segmentEnd is the index of the "/" that ends the first segment of p,
// which begins with "/", or len(p).
func segmentEnd(p string) int {
	if i := strings.IndexByte(p[1:], '/'); i >= 0 {
		return i + 1
	}
	return len(p)
}

// pathUnescape unescapes a path segment, or keeps it when it does not
// unescape, as http.ServeMux does.
func pathUnescape(s string) string {
	if strings.IndexByte(s, '%') < 0 { // as url.PathUnescape leaves it
		return s
	}
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
