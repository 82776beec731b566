package filter

import (
	"fmt"
	"strings"
)

// Limits on the input, so that a hostile filter cannot exhaust memory or
// the stack.
const (
	// MaxLength is the longest filter, in bytes, that Parse accepts.
	MaxLength = 16 << 10
	// MaxDepth is how deeply parentheses and "not" may nest.
	MaxDepth = 64
)

// Parse parses a filter and returns its syntax tree. It checks syntax only;
// Compile also checks fields, operators and value types against a Schema.
// Any error is a *SyntaxError.
func Parse(s string) (Expr, error) {
	return parse(s, MaxDepth)
}

// parser is a recursive-descent parser with one token of lookahead.
type parser struct {
	lex      lexer
	peeked   bool
	tok      token // lookahead token when peeked
	prev     token // last consumed token, for "after X" messages
	depth    int
	maxDepth int
}

// parseError carries a *SyntaxError through panics inside the parser.
type parseError struct{ err *SyntaxError }

func parse(s string, maxDepth int) (e Expr, err error) {
	if len(s) > MaxLength {
		return nil, &SyntaxError{Input: s, Offset: MaxLength, Msg: fmt.Sprintf("filter is %d bytes long; the limit is %d", len(s), MaxLength)}
	}
	p := &parser{lex: lexer{input: s}, maxDepth: maxDepth}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r) // a bug, such as a runtime.Error: crash loudly
			}
			e, err = nil, pe.err
		}
	}()
	return p.filter(), nil
}

// next consumes and returns the next token; an error token aborts parsing.
func (p *parser) next() token {
	t := p.peek()
	p.peeked = false
	p.prev = t
	return t
}

// peek returns the next token without consuming it.
func (p *parser) peek() token {
	if !p.peeked {
		p.tok = p.lex.nextToken()
		p.peeked = true
		if p.tok.kind == tokError {
			p.errorf(p.tok.pos, "%s", p.tok.val)
		}
	}
	return p.tok
}

// errorf aborts parsing with a syntax error at offset pos.
func (p *parser) errorf(pos int, format string, args ...any) {
	panic(parseError{&SyntaxError{Input: p.lex.input, Offset: pos, Msg: fmt.Sprintf(format, args...)}})
}

// unexpected aborts parsing because of token t; want, if not empty, says
// what was expected instead.
func (p *parser) unexpected(t token, want string) {
	msg := "unexpected " + t.String()
	if p.prev.kind != tokError { // tokError: nothing consumed yet
		msg += " after " + describePrev(p.prev)
	}
	if want != "" {
		msg += "; " + want
	}
	p.errorf(t.pos, "%s", msg)
}

// describePrev names the previous token in "after X" phrases.
func describePrev(t token) string {
	if t.kind == tokIdent {
		return fmt.Sprintf("%q", t.val)
	}
	return t.String()
}

