package mockisc

import (
	"cmp"
	"slices"
	"sync"

	"github.com/mockisc/mockisc/filter"
)

// A list query runs one of four plans, each giving exactly the order of
// filter.Sort on the accounts' filter documents (creation order breaking
// the last ties), which TestStoreQueryDifferential checks:
//
//   - no filter, no sorter: the accounts in creation order, as stored;
//   - a filter, no sorter: one pass over creation order;
//   - a first sorter on an indexed field (name, id, created, modified):
//     one walk of that index, filtering on the way, ordering only the runs
//     of accounts the index finds equal by the other sorters;
//   - another first sorter: one filtering pass, then the first pages put
//     in order by a bounded selection (O(m log k)), and the whole result
//     sorted only when a page beyond them is asked for.
//
// No plan needs an account's rendering or a copy of its values: filters
// and sorters read the fields in place (filter.MatchValues,
// filter.CompareValues). Results are cached per tenant version, bounded.

// listResult is the result of one query at one tenant version. Its
// accounts are valid while the tenant is at that version, which the
// caller's read lock guarantees.
type listResult struct {
	total int // how many accounts match

	mu     sync.Mutex        // guards the fields below, which a later page may complete
	sorted []*account        // the result in order: all of it when full, else its start
	full   bool              // sorted holds the whole result
	rest   func() []*account // the whole result in order, when !full
}

// page returns the accounts of the result from lo to hi.
func (r *listResult) page(lo, hi int) []*account {
	r.mu.Lock()
	defer r.mu.Unlock()
	if hi > len(r.sorted) && !r.full {
		r.sorted, r.full, r.rest = r.rest(), true, nil
	}
	return r.sorted[lo:hi]
}

// topSize is how many accounts the unindexed plan puts in order at first:
// the first pages (offset+limit up to topSize) need no full sort.
const topSize = 1000

// runQuery answers f and by over the tenant, with at least its first
// need accounts in order. Caller holds s.mu (read).
func (t *tenant) runQuery(f *filter.Filter, by filter.Sorters, need int) *listResult {
	vals := newAccountValues(t)
	switch {
	case f == nil && len(by) == 0:
		return &listResult{total: len(t.order), sorted: t.order, full: true}
	case len(by) == 0:
		out := t.scan(f, vals)
		return &listResult{total: len(out), sorted: out, full: true}
	}
	order := t.orderBy(by)
	if ix := t.indexFor(by[0]); ix != nil {
		out := make([]*account, 0, 1024)
		ix.groups(by[0].Desc, func(run []*account) bool {
			start := len(out)
			for _, a := range run {
				if vals.match(f, a) {
					out = append(out, a)
				}
			}
			if len(out)-start > 1 {
				slices.SortFunc(out[start:], order)
			}
			return true
		})
		return &listResult{total: len(out), sorted: out, full: true}
	}
	matched := t.scan(f, vals)
	n := max(need, topSize)
	if n >= len(matched)/2 {
		slices.SortFunc(matched, order)
		return &listResult{total: len(matched), sorted: matched, full: true}
	}
	top := selectTop(matched, n, order)
	return &listResult{total: len(matched), sorted: top, rest: func() []*account {
		slices.SortFunc(matched, t.orderBy(by)) // a comparator of its own: this may run in another request
		return matched
	}}
}

// scan returns the accounts that match f, in creation order.
func (t *tenant) scan(f *filter.Filter, vals *accountValues) []*account {
	out := make([]*account, 0, 1024)
	for _, a := range t.order {
		if vals.match(f, a) {
			out = append(out, a)
		}
	}
	return out
}

// orderBy returns the comparison of two accounts in the order of by,
// creation order breaking the ties filter.Sort leaves to input order.
func (t *tenant) orderBy(by filter.Sorters) func(a, b *account) int {
	vals := newAccountValues(t)
	compare := filter.CompareValues(accountsRecordSchema, by, vals.field)
	return func(a, b *account) int {
		if c := compare(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	}
}

// indexFor returns the index that orders accounts as o does, or nil.
func (t *tenant) indexFor(o filter.Sorter) *ordered {
	if !accountsRecordSchema.Sorts(o) {
		return nil // a Sorter of another schema's field of that name
	}
	return t.idx.get(o.Field)
}

// selectTop returns the first n items of items in the order of compare,
// sorted, keeping the n smallest seen in a max-heap: O(m log n).
func selectTop[T any](items []T, n int, compare func(a, b T) int) []T {
	if n >= len(items) {
		out := slices.Clone(items)
		slices.SortFunc(out, compare)
		return out
	}
	h := slices.Clone(items[:n])
	down := func(i int) {
		for {
			largest := i
			for _, c := range [2]int{2*i + 1, 2*i + 2} {
				if c < len(h) && compare(h[c], h[largest]) > 0 {
					largest = c
				}
			}
			if largest == i {
				return
			}
			h[i], h[largest] = h[largest], h[i]
			i = largest
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, it := range items[n:] {
		if n > 0 && compare(it, h[0]) < 0 {
			h[0] = it
			down(0)
		}
	}
	slices.SortFunc(h, compare)
	return h
}
