package engine

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/mockisc/mockisc/internal/sim"
)

// TestFaultAnswers checks what a firing rule answers instead of the
// handler, on a call with a valid token.
func TestFaultAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		rule    sim.Fault
		target  string
		status  int
		surface string // "" when the body is raw
		code    string
		text    string
		body    string // raw body, when surface is ""
		headers map[string]string
		handled bool
	}{
		{
			name:   "status with a body answers the raw body",
			rule:   sim.Fault{Status: 418, Body: json.RawMessage(`{"teapot": "<yes>"}`)},
			status: 418, body: `{"teapot": "<yes>"}`,
		},
		{
			name:   "429 gets Retry-After 1",
			rule:   sim.Fault{Status: http.StatusTooManyRequests},
			status: http.StatusTooManyRequests, surface: "A", text: TextRateLimited,
			headers: map[string]string{"Retry-After": "1"},
		},
		{
			name:   "401 says the token is not valid",
			rule:   sim.Fault{Status: http.StatusUnauthorized},
			status: http.StatusUnauthorized, surface: "A", text: TextBadToken,
		},
		{
			name:   "503 in the surface's envelope with FaultText",
			rule:   sim.Fault{Status: http.StatusServiceUnavailable},
			status: http.StatusServiceUnavailable, surface: "A", text: FaultText(http.StatusServiceUnavailable),
		},
		{
			name:   "an unusual status gets its status text",
			rule:   sim.Fault{Status: http.StatusBadGateway},
			status: http.StatusBadGateway, surface: "A", text: "Bad Gateway",
		},
		{
			name:   "the envelope is the route's surface's",
			rule:   sim.Fault{Path: "/agile/v1/items/{id}", Status: http.StatusNotFound},
			target: "/agile/v1/items/9",
			status: http.StatusNotFound, surface: "B", text: FaultText(http.StatusNotFound),
		},
		{
			name:   "headers are added to a status answer",
			rule:   sim.Fault{Status: http.StatusInternalServerError, Headers: map[string]string{"x-fault": "yes", "Retry-After": "7"}},
			status: http.StatusInternalServerError, surface: "A", text: FaultText(http.StatusInternalServerError),
			headers: map[string]string{"X-Fault": "yes", "Retry-After": "7"},
		},
		{
			name:   "headers are added to a raw body answer",
			rule:   sim.Fault{Status: 400, Body: json.RawMessage(`[]`), Headers: map[string]string{"X-Fault": "raw"}},
			status: 400, body: `[]`, headers: map[string]string{"X-Fault": "raw"},
		},
		{
			name:   "a headers-only rule lets the handler answer, with its headers",
			rule:   sim.Fault{Headers: map[string]string{"X-Fault": "through"}},
			status: http.StatusOK, headers: map[string]string{"X-Fault": "through"}, handled: true,
		},
		{
			name:   "a rule for another path does not fire",
			rule:   sim.Fault{Path: "/v3/sources", Status: 500},
			status: http.StatusOK, handled: true,
		},
		{
			name:   "a rule for another method does not fire",
			rule:   sim.Fault{Method: "PATCH", Status: 500},
			status: http.StatusOK, handled: true,
		},
		{
			name:   "a rule matching the client fires",
			rule:   sim.Fault{ClientID: regClient, Status: 500},
			status: 500, surface: "A", text: FaultText(500),
		},
		{
			name:   "a glob rule fires",
			rule:   sim.Fault{Path: "/v3/accounts/*", Status: 500},
			status: 500, surface: "A", text: FaultText(500),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, options{})
			te.addRule(t, tt.rule)
			tok, err := te.tokens.Issue(regClient, regSecret, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			target := tt.target
			if target == "" {
				target = "/v3/accounts/1"
			}
			h := bearer(tok)
			if tt.surface == "B" {
				h = bearer(te.issue(t, []string{scopeAgile}))
			}
			res := te.do(t, "GET", target, "", h...)
			switch {
			case tt.handled:
				wantOK(t, res)
			case tt.surface != "":
				b := wantError(t, res, tt.surface, tt.status, tt.code)
				if b.Text != tt.text {
					t.Errorf("text %q; want %q", b.Text, tt.text)
				}
			default:
				if res.status() != tt.status || res.rec.Body.String() != tt.body {
					t.Errorf("got %d %q; want %d %q", res.status(), res.rec.Body, tt.status, tt.body)
				}
				if ct := res.rec.Header().Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q", ct)
				}
			}
			for k, v := range tt.headers {
				if got := res.rec.Header().Get(k); got != v {
					t.Errorf("header %s: %q; want %q", k, got, v)
				}
			}
			if n := len(te.handledCalls()); (n == 1) != tt.handled {
				t.Errorf("handler ran %d times", n)
			}
			if e, ok := te.journal.Last(); !ok || e.Status != tt.status {
				t.Errorf("journal entry %+v; want status %d", e, tt.status)
			}
		})
	}
}

