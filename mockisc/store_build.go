package mockisc

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/mockisc/mockisc/filter"
)

// Building indexes in bulk, for a tenant being loaded: each index sorted
// at once and loaded in order, several times faster than inserting one
// account at a time. The sort keys are taken once, without the accounts:
// strings by their folded form (the order of CompareFold), its first
// sixteen bytes as numbers; times as numbers with the creation order.
// Most comparisons then read two numbers, not two accounts scattered in
// memory. A generated tenant is sorted in runs while it is being made
// (a builder on another goroutine), and the runs merged at the end.

// ixItem is an account with its sort key for one index.
type ixItem struct {
	p1, p2 uint64
	key    string
	a      *account
}

// item returns a's sort key for o; a.ix must be set.
func (o *ordered) item(a *account) ixItem {
	switch o.field {
	case "created":
		return ixItem{p1: uint64(a.ix.created) ^ 1<<63, p2: a.seq, a: a} // ^1<<63: signed order as unsigned
	case "modified":
		return ixItem{p1: uint64(a.ix.modified) ^ 1<<63, p2: a.seq, a: a}
	}
	key := filter.Fold(o.str(a))
	return ixItem{p1: prefix(key, 0), p2: prefix(key, 8), key: key, a: a}
}

// compareItems orders two items as o orders their accounts.
func (o *ordered) compareItems(x, y ixItem) int {
	if x.p1 != y.p1 {
		return cmp.Compare(x.p1, y.p1)
	}
	if x.p2 != y.p2 {
		return cmp.Compare(x.p2, y.p2)
	}
	if c := strings.Compare(x.key, y.key); c != 0 {
		return c
	}
	if o.less(x.a, y.a) {
		return -1
	}
	return 1 // a total order: x and y are distinct accounts
}

// run returns accts' items for o, sorted.
func (o *ordered) run(accts []*account) []ixItem {
	items := make([]ixItem, len(accts))
	for i, a := range accts {
		items[i] = o.item(a)
	}
	if !slices.IsSortedFunc(items, o.compareItems) { // time indexes of accounts made in time order are
		slices.SortFunc(items, o.compareItems)
	}
	return items
}

// loadRuns loads the sorted runs into o's empty tree, merging them.
func (o *ordered) loadRuns(runs [][]ixItem) {
	// The items come in order, each after every one loaded: Load and the
	// insert it falls back to when a leaf is full need no comparison
	// beyond that (see less).
	defer func() { o.loading = nil }()
	load := func(a *account) {
		o.loading = a
		o.tree.Load(a)
	}
	if len(runs) == 1 {
		for _, it := range runs[0] {
			load(it.a)
		}
		return
	}
	// A k-way merge: the head of each run in a min-heap of run indexes.
	h := make([]int, 0, len(runs))
	at := make([]int, len(runs))
	less := func(i, j int) bool { return o.compareItems(runs[h[i]][at[h[i]]], runs[h[j]][at[h[j]]]) < 0 }
	down := func(i int) {
		for {
			m := i
			for _, c := range [2]int{2*i + 1, 2*i + 2} {
				if c < len(h) && less(c, m) {
					m = c
				}
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for r := range runs {
		if len(runs[r]) > 0 {
			h = append(h, r)
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for len(h) > 0 {
		r := h[0]
		load(runs[r][at[r]].a)
		if at[r]++; at[r] == len(runs[r]) {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		down(0)
	}
}

// build indexes accts, given in creation order, into empty indexes. It
// starts a goroutine per index in wg, which the caller waits for.
func (x *indexes) build(accts []*account, wg *sync.WaitGroup) {
	for _, a := range accts {
		a.ix = keysOf(a)
	}
	for _, o := range x.all {
		wg.Go(func() { o.loadRuns([][]ixItem{o.run(accts)}) })
	}
}

// builder indexes a tenant being made on another goroutine: it takes the
// accounts in chunks, as they are made, fills the lookup maps and sorts
// each chunk's run for every index; finish merges the runs into the
// indexes.
type builder struct {
	t      *tenant
	chunk  int // accounts per hand-over: builderChunk, or fewer in tests
	chunks chan []*account
	done   chan struct{}
	runs   [][][]ixItem // by index, the sorted runs
}

// builderChunk is how many accounts a builder takes at a time.
const builderChunk = 1 << 15

func newBuilder(t *tenant) *builder {
	b := &builder{t: t, chunk: builderChunk, chunks: make(chan []*account, 4), done: make(chan struct{}), runs: make([][][]ixItem, len(t.idx.all))}
	go b.work()
	return b
}

func (b *builder) work() {
	defer close(b.done)
	for accts := range b.chunks {
		for _, a := range accts {
			a.ix = keysOf(a)
			b.t.accounts[a.ID] = a
			b.t.putNative(a)
		}
		for i, o := range b.t.idx.all {
			b.runs[i] = append(b.runs[i], o.run(accts))
		}
	}
}

// add hands over accounts made since the last call; the tenant must not
// change them while the builder runs.
func (b *builder) add(accts []*account) { b.chunks <- accts }

// finish waits for the chunks handed over and loads the indexes, in
// parallel.
func (b *builder) finish() {
	close(b.chunks)
	<-b.done
	var wg sync.WaitGroup
	for i, o := range b.t.idx.all {
		wg.Go(func() { o.loadRuns(b.runs[i]) })
	}
	wg.Wait()
}

// prefix returns the eight bytes of s from i as a big-endian number,
// padded with zero bytes: numbers that differ order the strings as their
// bytes do.
func prefix(s string, i int) uint64 {
	var p uint64
	for j := i; j < i+8; j++ {
		p <<= 8
		if j < len(s) {
			p |= uint64(s[j])
		}
	}
	return p
}
