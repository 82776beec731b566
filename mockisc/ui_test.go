package mockisc

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestUIPages loads every page of the demo tenant and checks what it
// shows and the headers every answer carries.
func TestUIPages(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	if _, err := s.AddAgileNowAccount(AgileNowAccount{Username: "ada.agile", Email: "ada@example.com"}); err != nil {
		t.Fatal(err)
	}
	an := s.AgileNowAccounts()[0]
	tests := []struct {
		path      string
		status    int
		fragments []string
	}{
		{"", 200, []string{"<h1>Overview</h1>", `id="n-accounts">33<`, "chart.svg", "manual"}},
		{"requests", 200, []string{"<h1>Requests</h1>", "No request matches.", `name="status"`}},
		{"accounts", 200, []string{`<span id="total">33</span>`, "Ada Lovelace", "/__mockisc/ui/accounts/" + demoID(4, 1)}},
		{"accounts/" + demoID(4, 1), 200, []string{"<h1>Accounts: Ada Lovelace</h1>", `id="json"`, "&#34;nativeIdentity&#34;", "Entitlements"}},
		{"sources", 200, []string{`<span id="total">3</span>`, "Workday", "Active Directory"}},
		{"sources/" + demoID(1, 1), 200, []string{"Sources: Workday", "Authoritative HR system of record"}},
		{"identities", 200, []string{"Ada Lovelace", "lifecycle state"}},
		{"identities/" + demoID(2, 1), 200, []string{"Identities: Ada Lovelace"}},
		{"agilenow", 200, []string{`<span id="total">1</span>`, "ada.agile"}},
		{"agilenow/" + an.ID, 200, []string{"AgileNow accounts: ada.agile", "ada@example.com"}},
		{"simulation", 200, []string{`id="advance"`, `id="add-fault"`, "No fault rules.", "No pending task."}},
		{"state", 200, []string{`href="/__mockisc/state"`, "3 sources, 12 identities and 33 accounts"}},
		{"accounts/nope", 404, []string{"nope"}},
		{"sources/nope", 404, nil},
		{"identities/nope", 404, nil},
		{"agilenow/nope", 404, nil},
		{"accounts/" + demoID(4, 1) + "%2Fentitlements", 404, []string{"is not an id: an id has no slash"}},
		{"accounts/%3Cscript%3E", 404, []string{"&lt;script&gt;"}},
		{"nowhere", 404, []string{`"error"`, "no dashboard page matches GET /__mockisc/ui/nowhere"}},
		{"assets/app.js", 200, []string{"callAPI"}},
		{"assets/app.css", 200, []string{".s5"}},
		{"assets/nope.js", 404, []string{"no dashboard asset"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			t.Parallel()
			r := uiGet(t, s, "/__mockisc/ui/"+tc.path).wantPage(t, tc.status, tc.fragments...)
			if csp := r.header.Get("Content-Security-Policy"); tc.path != "nowhere" && (!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'")) {
				t.Errorf("Content-Security-Policy %q; want no framing and scripts from the dashboard only", csp)
			}
			if tc.status == 200 && strings.HasSuffix(tc.path, ".js") != strings.Contains(r.header.Get("Content-Type"), "javascript") {
				t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
			}
		})
	}
}

