package engine

import (
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/mockisc/mockisc/internal/sim"
)

// Config is what an Engine works with. Every field is required but
// Logger.
type Config struct {
	// Clock is the only time the engine and its handlers read.
	Clock *sim.Clock
	// RequestIDs gives each request's id: the tracking id of an error and
	// a surface's request id header. It is a stream of its own, so the ids
	// of objects do not depend on how many requests came before.
	RequestIDs *sim.Rand
	// Rules are the fault rules.
	Rules *sim.Rules
	// Limiter is the rate limiter.
	Limiter *sim.Limiter
	// Delay is the latency added to every pipeline request.
	Delay *sim.Delay
	// Journal records every request but the Direct surfaces'.
	Journal *Journal
	// Tokens resolves bearer tokens.
	Tokens *Tokens
	// Auth turns authentication and authorization on.
	Auth bool
	// MaxBody caps request bodies (413 past it).
	MaxBody int64
	// Logger, when set, gets an error record for every handler panic.
	Logger *slog.Logger
	// FaultRetryAfter is the Retry-After header, in whole seconds, of the
	// 429 and 503 answers fault rules give; "" keeps the default: "1" on
	// a 429, none on a 503. A rule's own Retry-After header wins.
	FaultRetryAfter string
	// Router, when set, is a router (NewRouter) of the routes the engine
	// mounts, in mounting order, shared with other engines instead of
	// building one per engine. A route it lacks (mounted in another
	// order, or added) gives the engine a router of its own.
	Router *Router
}

// Engine serves the routes of every mounted surface through one pipeline.
// It is an http.Handler.
type Engine struct {
	cfg       Config
	router    *Router // matches the routes, by index
	ownRouter bool    // router is this engine's, not Config.Router
	routes    []*Route
	handles   []func(*Call) *Response // by route: its handler here
	surfaces  []*Surface
	fallback  *Surface
	credPaths []string // lower-case paths of the Credentials routes
	// idKeys are the surfaces' RequestIDHeader names, canonical.
	idKeys map[*Surface]string
	panics atomic.Uint64
}

// New returns an engine with no surfaces.
func New(cfg Config) *Engine {
	e := &Engine{cfg: cfg, router: cfg.Router}
	if e.router == nil {
		e.router, e.ownRouter = NewRouter(), true
	} else {
		e.routes = make([]*Route, 0, len(e.router.keys))
		e.handles = make([]func(*Call) *Response, 0, len(e.router.keys))
	}
	return e
}

// Mount adds a surface and its routes. A surface mounted without prefixes
// is the default for unrouted requests; mounting two such, or a route
// pattern twice, panics (a programming error, as with http.ServeMux).
func (e *Engine) Mount(s *Surface, routes ...*Route) { e.mount(s, routes, nil) }

// MountShared is Mount for routes shared with other engines: built once,
// with s as their Surface already and a nil Handle, which Mount leaves
// untouched. handles[i] is routes[i]'s handler on this engine.
func (e *Engine) MountShared(s *Surface, routes []*Route, handles []func(*Call) *Response) {
	if len(handles) != len(routes) {
		panic(fmt.Sprintf("engine: %d handlers for %d routes", len(handles), len(routes)))
	}
	e.mount(s, routes, handles)
}

func (e *Engine) mount(s *Surface, routes []*Route, handles []func(*Call) *Response) {
	if len(s.Prefixes) == 0 {
		if e.fallback != nil {
			panic(fmt.Sprintf("engine: surfaces %s and %s both have no prefix", e.fallback.Name, s.Name))
		}
		e.fallback = s
	}
	e.surfaces = append(e.surfaces, s)
	if s.RequestIDHeader != "" {
		if e.idKeys == nil {
			e.idKeys = map[*Surface]string{}
		}
		e.idKeys[s] = http.CanonicalHeaderKey(s.RequestIDHeader)
	}
	for i, rt := range routes {
		handle := rt.Handle
		if handles == nil {
			rt.Surface = s
		} else if rt.Surface != s || rt.Handle != nil {
			panic(fmt.Sprintf("engine: shared route %s %s: its Surface must be %s, its Handle nil", rt.Method, rt.Pattern, s.Name))
		} else {
			handle = handles[i]
		}
		if s.Direct != (rt.Serve != nil) || (rt.Serve == nil) == (handle == nil) {
			panic(fmt.Sprintf("engine: route %s %s: a Direct surface's routes set Serve, the others Handle", rt.Method, rt.Pattern))
		}
		if !e.ownRouter && !e.router.has(len(e.routes), rt) {
			e.router, e.ownRouter = NewRouter(e.routes...), true
		}
		if e.ownRouter {
			e.router.add(rt)
		}
		e.routes = append(e.routes, rt)
		e.handles = append(e.handles, handle)
		if rt.Credentials {
			e.credPaths = append(e.credPaths, credPath(rt.Pattern))
		}
	}
}

