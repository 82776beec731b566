package tenantsync_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/mockisc/mockisc/mockisc"
	"github.com/mockisc/mockisc/tenantsync"
)

// fakeA starts the stand-in for a real tenant: a generated one.
func fakeA(t *testing.T, n int, opts ...mockisc.Option) *mockisc.Server {
	t.Helper()
	return mockisc.New(t, append([]mockisc.Option{mockisc.WithGenerated(n, 7)}, opts...)...)
}

// sameTenant fails unless b holds a's sources, identities and accounts,
// and every entitlement an account of a holds.
func sameTenant(t *testing.T, a, b mockisc.State) {
	t.Helper()
	if d := cmp.Diff(a.Sources, b.Sources, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("sources (-A +B):\n%s", d)
	}
	if d := cmp.Diff(a.Identities, b.Identities, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("identities (-A +B):\n%s", d)
	}
	if d := cmp.Diff(a.Accounts, b.Accounts, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("accounts (-A +B):\n%s", d)
	}
	held := map[string]bool{}
	for _, acc := range a.Accounts {
		for _, e := range acc.Entitlements {
			held[e] = true
		}
	}
	var want []mockisc.Entitlement
	for _, e := range a.Entitlements {
		if held[e.ID] {
			want = append(want, e)
		}
	}
	sortByID := cmpopts.SortSlices(func(x, y mockisc.Entitlement) bool { return x.ID < y.ID })
	if d := cmp.Diff(want, b.Entitlements, sortByID, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("held entitlements (-A +B):\n%s", d)
	}
}

func TestImportRoundTrip(t *testing.T) {
	t.Parallel()
	for _, page := range []int{7, 250} {
		a := fakeA(t, 60)
		st, err := tenantsync.Import(context.Background(), tenantsync.ImportOptions{URL: a.URL, ClientID: "importer", ClientSecret: "s", PageSize: page})
		if err != nil {
			t.Fatal(err)
		}
		b := mockisc.New(t, mockisc.WithState(st))
		sameTenant(t, a.Snapshot(), b.Snapshot())
		// What clients see is the same too.
		for _, p := range []string{"/v3/accounts", "/v3/sources", "/v2025/identities?defaultFilter=NONE"} {
			if ga, gb := get(t, a, p), get(t, b, p); ga != gb {
				t.Errorf("page size %d: GET %s differs between A and B:\nA: %.300s\nB: %.300s", page, p, ga, gb)
			}
		}
	}
}

func get(t *testing.T, s *mockisc.Server, path string) string {
	t.Helper()
	resp, err := s.Client().Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportFilterAndLimit(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 40)
	src := a.Snapshot().Sources[1].ID
	tests := []struct {
		name   string
		filter string
		limit  int
		want   func(mockisc.Account) bool
		max    int
	}{
		{"filter", `sourceId eq "` + src + `"`, 0, func(x mockisc.Account) bool { return x.SourceID == src }, 0},
		{"limit", "", 9, func(mockisc.Account) bool { return true }, 9},
		{"both", `sourceId in ("` + src + `")`, 3, func(x mockisc.Account) bool { return x.SourceID == src }, 3},
	}
	for _, tt := range tests {
		st, err := tenantsync.Import(context.Background(), tenantsync.ImportOptions{URL: a.URL, ClientID: "c", Filter: tt.filter, Limit: tt.limit, PageSize: 4})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var want []mockisc.Account
		for _, x := range a.Snapshot().Accounts {
			if tt.want(x) && (tt.max == 0 || len(want) < tt.max) {
				want = append(want, x)
			}
		}
		if d := cmp.Diff(want, st.Accounts, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: accounts (-want +got):\n%s", tt.name, d)
		}
		if _, err := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithState(st)); err != nil {
			t.Errorf("%s: the state does not load: %v", tt.name, err)
		}
	}
}

func TestImportWaitsOutRateLimits(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 30, mockisc.WithRateLimit(mockisc.RateLimit{Limit: 3, Window: 10 * time.Second}))
	var mu sync.Mutex
	var waits []time.Duration
	sleep := func(_ context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		a.Clock().Advance(d) // the fake's window moves on its own clock
		return nil
	}
	st, err := tenantsync.Import(context.Background(), tenantsync.ImportOptions{URL: a.URL, ClientID: "c", PageSize: 5, Sleep: sleep})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Accounts) != 30 {
		t.Errorf("imported %d accounts, want 30", len(st.Accounts))
	}
	if len(waits) == 0 {
		t.Fatal("no 429 was waited out; the rate limit did not bite")
	}
	for _, d := range waits {
		if d <= 0 || d > 10*time.Second {
			t.Errorf("waited %v; want the Retry-After, within the 10s window", d)
		}
	}
	sameTenant(t, a.Snapshot(), st)
}

