package mockisc

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
)

// The tests of this file pin ISC's quirks the fake copies: how count is
// spelt, SLPT-Request-ID and the JSON content type, experimental routes,
// API clients versus personal access tokens, and an offset past the end.

// withQuery appends the query parameters params (name/value pairs) to p,
// which may have a query already.
func withQuery(p string, params ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	if len(q) == 0 {
		return p
	}
	if strings.Contains(p, "?") {
		return p + "&" + q.Encode()
	}
	return p + "?" + q.Encode()
}

// iscJSON is the Content-Type of ISC's JSON answers.
const iscJSON = "application/json;charset=UTF-8"

// TestQuirksCountParameter checks that count takes true and false in any
// case (the PowerShell SDK sends True) and nothing else.
func TestQuirksCountParameter(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		lists := []struct {
			path  string
			total string
		}{
			{"/v3/accounts", "6"},
			{"/accounts/v1", "6"},
			{"/v2025/sources", "3"},
			{"/v2024/identities", "2"},
			{"/beta/task-status", "0"},
		}
		tests := []struct {
			count string
			total bool // X-Total-Count is set
		}{
			{"true", true}, {"True", true}, {"TRUE", true}, {"tRuE", true},
			{"false", false}, {"False", false}, {"FALSE", false},
		}
		for _, l := range lists {
			for _, tt := range tests {
				t.Run(l.path+"?count="+tt.count, func(t *testing.T) {
					t.Parallel()
					r := e.do(t, "GET", withQuery(l.path, "count", tt.count), "").want(t, http.StatusOK)
					want := ""
					if tt.total {
						want = l.total
					}
					if got := r.header.Get("X-Total-Count"); got != want {
						t.Errorf("X-Total-Count %q, want %q", got, want)
					}
				})
			}
			for _, bad := range []string{"yes", "1", "0", "t"} {
				t.Run(l.path+"?count="+bad, func(t *testing.T) {
					t.Parallel()
					r := e.do(t, "GET", withQuery(l.path, "count", bad), "")
					wantError(t, r, http.StatusBadRequest, detailIllegalValue, "count", strconv.Quote(bad))
				})
			}
		}
	})
}

