package engine

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

func newTokens(seed uint64, strict bool) (*Tokens, *sim.Clock) {
	clock := sim.NewClock(false, t0)
	return NewTokens(TokenConfig{
		Clients: map[string]Client{
			"reg": {ID: "reg", Secret: "pw", Scopes: []string{"a:read"}, Authorities: []string{"ORG_ADMIN"}},
		},
		Strict: strict,
		TTL:    12 * time.Hour,
		Claims: map[string]any{"tenant_id": "t-1", "pod": "stg01", "internal": false},
	}, clock, sim.NewRand(seed)), clock
}

// TestIssue checks who gets a token and with what.
func TestIssue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		strict         bool
		id, secret     string
		scopes, levels []string
		err            string
		wantScopes     []string
		wantLevels     []string
	}{
		{name: "unregistered gets the scopes asked for", id: "anyone", scopes: []string{"x", "y"}, levels: []string{"L"},
			wantScopes: []string{"x", "y"}, wantLevels: []string{"L"}},
		{name: "unregistered with no scopes", id: "anyone"},
		{name: "registered gets its own scopes", id: "reg", secret: "pw", scopes: []string{ScopeAll},
			wantScopes: []string{"a:read"}, wantLevels: []string{"ORG_ADMIN"}},
		{name: "registered with a wrong secret", id: "reg", secret: "nope", err: `bad credentials for client "reg"`},
		{name: "registered without a secret", id: "reg", err: `bad credentials for client "reg"`},
		{name: "strict refuses the unknown", strict: true, id: "anyone", scopes: []string{"x"}, err: `client "anyone" is not registered`},
		{name: "strict accepts the registered", strict: true, id: "reg", secret: "pw",
			wantScopes: []string{"a:read"}, wantLevels: []string{"ORG_ADMIN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts, _ := newTokens(1, tt.strict)
			tok, err := ts.Issue(tt.id, tt.secret, tt.scopes, tt.levels)
			if tt.err != "" {
				wantErrText(t, err, tt.err)
				if tok != nil {
					t.Errorf("refused, yet returned %+v", tok)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tok.ClientID != tt.id || !slices.Equal(tok.Scopes, tt.wantScopes) || !slices.Equal(tok.Authorities, tt.wantLevels) {
				t.Errorf("token %+v; want client %s, scopes %v, levels %v", tok, tt.id, tt.wantScopes, tt.wantLevels)
			}
			if !tok.Expires.Equal(t0.Add(12 * time.Hour)) {
				t.Errorf("Expires %v; want issue time + TTL", tok.Expires)
			}
			if got := ts.Lookup(tok.Value); got != tok {
				t.Errorf("Lookup gave %+v", got)
			}
		})
	}
}

// TestIssueCopies checks that the token does not share the caller's or
// the client's slices.
func TestIssueCopies(t *testing.T) {
	t.Parallel()
	ts, _ := newTokens(1, false)
	scopes := []string{"x"}
	tok, _ := ts.Issue("c", "", scopes, nil)
	scopes[0] = "changed"
	if tok.Scopes[0] != "x" {
		t.Errorf("the token shares the caller's scopes: %v", tok.Scopes)
	}
	reg, _ := ts.Issue("reg", "pw", nil, nil)
	reg.Scopes[0] = "changed"
	again, _ := ts.Issue("reg", "pw", nil, nil)
	if again.Scopes[0] != "a:read" {
		t.Errorf("a token shares the client's scopes: %v", again.Scopes)
	}
}

// TestLookup checks Lookup of values the table did not issue.
func TestLookup(t *testing.T) {
	t.Parallel()
	ts, _ := newTokens(1, false)
	tok, _ := ts.Issue("c", "", nil, nil)
	for _, v := range []string{"", "x", tok.Value + "x", strings.ToUpper(tok.Value)} {
		if got := ts.Lookup(v); got != nil {
			t.Errorf("Lookup(%q) = %+v; want nil", v, got)
		}
	}
	other, _ := newTokens(1, false)
	if got := other.Lookup(tok.Value); got != nil {
		t.Errorf("another table knows the token: %+v", got)
	}
	if ts.TTL() != 12*time.Hour {
		t.Errorf("TTL %v", ts.TTL())
	}
}

// TestTokenExpiry checks that a token works until the clock reaches its
// expiry, then gets the expired 401.
func TestTokenExpiry(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	tok := te.issue(t, []string{scopeRead})
	h := bearer(tok)
	te.clock.Advance(tokenTTL - time.Second)
	wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
	te.clock.Advance(time.Second)
	wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", 401, "", TextExpiredToken)
	te.clock.Advance(time.Hour)
	wantError(t, te.do(t, "GET", "/v3/accounts/1", "", h...), "A", 401, "", TextExpiredToken)
	// The expired call still names its client in the journal.
	if e, _ := te.journal.Last(); e.ClientID != tok.ClientID {
		t.Errorf("journal ClientID %q; want %q", e.ClientID, tok.ClientID)
	}
	// A token issued now works.
	wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", bearer(te.issue(t, []string{scopeRead}))...))
}

// TestTokenJWT checks the JWT's shape and claims, and TokenJTI.
func TestTokenJWT(t *testing.T) {
	t.Parallel()
	ts, clock := newTokens(3, false)
	clock.Advance(90 * time.Second)
	tok, err := ts.Issue("cid", "", []string{"s1", "s2"}, []string{"ORG_ADMIN"})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok.Value, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not three parts", tok.Value)
	}
	head, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || string(head) != `{"alg":"HS256","typ":"JWT"}` {
		t.Errorf("header %q, %v", head, err)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatalf("payload %s: %v", payload, err)
	}
	iat := t0.Add(90 * time.Second).Unix()
	want := map[string]any{
		"client_id": "cid", "tenant_id": "t-1", "pod": "stg01", "internal": false,
		"exp": float64(iat + 12*3600), "iat": float64(iat),
	}
	for k, v := range want {
		if claims[k] != v {
			t.Errorf("claim %s = %v (%T); want %v", k, claims[k], claims[k], v)
		}
	}
	if got, _ := json.Marshal(claims["scope"]); string(got) != `["s1","s2"]` {
		t.Errorf("scope claim %s", got)
	}
	if got, _ := json.Marshal(claims["authorities"]); string(got) != `["ORG_ADMIN"]` {
		t.Errorf("authorities claim %s", got)
	}
	jti, _ := claims["jti"].(string)
	if !trackingRE.MatchString(jti) {
		t.Errorf("jti %q is not a 32-hex id", jti)
	}
	if got := TokenJTI(tok.Value); got != jti {
		t.Errorf("TokenJTI = %q; want %q", got, jti)
	}
	if _, err := base64.RawURLEncoding.DecodeString(parts[2]); err != nil {
		t.Errorf("signature %q: %v", parts[2], err)
	}
	tok2, _ := ts.Issue("cid", "", nil, nil)
	if TokenJTI(tok2.Value) == jti {
		t.Error("two tokens share a jti")
	}
}

