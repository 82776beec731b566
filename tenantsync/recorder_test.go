package tenantsync_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mockisc/mockisc/examples"
	"github.com/mockisc/mockisc/fixtures"
	"github.com/mockisc/mockisc/tenantsync"
)

// tokenTransport gets a token from base's /oauth/token (client
// credentials) and sends it, as an SDK does.
type tokenTransport struct {
	base, id, secret string
	mu               sync.Mutex
	token            string
}

func (tt *tokenTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	tt.mu.Lock()
	if tt.token == "" {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {tt.id}, "client_secret": {tt.secret}}
		resp, err := http.PostForm(tt.base+"/oauth/token", form)
		if err != nil {
			tt.mu.Unlock()
			return nil, err
		}
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		err = json.NewDecoder(resp.Body).Decode(&tok)
		resp.Body.Close()
		if err != nil {
			tt.mu.Unlock()
			return nil, err
		}
		tt.token = tok.AccessToken
	}
	tok := tt.token
	tt.mu.Unlock()
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+tok)
	return http.DefaultTransport.RoundTrip(r)
}

// drive runs the example client through base: it lists every account,
// disables one, reads the task, moves another and reads it back. It
// returns the token the client used.
func drive(t *testing.T, base string) string {
	t.Helper()
	ctx := context.Background()
	tt := &tokenTransport{base: base, id: "ci-job", secret: "s3cr3t-value"}
	hc := &http.Client{Transport: tt}
	c := &examples.Client{BaseURL: base, HTTP: hc, PageSize: 10}
	accts, err := c.ListAccounts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var target, other examples.Account
	for _, a := range accts {
		if !a.Disabled && target.ID == "" {
			target = a
		} else if a.IdentityID != "" && a.ID != target.ID && other.ID == "" {
			other = a
		}
	}
	task, err := c.DisableAccount(ctx, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/beta/task-status/" + task, "/v3/accounts/" + target.ID} {
		resp, err := hc.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", p, resp.StatusCode)
		}
	}
	if err := c.MoveAccount(ctx, other.ID, accts[0].IdentityID); err != nil {
		t.Fatal(err)
	}
	return tt.token
}

func TestRecordedScenarioReplaysOnAFreshFake(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 30)
	st, err := tenantsync.Import(context.Background(), tenantsync.ImportOptions{URL: a.URL, ClientID: "importer"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := tenantsync.NewRecorder(a.URL, tenantsync.RecorderOptions{Tenant: &st})
	if err != nil {
		t.Fatal(err)
	}
	proxy := httptest.NewServer(rec)
	defer proxy.Close()
	token := drive(t, proxy.URL)

	dir := t.TempDir()
	file := filepath.Join(dir, "recorded.json")
	if err := rec.WriteFile(file); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"s3cr3t-value", token, "Bearer "} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the scenario holds the credential %.20q...", secret)
		}
	}
	for _, want := range []string{`"capture"`, "/disable", "/beta/task-status/${id", `"${*}"`, "client_secret=${clientSecret}"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the scenario lacks %q", want)
		}
	}
	sc, err := fixtures.Parse("recorded.json", data)
	if err != nil {
		t.Fatal(err)
	}
	// token, 4 pages of 10, disable, task, get, move
	if n := len(sc.Steps); n != 9 {
		t.Errorf("%d steps recorded, want 9", n)
	}
	// The recorded scenario passes against a fresh fake made from its
	// tenant, whose ids (tasks, tokens) differ from A's.
	fixtures.Run(t, fixtures.Dir(dir), "recorded.json")
}

func TestNewRecorderRefusesBadUpstreams(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "ftp://x", "not a url", "http://"} {
		if _, err := tenantsync.NewRecorder(u, tenantsync.RecorderOptions{}); err == nil || !strings.Contains(err.Error(), "is not an http(s) URL") {
			t.Errorf("NewRecorder(%q): error %v", u, err)
		}
	}
}

func TestRecorderAnswersBadGatewayWhenTheUpstreamIsDown(t *testing.T) {
	t.Parallel()
	rec, err := tenantsync.NewRecorder("http://127.0.0.1:1", tenantsync.RecorderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	rec.ServeHTTP(w, httptest.NewRequest("GET", "/v3/accounts", nil))
	if w.Code != http.StatusBadGateway || !strings.Contains(w.Body.String(), "upstream") {
		t.Errorf("answer %d %q, want 502 naming the upstream", w.Code, w.Body.String())
	}
	if n := len(rec.Scenario().Steps); n != 0 {
		t.Errorf("%d steps recorded for a failed forward, want 0", n)
	}
}
