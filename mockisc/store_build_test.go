package mockisc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBuilderRuns: a generated tenant indexed by a builder in many small
// runs, merged at the end, has the indexes and lookup maps of the same
// tenant loaded from a State and indexed at once (the plain bulk build),
// account for account.
func TestBuilderRuns(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	load := func(chunk int) *tenant {
		l := &loader{s: s, t: newTenant()}
		l.t.bulk, l.t.deferMaps, l.t.builder = true, true, newBuilder(l.t)
		l.t.builder.chunk = chunk
		if err := generate(2500, 4, l.sink()); err != nil {
			t.Fatal(err)
		}
		l.t.finishLoad()
		return l.t
	}
	order := func(tn *tenant) map[string][]string {
		out := map[string][]string{}
		for _, o := range tn.idx.all {
			o.tree.Scan(func(a *account) bool { out[o.field] = append(out[o.field], a.ID); return true })
		}
		return out
	}
	want := New(t, WithoutListener(), WithState(Generate(2500, 4))).ten
	for _, chunk := range []int{1, 97, 1000, 5000} {
		got := load(chunk)
		if d := cmp.Diff(order(want), order(got)); d != "" {
			t.Errorf("chunks of %d: index order differs (-at once +in runs):\n%s", chunk, d)
		}
		if len(got.accounts) != len(got.order) {
			t.Errorf("chunks of %d: %d accounts in the map, %d made", chunk, len(got.accounts), len(got.order))
		}
		for _, a := range got.order {
			if got.accounts[a.ID] != a || got.native(a.SourceID, a.NativeIdentity) != a {
				t.Fatalf("chunks of %d: account %s not found by id or native identity", chunk, a.ID)
			}
		}
	}
}
