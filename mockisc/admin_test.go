package mockisc

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// from is a client that calls s in process as if from remote (an address
// such as "192.0.2.10:4000"): the admin API decides by the caller's
// address.
func from(s *Server, remote string) *http.Client {
	return &http.Client{Transport: remoteTransport{s, remote}}
}

type remoteTransport struct {
	h      http.Handler
	remote string
}

func (rt remoteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	req := r.Clone(r.Context())
	if req.Body == nil {
		req.Body = http.NoBody
	}
	req.RemoteAddr, req.RequestURI = rt.remote, r.URL.RequestURI()
	w := httptest.NewRecorder()
	rt.h.ServeHTTP(w, req)
	resp := w.Result()
	resp.Request = r
	return resp, nil
}

// adminDo calls the admin API in process from remote. The admin API has
// no OpenAPI description: the raw check; the tests check the bodies.
func adminDo(t *testing.T, s *Server, remote, method, path, body string, hdr ...string) result {
	t.Helper()
	return rawClient(from(s, remote), s.URL).do(t, method, path, body, hdr...)
}

// admin calls the admin API from loopback and fails the test unless the
// status is want.
func admin(t *testing.T, s *Server, want int, method, path, body string) string {
	t.Helper()
	return string(adminDo(t, s, "127.0.0.1:9", method, path, body).want(t, want).body)
}

func TestAdminAccessControl(t *testing.T) {
	t.Parallel()
	open := New(t, WithoutListener())
	locked := New(t, WithoutListener(), WithAdminToken("s3cret"))
	tests := []struct {
		name   string
		s      *Server
		remote string
		hdr    []string
		want   int
	}{
		{"loopback v4", open, "127.0.0.1:4000", nil, 200},
		{"loopback v4 range", open, "127.1.2.3:4000", nil, 200},
		{"loopback v6", open, "[::1]:4000", nil, 200},
		{"remote refused", open, "192.0.2.10:4000", nil, 403},
		{"remote v6 refused", open, "[2001:db8::1]:4000", nil, 403},
		{"token from remote", locked, "192.0.2.10:4000", []string{"Authorization", "Bearer s3cret"}, 200},
		{"token scheme case", locked, "192.0.2.10:4000", []string{"Authorization", "bearer s3cret"}, 200},
		{"no token from loopback", locked, "127.0.0.1:4000", nil, 401},
		{"wrong token", locked, "127.0.0.1:4000", []string{"Authorization", "Bearer s3cre"}, 401},
		{"ISC token is not admin token", locked, "127.0.0.1:4000", []string{"Authorization", "Basic czNjcmV0"}, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := adminDo(t, tc.s, tc.remote, "GET", "/__mockisc/health", "", tc.hdr...).want(t, tc.want)
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			v := r.obj(t)
			if tc.want != 200 && v["error"] == nil {
				t.Errorf("refusal without an error member: %s", r.body)
			}
			if tc.want == 200 && v["status"] != "ok" {
				t.Errorf("health body %s", r.body)
			}
		})
	}
}

func TestWithAdminTokenRefusesBlank(t *testing.T) {
	t.Parallel()
	for _, tok := range []string{"", " x", "x\n"} {
		if _, err := NewServer(WithoutListener(), WithAdminToken(tok)); err == nil {
			t.Errorf("WithAdminToken(%q) accepted", tok)
		}
	}
}

func TestAdminOverSocket(t *testing.T) {
	t.Parallel()
	s := New(t, WithState(DemoState()))
	r := rawClient(noTokenClient(s), s.URL).do(t, "GET", "/__mockisc/health", "")
	var h struct {
		Status   string `json:"status"`
		Accounts int    `json:"accounts"`
	}
	if err := json.Unmarshal(r.body, &h); err != nil {
		t.Fatal(err)
	}
	if r.status != 200 || h.Status != "ok" || h.Accounts != len(DemoState().Accounts) {
		t.Errorf("health: %d %+v", r.status, h)
	}
}

