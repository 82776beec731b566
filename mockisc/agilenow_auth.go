package mockisc

import (
	"net/http"
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
	id, secret, gerr := clientCredentials(c)
	if gerr != nil {
		if gerr.code == "unsupported_media" {
			return anError(http.StatusUnsupportedMediaType, anTypeMediaType, "%s", gerr.msg)
		}
		return anBadInput("%s", gerr.msg)
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
