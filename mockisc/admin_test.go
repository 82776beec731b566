package mockisc_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/mockisc"
)

// adminDo calls the admin API in process from remote (an address such as
// "127.0.0.1:9") and returns the status, the headers and the body.
func adminDo(t *testing.T, s *mockisc.Server, remote, method, path, body string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, path, rd)
	r.RemoteAddr = remote
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Code, w.Header(), w.Body.String()
}

// admin calls the admin API from loopback and fails the test unless the
// status is want.
func admin(t *testing.T, s *mockisc.Server, want int, method, path, body string) string {
	t.Helper()
	code, _, got := adminDo(t, s, "127.0.0.1:9", method, path, body)
	if code != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, path, code, want, got)
	}
	return got
}

func TestAdminAccessControl(t *testing.T) {
	t.Parallel()
	open := mockisc.New(t, mockisc.WithoutListener())
	locked := mockisc.New(t, mockisc.WithoutListener(), mockisc.WithAdminToken("s3cret"))
	tests := []struct {
		name   string
		s      *mockisc.Server
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
			code, hdr, body := adminDo(t, tc.s, tc.remote, "GET", "/__mockisc/health", "", tc.hdr...)
			if code != tc.want {
				t.Fatalf("status %d, want %d; body %s", code, tc.want, body)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if tc.want != 200 && v["error"] == nil {
				t.Errorf("refusal without an error member: %s", body)
			}
			if tc.want == 200 && v["status"] != "ok" {
				t.Errorf("health body %s", body)
			}
		})
	}
}

func TestWithAdminTokenRefusesBlank(t *testing.T) {
	t.Parallel()
	for _, tok := range []string{"", " x", "x\n"} {
		if _, err := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithAdminToken(tok)); err == nil {
			t.Errorf("WithAdminToken(%q) accepted", tok)
		}
	}
}

