package agilenow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// Order is one sort key of an Orders value.
type Order struct {
	Field string   // canonical field name from the schema
	Desc  bool     // descending; the default is ascending
	Type  Type     // the field's type; zero means TypeString
	Path  []string // JSON keys of the value; nil means strings.Split(Field, ".")
}

// Orders is a parsed Orders value: sort keys, most significant first.
type Orders []Order

// String returns the canonical form, e.g. "Name DESC, CreatedOn ASC".
func (by Orders) String() string {
	var b strings.Builder
	for i, o := range by {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(o.Field)
		if o.Desc {
			b.WriteString(" DESC")
		} else {
			b.WriteString(" ASC")
		}
	}
	return b.String()
}

// ParseOrders parses an Orders value: a comma-separated list of
//
//	field [ ASC | DESC ]
//
// Field names and directions ignore case; the direction defaults to ASC.
// A field may appear only once. An empty or blank s gives nil, nil. Errors
// are *SyntaxError or *FieldError with offsets into s.
func ParseOrders(s string, schema *Schema) (Orders, error) {
	if len(s) > MaxOrdersLength {
		return nil, &SyntaxError{Param: paramOrders, Input: s, Offset: MaxOrdersLength,
			Msg: fmt.Sprintf("the value is %d bytes long; the limit is %d", len(s), MaxOrdersLength)}
	}
	if strings.TrimFunc(s, isSpace) == "" {
		return nil, nil
	}
	var out Orders
	seen := make(map[int]bool) // schema indexes used so far
	off := 0
	for item := range strings.SplitSeq(s, ",") {
		o, i, err := parseOrder(s, off, item, schema)
		if err != nil {
			return nil, err
		}
		if seen[i] {
			lead := len(item) - len(strings.TrimLeftFunc(item, isSpace))
			return nil, &FieldError{Param: paramOrders, Input: s, Offset: off + lead, Field: strings.Fields(item)[0],
				Msg: fmt.Sprintf("field %s appears more than once", o.Field)}
		}
		seen[i] = true
		out = append(out, o)
		off += len(item) + 1
	}
	return out, nil
}

// parseOrder parses one item of an Orders value, found at offset off of s.
// It returns the order and the field's schema index.
func parseOrder(s string, off int, item string, schema *Schema) (Order, int, error) {
	synErr := func(at int, format string, args ...any) error {
		return &SyntaxError{Param: paramOrders, Input: s, Offset: off + at, Msg: fmt.Sprintf(format, args...)}
	}
	words, pos := splitWords(item)
	switch {
	case len(words) == 0:
		return Order{}, 0, synErr(len(item), "empty item (items are separated by \",\")")
	case len(words) > 2:
		return Order{}, 0, synErr(pos[2], "unexpected %q; an item is a field name optionally followed by ASC or DESC", words[2])
	}
	if !validFieldName(words[0]) {
		return Order{}, 0, synErr(pos[0], "malformed field name %q", words[0])
	}
	i, ok := schema.lookup(words[0])
	if !ok {
		return Order{}, 0, schema.unknownField(paramOrders, s, off+pos[0], words[0])
	}
	f := schema.fields[i]
	o := Order{Field: f.Name, Type: f.Type, Path: slices.Clone(f.Path)}
	if len(words) == 2 {
		switch strings.ToUpper(words[1]) {
		case "ASC":
		case "DESC":
			o.Desc = true
		default:
			return Order{}, 0, synErr(pos[1], "unknown direction %q; use ASC or DESC", words[1])
		}
	}
	return o, i, nil
}

// splitWords splits s at white space and returns the words and their
// offsets in s.
func splitWords(s string) (words []string, pos []int) {
	start := -1
	for i, r := range s + " " {
		switch {
		case isSpace(r) && start >= 0:
			words, pos = append(words, s[start:i]), append(pos, start)
			start = -1
		case !isSpace(r) && start < 0:
			start = i
		}
	}
	return words, pos
}

// Sort sorts items stably by the orders, reading each item's JSON document
// through doc. Each document is read once per order key, before sorting.
// Text compares case-insensitively, and a missing, null or unparsable value
// sorts first in ascending order and last in descending order, as in SQL
// Server. Items equal on every key keep their relative order.
func Sort[T any](items []T, by Orders, doc func(T) []byte) {
	n, k := len(items), len(by)
	if n < 2 || k == 0 {
		return
	}
	paths := make([]string, k)
	types := make([]Type, k)
	for j, o := range by {
		paths[j], types[j] = orderPath(o), o.Type
		if types[j] == 0 {
			types[j] = TypeString
		}
	}
	keys := make([]sortKey, n*k) // keys[i*k+j]: key j of item i
	for i, it := range items {
		d := doc(it)
		for j := range by {
			s, ok := readScalar(gjson.GetBytes(d, paths[j]), types[j])
			if ok && types[j] == TypeString {
				s.s = foldString(s.s)
			}
			keys[i*k+j] = sortKey{v: s, ok: ok}
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		for j, o := range by {
			ka, kb := keys[a*k+j], keys[b*k+j]
			d := compareKeys(types[j], ka, kb)
			if o.Desc {
				d = -d
			}
			if d != 0 {
				return d
			}
		}
		return 0
	})
	sorted := make([]T, n)
	for i, from := range idx {
		sorted[i] = items[from]
	}
	copy(items, sorted)
}

// sortKey is one extracted sort value; ok is false for SQL NULL.
type sortKey struct {
	v  scalar
	ok bool
}

// compareKeys orders two keys, NULL first. Text keys are already folded.
func compareKeys(typ Type, a, b sortKey) int {
	switch {
	case !a.ok || !b.ok:
		return compareBools(a.ok, b.ok)
	case typ == TypeString:
		return strings.Compare(a.v.s, b.v.s)
	}
	return compareScalars(typ, a.v, b.v)
}

// orderPath builds the escaped gjson path of an order's value.
func orderPath(o Order) string {
	path := o.Path
	if path == nil {
		path = strings.Split(o.Field, ".")
	}
	esc := make([]string, len(path))
	for i, p := range path {
		esc[i] = gjson.Escape(p)
	}
	return strings.Join(esc, ".")
}
