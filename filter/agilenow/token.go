package agilenow

import (
	"fmt"
	"strings"
)

// kind identifies the type of a lexical token.
type kind uint8

const (
	tError   kind = iota // lexing stopped; val holds the message
	tEOF                 // end of input
	tLParen              // (
	tRParen              // )
	tField               // field name, e.g. DepartmentId.Name
	tSymOp               // symbolic operator: = <> > >= < <=
	tValue               // raw value text up to ")" or end of input, trimmed
	tWord                // a word that is not a keyword, after a condition
	tKeyword             // used only to delimit the keywords
	tAnd                 // AND
	tOr                  // OR
	tIn                  // In
	tNotIn               // NotIn
	tLike                // Like
)

// keywords maps the lower-case spelling of every keyword to its kind.
// Keywords are matched case-insensitively.
var keywords = map[string]kind{
	"and":   tAnd,
	"or":    tOr,
	"in":    tIn,
	"notin": tNotIn,
	"like":  tLike,
}

// token is one lexical item with its byte offset in the input.
type token struct {
	kind kind
	pos  int
	val  string
}

// String describes the token for error messages.
func (t token) String() string {
	switch {
	case t.kind == tEOF:
		return "end of input"
	case t.kind == tError:
		return t.val
	case t.kind > tKeyword:
		return strings.ToUpper(t.val)
	}
	return fmt.Sprintf("%q", t.val)
}
