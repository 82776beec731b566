package filter

import (
	"cmp"
	"math"
	"strings"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

// Record holds the values of every field of a Schema for one document,
// extracted once, for repeated MatchRecord and SortRecords calls: strings
// are stored as read and case-folded, numbers parsed, date-times parsed.
// MatchRecord and SortRecords then give exactly the answers of Match and
// Sort on the document, without scanning JSON or folding strings.
//
// A Record keeps no reference to the document it was made from. It is
// immutable and safe for concurrent use, and it may be copied (a store
// can hold it by value); the copies share their contents.
type Record struct {
	schema *Schema
	vals   []recValue // one per schema field, in schema order
	elems  []recValue // the elements of array values, referenced by vals
	raws   []string   // string values as read, referenced by vals and elems
}

// recKind says what a document held at a field's path.
type recKind uint8

const (
	recNull  recKind = iota // missing or JSON null
	recBad                  // present but not of the field's type (or a malformed date-time)
	recOK                   // a value of the field's type
	recArray                // a JSON array at an array field; its typed elements are in Record.elems
)

// recValue is one extracted value. The meaning of x and n depends on the
// field's type: a string keeps its folded form in s, the prefix8 of that
// in x, and in n the index of the string as read in Record.raws (which
// only sorting reads, to break ties); numbers keep their float64 bits in
// x; booleans are 0 or 1; date-times are Unix seconds in x and
// nanoseconds in n. For recArray, x is the index of the first element in
// Record.elems and n the number of elements.
type recValue struct {
	kind  recKind
	plain bool // a string equal to its folded form
	n     int32
	x     int64
	s     string
}

// prefix8 returns the first eight bytes of s as a big-endian number,
// padded with zero bytes. Where the prefixes of two strings differ, they
// order the strings as their bytes do; where they are equal, only strings
// longer than eight bytes, or of different lengths, can still differ.
func prefix8(s string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(s) {
			p |= uint64(s[i])
		}
	}
	return p
}

// prefixes returns the prefix8 of each string.
func prefixes(ss []string) []uint64 {
	out := make([]uint64, len(ss))
	for i, s := range ss {
		out[i] = prefix8(s)
	}
	return out
}

// Record extracts every field of the schema from the JSON document doc,
// reading each value exactly as Match and Sort would (the same gjson
// paths, types and conversions). doc is read, not retained. Like Match,
// Record does not validate doc and never panics on bad input. A nil
// Schema returns nil.
func (s *Schema) Record(doc []byte) *Record {
	if s == nil {
		return nil
	}
	js := unsafe.String(unsafe.SliceData(doc), len(doc))
	res := make([]gjson.Result, len(s.fields))
	size := 0
	for i := range s.fields {
		res[i] = gjson.Get(js, s.fields[i].path)
		// An upper bound for the string bytes, so that the arena is
		// normally allocated once: unescaping never lengthens much.
		size += len(res[i].Raw)
	}
	r := &Record{schema: s, vals: make([]recValue, len(s.fields))}
	a := arena{buf: make([]byte, 0, size)}
	for i := range s.fields {
		f := &s.fields[i]
		v := res[i]
		switch {
		case isNull(v):
			r.vals[i] = recValue{kind: recNull}
		case f.Array && v.IsArray():
			start := len(r.elems)
			v.ForEach(func(_, e gjson.Result) bool {
				if x := r.convert(f.Type, e, &a); x.kind == recOK {
					r.elems = append(r.elems, x)
				}
				return true
			})
			r.vals[i] = recValue{kind: recArray, x: int64(start), n: int32(len(r.elems) - start)}
		default:
			r.vals[i] = r.convert(f.Type, v, &a)
		}
	}
	return r
}

// convert reads v as a value of type typ, as cmpNode.convert and makeKey
// do; strings are copied into a and folded.
func (r *Record) convert(typ Type, v gjson.Result, a *arena) recValue {
	switch {
	case typ == TypeString && v.Type == gjson.String:
		raw := a.add(v.Str)
		folded := foldString(raw)
		r.raws = append(r.raws, raw)
		return recValue{kind: recOK, plain: raw == folded, n: int32(len(r.raws) - 1), x: int64(prefix8(folded)), s: folded}
	case typ == TypeNumber && v.Type == gjson.Number:
		return recValue{kind: recOK, x: int64(math.Float64bits(v.Num))}
	case typ == TypeBool && (v.Type == gjson.True || v.Type == gjson.False):
		if v.Type == gjson.True {
			return recValue{kind: recOK, x: 1}
		}
		return recValue{kind: recOK}
	case typ == TypeDateTime && v.Type == gjson.String:
		if t, err := time.Parse(time.RFC3339Nano, v.Str); err == nil {
			return recValue{kind: recOK, x: t.Unix(), n: int32(t.Nanosecond())}
		}
	}
	return recValue{kind: recBad}
}

// arena copies the strings of one Record into a shared buffer. Bytes
// once appended are never written again, so the strings stay valid when
// append moves the buffer.
type arena struct{ buf []byte }

