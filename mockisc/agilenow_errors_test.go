package mockisc

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAgileNowAuth checks 401 without a valid token and 403 without the
// operation's scope, in the vendor envelope, per operation.
func TestAgileNowAuth(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		clients := []OAuthClient{
			{ID: "reader", Secret: "s", Scopes: []string{"AccessUser:Read"}},
			{ID: "creator", Secret: "s", Scopes: []string{"AccessManager:Create"}},
			{ID: "updater", Secret: "s", Scopes: []string{"AccessManager:Update"}},
			{ID: "create+update", Secret: "s", Scopes: []string{"AccessManager:Create", "AccessUser:Update"}},
			{ID: "combined", Secret: "s", Scopes: []string{"AccessUser:Create, Update"}},
			{ID: "deleter", Secret: "s", Scopes: []string{"AccessManager:Delete"}},
			{ID: "isc", Secret: "s", Scopes: []string{"idn:accounts:manage"}, Authorities: []string{"ORG_ADMIN"}},
		}
		opts := slices.Clone(mode)
		for _, c := range clients {
			opts = append(opts, WithClient(c))
		}
		s := New(t, opts...)
		if _, err := s.AddAgileNowAccount(AgileNowAccount{ID: "a1", Username: "alice"}); err != nil {
			t.Fatal(err)
		}
		tokens := map[string]string{}
		for _, c := range clients {
			tokens[c.ID] = anToken(t, s, c.ID, c.Secret)
		}
		ops := []struct{ method, path, body string }{
			{"GET", "/Account/a1", ""},
			{"GET", "/Accounts", ""},
			{"POST", "/Account", `{"FirstName":"new"}`},
			{"PUT", "/Account/a1", `{"Name":"x"}`},
			{"PATCH", "/Account", `{"Id":"a1","Name":"y"}`},
			{"DELETE", "/Account/zz", ""}, // 404 when allowed: nothing is deleted
		}
		allowed := map[string][]string{ // client → operations it may call
			"reader":        {"GET /Account/a1", "GET /Accounts"},
			"creator":       {"POST /Account"},
			"updater":       {"PUT /Account/a1"},
			"create+update": {"POST /Account", "PUT /Account/a1", "PATCH /Account"},
			"combined":      {"PATCH /Account"},
			"deleter":       {"DELETE /Account/zz"},
		}
		for _, c := range clients {
			t.Run(c.ID, func(t *testing.T) {
				k := anClient(noTokenClient(s), s.URL, tokens[c.ID])
				for _, op := range ops {
					key := op.method + " " + op.path
					r := k.do(t, op.method, anBase+op.path, op.body)
					switch {
					case !slices.Contains(allowed[c.ID], key):
						wantError(t, r, 403, typePermission, "The user does not have access to execute operation")
					case op.method == "DELETE":
						wantError(t, r, 404, typeNotFound)
					case r.status != 200:
						t.Errorf("%s: %s = %d, want 200: %s", c.ID, key, r.status, r.body)
					}
				}
			})
		}
		// 401: no token, an unknown token, an expired token.
		vendor := anToken(t, s, "someone", "x")
		for _, u := range []struct{ name, token string }{{"none", ""}, {"unknown", "nope"}} {
			r := anClient(noTokenClient(s), s.URL, u.token).do(t, "GET", anBase+"/Accounts", "")
			wantError(t, r, 401, typeUnauthorized, "expired or is invalid")
			if bytes.Contains(r.body, []byte("JWT")) {
				t.Errorf("%s: a vendor 401 speaks of ISC's JWTs: %s", u.name, r.body)
			}
		}
		s.Clock().Advance(time.Hour)
		r := anClient(noTokenClient(s), s.URL, vendor).do(t, "GET", anBase+"/Account/a1", "")
		wantError(t, r, 401, typeUnauthorized, "the token is expired")
	})
}

// TestAgileNowDefaultClients checks that an unregistered client's vendor
// token has every vendor scope, and that the ISC client works on both APIs.
func TestAgileNowDefaultClients(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, mode...)
		k := anClient(noTokenClient(s), s.URL, anToken(t, s, "anyone", "anything"))
		k.do(t, "PATCH", anBase+"/Account", `{"Username":"u"}`).want(t, 200)
		k.do(t, "DELETE", anBase+"/Account/u?Name=Username", "").want(t, 200)
		// The ISC client on the vendor API.
		anClient(s.Client(), s.URL, "").do(t, "GET", anBase+"/Accounts", "").want(t, 200)
		if n := len(AgileNowScopes()); n != 10 {
			t.Errorf("AgileNowScopes has %d scopes, want 10", n)
		}
	})
}

func TestAgileNowTokenErrors(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithClient(OAuthClient{ID: "reg", Secret: "right"}))...)
		k := anClient(noTokenClient(s), s.URL, "")
		tests := []struct {
			name, ctype, body string
			status            int
			typ, text         string
		}{
			{"no grant", formCT, "client_id=a", 400, typeBadInput, "grant_type is required"},
			{"bad grant", formCT, "grant_type=password&client_id=a", 400, typeBadInput, `"password"`},
			{"no client", formCT, "grant_type=client_credentials", 400, typeBadInput, "client_id is required"},
			{"wrong secret", formCT, "grant_type=client_credentials&client_id=reg&client_secret=bad", 401,
				typeUnauthorized, `client "reg"`},
			{"json body", "application/json", `{"grant_type":"client_credentials"}`, 415, "/Errors/Unsupported Media Type", "x-www-form-urlencoded"},
		}
		t.Run("errors", func(t *testing.T) {
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					r := k.do(t, "POST", agileNowTokenPath, tc.body, "Content-Type", tc.ctype)
					wantError(t, r, tc.status, tc.typ, tc.text)
				})
			}
		})
		// Basic authentication works too, and the journal hides the secret.
		k.do(t, "POST", agileNowTokenPath, url.Values{"grant_type": {"client_credentials"}}.Encode(),
			"Content-Type", formCT, "Authorization", basicAuth("reg", "right")).want(t, 200)
		for _, e := range s.Journal().Find("POST", agileNowTokenPath) {
			if h := e.Header.Get("Authorization"); strings.Contains(string(e.Body), "right") || (h != "" && h != "Basic REDACTED") {
				t.Errorf("journal keeps a credential: %s %v", e.Body, e.Header)
			}
		}
	})
}

