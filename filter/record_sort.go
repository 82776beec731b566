package filter

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
)

// SortRecords sorts items in place, stably, by the sorters, reading each
// item's values from its Record: the order is exactly the order Sort
// gives on the documents the Records were extracted from. rec is called
// once per item.
//
// Each sorter reads the Record's field of the same name when that field
// has the sorter's path and type, as it has when the Sorters come from
// ParseSorters with the Record's Schema. Otherwise (hand-written Sorters,
// whose values Sort types from the JSON; a Record of an unrelated Schema;
// a nil Record) the value counts as missing, so that key does not
// reorder items.
func SortRecords[T any](items []T, by Sorters, rec func(T) *Record) {
	if len(by) == 0 || len(items) < 2 {
		return
	}
	k := newKeyer(by, len(items))
	for _, it := range items {
		k.add(rec(it))
	}
	permute(k, items)
}

// Select returns the items whose Records match f, sorted by by: the
// result of keeping the items for which MatchRecord is true and then
// calling SortRecords, but with each Record read once, while matching.
// items is not modified; rec is called once per item. A nil f keeps
// every item; empty by keeps the input order.
func Select[T any](items []T, f *Filter, by Sorters, rec func(T) *Record) []T {
	out, k := collect(items, f, by, rec)
	if k != nil {
		permute(k, out) // and release
	}
	return out
}

// collect returns the items whose Records match f, in input order, and,
// unless by is empty, a keyer holding their sort keys, taken while each
// Record is in the processor's cache.
func collect[T any](items []T, f *Filter, by Sorters, rec func(T) *Record) ([]T, *keyer) {
	out := make([]T, 0, len(items))
	var k *keyer
	if len(by) > 0 {
		k = newKeyer(by, len(items))
	}
	for _, it := range items {
		r := rec(it)
		if !f.MatchRecord(r) {
			continue
		}
		out = append(out, it)
		if k != nil {
			k.add(r)
		}
	}
	return out, k
}

// keyer collects what sorting needs of each item, in the order added:
// its Record, and the first keys in the compact form words are made of.
type keyer struct {
	by     Sorters
	inline int         // keys held inline: min(len(by), len(sortItem{}.word))
	recs   []*Record   // per item, for the comparisons words leave open
	ikeys  []inlineKey // inline keys, inline per item
	str    [2]commonPrefix
	schema *Schema // the schema idx was resolved for
	idx    []int   // by sorter: the field's index in schema, or -1

	scratch *scratch // where the buffers came from
}

// newKeyer returns a keyer for about n items, with buffers from the pool;
// release returns them.
func newKeyer(by Sorters, n int) *keyer {
	k := &keyer{by: by, inline: min(len(by), len(sortItem{}.word)), idx: make([]int, len(by))}
	k.scratch = scratchPool.Get().(*scratch)
	k.recs = grown(k.scratch.recs, n)
	k.ikeys = grown(k.scratch.ikeys, n*k.inline)
	for j := range k.str {
		k.str[j].lcp = -1
	}
	return k
}

