package mockisc

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/internal/engine"
)

// fetchToken posts to ISC's token endpoint with c and returns the answer
// and its decoded body. hdr holds header name/value pairs.
func fetchToken(t *testing.T, c *http.Client, base, query, body string, hdr ...string) (result, map[string]any) {
	t.Helper()
	r := iscClient(c, base).do(t, "POST", "/oauth/token"+query, body, hdr...)
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("token answer is not a JSON object: %s", r.body)
	}
	return r, m
}

// tokenHeader is the header of a token request: its Content-Type, unless
// ct is "", and Basic credentials, if basic holds an id and a secret.
func tokenHeader(ct string, basic ...string) []string {
	var h []string
	if ct != "" {
		h = append(h, "Content-Type", ct)
	}
	if len(basic) == 2 {
		h = append(h, "Authorization", basicAuth(basic[0], basic[1]))
	}
	return h
}

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithClient(OAuthClient{ID: "reg", Secret: "right",
			Scopes: []string{"idn:accounts:read"}, Authorities: []string{"HELPDESK"}}))...)
		c := noTokenClient(s)
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for _, kv := range [][2]string{{"grant_type", "client_credentials"}, {"client_id", "m"}, {"client_secret", "multi-secret"}} {
			_ = mw.WriteField(kv[0], kv[1])
		}
		_ = mw.Close()
		ok := []struct {
			name, query, body, ct string
			basic                 []string
			scope                 string
		}{
			{"form", "", "grant_type=client_credentials&client_id=a&client_secret=b", formCT, nil, "sp:scopes:all"},
			{"query", "?grant_type=client_credentials&client_id=a&client_secret=b", "", "", nil, "sp:scopes:all"},
			{"basic", "", "grant_type=client_credentials", formCT, []string{"a", "b"}, "sp:scopes:all"},
			{"multipart", "", buf.String(), mw.FormDataContentType(), nil, "sp:scopes:all"},
			{"registered", "", "grant_type=client_credentials&client_id=reg&client_secret=right", formCT, nil, "idn:accounts:read"},
		}
		for _, tt := range ok {
			r, m := fetchToken(t, c, s.URL, tt.query, tt.body, tokenHeader(tt.ct, tt.basic...)...)
			r.want(t, http.StatusOK)
			keys := sortedKeys(m)
			want := []string{"access_token", "expires_in", "internal", "jti", "org", "pod", "scope", "strong_auth",
				"strong_auth_supported", "tenant_id", "token_type"}
			if d := gocmp.Diff(want, keys); d != "" {
				t.Errorf("%s: token response keys (-want +got):\n%s", tt.name, d)
			}
			if m["token_type"] != "bearer" || m["expires_in"] != 749.0 || m["scope"] != tt.scope {
				t.Errorf("%s: token_type %v expires_in %v scope %v", tt.name, m["token_type"], m["expires_in"], m["scope"])
			}
			tok, _ := m["access_token"].(string)
			parts := strings.Split(tok, ".")
			if len(parts) != 3 {
				t.Fatalf("%s: token %q is not a JWT", tt.name, tok)
			}
			payload, err := base64.RawURLEncoding.DecodeString(parts[1])
			var claims map[string]any
			if err != nil || json.Unmarshal(payload, &claims) != nil || claims["jti"] != m["jti"] {
				t.Errorf("%s: JWT payload %s does not carry jti %v", tt.name, payload, m["jti"])
			}
			// The token works.
			iscClient(c, s.URL).do(t, "GET", "/v3/accounts", "", "Authorization", "Bearer "+tok).want(t, http.StatusOK)
		}
		bad := []struct {
			name, query, body, ct string
			basic                 []string
			status                int
			code, want            string
		}{
			{"no grant", "", "client_id=a", formCT, nil, 400, "invalid_request", "grant_type"},
			{"bad grant", "", "grant_type=password&client_id=a", formCT, nil, 400, "unsupported_grant_type", "password"},
			{"no client", "", "grant_type=client_credentials", formCT, nil, 400, "invalid_request", "client_id"},
			{"json body", "", `{"grant_type":"client_credentials"}`, "application/json", nil, 400, "invalid_request", "x-www-form-urlencoded"},
			{"bad form", "", "grant_type=%zz", formCT, nil, 400, "invalid_request", "form"},
			{"bad form with secret", "", "grant_type=client_credentials&client_id=a&client_secret=leak1&x=%zz", formCT, nil, 400, "invalid_request", "form"},
			{"wrong secret", "", "grant_type=client_credentials&client_id=reg&client_secret=wrong", formCT, nil, 401, "invalid_client", "reg"},
			{"wrong secret basic", "", "grant_type=client_credentials", formCT, []string{"reg", "nope"}, 401, "invalid_client", "reg"},
		}
		for _, tt := range bad {
			r, m := fetchToken(t, c, s.URL, tt.query, tt.body, tokenHeader(tt.ct, tt.basic...)...)
			r.want(t, tt.status)
			if m["error"] != tt.code || !strings.Contains(m["error_description"].(string), tt.want) {
				t.Errorf("%s: %s, want error %s mentioning %q", tt.name, r.body, tt.code, tt.want)
			}
		}
		// The journal keeps no secret.
		for _, e := range s.Journal().Find("POST", "/oauth/token") {
			// Body is []byte, which JSON would hide as base64: look at it raw.
			hdr, _ := json.Marshal(e.Header)
			blob := slices.Concat(e.Body, []byte(e.Query), hdr)
			for _, secret := range []string{"right", "wrong", "multi-secret", "client_secret=b", "YTpi" /* a:b */, "nope", "leak1"} {
				if bytes.Contains(blob, []byte(secret)) {
					t.Errorf("journal entry %d keeps the secret %q: %s", e.Seq, secret, blob)
				}
			}
		}
	})
}