func TestAdminOverSocket(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t, mockisc.WithState(mockisc.DemoState()))
	resp, err := http.Get(s.URL + "/__mockisc/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct {
		Status   string `json:"status"`
		Accounts int    `json:"accounts"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || h.Status != "ok" || h.Accounts != len(mockisc.DemoState().Accounts) {
		t.Errorf("health: %d %+v", resp.StatusCode, h)
	}
}

func TestAdminUnknownRoutes(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t, mockisc.WithoutListener())
	code, hdr, body := adminDo(t, s, "127.0.0.1:1", "PATCH", "/__mockisc/state", "{}")
	if code != 405 || hdr.Get("Allow") != "GET, PUT" || !strings.Contains(body, `"error"`) {
		t.Errorf("PATCH state: %d Allow=%q %s", code, hdr.Get("Allow"), body)
	}
	code, _, body = adminDo(t, s, "127.0.0.1:1", "GET", "/__mockisc/nope", "")
	if code != 404 || !strings.Contains(body, `"error"`) {
		t.Errorf("GET nope: %d %s", code, body)
	}
	// Refused before routing for remote callers, too.
	if code, _, _ := adminDo(t, s, "192.0.2.1:1", "GET", "/__mockisc/nope", ""); code != 403 {
		t.Errorf("remote GET nope: %d, want 403", code)
	}
}

func TestAdminStateRoundTripAndReset(t *testing.T) {
	t.Parallel()
	demo := mockisc.DemoState()
	s := mockisc.New(t, mockisc.WithoutListener(), mockisc.WithState(demo))
	var got mockisc.State
	if err := json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/state", "")), &got); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(demo, got); d != "" {
		t.Fatalf("GET state (-want +got):\n%s", d)
	}
	small := mockisc.Generate(10, 3)
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
	s := mockisc.New(t, mockisc.WithoutListener(), mockisc.WithState(mockisc.DemoState()))
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
	if n := len(s.Accounts()); n != len(mockisc.DemoState().Accounts) {
		t.Errorf("a refused PUT changed the state: %d accounts", n)
	}
}

func TestDecodeState(t *testing.T) {
	t.Parallel()
	b, _ := json.Marshal(mockisc.DemoState())
	st, err := mockisc.DecodeState(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(mockisc.DemoState(), st); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if _, err := mockisc.DecodeState([]byte(`{"accounts": [{}, {"attributes": {"x y": 1}, "entitlements": [3]}]}`)); err == nil ||
		err.Error() != "accounts[1].entitlements[0]: want a string, got a number" {
		t.Errorf("error %v", err)
	}
}

func TestAdminJournalIsFilterableAndNotPolluted(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t, mockisc.WithState(mockisc.DemoState()))
	tok, err := http.PostForm(s.URL+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"me"}, "client_secret": {"x"}})
	if err != nil {
		t.Fatal(err)
	}
	tok.Body.Close()
	c := s.Client()
	for _, p := range []string{"/v3/accounts", "/v3/accounts/" + mockisc.DemoState().Accounts[0].ID} {
		resp, err := c.Get(s.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
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
	var some []mockisc.Entry
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
	s := mockisc.New(t, mockisc.WithoutListener())
	admin(t, s, 200, "POST", "/__mockisc/clock", `{"advance": "90s"}`)
	if want := mockisc.DefaultStartTime().Add(90 * time.Second); !s.Clock().Now().Equal(want) {
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
	s := mockisc.New(t, mockisc.WithState(mockisc.DemoState()))
	if d := cmp.Diff(`{"limit":0,"window":"0s","key":"client+api"}`+"\n", admin(t, s, 200, "GET", "/__mockisc/rate-limit", "")); d != "" {
		t.Errorf("default (-want +got):\n%s", d)
	}
	admin(t, s, 200, "PUT", "/__mockisc/rate-limit", `{"limit": 2, "window": "1m", "key": "global"}`)
	if got, want := s.RateLimit(), (mockisc.RateLimit{Limit: 2, Window: mockisc.Duration(time.Minute), Key: mockisc.KeyGlobal}); got != want {
		t.Errorf("RateLimit() = %+v, want %+v", got, want)
	}
	admin(t, s, 400, "PUT", "/__mockisc/rate-limit", `{"limit": -1, "window": "1m"}`)
	admin(t, s, 400, "PUT", "/__mockisc/rate-limit", `{"limit": 1, "window": "1m", "key": "ip"}`)
	c := s.Client()
	var codes []int
	for range 3 {
		resp, err := c.Get(s.URL + "/v3/accounts?limit=1")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes = append(codes, resp.StatusCode)
		admin(t, s, 200, "GET", "/__mockisc/health", "") // never limited
	}
	if d := cmp.Diff([]int{200, 200, 429}, codes); d != "" {
		t.Errorf("statuses under a limit of 2 (-want +got):\n%s", d)
	}
}

func TestAdminFaults(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t, mockisc.WithState(mockisc.DemoState()))
	if got := admin(t, s, 200, "GET", "/__mockisc/faults", ""); got != "[]\n" {
		t.Errorf("no faults: %s", got)
	}
	var f mockisc.Fault
	_ = json.Unmarshal([]byte(admin(t, s, 201, "POST", "/__mockisc/faults", `{"method": "GET", "path": "/v3/accounts", "status": 503, "times": 1}`)), &f)
	if f.ID == "" || f.Status != 503 {
		t.Fatalf("added fault %+v", f)
	}
	// A catch-all rule never touches the admin API.
	admin(t, s, 201, "POST", "/__mockisc/faults", `{"status": 500}`)
	admin(t, s, 200, "GET", "/__mockisc/health", "")
	admin(t, s, 400, "POST", "/__mockisc/faults", `{"status": 503, "drop": true}`)
	admin(t, s, 400, "POST", "/__mockisc/faults", `{"stauts": 503}`)

	var list []mockisc.Fault
	_ = json.Unmarshal([]byte(admin(t, s, 200, "GET", "/__mockisc/faults", "")), &list)
	if len(list) != 2 || list[0].ID != f.ID {
		t.Fatalf("faults %+v", list)
	}
	admin(t, s, 204, "DELETE", "/__mockisc/faults/"+list[1].ID, "")
	admin(t, s, 404, "DELETE", "/__mockisc/faults/"+list[1].ID, "")
	resp, err := s.Client().Get(s.URL + "/v3/accounts")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("GET /v3/accounts under the fault: %d", resp.StatusCode)
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
	demo := mockisc.DemoState()
	s := mockisc.New(t, mockisc.WithState(demo), mockisc.WithTaskDelay(time.Hour))
	id := demo.Accounts[0].ID
	resp, err := s.Client().Post(s.URL+"/v3/accounts/"+id+"/disable", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 202 {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if got := admin(t, s, 200, "POST", "/__mockisc/tasks/complete", ""); got != `{"completed":1}`+"\n" {
		t.Errorf("complete: %s", got)
	}
	if a, _ := s.Account(id); !a.Disabled {
		t.Error("account not disabled after the task completed")
	}
}