// enter records one more level of nesting at offset pos.
func (p *parser) enter(pos int) {
	p.depth++
	if p.depth > p.maxDepth {
		p.errorf(pos, "filter is nested too deeply: more than %d levels of parentheses and \"not\"", p.maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// filter:
//
//	orExpr EOF
func (p *parser) filter() Expr {
	if t := p.peek(); t.kind == tokEOF {
		p.errorf(t.pos, "empty filter")
	}
	e := p.orExpr()
	switch t := p.peek(); t.kind {
	case tokEOF:
		return e
	case tokRParen:
		p.errorf(t.pos, `unexpected ")" without a matching "("`)
	default:
		p.unexpected(t, `join conditions with "and" or "or"`)
	}
	return nil
}

// orExpr:
//
//	andExpr ("or" andExpr)*
func (p *parser) orExpr() Expr {
	e := p.andExpr()
	if p.peek().kind != tokOr {
		return e
	}
	or := &Or{}
	or.Terms = appendOr(or.Terms, e)
	for p.peek().kind == tokOr {
		p.next()
		or.Terms = appendOr(or.Terms, p.andExpr())
	}
	return or
}

// andExpr:
//
//	unary ("and" unary)*
func (p *parser) andExpr() Expr {
	e := p.unary()
	if p.peek().kind != tokAnd {
		return e
	}
	and := &And{}
	and.Terms = appendAnd(and.Terms, e)
	for p.peek().kind == tokAnd {
		p.next()
		and.Terms = appendAnd(and.Terms, p.unary())
	}
	return and
}

// appendAnd appends e to terms, splicing in the terms of e when it is an
// *And itself (parentheses around an "and" inside an "and" are redundant).
func appendAnd(terms []Expr, e Expr) []Expr {
	if a, ok := e.(*And); ok {
		return append(terms, a.Terms...)
	}
	return append(terms, e)
}

// appendOr appends e to terms, splicing in the terms of e when it is an
// *Or itself.
func appendOr(terms []Expr, e Expr) []Expr {
	if o, ok := e.(*Or); ok {
		return append(terms, o.Terms...)
	}
	return append(terms, e)
}

// unary:
//
//	"not" unary | primary
func (p *parser) unary() Expr {
	t := p.peek()
	if t.kind != tokNot {
		return p.primary()
	}
	p.next()
	p.enter(t.pos)
	defer p.leave()
	return &Not{X: p.unary(), pos: t.pos}
}

// primary:
//
//	"(" orExpr ")" | "pr" field | comparison
func (p *parser) primary() Expr {
	switch t := p.peek(); t.kind {
	case tokLParen:
		p.next()
		p.enter(t.pos)
		e := p.orExpr()
		p.leave()
		if c := p.peek(); c.kind != tokRParen {
			p.unexpected(c, fmt.Sprintf(`want ")" to close "(" at offset %d`, t.pos))
		}
		p.next()
		return e
	case tokPr:
		p.next()
		f := p.field()
		return &Compare{Field: f.val, FieldPos: f.pos, Op: OpPr, OpPos: t.pos, pos: t.pos}
	}
	return p.comparison()
}

// field:
//
//	ident ("." ident)*
func (p *parser) field() token {
	t := p.peek()
	switch {
	case t.kind == tokIdent:
		return p.next()
	}
	p.unexpected(t, "want a field name")
	return token{}
}

// comparison:
//
//	field (cmpOp value | listOp list | "isnull" | "pr")
//
// cmpOp:
//
//	"eq" | "ne" | "gt" | "ge" | "lt" | "le" | "co" | "sw"
//
// listOp:
//
//	"in" | "ca"
func (p *parser) comparison() *Compare {
	f := p.field()
	t := p.peek()
	if !t.isOp() {
		if t.kind == tokIdent && keywords[strings.ToLower(t.val)] > tokOp {
			p.errorf(t.pos, "operator %q must be lowercase: %q", t.val, strings.ToLower(t.val))
		}
		p.unexpected(t, "want an operator: eq, ne, gt, ge, lt, le, co, sw, in, ca, isnull or pr")
	}
	p.next()
	c := &Compare{Field: f.val, FieldPos: f.pos, Op: t.op(), OpPos: t.pos, pos: f.pos}
	switch {
	case c.Op.isUnary():
	case c.Op.isList():
		c.Values = p.list()
	default:
		c.Values = []Value{p.value()}
	}
	return c
}

// list:
//
//	"(" value ("," value)* ")"
func (p *parser) list() []Value {
	if t := p.peek(); t.kind != tokLParen {
		p.unexpected(t, fmt.Sprintf("%s takes a parenthesised list such as (\"a\",\"b\")", p.prev))
	}
	p.next()
	if t := p.peek(); t.kind == tokRParen {
		p.errorf(t.pos, "empty list; give at least one value")
	}
	var vs []Value
	for {
		vs = append(vs, p.value())
		switch t := p.peek(); t.kind {
		case tokComma:
			p.next()
		case tokRParen:
			p.next()
			return vs
		default:
			p.unexpected(t, `want "," or ")" in the list`)
		}
	}
}

// value:
//
//	string | number | "true" | "false" | datetime
func (p *parser) value() Value {
	t := p.peek()
	switch t.kind {
	case tokString, tokNumber, tokDateTime, tokTrue, tokFalse:
		p.next()
	}
	switch t.kind {
	case tokString:
		return Value{Kind: ValueString, Text: t.val, Pos: t.pos}
	case tokNumber:
		return Value{Kind: ValueNumber, Text: t.val, Pos: t.pos}
	case tokDateTime:
		return Value{Kind: ValueDateTime, Text: t.val, Pos: t.pos}
	case tokTrue, tokFalse:
		return Value{Kind: ValueBool, Text: t.val, Pos: t.pos}
	case tokIdent:
		if t.val == "null" {
			p.errorf(t.pos, `unexpected word "null": there is no null literal; use "field isnull" or "pr field"`)
		}
		p.unexpected(t, fmt.Sprintf("strings must be double-quoted: %s", quote(t.val)))
	}
	p.unexpected(t, "want a value")
	return Value{}
}
