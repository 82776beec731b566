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

// plain is a client with no token of its own: over the socket, or in
// process.
func plain(s *Server) *http.Client {
	if s.Addr() == nil {
		return &http.Client{Transport: s.Transport()}
	}
	return &http.Client{}
}

// fetchToken posts to the token endpoint and returns the decoded answer.
func fetchToken(t *testing.T, c *http.Client, base, query, body, ct string, basic ...string) (result, map[string]any) {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/oauth/token"+query, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if len(basic) == 2 {
		req.SetBasicAuth(basic[0], basic[1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	r := result{status: resp.StatusCode, header: resp.Header, body: buf.Bytes()}
	checkResponse(t, "POST", "/oauth/token", r)
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("token answer is not a JSON object: %s", r.body)
	}
	return r, m
}

const form = "application/x-www-form-urlencoded"

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, append(slices.Clone(mode), WithClient(OAuthClient{ID: "reg", Secret: "right",
			Scopes: []string{"idn:accounts:read"}, Authorities: []string{"HELPDESK"}}))...)
		c := plain(s)
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
			{"form", "", "grant_type=client_credentials&client_id=a&client_secret=b", form, nil, "sp:scopes:all"},
			{"query", "?grant_type=client_credentials&client_id=a&client_secret=b", "", "", nil, "sp:scopes:all"},
			{"basic", "", "grant_type=client_credentials", form, []string{"a", "b"}, "sp:scopes:all"},
			{"multipart", "", buf.String(), mw.FormDataContentType(), nil, "sp:scopes:all"},
			{"registered", "", "grant_type=client_credentials&client_id=reg&client_secret=right", form, nil, "idn:accounts:read"},
		}
		for _, tt := range ok {
			r, m := fetchToken(t, c, s.URL, tt.query, tt.body, tt.ct, tt.basic...)
			wantStatus(t, r, http.StatusOK)
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
			r = send(t, c, s.URL, "GET", "/v3/accounts", "", "Authorization", "Bearer "+tok)
			wantStatus(t, r, http.StatusOK)
		}
		bad := []struct {
			name, query, body, ct string
			basic                 []string
			status                int
			code, want            string
		}{
			{"no grant", "", "client_id=a", form, nil, 400, "invalid_request", "grant_type"},
			{"bad grant", "", "grant_type=password&client_id=a", form, nil, 400, "unsupported_grant_type", "password"},
			{"no client", "", "grant_type=client_credentials", form, nil, 400, "invalid_request", "client_id"},
			{"json body", "", `{"grant_type":"client_credentials"}`, "application/json", nil, 400, "invalid_request", "x-www-form-urlencoded"},
			{"bad form", "", "grant_type=%zz", form, nil, 400, "invalid_request", "form"},
			{"bad form with secret", "", "grant_type=client_credentials&client_id=a&client_secret=leak1&x=%zz", form, nil, 400, "invalid_request", "form"},
			{"wrong secret", "", "grant_type=client_credentials&client_id=reg&client_secret=wrong", form, nil, 401, "invalid_client", "reg"},
			{"wrong secret basic", "", "grant_type=client_credentials", form, []string{"reg", "nope"}, 401, "invalid_client", "reg"},
		}
		for _, tt := range bad {
			r, m := fetchToken(t, c, s.URL, tt.query, tt.body, tt.ct, tt.basic...)
			wantStatus(t, r, tt.status)
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
	r, m := fetchToken(t, plain(s), s.URL, "", "grant_type=client_credentials&client_id=other&client_secret=x", form)
	if r.status != http.StatusUnauthorized || m["error"] != "invalid_client" {
		t.Errorf("unregistered client: %d %s", r.status, r.body)
	}
	if _, err := s.Client().Get(s.URL + "/v3/accounts"); err == nil || !strings.Contains(err.Error(), DefaultClientID) {
		t.Errorf("Client() of an unregistered default client: err %v, want one naming the client", err)
	}
	wantStatus(t, send(t, s.ClientAs("only", "s"), s.URL, "GET", "/v3/accounts", ""), http.StatusOK)
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
		c := plain(e.s)
		before := e.s.Snapshot()
		for _, rt := range apiRoutes(e.fx.hrAlice.ID) {
			for _, auth := range []string{"", "Bearer ", "Bearer not-a-token", "Basic YTpi", "bearer"} {
				var hdr []string
				if auth != "" {
					hdr = []string{"Authorization", auth}
				}
				r := send(t, c, e.s.URL, rt[0], rt[1], `{}`, hdr...)
				wantStatus(t, r, http.StatusUnauthorized)
				if m := r.obj(t); len(m) != 1 || !strings.HasPrefix(m["error"].(string), "JWT validation failed") {
					t.Errorf("%s %s with %q: body %s, want {\"error\": ...}", rt[0], rt[1], auth, r.body)
				}
			}
		}
		if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
			t.Errorf("unauthorized requests changed the tenant:\n%s", d)
		}
	})
}

