package filter

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	tEOF    = token{kind: tokEOF}
	tLParen = token{kind: tokLParen, val: "("}
	tRParen = token{kind: tokRParen, val: ")"}
	tComma  = token{kind: tokComma, val: ","}
)

func TestLex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		want        []token
	}{
		{"empty", "", []token{tEOF}},
		{"comparison", `a.b eq "x"`, []token{{tokIdent, 0, "a.b"}, {tokEq, 0, "eq"}, {tokString, 0, "x"}, tEOF}},
		{"escapes decoded", `"a\"b\\c"`, []token{{tokString, 0, `a"b\c`}, tEOF}},
		{"list", `("a",-1.5,true)`, []token{tLParen, {tokString, 0, "a"}, tComma, {tokNumber, 0, "-1.5"}, tComma, {tokTrue, 0, "true"}, tRParen, tEOF}},
		{"date-time", `2018-12-18T23:05:55.1-07:00`, []token{{tokDateTime, 0, "2018-12-18T23:05:55.1-07:00"}, tEOF}},
		{"keywords are lowercase", `and AND isnull Isnull`, []token{{tokAnd, 0, "and"}, {tokIdent, 0, "AND"}, {tokIsNull, 0, "isnull"}, {tokIdent, 0, "Isnull"}, tEOF}},
		{"keyword inside path", `not.eq`, []token{{tokIdent, 0, "not.eq"}, tEOF}},
		{"error stops", `a ~ b`, []token{{tokIdent, 0, "a"}, {tokError, 0, "unexpected character '~'"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := lexer{input: tt.input}
			var got []token
			for {
				tok := l.nextToken()
				tok.pos = 0 // positions are checked in TestLexPos
				got = append(got, tok)
				if tok.kind == tokEOF || tok.kind == tokError {
					break
				}
			}
			if d := cmp.Diff(tt.want, got, cmp.AllowUnexported(token{})); d != "" {
				t.Errorf("tokens (-want +got):\n%s", d)
			}
		})
	}
}

func TestLexPos(t *testing.T) {
	t.Parallel()
	l := lexer{input: " a  eq\t\"é\" ( 1 )"}
	var got []int
	for tok := l.nextToken(); tok.kind != tokEOF; tok = l.nextToken() {
		got = append(got, tok.pos)
	}
	got = append(got, l.nextToken().pos)
	if d := cmp.Diff([]int{1, 4, 7, 12, 14, 16, 17}, got); d != "" {
		t.Errorf("positions (-want +got):\n%s", d)
	}
}
