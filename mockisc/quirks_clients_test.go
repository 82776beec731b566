package mockisc

// Tests of client kinds (personal access tokens, API clients) and of
// offsets past the end.

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// jwtClaims decodes the payload (the middle part) of a JWT.
func jwtClaims(t testing.TB, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q has %d parts, want 3", tok, len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("token payload: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("token payload %s: %v", b, err)
	}
	return m
}

// TestQuirksClientKinds checks OAuthClient.Kind: an API client's tokens
// carry no user, so routes with user levels answer 403 and routes
// without them answer; a personal access token is its user, whose
// authorities the user levels check.
func TestQuirksClientKinds(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		all := []string{"sp:scopes:all"}
		s := New(t, with(mode,
			WithClient(OAuthClient{ID: "api", Secret: "s", Scopes: all, Kind: APIClient}),
			WithClient(OAuthClient{ID: "pat", Secret: "s", Scopes: all, Authorities: []string{"HELPDESK"}}),
			WithClient(OAuthClient{ID: "pat2", Secret: "s", Scopes: all, Authorities: []string{"ORG_ADMIN"}, Kind: PersonalAccessToken}))...)
		fx := seed(t, s)
		clients := map[string]client{
			"api":  iscClient(s.ClientAs("api", "s"), s.URL),
			"pat":  iscClient(s.ClientAs("pat", "s"), s.URL),
			"pat2": iscClient(s.ClientAs("pat2", "s"), s.URL),
		}
		// In order: some steps change the tenant.
		tests := []struct {
			who, method, path, body string
			status                  int
			texts                   []string // what a 403 says
		}{
			{"api", "GET", "/v3/accounts", "", 403, []string{"API client", `"api"`}},
			{"api", "GET", "/v2025/accounts/" + fx.hrAlice.ID, "", 403, []string{"API client"}},
			{"api", "POST", "/v3/accounts/" + fx.adAlice.ID + "/disable", "{}", 403, []string{"API client"}},
			{"api", "GET", "/v2025/task-status", "", 403, []string{"API client"}},
			// Identities take user tokens only (no applicationAuth in
			// their spec), user levels or not.
			{"api", "GET", "/v2025/identities", "", 403, []string{"user context", `"api"`}},
			{"api", "GET", "/v2025/identities/" + fx.alice.ID, "", 403, []string{"user context"}},
			{"api", "GET", "/identities/v1", "", 403, []string{"user context"}},
			{"api", "POST", "/v2025/accounts/" + fx.csvCarol.ID + "/remove", "", 403, []string{"API client"}},
			{"api", "POST", "/beta/accounts/" + fx.csvCarol.ID + "/remove", "", 202, nil}, // no user levels in beta
			{"api", "GET", "/beta/sources/" + fx.hr.ID, "", 200, nil},                     // none here either
			{"api", "GET", "/v2025/sources/" + fx.hr.ID, "", 403, []string{"API client"}},
			{"pat", "GET", "/v3/accounts", "", 200, nil},
			{"pat", "POST", "/v3/accounts", specExample(fx.hr.ID), 403, []string{"user levels", "HELPDESK"}},
			{"pat", "POST", "/v3/accounts/" + fx.adAlice.ID + "/disable", "{}", 202, nil},
			{"pat", "POST", "/v2025/accounts/" + fx.hrBob.ID + "/remove", "", 403, []string{"ORG_ADMIN", "HELPDESK"}},
			{"pat", "GET", "/v2025/identities", "", 200, nil},
			{"pat2", "POST", "/v3/accounts", specExample(fx.hr.ID), 202, nil},
			{"pat2", "POST", "/v2025/accounts/" + fx.hrBob.ID + "/remove", "", 202, nil},
		}
		for _, tt := range tests {
			r := clients[tt.who].do(t, tt.method, tt.path, tt.body)
			if tt.status == http.StatusForbidden {
				wantError(t, r, tt.status, detailForbidden, tt.texts...)
				continue
			}
			r.want(t, tt.status)
		}
		if _, ok := s.Account(fx.csvCarol.ID); ok {
			t.Error("the API client's beta remove left the account")
		}
		if a, _ := s.Account(fx.adAlice.ID); !a.Disabled {
			t.Error("the helpdesk token's disable did not land")
		}

		// The token's payload: a user for a personal access token only.
		tokens := map[string]map[string]any{}
		for _, id := range []string{"api", "pat", "pat2"} {
			form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {"s"}}.Encode()
			r, m := fetchToken(t, noTokenClient(s), s.URL, "", form, tokenHeader(formCT)...)
			r.want(t, http.StatusOK)
			tok, _ := m["access_token"].(string)
			tokens[id] = jwtClaims(t, tok)
		}
		for id, want := range map[string]any{"api": nil, "pat": "pat", "pat2": "pat2"} {
			c := tokens[id]
			if c["client_id"] != id {
				t.Errorf("%s: client_id %v", id, c["client_id"])
			}
			got, has := c["user_name"]
			if want == nil && has {
				t.Errorf("the API client's token has user_name %v", got)
			}
			if want != nil && got != want {
				t.Errorf("%s: user_name %v, want %v", id, got, want)
			}
		}

		// A kind that is neither is refused.
		for _, kind := range []ClientKind{"bogus", "API", "PAT"} {
			srv, err := NewServer(WithoutListener(), WithClient(OAuthClient{ID: "x", Secret: "s", Kind: kind}))
			if err == nil {
				srv.Close()
				t.Errorf("kind %q: no error", kind)
				continue
			}
			if !strings.Contains(err.Error(), strconv.Quote(string(kind))) {
				t.Errorf("kind %q: error %q does not name it", kind, err)
			}
		}
	})
}

