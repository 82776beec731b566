package filter

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Filter is a compiled filter: parsed, checked against a Schema and ready
// to Match documents. A Filter is immutable and safe for concurrent use.
type Filter struct {
	expr   Expr
	root   node
	schema *Schema // the schema compiled against; MatchRecord needs Records of it
}

// Compile parses s and checks it against schema: every field must be
// filterable, every operator allowed for its field, and every value of the
// field's type. Paths, folded strings, numbers and times are computed once
// here so that Match does no parsing. Errors are *SyntaxError or
// *FieldError; their text is meant to be shown to API users.
func Compile(s string, schema *Schema) (*Filter, error) {
	if schema == nil {
		return nil, fmt.Errorf("filter: Compile needs a schema")
	}
	e, err := Parse(s)
	if err != nil {
		return nil, err
	}
	c := checker{input: s, schema: schema}
	root, err := c.check(e)
	if err != nil {
		return nil, err
	}
	return &Filter{expr: e, root: root, schema: schema}, nil
}

// String returns the filter as canonical source.
func (f *Filter) String() string { return f.expr.String() }

// Expr returns the filter's syntax tree.
func (f *Filter) Expr() Expr { return f.expr }

// checker turns an Expr into evaluation nodes, validating it on the way.
type checker struct {
	input  string
	schema *Schema
}

func (c *checker) check(e Expr) (node, error) {
	switch e := e.(type) {
	case *And:
		ns, err := c.checkAll(e.Terms)
		return andNode(ns), err
	case *Or:
		ns, err := c.checkAll(e.Terms)
		return orNode(ns), err
	case *Not:
		n, err := c.check(e.X)
		return notNode{n}, err
	case *Compare:
		return c.compare(e)
	}
	return nil, fmt.Errorf("filter: unknown expression %T", e)
}

func (c *checker) checkAll(terms []Expr) ([]node, error) {
	ns := make([]node, len(terms))
	for i, t := range terms {
		n, err := c.check(t)
		if err != nil {
			return nil, err
		}
		ns[i] = n
	}
	return ns, nil
}

func (c *checker) errorf(pos int, e *Compare, op Op, format string, args ...any) error {
	return &FieldError{Input: c.input, Offset: pos, Field: e.Field, Op: op, Msg: fmt.Sprintf(format, args...)}
}

func (c *checker) compare(e *Compare) (node, error) {
	f, ok := c.schema.byName[e.Field]
	if !ok || len(f.Ops) == 0 {
		return nil, c.errorf(e.FieldPos, e, 0, "field %q is not filterable; filterable fields: %s", e.Field, c.schema.filterable())
	}
	if !f.allows(e.Op) {
		return nil, c.errorf(e.OpPos, e, e.Op, "field %q does not support operator %q; allowed operators: %s", e.Field, e.Op, f.opList())
	}
	idx := slices.IndexFunc(c.schema.fields, func(x field) bool { return x.Name == e.Field })
	n := &cmpNode{path: f.path, field: idx, op: e.Op, typ: f.Type, array: f.Array}
	for _, v := range e.Values {
		if err := n.addLiteral(v); err != nil {
			return nil, c.errorf(v.Pos, e, e.Op, "value %s is not %s for field %q%s", v, article(f.Type), e.Field, err.Error())
		}
	}
	n.pfx = prefixes(n.strs)
	return n, nil
}

// article returns the type name with its indefinite article.
func article(t Type) string {
	if t == TypeString {
		return "a string"
	}
	if t == TypeDateTime {
		return "a date-time"
	}
	return "a " + t.String()
}

// hintError is a hint appended to a type-mismatch message.
type hintError string

func (h hintError) Error() string { return string(h) }

// addLiteral converts v to the node's type and appends it.
func (n *cmpNode) addLiteral(v Value) error {
	switch n.typ {
	case TypeString:
		if v.Kind != ValueString {
			return hintError("; strings are double-quoted")
		}
		n.strs = append(n.strs, foldString(v.Text))
	case TypeBool:
		if v.Kind != ValueBool {
			return hintError("; use true or false")
		}
		n.bools = append(n.bools, v.Text == "true")
	case TypeNumber:
		if v.Kind != ValueNumber {
			return hintError("; numbers are written unquoted, such as 7 or -1.5")
		}
		x, err := strconv.ParseFloat(v.Text, 64)
		if err != nil {
			return hintError("; it is out of range")
		}
		n.nums = append(n.nums, x)
	case TypeDateTime:
		if v.Kind != ValueDateTime && v.Kind != ValueString {
			return hintError("; use RFC 3339 such as 2018-12-18T23:05:55Z")
		}
		t, err := time.Parse(time.RFC3339Nano, v.Text)
		if err != nil {
			return hintError("; use RFC 3339 such as 2018-12-18T23:05:55Z")
		}
		n.times = append(n.times, t)
	}
	return nil
}
