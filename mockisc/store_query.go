package mockisc

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/tidwall/btree"

	"github.com/mockisc/mockisc/filter"
)

// A list query runs one of four plans, each giving exactly the order of
// filter.Sort on the accounts' filter documents (creation order breaking
// the last ties), which TestStoreQueryDifferential checks:
//
//   - no filter, no sorter: the accounts in creation order, as stored;
//   - a filter, no sorter: a pass over creation order, as far as the
//     page needs (over the range of the name or id index that a top-level
//     `name sw`/`name eq` or `id sw`/`id eq` term allows, when there is
//     one);
//   - a first sorter on an indexed field (name, id, created, modified): a
//     walk of that index (of its range, as above), filtering on the way,
//     ordering only the runs of accounts the index finds equal by the
//     other sorters, as far as the page needs;
//   - another first sorter: one filtering pass, then the first pages put
//     in order by a bounded selection (O(m log k)), and the whole result
//     sorted only when a page beyond them is asked for.
//
// Results are lazy: a page is taken from the walk so far, and the next
// page goes on from there; count=true finishes the walk. No plan needs an
// account's rendering or a copy of its values: filters and sorters read
// the fields in place (filter.MatchValues, filter.CompareValues). Results
// are cached per tenant version, bounded (store_cache.go).

// listResult is the result of one query at one tenant version. Its
// accounts are valid while the tenant is at that version, which the
// caller's read lock guarantees.
type listResult struct {
	mu     sync.Mutex // guards the fields below: a later page may go on with the walk
	sorted []*account // the first len(sorted) accounts of the result, in order
	done   bool       // sorted is the whole result
	count  int        // the number of matches, when known before their order; else -1
	// more extends sorted to at least want accounts, or to the whole
	// result, setting done.
	more func(r *listResult, want int)
}

// doneResult is a result known whole.
func doneResult(accts []*account) *listResult {
	return &listResult{sorted: accts, done: true, count: len(accts)}
}

// upTo puts at least want accounts in order, or all of them, and returns
// how many are: want or more, or the total.
func (r *listResult) upTo(want int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.done && len(r.sorted) < want {
		r.more(r, want)
	}
	return len(r.sorted)
}

// total returns the number of accounts of the result.
func (r *listResult) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.count >= 0 {
		return r.count
	}
	if !r.done {
		r.more(r, math.MaxInt)
	}
	return len(r.sorted)
}

// window returns the accounts from lo to hi, which upTo has put in order.
func (r *listResult) window(lo, hi int) []*account {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sorted[lo:hi]
}

// topSize is how many accounts the unindexed plan puts in order at first:
// the first pages (offset+limit up to topSize) need no full sort.
const topSize = 1000

// runQuery plans f and by over the tenant. Caller holds s.mu (read).
func (t *tenant) runQuery(f *filter.Filter, by filter.Sorters) *listResult {
	switch {
	case f == nil && len(by) == 0:
		return doneResult(t.order)
	case len(by) == 0:
		for _, field := range [...]string{"id", "name"} {
			if c := t.rangeCursor(f, field, false, nil); c != nil {
				// A few accounts of one range, put in creation order.
				r := &listResult{count: -1}
				c.more(r, math.MaxInt)
				slices.SortFunc(r.sorted, func(a, b *account) int { return cmp.Compare(a.seq, b.seq) })
				return r
			}
		}
		vals, i := newAccountValues(t), 0
		return &listResult{count: -1, more: func(r *listResult, want int) {
			for ; i < len(t.order) && len(r.sorted) < want; i++ {
				if vals.match(f, t.order[i]) {
					r.sorted = append(r.sorted, t.order[i])
				}
			}
			r.done = i == len(t.order)
		}}
	}
	if accountsRecordSchema.Sorts(by[0]) && t.idx.get(by[0].Field) != nil {
		order := t.orderBy(by)
		c := t.rangeCursor(f, by[0].Field, by[0].Desc, order)
		if c == nil {
			c = t.walk(t.idx.get(by[0].Field), f, by[0].Desc, order)
			if by[0].Desc {
				c.ok = c.it.Last()
			} else {
				c.ok = c.it.First()
			}
		}
		return &listResult{count: -1, more: c.more}
	}
	matched := t.scan(f)
	order := t.orderBy(by)
	if topSize >= len(matched)/2 {
		slices.SortFunc(matched, order)
		return doneResult(matched)
	}
	top := selectTop(matched, topSize, order)
	return &listResult{sorted: top, count: len(matched), more: func(r *listResult, _ int) {
		slices.SortFunc(matched, t.orderBy(by)) // a comparator of its own: this runs in a later request
		r.sorted, r.done = matched, true
	}}
}