// scratch holds a keyer's buffers between calls: sized for every input of
// a large store they would otherwise be megabytes of garbage per call,
// and every collection that follows must mark the whole store.
type scratch struct {
	recs  []*Record
	ikeys []inlineKey
	items []sortItem
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grown returns b emptied, with room for n elements.
func grown[E any](b []E, n int) []E {
	if cap(b) < n {
		return make([]E, 0, n)
	}
	return b[:0]
}

// release returns the keyer's buffers to the pool; the keyer and the
// sortItems it returned must not be used after.
func (k *keyer) release() {
	clear(k.recs) // do not keep Records alive from the pool
	k.scratch.recs, k.scratch.ikeys = k.recs[:0], k.ikeys[:0]
	scratchPool.Put(k.scratch)
	k.scratch = nil
}

// keyOf returns the key of sorter j in r, resolving the sorter against
// r's schema.
func (k *keyer) keyOf(r *Record, j int) recKey {
	if r == nil {
		return recKey{} // missing
	}
	k.resolve(r.schema)
	if f := k.idx[j]; f >= 0 {
		return r.key(f)
	}
	return recKey{}
}

// resolve points idx at the fields of schema.
func (k *keyer) resolve(schema *Schema) {
	if schema != k.schema {
		k.schema = schema
		for j, o := range k.by {
			k.idx[j] = schema.sortIndex(o)
		}
	}
}

// add appends the next item, whose Record is r. It reads only r.vals.
func (k *keyer) add(r *Record) {
	k.recs = append(k.recs, r)
	for j := range k.inline {
		var ik inlineKey
		if r != nil {
			k.resolve(r.schema)
			if f := k.idx[j]; f >= 0 {
				ik = k.str[j].inlineKey(r.rank(f), r.vals[f])
			}
		}
		k.ikeys = append(k.ikeys, ik)
	}
}

// permute puts items, which were added in order, in sorted order.
func permute[T any](k *keyer, items []T) {
	sorted := k.sort()
	orig := slices.Clone(items)
	for i, w := range sorted {
		items[i] = orig[w.item]
	}
	k.release()
}

// sort returns one sortItem per item, in the order of Sort. Most
// comparisons are decided by words; compareFrom decides the rest.
func (k *keyer) sort() []sortItem {
	items := k.sortItems()
	slices.SortFunc(items, k.compare)
	return items
}

// sortItems returns one sortItem per item, in input order, with the words
// of its first keys.
func (k *keyer) sortItems() []sortItem {
	n := len(k.recs)
	items := grown(k.scratch.items, n)[:n]
	k.scratch.items = items
	for i := range items {
		items[i] = sortItem{}
		items[i].item = i
		settled := len(k.by) <= k.inline
		for j := range k.inline {
			ik := &k.ikeys[i*k.inline+j]
			w, exact := k.str[j].word(ik)
			if k.by[j].Desc {
				w = math.MaxUint64 - w
			}
			items[i].word[j] = w
			if exact {
				items[i].flags |= 1 << j
			}
			settled = settled && (ik.rank != rankString || ik.plain)
		}
		if settled {
			items[i].flags |= flagSettled
		}
	}
	return items
}

// compare orders two sortItems as Sort orders their items: a total order,
// since the input order breaks every tie.
func (k *keyer) compare(a, b sortItem) int {
	for j := range k.inline {
		if a.word[j] != b.word[j] {
			return cmp.Compare(a.word[j], b.word[j])
		}
		if a.flags&b.flags&(1<<j) == 0 {
			return k.compareFrom(a.item, b.item, j)
		}
	}
	if a.flags&b.flags&flagSettled != 0 {
		return cmp.Compare(a.item, b.item) // equal keys, no tie-break
	}
	return k.compareFrom(a.item, b.item, k.inline)
}

// compareFrom orders items a and b as Sort does, given that their keys
// before key from are equal.
func (k *keyer) compareFrom(a, b, from int) int {
	ra, rb := k.recs[a], k.recs[b]
	for j := from; j < len(k.by); j++ {
		ka, kb := k.keyOf(ra, j), k.keyOf(rb, j)
		if c := ka.compare(&kb); c != 0 {
			if k.by[j].Desc {
				return -c
			}
			return c
		}
	}
	// The tie-breaks of Sort: the bytes of strings equal but for case,
	// then the input order.
	for j := range k.by {
		if c := strings.Compare(k.keyOf(ra, j).raw, k.keyOf(rb, j).raw); c != 0 {
			if k.by[j].Desc {
				return -c
			}
			return c
		}
	}
	return cmp.Compare(a, b)
}

// sortIndex returns the index of the field o sorts by, or -1 when the
// schema has no field of o's name, path and type (see SortRecords).
func (s *Schema) sortIndex(o Sorter) int {
	for i := range s.fields {
		if f := &s.fields[i]; f.Name == o.Field {
			if f.path != o.path || f.Type != o.typ || f.Array {
				return -1
			}
			return i
		}
	}
	return -1
}

// recKey is one sort key taken from a Record; the zero value is a
// missing value (rankNull).
type recKey struct {
	rank        uint8
	n           int32
	x           int64
	folded, raw string
}

// rank returns the sort rank of field i, as makeKey computes it from JSON.
func (r *Record) rank(i int) uint8 {
	if r.vals[i].kind != recOK {
		return rankNull // missing, null or not of the field's type
	}
	switch r.schema.fields[i].Type {
	case TypeString:
		return rankString
	case TypeNumber:
		return rankNumber
	case TypeBool:
		return rankBool
	case TypeDateTime:
		return rankTime
	}
	return rankNull
}

// key returns the sort key of field i, as makeKey computes it from JSON.
func (r *Record) key(i int) recKey {
	v := r.vals[i]
	if v.kind != recOK {
		return recKey{} // missing, null or not of the field's type
	}
	switch r.schema.fields[i].Type {
	case TypeString:
		return recKey{rank: rankString, folded: v.s, raw: r.raws[v.n]}
	case TypeNumber:
		return recKey{rank: rankNumber, x: v.x}
	case TypeBool:
		return recKey{rank: rankBool, x: v.x}
	case TypeDateTime:
		return recKey{rank: rankTime, x: v.x, n: v.n}
	}
	return recKey{}
}

// compare orders k and o ascending, as sortKey.compare does.
func (k *recKey) compare(o *recKey) int {
	if k.rank != o.rank {
		return cmp.Compare(k.rank, o.rank)
	}
	switch k.rank {
	case rankString:
		return strings.Compare(k.folded, o.folded)
	case rankNumber:
		return cmp.Compare(math.Float64frombits(uint64(k.x)), math.Float64frombits(uint64(o.x)))
	case rankBool:
		return cmp.Compare(k.x, o.x)
	case rankTime:
		if c := cmp.Compare(k.x, o.x); c != 0 {
			return c
		}
		return cmp.Compare(k.n, o.n)
	}
	return 0
}