// TestFaultRuleCounters checks that the engine fires rules in order and
// that a limited rule stops firing.
func TestFaultRuleCounters(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.addRule(t, sim.Fault{Path: "/v3/accounts/{id}", Status: 503, Times: 1})
	te.addRule(t, sim.Fault{Path: "/v3/accounts/2", Status: 500})
	h := bearer(te.issue(t, []string{scopeRead}))
	wantError(t, te.do(t, "GET", "/v3/accounts/2", "", h...), "A", 503, "")
	wantError(t, te.do(t, "GET", "/v3/accounts/2", "", h...), "A", 500, "")
	wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...))
	rules := te.rules.List()
	if rules[0].Seen != 3 || rules[0].Fired != 1 || rules[1].Seen != 2 || rules[1].Fired != 1 {
		t.Errorf("counters %d/%d and %d/%d; want 3/1 and 2/1",
			rules[0].Seen, rules[0].Fired, rules[1].Seen, rules[1].Fired)
	}
}

// TestFaultDropInProcess checks that a drop rule aborts the handler
// without writing anything, and journals status 0.
func TestFaultDropInProcess(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.addRule(t, sim.Fault{Drop: true, Headers: map[string]string{"X-Fault": "drop"}})
	res := te.do(t, "GET", "/v3/accounts/1", "", bearer(te.issue(t, []string{scopeRead}))...)
	if !res.aborted {
		t.Fatalf("got %d; want the handler aborted", res.status())
	}
	if res.rec.Body.Len() != 0 || len(res.rec.Header()) != 0 {
		t.Errorf("a dropped call wrote %v %q", res.rec.Header(), res.rec.Body)
	}
	if n := len(te.handledCalls()); n != 0 {
		t.Errorf("handler ran %d times", n)
	}
	e, ok := te.journal.Last()
	if !ok || e.Status != 0 || e.Route != "/v3/accounts/{id}" {
		t.Errorf("journal entry %+v; want status 0", e)
	}
	// A drop also cuts an unauthenticated call short.
	res = te.do(t, "GET", "/v3/accounts/1", "")
	if !res.aborted {
		t.Errorf("unauthenticated call got %d; want dropped before its 401", res.status())
	}
}

// TestFaultTruncateInProcess checks the truncate rule's writes: the full
// Content-Length, half the body, then an abort.
func TestFaultTruncateInProcess(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.addRule(t, sim.Fault{Truncate: true, Times: 1})
	h := bearer(te.issue(t, []string{scopeRead}))
	full := te.do(t, "GET", "/v3/accounts/abcdef", "", h...) // the rule fires: truncated
	if !full.aborted {
		t.Fatal("a truncated answer did not abort the handler")
	}
	whole := te.do(t, "GET", "/v3/accounts/abcdef", "", h...) // Times 1: whole
	if whole.aborted || whole.status() != 200 {
		t.Fatalf("second call: aborted %v, status %d", whole.aborted, whole.status())
	}
	want := whole.rec.Body.Bytes()
	got := full.rec.Body.Bytes()
	if string(got) != string(want[:len(want)/2]) {
		t.Errorf("truncated body %q; want the first half of %q", got, want)
	}
	if cl := full.rec.Header().Get("Content-Length"); cl != strconv.Itoa(len(want)) {
		t.Errorf("Content-Length %q; want the full %d", cl, len(want))
	}
	if full.rec.Code != 200 {
		t.Errorf("status %d; want the handler's 200", full.rec.Code)
	}
	if n := len(te.handledCalls()); n != 2 {
		t.Errorf("handler ran %d times; want 2 (truncate handles the call)", n)
	}
	if es := te.journal.Entries(); len(es) != 2 || es[0].Status != 200 {
		t.Errorf("journal %+v; want the truncated call journaled with its status", es)
	}
}

