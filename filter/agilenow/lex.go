package agilenow

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The lexer follows Rob Pike's design (text/template/parse): state
// functions driven synchronously by nextToken, no goroutine. The Filters
// language is context-sensitive (a value is raw text up to ")"), so the
// current state survives between calls: after an operator the lexer is in
// lexValue, after a value or ")" in lexAfter, elsewhere in lexTerm.

// stateFn is one state of the lexer; it returns the next state, or nil
// once it has set l.tok.
type stateFn func(*lexer) stateFn

// lexer holds the scanning state.
type lexer struct {
	input string
	start int     // start of the current token
	pos   int     // current position
	state stateFn // state to resume in on the next call
	tok   token   // the token produced by the last state
}

const eof = -1

func newLexer(input string) *lexer {
	return &lexer{input: input, state: lexTerm}
}

// nextToken returns the next token. After tEOF or tError it keeps
// returning tEOF.
func (l *lexer) nextToken() token {
	if l.state == nil {
		return token{kind: tEOF, pos: len(l.input), val: "EOF"}
	}
	for {
		next := l.state(l)
		if next == nil {
			return l.tok
		}
		l.state = next
	}
}

// next consumes and returns the next rune, or eof.
func (l *lexer) next() rune {
	if l.pos >= len(l.input) {
		return eof
	}
	r, w := utf8.DecodeRuneInString(l.input[l.pos:])
	l.pos += w
	return r
}

// peek returns the next rune without consuming it.
func (l *lexer) peek() rune {
	if l.pos >= len(l.input) {
		return eof
	}
	r, _ := utf8.DecodeRuneInString(l.input[l.pos:])
	return r
}

// acceptRun consumes runes while valid reports true.
func (l *lexer) acceptRun(valid func(rune) bool) {
	for {
		r := l.peek()
		if r == eof || !valid(r) {
			return
		}
		l.next()
	}
}

// ignore skips the pending input.
func (l *lexer) ignore() { l.start = l.pos }

// skipSpace consumes and ignores white space.
func (l *lexer) skipSpace() {
	l.acceptRun(isSpace)
	l.ignore()
}

// emit produces a token of kind k from the pending input and sets the state
// for the next call. It returns nil so a state can `return l.emit(...)`.
func (l *lexer) emit(k kind, next stateFn) stateFn {
	l.tok = token{kind: k, pos: l.start, val: l.input[l.start:l.pos]}
	l.start = l.pos
	l.state = next
	return nil
}

// errorf produces an error token at offset pos and stops the lexer.
func (l *lexer) errorf(pos int, format string, args ...any) stateFn {
	l.tok = token{kind: tError, pos: pos, val: fmt.Sprintf(format, args...)}
	l.state = nil
	return nil
}

// lexTerm scans where a condition or "(" may start.
func lexTerm(l *lexer) stateFn {
	l.skipSpace()
	switch r := l.peek(); {
	case r == eof:
		return l.emit(tEOF, nil)
	case r == '(':
		l.next()
		return l.emit(tLParen, lexTerm)
	case r == ')':
		l.next()
		return l.emit(tRParen, lexAfter)
	case isFieldRune(r) || r == '.':
		return lexField
	default:
		return l.errorf(l.pos, "unexpected %s; expected a field name or \"(\"", quoteRune(r))
	}
}

// lexField scans a field name: segments of letters, digits and "_"
// separated by ".".
func lexField(l *lexer) stateFn {
	l.acceptRun(func(r rune) bool { return isFieldRune(r) || r == '.' })
	name := l.input[l.start:l.pos]
	if !validFieldName(name) {
		return l.errorf(l.start, "malformed field name %q", name)
	}
	return l.emit(tField, lexOperator)
}

// lexOperator scans the operator after a field: a run of = < > ! or a word.
func lexOperator(l *lexer) stateFn {
	l.skipSpace()
	switch r := l.peek(); {
	case isSymOpRune(r):
		l.acceptRun(isSymOpRune)
		if _, ok := symOps[l.input[l.start:l.pos]]; !ok {
			return l.errorf(l.start, "unknown operator %q; %s", l.input[l.start:l.pos], opList)
		}
		return l.emit(tSymOp, lexValue)
	case isFieldRune(r):
		l.acceptRun(isFieldRune)
		word := l.input[l.start:l.pos]
		k := keywords[strings.ToLower(word)]
		if k != tIn && k != tNotIn && k != tLike {
			return l.errorf(l.start, "unknown operator %q; %s", word, opList)
		}
		if r := l.peek(); r != eof && r != ')' && !isSpace(r) {
			l.acceptRun(func(r rune) bool { return !isSpace(r) && r != ')' })
			return l.errorf(l.start, "unknown operator %q; %s", l.input[l.start:l.pos], opList)
		}
		return l.emit(k, lexValue)
	default: // the field token is still in l.tok
		return l.errorf(l.pos, "missing operator after field %q; %s", l.tok.val, opList)
	}
}

// lexValue scans the raw value: everything up to ")" or the end of input,
// without the white space around it. The value may be empty.
func lexValue(l *lexer) stateFn {
	l.skipSpace()
	end := strings.IndexByte(l.input[l.pos:], ')')
	if end < 0 {
		end = len(l.input)
	} else {
		end += l.pos
	}
	l.pos = l.start + len(strings.TrimRightFunc(l.input[l.start:end], isSpace))
	l.emit(tValue, lexAfter)
	l.pos = end
	l.start = end
	return nil
}

// lexAfter scans after a value or ")": ")", a connective, or the end.
func lexAfter(l *lexer) stateFn {
	l.skipSpace()
	switch r := l.peek(); {
	case r == eof:
		return l.emit(tEOF, nil)
	case r == ')':
		l.next()
		return l.emit(tRParen, lexAfter)
	case r == '(':
		l.next()
		return l.emit(tLParen, lexTerm)
	case isFieldRune(r):
		l.acceptRun(isFieldRune)
		switch k := keywords[strings.ToLower(l.input[l.start:l.pos])]; k {
		case tAnd, tOr:
			return l.emit(k, lexTerm)
		}
		return l.emit(tWord, lexTerm)
	default:
		return l.errorf(l.pos, "unexpected %s; expected AND, OR or \")\"", quoteRune(r))
	}
}

// isSpace reports whether r is white space between tokens.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

// isSymOpRune reports whether r can be part of a symbolic operator.
func isSymOpRune(r rune) bool {
	return r == '=' || r == '<' || r == '>' || r == '!'
}

// quoteRune quotes r for an error message.
func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "invalid UTF-8"
	}
	return fmt.Sprintf("%q", string(r))
}
