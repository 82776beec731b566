package filter

import (
	"cmp"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

// Match reports whether the JSON object doc satisfies the filter. doc is
// read, never retained or modified, and Match does not allocate for
// documents without escaped strings. A nil *Filter matches everything.
// doc should be valid JSON (validate once where documents are stored):
// like gjson, Match does not validate, but it never panics on bad input.
func (f *Filter) Match(doc []byte) bool {
	if f == nil {
		return true
	}
	// A string view of doc without copying; results are used only
	// during this call.
	return f.root.match(unsafe.String(unsafe.SliceData(doc), len(doc)))
}

// node is one compiled filter expression.
type node interface {
	match(doc string) bool
	// matchRecord is match on values extracted by Schema.Record; see
	// record.go. It must give the same answer as match on the document.
	matchRecord(r *Record) bool
	// matchValues is match on typed values; see values.go.
	matchValues(get Values) bool
}

type andNode []node

func (a andNode) match(doc string) bool {
	for _, n := range a {
		if !n.match(doc) {
			return false
		}
	}
	return true
}

type orNode []node

func (o orNode) match(doc string) bool {
	for _, n := range o {
		if n.match(doc) {
			return true
		}
	}
	return false
}

type notNode struct{ x node }

func (n notNode) match(doc string) bool { return !n.x.match(doc) }

// cmpNode is a compiled comparison. Exactly one literal slice is used,
// chosen by typ; strings are folded to lowercase.
type cmpNode struct {
	path  string
	field int // index of the field in the schema, for matchRecord
	op    Op
	typ   Type
	array bool
	strs  []string
	pfx   []uint64 // prefix8 of each of strs, for matchRecord
	nums  []float64
	bools []bool
	times []time.Time
}

// scalar is one document value converted to a field's type.
type scalar struct {
	s string
	f float64
	b bool
	t time.Time
}

// isNull reports whether r is missing or JSON null.
func isNull(r gjson.Result) bool { return !r.Exists() || r.Type == gjson.Null }

func (n *cmpNode) match(doc string) bool {
	r := gjson.Get(doc, n.path)
	switch n.op {
	case OpIsNull:
		return isNull(r)
	case OpPr:
		return !isNull(r)
	}
	if isNull(r) {
		return n.op == OpNe
	}
	if !n.array || !r.IsArray() {
		return n.holds(r)
	}
	switch n.op {
	case OpCa:
		for i := range n.len() {
			found := false
			r.ForEach(func(_, v gjson.Result) bool {
				x, ok := n.convert(v)
				found = ok && n.compare(x, OpEq, i)
				return !found
			})
			if !found {
				return false
			}
		}
		return true
	case OpNe:
		any := false
		r.ForEach(func(_, v gjson.Result) bool {
			any = n.anyEq(v)
			return !any
		})
		return !any
	}
	any := false
	r.ForEach(func(_, v gjson.Result) bool {
		any = n.holds(v)
		return !any
	})
	return any
}

// len returns the number of literals.
func (n *cmpNode) len() int {
	return max(len(n.strs), len(n.nums), len(n.bools), len(n.times))
}

// holds reports whether the single value v satisfies the comparison.
func (n *cmpNode) holds(v gjson.Result) bool { return n.holdsScalar(n.convert(v)) }

// anyEq reports whether v equals any literal.
func (n *cmpNode) anyEq(v gjson.Result) bool {
	x, ok := n.convert(v)
	return ok && n.anyEqScalar(x)
}

// holdsScalar reports whether a single value satisfies the comparison,
// given as converted to the node's type (ok false: it is of another).
func (n *cmpNode) holdsScalar(x scalar, ok bool) bool {
	switch n.op {
	case OpNe:
		return !ok || !n.anyEqScalar(x)
	case OpIn:
		return ok && n.anyEqScalar(x)
	case OpCa: // a scalar where an array was expected: a one-element array
		if !ok {
			return false
		}
		for i := range n.len() {
			if !n.compare(x, OpEq, i) {
				return false
			}
		}
		return true
	}
	return ok && n.compare(x, n.op, 0)
}

// anyEqScalar reports whether x equals any literal.
func (n *cmpNode) anyEqScalar(x scalar) bool {
	for i := range n.len() {
		if n.compare(x, OpEq, i) {
			return true
		}
	}
	return false
}

// convert reads v as the node's type; ok is false when v holds another
// JSON type or, for date-times, a string that is not RFC 3339.
func (n *cmpNode) convert(v gjson.Result) (x scalar, ok bool) {
	switch n.typ {
	case TypeString:
		return scalar{s: v.Str}, v.Type == gjson.String
	case TypeNumber:
		return scalar{f: v.Num}, v.Type == gjson.Number
	case TypeBool:
		return scalar{b: v.Type == gjson.True}, v.Type == gjson.True || v.Type == gjson.False
	case TypeDateTime:
		if v.Type != gjson.String {
			return x, false
		}
		t, err := time.Parse(time.RFC3339Nano, v.Str)
		return scalar{t: t}, err == nil
	}
	return x, false
}

// compare applies op to x and literal i. op is never ne, in, ca, isnull
// or pr here.
func (n *cmpNode) compare(x scalar, op Op, i int) bool {
	var c int
	switch n.typ {
	case TypeString:
		lit := n.strs[i]
		switch op {
		case OpEq:
			return equalFold(x.s, lit)
		case OpSw:
			return hasPrefixFold(x.s, lit)
		case OpCo:
			return containsFold(x.s, lit)
		}
		c = compareFold(x.s, lit)
	case TypeNumber:
		c = cmp.Compare(x.f, n.nums[i])
	case TypeBool:
		return op == OpEq && x.b == n.bools[i]
	case TypeDateTime:
		c = x.t.Compare(n.times[i])
	}
	return holds(op, c)
}

// holds reports whether a comparison result c (as cmp.Compare's) satisfies
// the ordering operator op.
func holds(op Op, c int) bool {
	switch op {
	case OpEq:
		return c == 0
	case OpGt:
		return c > 0
	case OpGe:
		return c >= 0
	case OpLt:
		return c < 0
	case OpLe:
		return c <= 0
	}
	return false
}