// uris is an http.RoundTripper that notes every request URI.
type uris struct {
	mu   sync.Mutex
	seen []string
}

func (u *uris) RoundTrip(r *http.Request) (*http.Response, error) {
	u.mu.Lock()
	u.seen = append(u.seen, r.Method+" "+r.URL.RequestURI())
	u.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func TestImportResumesAfterAFailure(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 50)
	if _, err := a.AddFault(mockisc.Fault{Method: "GET", Path: "/v3/accounts", After: 3, Times: 1, Status: 500}); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "tenant.json.partial")
	rec := &uris{}
	o := tenantsync.ImportOptions{URL: a.URL, ClientID: "c", PageSize: 10, Checkpoint: cp, HTTP: &http.Client{Transport: rec}}
	if _, err := tenantsync.Import(context.Background(), o); err == nil || !strings.Contains(err.Error(), "status 500") {
		t.Fatalf("first run: error %v, want the injected 500", err)
	}
	if fi, err := os.Stat(cp); err != nil || fi.Size() == 0 {
		t.Fatalf("no checkpoint after the failure: %v", err)
	}
	rec.seen = nil
	st, err := tenantsync.Import(context.Background(), o)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	sameTenant(t, a.Snapshot(), st)
	// The pick (limit=1) and the pages at 0 and 10 passed; the one at 20
	// failed: the rerun reads the sources and identities no more, and the
	// accounts from 20 on.
	var lists []string
	for _, u := range rec.seen {
		if strings.Contains(u, "/v3/sources") || strings.Contains(u, "identities") {
			t.Errorf("the rerun read %s again", u)
		}
		if strings.HasPrefix(u, "GET /v3/accounts?") {
			lists = append(lists, u)
		}
	}
	want := []string{"GET /v3/accounts?limit=10&offset=20", "GET /v3/accounts?limit=10&offset=30", "GET /v3/accounts?limit=10&offset=40", "GET /v3/accounts?limit=10&offset=50"}
	if d := cmp.Diff(want, lists); d != "" {
		t.Errorf("accounts pages read by the rerun (-want +got):\n%s", d)
	}
}

func TestImportCheckpointOfAnotherImportIsIgnored(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 12)
	cp := filepath.Join(t.TempDir(), "cp")
	if err := os.WriteFile(cp, []byte(`{"mockiscImport":1,"url":"https://elsewhere"}`+"\n"+`{"kind":"sources","items":[{"id":"x","name":"x"}]}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := tenantsync.Import(context.Background(), tenantsync.ImportOptions{URL: a.URL, ClientID: "c", Checkpoint: cp})
	if err != nil {
		t.Fatal(err)
	}
	sameTenant(t, a.Snapshot(), st)
}

func TestImportRefusesBadInput(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 3)
	if _, err := a.AddFault(mockisc.Fault{Path: "/v3/sources", Status: 200, Body: []byte(`{"not":"a list"}`)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		o    tenantsync.ImportOptions
		want string
	}{
		{"no url", tenantsync.ImportOptions{}, "the tenant URL is required"},
		{"bad url", tenantsync.ImportOptions{URL: "::nope"}, `URL "::nope"`},
		{"not a list", tenantsync.ImportOptions{URL: a.URL, ClientID: "c"}, "GET /v3/sources: the answer is not a JSON array"},
		{"no server", tenantsync.ImportOptions{URL: "http://127.0.0.1:1", ClientID: "c"}, "token: POST /oauth/token"},
	}
	for _, tt := range tests {
		_, err := tenantsync.Import(context.Background(), tt.o)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestImportProgress(t *testing.T) {
	t.Parallel()
	a := fakeA(t, 20)
	var b strings.Builder
	if _, err := tenantsync.Import(context.Background(), tenantsync.ImportOptions{URL: a.URL, ClientID: "c", Progress: &b}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "mockisc import: imported sources 5, identities 7, entitlements 0, accounts 20") ||
		!strings.Contains(b.String(), "objects/s)") {
		t.Errorf("progress = %q", b.String())
	}
}
