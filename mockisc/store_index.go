package mockisc

import (
	"cmp"
	"encoding/binary"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tidwall/btree"

	"github.com/mockisc/mockisc/filter"
)

// The account store keeps four ordered indexes, by the fields lists sort
// by most (name, id, created, modified), as B-trees of account pointers
// (github.com/tidwall/btree). Each orders its accounts exactly as a sort
// by its field does: strings case-folded (filter.CompareFold), then by
// their bytes, then in creation order; times at the millisecond ISC
// renders, then in creation order. A list sorted by an indexed field walks
// the index instead of sorting, so its cost is one pass over the matches,
// and a write costs a few O(log n) B-tree updates.

// ixKeys are the times an account is indexed under: a copy, so that an
// index can find an account whose times a writer has already changed
// (changed then moves it). Names are not copied: every change of a stored
// account's name goes through tenant.rename, which moves it first; ids
// never change.
type ixKeys struct {
	created, modified int64 // milliseconds since the epoch, as lists compare them
}

// msKey is t at the millisecond lists compare times at.
func msKey(t time.Time) int64 { return t.Truncate(time.Millisecond).UnixMilli() }

// keysOf are the index keys of a's fields now.
func keysOf(a *account) ixKeys {
	return ixKeys{created: msKey(a.Created), modified: msKey(a.Modified)}
}

// A pivot is an account made up to seek in a string index: seq 0 marks
// it, its Name and ID hold the bound, and ix.modified its kind.
// pivotFirst sorts before every key that folds to the bound or after it,
// pivotPast after every key that has the bound as a folded prefix.
const (
	pivotFirst = 1 + iota
	pivotPast
)

// ordered is one ordered index.
type ordered struct {
	field string // the accountsRecordSchema field it orders by
	// str reads the indexed string of an account (nil for times).
	str func(a *account) string
	// key orders two accounts by the indexed value (0 for values that a
	// sort by the field alone finds equal); raw breaks key ties between
	// strings equal but for case, by their bytes.
	key, raw func(a, b *account) int
	tree     *btree.BTreeG[*account]
	// loading is the account load is adding, after every account in
	// the tree: while it is set, less knows the order without reading
	// accounts.
	loading *account
}

func (o *ordered) less(a, b *account) bool {
	if o.loading != nil {
		return b == o.loading
	}
	if a.seq == 0 {
		return o.pivotBefore(a, b)
	}
	if b.seq == 0 {
		return !o.pivotBefore(b, a)
	}
	if c := o.key(a, b); c != 0 {
		return c < 0
	}
	if o.raw != nil {
		if c := o.raw(a, b); c != 0 {
			return c < 0
		}
	}
	return a.seq < b.seq
}

// pivotBefore reports whether the pivot p sorts before the account a.
func (o *ordered) pivotBefore(p, a *account) bool {
	key, bound := o.str(a), o.str(p)
	if p.ix.modified == pivotPast && filter.HasPrefixFold(key, bound) {
		return false
	}
	return filter.CompareFold(bound, key) <= 0
}

// pivot returns a made-up account to seek a string index with.
func pivot(kind int64, bound string) *account {
	p := &account{ix: ixKeys{modified: kind}}
	p.ID, p.Name = bound, bound
	return p
}

func newOrdered(field string, str func(*account) string, key, raw func(a, b *account) int) *ordered {
	o := &ordered{field: field, str: str, key: key, raw: raw}
	o.tree = btree.NewBTreeGOptions(o.less, btree.Options{NoLocks: true, Degree: 64})
	return o
}

// indexes are the ordered indexes of a tenant's accounts.
type indexes struct {
	all []*ordered
}

func newIndexes() *indexes {
	name := func(a *account) string { return a.Name }
	id := func(a *account) string { return a.ID }
	str := func(f func(*account) string) (key, raw func(a, b *account) int) {
		return func(a, b *account) int { return filter.CompareFold(f(a), f(b)) },
			func(a, b *account) int { return strings.Compare(f(a), f(b)) }
	}
	nk, nr := str(name)
	ik, ir := str(id)
	return &indexes{all: []*ordered{
		newOrdered("name", name, nk, nr),
		newOrdered("id", id, ik, ir),
		newOrdered("created", nil, func(a, b *account) int { return cmp.Compare(a.ix.created, b.ix.created) }, nil),
		newOrdered("modified", nil, func(a, b *account) int { return cmp.Compare(a.ix.modified, b.ix.modified) }, nil),
	}}
}

