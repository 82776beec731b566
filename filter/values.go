package filter

import (
	"cmp"
	"strings"
	"time"
)

// Values reads one item's fields by their index in a Schema (Fields'
// order), for MatchValues and CompareValues: a store that keeps its items
// as Go values can filter and sort them without a document or a Record.
type Values func(field int) FieldValue

// MatchValues reports whether the item whose fields get reads satisfies
// the filter: the answer of Match on a document holding those values (and
// of MatchRecord on their RecordOf). get is called only for the fields
// the filter reads, each at most once per comparison, and MatchValues
// does not allocate unless a date-time field is given as a string. A nil
// *Filter matches everything.
func (f *Filter) MatchValues(get Values) bool {
	if f == nil {
		return true
	}
	return f.root.matchValues(get)
}

func (a andNode) matchValues(get Values) bool {
	for _, n := range a {
		if !n.matchValues(get) {
			return false
		}
	}
	return true
}

func (o orNode) matchValues(get Values) bool {
	for _, n := range o {
		if n.matchValues(get) {
			return true
		}
	}
	return false
}

func (n notNode) matchValues(get Values) bool { return !n.x.matchValues(get) }

// matchValues mirrors cmpNode.match on a typed value.
func (n *cmpNode) matchValues(get Values) bool {
	v := get(n.field)
	switch n.op {
	case OpIsNull:
		return v.kind == valNull
	case OpPr:
		return v.kind != valNull
	}
	if v.kind == valNull {
		return n.op == OpNe
	}
	if !n.array || v.kind != valStrings {
		return n.holdsValue(v)
	}
	switch n.op {
	case OpCa:
		for i := range n.len() {
			found := false
			for _, e := range v.ss {
				if x, ok := n.convertValue(StringValue(e)); ok && n.compare(x, OpEq, i) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	case OpNe:
		for _, e := range v.ss {
			if n.anyEqValue(StringValue(e)) {
				return false
			}
		}
		return true
	}
	for _, e := range v.ss {
		if n.holdsValue(StringValue(e)) {
			return true
		}
	}
	return false
}

// holdsValue is cmpNode.holds on a typed scalar.
func (n *cmpNode) holdsValue(v FieldValue) bool { return n.holdsScalar(n.convertValue(v)) }

// anyEqValue is cmpNode.anyEq on a typed scalar.
func (n *cmpNode) anyEqValue(v FieldValue) bool {
	x, ok := n.convertValue(v)
	return ok && n.anyEqScalar(x)
}

// convertValue is cmpNode.convert on a typed value: ok is false for a
// value of another type (an array where a scalar was expected included).
func (n *cmpNode) convertValue(v FieldValue) (x scalar, ok bool) {
	switch n.typ {
	case TypeString:
		return scalar{s: v.s}, v.kind == valString
	case TypeNumber:
		return scalar{f: v.f}, v.kind == valNumber
	case TypeBool:
		return scalar{b: v.f == 1}, v.kind == valBool
	case TypeDateTime:
		switch v.kind {
		case valTime:
			return scalar{t: v.t}, true
		case valString:
			t, err := time.Parse(time.RFC3339Nano, v.s)
			return scalar{t: t}, err == nil
		}
	}
	return x, false
}

// CompareValues returns a function that orders two items as Sort orders
// documents holding their values, but for the last tie-break: items equal
// under every key, and under the bytes of their string keys, compare 0,
// and the caller breaks the tie (Sort keeps the input order). get reads
// field i of an item, by its index in schema; by must come from
// ParseSorters with schema, or from a schema whose fields have the same
// names, paths and types (a sorter without such a field counts as a
// missing value, as in SortRecords).
func CompareValues[T any](schema *Schema, by Sorters, get func(item T, field int) FieldValue) func(a, b T) int {
	type key struct {
		field int
		typ   Type
		desc  bool
	}
	keys := make([]key, len(by))
	for j, o := range by {
		keys[j] = key{field: schema.sortIndex(o), desc: o.Desc}
		if keys[j].field >= 0 {
			keys[j].typ = schema.fields[keys[j].field].Type
		}
	}
	value := func(it T, k key) FieldValue {
		if k.field < 0 {
			return FieldValue{}
		}
		return get(it, k.field)
	}
	return func(a, b T) int {
		for _, k := range keys {
			if c := compareValue(k.typ, value(a, k), value(b, k)); c != 0 {
				if k.desc {
					return -c
				}
				return c
			}
		}
		for _, k := range keys {
			if k.typ != TypeString {
				continue
			}
			va, vb := value(a, k), value(b, k)
			if va.kind != valString || vb.kind != valString {
				continue
			}
			if c := strings.Compare(va.s, vb.s); c != 0 {
				if k.desc {
					return -c
				}
				return c
			}
		}
		return 0
	}
}

// valueKey is the sortKey of a typed value of a field of type typ, as
// makeKey takes it from JSON, without copying strings.
func valueKey(typ Type, v FieldValue) sortKey {
	switch {
	case typ == TypeString && v.kind == valString:
		return sortKey{rank: rankString, s: v.s}
	case typ == TypeNumber && v.kind == valNumber:
		return sortKey{rank: rankNumber, f: v.f}
	case typ == TypeBool && v.kind == valBool:
		return sortKey{rank: rankBool, f: v.f}
	case typ == TypeDateTime && v.kind == valTime:
		return sortKey{rank: rankTime, t: v.t}
	case typ == TypeDateTime && v.kind == valString:
		if t, err := time.Parse(time.RFC3339Nano, v.s); err == nil {
			return sortKey{rank: rankTime, t: t}
		}
	}
	return sortKey{rank: rankNull}
}

// compareValue orders two values of a field of type typ ascending, as
// Sort orders their keys.
func compareValue(typ Type, a, b FieldValue) int {
	ka, kb := valueKey(typ, a), valueKey(typ, b)
	if ka.rank != kb.rank {
		return cmp.Compare(ka.rank, kb.rank)
	}
	return ka.compare(&kb)
}

// CompareFold compares a and b as filters and sorters compare strings:
// rune by rune, case folded, returning -1, 0 or +1. Strings that differ
// only in case compare 0. A store keeping an ordered index of a string
// field orders it by CompareFold, then by the bytes.
func CompareFold(a, b string) int { return compareFold(a, b) }

// HasPrefixFold reports whether s starts with prefix, case folded as
// the sw operator compares.
func HasPrefixFold(s, prefix string) bool { return hasPrefixFold(s, foldString(prefix)) }

// Fold returns s case folded as filters and sorters compare strings:
// CompareFold(a, b) is strings.Compare(Fold(a), Fold(b)). It returns s
// itself when folding changes nothing.
func Fold(s string) string { return foldString(s) }

// Sorts reports whether o sorts by a field of s: one of its name, path and
// type, as a Sorter from ParseSorters with s (or with a schema declaring
// that field alike) does. SortRecords, CompareValues and an index of a
// store read that field for o; for another Sorter they find no value.
func (s *Schema) Sorts(o Sorter) bool { return s.sortIndex(o) >= 0 }
