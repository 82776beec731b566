package mockisc

import (
	"net/http"

	"github.com/mockisc/mockisc/internal/engine"
)

// listIdentities serves GET /identities. (To be written.)
func (s *Server) listIdentities(c *engine.Call) *engine.Response {
	return engine.Fail(http.StatusNotImplemented, "", "not yet")
}

// getIdentity serves GET /identities/{id}. (To be written.)
func (s *Server) getIdentity(c *engine.Call) *engine.Response {
	return engine.Fail(http.StatusNotImplemented, "", "not yet")
}