// TestUIAccess checks that the dashboard obeys the admin API's guard:
// a refusal shows no tenant data; under an admin token a page without
// credentials is the login page, and the stylesheet and script load.
func TestUIAccess(t *testing.T) {
	t.Parallel()
	open := demoServer(t)
	locked := demoServer(t, WithAdminToken("s3cret"))
	tests := []struct {
		name   string
		s      *Server
		remote string
		method string
		hdr    []string
		status int
	}{
		{"loopback", open, "127.0.0.1:1", "GET", nil, 200},
		{"ipv6 loopback", open, "[::1]:1", "GET", nil, 200},
		{"remote", open, "192.0.2.10:1", "GET", nil, 403},
		{"rebound host", open, "127.0.0.1:1", "GET", []string{"Host", "evil.example"}, 403},
		{"cross origin", open, "127.0.0.1:1", "GET", []string{"Origin", "http://evil.example"}, 403},
		{"cross site", open, "127.0.0.1:1", "GET", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"same origin", open, "127.0.0.1:1", "GET", []string{"Origin", "http://127.0.0.1:8080"}, 200},
		{"post", open, "127.0.0.1:1", "POST", nil, 405},
		{"token missing", locked, "192.0.2.10:1", "GET", nil, 401},
		{"token wrong", locked, "127.0.0.1:1", "GET", []string{"Authorization", "Bearer nope"}, 401},
		{"token", locked, "192.0.2.10:1", "GET", []string{"Authorization", "Bearer s3cret"}, 200},
		{"cookie", locked, "192.0.2.10:1", "GET", []string{"Cookie", "mockisc_admin=s3cret"}, 200},
		{"cookie wrong", locked, "192.0.2.10:1", "GET", []string{"Cookie", "mockisc_admin=nope"}, 401},
		{"cookie cross origin", locked, "192.0.2.10:1", "GET", []string{"Cookie", "mockisc_admin=s3cret", "Origin", "http://evil.example"}, 403},
		{"cookie same site", locked, "192.0.2.10:1", "GET", []string{"Cookie", "mockisc_admin=s3cret", "Sec-Fetch-Site", "same-site"}, 403},
		{"cookie post", locked, "192.0.2.10:1", "POST", []string{"Cookie", "mockisc_admin=s3cret"}, 405},
		{"no credentials post", locked, "192.0.2.10:1", "POST", nil, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, p := range []string{"", "accounts", "requests/1", "assets/app.js"} {
				r := uiDo(t, tc.s, tc.remote, tc.method, "/__mockisc/ui/"+p, "", tc.hdr...)
				want := tc.status
				switch {
				case want == 200 && p == "requests/1":
					want = 404 // allowed in, but the journal is empty
				case want == 401 && p == "assets/app.js" && tc.method == "GET":
					want = 200 // no data in it: the login page needs it
				}
				if r.status != want {
					t.Errorf("%s %s: status %d; want %d; body %s", tc.method, p, r.status, want, r.body)
				}
				if want >= 400 && want != 404 && (strings.Contains(r.body, "Ada Lovelace") || strings.Contains(r.body, "n-accounts")) {
					t.Errorf("%s %s: a refusal shows tenant data", tc.method, p)
				}
				if want == 401 && tc.method == "GET" && !strings.Contains(r.body, `id="login"`) {
					t.Errorf("%s %s: a 401 page without the login form: %s", tc.method, p, r.body)
				}
			}
		})
	}
}

