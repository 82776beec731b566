package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// t0 is the instant every test engine's manual clock starts at.
var t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Scopes, levels and the registered client of the test engine.
const (
	scopeRead    = "idn:accounts:read"
	scopeManage  = "idn:accounts:manage"
	scopeSources = "idn:sources:read"
	scopeTenant  = "idn:tenant:read"
	scopeAgile   = "agile:read"
	levelAdmin   = "ORG_ADMIN"
	levelHelp    = "HELPDESK"
	regClient    = "registered"
	regSecret    = "s3cret"
	maxBody      = 1024
	tokenTTL     = time.Hour
	guardHeader  = "X-Admin-Key"
	guardKey     = "open-sesame"
	trackingExpr = `^[0-9a-f]{32}$`
)

var trackingRE = regexp.MustCompile(trackingExpr)

// envBody is what the recording envelopes render.
type envBody struct {
	Surface  string `json:"surface"`
	Status   int    `json:"status"`
	Code     string `json:"code"`
	Text     string `json:"text"`
	Tracking string `json:"tracking"`
	Route    string `json:"route"`
}

// recEnvelope renders errors as envBody and remembers every call it saw.
type recEnvelope struct {
	name string

	mu    sync.Mutex
	calls []*Call
}

func (r *recEnvelope) ErrorBody(c *Call, e *Error, tracking string) []byte {
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
	route := ""
	if c.Route != nil {
		route = c.Route.Pattern
	}
	return Marshal(envBody{Surface: r.name, Status: e.Status, Code: e.Code, Text: e.Text, Tracking: tracking, Route: route})
}

func (r *recEnvelope) seen() []*Call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Call(nil), r.calls...)
}

// options tune a test engine.
type options struct {
	noAuth  bool
	limit   sim.RateLimit
	latency sim.Latency
	journal int // journal limit; 0 means 1000
	seed    uint64
}

// testEnv is a small engine with four surfaces:
//
//   - A, the default, with ISC-like routes under /v3, /beta and /oauth;
//   - B, owning /agile/, with noun "AgileNow operation";
//   - C, owning /agile/v2/ (a longer prefix inside B's);
//   - D, Direct, owning /admin/, guarded by the X-Admin-Key header.
type testEnv struct {
	e       *Engine
	clock   *sim.Clock
	ids     *sim.Rand
	rules   *sim.Rules
	limiter *sim.Limiter
	delay   *sim.Delay
	journal *Journal
	tokens  *Tokens

	envA, envB, envC, envD *recEnvelope

	mu       sync.Mutex
	handled  []*Call // every call a pipeline handler ran
	direct   int     // Serve calls on D
	clientNo int
}

// echo is the body of the test handlers' answers.
type echo struct {
	Route     string `json:"route"`
	ID        string `json:"id,omitempty"`
	TaskError string `json:"taskError,omitempty"`
	ClientID  string `json:"clientId,omitempty"`
	Body      string `json:"body,omitempty"`
}

