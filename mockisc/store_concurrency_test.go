package mockisc

import (
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"
)

// TestConcurrentReads runs readers of every GET route beside each other
// (they share the tenant's read lock), beside a writer whose deferred
// tasks fall due while they read (a reader completes them under the write
// lock first), and a clock that moves; run it with -race. Every answer
// must be 200, and the writes must all land.
func TestConcurrentReads(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithGenerated(2000, 5), WithRateLimit(RateLimit{}), WithTaskDelay(time.Second))
	k := rawClient(s.Client(), s.URL)
	accts, idents, srcs := s.Accounts(), s.Identities(), s.Sources()
	paths := []string{
		"/v3/accounts?sorters=-name&limit=50",
		"/v3/accounts?sorters=identity.name&limit=50&offset=1200",
		"/v3/accounts?count=true&filters=" + url.QueryEscape(`name sw "user1" and uncorrelated eq false`),
		"/v3/accounts?sorters=-created,name&offset=1900",
		"/v3/accounts/" + accts[7].ID,
		"/v3/accounts/" + accts[8].ID + "/entitlements",
		"/v3/sources",
		"/v3/sources/" + srcs[1].ID,
		"/v3/sources/" + srcs[1].ID + "/schemas",
		"/v2025/identities?limit=20",
		"/v2025/identities/" + idents[3].ID,
		"/v2025/task-status?limit=20",
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	stop := make(chan struct{})
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p := paths[(w+i)%len(paths)]
				r, err := k.try("GET", p, "")
				if err == nil && r.status != 200 {
					err = fmt.Errorf("GET %s: %d %s", p, r.status, r.body)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	const writes = 40
	for i := range writes {
		a := accts[i*37%len(accts)]
		r, err := k.try("PATCH", "/v3/accounts/"+a.ID, `[{"op":"replace","path":"/identityId","value":"`+idents[i%len(idents)].ID+`"}]`,
			"Content-Type", "application/json-patch+json")
		if err != nil || r.status != 202 {
			t.Fatalf("PATCH: %v %d %s", err, r.status, r.body)
		}
		s.Clock().Advance(300 * time.Millisecond)
	}
	s.Clock().Advance(time.Second)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i := range writes { // each account was written once (37i < 2000)
		a, _ := s.Account(accts[i*37%len(accts)].ID)
		if want := idents[i%len(idents)].ID; a.IdentityID != want {
			t.Errorf("account %s: identity %s, want %s", a.ID, a.IdentityID, want)
		}
	}
	checkIndexes(t, s)
}