func TestAdminUnknownRoutes(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	tests := []struct {
		name, remote, method, path string
		status                     int
		allow                      string
	}{
		{"PATCH state", "127.0.0.1:1", "PATCH", "/__mockisc/state", 405, "GET, PUT"},
		{"GET nope", "127.0.0.1:1", "GET", "/__mockisc/nope", 404, ""},
		// Refused before routing for remote callers, too.
		{"remote GET nope", "192.0.2.1:1", "GET", "/__mockisc/nope", 403, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := ""
			if tc.method == "PATCH" {
				body = "{}"
			}
			r := adminDo(t, s, tc.remote, tc.method, tc.path, body).want(t, tc.status)
			if r.header.Get("Allow") != tc.allow || !strings.Contains(string(r.body), `"error"`) {
				t.Errorf("Allow=%q %s, want Allow %q and an error member", r.header.Get("Allow"), r.body, tc.allow)
			}
		})
	}
}

func TestAdminStateRoundTripAndReset(t *testing.T) {
	t.Parallel()
	demo := DemoState()
	s := New(t, WithoutListener(), WithState(demo))
	var got State
	if err := json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/state", "")), &got); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(demo, got); d != "" {
		t.Fatalf("GET state (-want +got):\n%s", d)
	}
	small := Generate(10, 3)
	b, _ := json.Marshal(small)
	admin(t, s, 204, "PUT", "/__mockisc/state", string(b))
	if n := len(s.Accounts()); n != 10 {
		t.Fatalf("after PUT state: %d accounts, want 10", n)
	}
	admin(t, s, 204, "POST", "/__mockisc/reset", "")
	if d := cmp.Diff(demo, s.Snapshot()); d != "" {
		t.Errorf("after reset (-want +got):\n%s", d)
	}
}

func TestAdminPutStateErrorsNamePath(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithState(DemoState()))
	tests := []struct{ name, body, want string }{
		{"syntax", `{"sources": [}`, "byte offset 14"},
		{"type", `{"accounts": [{"id": "a", "disabled": "yes"}]}`, "accounts[0].disabled: want a boolean, got a string"},
		{"unknown member", `{"sources": [{"id": "s", "name": "S", "nmae": "x"}]}`, `sources[0].nmae: unknown member`},
		{"case", `{"Sources": []}`, `Sources: unknown member (did you mean "sources"?)`},
		{"time", `{"identities": [{"id": "i", "name": "I", "created": "yesterday"}]}`, "identities[0].created:"},
		{"dangling reference", `{"accounts": [{"id": "a", "name": "a", "sourceId": "nope"}]}`, `accounts[0].sourceId: source "nope" not found`},
		{"not an object", `[]`, "(document): want an object, got an array"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := admin(t, s, 400, "PUT", "/__mockisc/state", tc.body)
			var e struct{ Error string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tc.want) {
				t.Errorf("error %q, want it to contain %q", body, tc.want)
			}
		})
	}
	if n := len(s.Accounts()); n != len(DemoState().Accounts) {
		t.Errorf("a refused PUT changed the state: %d accounts", n)
	}
}

