package agilenow

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lexAll returns every token of input up to and including tEOF or tError.
func lexAll(input string) []token {
	l := newLexer(input)
	var out []token
	for {
		t := l.nextToken()
		out = append(out, t)
		if t.kind == tEOF || t.kind == tError {
			return out
		}
	}
}

func TestLex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		want  []token
	}{
		{"empty", "", []token{{tEOF, 0, ""}}},
		{"bare", "Id = 100", []token{{tField, 0, "Id"}, {tSymOp, 3, "="}, {tValue, 5, "100"}, {tEOF, 8, ""}}},
		{"no spaces", "a>=b", []token{{tField, 0, "a"}, {tSymOp, 1, ">="}, {tValue, 3, "b"}, {tEOF, 4, ""}}},
		{"keyword operator", "a notIN x; y ", []token{{tField, 0, "a"}, {tNotIn, 2, "notIN"}, {tValue, 8, "x; y"}, {tEOF, 13, ""}}},
		{"group", "(a Like %b%) or (c < 2)", []token{
			{tLParen, 0, "("}, {tField, 1, "a"}, {tLike, 3, "Like"}, {tValue, 8, "%b%"}, {tRParen, 11, ")"},
			{tOr, 13, "or"},
			{tLParen, 16, "("}, {tField, 17, "c"}, {tSymOp, 19, "<"}, {tValue, 21, "2"}, {tRParen, 22, ")"},
			{tEOF, 23, ""}}},
		{"empty value", "(a = )", []token{{tLParen, 0, "("}, {tField, 1, "a"}, {tSymOp, 3, "="}, {tValue, 5, ""}, {tRParen, 5, ")"}, {tEOF, 6, ""}}},
		{"word after group", "(a=1) xor", []token{{tLParen, 0, "("}, {tField, 1, "a"}, {tSymOp, 2, "="}, {tValue, 3, "1"}, {tRParen, 4, ")"}, {tWord, 6, "xor"}, {tEOF, 9, ""}}},
		{"error stops", "a ~ 1", []token{{tField, 0, "a"}, {tError, 2, `missing operator after field "a"; ` + opList}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lexAll(tt.input)
			if d := cmp.Diff(tt.want, got, cmp.AllowUnexported(token{})); d != "" {
				t.Errorf("lex(%q) mismatch (-want +got):\n%s", tt.input, d)
			}
		})
	}
}

func TestLexAfterErrorIsEOF(t *testing.T) {
	t.Parallel()
	l := newLexer("a ~")
	for range 2 {
		l.nextToken()
	}
	if got := l.nextToken(); got.kind != tEOF {
		t.Errorf("token after error = %v, want EOF", got)
	}
}
