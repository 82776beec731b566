package mockisc_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

// TestAgileNowAuth checks 401 without a valid token and 403 without the
// operation's scope, in the vendor envelope, per operation.
func TestAgileNowAuth(t *testing.T) {
	t.Parallel()
	clients := []mockisc.OAuthClient{
		{ID: "reader", Secret: "s", Scopes: []string{"AccessUser:Read"}},
		{ID: "creator", Secret: "s", Scopes: []string{"AccessManager:Create"}},
		{ID: "updater", Secret: "s", Scopes: []string{"AccessManager:Update"}},
		{ID: "create+update", Secret: "s", Scopes: []string{"AccessManager:Create", "AccessUser:Update"}},
		{ID: "combined", Secret: "s", Scopes: []string{"AccessUser:Create, Update"}},
		{ID: "deleter", Secret: "s", Scopes: []string{"AccessManager:Delete"}},
		{ID: "isc", Secret: "s", Scopes: []string{"idn:accounts:manage"}, Authorities: []string{"ORG_ADMIN"}},
	}
	var opts []mockisc.Option
	for _, c := range clients {
		opts = append(opts, mockisc.WithClient(c))
	}
	s := mockisc.New(t, opts...)
	if _, err := s.AddAgileNowAccount(mockisc.AgileNowAccount{ID: "a1", Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	for _, c := range clients {
		tokens[c.ID] = anFetchToken(t, s, c.ID, c.Secret)
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
		for _, op := range ops {
			key := op.method + " " + op.path
			r := anSend(t, s, tokens[c.ID], op.method, anBase+op.path, op.body)
			ok := false
			for _, a := range allowed[c.ID] {
				ok = ok || a == key
			}
			path, _, _ := strings.Cut(anBase+op.path, "?")
			switch {
			case !ok:
				wantAnError(t, r, 403, "/Errors/Permission", "Bad Request", path, "The user does not have access to execute operation")
			case op.method == "DELETE":
				wantAnError(t, r, 404, typeNotFound, "Not Found", path)
			case r.status != 200:
				t.Errorf("%s: %s = %d, want 200: %s", c.ID, key, r.status, r.body)
			}
		}
	}
	// 401: no token, an unknown token, an expired token, an ISC-style
	// Basic header.
	vendor := anFetchToken(t, s, "someone", "x")
	unauth := []struct{ name, token string }{{"none", ""}, {"unknown", "nope"}}
	for _, u := range unauth {
		r := anSend(t, s, u.token, "GET", anBase+"/Accounts", "")
		wantAnError(t, r, 401, "/Errors/Unauthorized", "Unauthorized", anBase+"/Accounts", "expired or is invalid")
		if bytes.Contains(r.body, []byte("JWT")) {
			t.Errorf("%s: a vendor 401 speaks of ISC's JWTs: %s", u.name, r.body)
		}
	}
	s.Clock().Advance(time.Hour)
	r := anSend(t, s, vendor, "GET", anBase+"/Account/a1", "")
	wantAnError(t, r, 401, "/Errors/Unauthorized", "Unauthorized", anBase+"/Account/a1", "the token is expired")
}

// TestAgileNowDefaultClients checks that an unregistered client's vendor
// token has every vendor scope, and that the ISC client works on both APIs.
func TestAgileNowDefaultClients(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t)
	tok := anFetchToken(t, s, "anyone", "anything")
	anSend(t, s, tok, "PATCH", anBase+"/Account", `{"Username":"u"}`).want(t, 200)
	anSend(t, s, tok, "DELETE", anBase+"/Account/u?Name=Username", "").want(t, 200)
	resp, err := s.Client().Get(s.URL + anBase + "/Accounts")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("ISC client on the vendor API: %d", resp.StatusCode)
	}
	if n := len(mockisc.AgileNowScopes()); n != 10 {
		t.Errorf("AgileNowScopes has %d scopes, want 10", n)
	}
}