func (a *arena) add(s string) string {
	if s == "" {
		return ""
	}
	start := len(a.buf)
	a.buf = append(a.buf, s...)
	return unsafe.String(&a.buf[start], len(s))
}

// compareTime orders the date-time (sec, nsec) against t, as Time.Compare.
func compareTime(sec int64, nsec int32, t time.Time) int {
	if c := cmp.Compare(sec, t.Unix()); c != 0 {
		return c
	}
	return cmp.Compare(int(nsec), t.Nanosecond())
}

// MatchRecord reports whether the document r was extracted from satisfies
// the filter: it gives the same answer as Match on that document. r must
// come from the Schema the filter was compiled against (Schema.Record);
// for a nil Record or one of another Schema, MatchRecord returns false. A
// nil *Filter matches everything. MatchRecord does not allocate.
func (f *Filter) MatchRecord(r *Record) bool {
	if f == nil {
		return true
	}
	if r == nil || r.schema != f.schema {
		return false
	}
	return f.root.matchRecord(r)
}

func (a andNode) matchRecord(r *Record) bool {
	for _, n := range a {
		if !n.matchRecord(r) {
			return false
		}
	}
	return true
}

func (o orNode) matchRecord(r *Record) bool {
	for _, n := range o {
		if n.matchRecord(r) {
			return true
		}
	}
	return false
}

func (n notNode) matchRecord(r *Record) bool { return !n.x.matchRecord(r) }

// matchRecord mirrors cmpNode.match step by step. Elements of an array
// that are not of the field's type were dropped by Schema.Record: they
// satisfy no comparison, so match never counts them either.
func (n *cmpNode) matchRecord(r *Record) bool {
	v := r.vals[n.field]
	switch n.op {
	case OpIsNull:
		return v.kind == recNull
	case OpPr:
		return v.kind != recNull
	}
	if v.kind == recNull {
		return n.op == OpNe
	}
	if v.kind != recArray {
		return n.holdsRecord(r, v)
	}
	elems := r.elems[v.x : v.x+int64(v.n)]
	switch n.op {
	case OpCa:
		for i := range n.len() {
			found := false
			for _, e := range elems {
				if found = n.compareRecord(r, e, OpEq, i); found {
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	case OpNe:
		for _, e := range elems {
			if n.anyEqRecord(r, e) {
				return false
			}
		}
		return true
	}
	for _, e := range elems {
		if n.holdsRecord(r, e) {
			return true
		}
	}
	return false
}

// holdsRecord is cmpNode.holds on an extracted scalar.
func (n *cmpNode) holdsRecord(r *Record, v recValue) bool {
	switch n.op {
	case OpNe:
		return !n.anyEqRecord(r, v)
	case OpIn:
		return n.anyEqRecord(r, v)
	case OpCa:
		if v.kind != recOK {
			return false
		}
		for i := range n.len() {
			if !n.compareRecord(r, v, OpEq, i) {
				return false
			}
		}
		return true
	}
	return v.kind == recOK && n.compareRecord(r, v, n.op, 0)
}

// anyEqRecord is cmpNode.anyEq on an extracted scalar.
func (n *cmpNode) anyEqRecord(r *Record, v recValue) bool {
	if v.kind != recOK {
		return false
	}
	for i := range n.len() {
		if n.compareRecord(r, v, OpEq, i) {
			return true
		}
	}
	return false
}

// compareRecord is cmpNode.compare on an extracted value of kind recOK.
// Both sides are folded, so plain byte operations replace the folding
// ones: foldString output is valid UTF-8, in which byte order is code
// point order and a match of a non-empty string starts on a rune
// boundary; and foldRune is idempotent, so folding the literal again (as
// compareFold does) changes nothing. The prefix8 of both sides decides
// most string comparisons without reading the document's string.
func (n *cmpNode) compareRecord(r *Record, v recValue, op Op, i int) bool {
	var c int
	switch n.typ {
	case TypeString:
		s, lit, p, lp := v.s, n.strs[i], uint64(v.x), n.pfx[i]
		switch op {
		case OpEq:
			return len(s) == len(lit) && p == lp && (len(lit) <= 8 || s[8:] == lit[8:])
		case OpSw:
			if len(lit) <= 8 {
				// The top len(lit) bytes; a shift by 64 gives the empty mask.
				mask := ^uint64(0) << (64 - 8*len(lit))
				return len(s) >= len(lit) && (p^lp)&mask == 0
			}
			return p == lp && strings.HasPrefix(s, lit)
		case OpCo:
			return strings.Contains(s, lit)
		}
		if c = cmp.Compare(p, lp); c == 0 {
			c = strings.Compare(s, lit)
		}
	case TypeNumber:
		c = cmp.Compare(math.Float64frombits(uint64(v.x)), n.nums[i])
	case TypeBool:
		return op == OpEq && (v.x == 1) == n.bools[i]
	case TypeDateTime:
		c = compareTime(v.x, v.n, n.times[i])
	}
	return holds(op, c)
}
