package examples_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/examples"
	"github.com/mockisc/mockisc/mockisc"
)

// newClient points the example client at a fresh fake tenant holding the
// demo state. Waiting for Retry-After moves the fake's clock instead of
// sleeping, so the test is instant.
func newClient(t *testing.T, opts ...mockisc.Option) (*examples.Client, *mockisc.Server) {
	s := mockisc.New(t, append([]mockisc.Option{mockisc.WithState(mockisc.DemoState())}, opts...)...)
	c := &examples.Client{
		BaseURL: s.URL,
		HTTP:    s.Client(),
		Sleep: func(_ context.Context, d time.Duration) error {
			s.Clock().Advance(d)
			return nil
		},
	}
	return c, s
}

func TestListAccountsPagesThroughRateLimits(t *testing.T) {
	t.Parallel()
	c, s := newClient(t, mockisc.WithRateLimit(mockisc.RateLimit{Limit: 3, Window: 10 * time.Second}))
	c.PageSize = 5
	got, err := c.ListAccounts(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range s.Accounts() {
		want = append(want, a.ID)
	}
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("listed ids (-want +got):\n%s", d)
	}
	pages := (len(want) + c.PageSize) / c.PageSize
	limited := 0
	for _, e := range s.Journal().Find("GET", "/v3/accounts") {
		if e.Status == 429 {
			limited++
		}
	}
	if limited == 0 || s.Journal().Count("GET", "/v3/accounts") != pages+limited {
		t.Errorf("%d pages, %d calls of which %d limited", pages, s.Journal().Count("GET", "/v3/accounts"), limited)
	}
}

func TestListAccountsFilters(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t)
	got, err := c.ListAccounts(context.Background(), "uncorrelated eq true")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no uncorrelated account in the demo tenant")
	}
	for _, a := range got {
		if a.IdentityID != "" {
			t.Errorf("%s is correlated", a.Name)
		}
	}
}

func TestListAccountsGivesUp(t *testing.T) {
	t.Parallel()
	c, s := newClient(t)
	c.MaxRetries = 2
	if _, err := s.FailNext(3, "GET", "/v3/accounts", 429); err != nil {
		t.Fatal(err)
	}
	_, err := c.ListAccounts(context.Background(), "")
	var apiErr *examples.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 429 {
		t.Fatalf("error %v, want a 429 APIError", err)
	}
	if n := s.Journal().Count("GET", "/v3/accounts"); n != 3 {
		t.Errorf("%d calls, want 3 (one and two retries)", n)
	}
}

func TestDisableAccount(t *testing.T) {
	t.Parallel()
	c, s := newClient(t)
	victim := s.Accounts()[1]
	task, err := c.DisableAccount(context.Background(), victim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if task == "" {
		t.Error("no task id")
	}
	if a, _ := s.Account(victim.ID); !a.Disabled {
		t.Error("the account is still enabled")
	}
	if _, err := c.DisableAccount(context.Background(), "nope"); err == nil {
		t.Error("disabling a missing account succeeded")
	}
}

func TestMoveAccount(t *testing.T) {
	t.Parallel()
	c, s := newClient(t)
	var orphan mockisc.Account
	for _, a := range s.Accounts() {
		if a.IdentityID == "" {
			orphan = a
			break
		}
	}
	to := s.Identities()[2]
	if err := c.MoveAccount(context.Background(), orphan.ID, to.ID); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Account(orphan.ID); a.IdentityID != to.ID {
		t.Errorf("identityId %q, want %q", a.IdentityID, to.ID)
	}
	if n := s.Journal().Count("PATCH", "/v3/accounts/{id}"); n != 1 {
		t.Errorf("%d patches", n)
	}
}
