package filter

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestMatch runs filters over testdata/accounts.json and compares the ids
// of the matching documents. The comment on each case says which document
// property it exercises.
func TestMatch(t *testing.T) {
	t.Parallel()
	docs := loadAccounts(t)
	tests := []struct {
		filter string
		want   []string
	}{
		// strings: case-insensitive, Unicode, escapes in document and literal
		{`name eq "alice"`, []string{"a5"}},
		{`name eq "ALICE"`, []string{"a5"}},
		{`name eq "zed"`, []string{"a6"}}, // document spells it Ze\u0064
		{`name sw "al"`, []string{"a1", "a5"}},
		{`name sw "ál"`, []string{"a4"}},
		{`name sw ""`, []string{"a1", "a2", "a4", "a5", "a6"}}, // a3's name is null
		{`name in ("BOB","zed","nobody")`, []string{"a2", "a6"}},
		{`identity.name eq "ÁLVARO"`, []string{"a4"}},
		{`nativeIdentity eq "cn=\"X\",dc=y"`, []string{"a3"}},
		{`sourceId eq "src1"`, []string{"a1", "a2", "a4"}},
		{`sourceName co "dir"`, []string{"a1", "a2"}},
		{`sourceName co ""`, []string{"a1", "a2", "a3", "a4", "a6"}},
		{`sourceName ne "ldap"`, []string{"a1", "a2", "a4", "a5"}}, // a5 has no sourceName: ne is true
		{`sourceName gt "l"`, []string{"a3", "a4", "a6"}},
		{`sourceName ge "LDAP"`, []string{"a3", "a4", "a6"}},
		{`sourceName lt "ldap"`, []string{"a1", "a2"}},
		{`sourceName le "ACTIVE DIRECTORY"`, []string{"a1", "a2"}},
		// custom paths, escaped with gjson.Escape
		{`source.displayableName eq "active directory"`, []string{"a1", "a2"}},
		{`odd eq "V1"`, []string{"a1"}},
		// missing and null
		{`recommendation.method isnull`, []string{"a1", "a3", "a4", "a5", "a6"}},
		{`recommendation.method eq "discovery"`, []string{"a2"}},
		{`origin in ("aggregated","PROVISIONED")`, []string{"a1", "a2"}},
		{`pr lastUsed`, []string{"a1"}},
		{`lastUsed pr`, []string{"a1"}},
		{`lastUsed isnull`, []string{"a2", "a3", "a4", "a5", "a6"}},
		{`not lastUsed isnull`, []string{"a1"}},
		// booleans; a5's "yes" is a string, not a boolean
		{`disabled eq true`, []string{"a2", "a4"}},
		{`disabled eq false`, []string{"a1", "a3", "a6"}},
		{`disabled ne true`, []string{"a1", "a3", "a5", "a6"}},
		{`disabled in (true,false)`, []string{"a1", "a2", "a3", "a4", "a6"}},
		// numbers: 7 and 7.0 are equal; a5's "7" is a string
		{`daysUntilEscalation eq 7`, []string{"a1", "a2"}},
		{`daysUntilEscalation eq 7.00`, []string{"a1", "a2"}},
		{`daysUntilEscalation gt 0`, []string{"a1", "a2", "a4"}},
		{`daysUntilEscalation ge 7`, []string{"a1", "a2", "a4"}},
		{`daysUntilEscalation lt 7`, []string{"a3"}},
		{`daysUntilEscalation le -1.5`, []string{"a3"}},
		{`daysUntilEscalation ne 7`, []string{"a3", "a4", "a5", "a6"}},
		{`daysUntilEscalation in (30,-1.5)`, []string{"a3", "a4"}},
		// date-times: temporal, offsets honoured, quoted accepted; a4's modified is malformed
		{`created gt 2024-01-10T07:30:00Z`, []string{"a1", "a4", "a6"}},
		{`created eq 2024-01-10T08:00:00Z`, []string{"a1", "a6"}},
		{`created eq 2024-01-10T10:00:00+02:00`, []string{"a1", "a6"}},
		{`created in ("2024-01-10T07:00:00Z",2024-03-01T00:00:00Z)`, []string{"a2", "a4"}},
		{`created lt 2024-01-01T00:00:00Z`, []string{"a3"}},
		{`created ge 2024-01-10T09:00:00+02:00`, []string{"a1", "a2", "a4", "a6"}},
		{`created le 2023-12-31T23:59:59.999Z`, []string{"a3"}},
		{`modified gt 2000-01-01T00:00:00Z`, []string{"a1"}},
		{`lastUsed gt "2024-01-01T00:00:00Z"`, []string{"a1"}},
		// arrays: any element; ca needs all; a5's scalar is a one-element array; a4's is empty
		{`groups eq "roma"`, []string{"a1", "a6"}},
		{`groups ne "roma"`, []string{"a2", "a3", "a4", "a5"}},
		{`groups in ("x","VENEZIA")`, []string{"a1", "a2", "a5"}},
		{`groups sw "fir"`, []string{"a1"}},
		{`groups co "ene"`, []string{"a1", "a2", "a5"}},
		{`groups gt "s"`, []string{"a1", "a2", "a5"}},
		{`groups ca ("venezia","FIRENZE")`, []string{"a1"}},
		{`groups ca ("venezia")`, []string{"a1", "a2", "a5"}},
		{`not groups ca ("Venezia","Firenze")`, []string{"a2", "a3", "a4", "a5", "a6"}},
		// logic and precedence
		{`not name eq "alice" or disabled eq true and sourceId eq "src2"`, []string{"a1", "a2", "a3", "a4", "a6"}},
		{`not (name eq "alice" or disabled eq true) and sourceId eq "src2"`, []string{"a3", "a6"}},
		{`sourceId eq "src1" and (name sw "a" or disabled eq true)`, []string{"a1", "a2", "a4"}},
		{`sourceId eq "src2" or sourceId eq "src3"`, []string{"a3", "a5", "a6"}},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			t.Parallel()
			f, err := Compile(tt.filter, testSchema)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			var got []string
			for _, d := range docs {
				if f.Match(d) {
					got = append(got, docID(d))
				}
			}
			if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("matching ids (-want +got):\n%s", d)
			}
		})
	}
}

