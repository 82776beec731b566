package filter

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

const eof = -1

// lexer is a Pike-style state-function scanner driven synchronously by
// nextToken: no goroutine, no channel.
type lexer struct {
	input string
	start int   // start of the current token
	pos   int   // current position
	width int   // width of the last rune read, for backup
	tok   token // token being produced; set by emit or errorf
}

// stateFn is one state of the lexer; it returns the next state, or nil once
// a token has been produced.
type stateFn func(*lexer) stateFn

// nextToken returns the next token of the input. After an error token or
// EOF it keeps returning EOF-positioned tokens of the same kind.
func (l *lexer) nextToken() token {
	l.tok = token{tokEOF, len(l.input), ""}
	state := lexAny
	for {
		state = state(l)
		if state == nil {
			return l.tok
		}
	}
}

// next consumes and returns the next rune, or eof.
func (l *lexer) next() rune {
	if l.pos >= len(l.input) {
		l.width = 0
		return eof
	}
	r, w := utf8.DecodeRuneInString(l.input[l.pos:])
	l.width = w
	l.pos += w
	return r
}

// peek returns the next rune without consuming it.
func (l *lexer) peek() rune {
	r := l.next()
	l.backup()
	return r
}

// backup steps back one rune; it may be called once per call of next.
func (l *lexer) backup() { l.pos -= l.width }

// accept consumes the next rune if it is in valid.
func (l *lexer) accept(valid string) bool {
	if strings.ContainsRune(valid, l.next()) {
		return true
	}
	l.backup()
	return false
}

// acceptRun consumes a run of runes from valid.
func (l *lexer) acceptRun(valid string) {
	for strings.ContainsRune(valid, l.next()) {
	}
	l.backup()
}

// emit produces a token of kind k with the given value and stops the
// state machine.
func (l *lexer) emit(k kind, val string) stateFn {
	l.tok = token{k, l.start, val}
	l.start = l.pos
	return nil
}

// errorf produces an error token at offset pos and stops the state machine.
func (l *lexer) errorf(pos int, format string, args ...any) stateFn {
	l.tok = token{tokError, pos, fmt.Sprintf(format, args...)}
	return nil
}

const (
	digits     = "0123456789"
	identStart = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
	identChars = identStart + digits
	// literalChars may appear in a number or a date-time; the lexer takes the
	// longest such run so that "7x" or "2018-12-18" are rejected as a whole.
	literalChars = identChars + ".:+-"
)

// isSpace reports whether r is white space between tokens.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// lexAny skips white space and dispatches on the first rune of a token.
func lexAny(l *lexer) stateFn {
	for isSpace(l.peek()) {
		l.next()
	}
	l.start = l.pos
	switch r := l.next(); {
	case r == eof:
		return l.emit(tokEOF, "")
	case r == '(':
		return l.emit(tokLParen, "(")
	case r == ')':
		return l.emit(tokRParen, ")")
	case r == ',':
		return l.emit(tokComma, ",")
	case r == '"':
		return lexString
	case r == '-' || ('0' <= r && r <= '9'):
		return lexLiteral
	case strings.ContainsRune(identStart, r):
		return lexIdent
	case r == utf8.RuneError && l.width == 1:
		return l.errorf(l.start, "invalid UTF-8 byte %#x", l.input[l.start])
	default:
		return l.errorf(l.start, "unexpected character %q", r)
	}
}

// lexString scans a double-quoted string whose opening quote has been
// consumed. Only \" and \\ are escapes.
func lexString(l *lexer) stateFn {
	var b strings.Builder
	from := l.pos // start of the pending run of plain text
	for {
		switch l.next() {
		case eof:
			return l.errorf(l.start, "unterminated string")
		case '"':
			if from == l.start+1 && b.Len() == 0 {
				return l.emit(tokString, l.input[from:l.pos-1])
			}
			b.WriteString(l.input[from : l.pos-1])
			return l.emit(tokString, b.String())
		case '\\':
			b.WriteString(l.input[from : l.pos-1])
			esc := l.pos - 1
			switch r := l.next(); r {
			case '"', '\\':
				b.WriteRune(r)
			case eof:
				return l.errorf(l.start, "unterminated string")
			default:
				return l.errorf(esc, `unknown escape \%c in string; only \" and \\ are escapes`, r)
			}
			from = l.pos
		}
	}
}

// lexLiteral scans a number or a date-time; the first rune ('-' or a
// digit) has been consumed.
func lexLiteral(l *lexer) stateFn {
	l.acceptRun(literalChars)
	text := l.input[l.start:l.pos]
	if isNumber(text) {
		return l.emit(tokNumber, text)
	}
	if _, err := time.Parse(time.RFC3339Nano, text); err == nil {
		return l.emit(tokDateTime, text)
	}
	if len(text) >= 5 && text[4] == '-' {
		return l.errorf(l.start, "malformed date-time %q; want RFC 3339 such as 2018-12-18T23:05:55Z", text)
	}
	return l.errorf(l.start, "malformed number %q", text)
}

// isNumber reports whether s is an integer or decimal: -?[0-9]+(.[0-9]+)?
func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	return allDigits(intPart) && (!hasFrac || allDigits(frac))
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lexIdent scans a keyword or a dotted field path; the first rune has been
// consumed.
func lexIdent(l *lexer) stateFn {
	for {
		l.acceptRun(identChars)
		if l.peek() != '.' {
			break
		}
		dot := l.pos
		l.next()
		if !l.accept(identStart) {
			return l.errorf(dot, "malformed field name %q: a dot must be followed by a name", l.input[l.start:l.pos])
		}
	}
	word := l.input[l.start:l.pos]
	if k, ok := keywords[word]; ok {
		return l.emit(k, word)
	}
	return l.emit(tokIdent, word)
}
