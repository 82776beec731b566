package filter

import (
	"errors"
	"testing"
)

var fuzzSeeds = []string{
	`name eq "x"`,
	`not prop1 eq "val1" or prop2 eq "val2" and prop3 eq "val3"`,
	`not (a eq 1 or b eq 2) and c eq 3`,
	`groups ca ("Venezia","Firenze")`,
	`id in ("a", "b")`,
	`created gt 2018-12-18T23:05:55.123+02:00`,
	`pr accountRequestInfo and lastUsed isnull or x pr`,
	`name eq "\"Employees\" \\"`,
	`a eq -1.5 and b eq true and c ne false`,
	`((a eq 1))`,
	`name eq "x" or`,
	`name EQ "x"`,
	`name eq john`,
	`a.b. eq 1`,
	`created gt 2018-12-18`,
	"a eq \"\xff\"",
}

// FuzzParse checks that Parse never panics, that every error is a
// *SyntaxError with an offset inside the input, and that canonical output
// round-trips.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %v is not a *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q) error offset %d outside the input", s, se.Offset)
			}
			return
		}
		canon := e.String()
		again, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q) gave %q, which does not parse: %v", s, canon, err)
		}
		if again.String() != canon {
			t.Fatalf("round trip of %q: %q became %q", s, canon, again.String())
		}
	})
}

// FuzzMatch compiles a filter against the test schema and matches it
// against an arbitrary document: Match must not panic, and the negated
// filter must give the opposite answer.
func FuzzMatch(f *testing.F) {
	docs := loadAccounts(f)
	for i, s := range []string{
		`name sw "a" or disabled eq true`,
		`groups ca ("venezia","roma")`,
		`groups ne "roma" and daysUntilEscalation ge 7`,
		`created in ("2024-01-10T07:00:00Z",2024-03-01T00:00:00Z) or pr lastUsed`,
		`recommendation.method isnull and odd eq "v1"`,
	} {
		f.Add(s, docs[i%len(docs)])
	}
	f.Add(`name eq "x"`, []byte(`{"name":`))
	f.Add(`groups co "a"`, []byte(`{"groups":[1,{"a":[]},"\u00e1",null]}`))
	f.Add(`id eq "x"`, []byte(`not json at all`))
	f.Fuzz(func(t *testing.T, filter string, doc []byte) {
		fl, err := Compile(filter, testSchema)
		if err != nil {
			return
		}
		got := fl.Match(doc)
		neg, err := Compile("not ("+fl.String()+")", testSchema)
		var se *SyntaxError
		if errors.As(err, &se) {
			return // the negation exceeds MaxDepth or MaxLength
		}
		if err != nil {
			t.Fatalf("negation of %q does not compile: %v", fl.String(), err)
		}
		if neg.Match(doc) == got {
			t.Fatalf("%q and its negation both gave %v on %q", fl.String(), got, doc)
		}
	})
}