func TestMatchNilFilter(t *testing.T) {
	t.Parallel()
	var f *Filter
	if !f.Match([]byte(`{}`)) {
		t.Error("nil filter does not match")
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	const filterable = "id, identityId, name, nativeIdentity, hasEntitlements, sourceId, uncorrelated, origin, identity.name, source.displayableName, recommendation.method, created, modified, disabled, sourceName, groups, daysUntilEscalation, lastUsed, odd"
	tests := []struct {
		name, input string
		want        *FieldError
	}{
		{"unknown field", `foo eq "x"`, &FieldError{Offset: 0, Field: "foo",
			Msg: `field "foo" is not filterable; filterable fields: ` + filterable}},
		{"sortable only", `x eq "1" or uuid eq "x"`, &FieldError{Offset: 0, Field: "x",
			Msg: `field "x" is not filterable; filterable fields: ` + filterable}},
		{"sortable only, second term", `id eq "1" or uuid eq "x"`, &FieldError{Offset: 13, Field: "uuid",
			Msg: `field "uuid" is not filterable; filterable fields: ` + filterable}},
		{"operator not allowed", `name co "Andrew"`, &FieldError{Offset: 5, Field: "name", Op: OpCo,
			Msg: `field "name" does not support operator "co"; allowed operators: eq, in, sw`}},
		{"pr not allowed", `pr name`, &FieldError{Offset: 0, Field: "name", Op: OpPr,
			Msg: `field "name" does not support operator "pr"; allowed operators: eq, in, sw`}},
		{"ordering on created lists sorted ops", `created ne 2020-01-01T00:00:00Z`, &FieldError{Offset: 8, Field: "created", Op: OpNe,
			Msg: `field "created" does not support operator "ne"; allowed operators: eq, ge, gt, in, le, lt`}},
		{"string for boolean", `disabled eq "yes"`, &FieldError{Offset: 12, Field: "disabled", Op: OpEq,
			Msg: `value "yes" is not a boolean for field "disabled"; use true or false`}},
		{"number for boolean", `disabled eq 1`, &FieldError{Offset: 12, Field: "disabled", Op: OpEq,
			Msg: `value 1 is not a boolean for field "disabled"; use true or false`}},
		{"number for string", `nativeIdentity eq 552775`, &FieldError{Offset: 18, Field: "nativeIdentity", Op: OpEq,
			Msg: `value 552775 is not a string for field "nativeIdentity"; strings are double-quoted`}},
		{"second list element", `id in ("a",true)`, &FieldError{Offset: 11, Field: "id", Op: OpIn,
			Msg: `value true is not a string for field "id"; strings are double-quoted`}},
		{"string for number", `daysUntilEscalation gt "7"`, &FieldError{Offset: 23, Field: "daysUntilEscalation", Op: OpGt,
			Msg: `value "7" is not a number for field "daysUntilEscalation"; numbers are written unquoted, such as 7 or -1.5`}},
		{"year for date-time", `created gt 2018`, &FieldError{Offset: 11, Field: "created", Op: OpGt,
			Msg: `value 2018 is not a date-time for field "created"; use RFC 3339 such as 2018-12-18T23:05:55Z`}},
		{"bad quoted date-time", `created gt "yesterday"`, &FieldError{Offset: 11, Field: "created", Op: OpGt,
			Msg: `value "yesterday" is not a date-time for field "created"; use RFC 3339 such as 2018-12-18T23:05:55Z`}},
		{"date-time for string", `name eq 2018-12-18T23:05:55Z`, &FieldError{Offset: 8, Field: "name", Op: OpEq,
			Msg: `value 2018-12-18T23:05:55Z is not a string for field "name"; strings are double-quoted`}},
		{"inside not", `not (id eq "a" and name co "b")`, &FieldError{Offset: 24, Field: "name", Op: OpCo,
			Msg: `field "name" does not support operator "co"; allowed operators: eq, in, sw`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Compile(tt.input, testSchema)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Compile(%q) error = %v, want a *FieldError", tt.input, err)
			}
			tt.want.Input = tt.input
			if d := cmp.Diff(tt.want, fe); d != "" {
				t.Errorf("Compile(%q) (-want +got):\n%s", tt.input, d)
			}
		})
	}
}

func TestCompileErrorText(t *testing.T) {
	t.Parallel()
	_, err := Compile(`id eq "a" and disabled eq "yes"`, testSchema)
	want := `filter: offset 26: value "yes" is not a boolean for field "disabled"; use true or false`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	_, err = Compile(`id eq`, testSchema)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("syntax error through Compile = %v, want a *SyntaxError", err)
	}
	if _, err := Compile(`id eq "a"`, nil); err == nil {
		t.Error("Compile with a nil schema: no error")
	}
}

func TestFilterString(t *testing.T) {
	t.Parallel()
	f, err := Compile(`( id eq "a" )and(not name sw "b")`, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.String(), `id eq "a" and not name sw "b"`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if f.Expr().String() != f.String() {
		t.Errorf("Expr().String() = %q, want %q", f.Expr().String(), f.String())
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	docs := loadAccounts(t)
	f, err := Compile(`sourceId eq "src1" and (name sw "a" or disabled eq true) or created gt 2024-01-01T00:00:00Z`, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { f.Match(docs[0]) }); n != 0 {
		t.Errorf("Match allocates %v times per call, want 0", n)
	}
}
