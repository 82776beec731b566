package agilenow

import (
	"fmt"
	"strings"
)

// Op is a comparison operator of a condition.
type Op uint8

// The operators, in the order the vendor lists them.
const (
	OpEq    Op = iota + 1 // =
	OpNe                  // <>
	OpGt                  // >
	OpGe                  // >=
	OpLt                  // <
	OpLe                  // <=
	OpIn                  // In
	OpNotIn               // NotIn
	OpLike                // Like
)

var opNames = [...]string{OpEq: "=", OpNe: "<>", OpGt: ">", OpGe: ">=", OpLt: "<", OpLe: "<=",
	OpIn: "In", OpNotIn: "NotIn", OpLike: "Like"}

// symOps maps each symbolic operator to its Op.
var symOps = map[string]Op{"=": OpEq, "<>": OpNe, ">": OpGt, ">=": OpGe, "<": OpLt, "<=": OpLe}

// opList ends every unknown-operator message.
const opList = "operators are =, <>, >, >=, <, <=, In, NotIn, Like"

// String returns the operator's canonical spelling: "=", "In", "NotIn", ...
func (o Op) String() string {
	if o >= OpEq && o <= OpLike {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// isList reports whether the operator takes a value list.
func (o Op) isList() bool { return o == OpIn || o == OpNotIn }

// Junction is the logical operator of a Logical node.
type Junction uint8

// The junctions. AND binds tighter than OR.
const (
	And Junction = iota + 1
	Or
)

// String returns "AND" or "OR".
func (j Junction) String() string {
	switch j {
	case And:
		return "AND"
	case Or:
		return "OR"
	}
	return fmt.Sprintf("Junction(%d)", uint8(j))
}

// Expr is a node of a parsed filter: *Condition or *Logical. The interface
// is sealed; String returns canonical source that parses back to an equal
// tree.
type Expr interface {
	String() string
	writeTo(b *strings.Builder, parent Junction)
}

// Value is one value of a condition, with its offset in the input.
type Value struct {
	Text string // trimmed, never empty, never contains ")"
	Pos  int    // 0-based byte offset in the input
}

// Condition is `Field Op Value`. For In and NotIn, Values holds the list
// items; for the other operators it holds exactly one value.
type Condition struct {
	Field    string  // as written, or canonical after CompileFilter
	FieldPos int     // 0-based byte offset of Field in the input
	Op       Op      // the operator
	OpPos    int     // 0-based byte offset of the operator in the input
	Values   []Value // one value, or the list items of In and NotIn
}

// Logical joins two or more terms with one junction. Parsing flattens
// nested groups of the same junction, so a Logical never holds a Logical
// with the same Op.
type Logical struct {
	Op    Junction // AND or OR
	Terms []Expr   // two or more operands, in input order
}

// String returns the condition in canonical form, e.g. `Id In 1;2`.
func (c *Condition) String() string {
	var b strings.Builder
	c.writeTo(&b, 0)
	return b.String()
}

func (c *Condition) writeTo(b *strings.Builder, parent Junction) {
	if parent != 0 {
		b.WriteByte('(')
	}
	b.WriteString(c.Field)
	b.WriteByte(' ')
	b.WriteString(c.Op.String())
	b.WriteByte(' ')
	for i, v := range c.Values {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(v.Text)
	}
	if parent != 0 {
		b.WriteByte(')')
	}
}

// String returns the expression in canonical form: each condition in
// parentheses, and an OR group inside an AND in parentheses.
func (l *Logical) String() string {
	var b strings.Builder
	l.writeTo(&b, 0)
	return b.String()
}

func (l *Logical) writeTo(b *strings.Builder, parent Junction) {
	group := parent == And && l.Op == Or
	if group {
		b.WriteByte('(')
	}
	for i, t := range l.Terms {
		if i > 0 {
			b.WriteByte(' ')
			b.WriteString(l.Op.String())
			b.WriteByte(' ')
		}
		t.writeTo(b, l.Op)
	}
	if group {
		b.WriteByte(')')
	}
}
