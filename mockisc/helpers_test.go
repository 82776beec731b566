package mockisc

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// This file holds what every HTTP test shares: the two modes, the ISC
// fixture, and the one request helper. A request goes out through a
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

// plain is a client with no token of its own, over the socket or in
// process, whichever s has.
func plain(s *Server) *http.Client { return &http.Client{Transport: s.base()} }

// check is a pluggable answer check.
type check struct {
	name string
	// envelope names the error envelope of the API, which wantError reads.
	envelope envelope
	// lenient lets a transport error or a truncated body through as an
	// outcome (result.err) instead of a failure.
	lenient bool
	// problems says what is wrong with an answer; nil checks nothing. It
	// touches no testing.T, so any goroutine may run it.
	problems func(r result) []string
}

// envelope is an API's error envelope.
type envelope int

const (
	noEnvelope         envelope = iota
	iscEnvelopeKind             // ErrorResponseDto; 401 and 429 have shapes of their own
	vendorEnvelopeKind          // AgileNow's Error
)

var (
	iscCheck = check{name: "ISC", envelope: iscEnvelopeKind, problems: iscProblems}
	anCheck  = check{name: "AgileNow", envelope: vendorEnvelopeKind, problems: anProblems}
	rawCheck = check{name: "raw", lenient: true}
)

// client sends requests to one server through c and checks each answer.
type client struct {
	c    *http.Client
	base string // the server's URL, to which paths are appended
	chk  check
	hdr  []string // header name/value pairs sent with every request
}

// iscClient sends to ISC's API at base with c.
func iscClient(c *http.Client, base string) client { return client{c: c, base: base, chk: iscCheck} }

// anClient sends to the AgileNow API at base with c and, unless token is
// "", a vendor bearer token.
func anClient(c *http.Client, base, token string) client {
	k := client{c: c, base: base, chk: anCheck}
	if token != "" {
		k.hdr = []string{"Authorization", "Bearer " + token}
	}
	return k
}

// rawClient sends to base with c and checks nothing.
func rawClient(c *http.Client, base string) client { return client{c: c, base: base, chk: rawCheck} }

// result is an answered request.
type result struct {
	method string
	url    *url.URL // of the request that was answered
	status int
	header http.Header
	body   []byte
	// err is a transport error (no answer) or a body read error (a
	// truncated answer); only a lenient check lets one through.
	err error
	// envelope is the error envelope of the client's API.
	envelope envelope
}

