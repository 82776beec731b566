package agilenow

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFilterMatch(t *testing.T) {
	t.Parallel()
	docs := loadAccounts(t)
	all := []string{"100", "101", "120", "7", "8"}
	tests := []struct {
		filter string
		want   []string
	}{
		// The vendor's examples.
		{"(DepartmentId.ExternalId In DE001;DE002) AND (ModifiedOn > 2022-01-01)", []string{"100"}},
		{"ExternalId In S100;S101;S120;100", []string{"100", "101", "120", "7"}},
		{"Id = 100", []string{"100"}},
		{"DepartmentId.Name = My Department 1", []string{"100"}},
		{"(DepartmentId.Name = My Department 1) OR (DepartmentId.ExternalId In DE001;DE002)", []string{"100", "101"}},
		// Empty filter.
		{"", all},
		{"   ", all},
		// Text: case-insensitive everywhere.
		{"DepartmentId.Name = my DEPARTMENT 1", []string{"100"}},
		{"username = ALICE", []string{"100"}},
		{"Username = émile", []string{"8"}},
		{"Id <> 100", []string{"101", "120", "7", "8"}},
		{"Name > b", []string{"101", "120", "7", "8"}},
		{"Name >= bob", []string{"101", "120", "7", "8"}},
		{"Name < Carol", []string{"100", "101"}},
		{"Name <= CAROL", []string{"100", "101", "120"}},
		{"ExternalId = 100", []string{"7"}},
		{"ExternalId NotIn s100;S101", []string{"120", "7", "8"}},
		{"LanguageId = FI-fi", []string{"100"}},
		{"LanguageId.Name = German", []string{"7"}},
		{"DepartmentId.Name In Sales, North", nil},
		{"DepartmentId.Name In Sales, North;x", []string{"120"}},
		// NULL (missing or null) satisfies nothing.
		{"Phone <> x", []string{"100"}},
		{"Phone NotIn +358401", nil},
		{"EmailVerified <> true", []string{"101", "120"}},
		{"DepartmentId.ExternalId NotIn DE001", []string{"101", "120"}},
		// Numbers: numeric, exact for integers beyond 2^53.
		{"TenantId.Id = 15", []string{"100", "101"}},
		{"TenantId.Id = 15.0", []string{"100", "101"}},
		{"TenantId.Id = 1.5e1", []string{"100", "101"}},
		{"TenantId.Id > 7", []string{"100", "101", "7", "8"}},
		{"TenantId.Id >= 15", []string{"100", "101", "7", "8"}},
		{"TenantId.Id < 15", []string{"120"}},
		{"TenantId.Id <= 15", []string{"100", "101", "120"}},
		{"TenantId.Id <> 15", []string{"120", "7", "8"}},
		{"TenantId.Id In 7, 15", []string{"100", "101", "120"}},
		{"TenantId.Id NotIn 7;15", []string{"7", "8"}},
		{"TenantId.Id = 9007199254740993", []string{"7"}},
		{"TenantId.Id > 9007199254740992", []string{"7"}},
		{"TenantId.Id > -1e400", all},
		// Booleans.
		{"Is_Active = true", []string{"100", "120", "7"}},
		{"Is_Active = 0", []string{"101", "8"}},
		{"Is_Active <> TRUE", []string{"101", "8"}},
		{"Is_Active In 1", []string{"100", "120", "7"}},
		{"Is_Active NotIn False", []string{"100", "120", "7"}},
		{"EmailVerified = false", []string{"101", "120"}},
		// Date-times: a date alone is midnight UTC.
		{"ModifiedOn = 2022-01-01", []string{"101"}},
		{"ModifiedOn > 2022-01-01", []string{"100", "7"}},
		{"ModifiedOn >= 2022-01-01", []string{"100", "101", "7"}},
		{"ModifiedOn < 2022-01-01", []string{"120"}},
		{"ModifiedOn <= 2022-01-01T00:00:01Z", []string{"101", "120", "7"}},
		{"ModifiedOn > 2022-01-01T01:00:00+02:00", []string{"100", "101", "120", "7"}},
		{"ModifiedOn > 2022-01-01T01:59:59+02:00", []string{"100", "101", "7"}},
		{"ModifiedOn <> 2022-01-01", []string{"100", "120", "7"}},
		{"ModifiedOn In 2022-01-01;2021-12-31T23:59:59Z", []string{"101", "120"}},
		{"CreatedOn = 2020-02-29T06:00:00Z", []string{"120"}},
		{"CreatedOn = 2020-02-29T06:00:00", []string{"120"}},
		{"CreatedOn = 2023-05-05T05:05:05.500Z", []string{"8"}},
		{"CreatedOn < 1901-01-01", []string{"7"}},
		// Like: % and _, case-insensitive, whole value.
		{"Username Like a%", []string{"100"}},
		{"Username Like %.%", []string{"101"}},
		{"Username Like carol_w", []string{"120"}},
		{"Username Like _AVE", []string{"7"}},
		{"Username Like émile", []string{"8"}},
		{"Username Like ali", nil},
		{"Username Like %", all},
		{"Email Like %@EXAMPLE.com", all},
		{"ExternalId Like _%", []string{"100", "101", "120", "7"}},
		// AND binds tighter than OR.
		{"(Id = 8) OR (Is_Active = true) AND (TenantId.Id = 15)", []string{"100", "8"}},
		{"(Is_Active = true) AND (TenantId.Id = 15) OR (Id = 8)", []string{"100", "8"}},
		{"((Id = 8) OR (Is_Active = true)) AND (TenantId.Id = 15)", []string{"100"}},
		{"(Id = 8) OR ((Is_Active = true) AND (TenantId.Id = 15))", []string{"100", "8"}},
		{"(Id In 100;101;120) AND (Is_Active = 1) AND (Name Like c%)", []string{"120"}},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			t.Parallel()
			f, err := CompileFilter(tt.filter, testSchema)
			if err != nil {
				t.Fatalf("CompileFilter(%q): %v", tt.filter, err)
			}
			var hits [][]byte
			for _, d := range docs {
				if f.Match(d) {
					hits = append(hits, d)
				}
			}
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if d := cmp.Diff(want, ids(hits)); d != "" {
				t.Errorf("Match(%q) mismatch (-want +got):\n%s", tt.filter, d)
			}
		})
	}
}