// TestFaultDropOverNetwork checks that a client sees a dropped call as a
// connection closed with no response.
func TestFaultDropOverNetwork(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.addRule(t, sim.Fault{Drop: true})
	srv := httptest.NewServer(te.e)
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/public/ping")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got %s; want the connection dropped", resp.Status)
	}
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Logf("client error: %v", err)
	}
	if e, _ := te.journal.Last(); e.Status != 0 || e.Path != "/public/ping" {
		t.Errorf("journal entry %+v; want status 0", e)
	}
}

// TestFaultTruncateOverNetwork checks that a client of a truncated call
// gets the headers with the full Content-Length, half the body, then an
// unexpected EOF.
func TestFaultTruncateOverNetwork(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		name, id string
	}{
		{"small body", "abc"},
		{"large body", longID(5000)},
	} {
		t.Run(size.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, options{noAuth: true})
			srv := httptest.NewServer(te.e)
			defer srv.Close()
			c := srv.Client()
			get := func() (*http.Response, []byte, error) {
				resp, err := c.Get(srv.URL + "/v3/accounts/" + size.id)
				if err != nil {
					return nil, nil, err
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				return resp, b, err
			}
			_, whole, err := get()
			if err != nil {
				t.Fatal(err)
			}
			te.addRule(t, sim.Fault{Truncate: true})
			resp, half, err := get()
			if resp == nil {
				t.Fatalf("no response at all (%v); want the headers and half the body", err)
			}
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("reading the body: %v; want unexpected EOF", err)
			}
			if resp.StatusCode != 200 || resp.ContentLength != int64(len(whole)) {
				t.Errorf("status %d, Content-Length %d; want 200, %d", resp.StatusCode, resp.ContentLength, len(whole))
			}
			if string(half) != string(whole[:len(whole)/2]) {
				t.Errorf("got %d bytes %.40q; want the first %d", len(half), half, len(whole)/2)
			}
		})
	}
}

func longID(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return string(b)
}

