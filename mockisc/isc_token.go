package mockisc

import (
	"net/http"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// DefaultClientID is the client id of the tokens Client uses.
const DefaultClientID = "mockisc-client"

// tokenResponse is the body of POST /oauth/token, with the fields ISC
// documents for the client credentials grant.
type tokenResponse struct {
	AccessToken         string `json:"access_token"`
	TokenType           string `json:"token_type"`
	ExpiresIn           int64  `json:"expires_in"`
	Scope               string `json:"scope"`
	TenantID            string `json:"tenant_id"`
	Internal            bool   `json:"internal"`
	Pod                 string `json:"pod"`
	StrongAuthSupported bool   `json:"strong_auth_supported"`
	Org                 string `json:"org"`
	StrongAuth          bool   `json:"strong_auth"`
	JTI                 string `json:"jti"`
}

const (
	tenantOrg = "mockisc"
	tenantPod = "mock01-useast1"
)

// tokenClaims are the ISC claims every token carries besides its client,
// scopes, authorities and times.
func (s *Server) tokenClaims() map[string]any {
	return map[string]any{
		"tenant_id": s.tenantID(), "internal": false, "pod": tenantPod, "org": tenantOrg,
		"strong_auth": false, "strong_auth_supported": false,
	}
}

// oauthError is the RFC 6749 error body of the token endpoint.
func oauthError(status int, code, desc string) *engine.Response {
	return engine.JSON(status, map[string]string{"error": code, "error_description": desc})
}

// token serves POST /oauth/token: the client credentials grant, with the
// parameters in the query, a form body, or HTTP Basic authentication.
func (s *Server) token(c *engine.Call) *engine.Response {
	id, secret, gerr := engine.ClientCredentials(c)
	if gerr != nil {
		code := gerr.Code
		if code == "unsupported_media" {
			code = "invalid_request"
		}
		return oauthError(http.StatusBadRequest, code, gerr.Msg)
	}
	c.ClientID = id
	tok, err := s.issue(id, secret)
	if err != nil {
		return oauthError(http.StatusUnauthorized, "invalid_client", err.Error())
	}
	return engine.JSON(http.StatusOK, tokenResponse{
		AccessToken: tok.Value, TokenType: "bearer",
		ExpiresIn: int64(s.cfg.tokenTTL / time.Second), Scope: strings.Join(tok.Scopes, " "),
		TenantID: s.tenantID(), Pod: tenantPod, Org: tenantOrg, JTI: engine.TokenJTI(tok.Value),
	})
}

// issue mints an ISC token: a client not registered with WithClient gets
// sp:scopes:all and ORG_ADMIN.
func (s *Server) issue(clientID, secret string) (*engine.Token, error) {
	return s.tokens.Issue(clientID, secret, []string{engine.ScopeAll}, []string{"ORG_ADMIN"})
}
