package mockisc

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/mockisc/mockisc/internal/engine"
)

// SourceTypeIdentityNow is the type of ISC's own source, which holds each
// identity's ISC login account (its "IDN account").
const SourceTypeIdentityNow = "IdentityNowConnector"

// The identities-accounts operations enable or disable identities' ISC
// login accounts: the identity's Status becomes ACTIVE or DISABLED, and
// its accounts on IdentityNowConnector sources follow. They answer at
// once; the tenant changes before the answer.

// enableIdentityAccount serves POST /identities-accounts/{id}/enable.
func (s *Server) enableIdentityAccount(c *engine.Call) *engine.Response {
	return s.toggleIdentityAccount(c, false)
}

// disableIdentityAccount serves POST /identities-accounts/{id}/disable.
func (s *Server) disableIdentityAccount(c *engine.Call) *engine.Response {
	return s.toggleIdentityAccount(c, true)
}

func (s *Server) toggleIdentityAccount(c *engine.Call, disable bool) *engine.Response {
	id := c.PathValue("id")
	if s.ten.identities[id] == nil {
		return notFound("Referenced identity %q was not found.", id)
	}
	s.setLogins([]string{id}, disable)
	return engine.JSON(http.StatusAccepted, struct{}{})
}

// enableIdentityAccounts serves POST /identities-accounts/enable.
func (s *Server) enableIdentityAccounts(c *engine.Call) *engine.Response {
	return s.toggleIdentityAccounts(c, false)
}

// disableIdentityAccounts serves POST /identities-accounts/disable.
func (s *Server) disableIdentityAccounts(c *engine.Call) *engine.Response {
	return s.toggleIdentityAccounts(c, true)
}

// bulkResult is one entry of a 207 answer (BulkIdentitiesAccountsResponse);
// an accepted entry has no message (the spec's message is a string, not
// null).
type bulkResult struct {
	ID         string  `json:"id"`
	StatusCode int     `json:"statusCode"`
	Message    *string `json:"message,omitempty"`
}

// maxBulkIdentities caps the identityIds of one bulk request.
const maxBulkIdentities = 250

func (s *Server) toggleIdentityAccounts(c *engine.Call, disable bool) *engine.Response {
	if resp := engine.RequireContentType(c, "application/json"); resp != nil {
		return resp
	}
	var body struct {
		IdentityIDs []string `json:"identityIds"`
	}
	if resp := decodeBody(c, &body); resp != nil {
		return resp
	}
	switch {
	case len(body.IdentityIDs) == 0:
		return badRequest("identityIds: give the ids of the identities, at least one")
	case len(body.IdentityIDs) > maxBulkIdentities:
		return badRequest("identityIds: %d ids; at most %d per request", len(body.IdentityIDs), maxBulkIdentities)
	}
	out := make([]bulkResult, 0, len(body.IdentityIDs))
	var found []string
	for _, id := range body.IdentityIDs {
		if s.ten.identities[id] == nil {
			msg := fmt.Sprintf("Referenced identity %q was not found.", id)
			out = append(out, bulkResult{ID: id, StatusCode: http.StatusNotFound, Message: &msg})
			continue
		}
		found = append(found, id)
		out = append(out, bulkResult{ID: id, StatusCode: http.StatusAccepted})
	}
	s.setLogins(found, disable)
	return engine.JSON(http.StatusMultiStatus, out)
}

// setLogins enables or disables the ISC login accounts of the identities
// ids, in one pass over the accounts (none when the tenant has no
// IdentityNowConnector source). Caller holds s.mu.
func (s *Server) setLogins(ids []string, disable bool) {
	if len(ids) == 0 {
		return
	}
	status := "ACTIVE"
	if disable {
		status = "DISABLED"
	}
	now := s.now()
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		ident := s.ten.identities[id]
		ident.Status, ident.Modified = status, now
		set[id] = true
	}
	s.ten.changedAll()
	if !slices.ContainsFunc(s.ten.sourceOrder, func(id string) bool { return s.ten.sources[id].Type == SourceTypeIdentityNow }) {
		return
	}
	for _, a := range s.ten.order {
		if set[a.IdentityID] && a.Disabled != disable && s.ten.sources[a.SourceID].Type == SourceTypeIdentityNow {
			a.Disabled, a.Modified = disable, now
			s.ten.changed(a)
		}
	}
}
