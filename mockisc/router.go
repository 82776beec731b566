package mockisc

import (
	"sync"

	"github.com/mockisc/mockisc/internal/agilenowapi"
	"github.com/mockisc/mockisc/internal/engine"
)

// mount is one surface a server mounts, with its routes: shared ones
// (engine.MountShared) with their handlers on the server, or, with
// handles nil, routes of the server's own.
type mount struct {
	surface *engine.Surface
	routes  []*engine.Route
	handles []func(*engine.Call) *engine.Response
}

// mounts returns what s mounts, in order: ISC's API, the AgileNow
// Endpoint API, the admin API, the dashboard. Every server has the same routes, bound to
// itself; only their Experimental marks differ, which the router ignores.
func (s *Server) mounts() []mount {
	isc, handles := s.iscRoutes()
	return []mount{
		{iscSurface, isc, handles},
		{s.an.Surface(), s.an.Routes(), nil},
		{s.adminSurface(), s.adminRoutes(), nil},
		{s.uiSurface(), s.uiRoutes(), nil},
	}
}

// mountOn mounts m on e.
func (m mount) mountOn(e *engine.Engine) {
	if m.handles != nil {
		e.MountShared(m.surface, m.routes, m.handles)
		return
	}
	e.Mount(m.surface, m.routes...)
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
