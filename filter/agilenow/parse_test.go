package agilenow

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", ""},
		{"blank", " \t ", ""},
		{"vendor and", "(DepartmentId.ExternalId In DE001;DE002) AND (ModifiedOn > 2022-01-01)",
			"(DepartmentId.ExternalId In DE001;DE002) AND (ModifiedOn > 2022-01-01)"},
		{"vendor or", "(DepartmentId.Name = My Department 1) OR (DepartmentId.ExternalId In DE001;DE002)",
			"(DepartmentId.Name = My Department 1) OR (DepartmentId.ExternalId In DE001;DE002)"},
		{"vendor date", "(DepartmentId.Name = My Department) AND (DepartmentId.CreatedOn = 2021-01-01)",
			"(DepartmentId.Name = My Department) AND (DepartmentId.CreatedOn = 2021-01-01)"},
		{"vendor bare in", "ExternalId In S100;S101;S120;100", "ExternalId In S100;S101;S120;100"},
		{"vendor bare eq", "Id = 100", "Id = 100"},
		{"value with spaces", "DepartmentId.Name = My Department 1", "DepartmentId.Name = My Department 1"},
		{"inner spaces kept", "Name =   a  b   ", "Name = a  b"},
		{"eq", "a=1", "a = 1"},
		{"ne", "a<>1", "a <> 1"},
		{"gt", "a>1", "a > 1"},
		{"ge", "a>=1", "a >= 1"},
		{"lt", "a<1", "a < 1"},
		{"le", "a<=1", "a <= 1"},
		{"in", "a in x", "a In x"},
		{"notin", "a NOTIN x;y", "a NotIn x;y"},
		{"like", "a lIkE %x_", "a Like %x_"},
		{"in semicolons with spaces", "Country In USA; FIN; ARE", "Country In USA;FIN;ARE"},
		{"in commas", "Id In 1, 2, 3", "Id In 1;2;3"},
		{"semicolon wins over comma", "Name In Smith, John;Doe, Jane", "Name In Smith, John;Doe, Jane"},
		{"eq keeps semicolon", "Name = a;b", "Name = a;b"},
		{"value starting with operator char", "Name = =x", "Name = =x"},
		{"value with open paren", "Name = a (b", "Name = a (b"},
		{"keyword-like value", "Name = x AND y", "Name = x AND y"},
		{"lower-case junctions", "(a=1) and (b=2) or (c=3)", "(a = 1) AND (b = 2) OR (c = 3)"},
		{"and binds tighter", "(a=1) OR (b=2) AND (c=3)", "(a = 1) OR (b = 2) AND (c = 3)"},
		{"or group in and", "(a=1) AND ((b=2) OR (c=3))", "(a = 1) AND ((b = 2) OR (c = 3))"},
		{"redundant and group flattens", "((a=1) AND (b=2)) AND (c=3)", "(a = 1) AND (b = 2) AND (c = 3)"},
		{"redundant parens", "(((a=1)))", "a = 1"},
		{"parenthesised lone condition", "(a = 1)", "a = 1"},
		{"unicode field", "Nimi = Äiti", "Nimi = Äiti"},
		{"newlines", "(a=1)\nAND\r\n(b=2)", "(a = 1) AND (b = 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := ParseFilter(tt.input)
			if err != nil {
				t.Fatalf("ParseFilter(%q): %v", tt.input, err)
			}
			got := ""
			if e != nil {
				got = e.String()
			}
			if got != tt.want {
				t.Errorf("ParseFilter(%q) = %q, want %q", tt.input, got, tt.want)
			}
			// Canonical source is a fixed point.
			if again, err := ParseFilter(got); err != nil || (again != nil && again.String() != got) {
				t.Errorf("round trip of %q: %v, %v", got, again, err)
			}
		})
	}
}

func TestParseFilterTree(t *testing.T) {
	t.Parallel()
	e, err := ParseFilter("(a = x) OR (b In 1, 2) AND (c Like y)")
	if err != nil {
		t.Fatal(err)
	}
	want := &Logical{Op: Or, Terms: []Expr{
		&Condition{Field: "a", FieldPos: 1, Op: OpEq, OpPos: 3, Values: []Value{{"x", 5}}},
		&Logical{Op: And, Terms: []Expr{
			&Condition{Field: "b", FieldPos: 12, Op: OpIn, OpPos: 14, Values: []Value{{"1", 17}, {"2", 20}}},
			&Condition{Field: "c", FieldPos: 28, Op: OpLike, OpPos: 30, Values: []Value{{"y", 35}}},
		}},
	}}
	if d := cmp.Diff(want, e); d != "" {
		t.Errorf("tree mismatch (-want +got):\n%s", d)
	}
}

func TestParseFilterErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		offset      int
		msg         string
	}{
		{"unknown symbol operator", "(ModifiedOn > 1) AND (Id == 2)", 25,
			`unknown operator "=="; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"bang equals", "Id != 2", 3, `unknown operator "!="; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"unknown word operator", "Id Contains 2", 3, `unknown operator "Contains"; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"word operator glued to value", "Id In1;2", 3, `unknown operator "In1"; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"not in with space", "Id Not In 1", 3, `unknown operator "Not"; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"missing operator", "Id", 2, `missing operator after field "Id"; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"missing operator before paren", "(Id)", 3, `missing operator after field "Id"; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"missing value", "Id =", 4, `missing value after "Id ="`},
		{"missing value in group", "(Id =   )", 8, `missing value after "Id ="`},
		{"empty list item", "(Id In a;;b)", 9, `empty item in In list (items are separated by ";")`},
		{"trailing separator", "Id NotIn 1,2,", 13, `empty item in NotIn list (items are separated by ",")`},
		{"blank list item", "Id In a; ;b", 9, `empty item in In list (items are separated by ";")`},
		{"empty parens", "()", 1, `unexpected ")" with no matching "(" (a value cannot contain ")"); expected a field name or "("`},
		{"bad first char", "#Id = 1", 0, `unexpected "#"; expected a field name or "("`},
		{"malformed field", "Dept..Name = 1", 0, `malformed field name "Dept..Name"`},
		{"trailing dot", "(Dept. = 1)", 1, `malformed field name "Dept."`},
		{"unclosed", "((Id = 1)", 9, `unexpected end of input; expected AND, OR or ")"`},
		{"unclosed condition", "(Id = 1", 7, `unexpected end of input; expected ")"`},
		{"stray close", "(Id = 1))", 8, `unexpected ")" with no matching "(" (a value cannot contain ")"); expected AND, OR or end of input`},
		{"paren in bare value", "Id = 1 AND (Name = x)", 20, `unexpected ")" with no matching "(" (a value cannot contain ")"); expected AND, OR or end of input`},
		{"paren in value", "(Name = a (b) c)", 14, `unexpected "c"; expected AND, OR or end of input`},
		{"bare operand after and", "(Id = 1) AND Name = x", 13, `unexpected "Name"; expected "("; conditions joined by AND or OR must be in parentheses`},
		{"unknown junction", "(Id = 1) XOR (Id = 2)", 9, `unexpected "XOR"; expected AND, OR or end of input`},
		{"missing junction", "(Id = 1) (Id = 2)", 9, `unexpected "("; expected AND, OR or end of input`},
		{"missing junction inside", "((Id = 1) (Id = 2))", 10, `unexpected "("; expected AND, OR or ")"`},
		{"dangling and", "(Id = 1) AND", 12, `unexpected end of input; expected "("; conditions joined by AND or OR must be in parentheses`},
		{"leading and", "AND (Id = 1)", 4, `missing operator after field "AND"; operators are =, <>, >, >=, <, <=, In, NotIn, Like`},
		{"bad char after group", "(Id = 1) & (Id = 2)", 9, `unexpected "&"; expected AND, OR or ")"`},
		{"invalid utf8 at start", "\xff = 1", 0, `unexpected invalid UTF-8; expected a field name or "("`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := ParseFilter(tt.input)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseFilter(%q) = %v, %v; want a *SyntaxError", tt.input, e, err)
			}
			want := &SyntaxError{Param: "Filters", Input: tt.input, Offset: tt.offset, Msg: tt.msg}
			if d := cmp.Diff(want, se); d != "" {
				t.Errorf("ParseFilter(%q) error mismatch (-want +got):\n%s", tt.input, d)
			}
		})
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := ParseFilter("(ModifiedOn > 1) AND (Id == 2)")
	want := `Filters: offset 25: unknown operator "=="; operators are =, <>, >, >=, <, <=, In, NotIn, Like`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestParseFilterDepth(t *testing.T) {
	t.Parallel()
	nest := func(n int) string {
		return strings.Repeat("(", n) + "a = 1" + strings.Repeat(")", n)
	}
	if _, err := ParseFilter(nest(maxDepth)); err != nil {
		t.Errorf("depth %d: %v", maxDepth, err)
	}
	_, err := ParseFilter(nest(maxDepth + 1))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != maxDepth || !strings.Contains(se.Msg, "nested deeper than") {
		t.Errorf("depth %d: error = %v, want nesting error at offset %d", maxDepth+1, err, maxDepth)
	}
	// A deep nest of groups joined by AND at each level is also capped.
	deep := strings.Repeat("((a = 1) AND ", 40) + "(a = 1)" + strings.Repeat(")", 40)
	if _, err := ParseFilter(deep); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("deep AND nest: error = %v, want nesting error", err)
	}
}

// TestQueryLimits: every bound on a query is a *SyntaxError that names
// the parameter and the limit.
func TestQueryLimits(t *testing.T) {
	t.Parallel()
	schema := MustSchema(Field{Name: "Name", Type: TypeString}, Field{Name: "Id", Type: TypeNumber})
	conds := make([]string, MaxConditions+1)
	for i := range conds {
		conds[i] = "(Id = 1)"
	}
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"filter length", func() error {
			_, err := CompileFilter("Name = "+strings.Repeat("x", MaxFilterLength), schema)
			return err
		}, "Filters: offset 16384: the value is 16391 bytes long; the limit is 16384"},
		{"conditions", func() error {
			_, err := CompileFilter(strings.Join(conds, " OR "), schema)
			return err
		}, "more than 64 conditions; the limit is 64"},
		{"Like pattern", func() error {
			_, err := CompileFilter("Name Like "+strings.Repeat("é", MaxLikeLength+1), schema)
			return err
		}, "Filters: offset 10: the Like pattern is 257 characters long; the limit is 256"},
		{"orders length", func() error {
			_, err := ParseOrders(strings.Repeat(" ", MaxOrdersLength+1), schema)
			return err
		}, "Orders: offset 1024: the value is 1025 bytes long; the limit is 1024"},
		{"fields length", func() error {
			_, err := ParseFields(strings.Repeat(" ", MaxFieldsLength+1), schema)
			return err
		}, "Fields: offset 1024: the value is 1025 bytes long; the limit is 1024"},
	}
	for _, tc := range tests {
		err := tc.run()
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want a *SyntaxError containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := CompileFilter("Name Like "+strings.Repeat("%", MaxLikeLength), schema); err != nil {
		t.Errorf("a pattern at the limit: %v", err)
	}
	if _, err := CompileFilter(strings.Join(conds[1:], " AND "), schema); err != nil {
		t.Errorf("%d conditions: %v", MaxConditions, err)
	}
}