func TestExpiredToken(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, append(slices.Clone(mode), WithTokenTTL(time.Minute))...)
		_, m := fetchToken(t, plain(s), s.URL, "", "grant_type=client_credentials&client_id=a&client_secret=b", form)
		if m["expires_in"] != 60.0 {
			t.Errorf("expires_in %v, want 60", m["expires_in"])
		}
		bearer := "Bearer " + m["access_token"].(string)
		client := s.Client()
		wantStatus(t, send(t, client, s.URL, "GET", "/v3/accounts", ""), http.StatusOK)
		s.Clock().Advance(59 * time.Second)
		wantStatus(t, send(t, plain(s), s.URL, "GET", "/v3/accounts", "", "Authorization", bearer), http.StatusOK)
		s.Clock().Advance(time.Second)
		r := send(t, plain(s), s.URL, "GET", "/v3/accounts", "", "Authorization", bearer)
		wantStatus(t, r, http.StatusUnauthorized)
		if got := r.obj(t)["error"]; got != engine.TextExpiredToken {
			t.Errorf("error %q, want %q", got, engine.TextExpiredToken)
		}
		// Client renews its own token.
		wantStatus(t, send(t, client, s.URL, "GET", "/v3/accounts", ""), http.StatusOK)
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
	for _, tt := range tests {
		var hdr []string
		if tt.method == "PATCH" {
			hdr = []string{"Content-Type", patchCT}
		}
		r := send(t, e.s.ClientAs(tt.client, "s"), e.s.URL, tt.method, tt.path, tt.body, hdr...)
		if tt.want == 403 {
			wantError(t, r, 403, detailForbidden, tt.text)
		} else {
			wantStatus(t, r, tt.want)
		}
		if r.status == 200 || r.status == 202 || r.status == 403 {
			if got := e.s.Journal().Find(tt.method, tt.path); len(got) == 0 || got[len(got)-1].ClientID != tt.client {
				t.Errorf("%s %s: journal does not name client %q", tt.method, tt.path, tt.client)
			}
		}
	}
}

func TestWithoutAuth(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, append(slices.Clone(mode), WithoutAuth())...)
		c := plain(e.s)
		wantStatus(t, send(t, c, e.s.URL, "GET", "/v3/accounts", ""), http.StatusOK)
		taskID(t, send(t, c, e.s.URL, "POST", "/v3/accounts/"+e.fx.adBob.ID+"/unlock", `{"forceProvisioning":true}`))
		// A garbage token is ignored too.
		wantStatus(t, send(t, c, e.s.URL, "GET", "/v3/accounts", "", "Authorization", "Bearer junk"), http.StatusOK)
	})
}

// TestHTTPTestServer mounts the server as a plain handler.
func TestHTTPTestServer(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	fx := seed(t, s)
	ts := newHTTPTest(t, s)
	c := ts.Client()
	_, m := fetchToken(t, c, ts.URL, "?"+url.Values{"grant_type": {"client_credentials"}, "client_id": {"x"}}.Encode(), "", "")
	bearer := "Bearer " + m["access_token"].(string)
	r := send(t, c, ts.URL, "GET", "/v3/accounts/"+fx.adAlice.ID, "", "Authorization", bearer)
	wantStatus(t, r, http.StatusOK)
	if r.obj(t)["name"] != "Alice" {
		t.Errorf("got %s", r.body)
	}
	taskID(t, send(t, c, ts.URL, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`, "Authorization", bearer))
	if a, _ := s.Account(fx.adAlice.ID); !a.Disabled {
		t.Error("not disabled")
	}
}