// TestQuirksOffsetPastEnd checks an offset past the last record: by
// default an empty page (with the total), with WithOffsetPastEndError a
// 400 once the offset reaches the total, but never for offset 0.
func TestQuirksOffsetPastEnd(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		lax := newEnv(t, mode...)
		strict := newEnv(t, with(mode, WithOffsetPastEndError())...)
		for _, e := range []*env{lax, strict} {
			// One task for the task status lists.
			taskID(t, e.do(t, "POST", "/v3/accounts/"+e.fx.adAlice.ID+"/disable", "{}"))
		}
		none := func(field string) string { return field + ` eq "zzz"` }
		lists := []struct {
			path  string
			total int
			empty string // a filter that matches nothing
		}{
			{"/v3/accounts", 6, none("name")},
			{"/accounts/v1", 6, none("nativeIdentity")},
			{"/v2025/accounts", 6, none("id")},
			{"/v2025/task-status", 1, none("id")},
			{"/beta/task-status", 1, none("id")},
			{"/task-status/v1", 1, none("id")},
			{"/v3/sources", 3, none("name")},
			{"/sources/v1", 3, none("name")},
			{"/v2024/identities", 2, none("name")},
			{"/identities/v1", 2, none("alias")},
			{"/v2025/accounts/" + lax.fx.adAlice.ID + "/entitlements", 2, ""}, // the same id in both: same seed
		}
		for _, l := range lists {
			t.Run(l.path, func(t *testing.T) {
				t.Parallel()
				n := strconv.Itoa(l.total)
				page := func(e *env, params ...string) result {
					t.Helper()
					return e.do(t, "GET", withQuery(l.path, append(params, "count", "true")...), "")
				}
				wantPage := func(r result, records int, total string) {
					t.Helper()
					r.want(t, http.StatusOK)
					if got := len(r.list(t)); got != records {
						t.Errorf("%s: %d records, want %d", r.uri(), got, records)
					}
					if got := r.header.Get("X-Total-Count"); got != total {
						t.Errorf("%s: X-Total-Count %q, want %q", r.uri(), got, total)
					}
				}
				// By default: an empty page, with the total.
				wantPage(page(lax, "offset", "1000"), 0, n)
				wantPage(page(lax, "offset", n), 0, n)
				wantPage(page(lax, "offset", strconv.Itoa(l.total-1)), 1, n)
				// Strict: the last record is fine, one past it is not.
				wantPage(page(strict, "offset", strconv.Itoa(l.total-1)), 1, n)
				wantPage(page(strict), l.total, n)
				for _, off := range []string{n, strconv.Itoa(l.total + 1), "1000"} {
					wantError(t, page(strict, "offset", off), http.StatusBadRequest, detailIllegalValue,
						"query parameter offset", "Specified offset is invalid")
				}
				if l.empty == "" {
					return
				}
				// An empty result: offset 0 (given or not) is an empty
				// page; anything more is past its end.
				for _, e := range []*env{lax, strict} {
					wantPage(page(e, "filters", l.empty, "offset", "0"), 0, "0")
					wantPage(page(e, "filters", l.empty), 0, "0")
				}
				wantPage(page(lax, "filters", l.empty, "offset", "1"), 0, "0")
				wantError(t, page(strict, "filters", l.empty, "offset", "1"), http.StatusBadRequest,
					detailIllegalValue, "Specified offset is invalid")
			})
		}
	})
}
