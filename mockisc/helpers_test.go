package mockisc

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

// The HTTP tests share: the two modes and the ISC fixture (this file), the
// one request helper (client_helpers_test.go) and the error checker of
// both envelopes (error_helpers_test.go). A request goes out through a
// client (an *http.Client, the server's base URL and a check); the
// answer comes back as a result, which the check has looked at:
//
//   - iscCheck: ISC's API. No 5xx, a JSON body, valid against the ISC
//     bundle for the route and status (see validateResponse), and every
//     error in ISC's envelope.
//   - anCheck: the AgileNow Endpoint API. The same against Accounts.json
//     (see validateAgileNowResponse), every error in the vendor's envelope.
//   - rawCheck: nothing; a dropped connection or a truncated body is an
//     outcome for the test to look at (result.err), not a failure.
//
// client.do and client.send report to the test and must run on its
// goroutine; client.try and client.exchange report nothing, so worker
// goroutines use them and hand their errors back.

// modes are the two ways the HTTP tests reach a server: over a loopback
// socket, and in process through the server's own transport.
var modes = []struct {
	name string
	opts []Option
}{
	{"socket", nil},
	{"inprocess", []Option{WithoutListener()}},
}

// forModes runs f once per mode, as a parallel subtest.
func forModes(t *testing.T, f func(t *testing.T, mode []Option)) {
	t.Helper()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f(t, m.opts)
		})
	}
}

// with returns mode followed by opts, without changing mode.
func with(mode []Option, opts ...Option) []Option {
	return append(slices.Clone(mode), opts...)
}

// noTokenClient is a client with no token of its own, over the socket or in
// process, whichever s has.
func noTokenClient(s *Server) *http.Client { return &http.Client{Transport: s.base()} }

// basicAuth is the value of an HTTP Basic Authorization header.
func basicAuth(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
}

const formCT = "application/x-www-form-urlencoded"

// fixture names the objects seed puts in a tenant.
type fixture struct {
	alice, bob, carol Identity
	hr, ad, csv       Source
	admins, users     Entitlement
	// hrAlice, hrBob are on the authoritative flat file source HR; adAlice,
	// adBob, adSvc on the direct source AD; csvCarol on the CSV source
	// (connection type file, type not DelimitedFile).
	hrAlice, hrBob, adAlice, adBob, adSvc, csvCarol Account
}

// accounts lists the fixture's accounts in creation order.
func (fx *fixture) accounts() []Account {
	return []Account{fx.hrAlice, fx.hrBob, fx.adAlice, fx.adBob, fx.adSvc, fx.csvCarol}
}