// TestTokenJTIMalformed checks TokenJTI on values that are not JWTs.
func TestTokenJTIMalformed(t *testing.T) {
	t.Parallel()
	enc := base64.RawURLEncoding.EncodeToString
	for _, v := range []string{
		"", "abc", "a.b", "a.b.c.d", "a.!!!.c",
		"a." + enc([]byte(`{"sub":"x"}`)) + ".c",
	} {
		if got := TokenJTI(v); got != "" {
			t.Errorf("TokenJTI(%q) = %q; want empty", v, got)
		}
	}
	if got := TokenJTI("a." + enc([]byte(`{"jti":"abc","z":1}`)) + ".c"); got != "abc" {
		t.Errorf("TokenJTI of a hand-made JWT = %q; want abc", got)
	}
}

// TestTokensSeeded checks that a seed fixes the token values.
func TestTokensSeeded(t *testing.T) {
	t.Parallel()
	issue := func(seed uint64) []string {
		ts, clock := newTokens(seed, false)
		var out []string
		for _, id := range []string{"a", "reg", "b"} {
			tok, err := ts.Issue(id, "pw", []string{"s"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, tok.Value)
			clock.Advance(time.Second)
		}
		return out
	}
	a, b, c := issue(9), issue(9), issue(10)
	if !slices.Equal(a, b) {
		t.Errorf("same seed, different tokens:\n%v\n%v", a, b)
	}
	for i := range a {
		if a[i] == c[i] {
			t.Errorf("token %d is the same under two seeds", i)
		}
	}
}

// TestHasScope checks Token.HasScope and Call.HasScope.
func TestHasScope(t *testing.T) {
	t.Parallel()
	tok := &Token{Scopes: []string{"a", "b"}}
	all := &Token{Scopes: []string{ScopeAll}}
	tests := []struct {
		tok    *Token
		scopes []string
		want   bool
	}{
		{tok, []string{"a"}, true},
		{tok, []string{"x", "b"}, true},
		{tok, []string{"x"}, false},
		{tok, nil, false},
		{all, []string{"anything"}, true},
		{all, nil, true},
		{&Token{}, []string{"a"}, false},
	}
	for _, tt := range tests {
		if got := tt.tok.HasScope(tt.scopes...); got != tt.want {
			t.Errorf("%v.HasScope(%v) = %v; want %v", tt.tok.Scopes, tt.scopes, got, tt.want)
		}
	}
	if !(&Call{}).HasScope("x") {
		t.Error("a call without a token (authentication off) lacks a scope")
	}
	if (&Call{Token: tok}).HasScope("x") || !(&Call{Token: tok}).HasScope("a") {
		t.Error("Call.HasScope does not ask the token")
	}
}
