package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/mockisc/mockisc/examples"
	"github.com/mockisc/mockisc/fixtures"
	"github.com/mockisc/mockisc/mockisc"
)

// The tenant tools, end to end: fake A stands in for the real tenant.

const toolsSeed = 5

func tenantA(t *testing.T) *mockisc.Server {
	t.Helper()
	return mockisc.New(t, mockisc.WithGenerated(30, toolsSeed))
}

func TestImportCommand(t *testing.T) {
	t.Parallel()
	a := tenantA(t)
	dir := t.TempDir()
	secretFile := writeFile(t, "secret", "s3cret\n")
	out := filepath.Join(dir, "tenant.json")
	var stdout, stderr syncBuffer
	code := runImport(context.Background(), []string{"-url", a.URL, "-client-id", "importer", "-client-secret-file", secretFile, "-o", out, "-page-size", "7"}, &stdout, &stderr, noEnv)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wrote "+out+": 5 sources, 10 identities") || strings.Contains(stderr.String(), "s3cret") {
		t.Errorf("stderr = %q", stderr.String())
	}
	if _, err := os.Stat(out + ".partial"); !os.IsNotExist(err) {
		t.Errorf("the checkpoint is still there: %v", err)
	}
	st, err := readStateFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// Fake B from the file holds every account, source and identity of A.
	b := mockisc.New(t, mockisc.WithState(st))
	sa, sb := a.Snapshot(), b.Snapshot()
	for _, d := range []string{
		cmp.Diff(sa.Sources, sb.Sources, cmpopts.EquateEmpty()),
		cmp.Diff(sa.Identities, sb.Identities, cmpopts.EquateEmpty()),
		cmp.Diff(sa.Accounts, sb.Accounts, cmpopts.EquateEmpty()),
	} {
		if d != "" {
			t.Errorf("A and B differ (-A +B):\n%s", d)
		}
	}
	// The binary starts from the file.
	if _, from, err := startingStateValue(options{tenant: out}); err != nil || from != "tenant file "+out {
		t.Errorf("-tenant %s: %q, %v", out, from, err)
	}
}

func TestImportCommandPseudonymizesWithTheSecretFromTheEnvironment(t *testing.T) {
	t.Parallel()
	// A tenant that knows one client only, whose credentials come from
	// the environment.
	a := mockisc.New(t, mockisc.WithGenerated(30, toolsSeed), mockisc.WithStrictClients(),
		mockisc.WithClient(mockisc.OAuthClient{ID: "env-client", Secret: "from-env", Scopes: []string{"sp:scopes:all"}, Authorities: []string{"ORG_ADMIN"}}))
	env := map[string]string{clientIDEnv: "env-client", clientSecretEnv: "from-env"}
	var stdout, stderr syncBuffer
	code := runImport(context.Background(), []string{"-url", a.URL, "-o", "-", "-pseudonymize", "-quiet"}, &stdout, &stderr, func(k string) string { return env[k] })
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, orig := range []string{"user1", "acct12", "dept3", "HR (authoritative)", "from-env"} {
		if strings.Contains(out, orig) {
			t.Errorf("the pseudonymized state holds %q", orig)
		}
	}
	st, err := mockisc.DecodeState([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Accounts) != len(a.Snapshot().Accounts) {
		t.Errorf("%d accounts, want %d", len(st.Accounts), len(a.Snapshot().Accounts))
	}
	// A wrong secret fails with the client's name, not the secret.
	env[clientSecretEnv] = "wrong-one"
	stderr = syncBuffer{}
	code = runImport(context.Background(), []string{"-url", a.URL, "-o", filepath.Join(t.TempDir(), "x.json")}, &stdout, &stderr, func(k string) string { return env[k] })
	if code != exitError || !strings.Contains(stderr.String(), `client "env-client": status 401`) || strings.Contains(stderr.String(), "wrong-one") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestTenantToolsRefuseBadFlags(t *testing.T) {
	t.Parallel()
	both := writeFile(t, "s", "x\n")
	empty := writeFile(t, "e", "\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", "-o", "x.json"}, "mockisc import: -url: the tenant's API URL is required"},
		{[]string{"import", "-url", "http://x"}, "mockisc import: -o: the output file is required"},
		{[]string{"import", "-url", "http://x", "-o", "x", "-limit", "-1"}, "-limit: -1 is negative"},
		{[]string{"import", "-url", "http://x", "-o", "x", "-page-size", "300"}, "-page-size: 300 is not between 1 and 250"},
		{[]string{"import", "-url", "http://x", "-o", "x", "-client-secret", "a", "-client-secret-file", both}, "exclude each other"},
		{[]string{"import", "-url", "http://x", "-o", "x", "-client-secret-file", empty}, "holds no secret"},
		{[]string{"import", "-nope"}, "mockisc import: flag provided but not defined: -nope"},
		{[]string{"record", "-o", "x"}, "mockisc record: -upstream: the tenant's API URL is required"},
		{[]string{"record", "-upstream", "ftp://x", "-o", "x", "-no-tenant"}, "is not an http(s) URL"},
		{[]string{"verify", "-url", "http://x"}, "mockisc verify: no scenario file given"},
		{[]string{"verify", "a.json"}, "mockisc verify: -url: the tenant's API URL is required"},
		{[]string{"verify", "-url", "http://x", "/nonexistent/*.json"}, "no such file"},
	}
	for _, tt := range tests {
		var stdout, stderr syncBuffer
		if code := run(context.Background(), tt.args, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
}

// tokenTransport sends a token got from base's /oauth/token.
type tokenTransport struct {
	base  string
	mu    sync.Mutex
	token string
}

func (tt *tokenTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	if tt.token == "" {
		resp, err := http.PostForm(tt.base+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"ci-job"}, "client_secret": {"rec-secret"}})
		if err != nil {
			return nil, err
		}
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		err = json.NewDecoder(resp.Body).Decode(&tok)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		tt.token = tok.AccessToken
	}
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+tt.token)
	return http.DefaultTransport.RoundTrip(r)
}