// seed fills s with the fixture through the direct API, moving the clock a
// second between objects so created and modified differ.
func seed(t testing.TB, s *Server) *fixture {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tick := func() { s.Clock().Advance(time.Second + 123*time.Millisecond) }
	var fx fixture
	var err error
	fx.alice, err = s.AddIdentity(Identity{Name: "Alice Anders", Alias: "alice", IdentityState: "ACTIVE", LifecycleState: "active"})
	must(err)
	fx.bob, err = s.AddIdentity(Identity{Name: "Bob Baker", IdentityState: "INACTIVE_LONG_TERM", LifecycleState: "terminated"})
	must(err)
	fx.carol, err = s.AddIdentity(Identity{Name: "Carol Chen"})
	must(err)
	fx.hr, err = s.AddSource(Source{Name: "HR", Authoritative: true, Owner: &Ref{ID: fx.alice.ID}})
	must(err)
	fx.ad, err = s.AddSource(Source{Name: "Active Directory", Type: "Active Directory - Direct",
		Features: []string{"ENABLE", "UNLOCK"}})
	must(err)
	fx.csv, err = s.AddSource(Source{Name: "CSV", Type: "CSV", ConnectionType: "file"})
	must(err)
	fx.admins, err = s.AddEntitlement(Entitlement{Name: "Admins", SourceID: fx.ad.ID, Privileged: true})
	must(err)
	fx.users, err = s.AddEntitlement(Entitlement{Name: "Users", SourceID: fx.ad.ID})
	must(err)
	add := func(a Account) Account {
		t.Helper()
		tick()
		got, err := s.AddAccount(a)
		must(err)
		return got
	}
	fx.hrAlice = add(Account{SourceID: fx.hr.ID, NativeIdentity: "E001", Name: "alice", IdentityID: fx.alice.ID,
		Origin: "AGGREGATED", Attributes: map[string]any{"userName": "E001", "displayName": "alice", "dept": "eng"}})
	fx.hrBob = add(Account{SourceID: fx.hr.ID, NativeIdentity: "E002", Name: "bob", IdentityID: fx.bob.ID,
		Origin: "AGGREGATED", Attributes: map[string]any{"userName": "E002", "displayName": "bob"}})
	fx.adAlice = add(Account{SourceID: fx.ad.ID, NativeIdentity: "CN=alice", Name: "Alice", IdentityID: fx.alice.ID,
		Entitlements: []string{fx.admins.ID, fx.users.ID}, Recommendation: &Recommendation{Type: "HUMAN", Method: "SOURCE"}})
	fx.adBob = add(Account{SourceID: fx.ad.ID, NativeIdentity: "CN=bob", Name: "bob.ad", IdentityID: fx.bob.ID,
		Disabled: true, Locked: true, Entitlements: []string{fx.users.ID}, ManuallyCorrelated: true})
	fx.adSvc = add(Account{SourceID: fx.ad.ID, NativeIdentity: "CN=svc", Name: "svc", IsMachine: true,
		Origin: "PROVISIONED", UUID: ptr("{b0dce506-d6d4-44d2-8a32-d9a5b21fb175}"),
		Recommendation: &Recommendation{Type: "MACHINE", Method: "DISCOVERY"}, OwnerIdentity: &Ref{ID: fx.carol.ID, Name: "Carol Chen"}})
	fx.csvCarol = add(Account{SourceID: fx.csv.ID, NativeIdentity: "carol", IdentityID: fx.carol.ID,
		Description: ptr("a csv account"), Attributes: map[string]any{"userName": "carol"}})
	tick()
	return &fx
}

func ptr[T any](v T) *T { return &v }

// env is one server under test with a client for one of its APIs (whose
// do it has): ISC's with the server's Client and the seeded fixture
// (newEnv), or AgileNow's with a vendor token (newAnEnv).
type env struct {
	client
	s  *Server
	fx *fixture // nil for AgileNow
}

// newEnv starts a server with opts (a mode's options among them), seeds
// the fixture and returns a client with a full-rights token.
func newEnv(t testing.TB, opts ...Option) *env {
	t.Helper()
	s := New(t, opts...)
	return &env{client: iscClient(s.Client(), s.URL), s: s, fx: seed(t, s)}
}

// ids returns the "id" of each object.
func ids(objs []map[string]any) []string {
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		s, _ := o["id"].(string)
		out = append(out, s)
	}
	return out
}

// accountIDs returns the IDs of accounts.
func accountIDs(as ...Account) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

// taskID returns the id of a 202 {"id": ...} answer.
func taskID(t testing.TB, r result) string {
	t.Helper()
	id, err := taskIDOf(r)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// taskIDOf is taskID for any goroutine.
func taskIDOf(r result) (string, error) {
	if r.status != http.StatusAccepted {
		return "", fmt.Errorf("%s %s: status %d, want 202; body: %s", r.method, r.uri(), r.status, r.body)
	}
	var m struct{ ID string }
	if err := json.Unmarshal(r.body, &m); err != nil || !hex32.MatchString(m.ID) {
		return "", fmt.Errorf("%s %s: task id %q is not 32 hex characters (%v): %s", r.method, r.uri(), m.ID, err, r.body)
	}
	return m.ID, nil
}

// sortedIDs returns a sorted copy of ids.
func sortedIDs(ids []string) []string {
	return slices.Sorted(slices.Values(ids))
}
