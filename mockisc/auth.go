package mockisc

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// DefaultClientID is the client id of the tokens Client uses.
const DefaultClientID = "mockisc-client"

const scopeAll = "sp:scopes:all"

// token is an issued access token.
type token struct {
	value       string
	clientID    string
	scopes      []string
	authorities []string
	expires     time.Time
}

func (t *token) hasScope(any []string) bool {
	if slices.Contains(t.scopes, scopeAll) {
		return true
	}
	for _, s := range any {
		if slices.Contains(t.scopes, s) {
			return true
		}
	}
	return false
}

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

// oauthError is the RFC 6749 error body of the token endpoint.
func oauthError(status int, code, desc string) *response {
	return jsonResponse(status, map[string]string{"error": code, "error_description": desc})
}

// token serves POST /oauth/token: the client credentials grant, with the
// parameters in the query, a form body, or HTTP Basic authentication.
func (s *Server) token(c *call) *response {
	id, secret, gerr := clientCredentials(c)
	if gerr != nil {
		code := gerr.code
		if code == "unsupported_media" {
			code = "invalid_request"
		}
		return oauthError(http.StatusBadRequest, code, gerr.msg)
	}
	c.clientID = id
	tok, err := s.issue(id, secret)
	if err != nil {
		return oauthError(http.StatusUnauthorized, "invalid_client", err.Error())
	}
	return jsonResponse(http.StatusOK, tokenResponse{
		AccessToken: tok.value, TokenType: "bearer",
		ExpiresIn: int64(s.cfg.tokenTTL / time.Second), Scope: strings.Join(tok.scopes, " "),
		TenantID: s.tenantID(), Pod: tenantPod, Org: tenantOrg, JTI: tokenJTI(tok.value),
	})
}

// issue mints a token for a client. Caller holds s.mu.
func (s *Server) issue(clientID, secret string) (*token, error) {
	return s.issueWith(clientID, secret, []string{scopeAll}, []string{"ORG_ADMIN"})
}

// issueWith mints a token for a client; an unregistered client gets
// scopes and authorities (the AgileNow token endpoint gives the vendor's
// scopes). Caller holds s.mu.
func (s *Server) issueWith(clientID, secret string, scopes, authorities []string) (*token, error) {
	scopes, authorities = slices.Clone(scopes), slices.Clone(authorities)
	if cl, ok := s.cfg.clients[clientID]; ok {
		if cl.Secret != secret {
			return nil, fmt.Errorf("bad credentials for client %q", clientID)
		}
		scopes, authorities = slices.Clone(cl.Scopes), slices.Clone(cl.Authorities)
	} else if s.cfg.strict {
		return nil, fmt.Errorf("client %q is not registered", clientID)
	}
	now := s.now()
	jti := s.ids.next()
	tok := &token{clientID: clientID, scopes: scopes, authorities: authorities, expires: now.Add(s.cfg.tokenTTL)}
	tok.value = s.jwt(tok, jti, now)
	s.tokens[tok.value] = tok
	return tok, nil
}

func (s *Server) tenantID() string { return "mockisc-tenant-" + fmt.Sprint(s.cfg.seed) }

// jwt builds a JWT-shaped access token with ISC's claims. Nothing checks
// its signature: the server knows its tokens by value.
func (s *Server) jwt(t *token, jti string, now time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	payload := enc.EncodeToString(marshal(map[string]any{
		"tenant_id": s.tenantID(), "internal": false, "pod": tenantPod, "org": tenantOrg,
		"strong_auth": false, "strong_auth_supported": false, "authorities": t.authorities,
		"client_id": t.clientID, "scope": t.scopes, "exp": t.expires.Unix(), "iat": now.Unix(), "jti": jti,
	}))
	return header + "." + payload + "." + enc.EncodeToString([]byte(s.ids.next()))
}

func tokenJTI(value string) string {
	parts := strings.Split(value, ".")
	if len(parts) != 3 {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return ""
	}
	_, after, _ := strings.Cut(string(b), `"jti":"`)
	jti, _, _ := strings.Cut(after, `"`)
	return jti
}

// authenticate resolves the bearer token. It returns the 401 to send if
// the route needs a token and has none valid; the caller sends it after
// the simulation had its say.
func (s *Server) authenticate(c *call) *response {
	if c.route.scopes == nil || !s.cfg.auth {
		return nil
	}
	h := c.r.Header.Get("Authorization")
	scheme, value, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(value) == "" {
		return unauthorized(textUnauthorizedNoJWT)
	}
	s.mu.Lock()
	tok := s.tokens[strings.TrimSpace(value)]
	s.mu.Unlock()
	if tok == nil {
		return unauthorized(textUnauthorizedJWT)
	}
	c.clientID = tok.clientID
	if !s.now().Before(tok.expires) {
		return unauthorized(textUnauthorizedExp)
	}
	c.tok = tok
	return nil
}

// authorize checks the token's scopes and user levels against the route.
func (s *Server) authorize(c *call) *response {
	if c.route.scopes == nil || !s.cfg.auth {
		return nil
	}
	t := c.tok
	if !t.hasScope(c.route.scopes) {
		return forbidden(fmt.Sprintf("%s %s needs one of the scopes %s; the token has %s",
			c.route.method, c.route.pattern, strings.Join(c.route.scopes, ", "), strings.Join(t.scopes, ", ")))
	}
	if c.route.alsoScopes != nil && !t.hasScope(c.route.alsoScopes) {
		return forbidden(fmt.Sprintf("%s %s also needs one of the scopes %s; the token has %s",
			c.route.method, c.route.pattern, strings.Join(c.route.alsoScopes, " | "), strings.Join(t.scopes, " | ")))
	}
	if c.route.levels == nil {
		return nil // an API without user levels (AgileNow)
	}
	for _, a := range t.authorities {
		if slices.Contains(c.route.levels, a) {
			return nil
		}
	}
	return forbidden(fmt.Sprintf("%s %s needs one of the user levels %s; the token has %s",
		c.route.method, c.route.pattern, strings.Join(c.route.levels, ", "), strings.Join(t.authorities, ", ")))
}

// hasScope reports whether the call's token grants scope (always true
// without auth).
func (s *Server) hasScope(c *call, scope string) bool {
	return !s.cfg.auth || c.tok == nil || c.tok.hasScope([]string{scope})
}
