package engine

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// ScopeAll is the scope that grants every scope.
const ScopeAll = "sp:scopes:all"

// Token is an issued access token.
type Token struct {
	// Value is the bearer token as sent.
	Value string
	// ClientID is the client it was issued to.
	ClientID string
	// Scopes and Authorities (user levels) are what it grants.
	Scopes, Authorities []string
	// User reports a user context (a personal access token); an API
	// client's token has none, and routes with user levels refuse it.
	User bool
	// Expires is when it stops being valid, on the server clock.
	Expires time.Time
}

// HasScope reports whether the token grants one of scopes.
func (t *Token) HasScope(scopes ...string) bool {
	if slices.Contains(t.Scopes, ScopeAll) {
		return true
	}
	for _, s := range scopes {
		if slices.Contains(t.Scopes, s) {
			return true
		}
	}
	return false
}

// Client is a registered OAuth client.
type Client struct {
	ID, Secret          string
	Scopes, Authorities []string
	// NoUser makes it an API client: its tokens carry no user context.
	NoUser bool
}

// TokenConfig configures a token table.
type TokenConfig struct {
	// Clients are the registered clients, by id.
	Clients map[string]Client
	// Strict refuses clients that are not registered.
	Strict bool
	// TTL is a token's lifetime on the server clock.
	TTL time.Duration
	// Claims are added to every token's payload (tenant, pod, org, ...).
	Claims map[string]any
}

// Tokens issues access tokens and knows them by value. It is safe for
// concurrent use.
type Tokens struct {
	cfg   TokenConfig
	clock *sim.Clock
	ids   *sim.Rand

	mu      sync.Mutex // guards byValue
	byValue map[string]*Token
}

// NewTokens returns an empty token table drawing ids from ids.
func NewTokens(cfg TokenConfig, clock *sim.Clock, ids *sim.Rand) *Tokens {
	return &Tokens{cfg: cfg, clock: clock, ids: ids, byValue: map[string]*Token{}}
}

// TTL returns the lifetime of the tokens it issues.
func (ts *Tokens) TTL() time.Duration { return ts.cfg.TTL }

// Issue mints a token for a client. A registered client must give its
// secret and gets exactly its scopes and authorities; an unregistered one
// gets scopes and authorities, or is refused when the table is strict.
func (ts *Tokens) Issue(clientID, secret string, scopes, authorities []string) (*Token, error) {
	scopes, authorities = slices.Clone(scopes), slices.Clone(authorities)
	user := true
	if cl, ok := ts.cfg.Clients[clientID]; ok {
		if cl.Secret != secret {
			return nil, fmt.Errorf("bad credentials for client %q", clientID)
		}
		scopes, authorities, user = slices.Clone(cl.Scopes), slices.Clone(cl.Authorities), !cl.NoUser
	} else if ts.cfg.Strict {
		return nil, fmt.Errorf("client %q is not registered", clientID)
	}
	now := ts.clock.Now()
	jti := ts.ids.ID()
	tok := &Token{ClientID: clientID, Scopes: scopes, Authorities: authorities, User: user, Expires: now.Add(ts.cfg.TTL)}
	tok.Value = ts.jwt(tok, jti, now)
	ts.mu.Lock()
	ts.byValue[tok.Value] = tok
	ts.mu.Unlock()
	return tok, nil
}

// Lookup returns the token issued with value, or nil.
func (ts *Tokens) Lookup(value string) *Token {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.byValue[value]
}

// jwt builds a JWT-shaped access token with the configured claims. Nothing
// checks its signature: the table knows its tokens by value.
func (ts *Tokens) jwt(t *Token, jti string, now time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims := map[string]any{
		"authorities": t.Authorities, "client_id": t.ClientID, "scope": t.Scopes,
		"exp": t.Expires.Unix(), "iat": now.Unix(), "jti": jti,
	}
	if t.User {
		// A personal access token speaks for a user; the fake's user is
		// named after the client.
		claims["user_name"] = t.ClientID
	}
	for k, v := range ts.cfg.Claims {
		claims[k] = v
	}
	payload := enc.EncodeToString(Marshal(claims))
	return header + "." + payload + "." + enc.EncodeToString([]byte(ts.ids.ID()))
}

// TokenJTI returns the jti claim of a token value, or "".
func TokenJTI(value string) string {
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
