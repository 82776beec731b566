package filter

import (
	"cmp"
	"math"
	"slices"
	"strings"
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
	m := len(by)
	keys := make([]recKey, len(items)*m)
	var schema *Schema // the schema idx was resolved for
	idx := make([]int, m)
	for i, it := range items {
		r := rec(it)
		if r == nil {
			continue // every key stays missing
		}
		if r.schema != schema {
			schema = r.schema
			for j, o := range by {
				idx[j] = schema.sortIndex(o)
			}
		}
		for j, f := range idx {
			if f >= 0 {
				keys[i*m+j] = r.key(f)
			}
		}
	}
	perm := make([]int, len(items))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int {
		ka, kb := keys[a*m:a*m+m], keys[b*m:b*m+m]
		for j := range ka {
			if c := ka[j].compare(&kb[j]); c != 0 {
				if by[j].Desc {
					return -c
				}
				return c
			}
		}
		// The tie-breaks of Sort: the bytes of strings equal but for
		// case, then the input order.
		for j := range ka {
			if c := strings.Compare(ka[j].raw, kb[j].raw); c != 0 {
				if by[j].Desc {
					return -c
				}
				return c
			}
		}
		return cmp.Compare(a, b)
	})
	orig := slices.Clone(items)
	for i, p := range perm {
		items[i] = orig[p]
	}
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
