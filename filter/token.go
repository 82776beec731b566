package filter

import "fmt"

// kind identifies the type of a lexical token.
type kind uint8

const (
	tokError    kind = iota // error occurred; val is the message
	tokEOF                  // end of input
	tokIdent                // field path or bare word: name, identity.name
	tokString               // double-quoted string; val is the decoded text
	tokNumber               // integer or decimal, possibly negative
	tokDateTime             // unquoted RFC 3339 date-time
	tokLParen               // '('
	tokRParen               // ')'
	tokComma                // ','
	tokKeyword              // used only to delimit the keywords
	tokAnd                  // and
	tokOr                   // or
	tokNot                  // not
	tokTrue                 // true
	tokFalse                // false
	tokOp                   // used only to delimit the operator keywords
	tokEq                   // eq
	tokNe                   // ne
	tokGt                   // gt
	tokGe                   // ge
	tokLt                   // lt
	tokLe                   // le
	tokCo                   // co
	tokSw                   // sw
	tokIn                   // in
	tokCa                   // ca
	tokIsNull               // isnull
	tokPr                   // pr
)

// keywords maps each lowercase keyword to its token kind. Keywords are
// case-sensitive: "EQ" is an identifier, not an operator.
var keywords = map[string]kind{
	"and":    tokAnd,
	"or":     tokOr,
	"not":    tokNot,
	"true":   tokTrue,
	"false":  tokFalse,
	"eq":     tokEq,
	"ne":     tokNe,
	"gt":     tokGt,
	"ge":     tokGe,
	"lt":     tokLt,
	"le":     tokLe,
	"co":     tokCo,
	"sw":     tokSw,
	"in":     tokIn,
	"ca":     tokCa,
	"isnull": tokIsNull,
	"pr":     tokPr,
}

// token is one lexical item: its kind, byte offset in the input and text.
type token struct {
	kind kind
	pos  int
	val  string
}

// isOp reports whether t is an operator keyword.
func (t token) isOp() bool { return t.kind > tokOp }

// op returns the operator a token of an operator kind stands for.
func (t token) op() Op { return Op(t.kind - tokOp) }

// String describes the token for error messages, e.g. `"or"`,
// `string "x"`, `end of input`.
func (t token) String() string {
	switch {
	case t.kind == tokError:
		return t.val
	case t.kind == tokEOF:
		return "end of input"
	case t.kind == tokIdent:
		return fmt.Sprintf("word %q", t.val)
	case t.kind == tokString:
		return "string " + quote(t.val)
	case t.kind == tokNumber:
		return "number " + t.val
	case t.kind == tokDateTime:
		return "date-time " + t.val
	}
	return fmt.Sprintf("%q", t.val)
}