// TestTaskError checks that a rule's taskError reaches the handler only on
// routes with Tasks.
func TestTaskError(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	if _, err := te.e.AddFault(sim.Fault{TaskError: "boom"}); err != nil {
		t.Fatal(err)
	}
	// A rule straight in the list, bypassing AddFault's check: it still
	// never acts on a route without tasks.
	te.addRule(t, sim.Fault{Method: "GET", TaskError: "never"})
	tok, err := te.tokens.Issue(regClient, regSecret, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := bearer(tok)
	if got := wantOK(t, te.do(t, "PATCH", "/v3/accounts/1", "", h...)).TaskError; got != "boom" {
		t.Errorf("task route: TaskError %q; want boom", got)
	}
	if got := wantOK(t, te.do(t, "POST", "/v3/accounts/1/enable", "", h...)).TaskError; got != "boom" {
		t.Errorf("task route: TaskError %q; want boom", got)
	}
	if got := wantOK(t, te.do(t, "GET", "/v3/accounts/1", "", h...)).TaskError; got != "" {
		t.Errorf("route without tasks: TaskError %q; want none", got)
	}
	rules := te.rules.List()
	if rules[0].Fired != 2 || rules[1].Fired != 0 {
		t.Errorf("fired %d and %d; want 2 and 0", rules[0].Fired, rules[1].Fired)
	}
}

// TestAddFault checks AddFault's validation and its taskError check.
func TestAddFault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		rule sim.Fault
		err  []string // fragments of the refusal; nil to accept
	}{
		{"task route by pattern", sim.Fault{Method: "PATCH", Path: "/v3/accounts/{id}", TaskError: "x"}, nil},
		{"task route by lower-case method", sim.Fault{Method: "patch", Path: "/v3/accounts/{id}", TaskError: "x"}, nil},
		{"task route by concrete path", sim.Fault{Path: "/v3/accounts/abc", TaskError: "x"}, nil},
		{"task route by concrete path and method", sim.Fault{Method: "POST", Path: "/v3/accounts/abc/enable", TaskError: "x"}, nil},
		{"task route by glob", sim.Fault{Path: "/v3/accounts/*", TaskError: "x"}, nil},
		{"task route by glob inside", sim.Fault{Method: "POST", Path: "/v3/*/*/enable", TaskError: "x"}, nil},
		{"empty path", sim.Fault{TaskError: "x"}, nil},
		{"empty path, task method", sim.Fault{Method: "POST", TaskError: "x"}, nil},
		{"no taskError: any path goes", sim.Fault{Path: "/nowhere", Status: 500}, nil},
		{"taskError on a read", sim.Fault{Method: "GET", Path: "/v3/accounts/{id}", TaskError: "x"},
			[]string{"no route that answers with a task matches GET /v3/accounts/{id}"}},
		{"taskError on a path without tasks, any method", sim.Fault{Path: "/v3/sources", TaskError: "x"},
			[]string{"matches any method /v3/sources"}},
		{"taskError on a concrete path of the wrong method", sim.Fault{Method: "DELETE", Path: "/v3/accounts/abc", TaskError: "x"},
			[]string{"DELETE /v3/accounts/abc"}},
		{"taskError on a glob reaching no task route", sim.Fault{Path: "/agile/*/items/*", TaskError: "x"},
			[]string{"any method /agile/*/items/*"}},
		{"taskError on an unrouted path", sim.Fault{Path: "/nowhere", TaskError: "x"},
			[]string{"any method /nowhere"}},
		{"taskError on a method with no task route", sim.Fault{Method: "PUT", TaskError: "x"},
			[]string{"PUT "}},
		{"status and drop", sim.Fault{Status: 500, Drop: true}, []string{"alternatives"}},
		{"no action", sim.Fault{Path: "/v3/sources"}, []string{"no action"}},
		{"bad status", sim.Fault{Status: 700}, []string{"status 700"}},
		{"bad probability", sim.Fault{Status: 500, Probability: 1.5}, []string{"probability"}},
		{"bad body", sim.Fault{Status: 500, Body: json.RawMessage(`{`)}, []string{"body", "not valid JSON"}},
		{"bad glob", sim.Fault{Path: "/v3/[", Status: 500}, []string{"not a valid pattern"}},
		{"bad glob with taskError", sim.Fault{Path: "/v3/[", TaskError: "x"}, []string{"not a valid pattern"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := newEnv(t, options{})
			got, err := te.e.AddFault(tt.rule)
			if tt.err == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.ID != "fault-1" {
					t.Errorf("ID %q; want fault-1", got.ID)
				}
				if l := te.rules.List(); len(l) != 1 || l[0].ID != got.ID {
					t.Errorf("rules %+v; want the added one", l)
				}
				return
			}
			wantErrText(t, err, tt.err...)
			if got.ID != "" {
				t.Errorf("refused rule returned %+v", got)
			}
			if n := len(te.rules.List()); n != 0 {
				t.Errorf("a refused rule was added (%d rules)", n)
			}
		})
	}
}

// TestAddFaultGlobOnConcretePaths: a glob that matches concrete paths of
// a task route but not the route's pattern can act at run time (sim
// matches globs against the request path), so AddFault should accept it.
func TestAddFaultGlobOnConcretePaths(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	if _, err := te.e.AddFault(sim.Fault{Method: "PATCH", Path: "/v3/accounts/a*", TaskError: "x"}); err != nil {
		t.Fatalf("refused: %v", err)
	}
}

// TestFaultHeadersOnRefusals: a rule's headers are "added to the answer"
// (sim.Fault.Headers), including when the answer is the held-back 401.
func TestFaultHeadersOnRefusals(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	te.addRule(t, sim.Fault{Headers: map[string]string{"X-Fault": "1"}})
	res := te.do(t, "GET", "/v3/accounts/1", "")
	wantError(t, res, "A", http.StatusUnauthorized, "", TextNoToken)
	if got := res.rec.Header().Get("X-Fault"); got != "1" {
		t.Errorf("X-Fault %q; want 1", got)
	}
}