// TestQuirksRequestID checks SLPT-Request-ID: on every ISC answer
// (success, task, every error status, the rate limit), equal to an
// error's trackingId, different for every request and the same sequence
// for the same seed; never on AgileNow's or the admin API's answers. ISC's
// JSON answers are application/json;charset=UTF-8.
func TestQuirksRequestID(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		type step struct {
			who, method, path, body string
			hdr                     []string
			status                  int
		}
		steps := func(fx *fixture) []step {
			return []step{
				{"admin", "GET", "/v3/accounts", "", nil, 200},
				{"admin", "POST", "/v2025/accounts/" + fx.adAlice.ID + "/disable", "{}", nil, 202},
				{"admin", "POST", "/beta/accounts/" + fx.adSvc.ID + "/remove", "", nil, 202},
				{"admin", "GET", "/v2024/accounts?filters=" + url.QueryEscape(`name co "x"`), "", nil, 400},
				{"anon", "GET", "/v3/accounts", "", []string{"Authorization", "Bearer nope"}, 401},
				{"anon", "GET", "/v2025/identities", "", nil, 401},
				{"helpdesk", "POST", "/v2024/accounts/" + fx.hrBob.ID + "/remove", "", nil, 403},
				{"admin", "GET", "/v2025/accounts/nope", "", nil, 404},
				{"admin", "GET", "/v3/nope", "", nil, 404},
				{"admin", "DELETE", "/v2026/accounts", "", nil, 405},
				{"admin", "POST", "/v3/accounts/" + fx.adAlice.ID + "/enable", "{}", []string{"Content-Type", "text/plain"}, 415},
				{"admin", "GET", "/v3/sources", "", nil, 200},
				{"admin", "GET", "/v3/accounts", "", nil, 429}, // the limit is 3 per version
				{"admin", "GET", "/v2025/task-status", "", nil, 200},
			}
		}
		// run sends the steps to a fresh server with seed and returns the
		// request ids.
		run := func(t *testing.T, seedValue uint64) []string {
			s := New(t, with(mode, WithSeed(seedValue), WithRateLimit(RateLimit{Limit: 3, Window: 10 * time.Second}),
				WithClient(OAuthClient{ID: "helpdesk", Secret: "s", Scopes: []string{"sp:scopes:all"}, Authorities: []string{"HELPDESK"}}))...)
			fx := seed(t, s)
			clients := map[string]client{
				"admin":    iscClient(s.Client(), s.URL),
				"anon":     iscClient(noTokenClient(s), s.URL),
				"helpdesk": iscClient(s.ClientAs("helpdesk", "s"), s.URL),
			}
			var out []string
			for _, st := range steps(fx) {
				r := clients[st.who].do(t, st.method, st.path, st.body, st.hdr...)
				if r.status != st.status {
					t.Fatalf("%s %s: status %d, want %d; body %s", st.method, st.path, r.status, st.status, r.body)
				}
				id := r.header.Get("SLPT-Request-ID")
				if !hex32.MatchString(id) {
					t.Errorf("%s %s -> %d: SLPT-Request-ID %q is not 32 hex characters", st.method, st.path, r.status, id)
				}
				if ct := r.header.Get("Content-Type"); ct != iscJSON {
					t.Errorf("%s %s -> %d: Content-Type %q, want %q", st.method, st.path, r.status, ct, iscJSON)
				}
				var body struct {
					TrackingID *string `json:"trackingId"`
				}
				_ = json.Unmarshal(r.body, &body)
				switch {
				case r.status == 401 || r.status == 429:
					if body.TrackingID != nil {
						t.Errorf("%s %s -> %d: a trackingId in ISC's gateway shape: %s", st.method, st.path, r.status, r.body)
					}
				case r.status >= 400:
					if body.TrackingID == nil || *body.TrackingID != id {
						t.Errorf("%s %s -> %d: trackingId %v, SLPT-Request-ID %q; body %s", st.method, st.path, r.status, body.TrackingID, id, r.body)
					}
				}
				out = append(out, id)
			}
			return out
		}
		a := run(t, 7)
		if len(a) != len(slices.Compact(slices.Sorted(slices.Values(a)))) {
			t.Errorf("request ids repeat: %v", a)
		}
		if d := gocmp.Diff(a, run(t, 7)); d != "" {
			t.Errorf("the same seed gives other request ids (-first +second):\n%s", d)
		}
		if c := run(t, 8); c[0] == a[0] {
			t.Errorf("seeds 7 and 8 give the same first request id %s", a[0])
		}

		// AgileNow's and the admin API's answers carry none.
		s := New(t, mode...)
		tok := anToken(t, s, "an", "secret")
		raw := rawClient(noTokenClient(s), s.URL)
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"an"}, "client_secret": {"secret"}}.Encode()
		others := []struct {
			method, path, body string
			hdr                []string
			status             int
		}{
			{"POST", agileNowTokenPath, form, []string{"Content-Type", formCT}, 200},
			{"GET", anBase + "/Accounts", "", []string{"Authorization", "Bearer " + tok}, 200},
			{"GET", anBase + "/Account/nope", "", []string{"Authorization", "Bearer " + tok}, 404},
			{"GET", anBase + "/Accounts", "", nil, 401},
			{"GET", anBase + "/Nope", "", []string{"Authorization", "Bearer " + tok}, 404},
			{"GET", "/__mockisc/health", "", nil, 200},
			{"GET", "/__mockisc/requests", "", nil, 200},
			{"GET", "/__mockisc/nope", "", nil, 404},
		}
		for _, o := range others {
			r := raw.do(t, o.method, o.path, o.body, o.hdr...)
			if r.status != o.status {
				t.Errorf("%s %s: status %d, want %d; body %s", o.method, o.path, r.status, o.status, r.body)
			}
			if id, ok := r.header["Slpt-Request-Id"]; ok {
				t.Errorf("%s %s -> %d: SLPT-Request-ID %q outside ISC's API", o.method, o.path, r.status, id)
			}
		}
	})
}

