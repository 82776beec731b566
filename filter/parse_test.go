package filter

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input, want string
	}{
		{"eq string", `name eq "x"`, `name eq "x"`},
		{"spacing", "  name\teq\n\"x\"  ", `name eq "x"`},
		{"no spaces around parens", `(name eq "x")and(id eq "y")`, `name eq "x" and id eq "y"`},
		{"every single-value op", `a eq 1 and a ne 1 and a gt 1 and a ge 1 and a lt 1 and a le 1 and a co "x" and a sw "x"`, `a eq 1 and a ne 1 and a gt 1 and a ge 1 and a lt 1 and a le 1 and a co "x" and a sw "x"`},
		{"in list spacing", `id in ( "a" , "b" )`, `id in ("a","b")`},
		{"ca", `groups ca ("Venezia","Firenze")`, `groups ca ("Venezia","Firenze")`},
		{"single-element list", `id in ("a")`, `id in ("a")`},
		{"isnull", `lastUsed isnull`, `lastUsed isnull`},
		{"pr prefix", `pr accountRequestInfo`, `pr accountRequestInfo`},
		{"pr postfix", `accountRequestInfo pr`, `pr accountRequestInfo`},
		{"booleans", `a eq true or b eq false`, `a eq true or b eq false`},
		{"numbers", `a eq -1.5 or a eq 0 or a eq 007`, `a eq -1.5 or a eq 0 or a eq 007`},
		{"date-time", `created gt 2018-12-18T23:05:55Z`, `created gt 2018-12-18T23:05:55Z`},
		{"date-time fraction offset", `created lt 2018-12-18T23:05:55.123456+05:30`, `created lt 2018-12-18T23:05:55.123456+05:30`},
		{"escapes", `name eq "\"Employees\" \\ x"`, `name eq "\"Employees\" \\ x"`},
		{"unicode string", `name eq "Álvaro 東京"`, `name eq "Álvaro 東京"`},
		{"dotted field", `identity.name sw "a"`, `identity.name sw "a"`},
		{"keyword prefix in field", `order eq 1 and notes eq 2 and prize eq 3 and inx eq 4`, `order eq 1 and notes eq 2 and prize eq 3 and inx eq 4`},
		{"redundant parens", `((a eq 1))`, `a eq 1`},
		{"flatten and", `a eq 1 and (b eq 2 and c eq 3)`, `a eq 1 and b eq 2 and c eq 3`},
		{"flatten or", `(a eq 1 or b eq 2) or c eq 3`, `a eq 1 or b eq 2 or c eq 3`},
		{"or inside and keeps parens", `a eq 1 and (b eq 2 or c eq 3)`, `a eq 1 and (b eq 2 or c eq 3)`},
		{"and inside or drops parens", `(a eq 1 and b eq 2) or c eq 3`, `a eq 1 and b eq 2 or c eq 3`},
		{"not binds tighter than and", `not a eq 1 and b eq 2`, `not a eq 1 and b eq 2`},
		{"not of group", `not (a eq 1 and b eq 2)`, `not (a eq 1 and b eq 2)`},
		{"double not", `not not a eq 1`, `not not a eq 1`},
		{"not of parenthesised comparison", `not (a eq 1)`, `not a eq 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := Parse(tt.input)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.input, err)
			}
			if d := cmp.Diff(tt.want, e.String()); d != "" {
				t.Errorf("Parse(%q).String() (-want +got):\n%s", tt.input, d)
			}
			again, err := Parse(e.String())
			if err != nil {
				t.Fatalf("canonical form %q does not parse: %v", e.String(), err)
			}
			if again.String() != e.String() {
				t.Errorf("round trip: %q became %q", e.String(), again.String())
			}
		})
	}
}

// treeString prints an Expr fully parenthesised, to check structure
// rather than canonical text.
func treeString(e Expr) string {
	switch e := e.(type) {
	case *Or:
		return "(" + joinTrees(e.Terms, " or ") + ")"
	case *And:
		return "(" + joinTrees(e.Terms, " and ") + ")"
	case *Not:
		return "(not " + treeString(e.X) + ")"
	case *Compare:
		return "(" + e.String() + ")"
	}
	return "?"
}

func joinTrees(es []Expr, sep string) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = treeString(e)
	}
	return strings.Join(s, sep)
}

// TestPrecedence checks SailPoint's two documented precedence examples
// (reference section 1b, "Composite operators").
func TestPrecedence(t *testing.T) {
	t.Parallel()
	tests := []struct{ input, want string }{
		{`not prop1 eq val1 or prop2 eq val2 and prop3 eq val3`,
			`((not (prop1 eq "val1")) or ((prop2 eq "val2") and (prop3 eq "val3")))`},
		{`not (prop1 eq val1 or prop2 eq val2) and prop3 eq val3`,
			`((not ((prop1 eq "val1") or (prop2 eq "val2"))) and (prop3 eq "val3"))`},
		{`a eq 1 or b eq 2 or c eq 3 and not d eq 4`,
			`((a eq 1) or (b eq 2) or ((c eq 3) and (not (d eq 4))))`},
	}
	for _, tt := range tests {
		// SailPoint writes val1 for "some value"; our grammar needs quotes.
		in := strings.NewReplacer("val1", `"val1"`, "val2", `"val2"`, "val3", `"val3"`).Replace(tt.input)
		e, err := Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if d := cmp.Diff(tt.want, treeString(e)); d != "" {
			t.Errorf("Parse(%q) structure (-want +got):\n%s", in, d)
		}
	}
}

// TestReferenceExamples parses every filter example quoted in the
// reference (isc-accounts.md sections 1a and 1b). The prose example
// `startDate gt 2018` parses with 2018 as a number.
func TestReferenceExamples(t *testing.T) {
	t.Parallel()
	examples := []string{
		`identityId eq "2c9180858082150f0180893dbaf44201"`,
		`groups ca ("Venezia","Firenze")`,
		`name co "Rajesh"`,
		`identitySummary.id eq "2c9180846e85e4b8016eafeba20c1314"`,
		`daysUntilEscalation ge 7`,
		`name ge "Genaro"`,
		`daysUntilEscalation gt 7`,
		`name gt "Genaro"`,
		`created gt 2018-12-18T23:05:55Z`,
		`accountActivityItemId in ("2c9180846b0a0583016b299f210c1314","2c9180846b0a0581016b299e82560c1314")`,
		`daysUntilEscalation le 7`,
		`name le "Genaro"`,
		`daysUntilEscalation lt 7`,
		`name lt "Genaro"`,
		`created lt 2018-12-18T23:05:55Z`,
		`type ne "ROLE"`,
		`pr accountRequestInfo`,
		`lastUsed isnull`,
		`name sw "Rajesh"`,
		`startDate gt 2018 and name sw "Genaro"`,
		`not groups ca ("Venezia","Firenze")`,
		`startDate gt 2018 or name sw "Genaro"`,
		`email eq "john.doe@example.com"`,
		`firstname sw "john" or email sw "joe"`,
		`name eq "%23Employees"`,
		`name eq "\"Employees\""`,
		`owner.name eq "leah.pierce"`,
		`firstname eq "john"`,
		`name co "Andrew"`,
	}
	for _, s := range examples {
		e, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if e.String() != s {
			t.Errorf("Parse(%q).String() = %q; the examples are already canonical", s, e.String())
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		offset      int
		msg         string
	}{
		{"empty", ``, 0, `empty filter`},
		{"blank", `   `, 3, `empty filter`},
		{"dangling or", `name eq "x" or`, 14, `unexpected end of input after "or"; want a field name`},
		{"or as value", `name eq or "x"`, 8, `unexpected "or" after "eq"; want a value`},
		{"missing value", `name eq`, 7, `unexpected end of input after "eq"; want a value`},
		{"missing operator", `name "x"`, 5, `unexpected string "x" after "name"; want an operator: eq, ne, gt, ge, lt, le, co, sw, in, ca, isnull or pr`},
		{"uppercase operator", `name EQ "x"`, 5, `operator "EQ" must be lowercase: "eq"`},
		{"uppercase keyword", `a eq 1 AND b eq 2`, 7, `unexpected word "AND" after number 1; join conditions with "and" or "or"`},
		{"bare word value", `name eq john`, 8, `unexpected word "john" after "eq"; strings must be double-quoted: "john"`},
		{"null literal", `name eq null`, 8, `unexpected word "null": there is no null literal; use "field isnull" or "pr field"`},
		{"unterminated string", `name eq "abc`, 8, `unterminated string`},
		{"unterminated after escape", `name eq "abc\`, 8, `unterminated string`},
		{"bad escape", `name eq "a\nb"`, 10, `unknown escape \n in string; only \" and \\ are escapes`},
		{"empty list", `id in ()`, 7, `empty list; give at least one value`},
		{"list without parens", `id in "a"`, 6, `unexpected string "a" after "in"; "in" takes a parenthesised list such as ("a","b")`},
		{"trailing comma in list", `id in ("a",)`, 11, `unexpected ")" after ","; want a value`},
		{"unclosed list", `id in ("a" "b")`, 11, `unexpected string "b" after string "a"; want "," or ")" in the list`},
		{"trailing garbage", `a eq 1 b eq 2`, 7, `unexpected word "b" after number 1; join conditions with "and" or "or"`},
		{"unmatched close", `a eq 1)`, 6, `unexpected ")" without a matching "("`},
		{"unclosed paren", `(a eq 1`, 7, `unexpected end of input after number 1; want ")" to close "(" at offset 0`},
		{"keyword as field", `and eq 1`, 0, `unexpected "and"; want a field name`},
		{"not alone", `not`, 3, `unexpected end of input after "not"; want a field name`},
		{"pr without field", `pr`, 2, `unexpected end of input after "pr"; want a field name`},
		{"dangling dot", `a.b. eq 1`, 3, `malformed field name "a.b.": a dot must be followed by a name`},
		{"malformed number", `a eq 7x`, 5, `malformed number "7x"`},
		{"exponent", `a eq 1e5`, 5, `malformed number "1e5"`},
		{"lone minus", `a eq -`, 5, `malformed number "-"`},
		{"date only", `created gt 2018-12-18`, 11, `malformed date-time "2018-12-18"; want RFC 3339 such as 2018-12-18T23:05:55Z`},
		{"bad month", `created gt 2018-13-18T00:00:00Z`, 11, `malformed date-time "2018-13-18T00:00:00Z"; want RFC 3339 such as 2018-12-18T23:05:55Z`},
		{"unknown character", `a eq 1 & b eq 2`, 7, `unexpected character '&'`},
		{"single quotes", `a eq 'x'`, 5, `unexpected character '\''`},
		{"invalid utf8", "a eq \xff", 5, `invalid UTF-8 byte 0xff`},
		{"empty parens", `()`, 1, `unexpected ")" after "("; want a field name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(tt.input)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.input, err)
			}
			want := &SyntaxError{Input: tt.input, Offset: tt.offset, Msg: tt.msg}
			if d := cmp.Diff(want, se); d != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.input, d)
			}
		})
	}
}

func TestSyntaxErrorText(t *testing.T) {
	t.Parallel()
	_, err := Parse(`name eq "x" or or`)
	want := `filter: offset 15: unexpected "or" after "or"; want a field name`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("(", 4) + "a eq 1" + strings.Repeat(")", 4)
	if _, err := parse(deep, 4); err != nil {
		t.Errorf("depth 4 with limit 4: %v", err)
	}
	_, err := parse("("+deep+")", 4)
	want := &SyntaxError{Input: "(" + deep + ")", Offset: 4, Msg: `filter is nested too deeply: more than 4 levels of parentheses and "not"`}
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("depth 5 with limit 4: error = %v", err)
	}
	if d := cmp.Diff(want, se); d != "" {
		t.Errorf("depth error (-want +got):\n%s", d)
	}
	nots := strings.Repeat("not ", 5) + "a eq 1"
	if _, err := parse(nots, 4); err == nil {
		t.Errorf("5 nots with limit 4: no error")
	}
	if _, err := Parse(strings.Repeat("(", MaxDepth+1) + "a eq 1" + strings.Repeat(")", MaxDepth+1)); err == nil {
		t.Errorf("MaxDepth+1 parentheses: no error")
	}
	long := `name eq "` + strings.Repeat("x", MaxLength) + `"`
	_, err = Parse(long)
	if !errors.As(err, &se) || se.Offset != MaxLength {
		t.Errorf("over-long filter: error = %v, want a *SyntaxError at offset %d", err, MaxLength)
	}
}

func TestPositions(t *testing.T) {
	t.Parallel()
	e, err := Parse(`not  name eq "x" and id in ("a", 2)`)
	if err != nil {
		t.Fatal(err)
	}
	and := e.(*And)
	not := and.Terms[0].(*Not)
	c1 := not.X.(*Compare)
	c2 := and.Terms[1].(*Compare)
	got := []int{and.Pos(), not.Pos(), c1.FieldPos, c1.OpPos, c1.Values[0].Pos, c2.Pos(), c2.OpPos, c2.Values[0].Pos, c2.Values[1].Pos}
	want := []int{0, 0, 5, 10, 13, 21, 24, 28, 33}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("positions (-want +got):\n%s", d)
	}
	wantVals := []Value{{Kind: ValueString, Text: "a", Pos: 28}, {Kind: ValueNumber, Text: "2", Pos: 33}}
	if d := cmp.Diff(wantVals, c2.Values); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
}