func TestAgileNowTokenErrors(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t, mockisc.WithClient(mockisc.OAuthClient{ID: "reg", Secret: "right"}))
	const path = "/oAuth/rest/v2/Token"
	tests := []struct {
		name, ctype, body string
		status            int
		typ, text         string
	}{
		{"no grant", "application/x-www-form-urlencoded", "client_id=a", 400, typeBadInput, "grant_type is required"},
		{"bad grant", "application/x-www-form-urlencoded", "grant_type=password&client_id=a", 400, typeBadInput, `"password"`},
		{"no client", "application/x-www-form-urlencoded", "grant_type=client_credentials", 400, typeBadInput, "client_id is required"},
		{"wrong secret", "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=reg&client_secret=bad", 401,
			"/Errors/Unauthorized", `client "reg"`},
		{"json body", "application/json", `{"grant_type":"client_credentials"}`, 415, "/Errors/Unsupported Media Type", "x-www-form-urlencoded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, err := http.Post(s.URL+path, tc.ctype, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			r := anReadResp(t, resp)
			wantAnError(t, r, tc.status, tc.typ, http.StatusText(tc.status), path, tc.text)
		})
	}
	// Basic authentication works too, and the journal hides the secret.
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("reg", "right")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	anReadResp(t, resp).want(t, 200)
	for _, e := range s.Journal().Find("POST", path) {
		if h := e.Header.Get("Authorization"); strings.Contains(string(e.Body), "right") || (h != "" && h != "Basic REDACTED") {
			t.Errorf("journal keeps a credential: %s %v", e.Body, e.Header)
		}
	}
}

// TestAgileNowErrorEnvelopes covers the 400 variants of decoding and the
// pipeline's own errors (405, 413, 415, unknown route) on vendor paths:
// never ISC's envelope.
func TestAgileNowErrorEnvelopes(t *testing.T) {
	t.Parallel()
	e := newAnEnv(t, mockisc.WithMaxBodyBytes(200))
	anSeed(t, e.s)
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		typ, text                       string
	}{
		{"malformed JSON", "POST", "/Account", "application/json", `{"Username":`, 400, typeBadInput, "offset"},
		{"not an object", "POST", "/Account", "application/json", `[1]`, 400, typeBadInput, "must be a JSON object (AccountInsertData)"},
		{"empty body", "PATCH", "/Account", "application/json", ``, 400, typeBadInput, "AccountData"},
		{"unknown member", "POST", "/Account", "application/json", `{"IsActive":true}`, 400, typeBadInput, "IsActive: unknown member"},
		{"response-only member", "PATCH", "/Account", "application/json", `{"EmailVerified":true}`, 400, typeBadInput, "EmailVerified"},
		{"wrong type text", "POST", "/Account", "application/json", `{"Username":5}`, 400, typeBadInput, "Username: expected a string"},
		{"wrong type bool", "POST", "/Account", "application/json", `{"Is_Active":"yes"}`, 400, typeBadInput, "Is_Active: expected true"},
		{"language casing", "POST", "/Account", "application/json", `{"LanguageId":"FI-FI"}`, 400, typeBadInput, `did you mean "fi-FI"`},
		{"language", "POST", "/Account", "application/json", `{"LanguageId":"xx"}`, 400, typeBadInput, `LanguageId: "xx"`},
		{"timezone", "PUT", "/Account/a1", "application/json", `{"TimezoneId":"Helsinki"}`, 400, typeBadInput, `TimezoneId: "Helsinki"`},
		{"date format", "PATCH", "/Account", "application/json", `{"DateFormatId":"dd.mm.yyyy"}`, 400, typeBadInput, `DateFormatId: "dd.mm.yyyy"`},
		{"wrong content type", "POST", "/Account", "text/plain", `{}`, 415, "/Errors/Unsupported Media Type", "application/json"},
		{"too large", "POST", "/Account", "application/json", `{"Name":"` + strings.Repeat("x", 300) + `"}`, 413, "/Errors/Payload Too Large", "200"},
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
			req, _ := http.NewRequest(tc.method, e.s.URL+path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			req.Header.Set("Authorization", "Bearer "+e.token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r := anReadResp(t, resp)
			title := http.StatusText(tc.status)
			wantAnError(t, r, tc.status, tc.typ, title, path, tc.text)
			if tc.status == 405 && r.header.Get("Allow") == "" {
				t.Errorf("405 without Allow")
			}
		})
	}
}
