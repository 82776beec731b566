package mockisc

import (
	"net/http"

	"github.com/mockisc/mockisc/internal/engine"
)

// listSources serves GET /sources. (To be written.)
func (s *Server) listSources(c *engine.Call) *engine.Response {
	return engine.Fail(http.StatusNotImplemented, "", "not yet")
}

// getSource serves GET /sources/{id}. (To be written.)
func (s *Server) getSource(c *engine.Call) *engine.Response {
	return engine.Fail(http.StatusNotImplemented, "", "not yet")
}

// sourceSchemas serves GET /sources/{sourceId}/schemas. (To be written.)
func (s *Server) sourceSchemas(c *engine.Call) *engine.Response {
	return engine.Fail(http.StatusNotImplemented, "", "not yet")
}
