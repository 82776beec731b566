package engine

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

func multipartBody(t *testing.T, fields ...string) (body, contentType string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := w.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

// TestClientCredentials checks every place the grant's parameters can be.
func TestClientCredentials(t *testing.T) {
	t.Parallel()
	const form = "application/x-www-form-urlencoded"
	mp, mpType := multipartBody(t, "grant_type", "client_credentials", "client_id", "mid", "client_secret", "msec")
	mpNoGrant, mpNoGrantType := multipartBody(t, "client_id", "mid")
	tests := []struct {
		name         string
		target       string
		ct, body     string
		basic        [2]string
		id, secret   string
		code, msgHas string
	}{
		{name: "query", target: "/t?grant_type=client_credentials&client_id=qid&client_secret=qsec", id: "qid", secret: "qsec"},
		{name: "urlencoded body", ct: form, body: "grant_type=client_credentials&client_id=fid&client_secret=fsec", id: "fid", secret: "fsec"},
		{name: "urlencoded body with charset", ct: "Application/X-WWW-Form-Urlencoded; charset=UTF-8", body: "grant_type=client_credentials&client_id=fid", id: "fid"},
		{name: "body wins over query", target: "/t?grant_type=client_credentials&client_id=qid", ct: form, body: "client_id=fid", id: "fid"},
		{name: "multipart body", ct: mpType, body: mp, id: "mid", secret: "msec"},
		{name: "Basic auth", target: "/t?grant_type=client_credentials", basic: [2]string{"bid", "bsec"}, id: "bid", secret: "bsec"},
		{name: "client_id wins over Basic auth", target: "/t?grant_type=client_credentials&client_id=qid&client_secret=qs", basic: [2]string{"bid", "bsec"}, id: "qid", secret: "qs"},
		{name: "grant type is case-insensitive", target: "/t?grant_type=Client_Credentials&client_id=q", id: "q"},
		{name: "missing grant_type", target: "/t?client_id=q", code: "invalid_request", msgHas: "grant_type is required"},
		{name: "missing grant_type in multipart", ct: mpNoGrantType, body: mpNoGrant, code: "invalid_request", msgHas: "grant_type is required"},
		{name: "wrong grant_type", target: "/t?grant_type=password&client_id=q", code: "unsupported_grant_type",
			msgHas: `grant_type "password" is not supported; use client_credentials`},
		{name: "missing client_id", target: "/t?grant_type=client_credentials&client_secret=s", code: "invalid_request", msgHas: "client_id is required"},
		{name: "wrong content type", ct: "application/json", body: `{"grant_type":"client_credentials"}`, code: "unsupported_media",
			msgHas: "application/x-www-form-urlencoded, multipart/form-data or in the query"},
		{name: "no content type", body: "grant_type=client_credentials&client_id=x", code: "unsupported_media"},
		{name: "bad urlencoded body", ct: form, body: "grant_type=%zz", code: "invalid_request", msgHas: "the form body is not valid"},
		{name: "bad multipart body", ct: "multipart/form-data; boundary=xyz", body: "not multipart", code: "invalid_request", msgHas: "the form body is not valid"},
		{name: "multipart without boundary", ct: "multipart/form-data", body: "x", code: "invalid_request", msgHas: "the form body is not valid"},
		{name: "wrong content type, empty body: the query counts", target: "/t?grant_type=client_credentials&client_id=q", ct: "application/json", id: "q"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			target := tt.target
			if target == "" {
				target = "/t"
			}
			req := newReq("POST", target, tt.body)
			if tt.ct != "" {
				req.Header.Set("Content-Type", tt.ct)
			}
			if tt.basic[0] != "" {
				req.SetBasicAuth(tt.basic[0], tt.basic[1])
			}
			id, secret, gerr := ClientCredentials(&Call{Req: req, Body: []byte(tt.body)})
			if tt.code != "" {
				if gerr == nil {
					t.Fatalf("accepted (%q, %q); want %s", id, secret, tt.code)
				}
				if gerr.Code != tt.code || !strings.Contains(gerr.Msg, tt.msgHas) {
					t.Errorf("error %+v; want code %s, message with %q", gerr, tt.code, tt.msgHas)
				}
				if id != "" || secret != "" {
					t.Errorf("refused, yet returned (%q, %q)", id, secret)
				}
				return
			}
			if gerr != nil {
				t.Fatalf("refused: %+v", gerr)
			}
			if id != tt.id || secret != tt.secret {
				t.Errorf("got (%q, %q); want (%q, %q)", id, secret, tt.id, tt.secret)
			}
		})
	}
}

// TestTokenEndpoint drives a token route through the engine: the body is
// read by the pipeline and the token then works.
func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	res := te.do(t, "POST", "/oauth/token", "grant_type=client_credentials&client_id="+regClient+"&client_secret="+regSecret,
		"Content-Type", "application/x-www-form-urlencoded")
	if res.status() != http.StatusOK {
		t.Fatalf("token: %d %s", res.status(), res.rec.Body)
	}
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(res.rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if got := wantOK(t, te.do(t, "GET", "/v3/admin-only", "", "Authorization", "Bearer "+body.AccessToken)).ClientID; got != regClient {
		t.Errorf("client %q; want %s", got, regClient)
	}
	res = te.do(t, "POST", "/oauth/token", "grant_type=client_credentials&client_id="+regClient+"&client_secret=wrong",
		"Content-Type", "application/x-www-form-urlencoded")
	wantError(t, res, "A", http.StatusUnauthorized, "invalid_client", "bad credentials")

	// Multipart through the engine, from a body of unknown length.
	mp, ct := multipartBody(t, "grant_type", "client_credentials", "client_id", "m")
	req := newReq("POST", "/agile/v1/token", "", "Content-Type", ct)
	req.Body = io.NopCloser(strings.NewReader(mp))
	req.ContentLength = -1
	if res := te.serve(t, req); res.status() != http.StatusOK {
		t.Errorf("multipart token: %d %s", res.status(), res.rec.Body)
	}
}