func newEnv(t testing.TB, o options) *testEnv {
	t.Helper()
	if o.journal == 0 {
		o.journal = 1000
	}
	if o.seed == 0 {
		o.seed = 42
	}
	te := &testEnv{
		clock:   sim.NewClock(false, t0),
		ids:     sim.NewRand(o.seed),
		limiter: sim.NewLimiter(o.limit),
		journal: NewJournal(o.journal),
		envA:    &recEnvelope{name: "A"},
		envB:    &recEnvelope{name: "B"},
		envC:    &recEnvelope{name: "C"},
		envD:    &recEnvelope{name: "D"},
	}
	te.rules = sim.NewRules(te.ids)
	te.delay = sim.NewDelay(o.latency, te.ids)
	te.tokens = NewTokens(TokenConfig{
		Clients: map[string]Client{
			regClient: {ID: regClient, Secret: regSecret, Scopes: []string{scopeRead, scopeManage}, Authorities: []string{levelAdmin}},
		},
		TTL:    tokenTTL,
		Claims: map[string]any{"tenant": "acme", "pod": "stg01"},
	}, te.clock, te.ids)
	te.e = New(Config{
		Clock: te.clock, RequestIDs: te.ids, Rules: te.rules, Limiter: te.limiter, Delay: te.delay,
		Journal: te.journal, Tokens: te.tokens, Auth: !o.noAuth, MaxBody: maxBody,
	})

	h := te.handler
	te.e.Mount(&Surface{Name: "A", Envelope: te.envA},
		&Route{Method: "GET", Pattern: "/v3/accounts/{id}", API: "v3", Scopes: []string{scopeRead, scopeManage}, Handle: h},
		&Route{Method: "PATCH", Pattern: "/v3/accounts/{id}", API: "v3", Scopes: []string{scopeManage}, Levels: []string{levelAdmin}, Tasks: true, Handle: h},
		&Route{Method: "POST", Pattern: "/v3/accounts/{id}/enable", API: "v3", Scopes: []string{scopeManage}, Tasks: true, Handle: h},
		&Route{Method: "POST", Pattern: "/v3/echo", API: "v3", Scopes: []string{scopeRead}, Handle: h},
		&Route{Method: "GET", Pattern: "/v3/sources", API: "v3", Scopes: []string{scopeSources}, AlsoScopes: []string{scopeTenant, "idn:tenant:manage"}, Handle: h},
		&Route{Method: "GET", Pattern: "/v3/admin-only", API: "v3", Scopes: []string{scopeRead}, Levels: []string{levelAdmin}, Handle: h},
		&Route{Method: "GET", Pattern: "/v3/unlimited", Scopes: []string{scopeRead}, Handle: h},
		&Route{Method: "GET", Pattern: "/beta/accounts", API: "beta", Scopes: []string{scopeRead}, Handle: h},
		&Route{Method: "GET", Pattern: "/public/ping", Handle: h},
		&Route{Method: "POST", Pattern: "/oauth/token", Credentials: true, Handle: te.token},
		// One path under every probed method, mounted out of probe order.
		&Route{Method: "DELETE", Pattern: "/multi", Handle: h},
		&Route{Method: "PATCH", Pattern: "/multi", Handle: h},
		&Route{Method: "PUT", Pattern: "/multi", Handle: h},
		&Route{Method: "POST", Pattern: "/multi", Handle: h},
		&Route{Method: "GET", Pattern: "/multi", Handle: h},
	)
	te.e.Mount(&Surface{Name: "B", Prefixes: []string{"/agile/"}, Envelope: te.envB, Operations: "AgileNow operation"},
		&Route{Method: "GET", Pattern: "/agile/v1/items/{id}", API: "agilenow", Scopes: []string{scopeAgile}, Handle: h},
		&Route{Method: "POST", Pattern: "/agile/v1/token", Credentials: true, Handle: te.token},
	)
	te.e.Mount(&Surface{Name: "C", Prefixes: []string{"/agile/v2/"}, Envelope: te.envC})
	te.e.Mount(&Surface{Name: "D", Prefixes: []string{"/admin/"}, Envelope: te.envD, Direct: true, Guard: guard},
		&Route{Method: "GET", Pattern: "/admin/items/{id}", Serve: te.serveDirect},
	)
	return te
}

// guard lets through requests with the admin key and refuses the others
// with a plain 403.
func guard(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get(guardHeader) == guardKey {
		return true
	}
	http.Error(w, "guard says no", http.StatusForbidden)
	return false
}

func (te *testEnv) handler(c *Call) *Response {
	te.mu.Lock()
	te.handled = append(te.handled, c)
	te.mu.Unlock()
	return JSON(http.StatusOK, echo{
		Route: c.Route.Pattern, ID: c.PathValue("id"), TaskError: c.TaskError,
		ClientID: c.ClientID, Body: string(c.Body),
	})
}

func (te *testEnv) serveDirect(w http.ResponseWriter, r *http.Request) {
	te.mu.Lock()
	te.direct++
	te.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "direct "+r.PathValue("id"))
}

// token is a token endpoint: the client credentials grant.
func (te *testEnv) token(c *Call) *Response {
	id, secret, gerr := ClientCredentials(c)
	if gerr != nil {
		return Fail(http.StatusBadRequest, gerr.Code, "%s", gerr.Msg)
	}
	c.ClientID = id
	tok, err := te.tokens.Issue(id, secret, []string{scopeRead}, nil)
	if err != nil {
		return Fail(http.StatusUnauthorized, "invalid_client", "%v", err)
	}
	return JSON(http.StatusOK, map[string]string{"access_token": tok.Value})
}

func (te *testEnv) handledCalls() []*Call {
	te.mu.Lock()
	defer te.mu.Unlock()
	return append([]*Call(nil), te.handled...)
}

func (te *testEnv) directCalls() int {
	te.mu.Lock()
	defer te.mu.Unlock()
	return te.direct
}

