package engine

import (
	"encoding/base64"
	"encoding/json"
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
	// Max bounds how many tokens the table holds; 0 means no bound. When
	// it is full, Issue forgets the oldest token, live or not.
	Max int
}

// Tokens issues access tokens and knows them by value. It is safe for
// concurrent use.
type Tokens struct {
	cfg   TokenConfig
	clock *sim.Clock
	ids   *sim.Rand

	mu      sync.Mutex // guards the fields below
	byValue map[string]*Token
	queue   []*Token // issue order, from head; each is in byValue
	head    int
	evicted uint64 // live tokens forgotten to keep within Max
	expired uint64 // expired tokens forgotten
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
	ts.forget(now)
	ts.byValue[tok.Value] = tok
	ts.queue = append(ts.queue, tok)
	ts.mu.Unlock()
	return tok, nil
}

// forget drops tokens from the front of the issue order while they are
// expired at now, or while the table is full. With one TTL and a clock
// that moves forward, issue order is expiry order, so every expired
// token goes; after the clock was set back some may wait for the bound.
// Caller holds ts.mu.
func (ts *Tokens) forget(now time.Time) {
	for ts.head < len(ts.queue) {
		tok := ts.queue[ts.head]
		switch {
		case !now.Before(tok.Expires):
			ts.expired++
		case ts.cfg.Max > 0 && len(ts.byValue) >= ts.cfg.Max:
			ts.evicted++
		default:
			return
		}
		delete(ts.byValue, tok.Value)
		ts.queue[ts.head] = nil
		ts.head++
		if ts.head > 1024 && ts.head*2 > len(ts.queue) {
			ts.queue = append([]*Token(nil), ts.queue[ts.head:]...)
			ts.head = 0
		}
	}
}

// Lookup returns the token issued with value, or nil.
func (ts *Tokens) Lookup(value string) *Token {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.byValue[value]
}

// TokenStats says how many tokens a table holds and has forgotten.
type TokenStats struct {
	// Held is how many tokens the table knows.
	Held int `json:"held"`
	// Expired counts the expired tokens forgotten; Evicted the live ones
	// forgotten to keep within the bound.
	Expired uint64 `json:"expired"`
	Evicted uint64 `json:"evicted"`
	// Max is the bound, 0 for none.
	Max int `json:"max"`
}

// Stats returns what the table holds and has forgotten.
func (ts *Tokens) Stats() TokenStats {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return TokenStats{Held: len(ts.byValue), Expired: ts.expired, Evicted: ts.evicted, Max: ts.cfg.Max}
}

// Forgotten reads a token value the table does not know: the client_id
// and exp claims of its payload (unverified: the table does not sign its
// tokens), so that an expired token the table forgot still gets "expired"
// rather than "not valid". ok is false when value is not JWT-shaped.
func Forgotten(value string) (clientID string, expires time.Time, ok bool) {
	parts := strings.Split(value, ".")
	if len(parts) != 3 {
		return "", time.Time{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", time.Time{}, false
	}
	var claims struct {
		ClientID string `json:"client_id"`
		Exp      *int64 `json:"exp"`
	}
	if json.Unmarshal(b, &claims) != nil || claims.Exp == nil {
		return "", time.Time{}, false
	}
	return claims.ClientID, time.Unix(*claims.Exp, 0), true
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