// experimentalBody is ISC's answer to an experimental route without its
// header.
const experimentalBody = `{"error":"Experimental Header is missing or invalid."}`

// TestQuirksExperimental checks WithExperimental: a marked route needs
// "X-SailPoint-Experimental: true"; other routes do not, and take the
// header without harm; a name that matches no route is an error.
func TestQuirksExperimental(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithExperimental("GET /v2024/identities", "/v2025/task-status/{id}"))...)
		fx := seed(t, s)
		k := iscClient(s.Client(), s.URL)
		// The experimental 400 is {"error"}, which is no ErrorResponseDto,
		// so the raw check reads it; the test checks it.
		raw := rawClient(s.Client(), s.URL)
		task := taskID(t, k.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", "{}", "X-SailPoint-Experimental", "true"))
		const hdr = "X-SailPoint-Experimental"
		tests := []struct {
			method, path, header string // header: the value sent, "" for none
			status               int
		}{
			{"GET", "/v2024/identities", "", 400},
			{"GET", "/v2024/identities", "false", 400},
			{"GET", "/v2024/identities", "yes", 400},
			{"GET", "/v2024/identities", "true", 200},
			{"GET", "/v2025/task-status/" + task, "", 400},
			{"GET", "/v2025/task-status/" + task, "true", 200},
			// Unmarked routes, with and without the header.
			{"GET", "/v2024/identities/" + fx.alice.ID, "", 200},
			{"GET", "/v2025/identities", "", 200},
			{"GET", "/beta/identities", "", 200},
			{"GET", "/identities/v1", "", 200},
			{"GET", "/v2024/accounts", "", 200},
			{"GET", "/v2025/task-status", "", 200},
			{"GET", "/beta/task-status/" + task, "", 200},
			{"GET", "/v3/accounts", "true", 200},
			{"GET", "/v2025/identities", "true", 200},
			{"POST", "/v2026/accounts/" + fx.adAlice.ID + "/enable", "true", 202},
		}
		for _, tt := range tests {
			var h []string
			if tt.header != "" {
				h = []string{hdr, tt.header}
			}
			body := ""
			if tt.method == "POST" {
				body = "{}"
			}
			name := tt.method + " " + tt.path + " " + hdr + "=" + tt.header
			if tt.status != http.StatusBadRequest {
				k.do(t, tt.method, tt.path, body, h...).want(t, tt.status)
				continue
			}
			r := raw.do(t, tt.method, tt.path, body, h...)
			if r.status != tt.status || string(r.body) != experimentalBody {
				t.Errorf("%s: %d %s, want %d %s", name, r.status, r.body, tt.status, experimentalBody)
			}
			if ct := r.header.Get("Content-Type"); ct != iscJSON {
				t.Errorf("%s: Content-Type %q", name, ct)
			}
			if id := r.header.Get("SLPT-Request-ID"); !hex32.MatchString(id) {
				t.Errorf("%s: SLPT-Request-ID %q", name, id)
			}
		}
		// A name that matches no route makes NewServer fail, naming it.
		for _, name := range []string{"/nope", "POST /v2024/identities", "GET /v3/identities"} {
			srv, err := NewServer(WithoutListener(), WithExperimental(name))
			if err == nil {
				srv.Close()
				t.Errorf("WithExperimental(%q): no error", name)
				continue
			}
			if !strings.Contains(err.Error(), strconv.Quote(name)) {
				t.Errorf("WithExperimental(%q): error %q does not name it", name, err)
			}
		}
	})
}