// issue mints a token for a fresh unregistered client.
func (te *testEnv) issue(t testing.TB, scopes []string, levels ...string) *Token {
	t.Helper()
	te.mu.Lock()
	te.clientNo++
	id := fmt.Sprintf("client-%d", te.clientNo)
	te.mu.Unlock()
	tok, err := te.tokens.Issue(id, "", scopes, levels)
	if err != nil {
		t.Fatalf("Issue(%s): %v", id, err)
	}
	return tok
}

// bearer returns the header list for tok.
func bearer(tok *Token) []string { return []string{"Authorization", "Bearer " + tok.Value} }

// result is what serving one in-process request gave.
type result struct {
	rec     *httptest.ResponseRecorder
	aborted bool // the handler panicked with http.ErrAbortHandler
}

func (r result) status() int { return r.rec.Code }

// env decodes the body as an envelope.
func (r result) env(t testing.TB) envBody {
	t.Helper()
	var b envBody
	if err := json.Unmarshal(r.rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("body %q is not an envelope: %v", r.rec.Body.String(), err)
	}
	return b
}

// echo decodes the body as a handler's echo.
func (r result) echo(t testing.TB) echo {
	t.Helper()
	var b echo
	if err := json.Unmarshal(r.rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("body %q is not an echo: %v", r.rec.Body.String(), err)
	}
	if b.Route == "" {
		t.Fatalf("body %q is not a handler's answer", r.rec.Body.String())
	}
	return b
}

// serve serves req in process. An http.ErrAbortHandler panic is caught
// and reported; any other panic fails the test.
func (te *testEnv) serve(t testing.TB, req *http.Request) (res result) {
	t.Helper()
	res.rec = httptest.NewRecorder()
	defer func() {
		if p := recover(); p != nil {
			if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				res.aborted = true
				return
			}
			t.Fatalf("%s %s panicked: %v", req.Method, req.URL, p)
		}
	}()
	te.e.ServeHTTP(res.rec, req)
	return res
}

// do serves a request built from method, target, body ("" for none) and
// header pairs.
func (te *testEnv) do(t testing.TB, method, target, body string, header ...string) result {
	t.Helper()
	return te.serve(t, newReq(method, target, body, header...))
}

func newReq(method, target, body string, header ...string) *http.Request {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	return req
}

// wantError checks that res is an error of surface in its envelope, with
// status, code and a text containing every fragment, and a tracking id.
func wantError(t testing.TB, res result, surface string, status int, code string, fragments ...string) envBody {
	t.Helper()
	if res.aborted {
		t.Fatalf("aborted; want %d from %s", status, surface)
	}
	if res.status() != status {
		t.Fatalf("status %d (body %s); want %d", res.status(), res.rec.Body, status)
	}
	b := res.env(t)
	if b.Surface != surface || b.Status != status || b.Code != code {
		t.Errorf("envelope %+v; want surface %s, status %d, code %q", b, surface, status, code)
	}
	for _, f := range fragments {
		if !strings.Contains(b.Text, f) {
			t.Errorf("text %q does not contain %q", b.Text, f)
		}
	}
	if !trackingRE.MatchString(b.Tracking) {
		t.Errorf("tracking %q is not a 32-hex id", b.Tracking)
	}
	if ct := res.rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q; want application/json", ct)
	}
	return b
}

// wantOK checks that a handler answered res with 200.
func wantOK(t testing.TB, res result) echo {
	t.Helper()
	if res.aborted {
		t.Fatal("aborted; want 200")
	}
	if res.status() != http.StatusOK {
		t.Fatalf("status %d (body %s); want 200", res.status(), res.rec.Body)
	}
	return res.echo(t)
}

// addRule adds a rule straight to the rule list.
func (te *testEnv) addRule(t testing.TB, f sim.Fault) {
	t.Helper()
	if _, err := te.rules.Add(f, te.clock.Now()); err != nil {
		t.Fatalf("Rules.Add(%+v): %v", f, err)
	}
}

// wantErrText fails t unless err is an error containing every fragment.
func wantErrText(t testing.TB, err error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error; want one containing %q", fragments)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not contain %q", err, f)
		}
	}
}

// ruleStatus is a rule answering status to every call.
func ruleStatus(status int) sim.Fault { return sim.Fault{Status: status} }

// rateLimitOne allows one call per minute.
func rateLimitOne() sim.RateLimit { return sim.RateLimit{Limit: 1, Window: time.Minute} }
