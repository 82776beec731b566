package mockisc

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestListPagesBeyondTop pages through a sorted, filtered list longer
// than the part a query sorts first (topSize), in both page orders, and
// checks every page against the plain filter-and-sort answer.
func TestListPagesBeyondTop(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithState(Generate(3000, 5)))
	k := iscClient(s.Client(), s.URL)
	const filters, sorters = `uncorrelated eq false`, `-identity.name,nativeIdentity`
	want := oracleIDs(t, s, filters, sorters)
	if len(want) <= topSize+250 {
		t.Fatalf("only %d matches: the test must page past %d", len(want), topSize)
	}
	page := func(offset int) []string {
		q := url.Values{"filters": {filters}, "sorters": {sorters}, "limit": {"250"}, "offset": {fmt.Sprint(offset)}}
		return ids(k.do(t, "GET", "/v3/accounts?"+q.Encode(), "").want(t, 200).list(t))
	}
	// A late page first, on a fresh tenant version: the full sort alone.
	s.UpdateAccount(s.Accounts()[0].ID, func(a *Account) {})
	lo := topSize + 100
	if d := cmp.Diff(want[lo:lo+250], page(lo)); d != "" {
		t.Fatalf("page at %d, asked first (-want +got):\n%s", lo, d)
	}
	// Then every page in order, crossing from the top into the rest.
	s.UpdateAccount(s.Accounts()[0].ID, func(a *Account) {})
	var got []string
	for off := 0; off < len(want); off += 250 {
		got = append(got, page(off)...)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("pages in order (-want +got):\n%s", d)
	}
}