// TestAdminSession checks signing a browser in and out under an admin
// token, and that the cookie opens the admin API to same-origin requests
// only.
func TestAdminSession(t *testing.T) {
	t.Parallel()
	s := demoServer(t, WithAdminToken("s3cret"))
	if r := uiDo(t, s, "192.0.2.10:1", "POST", "/__mockisc/session", ""); r.status != 401 {
		t.Fatalf("POST session without the token: %d", r.status)
	}
	if r := uiDo(t, s, "192.0.2.10:1", "POST", "/__mockisc/session", "", "Authorization", "Bearer nope"); r.status != 401 {
		t.Fatalf("POST session with a wrong token: %d", r.status)
	}
	r := uiDo(t, s, "192.0.2.10:1", "POST", "/__mockisc/session", "", "Authorization", "Bearer s3cret", "Origin", "http://127.0.0.1:8080")
	if r.status != 204 {
		t.Fatalf("POST session: %d %s", r.status, r.body)
	}
	c := r.header.Get("Set-Cookie")
	for _, want := range []string{"mockisc_admin=s3cret", "Path=/__mockisc/", "HttpOnly", "SameSite=Strict"} {
		if !strings.Contains(c, want) {
			t.Errorf("Set-Cookie %q lacks %q", c, want)
		}
	}
	cookie := []string{"Cookie", "mockisc_admin=s3cret", "Origin", "http://127.0.0.1:8080", "Content-Type", "application/json"}
	tests := []struct {
		method, path, body string
		hdr                []string
		status             int
	}{
		{"POST", "/__mockisc/clock", `{"advance":"1m"}`, cookie, 200},
		{"GET", "/__mockisc/health", "", cookie[:2], 200},
		{"POST", "/__mockisc/clock", `{"advance":"1m"}`, []string{"Cookie", "mockisc_admin=s3cret", "Origin", "http://evil.example", "Content-Type", "application/json"}, 403},
		{"POST", "/__mockisc/clock", `{"advance":"1m"}`, []string{"Cookie", "mockisc_admin=s3cret", "Origin", "null", "Content-Type", "application/json"}, 403},
		{"POST", "/__mockisc/reset", "", []string{"Cookie", "mockisc_admin=s3cret", "Sec-Fetch-Site", "cross-site"}, 403},
		{"POST", "/__mockisc/clock", `{"advance":"1m"}`, []string{"Cookie", "mockisc_admin=s3cret", "Content-Type", "text/plain"}, 415},
		{"GET", "/__mockisc/health", "", []string{"Cookie", "mockisc_admin=other"}, 401},
	}
	for _, tc := range tests {
		if r := uiDo(t, s, "192.0.2.10:1", tc.method, tc.path, tc.body, tc.hdr...); r.status != tc.status {
			t.Errorf("%s %s %v: %d %s; want %d", tc.method, tc.path, tc.hdr, r.status, r.body, tc.status)
		}
	}
	if got := s.Clock().Now(); !got.Equal(DefaultStartTime().Add(time.Minute)) {
		t.Errorf("clock %v; want one minute on: only the same-origin advance counts", got)
	}
	r = uiDo(t, s, "192.0.2.10:1", "DELETE", "/__mockisc/session", "", cookie[:4]...)
	if r.status != 204 || !strings.Contains(r.header.Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("DELETE session: %d, Set-Cookie %q; want 204 clearing the cookie", r.status, r.header.Get("Set-Cookie"))
	}
	// Without an admin token there is nothing to sign in to.
	open := demoServer(t)
	if r := uiDo(t, open, "127.0.0.1:1", "POST", "/__mockisc/session", ""); r.status != 204 || r.header.Get("Set-Cookie") != "" {
		t.Errorf("POST session without an admin token: %d, Set-Cookie %q; want 204 and no cookie", r.status, r.header.Get("Set-Cookie"))
	}
}

