package mockisc

import (
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tidwall/gjson"
)

// TestStoreQueryDifferential pages through every list shape over a
// generated tenant, before and after writes that move accounts in the
// indexes (renames to names equal but for case, equal creation times,
// PATCHed correlations, deletes, creates), and requires every page and the
// total to equal the plain answer (oracleIDs: filter.Match and
// filter.Sort on each account's filter document).
func TestStoreQueryDifferential(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithGenerated(1500, 11), WithRateLimit(RateLimit{}))
	k := iscClient(s.Client(), s.URL)
	raw := rawClient(s.Client(), s.URL) // pages are many; other tests validate their shape
	srcs := s.Sources()
	filters := []string{
		``,
		`name sw "user1"`,
		`name sw "USER1" and uncorrelated eq false`,
		fmt.Sprintf(`sourceId in ("%s", "%s")`, srcs[0].ID, srcs[2].ID),
		`identity.correlated eq true or entitlements eq true`,
		`created gt "2024-01-01T00:10:00Z" and not (origin eq "AGGREGATED")`,
		`name eq "same"`,
		`name sw "SA" or name sw "user2"`,
		`name sw "SA" and uncorrelated eq false`,
		`id sw "0" and not (name sw "user1")`,
		`id eq "NEW03"`,
	}
	sorters := []string{
		``, `name`, `-name`, `-created,name`, `created,-name`, `modified`, `-modified,-name`, `id`, `-id`,
		`identity.name,-nativeIdentity`, `sourceId,-name`, `-source.displayableName`, `entitlements,-created`,
	}
	check := func(stage string) {
		t.Helper()
		plain := newOracle(s)
		for _, f := range filters {
			for _, o := range sorters {
				want := plain.query(t, f, o)
				var got []string
				total := ""
				for off := 0; ; off += 400 {
					q := url.Values{"filters": {f}, "sorters": {o}, "limit": {"250"}, "offset": {strconv.Itoa(off)}, "count": {"true"}}
					if f == "" {
						q.Del("filters")
					}
					if o == "" {
						q.Del("sorters")
					}
					r := raw.do(t, "GET", "/v3/accounts?"+q.Encode(), "").want(t, 200)
					total = r.header.Get("X-Total-Count")
					var page []string
					for _, id := range gjson.GetBytes(r.body, "#.id").Array() {
						page = append(page, id.Str)
					}
					// Pages overlap and skip (offset steps of 400, limit 250):
					// each must be the slice of the whole at its offset.
					lo, hi := min(off, len(want)), min(off+250, len(want))
					if d := cmp.Diff(want[lo:hi], page, cmpopts.EquateEmpty()); d != "" {
						t.Fatalf("%s: filters %q sorters %q offset %d (-want +got):\n%s", stage, f, o, off, d)
					}
					got = append(got, page...)
					if len(page) < 250 {
						break
					}
				}
				if total != strconv.Itoa(len(want)) {
					t.Errorf("%s: filters %q sorters %q: X-Total-Count %s, want %d", stage, f, o, total, len(want))
				}
			}
		}
	}
	check("generated")
	checkIndexes(t, s)

	accts := s.Accounts()
	same := []string{"Same", "same", "SAME", "sAme"}
	when := time.Date(2024, 1, 1, 0, 5, 0, 123_456_789, time.UTC)
	for i := 0; i < 60; i++ {
		a := accts[i*23%len(accts)]
		if _, err := s.UpdateAccount(a.ID, func(x *Account) {
			x.Name = same[i%len(same)]
			if i%2 == 0 {
				x.Created = when.Add(time.Duration(i%3) * 100 * time.Microsecond) // equal at the millisecond
				x.Modified = when
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	idents := s.Identities()
	for i := 0; i < 20; i++ {
		a := accts[i*71%len(accts)+1]
		k.do(t, "PATCH", "/v3/accounts/"+a.ID, `[{"op":"replace","path":"/identityId","value":"`+idents[i*13%len(idents)].ID+`"}]`,
			"Content-Type", "application/json-patch+json").want(t, 202)
	}
	flat := 0
	for _, a := range accts {
		if a.SourceID != srcs[2].ID || flat == 25 {
			continue
		}
		// A flat file account's name follows its displayName.
		k.do(t, "PUT", "/v3/accounts/"+a.ID, `{"attributes":{"displayName":"`+same[flat%len(same)]+` put"}}`).want(t, 202)
		flat++
	}
	s.Clock().Advance(time.Minute) // tasks done; PATCHes moved modified
	for i := 0; i < 15; i++ {
		if err := s.DeleteAccount(accts[len(accts)-1-i*7].ID); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 15; i++ {
		if _, err := s.AddAccount(Account{ID: fmt.Sprintf("new%02d", i), Name: same[i%len(same)] + " new", SourceID: srcs[i%len(srcs)].ID,
			NativeIdentity: "n" + strconv.Itoa(i), Created: when}); err != nil {
			t.Fatal(err)
		}
	}
	check("after writes")
	checkIndexes(t, s)
}

// checkIndexes requires every index to hold exactly the stored accounts,
// in its order, each findable under its keys.
func checkIndexes(t *testing.T, s *Server) {
	t.Helper()
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, o := range s.ten.idx.all {
		if got, want := o.tree.Len(), len(s.ten.order); got != want {
			t.Errorf("index %s holds %d accounts; the tenant %d", o.field, got, want)
		}
		var prev *account
		o.tree.Scan(func(a *account) bool {
			if prev != nil && !o.less(prev, a) {
				t.Errorf("index %s: %s (%q) before %s (%q)", o.field, prev.ID, prev.Name, a.ID, a.Name)
			}
			prev = a
			return true
		})
		for _, a := range s.ten.order {
			if got, ok := o.tree.Get(a); !ok || got != a {
				t.Errorf("index %s: account %s (%q) not found under its keys", o.field, a.ID, a.Name)
			}
		}
	}
}