func TestDecodeState(t *testing.T) {
	t.Parallel()
	b, _ := json.Marshal(DemoState())
	st, err := DecodeState(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(DemoState(), st); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if _, err := DecodeState([]byte(`{"accounts": [{}, {"attributes": {"x y": 1}, "entitlements": [3]}]}`)); err == nil ||
		err.Error() != "accounts[1].entitlements[0]: want a string, got a number" {
		t.Errorf("error %v", err)
	}
}

func TestAdminJournalIsFilterableAndNotPolluted(t *testing.T) {
	t.Parallel()
	s := New(t, WithState(DemoState()))
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"me"}, "client_secret": {"x"}}
	iscClient(noTokenClient(s), s.URL).do(t, "POST", "/oauth/token", form.Encode(), "Content-Type", formCT).want(t, 200)
	k := iscClient(s.Client(), s.URL)
	for _, p := range []string{"/v3/accounts", "/v3/accounts/" + DemoState().Accounts[0].ID} {
		k.do(t, "GET", p, "").want(t, 200)
	}
	admin(t, s, 200, "GET", "/__mockisc/health", "")
	var all []map[string]any
	_ = json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/requests", "")), &all)
	if len(all) != 3 { // token, list, get
		t.Fatalf("journal has %d entries, want 3 (admin calls are not journaled): %v", len(all), all)
	}
	if b, ok := all[0]["body"].(string); !ok || !strings.Contains(b, "client_secret=REDACTED") {
		t.Errorf("form body not shown as text: %v", all[0]["body"])
	}
	var some []Entry
	_ = json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/requests?method=GET&path=/v3/accounts/%7Bid%7D", "")), &some)
	if len(some) != 1 || some[0].Route != "/v3/accounts/{id}" || some[0].Status != 200 {
		t.Errorf("filtered journal: %+v", some)
	}
	admin(t, s, 204, "DELETE", "/__mockisc/requests", "")
	if n := len(s.Journal().Entries()); n != 0 {
		t.Errorf("after DELETE requests: %d entries", n)
	}
}

func TestAdminClock(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	admin(t, s, 200, "POST", "/__mockisc/clock", `{"advance": "90s"}`)
	if want := DefaultStartTime().Add(90 * time.Second); !s.Clock().Now().Equal(want) {
		t.Errorf("after advance: %v, want %v", s.Clock().Now(), want)
	}
	body := admin(t, s, 200, "POST", "/__mockisc/clock", `{"set": "2030-05-06T07:08:09Z"}`)
	if d := cmp.Diff(`{"now":"2030-05-06T07:08:09.000Z","manual":true}`+"\n", body); d != "" {
		t.Errorf("set answer (-want +got):\n%s", d)
	}
	if d := cmp.Diff(body, admin(t, s, 200, "GET", "/__mockisc/clock", "")); d != "" {
		t.Errorf("GET clock (-want +got):\n%s", d)
	}
	for _, bad := range []string{`{}`, `{"advance": "1s", "set": "2030-01-01T00:00:00Z"}`, `{"advance": "soon"}`, `{"set": "tomorrow"}`, `{"step": "1s"}`} {
		admin(t, s, 400, "POST", "/__mockisc/clock", bad)
	}
}

func TestAdminRateLimit(t *testing.T) {
	t.Parallel()
	s := New(t, WithState(DemoState()))
	if d := cmp.Diff(`{"limit":0,"window":"0s","key":"client+api"}`+"\n", admin(t, s, 200, "GET", "/__mockisc/rate-limit", "")); d != "" {
		t.Errorf("default (-want +got):\n%s", d)
	}
	admin(t, s, 200, "PUT", "/__mockisc/rate-limit", `{"limit": 2, "window": "1m", "key": "global"}`)
	if got, want := s.RateLimit(), (RateLimit{Limit: 2, Window: Duration(time.Minute), Key: KeyGlobal}); got != want {
		t.Errorf("RateLimit() = %+v, want %+v", got, want)
	}
	admin(t, s, 400, "PUT", "/__mockisc/rate-limit", `{"limit": -1, "window": "1m"}`)
	admin(t, s, 400, "PUT", "/__mockisc/rate-limit", `{"limit": 1, "window": "1m", "key": "ip"}`)
	k := iscClient(s.Client(), s.URL)
	var codes []int
	for range 3 {
		codes = append(codes, k.do(t, "GET", "/v3/accounts?limit=1", "").status)
		admin(t, s, 200, "GET", "/__mockisc/health", "") // never limited
	}
	if d := cmp.Diff([]int{200, 200, 429}, codes); d != "" {
		t.Errorf("statuses under a limit of 2 (-want +got):\n%s", d)
	}
}