func TestFilterString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"username = ALICE", "Username = ALICE"},
		{"(tenantid.id in 1,2) and (is_active = TRUE)", "(TenantId.Id In 1;2) AND (Is_Active = TRUE)"},
		{"(ID like a%) or (languageid.NAME notin x) and (modifiedon>2022-01-01)",
			"(Id Like a%) OR (LanguageId.Name NotIn x) AND (ModifiedOn > 2022-01-01)"},
	}
	for _, tt := range tests {
		f, err := CompileFilter(tt.in, testSchema)
		if err != nil {
			t.Fatalf("CompileFilter(%q): %v", tt.in, err)
		}
		if got := f.String(); got != tt.want {
			t.Errorf("CompileFilter(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if g, err := CompileFilter(f.String(), testSchema); err != nil || g.String() != tt.want {
			t.Errorf("recompiling %q: %v, %v", tt.want, g, err)
		}
	}
}

func TestCompileFilterErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		input, field string
		offset       int
		msg          string
	}{
		{"Foo = 1", "Foo", 0, `unknown field "Foo"; fields are ` + testSchema.names},
		{"(Id = 1) AND (foo.bar = 2)", "foo.bar", 14, `unknown field "foo.bar"; fields are ` + testSchema.names},
		{"(TenantId.Id = abc)", "TenantId.Id", 15, `value "abc" is not a number, as field TenantId.Id requires`},
		{"TenantId.Id In 1;x", "TenantId.Id", 17, `value "x" is not a number, as field TenantId.Id requires`},
		{"TenantId.Id = 0x10", "TenantId.Id", 14, `value "0x10" is not a number, as field TenantId.Id requires`},
		{"TenantId.Id = NaN", "TenantId.Id", 14, `value "NaN" is not a number, as field TenantId.Id requires`},
		{"TenantId.Id = 1_000", "TenantId.Id", 14, `value "1_000" is not a number, as field TenantId.Id requires`},
		{"TenantId.Id = .5", "TenantId.Id", 14, `value ".5" is not a number, as field TenantId.Id requires`},
		{"TenantId.Id Like 1%", "TenantId.Id", 12, `operator Like applies only to text fields; TenantId.Id is a number field`},
		{"is_active = yes", "is_active", 12, `value "yes" is not a boolean (true, false, 1 or 0), as field Is_Active requires`},
		{"Is_Active > true", "Is_Active", 10, `operator > does not apply to boolean field Is_Active; use =, <>, In or NotIn`},
		{"Is_Active Like t%", "Is_Active", 10, `operator Like applies only to text fields; Is_Active is a boolean field`},
		{"ModifiedOn = 2022-13-01", "ModifiedOn", 13, `value "2022-13-01" is not a date (YYYY-MM-DD) or date-time (RFC 3339), as field ModifiedOn requires`},
		{"ModifiedOn = 2022-1-1", "ModifiedOn", 13, `value "2022-1-1" is not a date (YYYY-MM-DD) or date-time (RFC 3339), as field ModifiedOn requires`},
		{"ModifiedOn Like 2022%", "ModifiedOn", 11, `operator Like applies only to text fields; ModifiedOn is a date-time field`},
		{"(Id = 1) OR (ModifiedOn In 2022-01-01; yesterday)", "ModifiedOn", 39, `value "yesterday" is not a date (YYYY-MM-DD) or date-time (RFC 3339), as field ModifiedOn requires`},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			t.Parallel()
			f, err := CompileFilter(tt.input, testSchema)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("CompileFilter(%q) = %v, %v; want a *FieldError", tt.input, f, err)
			}
			want := &FieldError{Param: "Filters", Input: tt.input, Offset: tt.offset, Field: tt.field, Msg: tt.msg}
			if d := cmp.Diff(want, fe); d != "" {
				t.Errorf("CompileFilter(%q) error mismatch (-want +got):\n%s", tt.input, d)
			}
		})
	}
}