// get returns the index ordering by field, or nil.
func (x *indexes) get(field string) *ordered {
	for _, o := range x.all {
		if o.field == field {
			return o
		}
	}
	return nil
}

// insert indexes a.
func (x *indexes) insert(a *account) {
	a.ix = keysOf(a)
	for _, o := range x.all {
		o.tree.Set(a)
	}
}

// remove takes a, which is indexed, out of every index.
func (x *indexes) remove(a *account) {
	for _, o := range x.all {
		o.tree.Delete(a)
	}
}

// update moves a, which is indexed, in the time indexes whose key
// changed.
func (x *indexes) update(a *account) {
	old, now := a.ix, keysOf(a)
	if now == old {
		return
	}
	for _, o := range x.all {
		switch {
		case o.field == "created" && old.created != now.created,
			o.field == "modified" && old.modified != now.modified:
			a.ix = old
			o.tree.Delete(a)
			a.ix = now
			o.tree.Set(a)
		}
	}
	a.ix = now
}

// rename changes the name of a, which is indexed, moving it in the name
// index.
func (x *indexes) rename(a *account, name string) {
	o := x.get("name")
	o.tree.Delete(a)
	a.Name = name
	o.tree.Set(a)
}

// build indexes accounts, given in creation order, into empty indexes:
// each index sorted at once and loaded in order, which is several times
// faster than inserting one by one. It starts a goroutine per index in
// wg, which the caller waits for.
func (x *indexes) build(accts []*account, wg *sync.WaitGroup) {
	for _, a := range accts {
		a.ix = keysOf(a)
	}
	for _, o := range x.all {
		wg.Go(func() { o.load(accts) })
	}
}

// load sorts accts by the index's order and loads them. The sort keys are
// taken once, without the accounts, into items that hold no pointers (so
// that sorting them costs the garbage collector nothing): strings by the
// first 24 bytes of their folded form (the order of CompareFold) as three
// numbers, times as a number and the creation order. Most comparisons
// then read numbers, not two accounts scattered in memory. A time index
// of accounts made in time order needs no sort at all.
func (o *ordered) load(accts []*account) {
	if o.str == nil && o.inOrder(accts) {
		o.loadSorted(slices.Values(accts))
		return
	}
	type item struct {
		p1, p2, p3 uint64
		i          int
	}
	items := make([]item, len(accts))
	for i, a := range accts {
		it := &items[i]
		it.i = i
		switch o.field {
		case "created":
			it.p1, it.p2 = uint64(a.ix.created)^1<<63, a.seq // ^1<<63: signed order as unsigned
		case "modified":
			it.p1, it.p2 = uint64(a.ix.modified)^1<<63, a.seq
		default:
			it.p1, it.p2, it.p3 = foldPrefix(o.str(a))
		}
	}
	slices.SortFunc(items, func(x, y item) int {
		if x.p1 != y.p1 {
			return cmp.Compare(x.p1, y.p1)
		}
		if x.p2 != y.p2 {
			return cmp.Compare(x.p2, y.p2)
		}
		if x.p3 != y.p3 {
			return cmp.Compare(x.p3, y.p3)
		}
		if o.less(accts[x.i], accts[y.i]) {
			return -1
		}
		return 1 // a total order: x and y are distinct accounts
	})
	o.loadSorted(func(yield func(*account) bool) {
		for _, it := range items {
			if !yield(accts[it.i]) {
				return
			}
		}
	})
}

// inOrder reports whether accts, in creation order, are in the order of
// the time index o.
func (o *ordered) inOrder(accts []*account) bool {
	for i := 1; i < len(accts); i++ {
		if o.key(accts[i-1], accts[i]) > 0 {
			return false
		}
	}
	return true
}

// loadSorted loads accounts that come in the index's order into the
// empty tree. Each comes after every one loaded: Load, and the insert it
// falls back to when a leaf is full, need no comparison beyond that (see
// less).
func (o *ordered) loadSorted(accts iter.Seq[*account]) {
	for a := range accts {
		o.loading = a
		o.tree.Load(a)
	}
	o.loading = nil
}

// foldPrefix returns the first 24 bytes of Fold(s), padded with zero
// bytes, as three big-endian numbers: numbers that differ order the
// folded strings as their bytes do. ASCII is folded here, without making
// the folded string.
func foldPrefix(s string) (p1, p2, p3 uint64) {
	var b [24]byte
	for i := 0; i < len(s) && i < len(b); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			f := filter.Fold(s)
			return prefix(f, 0), prefix(f, 8), prefix(f, 16)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:16]), binary.BigEndian.Uint64(b[16:])
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