func TestStrictClients(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithStrictClients(), WithClient(OAuthClient{ID: "only", Secret: "s", Scopes: []string{engine.ScopeAll}, Authorities: []string{"ORG_ADMIN"}}))
	r, m := fetchToken(t, noTokenClient(s), s.URL, "", "grant_type=client_credentials&client_id=other&client_secret=x", "Content-Type", formCT)
	if r.status != http.StatusUnauthorized || m["error"] != "invalid_client" {
		t.Errorf("unregistered client: %d %s", r.status, r.body)
	}
	if r := rawClient(s.Client(), s.URL).do(t, "GET", "/v3/accounts", ""); r.err == nil || !strings.Contains(r.err.Error(), DefaultClientID) {
		t.Errorf("Client() of an unregistered default client: err %v, want one naming the client", r.err)
	}
	iscClient(s.ClientAs("only", "s"), s.URL).do(t, "GET", "/v3/accounts", "").want(t, http.StatusOK)
}

// apiRoutes lists one request per authenticated route.
func apiRoutes(id string) [][2]string {
	return [][2]string{
		{"GET", "/v3/accounts"}, {"POST", "/v3/accounts"}, {"GET", "/v3/accounts/" + id},
		{"PUT", "/v3/accounts/" + id}, {"PATCH", "/v3/accounts/" + id}, {"DELETE", "/v3/accounts/" + id},
		{"GET", "/v3/accounts/" + id + "/entitlements"}, {"POST", "/v3/accounts/" + id + "/reload"},
		{"POST", "/v3/accounts/" + id + "/enable"}, {"POST", "/v3/accounts/" + id + "/disable"},
		{"POST", "/v3/accounts/" + id + "/unlock"}, {"GET", "/v2025/task-status/" + id}, {"GET", "/beta/task-status/" + id},
	}
}

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		k := iscClient(noTokenClient(e.s), e.s.URL)
		before := e.s.Snapshot()
		t.Run("routes", func(t *testing.T) {
			for _, rt := range apiRoutes(e.fx.hrAlice.ID) {
				t.Run(rt[0]+" "+rt[1], func(t *testing.T) {
					t.Parallel()
					for _, auth := range []string{"", "Bearer ", "Bearer not-a-token", "Basic YTpi", "bearer"} {
						var hdr []string
						if auth != "" {
							hdr = []string{"Authorization", auth}
						}
						r := k.do(t, rt[0], rt[1], `{}`, hdr...).want(t, http.StatusUnauthorized)
						if m := r.obj(t); len(m) != 1 || !strings.HasPrefix(m["error"].(string), "JWT validation failed") {
							t.Errorf("%s %s with %q: body %s, want {\"error\": ...}", rt[0], rt[1], auth, r.body)
						}
					}
				})
			}
		})
		if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
			t.Errorf("unauthorized requests changed the tenant:\n%s", d)
		}
	})
}

func TestExpiredToken(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithTokenTTL(time.Minute))...)
		_, m := fetchToken(t, noTokenClient(s), s.URL, "", "grant_type=client_credentials&client_id=a&client_secret=b", "Content-Type", formCT)
		if m["expires_in"] != 60.0 {
			t.Errorf("expires_in %v, want 60", m["expires_in"])
		}
		bearer := "Bearer " + m["access_token"].(string)
		own, anon := iscClient(s.Client(), s.URL), iscClient(noTokenClient(s), s.URL)
		own.do(t, "GET", "/v3/accounts", "").want(t, http.StatusOK)
		s.Clock().Advance(59 * time.Second)
		anon.do(t, "GET", "/v3/accounts", "", "Authorization", bearer).want(t, http.StatusOK)
		s.Clock().Advance(time.Second)
		r := anon.do(t, "GET", "/v3/accounts", "", "Authorization", bearer).want(t, http.StatusUnauthorized)
		if got := r.obj(t)["error"]; got != engine.TextExpiredToken {
			t.Errorf("error %q, want %q", got, engine.TextExpiredToken)
		}
		// Client renews its own token.
		own.do(t, "GET", "/v3/accounts", "").want(t, http.StatusOK)
	})
}