// Routes returns every mounted route, in mounting order.
func (e *Engine) Routes() []*Route { return slices.Clone(e.routes) }

// Match returns the route that serves method and path, or nil.
func (e *Engine) Match(method, path string) *Route {
	r, err := http.NewRequest(method, path, nil)
	if err != nil {
		return nil
	}
	return e.match(r)
}

func (e *Engine) match(r *http.Request) *Route {
	return e.matchPattern(r).rt
}

// routed is the route that serves a request, as matchPattern found it.
type routed struct {
	rt      *Route // nil when none does
	i       int    // rt's index in the engine's routes
	pattern string // rt's pattern as the ServeMux names it
	plain   bool   // the request's path is plain (plainPath): escaped, it is the same
}

// matchPattern returns the route that serves r, with its index and its
// ServeMux pattern.
func (e *Engine) matchPattern(r *http.Request) routed {
	if i, pattern, plain, ok := e.router.match(r); ok && i < len(e.routes) {
		return routed{e.routes[i], i, pattern, plain}
	}
	return routed{}
}

// Invoke runs the handler on this engine of the route that serves r,
// with r's path values set, outside the pipeline: no token, rate limit,
// fault, latency or journal. ok is false when no route with a Handle
// serves r (none, or a Direct surface's). The dashboard reads the API
// through it.
func (e *Engine) Invoke(r *http.Request) (resp *Response, rt *Route, ok bool) {
	m := e.matchPattern(r)
	if m.rt == nil || e.handles[m.i] == nil {
		return nil, nil, false
	}
	setPathValues(r, m.pattern, m.rt.Pattern) // for the caller, which has r
	c := &Call{Req: r, Route: m.rt, handle: e.handles[m.i]}
	c.setPath(m)
	return e.handles[m.i](c), m.rt, true
}

// surfaceOf returns the surface owning an unrouted path: the one with the
// longest matching prefix, else the default.
func (e *Engine) surfaceOf(path string) *Surface {
	best, n := e.fallback, -1
	for _, s := range e.surfaces {
		for _, p := range s.Prefixes {
			if strings.HasPrefix(path, p) && len(p) > n {
				best, n = s, len(p)
			}
		}
	}
	return best
}

// ServeHTTP serves one request: a mounted route, or the unrouted 404 or
// 405 of the surface owning the path.
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m := e.matchPattern(r); m.rt != nil {
		e.serveRoute(w, r, m)
		return
	}
	s := e.surfaceOf(r.URL.Path)
	if s == nil { // no surface owns the path and none is the default
		http.NotFound(w, r)
		return
	}
	if s.Direct && s.Guard != nil && !s.Guard(w, r) {
		return
	}
	e.finish(w, &Call{Req: r}, s, e.unrouted(r, s))
}

// serveRoute serves a request the route m.rt matched.
func (e *Engine) serveRoute(w http.ResponseWriter, r *http.Request, m routed) {
	rt := m.rt
	if rt.Serve != nil {
		setPathValues(r, m.pattern, rt.Pattern)
		if g := rt.Surface.Guard; g == nil || g(w, r) {
			e.serveDirect(w, r, rt)
		}
		return
	}
	c := &Call{Req: r, Route: rt, handle: e.handles[m.i]}
	c.setPath(m)
	e.finish(w, c, rt.Surface, e.pipeline(c))
}

// credPath is the form in which a request path is compared with the
// Credentials routes' paths: lower case, no trailing slash.
func credPath(p string) string { return strings.ToLower(strings.TrimSuffix(p, "/")) }

// credentials reports whether c carries client credentials the journal
// must hide as a token request's: its route is a token endpoint, or its
// path is one's (a wrong method, a trailing slash, another case).
func (e *Engine) credentials(c *Call) bool {
	if c.Route != nil && c.Route.Credentials {
		return true
	}
	p := strings.TrimSuffix(c.Req.URL.Path, "/")
	if !isASCII(p) {
		return slices.Contains(e.credPaths, credPath(p))
	}
	for _, cp := range e.credPaths {
		if len(p) == len(cp) && strings.EqualFold(p, cp) { // credPath(p) == cp, without lower-casing p
			return true
		}
	}
	return false
}
