package filter

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

// Sorter is one key of a sort order: a field name and its direction.
//
// Sorters returned by ParseSorters also remember the field's path and type
// from the schema. A Sorter written by hand sorts by the value at the dotted
// Field path, ordering values by their JSON type (strings as strings, so
// date-times sort as text).
type Sorter struct {
	Field string
	Desc  bool

	path string // gjson path; "" means derive from Field
	typ  Type   // 0 means infer from each JSON value
}

// Sorters is a multi-key sort order, most significant key first.
type Sorters []Sorter

// MaxSortersLength is the longest sorters value, in bytes, that
// ParseSorters accepts.
const MaxSortersLength = 1 << 10

// ParseSorters parses ISC's sorters parameter: comma-separated field names,
// each optionally prefixed with "-" for descending order, such as
// "-created,name". White space around a name is ignored. An empty segment,
// an unknown or unsortable field, or a field named twice is a *SorterError
// that lists the sortable fields. The empty string returns nil, nil.
func ParseSorters(s string, schema *Schema) (Sorters, error) {
	if s == "" {
		return nil, nil
	}
	if len(s) > MaxSortersLength {
		return nil, &SorterError{Input: s, Offset: MaxSortersLength, Msg: fmt.Sprintf("sorters are %d bytes long; the limit is %d", len(s), MaxSortersLength)}
	}
	if schema == nil {
		return nil, fmt.Errorf("sorters: ParseSorters needs a schema")
	}
	var out Sorters
	pos := 0
	for seg := range strings.SplitSeq(s, ",") {
		start := pos
		pos += len(seg) + 1
		name := strings.TrimSpace(seg)
		at := start + strings.Index(seg, name)
		desc := strings.HasPrefix(name, "-")
		if desc {
			name = strings.TrimSpace(name[1:])
		}
		errorf := func(format string, args ...any) error {
			return &SorterError{Input: s, Offset: at, Field: name, Msg: fmt.Sprintf(format, args...)}
		}
		if name == "" {
			return nil, errorf("empty sorter; write field names separated by single commas, such as \"-created,name\"")
		}
		f, ok := schema.byName[name]
		if !ok || !f.Sortable {
			return nil, errorf("unknown or unsortable field %q; sortable fields: %s", name, schema.sortable())
		}
		if slices.ContainsFunc(out, func(o Sorter) bool { return o.Field == name }) {
			return nil, errorf("field %q is named more than once", name)
		}
		out = append(out, Sorter{Field: name, Desc: desc, path: f.path, typ: f.Type})
	}
	return out, nil
}

// String returns the canonical sorters text, such as "-created,name".
func (s Sorters) String() string {
	var b strings.Builder
	for i, o := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		if o.Desc {
			b.WriteByte('-')
		}
		b.WriteString(o.Field)
	}
	return b.String()
}

// Sort sorts items in place, stably, by the sorters. doc returns the JSON
// document of an item; it is called once per item, and each item's sort
// keys are extracted once (not once per comparison). Missing and null
// values sort first in ascending order and last in descending order.
// Strings compare case-insensitively; items equal under every key but
// differing in the case of a string key are then ordered by that key's
// bytes (in the key's direction), so the result does not depend on the
// input order; items whose keys are all identical keep their relative order.
func Sort[T any](items []T, by Sorters, doc func(T) []byte) {
	if len(by) == 0 || len(items) < 2 {
		return
	}
	m := len(by)
	paths := make([]string, m)
	for j, o := range by {
		paths[j] = o.path
		if paths[j] == "" {
			keys := strings.Split(o.Field, ".")
			for k := range keys {
				keys[k] = gjson.Escape(keys[k])
			}
			paths[j] = strings.Join(keys, ".")
		}
	}
	keys := make([]sortKey, len(items)*m)
	for i, it := range items {
		d := doc(it)
		js := unsafe.String(unsafe.SliceData(d), len(d))
		for j, o := range by {
			keys[i*m+j] = makeKey(gjson.Get(js, paths[j]), o.typ)
		}
	}
	perm := make([]int, len(items))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int {
		ka, kb := keys[a*m:a*m+m], keys[b*m:b*m+m]
		for j, o := range by {
			if c := ka[j].compare(&kb[j]); c != 0 {
				if o.Desc {
					return -c
				}
				return c
			}
		}
		// Equal under every key: break ties between strings that differ
		// only in case by their bytes, so that the order does not depend on
		// the input order; then keep the input order (stability).
		for j, o := range by {
			if c := strings.Compare(ka[j].s, kb[j].s); c != 0 {
				if o.Desc {
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

// Ranks of sort keys: values of different ranks order by rank.
const (
	rankNull = iota // missing, null, or not of the field's type
	rankBool
	rankNumber
	rankTime
	rankString
)

// sortKey is one extracted sort value.
type sortKey struct {
	rank uint8
	s    string
	f    float64 // numbers; booleans as 0 and 1
	t    time.Time
}

// makeKey converts r to a key for a field of type typ (0: infer).
func makeKey(r gjson.Result, typ Type) sortKey {
	switch {
	case r.Type == gjson.String && (typ == TypeString || typ == 0):
		return sortKey{rank: rankString, s: strings.Clone(r.Str)}
	case r.Type == gjson.Number && (typ == TypeNumber || typ == 0):
		return sortKey{rank: rankNumber, f: r.Num}
	case (r.Type == gjson.True || r.Type == gjson.False) && (typ == TypeBool || typ == 0):
		if r.Type == gjson.True {
			return sortKey{rank: rankBool, f: 1}
		}
		return sortKey{rank: rankBool}
	case r.Type == gjson.String && typ == TypeDateTime:
		if t, err := time.Parse(time.RFC3339Nano, r.Str); err == nil {
			return sortKey{rank: rankTime, t: t}
		}
	}
	return sortKey{rank: rankNull}
}

// compare orders k and o ascending; strings compare case-insensitively.
func (k *sortKey) compare(o *sortKey) int {
	if k.rank != o.rank {
		return cmp.Compare(k.rank, o.rank)
	}
	switch k.rank {
	case rankString:
		return compareFold(k.s, o.s)
	case rankBool, rankNumber:
		return cmp.Compare(k.f, o.f)
	case rankTime:
		return k.t.Compare(o.t)
	}
	return 0
}
