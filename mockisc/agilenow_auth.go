package mockisc

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// anTokenResponse is the body of POST /oAuth/rest/v2/Token. The vendor's
// SDK reads only access_token and token_type; expires_in is this fake's
// addition (the lifetime is WithTokenTTL's).
type anTokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// anToken serves POST /oAuth/rest/v2/Token: the client credentials grant,
// with client_id and client_secret in a form body, the query, or HTTP
// Basic authentication. A client not registered with WithClient gets
// every vendor scope; a registered one exactly its Scopes. Errors use the
// vendor's envelope: 400 for a malformed request, 401 for bad credentials.
func (s *Server) anToken(c *call) *response {
	params := c.r.URL.Query()
	if len(c.body) > 0 {
		ct := strings.ToLower(c.r.Header.Get("Content-Type"))
		switch {
		case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
			form, err := url.ParseQuery(string(c.body))
			if err != nil {
				return anBadInput("the form body is not valid: %v", err)
			}
			for k, v := range form {
				params[k] = v
			}
		case strings.HasPrefix(ct, "multipart/form-data"):
			if err := parseMultipart(c.r, c.body, params); err != nil {
				return anBadInput("the form body is not valid: %v", err)
			}
		default:
			return anError(http.StatusUnsupportedMediaType, anTypeMediaType,
				"send the parameters as application/x-www-form-urlencoded, multipart/form-data or in the query")
		}
	}
	id, secret := params.Get("client_id"), params.Get("client_secret")
	if u, p, ok := c.r.BasicAuth(); ok && id == "" {
		id, secret = u, p
	}
	grant := params.Get("grant_type")
	switch {
	case grant == "":
		return anBadInput("grant_type is required")
	case !strings.EqualFold(grant, "client_credentials"):
		return anBadInput("grant_type %q is not supported; use client_credentials", grant)
	case id == "":
		return anBadInput("client_id is required")
	}
	c.clientID = id
	tok, err := s.issueWith(id, secret, agileNowScopes, nil)
	if err != nil {
		return anError(http.StatusUnauthorized, anTypeUnauthorized, "%v", err)
	}
	return jsonResponse(http.StatusOK, anTokenResponse{
		AccessToken: tok.value, TokenType: "Bearer", ExpiresIn: int64(s.cfg.tokenTTL / time.Second),
	})
}
