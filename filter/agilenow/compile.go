package agilenow

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// Filter is a compiled Filters value, checked against a schema and ready to
// match stored documents. A Filter is immutable and safe for concurrent use.
type Filter struct {
	expr Expr    // canonical tree: field names as the schema spells them; nil matches all
	m    matcher // nil matches all
}

// matcher is a compiled node of a filter.
type matcher interface {
	match(doc []byte) bool
}

// CompileFilter parses s and checks it against schema: every field must be
// in the schema, every operator must apply to the field's type, and every
// value must parse as that type. An empty or blank s gives a Filter that
// matches every document. Errors are *SyntaxError or *FieldError.
func CompileFilter(s string, schema *Schema) (*Filter, error) {
	e, err := ParseFilter(s)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return &Filter{}, nil
	}
	c := compiler{input: s, schema: schema}
	canon, m, err := c.compile(e)
	if err != nil {
		return nil, err
	}
	return &Filter{expr: canon, m: m}, nil
}

// Match reports whether the JSON document doc satisfies the filter. doc
// must be valid JSON; a value that is missing, null, or not of the field's
// type satisfies no condition, as SQL NULL does (not even <> or NotIn).
func (f *Filter) Match(doc []byte) bool {
	return f.m == nil || f.m.match(doc)
}

// String returns the filter in canonical source form, with field names as
// the schema spells them; "" for a filter that matches everything.
func (f *Filter) String() string {
	if f.expr == nil {
		return ""
	}
	return f.expr.String()
}

// Expr returns the canonical tree of the filter, or nil for a filter that
// matches everything. The tree is shared and must not be modified.
func (f *Filter) Expr() Expr { return f.expr }

// compiler checks a tree against a schema and builds its matcher.
type compiler struct {
	input  string
	schema *Schema
}

func (c *compiler) fieldErr(off int, field, format string, args ...any) error {
	return &FieldError{Param: paramFilters, Input: c.input, Offset: off, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// compile returns a canonical copy of e and its matcher.
func (c *compiler) compile(e Expr) (Expr, matcher, error) {
	switch e := e.(type) {
	case *Condition:
		return c.condition(e)
	case *Logical:
		out := &Logical{Op: e.Op, Terms: make([]Expr, len(e.Terms))}
		ms := make([]matcher, len(e.Terms))
		for i, t := range e.Terms {
			var err error
			if out.Terms[i], ms[i], err = c.compile(t); err != nil {
				return nil, nil, err
			}
		}
		if e.Op == And {
			return out, allOf(ms), nil
		}
		return out, anyOf(ms), nil
	}
	return nil, nil, fmt.Errorf("agilenow: unknown node %T", e)
}

// condition compiles one comparison.
func (c *compiler) condition(e *Condition) (Expr, matcher, error) {
	i, ok := c.schema.lookup(e.Field)
	if !ok {
		return nil, nil, c.schema.unknownField(paramFilters, c.input, e.FieldPos, e.Field)
	}
	f := c.schema.fields[i]
	switch {
	case e.Op == OpLike && f.Type != TypeString:
		return nil, nil, c.fieldErr(e.OpPos, e.Field, "operator Like applies only to text fields; %s is a %s field", f.Name, f.Type)
	case f.Type == TypeBool && e.Op != OpEq && e.Op != OpNe && !e.Op.isList():
		return nil, nil, c.fieldErr(e.OpPos, e.Field, "operator %s does not apply to boolean field %s; use =, <>, In or NotIn", e.Op, f.Name)
	}
	m := &condMatcher{path: c.schema.paths[i], typ: f.Type, op: e.Op}
	for _, v := range e.Values {
		if f.Type == TypeString {
			m.want = append(m.want, scalar{s: v.Text})
			continue
		}
		s, ok := readScalar(gjson.Result{Type: gjson.String, Str: v.Text}, f.Type)
		if !ok {
			return nil, nil, c.fieldErr(v.Pos, e.Field, "value %q is not %s, as field %s requires", v.Text, typeHint[f.Type], f.Name)
		}
		m.want = append(m.want, s)
	}
	if e.Op == OpLike {
		m.like = compileLike(e.Values[0].Text)
	}
	out := *e
	out.Field = f.Name
	out.Values = append([]Value(nil), e.Values...)
	return &out, m, nil
}

// typeHint describes the accepted value syntax of each type.
var typeHint = [...]string{
	TypeNumber:   "a number",
	TypeBool:     "a boolean (true, false, 1 or 0)",
	TypeDateTime: "a date (YYYY-MM-DD) or date-time (RFC 3339)",
}

// allOf matches when every matcher does.
type allOf []matcher

func (ms allOf) match(doc []byte) bool {
	for _, m := range ms {
		if !m.match(doc) {
			return false
		}
	}
	return true
}

// anyOf matches when at least one matcher does.
type anyOf []matcher

func (ms anyOf) match(doc []byte) bool {
	for _, m := range ms {
		if m.match(doc) {
			return true
		}
	}
	return false
}

// condMatcher is a compiled condition.
type condMatcher struct {
	path string // gjson path, escaped
	typ  Type
	op   Op
	want []scalar     // the values, parsed as typ
	like *likePattern // for OpLike
}

func (m *condMatcher) match(doc []byte) bool {
	got, ok := readScalar(gjson.GetBytes(doc, m.path), m.typ)
	if !ok {
		return false
	}
	switch m.op {
	case OpLike:
		return m.like.match(got.s)
	case OpIn, OpNotIn:
		in := false
		for _, w := range m.want {
			if compareScalars(m.typ, got, w) == 0 {
				in = true
				break
			}
		}
		return in == (m.op == OpIn)
	}
	d := compareScalars(m.typ, got, m.want[0])
	switch m.op {
	case OpEq:
		return d == 0
	case OpNe:
		return d != 0
	case OpGt:
		return d > 0
	case OpGe:
		return d >= 0
	case OpLt:
		return d < 0
	case OpLe:
		return d <= 0
	}
	return false
}
