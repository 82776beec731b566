package agilenowapi

import (
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// tokenResponse is the body of POST /oAuth/rest/v2/Token. The vendor's
// SDK reads only access_token and token_type; expires_in is this fake's
// addition (the lifetime is WithTokenTTL's).
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// token serves POST /oAuth/rest/v2/Token: the client credentials grant,
// with client_id and client_secret in a form body, the query, or HTTP
// Basic authentication. A client not registered with WithClient gets
// every vendor scope; a registered one exactly its Scopes. Errors use the
// vendor's envelope: 400 for a malformed request, 401 for bad credentials.
func (api *API) token(c *engine.Call) *engine.Response {
	id, secret, gerr := engine.ClientCredentials(c)
	if gerr != nil {
		if gerr.Code == "unsupported_media" {
			return fail(http.StatusUnsupportedMediaType, typeMediaType, "%s", gerr.Msg)
		}
		return badInput("%s", gerr.Msg)
	}
	c.ClientID = id
	tok, err := api.tokens.Issue(id, secret, allScopes, nil)
	if err != nil {
		return fail(http.StatusUnauthorized, typeUnauthorized, "%v", err)
	}
	return engine.JSON(http.StatusOK, tokenResponse{
		AccessToken: tok.Value, TokenType: "Bearer", ExpiresIn: int64(api.tokens.TTL() / time.Second),
	})
}
