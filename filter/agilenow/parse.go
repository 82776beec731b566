package agilenow

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxDepth caps the nesting of parentheses in a filter.
const maxDepth = 32

// Limits on a query, so that no request can make a server work without
// bound: each is a *SyntaxError naming the limit.
const (
	// MaxFilterLength is the longest Filters value, in bytes.
	MaxFilterLength = 16 << 10
	// MaxConditions is how many conditions a Filters value may hold.
	MaxConditions = 64
	// MaxOrdersLength and MaxFieldsLength are the longest Orders and
	// Fields values, in bytes.
	MaxOrdersLength = 1 << 10
	MaxFieldsLength = 1 << 10
)

// parser is a recursive-descent parser over the lexer's tokens with one
// token of lookahead.
type parser struct {
	input  string
	lex    *lexer
	peeked *token
	depth  int
	conds  int // conditions so far
}

// ParseFilter parses a Filters value and returns its tree. It checks
// syntax only; CompileFilter also checks fields and values against a
// schema. An empty or blank s yields a nil Expr and a nil error. Every
// error is a *SyntaxError whose offset points into s.
func ParseFilter(s string) (e Expr, err error) {
	if len(s) > MaxFilterLength {
		return nil, &SyntaxError{Param: paramFilters, Input: s, Offset: MaxFilterLength,
			Msg: fmt.Sprintf("the value is %d bytes long; the limit is %d", len(s), MaxFilterLength)}
	}
	p := &parser{input: s, lex: newLexer(s)}
	defer p.recover(&err)
	return p.filter(), nil
}

// recover turns a parser panic carrying a *SyntaxError into an error;
// any other panic is a bug and goes on.
func (p *parser) recover(errp *error) {
	if r := recover(); r != nil {
		se, ok := r.(*SyntaxError)
		if !ok {
			panic(r)
		}
		*errp = se
	}
}

// errorf stops parsing with a syntax error at offset pos.
func (p *parser) errorf(pos int, format string, args ...any) {
	panic(&SyntaxError{Param: paramFilters, Input: p.input, Offset: pos, Msg: fmt.Sprintf(format, args...)})
}

// next returns the next token, turning a lexer error into a syntax error.
func (p *parser) next() token {
	var t token
	if p.peeked != nil {
		t, p.peeked = *p.peeked, nil
	} else {
		t = p.lex.nextToken()
	}
	if t.kind == tError {
		p.errorf(t.pos, "%s", t.val)
	}
	return t
}

// peek returns the next token without consuming it.
func (p *parser) peek() token {
	if p.peeked == nil {
		t := p.next()
		p.peeked = &t
	}
	return *p.peeked
}

// unexpected stops parsing at t, saying what was expected instead.
func (p *parser) unexpected(t token, expected string) {
	if t.kind == tRParen {
		p.errorf(t.pos, "unexpected \")\" with no matching \"(\" (a value cannot contain \")\"); expected %s", expected)
	}
	p.errorf(t.pos, "unexpected %s; expected %s", t, expected)
}

// filter:
//
//	[ condition | orExpr ] EOF
func (p *parser) filter() Expr {
	var e Expr
	switch t := p.peek(); t.kind {
	case tEOF:
		return nil
	case tLParen:
		e = p.orExpr()
	case tField:
		e = p.condition()
	default:
		p.unexpected(t, "a field name or \"(\"")
	}
	// A bare condition's value runs to ")" or the end, so only ")" can
	// follow it here; after a group, AND and OR were consumed by orExpr.
	if t := p.next(); t.kind != tEOF {
		p.unexpected(t, "AND, OR or end of input")
	}
	return e
}

// orExpr:
//
//	andExpr { "OR" andExpr }
func (p *parser) orExpr() Expr {
	return p.junction(Or, p.andExpr)
}

// andExpr:
//
//	group { "AND" group }
func (p *parser) andExpr() Expr {
	return p.junction(And, p.group)
}

// junction parses operand { op operand }, flattening operands that are
// themselves groups joined by op.
func (p *parser) junction(op Junction, operand func() Expr) Expr {
	kw := tAnd
	if op == Or {
		kw = tOr
	}
	var terms []Expr
	for {
		e := operand()
		if l, ok := e.(*Logical); ok && l.Op == op {
			terms = append(terms, l.Terms...)
		} else {
			terms = append(terms, e)
		}
		if p.peek().kind != kw {
			break
		}
		p.next()
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return &Logical{Op: op, Terms: terms}
}

// group:
//
//	"(" ( condition | orExpr ) ")"
func (p *parser) group() Expr {
	open := p.next()
	if open.kind != tLParen {
		p.unexpected(open, "\"(\"; conditions joined by AND or OR must be in parentheses")
	}
	p.depth++
	if p.depth > maxDepth {
		p.errorf(open.pos, "parentheses nested deeper than %d", maxDepth)
	}
	var e Expr
	expected := "\")\""
	switch t := p.peek(); t.kind {
	case tLParen:
		e = p.orExpr()
		expected = "AND, OR or \")\""
	case tField:
		e = p.condition()
	default:
		p.unexpected(t, "a field name or \"(\"")
	}
	if t := p.next(); t.kind != tRParen {
		p.unexpected(t, expected)
	}
	p.depth--
	return e
}

// condition:
//
//	field operator value
//	operator = "=" | "<>" | ">" | ">=" | "<" | "<=" | "In" | "NotIn" | "Like"
func (p *parser) condition() *Condition {
	f := p.next() // the caller has peeked a tField
	if p.conds++; p.conds > MaxConditions {
		p.errorf(f.pos, "more than %d conditions; the limit is %d", MaxConditions, MaxConditions)
	}
	o := p.next() // the lexer only produces an operator after a field
	c := &Condition{Field: f.val, FieldPos: f.pos, OpPos: o.pos}
	switch o.kind {
	case tSymOp:
		c.Op = symOps[o.val]
	case tIn:
		c.Op = OpIn
	case tNotIn:
		c.Op = OpNotIn
	case tLike:
		c.Op = OpLike
	default:
		p.unexpected(o, "an operator")
	}
	v := p.next()
	if v.kind != tValue {
		p.unexpected(v, "a value")
	}
	if v.val == "" {
		p.errorf(v.pos, "missing value after \"%s %s\"", c.Field, c.Op)
	}
	if n := utf8.RuneCountInString(v.val); c.Op == OpLike && n > MaxLikeLength {
		p.errorf(v.pos, "the Like pattern is %d characters long; the limit is %d", n, MaxLikeLength)
	}
	if c.Op.isList() {
		c.Values = p.list(v, c.Op)
	} else {
		c.Values = []Value{{Text: v.val, Pos: v.pos}}
	}
	return c
}

// list splits the value of In or NotIn into items:
//
//	item { sep item }
//	sep = ";" if the value contains one, else ","
func (p *parser) list(v token, op Op) []Value {
	sep := ";"
	if !strings.Contains(v.val, sep) {
		sep = ","
	}
	var items []Value
	off := 0
	for part := range strings.SplitSeq(v.val, sep) {
		lead := len(part) - len(strings.TrimLeftFunc(part, isSpace))
		text := strings.TrimFunc(part, isSpace)
		if text == "" {
			p.errorf(v.pos+off+lead, "empty item in %s list (items are separated by %q)", op, sep)
		}
		items = append(items, Value{Text: text, Pos: v.pos + off + lead})
		off += len(part) + len(sep)
	}
	return items
}
