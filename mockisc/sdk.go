package mockisc

import (
	"fmt"
	"sync"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// Helpers for SailPoint's SDKs and other clients that manage their own
// tokens (docs/sdks.md shows each SDK's configuration). Client and
// ClientAs are the ready *http.Client: an SDK that sends its own
// Authorization header (golang-sdk always does) passes through them
// untouched, so they only add the socket, the TLS trust (NewTLS) or the
// in-process transport (WithoutListener) the SDK's own client lacks.

// Token issues a token for DefaultClientID, as POST /oauth/token would,
// without an HTTP round trip: the bearer value and the instant it expires
// on the server's Clock (not the wall clock). Each call issues a new
// token; it is not journaled and never rate limited, like the token
// endpoint. Give it to an SDK that takes a ready token (golang-sdk's
// ClientConfiguration.Token, python-sdk's ConfigurationParams.access_token,
// the TypeScript SDK's accessToken), so the SDK skips its own token
// request.
func (s *Server) Token() (string, time.Time, error) { return s.TokenAs(DefaultClientID, "") }

// TokenAs is Token for the OAuth client id with secret: the token carries
// that client's scopes, authorities and kind (see WithClient), and a
// registered client's wrong secret, or an unknown client under
// WithStrictClients, is an error.
func (s *Server) TokenAs(clientID, secret string) (string, time.Time, error) {
	tok, err := s.issue(clientID, secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("mockisc: token for client %q: %w", clientID, err)
	}
	return tok.Value, tok.Expires, nil
}

// TokenSource returns a TokenSource for the OAuth client id with secret.
func (s *Server) TokenSource(clientID, secret string) *TokenSource {
	return &TokenSource{s: s, clientID: clientID, secret: secret}
}

// TokenSource hands out one client's token and renews it once the
// server's Clock reaches its expiry, as a well-behaved client would. It
// has the shape of golang.org/x/oauth2's TokenSource without depending on
// it: wrap it in a two-line adapter to pass it as golang-sdk v2's
// api_v3.ContextOAuth2 (docs/sdks.md). It is safe for concurrent use.
type TokenSource struct {
	s                *Server
	clientID, secret string

	mu  sync.Mutex // guards tok
	tok *engine.Token
}

// Token returns the current token and its expiry on the server clock,
// issuing a new one when there is none yet or the clock has reached the
// expiry. An adapter to oauth2.Token should leave Expiry zero: oauth2
// compares it with the wall clock, which a manual server clock does not
// follow.
func (ts *TokenSource) Token() (string, time.Time, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.tok != nil && ts.s.now().Before(ts.tok.Expires) {
		return ts.tok.Value, ts.tok.Expires, nil
	}
	tok, err := ts.s.issue(ts.clientID, ts.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("mockisc: token for client %q: %w", ts.clientID, err)
	}
	ts.tok = tok
	return tok.Value, tok.Expires, nil
}