// TestAgileNowErrorEnvelopes covers the 400 variants of decoding and the
// pipeline's own errors (405, 413, 415, unknown route) on vendor paths:
// never ISC's envelope.
func TestAgileNowErrorEnvelopes(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, with(mode, WithMaxBodyBytes(200))...)
		anSeed(t, e.s)
		const js = "application/json"
		tests := []struct {
			name, method, path, ctype, body string
			status                          int
			typ, text                       string
		}{
			{"malformed JSON", "POST", "/Account", js, `{"Username":`, 400, typeBadInput, "offset"},
			{"not an object", "POST", "/Account", js, `[1]`, 400, typeBadInput, "must be a JSON object (AccountInsertData)"},
			{"null", "POST", "/Account", js, `null`, 400, typeBadInput, "must be a JSON object (AccountInsertData), not null"},
			{"null PATCH", "PATCH", "/Account", js, ` null `, 400, typeBadInput, "(AccountData), not null"},
			{"null PUT", "PUT", "/Account/a1", js, `null`, 400, typeBadInput, "(AccountUpdateData), not null"},
			{"null TenantData", "POST", "/Account/a1/Tenant", js, `null`, 400, typeBadInput, "TenantData must be a JSON object, not null"},
			{"null PictureData", "POST", "/Account/a1/Picture", js, `null`, 400, typeBadInput, "PictureData must be a JSON object, not null"},
			{"a string", "POST", "/Account", js, `"x"`, 400, typeBadInput, "must be a JSON object"},
			{"bad Filters encoding", "GET", "/Accounts?Filters=%zz", "", "", 400, typeBadInput, `query parameter "Filters"`},
			{"bad token query", "POST", "/oAuth/rest/v2/Token?client_id=%zz", "", "", 400, typeBadInput, `query parameter "client_id"`},
			{"empty body", "PATCH", "/Account", js, ``, 400, typeBadInput, "AccountData"},
			{"unknown member", "POST", "/Account", js, `{"IsActive":true}`, 400, typeBadInput, "IsActive: unknown member"},
			{"response-only member", "PATCH", "/Account", js, `{"EmailVerified":true}`, 400, typeBadInput, "EmailVerified"},
			{"wrong type text", "POST", "/Account", js, `{"Username":5}`, 400, typeBadInput, "Username: expected a string"},
			{"wrong type bool", "POST", "/Account", js, `{"Is_Active":"yes"}`, 400, typeBadInput, "Is_Active: expected true"},
			{"language casing", "POST", "/Account", js, `{"LanguageId":"FI-FI"}`, 400, typeBadInput, `did you mean "fi-FI"`},
			{"language", "POST", "/Account", js, `{"LanguageId":"xx"}`, 400, typeBadInput, `LanguageId: "xx"`},
			{"timezone", "PUT", "/Account/a1", js, `{"TimezoneId":"Helsinki"}`, 400, typeBadInput, `TimezoneId: "Helsinki"`},
			{"date format", "PATCH", "/Account", js, `{"DateFormatId":"dd.mm.yyyy"}`, 400, typeBadInput, `DateFormatId: "dd.mm.yyyy"`},
			{"wrong content type", "POST", "/Account", "text/plain", `{}`, 415, "/Errors/Unsupported Media Type", "application/json"},
			{"too large", "POST", "/Account", js, `{"Name":"` + strings.Repeat("x", 300) + `"}`, 413, "/Errors/Payload Too Large", "200"},
			{"wrong method", "GET", "/Account", "", "", 405, "/Errors/Method Not Allowed", "POST"},
			{"unknown route", "GET", "/Nothing", "", "", 404, typeNotFound, "/Nothing"},
			{"unknown token route", "GET", "/oAuth/rest/v3/Token", "", "", 404, typeNotFound, "Token"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				path := anBase + tc.path
				if strings.HasPrefix(tc.path, "/oAuth") {
					path = tc.path
				}
				var hdr []string
				if tc.ctype != "" {
					hdr = []string{"Content-Type", tc.ctype}
				}
				r := e.do(t, tc.method, path, tc.body, hdr...)
				wantError(t, r, tc.status, tc.typ, tc.text)
				if tc.status == 405 && r.header.Get("Allow") == "" {
					t.Errorf("405 without Allow")
				}
			})
		}
	})
}

// TestAgileNowRateLimited checks that the rate limiter's 429 on a vendor
// path is the vendor's envelope, with Retry-After.
func TestAgileNowRateLimited(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, with(mode, WithRateLimit(RateLimit{Limit: 1, Window: Duration(time.Minute)}))...)
		e.do(t, "GET", anBase+"/Accounts", "").want(t, http.StatusOK)
		r := e.do(t, "GET", anBase+"/Accounts", "")
		wantError(t, r, http.StatusTooManyRequests, "/Errors/Too Many Requests")
		if r.header.Get("Retry-After") != "60" {
			t.Errorf("Retry-After %q, want 60", r.header.Get("Retry-After"))
		}
	})
}
