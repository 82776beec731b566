package mockisc

import (
	"encoding/json"
	"strings"
	"testing"
)

// adminReq calls the admin API in process from loopback with a Host
// header and header pairs, and returns the answer.
func adminReq(t *testing.T, s *Server, method, host, path, body string, hdr ...string) result {
	t.Helper()
	k := rawClient(from(s, "127.0.0.1:9"), s.URL)
	req, err := k.request(method, path, body, hdr...)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	return k.send(t, req)
}

// wantAdminError checks an admin refusal: status, {"error"} naming want.
func wantAdminError(t *testing.T, r result, status int, want string) {
	t.Helper()
	r.want(t, status)
	var e struct{ Error string }
	if err := json.Unmarshal(r.body, &e); err != nil || !strings.Contains(e.Error, want) {
		t.Errorf("%s %s: body %s; want an error containing %q", r.method, r.uri(), r.body, want)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", r.method, r.uri(), ct)
	}
}

// TestAdminRefusesBrowsers: without an admin token, a Host that is not a
// loopback name (DNS rebinding), a foreign Origin and a cross-site fetch
// are refused, so a web page cannot read or change the tenant.
func TestAdminRefusesBrowsers(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithState(DemoState()), WithAdminHosts("mockisc", "*.svc.example"))
	tls := New(t, WithTLSHosts("mockisc.test"))
	locked := New(t, WithoutListener(), WithAdminToken("s3cret"))
	const json = "application/json"
	tests := []struct {
		name   string
		s      *Server
		method string
		host   string
		hdr    []string
		status int
		want   string
	}{
		{"loopback IP host", s, "GET", "127.0.0.1:8080", nil, 200, ""},
		{"loopback v6 host", s, "GET", "[::1]:8080", nil, 200, ""},
		{"localhost", s, "GET", "localhost:8080", nil, 200, ""},
		{"a .localhost name", s, "GET", "app.localhost", nil, 200, ""},
		{"the server's own URL host", s, "GET", "", nil, 200, ""},
		{"an allowed name", s, "GET", "mockisc:8080", nil, 200, ""},
		{"an allowed wildcard", s, "GET", "fake.svc.example", nil, 200, ""},
		{"a wildcard matches one label", s, "GET", "a.b.svc.example", nil, 403, "Host"},
		{"rebound name", s, "GET", "evil.example:8080", nil, 403, `not Host "evil.example:8080"`},
		{"rebound name, POST", s, "POST", "evil.example", []string{"Content-Type", json}, 403, "Host"},
		{"foreign Origin", s, "POST", "127.0.0.1:8080", []string{"Origin", "https://evil.example", "Content-Type", json}, 403, "Origin"},
		{"null Origin", s, "POST", "127.0.0.1:8080", []string{"Origin", "null", "Content-Type", json}, 403, "Origin"},
		{"local Origin", s, "POST", "127.0.0.1:8080", []string{"Origin", "http://localhost:3000", "Content-Type", json}, 200, ""},
		{"cross-site fetch", s, "GET", "127.0.0.1:8080", []string{"Sec-Fetch-Site", "cross-site"}, 403, "cross-site"},
		{"same-origin fetch", s, "GET", "127.0.0.1:8080", []string{"Sec-Fetch-Site", "same-origin"}, 200, ""},
		{"text/plain body", s, "POST", "127.0.0.1:8080", []string{"Content-Type", "text/plain"}, 415, "application/json"},
		{"form body", s, "POST", "127.0.0.1:8080", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "application/json"},
		{"body without a type", s, "POST", "127.0.0.1:8080", []string{"Content-Type", ""}, 415, "application/json"},
		{"JSON with a charset", s, "POST", "127.0.0.1:8080", []string{"Content-Type", "application/json; charset=utf-8"}, 200, ""},
		{"a TLS certificate name", tls, "GET", "acme.api.identitynow.com", nil, 200, ""},
		{"a TLS host", tls, "GET", "mockisc.test:443", nil, 200, ""},
		{"TLS: another name", tls, "GET", "evil.example", nil, 403, "Host"},
		{"token: any Host", locked, "GET", "evil.example", []string{"Authorization", "Bearer s3cret"}, 200, ""},
		{"token: still JSON bodies only", locked, "POST", "", []string{"Authorization", "Bearer s3cret", "Content-Type", "text/plain"}, 415, "application/json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path, body := "/__mockisc/health", ""
			if tc.method == "POST" {
				path, body = "/__mockisc/clock", `{"advance":"0s"}`
			}
			var r result
			if tc.s == tls {
				// Over the socket, from loopback, with the Host set.
				k := rawClient(tc.s.Client(), tc.s.URL)
				req, _ := k.request(tc.method, path, body, tc.hdr...)
				req.Host = tc.host
				r = k.send(t, req)
			} else {
				r = adminReq(t, tc.s, tc.method, tc.host, path, body, tc.hdr...)
			}
			if tc.status == 200 {
				r.want(t, 200)
				return
			}
			wantAdminError(t, r, tc.status, tc.want)
		})
	}
	if n := len(s.Accounts()); n != len(DemoState().Accounts) {
		t.Errorf("refused calls changed the tenant")
	}
}

