package mockisc_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/mockisc"
)

const anBase = "/Endpoint/rest/api/v1"

// anEnv is a fake with an HTTP client that sends a vendor token.
type anEnv struct {
	t     testing.TB
	s     *mockisc.Server
	token string
}

// newAnEnv starts a fake and fetches a vendor token for an unregistered
// client (every vendor scope).
func newAnEnv(t testing.TB, opts ...mockisc.Option) *anEnv {
	t.Helper()
	s := mockisc.New(t, opts...)
	return &anEnv{t: t, s: s, token: anFetchToken(t, s, "an-client", "secret")}
}

// anFetchToken gets a token from the vendor token endpoint.
func anFetchToken(t testing.TB, s *mockisc.Server, id, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	resp, err := http.Post(s.URL+"/oAuth/rest/v2/Token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || body.AccessToken == "" {
		t.Fatalf("token: status %d, %v, %+v", resp.StatusCode, err, body)
	}
	if body.TokenType != "Bearer" {
		t.Errorf("token_type = %q, want Bearer", body.TokenType)
	}
	return body.AccessToken
}

// anResult is a response: its status, header and body.
type anResult struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with the env's token; body "" sends none.
func (e *anEnv) do(method, path, body string) anResult {
	e.t.Helper()
	return anSend(e.t, e.s, e.token, method, path, body)
}

// anSend sends a request with token ("" for none) as JSON.
func anSend(t testing.TB, s *mockisc.Server, token, method, path, body string) anResult {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", method, path, err)
	}
	return anResult{status: resp.StatusCode, header: resp.Header, body: b}
}

// obj decodes the body as a JSON object.
func (r anResult) obj(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// want fails the test unless the status is status.
func (r anResult) want(t testing.TB, status int) anResult {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	return r
}

// anErr is the vendor error envelope.
type anErr struct {
	Errors     []string
	Type       string
	Title      string
	StatusCode int
	Instance   string
	RequestKey string
}

// wantAnError checks a vendor error envelope: status, Type, Title,
// StatusCode, Instance, a GUID RequestKey, and that some message contains
// each of texts.
func wantAnError(t testing.TB, r anResult, status int, typ, title, instance string, texts ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	var e anErr
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("not the vendor error envelope: %v: %s", err, r.body)
	}
	got := anErr{Type: e.Type, Title: e.Title, StatusCode: e.StatusCode, Instance: e.Instance}
	want := anErr{Type: typ, Title: title, StatusCode: status, Instance: instance}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("error envelope (-want +got):\n%s\nbody %s", d, r.body)
	}
	if len(e.RequestKey) != 36 || strings.Count(e.RequestKey, "-") != 4 {
		t.Errorf("RequestKey = %q, want a GUID", e.RequestKey)
	}
	all := strings.Join(e.Errors, "\n")
	if len(e.Errors) == 0 {
		t.Errorf("Errors is empty")
	}
	for _, s := range texts {
		if !strings.Contains(all, s) {
			t.Errorf("Errors %q do not mention %q", e.Errors, s)
		}
	}
}

// anStr returns m[key] as a string ("" when absent or not a string).
func anStr(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// anReadResp reads and closes an HTTP response.
func anReadResp(t testing.TB, resp *http.Response) anResult {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return anResult{status: resp.StatusCode, header: resp.Header, body: b}
}
