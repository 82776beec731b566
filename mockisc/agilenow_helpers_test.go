package mockisc

import (
	"encoding/json"
	"net/url"
	"testing"
)

const (
	anBase            = "/Endpoint/rest/api/v1"
	agileNowTokenPath = "/oAuth/rest/v2/Token"
)

// The vendor's error Types the tests expect.
const (
	typeBadInput     = "/Errors/Bad Input"
	typeNotFound     = "/Errors/Not Found"
	typeMultipleRows = "/Errors/Multible Rows"
	typeInvalidField = "/Errors/Invalid Field"
	typeUnauthorized = "/Errors/Unauthorized"
	typePermission   = "/Errors/Permission"
)

// newAnEnv starts a server with opts (a mode's options among them) and
// returns it with an AgileNow client holding a vendor token of an
// unregistered client (every vendor scope).
func newAnEnv(t testing.TB, opts ...Option) *env {
	t.Helper()
	s := New(t, opts...)
	return &env{client: anClient(noTokenClient(s), s.URL, anToken(t, s, "an-client", "secret")), s: s}
}

// anToken gets a vendor token for the client id and secret from the
// vendor token endpoint, over the socket or in process as s is, and
// fails the test at once if it gets none.
func anToken(t testing.TB, s *Server, id, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	r := anClient(noTokenClient(s), s.URL, "").do(t, "POST", agileNowTokenPath, form.Encode(), "Content-Type", formCT)
	r.want(t, 200)
	var body struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || body.AccessToken == "" {
		t.Fatalf("token: %v, %s", err, r.body)
	}
	if body.TokenType != "Bearer" {
		t.Errorf("token_type = %q, want Bearer", body.TokenType)
	}
	return body.AccessToken
}

// anSeed adds two accounts: a1 (alice) and b2 (bob).
func anSeed(t testing.TB, s *Server) {
	t.Helper()
	for _, a := range []AgileNowAccount{
		{ID: "a1", FirstName: "Alice", LastName: "A", Username: "alice", ExternalID: "ext-a", Email: "alice@x.io",
			Phone: "+3581", Identifier: "111", LanguageID: "en-US"},
		{ID: "b2", FirstName: "Bob", LastName: "B", Username: "bob", ExternalID: "ext-b", Email: "bob@x.io"},
	} {
		if _, err := s.AddAgileNowAccount(a); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
}

// anIDs lists the Ids of s's AgileNow accounts.
func anIDs(s *Server) []string {
	var ids []string
	for _, a := range s.AgileNowAccounts() {
		ids = append(ids, a.ID)
	}
	return ids
}

// anStr returns m[key] as a string ("" when absent or not a string).
func anStr(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func wantEq[T comparable](t *testing.T, field string, want, got T) {
	t.Helper()
	if want != got {
		t.Errorf("%s = %v, want %v", field, got, want)
	}
}
