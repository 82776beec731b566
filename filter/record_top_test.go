package filter

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSelectTopSameAsSelect checks that SelectTop's top is the first n of
// Select's result, for every n from 0 past the number of matches, and that
// its matched list is the matches in input order.
func TestSelectTopSameAsSelect(t *testing.T) {
	t.Parallel()
	_, recs, all := indexedRecords(t, 300)
	rec := func(i int) *Record { return recs[i] }
	r := rand.New(rand.NewPCG(23, 29))
	cmps := comparisons(testSchema)
	partial := 0
	for round := range 120 {
		f, by := randQuery(t, r, cmps, round)
		want := Select(all, f, by, rec)
		var wantMatched []int
		for _, i := range all {
			if f.MatchRecord(recs[i]) {
				wantMatched = append(wantMatched, i)
			}
		}
		for _, n := range []int{0, 1, 2, 7, len(want) / 2, len(want) - 1, len(want), len(want) + 5} {
			if n < 0 {
				continue
			}
			top, matched := SelectTop(all, f, by, rec, n)
			if d := cmp.Diff(want[:min(n, len(want))], top, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("filter %v, sorters %q, n %d: (-Select[:n] +SelectTop):\n%s", f, by, n, d)
			}
			if d := cmp.Diff(wantMatched, matched, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("filter %v: matched (-want +got):\n%s", f, d)
			}
			if n > 1 && n < len(want) && len(by) > 0 {
				partial++
			}
		}
	}
	if partial < 50 {
		t.Fatalf("only %d partial selections were tested", partial)
	}
}