// record runs "mockisc record" in front of a while the example client
// lists the accounts, disables one and moves another, and returns the
// scenario file.
func record(t *testing.T, a *mockisc.Server) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "recorded.json")
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runRecord(ctx, []string{"-upstream", a.URL, "-client-id", "importer", "-addr", "127.0.0.1:0", "-o", out}, &stdout, &stderr, noEnv)
	}()
	banner := regexp.MustCompile(`proxy (http://\S+) -> `)
	var proxy string
	for deadline := time.Now().Add(10 * time.Second); proxy == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := banner.FindStringSubmatch(stdout.String()); m != nil {
			proxy = m[1]
		}
	}
	if proxy == "" {
		cancel()
		t.Fatalf("no proxy banner; stderr: %s", stderr.String())
	}
	c := &examples.Client{BaseURL: proxy, HTTP: &http.Client{Transport: &tokenTransport{base: proxy}}, PageSize: 10}
	bg := context.Background()
	accts, err := c.ListAccounts(bg, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DisableAccount(bg, accts[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := c.MoveAccount(bg, accts[2].ID, accts[0].IdentityID); err != nil {
		t.Fatal(err)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("record exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wrote "+out+" (7 steps)") {
		t.Errorf("stderr = %q", stderr.String())
	}
	return out
}

func TestRecordThenVerify(t *testing.T) {
	t.Parallel()
	file := record(t, tenantA(t))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "rec-secret") || strings.Contains(string(data), "Bearer") {
		t.Error("the recorded scenario holds a credential")
	}
	// The recorded scenario passes against a fresh fake.
	fixtures.Run(t, fixtures.Dir(filepath.Dir(file)), filepath.Base(file))

	sc, err := fixtures.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	// Account 25 is on the third page (offset 20), at index 5, and no
	// other step shows it.
	changed := sc.Tenant.Accounts[25]
	tests := []struct {
		name   string
		inject func(*mockisc.Server)
		drift  string // the one drifting step, "" for none
		want   []string
	}{
		{"same tenant", func(*mockisc.Server) {}, "", []string{"no drift in 7 steps"}},
		{"changed field", func(s *mockisc.Server) {
			if _, err := s.UpdateAccount(changed.ID, func(a *mockisc.Account) { a.Attributes["department"] = "Finance" }); err != nil {
				t.Fatal(err)
			}
		}, "4 GET /v3/accounts?limit=10&offset=20", []string{
			`body differs at 1 path(s):`,
			`5.attributes.department: want "` + changed.Attributes["department"].(string) + `", got "Finance"`,
			"1 of 7 steps drifted",
		}},
		{"fault status", func(s *mockisc.Server) {
			if _, err := s.AddFault(mockisc.Fault{Method: "POST", Path: "/v3/accounts/{id}/disable", Status: 500, Times: 1}); err != nil {
				t.Fatal(err)
			}
		}, "6 POST /v3/accounts/" + sc.Tenant.Accounts[1].ID + "/disable", []string{"status 500, want 202", "1 of 7 steps drifted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			target := tenantA(t) // a fresh A, before the recorded session
			tt.inject(target)
			var stdout, stderr syncBuffer
			code := runVerify(context.Background(), []string{"-url", target.URL, "-client-id", "verifier", "-client-secret", "x", file}, &stdout, &stderr, noEnv)
			report := stdout.String()
			t.Logf("mockisc verify report:\n%s", report)
			wantCode := exitOK
			if tt.drift != "" {
				wantCode = exitDrift
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d; stderr %s", code, wantCode, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(report, w) {
					t.Errorf("the report lacks %q", w)
				}
			}
			if !strings.Contains(report, "note: tenant: not loaded") {
				t.Error("the report does not say the tenant was not loaded")
			}
			// -json says the same, step by step: exactly one drift.
			target2 := tenantA(t)
			tt.inject(target2)
			stdout = syncBuffer{}
			runVerify(context.Background(), []string{"-url", target2.URL, file, "-client-id", "verifier", "-json"}, &stdout, &stderr, noEnv)
			var rep struct {
				Drifted bool               `json:"drifted"`
				Reports []*fixtures.Report `json:"reports"`
			}
			if err := json.Unmarshal([]byte(stdout.String()), &rep); err != nil {
				t.Fatalf("-json output: %v\n%s", err, stdout.String())
			}
			var drifted []string
			for _, st := range rep.Reports[0].Steps {
				if len(st.Drift) > 0 || st.Error != "" {
					drifted = append(drifted, st.Name)
					if len(st.Drift) != 1 {
						t.Errorf("step %q: %d drifts, want exactly 1: %+v", st.Name, len(st.Drift), st.Drift)
					}
				}
			}
			var want []string
			if tt.drift != "" {
				want = []string{tt.drift}
			}
			if d := cmp.Diff(want, drifted); d != "" || rep.Drifted != (tt.drift != "") {
				t.Errorf("drifting steps (-want +got):\n%s", d)
			}
		})
	}
}
