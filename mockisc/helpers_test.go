package mockisc

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

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

// env is one server under test with a client and its fixture.
type env struct {
	t  *testing.T
	s  *Server
	c  *http.Client
	fx *fixture
}

// newEnv starts a server with opts (a mode's options among them), seeds
// the fixture and returns a client with a full-rights token.
func newEnv(t *testing.T, opts ...Option) *env {
	t.Helper()
	s := New(t, opts...)
	return &env{t: t, s: s, c: s.Client(), fx: seed(t, s)}
}

// result is an answered request.
type result struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a generic value.
func (r result) json(t testing.TB) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.body)
	}
	return v
}

// obj decodes the body as a JSON object.
func (r result) obj(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.json(t).(map[string]any)
	if !ok {
		t.Fatalf("body is not a JSON object: %s", r.body)
	}
	return m
}

// list decodes the body as a JSON array of objects.
func (r result) list(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("body is not a JSON array of objects: %v\n%s", err, r.body)
	}
	return out
}

// do sends a request with e's client. hdr holds header name/value pairs;
// a non-empty body gets Content-Type application/json unless hdr sets one.
func (e *env) do(method, path, body string, hdr ...string) result {
	e.t.Helper()
	return send(e.t, e.c, e.s.URL, method, path, body, hdr...)
}

// send sends a request with c to base+path, checks the answer against
// the spec (see checkResponse) and returns it.
func send(t testing.TB, c *http.Client, base, method, path, body string, hdr ...string) result {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	r := result{status: resp.StatusCode, header: resp.Header, body: b}
	checkResponse(t, method, path, r)
	return r
}

// checkResponse asserts what holds for every answer: never a 5xx, a JSON
// body with a JSON content type, and a body valid against the OpenAPI
// schema of the operation and status.
func checkResponse(t testing.TB, method, path string, r result) {
	t.Helper()
	if r.status >= 500 {
		t.Errorf("%s %s: status %d: %s", method, path, r.status, r.body)
	}
	if len(r.body) == 0 {
		return
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q, want application/json", method, path, ct)
	}
	if !json.Valid(r.body) {
		t.Errorf("%s %s: body is not JSON: %s", method, path, r.body)
		return
	}
	if errs := validateResponse(method, path, r.status, r.body); len(errs) > 0 {
		t.Errorf("%s %s -> %d: body does not match the spec:\n  %s\nbody: %s", method, path, r.status,
			strings.Join(errs, "\n  "), r.body)
	}
}

// wantStatus fails the test unless r has status want.
func wantStatus(t testing.TB, r result, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d; body: %s", r.status, want, r.body)
	}
}

// wantError asserts an ErrorResponseDto with status, detailCode and a
// message containing every one of texts.
func wantError(t testing.TB, r result, status int, detail string, texts ...string) {
	t.Helper()
	wantStatus(t, r, status)
	var e errorBody
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("not an ErrorResponseDto: %v: %s", err, r.body)
	}
	if e.DetailCode != detail {
		t.Errorf("detailCode %q, want %q", e.DetailCode, detail)
	}
	if len(e.TrackingID) != 32 {
		t.Errorf("trackingId %q is not 32 hex characters", e.TrackingID)
	}
	if len(e.Messages) != 1 {
		t.Fatalf("messages %v, want one", e.Messages)
	}
	for _, s := range texts {
		if !strings.Contains(e.Messages[0].Text, s) {
			t.Errorf("message %q does not contain %q", e.Messages[0].Text, s)
		}
	}
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
	wantStatus(t, r, http.StatusAccepted)
	id, _ := r.obj(t)["id"].(string)
	if len(id) != 32 {
		t.Fatalf("task id %q is not 32 hex characters", id)
	}
	return id
}

// sortedIDs returns a sorted copy of ids.
func sortedIDs(ids []string) []string {
	return slices.Sorted(slices.Values(ids))
}