// request builds a request for path on k's server: k's headers, then
// hdr (name/value pairs); a non-empty body is sent as application/json
// unless a header says otherwise.
func (k client) request(method, path, body string, hdr ...string) (*http.Request, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, k.base+path, rd)
	if err != nil {
		return nil, fmt.Errorf("%s %s: cannot build the request: %v", method, path, err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range [][]string{k.hdr, hdr} {
		for i := 0; i+1 < len(h); i += 2 {
			req.Header.Set(h[i], h[i+1])
		}
	}
	return req, nil
}

// exchange sends req, reads the answer and checks it. The error says
// what went wrong: the transport (unless the check is lenient) or the
// check's problems. It reports to no test, so any goroutine may call it.
func (k client) exchange(req *http.Request) (result, error) {
	r := result{method: req.Method, url: req.URL, envelope: k.chk.envelope}
	resp, err := k.c.Do(req)
	if err != nil {
		r.err = err
	} else {
		if resp.Request != nil {
			r.url = resp.Request.URL
		}
		r.status, r.header = resp.StatusCode, resp.Header
		r.body, r.err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if r.err != nil {
		if k.chk.lenient {
			return r, nil
		}
		return r, fmt.Errorf("%s %s: %w", req.Method, req.URL.RequestURI(), r.err)
	}
	if k.chk.problems == nil {
		return r, nil
	}
	if probs := k.chk.problems(r); len(probs) > 0 {
		return r, fmt.Errorf("%s %s -> %d: the answer fails the %s check:\n  %s\nbody: %s", r.method,
			req.URL.RequestURI(), r.status, k.chk.name, strings.Join(probs, "\n  "), r.body)
	}
	return r, nil
}

// try builds and exchanges a request; see exchange.
func (k client) try(method, path, body string, hdr ...string) (result, error) {
	req, err := k.request(method, path, body, hdr...)
	if err != nil {
		return result{method: method, err: err, envelope: k.chk.envelope}, err
	}
	return k.exchange(req)
}

// do sends a request from the test goroutine: a request that gets no
// answer fails the test at once (unless the check is lenient), and an
// answer that fails the check fails it at the end.
func (k client) do(t testing.TB, method, path, body string, hdr ...string) result {
	t.Helper()
	r, err := k.try(method, path, body, hdr...)
	return report(t, r, err)
}

// send is do for a request built by request and then changed.
func (k client) send(t testing.TB, req *http.Request) result {
	t.Helper()
	r, err := k.exchange(req)
	return report(t, r, err)
}

func report(t testing.TB, r result, err error) result {
	t.Helper()
	switch {
	case err == nil:
	case r.err != nil:
		t.Fatal(err)
	default:
		t.Error(err)
	}
	return r
}

// iscProblems is the ISC check: never a 5xx; a JSON body with a JSON
// content type, valid against the bundle for the route and status; every
// error but 401 and 429 in ISC's envelope; no body for HEAD.
func iscProblems(r result) []string {
	var out []string
	if r.status >= 500 {
		out = append(out, fmt.Sprintf("status %d", r.status))
	}
	if r.method == http.MethodHead {
		return append(out, headProblems(r)...)
	}
	if len(r.body) == 0 {
		return out
	}
	if p := jsonProblems(r); p != nil {
		return append(out, p...)
	}
	out = append(out, validateResponse(r.method, r.url.EscapedPath(), r.status, r.body)...)
	return append(out, envelopeProblems(r)...)
}

// anProblems is the AgileNow check: never a 5xx; a JSON body with a JSON
// content type, valid against Accounts.json; every error in the vendor's
// envelope; no body for HEAD.
func anProblems(r result) []string {
	var out []string
	if r.status >= 500 {
		out = append(out, fmt.Sprintf("status %d", r.status))
	}
	if r.method == http.MethodHead {
		return append(out, headProblems(r)...)
	}
	if len(r.body) == 0 {
		return append(out, "no body")
	}
	if p := jsonProblems(r); p != nil {
		return append(out, p...)
	}
	problems := validateAgileNowResponse(r.method, r.url.EscapedPath(), r.status, r.body)
	if projected(r.url) {
		// A Fields projection keeps only the members asked for; the
		// spec's required members may be among those left out.
		problems = slices.DeleteFunc(problems, func(p string) bool { return strings.Contains(p, ": required key ") })
	}
	out = append(out, problems...)
	return append(out, envelopeProblems(r)...)
}

// projected reports whether an AgileNow list asks for a Fields projection
// (a parameter named Fields in any case, not empty and not "*").
func projected(u *url.URL) bool {
	for k, v := range u.Query() {
		if strings.EqualFold(k, "Fields") && len(v) > 0 {
			if f := strings.TrimSpace(v[len(v)-1]); f != "" && f != "*" {
				return true
			}
		}
	}
	return false
}

// headProblems: a HEAD answer is a GET answer without the body.
func headProblems(r result) []string {
	if len(r.body) > 0 {
		return []string{fmt.Sprintf("a HEAD answer has a body of %d bytes", len(r.body))}
	}
	return nil
}

func jsonProblems(r result) []string {
	var out []string
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		out = append(out, fmt.Sprintf("Content-Type %q, want application/json", ct))
	}
	if !json.Valid(r.body) {
		out = append(out, "the body is not JSON")
	}
	return out
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

// want fails the test at once unless r has status want, and returns r.
func (r result) want(t testing.TB, want int) result {
	t.Helper()
	if r.status != want {
		t.Fatalf("%s %s: status %d, want %d; body: %s", r.method, r.uri(), r.status, want, r.body)
	}
	return r
}

// uri is the answered request's path and query, for messages.
func (r result) uri() string {
	if r.url == nil {
		return "?"
	}
	return r.url.RequestURI()
}

// path is the answered request's path, decoded, as the vendor's Error
// names it in Instance.
func (r result) path() string {
	if r.url == nil {
		return ""
	}
	return r.url.Path
}

// The two error envelopes, as wantError decodes them.
type (
	// iscErr is ISC's ErrorResponseDto.
	iscErr struct {
		DetailCode string   `json:"detailCode"`
		TrackingID string   `json:"trackingId"`
		Messages   []iscMsg `json:"messages"`
		Causes     []iscMsg `json:"causes"`
	}
	// iscMsg is ISC's ErrorMessageDto.
	iscMsg struct {
		Locale       string `json:"locale"`
		LocaleOrigin string `json:"localeOrigin"`
		Text         string `json:"text"`
	}
	// anErr is the vendor's Error.
	anErr struct {
		Errors     []string
		Type       string
		Title      string
		StatusCode int
		Instance   string
		RequestKey string
	}
)

var (
	hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)
	guid  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// anTitle is the vendor's Title for an error status: the status text,
// but "Bad Request" (sic, as the vendor documents it) for 403.
func anTitle(status int) string {
	if status == http.StatusForbidden {
		return "Bad Request"
	}
	return http.StatusText(status)
}

// decodeError decodes r's body in the envelope of r's API, refusing
// members the envelope does not have, and returns its code (detailCode or
// Type), its messages, and what is wrong with it whatever the error was:
// for ISC, a detailCode, a 32-hex trackingId and one message with text;
// for the vendor, messages, a Type under /Errors/, Title and StatusCode
// for the status, Instance the request path and a GUID RequestKey. ok is
// false when the body is not the envelope at all (probs says why).
func decodeError(r result) (code string, msgs, probs []string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	switch r.envelope {
	case iscEnvelopeKind:
		var e iscErr
		if err := dec.Decode(&e); err != nil {
			return "", nil, []string{fmt.Sprintf("not an ErrorResponseDto: %v", err)}, false
		}
		if e.DetailCode == "" {
			probs = append(probs, "detailCode is empty")
		}
		if !hex32.MatchString(e.TrackingID) {
			probs = append(probs, fmt.Sprintf("trackingId %q is not 32 hex characters", e.TrackingID))
		}
		if len(e.Messages) != 1 {
			probs = append(probs, fmt.Sprintf("messages %v, want one", e.Messages))
		}
		for _, m := range e.Messages {
			if m.Text == "" {
				probs = append(probs, "a message has no text")
			}
			msgs = append(msgs, m.Text)
		}
		return e.DetailCode, msgs, probs, true
	case vendorEnvelopeKind:
		var e anErr
		if err := dec.Decode(&e); err != nil {
			return "", nil, []string{fmt.Sprintf("not the vendor's Error envelope: %v", err)}, false
		}
		if len(e.Errors) == 0 {
			probs = append(probs, "Errors is empty")
		}
		if !strings.HasPrefix(e.Type, "/Errors/") {
			probs = append(probs, fmt.Sprintf("Type %q is not under /Errors/", e.Type))
		}
		if e.Title != anTitle(r.status) {
			probs = append(probs, fmt.Sprintf("Title %q, want %q", e.Title, anTitle(r.status)))
		}
		if e.StatusCode != r.status {
			probs = append(probs, fmt.Sprintf("StatusCode %d, status %d", e.StatusCode, r.status))
		}
		if want := jsonText(r.path()); e.Instance != want {
			probs = append(probs, fmt.Sprintf("Instance %q, want the request path %q", e.Instance, want))
		}
		if !guid.MatchString(e.RequestKey) {
			probs = append(probs, fmt.Sprintf("RequestKey %q is not a GUID", e.RequestKey))
		}
		return e.Type, e.Errors, probs, true
	}
	return "", nil, []string{"the answer has no known error envelope (a raw check?)"}, false
}

// jsonText is s as a JSON string carries it: invalid UTF-8 bytes become
// U+FFFD.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// envelopeProblems is what the checks ask of every error: ISC's envelope
// (but for 401 and 429, whose shapes the schema check covers, and the
// token endpoint, whose own tests check its OAuth errors), or the
// vendor's.
func envelopeProblems(r result) []string {
	if r.status < 400 {
		return nil
	}
	if r.envelope == iscEnvelopeKind && (r.status == 401 || r.status == 429 || r.url.Path == "/oauth/token") {
		return nil // shapes of their own: {"error"}, {"message"}, OAuth's {"error", "error_description"}
	}
	_, _, probs, _ := decodeError(r)
	return probs
}

// wantError asserts an error answer in the envelope of the API that gave
// it (ISC's ErrorResponseDto, or the vendor's Error): the status, the
// code (ISC's detailCode, the vendor's Type), the envelope's invariants
// (see decodeError) and messages that mention each of texts. ISC's one
// message must contain every text; of the vendor's Errors, some must.
func wantError(t testing.TB, r result, status int, code string, texts ...string) {
	t.Helper()
	r.want(t, status)
	got, msgs, probs, ok := decodeError(r)
	if !ok {
		t.Fatalf("%s %s: %s: %s", r.method, r.uri(), probs[0], r.body)
	}
	for _, p := range probs {
		t.Errorf("%s %s: %s; body %s", r.method, r.uri(), p, r.body)
	}
	if got != code {
		t.Errorf("%s %s: code %q, want %q", r.method, r.uri(), got, code)
	}
	all := strings.Join(msgs, "\n")
	for _, s := range texts {
		if !strings.Contains(all, s) {
			t.Errorf("%s %s: messages %q do not mention %q", r.method, r.uri(), msgs, s)
		}
	}
}

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
