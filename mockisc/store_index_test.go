package mockisc

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mockisc/mockisc/filter"
)

// TestBulkLoadOrder loads a state whose keys defeat the shortcuts of a
// bulk index build (names and ids equal but for case, equal in their
// first sixteen folded bytes, non-ASCII letters that fold, times out of
// creation order and equal at the millisecond) and requires every index
// to hold its accounts in the order of one-by-one inserts, and every
// sorted list to equal the oracle's.
func TestBulkLoadOrder(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	stems := []string{"Ärger", "ärger", "ÄRGER", "arger", "Zoë", "zoe", "ZOË", "long-shared-prefix-", "LONG-SHARED-PREFIX-", "ǅ", "ǆ", "Σίσυφος", "σίσυφοσ", "a", "A", ""}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	st := State{Sources: []Source{{ID: "src", Name: "Flat", Type: SourceTypeDelimitedFile, Created: base, Modified: base}}}
	for i := range 400 {
		stem := stems[rng.IntN(len(stems))]
		name := stem + fmt.Sprint(rng.IntN(4))
		if rng.IntN(3) == 0 {
			name = stem + stems[rng.IntN(len(stems))]
		}
		created := base.Add(time.Duration(rng.IntN(50)) * 300 * time.Microsecond)
		st.Accounts = append(st.Accounts, Account{
			ID: fmt.Sprintf("%s%03d", []string{"ID", "id", "Id"}[i%3], i/3), Name: name, NativeIdentity: fmt.Sprint("n", i),
			SourceID: "src", Created: created, Modified: created.Add(time.Duration(rng.IntN(3)) * time.Hour),
		})
	}
	s := New(t, WithoutListener(), WithState(st), WithRateLimit(RateLimit{}))
	checkIndexes(t, s)

	// The same accounts inserted one at a time, as writes do.
	one := newIndexes()
	s.mu.RLock()
	for _, a := range s.ten.order {
		one.insert(a)
	}
	for i, o := range s.ten.idx.all {
		if d := cmp.Diff(treeIDs(one.all[i]), treeIDs(o)); d != "" {
			t.Errorf("index %s: bulk load differs from inserts (-inserted +loaded):\n%s", o.field, d)
		}
	}
	s.mu.RUnlock()

	raw := rawClient(s.Client(), s.URL)
	plain := newOracle(s)
	for _, sorters := range []string{"name", "-name", "id", "-id", "created", "-created,name", "modified,-id"} {
		want := plain.query(t, "", sorters)
		r := raw.do(t, "GET", "/v3/accounts?limit=250&sorters="+sorters, "").want(t, 200)
		got, err := idsOf(r)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want[:250], got); d != "" {
			t.Errorf("sorters %s (-oracle +store):\n%s", sorters, d)
		}
	}
}

// treeIDs are the ids of an index's accounts, in its order.
func treeIDs(o *ordered) []string {
	var ids []string
	o.tree.Scan(func(a *account) bool { ids = append(ids, a.ID); return true })
	return ids
}

func TestFoldPrefix(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", "ABC", "user123 (acct369)", "exactly16bytes!!", "Ärger", "aÄ", "0123456789abcdefÄ", "0123456789abcdef01234567Ä", "user123456 (acct370000)", "ǅx", "\xff\xfe"} {
		p1, p2, p3 := foldPrefix(s)
		f := filter.Fold(s)
		if w1, w2, w3 := prefix(f, 0), prefix(f, 8), prefix(f, 16); p1 != w1 || p2 != w2 || p3 != w3 {
			t.Errorf("foldPrefix(%q) = %x %x %x, want %x %x %x (of %q)", s, p1, p2, p3, w1, w2, w3, f)
		}
	}
}