func TestAdminFaults(t *testing.T) {
	t.Parallel()
	s := New(t, WithState(DemoState()))
	if got := admin(t, s, 200, "GET", "/__mockisc/faults", ""); got != "[]\n" {
		t.Errorf("no faults: %s", got)
	}
	var f Fault
	_ = json.Unmarshal([]byte(admin(t, s, 201, "POST", "/__mockisc/faults", `{"method": "GET", "path": "/v3/accounts", "status": 503, "times": 1}`)), &f)
	if f.ID == "" || f.Status != 503 {
		t.Fatalf("added fault %+v", f)
	}
	// A catch-all rule never touches the admin API.
	admin(t, s, 201, "POST", "/__mockisc/faults", `{"status": 500}`)
	admin(t, s, 200, "GET", "/__mockisc/health", "")
	admin(t, s, 400, "POST", "/__mockisc/faults", `{"status": 503, "drop": true}`)
	admin(t, s, 400, "POST", "/__mockisc/faults", `{"stauts": 503}`)

	var list []Fault
	_ = json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/faults", "")), &list)
	if len(list) != 2 || list[0].ID != f.ID {
		t.Fatalf("faults %+v", list)
	}
	admin(t, s, 204, "DELETE", "/__mockisc/faults/"+list[1].ID, "")
	admin(t, s, 404, "DELETE", "/__mockisc/faults/"+list[1].ID, "")
	// A fault's 503: the raw check.
	if r := rawClient(s.Client(), s.URL).do(t, "GET", "/v3/accounts", ""); r.status != 503 {
		t.Errorf("GET /v3/accounts under the fault: %d", r.status)
	}
	_ = json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/faults", "")), &list)
	if len(list) != 1 || list[0].Fired != 1 {
		t.Errorf("counters after firing: %+v", list)
	}
	admin(t, s, 204, "DELETE", "/__mockisc/faults", "")
	if n := len(s.Faults()); n != 0 {
		t.Errorf("after DELETE faults: %d rules", n)
	}
}

func TestAdminCompleteTasks(t *testing.T) {
	t.Parallel()
	demo := DemoState()
	s := New(t, WithState(demo), WithTaskDelay(time.Hour))
	id := demo.Accounts[0].ID
	taskID(t, iscClient(s.Client(), s.URL).do(t, "POST", "/v3/accounts/"+id+"/disable", `{}`))
	if got := admin(t, s, 200, "POST", "/__mockisc/tasks/complete", ""); got != `{"completed":1}`+"\n" {
		t.Errorf("complete: %s", got)
	}
	if a, _ := s.Account(id); !a.Disabled {
		t.Error("account not disabled after the task completed")
	}
}

// TestAdminTaskDelay reads and sets the task delay through the admin API:
// tasks submitted after a PUT are deferred by it; a bad body is 400.
func TestAdminTaskDelay(t *testing.T) {
	t.Parallel()
	demo := DemoState()
	s := New(t, WithState(demo))
	if got := admin(t, s, 200, "GET", "/__mockisc/tasks/delay", ""); got != `{"delay":"0s"}`+"\n" {
		t.Errorf("GET tasks/delay: %s", got)
	}
	if got := admin(t, s, 200, "PUT", "/__mockisc/tasks/delay", `{"delay":"2m"}`); got != `{"delay":"2m0s"}`+"\n" || s.TaskDelay() != 2*time.Minute {
		t.Errorf("PUT tasks/delay: %s, TaskDelay %v", got, s.TaskDelay())
	}
	id := demo.Accounts[0].ID
	taskID(t, iscClient(s.Client(), s.URL).do(t, "POST", "/v3/accounts/"+id+"/disable", `{}`))
	if a, _ := s.Account(id); a.Disabled {
		t.Error("the task was not deferred")
	}
	for _, body := range []string{`{}`, `{"delay":"-1s"}`, `{"delay":"soon"}`, `{"delay":"1s","x":1}`} {
		adminDo(t, s, "127.0.0.1:9", "PUT", "/__mockisc/tasks/delay", body).want(t, 400)
	}
}