// journalFixture makes requests: two good ones, a 401, and a 503 from a
// fault rule; it returns the rule.
func journalFixture(t *testing.T, s *Server) Fault {
	t.Helper()
	c := s.Client()
	get := func(path string, hdr ...string) {
		t.Helper()
		req, _ := http.NewRequest("GET", s.URL+path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	get("/v3/accounts?limit=1")
	s.Clock().Advance(time.Second)
	get("/v3/sources")
	get("/v3/accounts", "Authorization", "Bearer not-a-token")
	f, err := s.AddFault(Fault{Method: "GET", Path: "/v3/accounts/{id}", Status: 503, Times: 1})
	if err != nil {
		t.Fatal(err)
	}
	get("/v3/accounts/" + demoID(4, 1))
	return f
}

// rowSeqs returns the request numbers of a timeline page, in order.
func rowSeqs(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr class="row [^"]*">\s*<td><a href="/__mockisc/ui/requests/(\d+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestUIRequests checks the timeline's order, filters, paging, live
// fragment and errors.
func TestUIRequests(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	f := journalFixture(t, s)
	tests := []struct {
		query  string
		status int
		seqs   string
		more   []string
	}{
		{"", 200, "4,3,2,1", []string{`class="row s5"`, `class="row s4"`, f.ID}},
		{"?status=2xx", 200, "2,1", nil},
		{"?status=401", 200, "3", nil},
		{"?status=5XX", 200, "4", nil},
		{"?method=get&route=/v3/sources", 200, "2", nil},
		{"?route=%7Bid%7D", 200, "4", nil},
		{"?client=" + DefaultClientID, 200, "4,2,1", nil},
		{"?fault=any", 200, "4", nil},
		{"?fault=" + f.ID, 200, "4", nil},
		{"?method=DELETE", 200, "", []string{"No request matches."}},
		{"?limit=2", 200, "4,3", []string{`id="older" href="/__mockisc/ui/requests?before=3&amp;limit=2"`}},
		{"?limit=2&before=3", 200, "2,1", []string{`href="/__mockisc/ui/requests?limit=2">« newest`}},
		{"?status=abc", 400, "", []string{`status: &#34;abc&#34; is not a status`}},
		{"?status=600", 400, "", []string{"is not a status"}},
		{"?limit=251", 400, "", []string{"limit: &#34;251&#34; is not an integer from 1 to 250"}},
		{"?before=-1", 400, "", []string{"before:"}},
		{"?method=G%20T", 400, "", []string{"is not an HTTP method"}},
		{"?route=" + strings.Repeat("x", uiMaxParam+1), 400, "", []string{"route: 4097 bytes is longer than 4096"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			r := uiGet(t, s, "/__mockisc/ui/requests"+tc.query).wantPage(t, tc.status, tc.more...)
			if got := strings.Join(rowSeqs(r.body), ","); got != tc.seqs {
				t.Errorf("rows %q; want %q", got, tc.seqs)
			}
		})
	}
	t.Run("fragment", func(t *testing.T) {
		t.Parallel()
		r := uiGet(t, s, "/__mockisc/ui/requests?fragment=rows&status=2xx").wantPage(t, 200)
		if strings.Contains(r.body, "<html") || strings.Join(rowSeqs(r.body), ",") != "2,1" {
			t.Errorf("fragment: want rows 2,1 alone; got %s", r.body)
		}
	})
}

// TestUIRequestDetail checks a journal entry's page: redacted headers,
// body, the fault rule.
func TestUIRequestDetail(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	f := journalFixture(t, s)
	tests := []struct {
		seq       string
		status    int
		fragments []string
		absent    []string
	}{
		{"4", 200, []string{`<td id="fault">` + f.ID + `</td>`, "Fault rule " + f.ID, "<th>Authorization</th><td class=\"mono\">Bearer REDACTED</td>", "503"}, nil},
		{"3", 200, []string{"none fired", "401"}, []string{"not-a-token"}},
		{"99", 404, []string{"the journal holds no request 99"}, nil},
		{"0", 400, []string{"is not a request number"}, nil},
		{"x%3Cb%3E", 400, []string{"&#34;x&lt;b&gt;&#34; is not a request number"}, []string{"x<b>"}},
	}
	for _, tc := range tests {
		t.Run(tc.seq, func(t *testing.T) {
			t.Parallel()
			r := uiGet(t, s, "/__mockisc/ui/requests/"+tc.seq).wantPage(t, tc.status, tc.fragments...)
			for _, a := range tc.absent {
				if strings.Contains(r.body, a) {
					t.Errorf("the page shows %q", a)
				}
			}
		})
	}
	t.Run("body", func(t *testing.T) {
		t.Parallel()
		s := demoServer(t)
		resp, err := s.Client().Post(s.URL+"/v3/accounts", "application/json", strings.NewReader(`{"attributes":{"x":"<script>"}}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		r := uiGet(t, s, "/__mockisc/ui/requests/1").wantPage(t, 200, `<pre id="body">{`, "&lt;script&gt;")
		if strings.Contains(r.body, "<script>\"") {
			t.Error("the body is not escaped")
		}
	})
}

// TestUIChart checks the chart's bars.
func TestUIChart(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	journalFixture(t, s)
	r := uiGet(t, s, "/__mockisc/ui/chart.svg").wantPage(t, 200, "<svg", `class="bar c2"`, `class="bar c4"`, `class="bar c5"`, "<title>1 × 5xx</title>")
	if ct := r.header.Get("Content-Type"); ct != "image/svg+xml" {
		t.Errorf("Content-Type %q", ct)
	}
	s.Clock().Advance(time.Hour)
	if r := uiGet(t, s, "/__mockisc/ui/chart.svg"); strings.Contains(r.body, "<rect") {
		t.Error("an hour later the chart still has bars")
	}
}
