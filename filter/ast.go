package filter

import (
	"strconv"
	"strings"
)

// Op is a comparison operator of the filter language.
type Op uint8

// The operators, in the order of SailPoint's documentation table. Their
// String forms are the lowercase keywords.
const (
	OpEq     Op = iota + 1 // eq: equal
	OpNe                   // ne: not equal
	OpGt                   // gt: greater than
	OpGe                   // ge: greater than or equal
	OpLt                   // lt: less than
	OpLe                   // le: less than or equal
	OpCo                   // co: contains a substring (strings only)
	OpSw                   // sw: starts with (strings only)
	OpIn                   // in: equal to one of a parenthesised list
	OpCa                   // ca: an array field contains all listed values
	OpIsNull               // isnull: missing or null (postfix)
	OpPr                   // pr: present, not null (prefix or postfix)
)

var opNames = [...]string{
	OpEq: "eq", OpNe: "ne", OpGt: "gt", OpGe: "ge", OpLt: "lt", OpLe: "le",
	OpCo: "co", OpSw: "sw", OpIn: "in", OpCa: "ca", OpIsNull: "isnull", OpPr: "pr",
}

// String returns the operator's keyword, such as "eq" or "isnull", or
// "Op(N)" for a value that is not an operator.
func (o Op) String() string {
	if o.valid() {
		return opNames[o]
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

func (o Op) valid() bool { return o >= OpEq && o <= OpPr }

// isList reports whether the operator takes a parenthesised list.
func (o Op) isList() bool { return o == OpIn || o == OpCa }

// isUnary reports whether the operator takes no value.
func (o Op) isUnary() bool { return o == OpIsNull || o == OpPr }

// ValueKind is the lexical kind of a literal value in a filter.
type ValueKind uint8

// The kinds of literal values.
const (
	ValueString   ValueKind = iota + 1 // "double-quoted"
	ValueNumber                        // 7, -1.5
	ValueBool                          // true, false
	ValueDateTime                      // 2018-12-18T23:05:55Z
)

// Value is one literal of a comparison as written in the filter.
type Value struct {
	Kind ValueKind
	// Text is the decoded content for a string, and the source text for
	// the other kinds ("7", "true", "2018-12-18T23:05:55Z").
	Text string
	Pos  int // byte offset of the literal in the input
}

// String returns the value as canonical source text.
func (v Value) String() string {
	if v.Kind == ValueString {
		return quote(v.Text)
	}
	return v.Text
}

// Expr is a parsed filter expression: one of *Compare, *Not, *And or *Or.
// The interface is sealed. String returns canonical source, which parses
// back to an Expr with the same String.
type Expr interface {
	String() string
	// writeTo appends canonical source; prec is the binding strength of the
	// context, so lower-precedence nodes add parentheses.
	writeTo(b *strings.Builder, prec int)
	// Pos returns the byte offset of the expression in the input.
	Pos() int
}

// Precedences used for printing: or < and < not < comparison.
const (
	precOr = iota + 1
	precAnd
	precNot
)

// Compare is a single comparison such as `name eq "x"`, `id in ("a","b")`,
// `lastUsed isnull` or `pr attributes`.
type Compare struct {
	Field    string
	FieldPos int // byte offset of the field name
	Op       Op
	OpPos    int     // byte offset of the operator keyword
	Values   []Value // one for single-value operators, one or more for in/ca, none for isnull/pr
	pos      int
}

// Not negates an expression.
type Not struct {
	X   Expr
	pos int
}

// And is true when every term is true. It has at least two terms; nested
// "and" expressions are flattened into it.
type And struct {
	Terms []Expr
}

// Or is true when any term is true. It has at least two terms; nested "or"
// expressions are flattened into it.
type Or struct {
	Terms []Expr
}

// Pos returns the byte offset of the comparison in the input.
func (c *Compare) Pos() int { return c.pos }

// Pos returns the byte offset of the "not" keyword.
func (n *Not) Pos() int { return n.pos }

// Pos returns the byte offset of the first term.
func (a *And) Pos() int { return a.Terms[0].Pos() }

// Pos returns the byte offset of the first term.
func (o *Or) Pos() int { return o.Terms[0].Pos() }

// String returns canonical source for the comparison.
func (c *Compare) String() string { return exprString(c) }

// String returns canonical source for the negation.
func (n *Not) String() string { return exprString(n) }

// String returns canonical source for the conjunction.
func (a *And) String() string { return exprString(a) }

// String returns canonical source for the disjunction.
func (o *Or) String() string { return exprString(o) }

func exprString(e Expr) string {
	var b strings.Builder
	e.writeTo(&b, 0)
	return b.String()
}

func (c *Compare) writeTo(b *strings.Builder, _ int) {
	switch {
	case c.Op == OpPr:
		b.WriteString("pr ")
		b.WriteString(c.Field)
	case c.Op == OpIsNull:
		b.WriteString(c.Field)
		b.WriteString(" isnull")
	case c.Op.isList():
		b.WriteString(c.Field)
		b.WriteByte(' ')
		b.WriteString(c.Op.String())
		b.WriteString(" (")
		for i, v := range c.Values {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(v.String())
		}
		b.WriteByte(')')
	default:
		b.WriteString(c.Field)
		b.WriteByte(' ')
		b.WriteString(c.Op.String())
		b.WriteByte(' ')
		if len(c.Values) > 0 {
			b.WriteString(c.Values[0].String())
		}
	}
}

func (n *Not) writeTo(b *strings.Builder, _ int) {
	b.WriteString("not ")
	n.X.writeTo(b, precNot)
}

func (a *And) writeTo(b *strings.Builder, prec int) { writeTerms(b, a.Terms, " and ", precAnd, prec) }

func (o *Or) writeTo(b *strings.Builder, prec int) { writeTerms(b, o.Terms, " or ", precOr, prec) }

func writeTerms(b *strings.Builder, terms []Expr, sep string, own, ctx int) {
	paren := ctx > own
	if paren {
		b.WriteByte('(')
	}
	for i, t := range terms {
		if i > 0 {
			b.WriteString(sep)
		}
		t.writeTo(b, own)
	}
	if paren {
		b.WriteByte(')')
	}
}

// quote returns s in double quotes, escaping only '"' and '\'.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