// scan returns the accounts that match f, in creation order.
func (t *tenant) scan(f *filter.Filter) []*account {
	vals := newAccountValues(t)
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
// Not safe for concurrent use.
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

// cursor walks an index, in order or in reverse, and adds the accounts
// that match its filter to a listResult, run by run: a run is the
// accounts the index finds equal, which order puts in the order of the
// query (nil: creation order).
type cursor struct {
	ix    *ordered
	it    *btree.IterG[*account]
	ok    bool // it is at an account not yet taken
	desc  bool
	f     *filter.Filter
	vals  *accountValues
	order func(a, b *account) int
	in    func(a *account) bool // nil, or false at the first account past the range
	run   []*account
}

// walk returns a cursor over ix, not yet positioned.
func (t *tenant) walk(ix *ordered, f *filter.Filter, desc bool, order func(a, b *account) int) *cursor {
	c := &cursor{ix: ix, it: new(btree.IterG[*account]), desc: desc, f: f, vals: newAccountValues(t), order: order}
	c.it.Init(ix.tree, false)
	return c
}

func (c *cursor) step() bool {
	if c.desc {
		return c.it.Prev()
	}
	return c.it.Next()
}

func (c *cursor) more(r *listResult, want int) {
	for len(r.sorted) < want {
		c.run = c.run[:0]
		for c.ok {
			a := c.it.Item()
			if c.in != nil && !c.in(a) {
				c.ok = false
				break
			}
			if len(c.run) > 0 && c.ix.key(c.run[0], a) != 0 {
				break
			}
			c.run = append(c.run, a)
			c.ok = c.step()
		}
		if len(c.run) == 0 {
			r.done = true
			c.it.Release()
			return
		}
		start := len(r.sorted)
		for _, a := range c.run {
			if c.vals.match(c.f, a) {
				r.sorted = append(r.sorted, a)
			}
		}
		if len(r.sorted)-start > 1 && c.order != nil {
			slices.SortFunc(r.sorted[start:], c.order)
		}
	}
}

// rangeCursor returns a cursor over the range of the index of field that
// a top-level `field sw "x"` or `field eq "x"` term of f allows,
// positioned at its start, or nil if f has no such term.
func (t *tenant) rangeCursor(f *filter.Filter, field string, desc bool, order func(a, b *account) int) *cursor {
	ix := t.idx.get(field)
	if f == nil || ix == nil || ix.str == nil {
		return nil
	}
	bound, prefix, ok := narrowing(f.Expr(), field)
	if !ok {
		return nil
	}
	bound = filter.Fold(bound) // once, not at every comparison
	c := t.walk(ix, f, desc, order)
	if prefix {
		c.in = func(a *account) bool { return filter.HasPrefixFold(ix.str(a), bound) }
	} else {
		c.in = func(a *account) bool { return filter.CompareFold(ix.str(a), bound) == 0 }
	}
	if !desc {
		c.ok = c.it.Seek(pivot(pivotFirst, bound))
		return c
	}
	end := pivot(pivotPast, bound)
	if !prefix {
		end = pivot(pivotFirst, bound+"\x00") // past every key equal to bound, before any longer one
	}
	if c.it.Seek(end) {
		c.ok = c.it.Prev()
	} else {
		c.ok = c.it.Last()
	}
	return c
}

// narrowing finds in e a term that every match satisfies (e itself, or a
// term of a top-level and) of the form `field sw "x"` or `field eq "x"`.
func narrowing(e filter.Expr, field string) (bound string, prefix, ok bool) {
	terms := []filter.Expr{e}
	if and, isAnd := e.(*filter.And); isAnd {
		terms = and.Terms
	}
	for _, term := range terms {
		c, isCmp := term.(*filter.Compare)
		if !isCmp || c.Field != field || len(c.Values) != 1 || c.Values[0].Kind != filter.ValueString {
			continue
		}
		switch c.Op {
		case filter.OpSw:
			return c.Values[0].Text, true, true
		case filter.OpEq:
			return c.Values[0].Text, false, true
		}
	}
	return "", false, false
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