// TestAdminAnswersInItsShape: every admin answer, odd methods and bad
// queries included, is {"error"} JSON.
func TestAdminAnswersInItsShape(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	for _, tc := range []struct {
		method, path string
		status       int
		want         string
	}{
		{"TRACE", "/__mockisc/health", 405, "not allowed"},
		{"OPTIONS", "/__mockisc/health", 405, "not allowed"},
		{"OPTIONS", "/__mockisc/", 404, "no admin operation"},
		{"TRACE", "/__mockisc/nope", 404, "no admin operation"},
		{"CONNECT", "/__mockisc/state", 405, "not allowed"},
		{"GET", "/__mockisc/requests?path=%zz", 400, `query parameter "path"`},
	} {
		wantAdminError(t, adminReq(t, s, tc.method, "", tc.path, ""), tc.status, tc.want)
	}
}

// TestAdminStateCap: PUT /__mockisc/state over WithStateMaxBytes is 413
// naming the limit and the option; other admin bodies are capped by
// WithMaxBodyBytes.
func TestAdminStateCap(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithStateMaxBytes(100), WithMaxBodyBytes(64))
	big := `{"sources": [` + strings.Repeat(`{"id":"s","name":"x"},`, 10) + `{"id":"t","name":"y"}]}`
	wantAdminError(t, adminReq(t, s, "PUT", "", "/__mockisc/state", big), 413, "limit of 100 bytes (WithStateMaxBytes, -state-max-bytes)")
	adminReq(t, s, "PUT", "", "/__mockisc/state", `{"sources":[{"id":"s","name":"S"}]}`).want(t, 204)
	wantAdminError(t, adminReq(t, s, "POST", "", "/__mockisc/faults", `{"method":"GET","path":"/v3/accounts","status":503,"headers":{"X":"`+strings.Repeat("y", 80)+`"}}`),
		413, "limit of 64 bytes (WithMaxBodyBytes)")
	if _, ok := s.Source("s"); !ok {
		t.Error("the small state was not loaded")
	}
}

// TestHealthReportsLimits: health says what the journal holds and
// evicted, the token table, and the panics.
func TestHealthReportsLimits(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithJournalSize(2), WithMaxTokens(5))
	k := rawClient(s.Client(), s.URL)
	for range 4 {
		k.do(t, "GET", "/v3/accounts", "").want(t, 200)
	}
	var h struct {
		Journal JournalStats `json:"journal"`
		Tokens  struct{ Held, Max int }
		Panics  *uint64 `json:"panics"`
	}
	if err := json.Unmarshal(adminReq(t, s, "GET", "", "/__mockisc/health", "").want(t, 200).body, &h); err != nil {
		t.Fatal(err)
	}
	// 4 journaled lists (Client gets its token without a request).
	if h.Journal.Entries != 2 || h.Journal.EvictedEntries != 2 || h.Journal.EvictedBytes == 0 || h.Journal.Bytes == 0 ||
		h.Journal.Limits.Bytes != DefaultJournalBytes || h.Journal.Limits.BodyBytes != DefaultJournalBodyBytes {
		t.Errorf("journal in health: %+v", h.Journal)
	}
	if h.Tokens.Held != 1 || h.Tokens.Max != 5 || h.Panics == nil || *h.Panics != 0 {
		t.Errorf("health: tokens %+v, panics %v", h.Tokens, h.Panics)
	}
	if st := s.Journal().Stats(); st.EvictedEntries != 2 {
		t.Errorf("Journal().Stats() = %+v", st)
	}
}