func TestCompileFilterSyntaxError(t *testing.T) {
	t.Parallel()
	_, err := CompileFilter("Id == 1", testSchema)
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != 3 {
		t.Errorf("CompileFilter: error = %v, want a *SyntaxError at offset 3", err)
	}
}

func TestUnknownFieldMessage(t *testing.T) {
	t.Parallel()
	_, err := CompileFilter("Foo = 1", testSchema)
	want := "Filters: offset 0: unknown field \"Foo\"; fields are Id, TenantId.Id, TenantId.Name, Name,"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want prefix %s", err, want)
	}
}

func TestMatchOddDocuments(t *testing.T) {
	t.Parallel()
	f, err := CompileFilter("(Name = x) OR (TenantId.Id > 1) OR (Is_Active = true) OR (ModifiedOn > 2000-01-01)", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		doc  string
		want bool
	}{
		{`{}`, false},
		{`{"Name": {"x": 1}}`, false},
		{`{"Name": ["x"]}`, false},
		{`{"Name": null}`, false},
		{`{"Name": "X"}`, true},
		{`{"TenantId": 5}`, false},
		{`{"TenantId": {"Id": "5"}}`, true},
		{`{"TenantId": {"Id": "five"}}`, false},
		{`{"Is_Active": "TRUE"}`, true},
		{`{"Is_Active": 1}`, true},
		{`{"ModifiedOn": 20000101}`, false},
		{`{"ModifiedOn": "2001-01-01"}`, true},
		{`not json`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := f.Match([]byte(tt.doc)); got != tt.want {
			t.Errorf("Match(%s) = %v, want %v", tt.doc, got, tt.want)
		}
	}
}

func TestMatchEscapedPath(t *testing.T) {
	t.Parallel()
	s := MustSchema(Field{Name: "Weird", Path: []string{"a.b", "c*"}, Type: TypeString})
	f, err := CompileFilter("Weird = yes", s)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match([]byte(`{"a.b": {"c*": "YES"}}`)) {
		t.Error("escaped path: no match, want match")
	}
	if f.Match([]byte(`{"a": {"b": {"c*": "yes"}}}`)) {
		t.Error("escaped path: matched a nested a.b, want no match")
	}
}