func TestForbidden(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener(),
		WithClient(OAuthClient{ID: "reader", Secret: "s", Scopes: []string{"idn:accounts:read"}, Authorities: []string{"ORG_ADMIN"}}),
		WithClient(OAuthClient{ID: "cert", Secret: "s", Scopes: []string{engine.ScopeAll}, Authorities: []string{"CERT_ADMIN"}}),
		WithClient(OAuthClient{ID: "manager", Secret: "s", Scopes: []string{"idn:accounts:manage"}, Authorities: []string{"SOURCE_SUBADMIN"}}),
		WithClient(OAuthClient{ID: "helpdesk", Secret: "s", Scopes: []string{"idn:accounts:manage"}, Authorities: []string{"HELPDESK"}}),
	)
	id := e.fx.hrAlice.ID
	tests := []struct {
		client, method, path, body string
		want                       int
		text                       string
	}{
		{"reader", "GET", "/v3/accounts", "", 200, ""},
		{"reader", "GET", "/v3/accounts/" + id, "", 200, ""},
		{"reader", "POST", "/v3/accounts", `{}`, 403, "needs one of the scopes idn:accounts:manage; the token has idn:accounts:read"},
		{"reader", "DELETE", "/v3/accounts/" + id, "", 403, "scopes"},
		{"reader", "POST", "/v3/accounts/" + id + "/disable", `{}`, 403, "idn:accounts-state:manage"},
		{"reader", "GET", "/v2025/task-status/x", "", 403, "idn:task-management:read"},
		{"cert", "GET", "/v3/accounts", "", 403, "needs one of the user levels ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN, HELPDESK; the token has CERT_ADMIN"},
		{"cert", "GET", "/v2025/task-status/x", "", 404, ""},
		{"manager", "GET", "/v3/accounts", "", 200, ""},
		{"manager", "PATCH", "/v3/accounts/" + id, "[]", 202, ""},
		{"helpdesk", "GET", "/v3/accounts", "", 200, ""},
		{"helpdesk", "DELETE", "/v3/accounts/" + id, "", 403, "user levels ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN"},
	}
	// In order, not in parallel: each case reads the journal's last entry.
	for _, tt := range tests {
		t.Run(tt.client+" "+tt.method+" "+tt.path, func(t *testing.T) {
			var hdr []string
			if tt.method == "PATCH" {
				hdr = []string{"Content-Type", patchCT}
			}
			r := iscClient(e.s.ClientAs(tt.client, "s"), e.s.URL).do(t, tt.method, tt.path, tt.body, hdr...)
			if tt.want == 403 {
				wantError(t, r, 403, detailForbidden, tt.text)
			} else {
				r.want(t, tt.want)
			}
			if r.status == 200 || r.status == 202 || r.status == 403 {
				if got := e.s.Journal().Find(tt.method, tt.path); len(got) == 0 || got[len(got)-1].ClientID != tt.client {
					t.Errorf("%s %s: journal does not name client %q", tt.method, tt.path, tt.client)
				}
			}
		})
	}
}

func TestWithoutAuth(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithoutAuth())...)
		k := iscClient(noTokenClient(e.s), e.s.URL)
		k.do(t, "GET", "/v3/accounts", "").want(t, http.StatusOK)
		taskID(t, k.do(t, "POST", "/v3/accounts/"+e.fx.adBob.ID+"/unlock", `{"forceProvisioning":true}`))
		// A garbage token is ignored too.
		k.do(t, "GET", "/v3/accounts", "", "Authorization", "Bearer junk").want(t, http.StatusOK)
	})
}

// TestHTTPTestServer mounts the server as a plain handler.
func TestHTTPTestServer(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	fx := seed(t, s)
	ts := newHTTPTest(t, s)
	_, m := fetchToken(t, ts.Client(), ts.URL, "?"+url.Values{"grant_type": {"client_credentials"}, "client_id": {"x"}}.Encode(), "")
	k := iscClient(ts.Client(), ts.URL)
	k.hdr = []string{"Authorization", "Bearer " + m["access_token"].(string)}
	r := k.do(t, "GET", "/v3/accounts/"+fx.adAlice.ID, "").want(t, http.StatusOK)
	if r.obj(t)["name"] != "Alice" {
		t.Errorf("got %s", r.body)
	}
	taskID(t, k.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`))
	if a, _ := s.Account(fx.adAlice.ID); !a.Disabled {
		t.Error("not disabled")
	}
}
