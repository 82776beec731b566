package mockisc

import (
	"sync"

	"github.com/mockisc/mockisc/internal/agilenowapi"
	"github.com/mockisc/mockisc/internal/engine"
)

// mount is one surface a server mounts, with its routes.
type mount struct {
	surface *engine.Surface
	routes  []*engine.Route
}

// mounts returns what s mounts, in order: ISC's API, the AgileNow
// Endpoint API, the admin API. Every server has the same routes, bound to
// itself; only their Experimental marks differ, which the router ignores.
func (s *Server) mounts() []mount {
	return []mount{
		{iscSurface, s.iscRoutes()},
		{s.an.Surface(), s.an.Routes()},
		{s.adminSurface(), s.adminRoutes()},
	}
}

// sharedRouter matches requests for every server: built once per
// process, from the routes of a server that never serves, since building
// the ServeMux of some 200 patterns is most of what a new server would
// cost otherwise.
var sharedRouter = sync.OnceValue(func() *engine.Router {
	s := &Server{an: agilenowapi.New(nil, nil, nil, "")}
	var routes []*engine.Route
	for _, m := range s.mounts() {
		routes = append(routes, m.routes...)
	}
	return engine.NewRouter(routes...)
})
